import type { Scenario } from '../scenario/scenario.js';
import { type PoolMember, type PoolSettings, poolMember, poolPerformance } from '../staffing/pool-model.js';
import { defaultStaffingOptions } from '../staffing/staffing-requirements.js';
import { formatIsoInZone, zonedToEpoch } from '../time/zoned.js';
import type { Unplaced } from './counters.js';
import type { DaySolution, Seat } from './day-solution.js';
import { staffMinutesLowerBound } from './lower-bound.js';
import type { AllocationModel } from './model.js';
import type { Assignment, ExpectedPerformance, Plan, Shift, Shortfall, ShortfallReason } from './plan.js';
import type { SlotRequirements } from './requirements.js';

const EPS = 1e-6;

/**
 * Each service's queue in each slot, for expected performance: the model staffing sized it with (appointments first
 * by the two-class priority model, else Allen–Cunneen), at the modified offered load, so that a service given at
 * least its required servers is expected to meet its target.
 */
export class SlotQueues {
  private readonly S: number;
  private readonly members: PoolMember[];
  private readonly settings: PoolSettings;
  private readonly fraction: Float64Array;
  private readonly waitTarget: Float64Array;
  private readonly app = new Float64Array(1);
  private readonly walk = new Float64Array(1);

  constructor(
    scenario: Scenario,
    private readonly req: SlotRequirements,
    priority: 'appointments-first' | 'fcfs',
  ) {
    const S = scenario.services.length;
    this.S = S;
    this.members = scenario.services.map(poolMember);
    const cv = defaultStaffingOptions.appointmentArrivalCv;
    this.settings = {
      appointmentsFirst: priority === 'appointments-first',
      appointmentArrivalScv: cv * cv,
      abandonment: defaultStaffingOptions.abandonment,
      maxOccupancy: defaultStaffingOptions.maxOccupancy,
      maxServers: defaultStaffingOptions.maxServers,
    };
    this.fraction = Float64Array.from(this.members, (m) => m.fraction);
    this.waitTarget = Float64Array.from(this.members, (m) => m.meanWaitSeconds);
  }

  /** Whether service `s` has arrivals in slot `t`. */
  busy(t: number, s: number): boolean {
    return this.req.ratePerHour[t * this.S + s] > 0;
  }

  /** Service level and mean wait of service `s` in slot `t` with `servers` effective servers. */
  metrics(t: number, s: number, servers: number): { serviceLevel: number; meanWaitSeconds: number } {
    const i = t * this.S + s;
    const rate = this.req.ratePerHour[i];
    if (!(rate > 0)) return { serviceLevel: 1, meanWaitSeconds: 0 };
    const share = this.req.appointmentShare[i];
    this.app[0] = rate * share;
    this.walk[0] = rate * (1 - share);
    return poolPerformance([this.members[s]], this.app, this.walk, this.settings, servers);
  }

  /** Share of the target met (uncapped): service level ÷ target fraction, or target wait ÷ mean wait. */
  share(t: number, s: number, servers: number): number {
    const m = this.metrics(t, s, servers);
    const f = this.fraction[s];
    if (!Number.isNaN(f) && f > 0) return m.serviceLevel / f;
    const w = this.waitTarget[s];
    if (!Number.isNaN(w)) return m.meanWaitSeconds <= 0 ? 10 : Math.min(10, w / m.meanWaitSeconds);
    return servers >= this.req.servers[t * this.S + s] - EPS ? 1 : 0;
  }
}

/** A seat with no service chosen yet (a person seated at a spare counter, or any counter in max-service). */
export interface SpareSeat {
  readonly counter: number;
  readonly person: number;
  /** Services the seat may serve: counter capability ∩ person's skills. */
  readonly options: readonly number[];
}

/**
 * Give spare seats to services by greedy marginal analysis with a heap: the service with the lowest share of its
 * target that some free seat can serve gets the most specialised such seat, until no seat is left. This maximises
 * the smallest share slot by slot (the shares are concave in servers), which is the `max-service` objective and,
 * for the few seats `min-staff` leaves spare, puts them where they help most.
 * Complexity O((seats + services) log services × formula).
 */
export function allocateSpare(
  t: number,
  spares: readonly SpareSeat[],
  servers: Float64Array,
  S: number,
  queues: SlotQueues,
): Seat[] {
  const out: Seat[] = [];
  const left = spares.map((x) => x);
  const heap: { s: number; key: number }[] = [];
  const push = (s: number) => {
    heap.push({ s, key: queues.share(t, s, servers[t * S + s]) });
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p].key <= heap[i].key) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): { s: number; key: number } => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].key < heap[m].key) m = l;
        if (r < heap.length && heap[r].key < heap[m].key) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const wanted = new Uint8Array(S);
  for (const x of left) for (const s of x.options) if (queues.busy(t, s)) wanted[s] = 1;
  for (let s = 0; s < S; s++) if (wanted[s]) push(s);
  while (left.length > 0 && heap.length > 0) {
    const { s } = pop();
    let best = -1;
    for (let j = 0; j < left.length; j++) {
      if (!left[j].options.includes(s)) continue;
      if (best < 0 || left[j].options.length < left[best].options.length) best = j;
    }
    if (best < 0) continue;
    const seat = left.splice(best, 1)[0];
    servers[t * S + s] += 1;
    out.push({ counter: seat.counter, person: seat.person, services: [s], loads: [1] });
    push(s);
  }
  for (const seat of left) {
    const s = seat.options[0];
    servers[t * S + s] += 1;
    out.push({ counter: seat.counter, person: seat.person, services: [s], loads: [1] });
  }
  return out;
}

/** What the solver hands over to be written as a Plan. */
export interface SolvedDays {
  readonly days: readonly DaySolution[];
  readonly unplaced: readonly Unplaced[];
  /** HiGHS's bound for the shift-pattern model, when the exact solver ran. */
  readonly modelBoundMinutes?: number;
  /** The exact solver proved every day optimal. */
  readonly proven: boolean;
}

/**
 * Write the Plan JSON (DESIGN.md): assignments per open counter and slot, shifts with their breaks, expected
 * performance per service and slot, shortfalls with their reasons, and the summary.
 */
export function buildPlan(
  model: AllocationModel,
  req: SlotRequirements,
  queues: SlotQueues,
  solved: SolvedDays,
  startedAt: number,
  warnings: readonly string[],
): Plan {
  const { scenario, grid } = model;
  const S = model.serviceCount;
  const T = grid.slotEpoch.length;
  const sm = grid.slotMinutes;
  const tz = grid.timezone;
  const serviceIds = scenario.services.map((s) => s.id);
  const counterIds = scenario.counters.map((c) => c.id);
  const staffIds = scenario.staff.map((p) => p.id);
  // Seats serving the same services share one (read-only) list of their ids.
  const single = serviceIds.map((id) => [id]);
  const lists = new Map<string, readonly string[]>();
  const serviceNames = (services: readonly number[]): readonly string[] => {
    if (services.length === 1) return single[services[0]];
    const key = services.join(',');
    let names = lists.get(key);
    if (names === undefined) {
      names = services.map((s) => serviceIds[s]);
      lists.set(key, names);
    }
    return names;
  };
  const servers = new Float64Array(T * S);
  const assignments: Assignment[] = [];
  const shifts: Shift[] = [];
  let staffMinutes = 0;
  solved.days.forEach((sol, d) => {
    const day = model.days[d];
    const gd = grid.days[d];
    const slots: number[] = [];
    for (let p = 0; p < gd.length; p++) if (gd.slot[p] >= 0) slots.push(gd.slot[p]);
    sol.seats.forEach((row, i) => {
      const t = slots[i];
      const fixed: Seat[] = [];
      const spares: SpareSeat[] = [];
      for (const seat of row) {
        if (seat.services.length > 0) {
          fixed.push(seat);
          continue;
        }
        const options: number[] = [];
        for (let s = 0; s < S; s++) {
          if (day.cap[seat.counter * S + s] && model.skill[seat.person * S + s]) options.push(s);
        }
        spares.push({ counter: seat.counter, person: seat.person, options });
      }
      for (const seat of fixed) {
        const total = seat.loads.reduce((a, b) => a + b, 0);
        seat.services.forEach((s, j) => {
          servers[t * S + s] += total > 0 ? seat.loads[j] / total : 1 / seat.services.length;
        });
      }
      const all = spares.length > 0 ? fixed.concat(allocateSpare(t, spares, servers, S, queues)) : fixed;
      all.sort((a, b) => a.counter - b.counter);
      for (const seat of all) {
        assignments.push({
          slotStart: grid.slotIso[t],
          counter: counterIds[seat.counter],
          staff: staffIds[seat.person],
          services: serviceNames(seat.services),
        });
      }
    });
    // Shifts start and end at day positions: each position's time is formatted once.
    const [y, m, dd] = gd.date.split('-').map(Number);
    const timeAt: (string | undefined)[] = new Array(gd.length + 1);
    const positionTime = (pos: number): string => {
      let iso = timeAt[pos];
      if (iso === undefined) {
        const minute = gd.firstMinute + pos * sm;
        iso = formatIsoInZone(zonedToEpoch(y, m, dd, Math.floor(minute / 60), minute % 60, 0, tz), tz);
        timeAt[pos] = iso;
      }
      return iso;
    };
    for (let p = 0; p < model.staffCount; p++) {
      const q = sol.patternOf[p];
      if (q < 0) continue;
      const pat = day.groups[day.groupOf[p]].patterns;
      staffMinutes += pat.worked[q] * sm;
      const b0 = pat.breakStart[q];
      shifts.push({
        staff: staffIds[p],
        start: positionTime(pat.first[q]),
        end: positionTime(pat.last[q] + 1),
        breaks: b0 >= 0 ? [{ start: positionTime(b0), end: positionTime(pat.breakEnd[q]) }] : [],
      });
    }
  });

  const reasonOf = new Map<number, ShortfallReason>();
  for (const u of solved.unplaced) {
    const key = u.slot * S + u.service;
    if (!reasonOf.has(key)) reasonOf.set(key, u.reason);
  }
  const expected: ExpectedPerformance[] = [];
  const shortfalls: Shortfall[] = [];
  let pairs = 0;
  let met = 0;
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) {
      const i = t * S + s;
      const x = servers[i];
      const need = req.servers[i];
      if (req.arrivals[i] > 0 || x > 0) {
        const m = queues.metrics(t, s, x);
        expected.push({
          service: serviceIds[s],
          slotStart: grid.slotIso[t],
          arrivals: round(req.arrivals[i], 4),
          servers: round(x, 4),
          serviceLevel: round(m.serviceLevel, 4),
          meanWaitSeconds: round(m.meanWaitSeconds, 1),
        });
      }
      if (need <= EPS) continue;
      pairs++;
      if (x >= need - EPS) {
        met++;
        continue;
      }
      shortfalls.push({
        service: serviceIds[s],
        slotStart: grid.slotIso[t],
        neededServers: round(need, 4),
        availableServers: round(x, 4),
        reason: reasonOf.get(i) ?? 'no-staff',
      });
    }
  }
  const reached = new Float64Array(T * S);
  for (let i = 0; i < T * S; i++) reached[i] = Math.min(req.servers[i], servers[i]);
  const lowerBound = staffMinutesLowerBound(model, reached);
  const status: Plan['status'] =
    shortfalls.length > 0
      ? 'infeasible'
      : solved.proven || staffMinutes <= lowerBound + EPS
        ? 'optimal'
        : 'feasible';
  const plan: Plan = {
    status,
    assignments,
    shifts,
    expected,
    shortfalls,
    summary: {
      staffMinutes,
      counterMinutes: assignments.length * sm,
      lowerBoundStaffMinutes: lowerBound,
      targetsMetFraction: pairs === 0 ? 1 : round(met / pairs, 6),
      solveMilliseconds: round(performance.now() - startedAt, 3),
      ...(solved.modelBoundMinutes === undefined
        ? {}
        : { modelLowerBoundStaffMinutes: solved.modelBoundMinutes }),
    },
  };
  return warnings.length > 0 ? { ...plan, warnings } : plan;
}

function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
