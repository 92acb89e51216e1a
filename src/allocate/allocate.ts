import type { Highs } from 'highs';
import { check } from '../errors.js';
import type { Scenario } from '../scenario/scenario.js';
import { buildPlan, SlotQueues } from './build-plan.js';
import { type DayLayout, layoutDay, RoleTable, type Unplaced } from './counters.js';
import { coverDay, type DayCover } from './cover.js';
import type { DaySolution, Seat } from './day-solution.js';
import { solveDayExact } from './exact.js';
import { buildSlotGrid } from './grid.js';
import { type AllocationModel, buildModel, type DayModel } from './model.js';
import type { Plan } from './plan.js';
import { type RequirementRow, slotRequirements } from './requirements.js';

/** What {@link allocate} optimises. */
export type AllocateObjective = 'min-staff' | 'max-service';

/** Options of {@link allocate}; every field has a default (see {@link defaultAllocateOptions}). */
export interface AllocateOptions {
  /**
   * `'min-staff'` (default): the fewest staff-minutes that meet every target. `'max-service'`: with the staff
   * available, the largest smallest share of target met, then the largest total (everyone available works).
   */
  readonly objective?: AllocateObjective;
  /** Appointment priority for the queueing model; default the scenario's `priority`. */
  readonly priority?: 'appointments-first' | 'fcfs';
  /** Counters that keep one service for each whole day, besides those marked `dedicated` in the scenario. Default none. */
  readonly dedicatedCounters?: readonly string[];
  /**
   * Staff-minutes that a change of a one-stop counter's service list between consecutive slots is worth: merging
   * remainders onto a counter that served another set, or closing a position by moving load onto others, is done
   * only when it saves more; at a whole slot or more, a set changes only to take a service with no single-service
   * counter left, or requirement that would otherwise be left unplaced. Default 0. On the benchmark's large day (30-minute slots) the layout has 669 positions and 35 changes
   * at 0, 671 and 22 at 20, 713 and 11 at 30.
   */
  readonly switchPenaltyMinutes?: number;
  /** Servers needed per service and slot, instead of computing them with `staffingRequirements`. Default: computed. */
  readonly requirements?: readonly RequirementRow[];
  /**
   * `'fast'` (default): counters laid out per slot, then shifts by LP rounding and local search (optionally
   * ruin-and-recreate); milliseconds for a day, about a second for a large week. `'exact'`: each day solved as an
   * integer programme by HiGHS (the reference; needs `highs`), falling back to the fast plan for a day HiGHS finds no
   * solution for in time. `'both'`: both, keeping the cheaper plan of each day.
   */
  readonly solver?: 'fast' | 'exact' | 'both';
  /** A loaded HiGHS instance, `await (await import('highs')).default()`; needed by `solver: 'exact' | 'both'`. */
  readonly highs?: Highs;
  /** Time limit for HiGHS over all days, seconds. Default 60. */
  readonly exactTimeLimitSeconds?: number;
  /**
   * Constructions the fast solver starts from, 1–6 (LP rounding with specialists first, LP rounding alone, ratio
   * greedy, sweeps forward, backward, fullest first); the cheapest after a round of local search is polished
   * further; on a day where positions stay open, the first three are tried whatever this says. Default 1: the LP
   * rounding with specialists first (the LP's shift mix given to the people whose skills fill most) is the
   * strongest alone; more starts cost time and pay only on some days (2 finds the small benchmark day's optimum).
   */
  readonly starts?: number;
  /** Rounds of best-response local search. Default 3. */
  readonly improveRounds?: number;
  /** Rounds of pair moves (two people leave and come back by best response) after the local search. Default 1. */
  readonly pairRounds?: number;
  /**
   * Rounds of ejections after the pair moves: each part-day shift (working at least an hour less than a full day)
   * is taken away and the others stretch over what it left open, kept when that is cheaper; a later round retries
   * only shifts whose slots changed. Default 2; 0 is faster (about 2× on the benchmark's medium day and large week)
   * and plans up to about 4 % more staff-minutes (its medium day: 7770 against 7440).
   */
  readonly ejectionRounds?: number;
  /** Ruin-and-recreate iterations per day after the local search (slower, sometimes cheaper). Default 0. */
  readonly lnsIterations?: number;
  /** Seed of the randomised search (plans are deterministic for a seed). Default 1. */
  readonly seed?: number;
}

/**
 * Defaults of {@link AllocateOptions}: fewest staff-minutes, the fast solver (HiGHS only on request, 60 s limit),
 * one start of the shift search (LP rounding, specialists first), seed 1.
 *
 * @example
 * allocate(scenario, { ...defaultAllocateOptions, objective: 'max-service' });
 * defaultAllocateOptions.solver; // => 'fast'
 */
export const defaultAllocateOptions = {
  objective: 'min-staff',
  priority: undefined,
  dedicatedCounters: [],
  switchPenaltyMinutes: 0,
  requirements: undefined,
  solver: 'fast',
  highs: undefined,
  exactTimeLimitSeconds: 60,
  starts: 1,
  improveRounds: 3,
  pairRounds: 1,
  ejectionRounds: 2,
  lnsIterations: 0,
  seed: 1,
} as const satisfies AllocateOptions;

const FN = 'allocate';

/**
 * Plan a centre: which counters are open in each slot and which services each serves, who sits where, and each
 * person's shift with its break — meeting every service's target at the fewest staff-minutes (or, with
 * `objective: 'max-service'`, the best service with the staff available). Targets that cannot be met never throw:
 * the best plan comes back with `status: 'infeasible'` and one shortfall per slot and service.
 *
 * How (DESIGN.md, Algorithms → Allocation):
 * 1. Requirements: effective servers per service and slot from `staffingRequirements` (backlog-carrying modified
 *    offered load, appointment priority), unless given.
 * 2. Counters per slot: whole servers on single-service counters, remainders merged onto one-stop counters where a
 *    counter and an available person cover the set (see `layoutDay`).
 * 3. Shifts: set covering of the positions by shift patterns (start, end, one break in the window or the lunch
 *    closure, from its shortest to an hour longer; length and working-time limits; availability). Several
 *    constructions — rounding the day's covering LP (on the shortest breaks), Chvátal's ratio greedy, sweeps along
 *    the demand curve — each polished by best-response local search; the cheapest gets more rounds, then pair moves
 *    (and optionally ruin and recreate). Each slot's seating is a bipartite matching of people to counters on
 *    skills, kept stable across slots. A day whose shifts leave positions open is planned again on the layout of
 *    closing alone (`LayoutOptions.reshape` false: no one-stop counters swapped in, lists not narrowed), with the
 *    shortest breaks only, and with the longer breaks in the LP too, in turn until a day leaves none open; the day
 *    with fewer servers short, then fewer staff-minutes, is kept.
 * 4. Spare seats (people on duty beyond the positions) go to services by greedy marginal analysis with a heap on
 *    the service-level curves (`queueMetrics`), the lowest share of target first.
 * With `solver: 'exact' | 'both'`, each day is also solved as the same model in integer programming by HiGHS.
 *
 * Complexity: per day O(slots × services²) for counters plus O(shifts × (slots × classes × counters + patterns))
 * for shifts; a medium centre's day (12 services, 24 counters, 40 staff) plans in milliseconds
 * (bench/allocate.bench.ts).
 *
 * @param scenario a parsed Scenario (`parseScenario(json).scenario`); not modified.
 * @param options see {@link AllocateOptions}.
 * @returns the Plan JSON of DESIGN.md.
 * @throws QueuecastError INVALID_ARGUMENT for bad options, INVALID_INPUT for bad requirement rows.
 * @example
 * const { scenario } = parseScenario(allocationInstance('small-day'));
 * const plan = allocate(scenario);
 * plan.status; // => 'optimal' or 'feasible' (no shortfalls)
 * validatePlan(scenario, plan); // => []
 */
export function allocate(scenario: Scenario, options: AllocateOptions = {}): Plan {
  const startedAt = performance.now();
  const o = { ...defaultAllocateOptions, ...options };
  check(
    o.objective === 'min-staff' || o.objective === 'max-service',
    FN,
    'objective must be min-staff or max-service',
    o.objective,
  );
  const priority = o.priority ?? scenario.priority;
  check(
    priority === 'appointments-first' || priority === 'fcfs',
    FN,
    'priority must be appointments-first or fcfs',
    priority,
  );
  check(
    Number.isFinite(o.switchPenaltyMinutes) && o.switchPenaltyMinutes >= 0,
    FN,
    'switchPenaltyMinutes must be ≥ 0',
    o.switchPenaltyMinutes,
  );
  check(
    Number.isFinite(o.exactTimeLimitSeconds) && o.exactTimeLimitSeconds > 0,
    FN,
    'exactTimeLimitSeconds must be > 0',
    o.exactTimeLimitSeconds,
  );
  check(
    Number.isInteger(o.starts) && o.starts >= 1 && o.starts <= 6,
    FN,
    'starts must be an integer 1–6',
    o.starts,
  );
  check(
    Number.isInteger(o.improveRounds) && o.improveRounds >= 0,
    FN,
    'improveRounds must be an integer ≥ 0',
    o.improveRounds,
  );
  check(
    Number.isInteger(o.pairRounds) && o.pairRounds >= 0,
    FN,
    'pairRounds must be an integer ≥ 0',
    o.pairRounds,
  );
  check(
    Number.isInteger(o.ejectionRounds) && o.ejectionRounds >= 0,
    FN,
    'ejectionRounds must be an integer ≥ 0',
    o.ejectionRounds,
  );
  check(
    Number.isInteger(o.lnsIterations) && o.lnsIterations >= 0,
    FN,
    'lnsIterations must be an integer ≥ 0',
    o.lnsIterations,
  );
  check(Number.isFinite(o.seed), FN, 'seed must be a finite number', o.seed);
  check(
    o.solver === 'fast' || o.solver === 'exact' || o.solver === 'both',
    FN,
    'solver must be fast, exact or both',
    o.solver,
  );
  check(
    o.solver === 'fast' || o.highs !== undefined,
    FN,
    `solver ${o.solver} needs a loaded HiGHS instance (options.highs)`,
    o.highs,
  );
  check(
    o.solver === 'fast' || o.objective === 'min-staff',
    FN,
    'the exact solver handles objective min-staff only',
    o.objective,
  );
  const counterIds = new Set(scenario.counters.map((c) => c.id));
  for (const id of o.dedicatedCounters)
    check(counterIds.has(id), FN, 'dedicatedCounters must name counters of the scenario', id);

  const grid = buildSlotGrid(scenario);
  const req = slotRequirements(scenario, grid, priority, o.requirements);
  const model = buildModel(scenario, grid, req.servers, new Set(o.dedicatedCounters));
  const roles = new RoleTable(model);
  const queues = new SlotQueues(scenario, req, priority);
  const warnings = [...req.warnings];
  const days: DaySolution[] = [];
  const unplaced: Unplaced[] = [];
  let proven = model.days.length > 0;
  let modelBound = 0;
  let modelBoundValid = true;
  const exactStarted = performance.now();
  const unitCost = scenario.staff.every((p) => (p.costPerMinute ?? 1) === 1);
  for (const day of model.days) {
    const solveFast = (reshape: boolean, longBreaks: boolean, lpLongBreaks: boolean) => {
      const layout = layoutDay(model, day, req.servers, roles, availableClasses(model, day), {
        switchPenaltyMinutes: o.switchPenaltyMinutes,
        reshape,
      });
      const cover = coverDay(model, day, layout, roles, {
        starts: o.starts,
        improveRounds: o.improveRounds,
        pairRounds: o.pairRounds,
        ejectionRounds: o.ejectionRounds,
        lnsIterations: o.lnsIterations,
        seed: o.seed,
        spareValue: o.objective === 'max-service' ? demandByClass(model, layout, req.arrivals) : undefined,
        longBreaks,
        lpLongBreaks,
      });
      let open = 0;
      for (let i = 0; i < layout.slots.length; i++) open += cover.matching.freeCount(i);
      return { layout, open, sol: fromCover(model, layout, cover) };
    };
    // Where the shifts leave positions open, the layout of closing alone, the shortest breaks, and the LP rounding
    // over the longer breaks too are tried in turn, until a day leaves none open; the best day is kept.
    let fast = solveFast(true, true, false);
    if (fast.open > 0) {
      for (const [reshape, longBreaks, lpLongBreaks] of [
        [false, true, false],
        [true, false, false],
        [true, true, true],
      ] as const) {
        const other = solveFast(reshape, longBreaks, lpLongBreaks);
        const better =
          dayObjective(model, day, req.servers, other.sol) <
          dayObjective(model, day, req.servers, fast.sol) - 1e-6;
        if (better) fast = other;
        if (fast.open === 0) break;
      }
    }
    for (const u of fast.layout.unplaced) unplaced.push(u);
    let sol = fast.sol;
    if (o.solver !== 'fast' && o.highs !== undefined) {
      // The time left is shared equally by the days left, so a quick day leaves its time to the next.
      const left = o.exactTimeLimitSeconds - (performance.now() - exactStarted) / 1000;
      const budget = Math.max(0.1, left / (model.days.length - day.index));
      const date = grid.days[day.index].date;
      let ex: ReturnType<typeof solveDayExact> | null = null;
      try {
        ex = solveDayExact(o.highs, model, day, req.servers, {
          timeLimitSeconds: budget,
          mipRelGap: 1e-6,
          relaxation: false,
          ...(o.solver === 'both' ? { start: sol } : {}),
        });
      } catch (e) {
        warnings.push(`${date}: HiGHS failed (${(e as Error).message}); fast plan kept`);
      }
      if (ex === null || ex.status !== 'optimal') proven = false;
      if (ex === null) modelBoundValid = false;
      else {
        modelBound += ex.bound;
        if (ex.solution === null) {
          warnings.push(`${date}: HiGHS found no solution within the time limit; fast plan kept`);
        } else if (
          o.solver === 'exact' ||
          dayObjective(model, day, req.servers, ex.solution) <
            dayObjective(model, day, req.servers, sol) - 1e-6
        ) {
          sol = ex.solution;
        }
      }
    } else proven = false;
    days.push(sol);
  }
  return buildPlan(
    model,
    req,
    queues,
    {
      days,
      unplaced,
      proven,
      ...(o.solver !== 'fast' && unitCost && modelBoundValid ? { modelBoundMinutes: modelBound } : {}),
    },
    startedAt,
    warnings,
  );
}

/** Skill classes (with head counts) of the people who could work each slot of `day`; the layout's input. */
export function availableClasses(
  model: AllocationModel,
  day: DayModel,
): (slot: number, out: Int32Array) => void {
  return (t: number, out: Int32Array) => {
    const pos = model.grid.slotPosition[t];
    out.fill(0);
    for (const g of day.groups) if (g.coverable[pos]) out[g.skillClass] += g.members.length;
  };
}

/** Seats of the fast solver: people at positions serve the position's services; others are spare seats. */
function fromCover(model: AllocationModel, layout: DayLayout, cover: DayCover): DaySolution {
  const C = model.counterCount;
  const seats: Seat[][] = [];
  layout.slots.forEach((_, i) => {
    const byCounter = new Map(layout.positions[i].map((p) => [p.counter, p]));
    const row: Seat[] = [];
    for (let c = 0; c < C; c++) {
      const person = cover.matching.personAt[i * C + c];
      if (person < 0) continue;
      const pos = byCounter.get(c);
      row.push(
        pos === undefined
          ? { counter: c, person, services: [], loads: [] }
          : { counter: c, person, services: pos.services, loads: pos.loads },
      );
    }
    seats.push(row);
  });
  return { patternOf: cover.patternOf, seats };
}

/** Paid minutes × cost plus a penalty per server short of the requirement, for comparing two solutions of a day. */
function dayObjective(
  model: AllocationModel,
  day: DayModel,
  requirements: Float64Array,
  sol: DaySolution,
): number {
  const S = model.serviceCount;
  const gd = model.grid.days[day.index];
  let cost = 0;
  let maxCost = 1;
  for (let p = 0; p < model.staffCount; p++) {
    const q = sol.patternOf[p];
    if (q < 0) continue;
    const g = day.groups[day.groupOf[p]];
    cost += g.patterns.worked[q] * model.grid.slotMinutes * g.costPerMinute;
    maxCost = Math.max(maxCost, g.costPerMinute);
  }
  let short = 0;
  let i = 0;
  const x = new Float64Array(S);
  for (let pos = 0; pos < gd.length; pos++) {
    const t = gd.slot[pos];
    if (t < 0) continue;
    x.fill(0);
    for (const seat of sol.seats[i]) {
      const total = seat.loads.reduce((a, b) => a + b, 0);
      seat.services.forEach((s, j) => {
        x[s] += seat.loads[j] / total;
      });
    }
    for (let s = 0; s < S; s++) short += Math.max(0, requirements[t * S + s] - x[s]);
    i++;
  }
  return cost + 100 * day.rules.maxShiftMinutes * maxCost * short;
}

/** 1 where a person of skill class k could serve a service with arrivals in local slot i (local slot × class). */
function demandByClass(model: AllocationModel, layout: DayLayout, arrivals: Float64Array): Uint8Array {
  const S = model.serviceCount;
  const K = model.skillClasses.length;
  const out = new Uint8Array(layout.slots.length * K);
  layout.slots.forEach((t, i) => {
    for (let k = 0; k < K; k++) {
      for (const s of model.skillClasses[k]) {
        if (arrivals[t * S + s] > 0) {
          out[i * K + k] = 1;
          break;
        }
      }
    }
  });
  return out;
}
