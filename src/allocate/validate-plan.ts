import type { Scenario } from '../scenario/scenario.js';
import { parseClock, parseIsoTime } from '../time/zoned.js';
import { buildSlotGrid, localSlotOf } from './grid.js';
import type { Plan } from './plan.js';
import { type RequirementRow, slotRequirements } from './requirements.js';
import { checkShift, dayRules } from './shift-rules.js';

/** Which rule a plan breaks. */
export type PlanRule =
  | 'unknown-counter'
  | 'unknown-staff'
  | 'closed-slot'
  | 'capability'
  | 'dedicated'
  | 'skill'
  | 'availability'
  | 'double-booked'
  | 'counter-twice'
  | 'shift-rules'
  | 'shift-record'
  | 'servers'
  | 'unlisted-shortfall'
  | 'false-shortfall';

/** One broken rule, with a message naming the slot, counter, person or service. */
export interface PlanViolation {
  readonly rule: PlanRule;
  readonly message: string;
}

/** Options of {@link validatePlan}. */
export interface ValidatePlanOptions {
  /** Priority the requirements were computed with; default the scenario's. */
  readonly priority?: 'appointments-first' | 'fcfs';
  /** Requirements the plan was made for, when they were given rather than computed. */
  readonly requirements?: readonly RequirementRow[];
}

const EPS = 1e-6;
/** Tolerance for servers read back from the plan (written to 4 decimals). */
const READ_EPS = 1e-4;

/**
 * Check a plan against its scenario (DESIGN.md, "How a plan is operated"): every assignment's counter can serve its
 * services (a dedicated counter keeps one service per day); its person has the skills, works that date and is
 * available then, in an open slot; nobody is at two counters at once and no counter has two people; each person's
 * assignments on a date form one shift between the minimum and maximum length (the minimum capped at the day's
 * opening span), within `maxWorkMinutes`, with no gap but one break — at least `breakMinutes` starting inside the
 * break window, or a closure of the hall — and a break whenever the shift spans the whole window; the shift records
 * match the assignments; the expected servers per service and slot are what the assignments can give (a flow
 * check); and every slot and service below its requirement is listed as a shortfall, and only those.
 *
 * Complexity O(assignments + slots × services²).
 *
 * @returns violations; empty when the plan is valid.
 * @example
 * validatePlan(scenario, allocate(scenario)); // => []
 */
export function validatePlan(
  scenario: Scenario,
  plan: Plan,
  options: ValidatePlanOptions = {},
): PlanViolation[] {
  const out: PlanViolation[] = [];
  const add = (rule: PlanRule, message: string) => out.push({ rule, message });
  const tz = scenario.centre.timezone;
  const grid = buildSlotGrid(scenario);
  const dayIndex = new Map(grid.days.map((d, i) => [d.date, i]));
  const S = scenario.services.length;
  const serviceIndex = new Map(scenario.services.map((s, i) => [s.id, i]));
  const counters = new Map(scenario.counters.map((c) => [c.id, c]));
  const staff = new Map(scenario.staff.map((p) => [p.id, p]));
  const slotOf = (iso: string): number => {
    const { date, minute } = localSlotOf(iso, tz, grid.slotMinutes);
    const d = dayIndex.get(date);
    if (d === undefined) return -1;
    const day = grid.days[d];
    const pos = (minute - day.firstMinute) / grid.slotMinutes;
    return Number.isInteger(pos) && pos >= 0 && pos < day.length ? day.slot[pos] : -1;
  };

  const seen = new Set<string>();
  const counterSeen = new Set<string>();
  const worked = new Map<string, number[]>();
  const dedicatedService = new Map<string, string>();
  const perSlot = new Map<number, number[][]>();
  for (const a of plan.assignments) {
    const where = `${a.slotStart} ${a.counter}`;
    const counter = counters.get(a.counter);
    if (counter === undefined) {
      add('unknown-counter', `${where}: no counter ${JSON.stringify(a.counter)} in the scenario`);
      continue;
    }
    const t = slotOf(a.slotStart);
    if (t < 0) {
      add('closed-slot', `${where}: ${a.slotStart} is not an open slot of the scenario`);
      continue;
    }
    for (const s of a.services) {
      if (!counter.services.includes(s)) add('capability', `${where}: counter cannot serve ${s}`);
      if (counter.dedicated === true) {
        const key = `${a.counter}|${grid.days[grid.slotDay[t]].date}`;
        const kept = dedicatedService.get(key);
        if (kept === undefined) dedicatedService.set(key, s);
        else if (kept !== s)
          add('dedicated', `${where}: dedicated counter serves ${s} after ${kept} on the same day`);
      }
    }
    if (a.services.length === 0)
      add('capability', `${where}: an open counter must list at least one service`);
    const ckey = `${t}|${a.counter}`;
    if (counterSeen.has(ckey)) add('counter-twice', `${where}: two assignments for one counter in one slot`);
    counterSeen.add(ckey);
    if (a.staff === null) {
      add('unknown-staff', `${where}: counter open without a person`);
      continue;
    }
    const person = staff.get(a.staff);
    if (person === undefined) {
      add('unknown-staff', `${where}: no staff ${JSON.stringify(a.staff)} in the scenario`);
      continue;
    }
    for (const s of a.services) {
      if (!person.skills.includes(s)) add('skill', `${where}: ${a.staff} lacks skill ${s}`);
    }
    const date = grid.days[grid.slotDay[t]].date;
    const minute = grid.slotMinute[t];
    if (person.dates !== undefined && !person.dates.includes(date)) {
      add('availability', `${where}: ${a.staff} does not work on ${date}`);
    }
    if (
      minute < parseClock(person.availableFrom) ||
      minute + grid.slotMinutes > parseClock(person.availableTo)
    ) {
      add(
        'availability',
        `${where}: ${a.staff} is available ${person.availableFrom}–${person.availableTo} only`,
      );
    }
    const key = `${t}|${a.staff}`;
    if (seen.has(key)) add('double-booked', `${a.slotStart}: ${a.staff} is at two counters at once`);
    seen.add(key);
    const wkey = `${a.staff}|${date}`;
    let list = worked.get(wkey);
    if (list === undefined) {
      list = [];
      worked.set(wkey, list);
    }
    list.push(grid.slotPosition[t]);
    let row = perSlot.get(t);
    if (row === undefined) {
      row = [];
      perSlot.set(t, row);
    }
    row.push(a.services.map((s) => serviceIndex.get(s) ?? -1).filter((s) => s >= 0));
  }

  const shiftRecords = new Map<string, Plan['shifts'][number]>();
  for (const sh of plan.shifts) {
    const t = parseIsoTime(sh.start, tz);
    const { date } = localSlotOf(sh.start, tz, grid.slotMinutes);
    const key = `${sh.staff}|${date}`;
    if (shiftRecords.has(key)) add('shift-record', `${sh.staff}: two shifts on ${date}`);
    shiftRecords.set(key, sh);
    if (!worked.has(key) && Number.isFinite(t))
      add('shift-record', `${sh.staff}: shift on ${date} without assignments`);
  }
  for (const [key, positions] of worked) {
    const [id, date] = key.split('|');
    const d = dayIndex.get(date)!;
    const day = grid.days[d];
    const person = staff.get(id)!;
    const rules = dayRules(day, scenario.shiftRules, grid.slotMinutes);
    const res = checkShift(
      day,
      rules,
      {
        fromMinute: parseClock(person.availableFrom),
        toMinute: parseClock(person.availableTo),
        maxWorkMinutes: person.maxWorkMinutes,
      },
      positions,
    );
    for (const p of res.problems) add('shift-rules', `${id} on ${date}: ${p}`);
    const rec = shiftRecords.get(key);
    if (rec === undefined) {
      add('shift-record', `${id} on ${date}: assignments without a shift record`);
      continue;
    }
    const sorted = [...positions].sort((a, b) => a - b);
    const minuteAt = (pos: number) => day.firstMinute + pos * grid.slotMinutes;
    const localMinute = (iso: string) => {
      const l = localSlotOf(iso, tz, 1);
      return l.date === date ? l.minute : Number.NaN;
    };
    if (
      localMinute(rec.start) !== minuteAt(sorted[0]) ||
      localMinute(rec.end) !== minuteAt(sorted[sorted.length - 1] + 1)
    ) {
      add('shift-record', `${id} on ${date}: shift ${rec.start}–${rec.end} differs from the assignments`);
    }
    const hasBreak = res.breakStart >= 0;
    const recBreak = rec.breaks[0];
    if (rec.breaks.length > 1 || hasBreak !== (recBreak !== undefined)) {
      add('shift-record', `${id} on ${date}: recorded breaks differ from the gap in the assignments`);
    } else if (
      hasBreak &&
      (localMinute(recBreak.start) !== minuteAt(res.breakStart) ||
        localMinute(recBreak.end) !== minuteAt(res.breakEnd))
    ) {
      add('shift-record', `${id} on ${date}: break ${recBreak.start}–${recBreak.end} differs from the gap`);
    }
  }

  const req = slotRequirements(scenario, grid, options.priority ?? scenario.priority, options.requirements);
  const T = grid.slotEpoch.length;
  const servers = new Float64Array(T * S);
  for (const e of plan.expected) {
    const t = slotOf(e.slotStart);
    const s = serviceIndex.get(e.service);
    if (t >= 0 && s !== undefined) servers[t * S + s] = e.servers;
  }
  for (let t = 0; t < T; t++) {
    const need = Array.from({ length: S }, (_, s) => servers[t * S + s]);
    if (need.every((x) => x <= EPS)) continue;
    const given = maxFlow(perSlot.get(t) ?? [], need);
    const total = need.reduce((a, b) => a + b, 0);
    if (given < total - 1e-3) {
      add(
        'servers',
        `${grid.slotIso[t]}: expected servers ${total.toFixed(3)} exceed what the counters give (${given.toFixed(3)})`,
      );
    }
  }
  const listed = new Set<string>();
  for (const f of plan.shortfalls) {
    const t = slotOf(f.slotStart);
    const s = serviceIndex.get(f.service);
    if (t < 0 || s === undefined) {
      add('false-shortfall', `${f.slotStart} ${f.service}: not an open slot and service`);
      continue;
    }
    listed.add(`${t}|${s}`);
    if (servers[t * S + s] >= req.servers[t * S + s] + READ_EPS) {
      add(
        'false-shortfall',
        `${f.slotStart} ${f.service}: listed as short but has its ${req.servers[t * S + s].toFixed(3)} servers`,
      );
    }
  }
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) {
      const need = req.servers[t * S + s];
      if (need > EPS && servers[t * S + s] < need - READ_EPS && !listed.has(`${t}|${s}`)) {
        add(
          'unlisted-shortfall',
          `${grid.slotIso[t]} ${scenario.services[s].id}: ${servers[t * S + s].toFixed(3)} of ${need.toFixed(3)} servers, not listed`,
        );
      }
    }
  }
  return out;
}

/**
 * Maximum flow from counters (capacity 1 each, to the services they list) to services (demand `need`): how much of
 * the expected servers the slot's assignments can give. Augmenting paths on a small graph (Ford–Fulkerson).
 */
function maxFlow(rows: readonly (readonly number[])[], need: readonly number[]): number {
  const n = rows.length;
  const S = need.length;
  const flow: number[][] = rows.map((r) => r.map(() => 0));
  const left = rows.map(() => 1);
  const got = need.map(() => 0);
  let total = 0;
  for (;;) {
    const prevService = new Int32Array(S).fill(-2);
    const prevCounter = new Int32Array(n).fill(-2);
    const queue: number[] = [];
    for (let c = 0; c < n; c++) {
      if (left[c] > EPS) {
        prevCounter[c] = -1;
        queue.push(c);
      }
    }
    let end = -1;
    for (let h = 0; h < queue.length && end < 0; h++) {
      const c = queue[h];
      rows[c].forEach((s) => {
        if (end >= 0 || prevService[s] !== -2) return;
        prevService[s] = c;
        if (need[s] - got[s] > EPS) {
          end = s;
          return;
        }
        for (let d = 0; d < n; d++) {
          const j = rows[d].indexOf(s);
          if (j >= 0 && flow[d][j] > EPS && prevCounter[d] === -2) {
            prevCounter[d] = s;
            queue.push(d);
          }
        }
      });
    }
    if (end < 0) return total;
    let amount = need[end] - got[end];
    let s = end;
    for (;;) {
      const c = prevService[s];
      if (prevCounter[c] === -1) {
        amount = Math.min(amount, left[c]);
        break;
      }
      const back = prevCounter[c];
      amount = Math.min(amount, flow[c][rows[c].indexOf(back)]);
      s = back;
    }
    s = end;
    got[end] += amount;
    for (;;) {
      const c = prevService[s];
      flow[c][rows[c].indexOf(s)] += amount;
      if (prevCounter[c] === -1) {
        left[c] -= amount;
        break;
      }
      const back = prevCounter[c];
      flow[c][rows[c].indexOf(back)] -= amount;
      s = back;
    }
    total += amount;
  }
}
