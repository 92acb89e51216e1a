import type { Plan } from '../allocate/index.js';
import { QueuecastError } from '../errors.js';
import type { Scenario } from '../scenario/scenario.js';
import {
  epochToZoned,
  formatIsoInZone,
  parseClock,
  parseIsoTime,
  weekdayOf,
  zonedToEpoch,
} from '../time/zoned.js';

/**
 * The open slots capacity works on (internal): the slots of the scenario's demand rows and of the plan's
 * assignments, plus, with `centre.openingHours`, every open slot of those dates. Consecutive slots one slot apart
 * form a session; work carries over between the slots of a session, never across a closure (lunch) or a night.
 */
export interface CapacityGrid {
  readonly timezone: string;
  readonly slotMinutes: number;
  /** Slot starts, epoch ms, ascending. */
  readonly epochs: Float64Array;
  /** ISO 8601 slot starts in the centre's zone with offset. */
  readonly iso: readonly string[];
  /** First slot of each slot's session. */
  readonly sessionFirst: Int32Array;
  /** One past the last slot of each slot's session. */
  readonly sessionEnd: Int32Array;
}

/** Start (epoch ms) of the slot containing `epochMs`, on the centre's local slot grid. */
function snapToSlot(epochMs: number, timezone: string, slotMinutes: number): number {
  const p = epochToZoned(epochMs, timezone);
  const minute = Math.floor(p.minuteOfDay / slotMinutes) * slotMinutes;
  if (minute === p.minuteOfDay && p.second === 0 && epochMs % 1000 === 0) return epochMs;
  return zonedToEpoch(p.year, p.month, p.day, Math.floor(minute / 60), minute % 60, 0, timezone);
}

/** Builds the grid and resolves ISO times of the inputs to slot indices. */
export class GridBuilder {
  private readonly starts = new Set<number>();
  private readonly dates = new Set<string>();
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly timezone: string,
    private readonly slotMinutes: number,
  ) {}

  /** Slot start (epoch ms) of an ISO time, or NaN when it is not a time; the slot is added to the grid. */
  add(text: string): number {
    let t = this.cache.get(text);
    if (t === undefined) {
      const epoch = parseIsoTime(text, this.timezone);
      t = Number.isNaN(epoch) ? Number.NaN : snapToSlot(epoch, this.timezone, this.slotMinutes);
      this.cache.set(text, t);
      if (!Number.isNaN(t)) {
        this.starts.add(t);
        this.dates.add(epochToZoned(t, this.timezone).date);
      }
    }
    return t;
  }

  /** Add every open slot of the dates seen so far. */
  addOpeningHours(hours: Readonly<Record<string, readonly (readonly [string, string])[]>>): void {
    for (const date of this.dates) {
      const [y, m, d] = date.split('-').map(Number);
      for (const [from, to] of hours[String(weekdayOf(date))] ?? []) {
        const a = parseClock(from, 'prepareCapacity');
        const b = parseClock(to, 'prepareCapacity');
        for (
          let minute = Math.floor(a / this.slotMinutes) * this.slotMinutes;
          minute < b;
          minute += this.slotMinutes
        ) {
          this.starts.add(zonedToEpoch(y, m, d, Math.floor(minute / 60), minute % 60, 0, this.timezone));
        }
      }
    }
  }

  build(): CapacityGrid {
    const epochs = Float64Array.from([...this.starts].sort((x, y) => x - y));
    const T = epochs.length;
    const slotMs = this.slotMinutes * 60_000;
    const sessionFirst = new Int32Array(T);
    const sessionEnd = new Int32Array(T);
    let first = 0;
    for (let t = 0; t < T; t++) {
      if (t > 0 && epochs[t] - epochs[t - 1] !== slotMs) {
        sessionEnd.fill(t, first, t);
        first = t;
      }
      sessionFirst[t] = first;
    }
    sessionEnd.fill(T, first, T);
    return {
      timezone: this.timezone,
      slotMinutes: this.slotMinutes,
      epochs,
      iso: Array.from(epochs, (e) => formatIsoInZone(e, this.timezone)),
      sessionFirst,
      sessionEnd,
    };
  }
}

/** Index of the slot starting at `epochMs`, or −1. */
export function slotIndex(grid: CapacityGrid, epochMs: number): number {
  const a = grid.epochs;
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < epochMs) lo = mid + 1;
    else if (a[mid] > epochMs) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Throw INVALID_INPUT naming the argument and the path of the bad field. */
export function invalidInput(fn: string, path: readonly (string | number)[], message: string): never {
  throw new QueuecastError('INVALID_INPUT', `${fn}: ${path.join('.')}: ${message}`, path);
}

/**
 * Effective servers per service and slot (slot-major, `t × S + s`) from a plan's assignments: each staffed
 * assignment is one server, split over the services it lists. The split is the allocator's: where the plan's
 * `expected` rows of a slot add up to the slot's staffed counters (as `allocate` writes them) their `servers` are
 * used as they are; otherwise (a hand-made or edited plan) a shared counter is split equally between its
 * services — the allocator's own convention when it has no loads. Assignments with `staff: null` are closed, as
 * the simulator treats them by default.
 */
export function planServers(
  fn: string,
  scenario: Scenario,
  plan: Plan,
  grid: CapacityGrid,
  builder: GridBuilder,
  serviceIndex: ReadonlyMap<string, number>,
  warnings: string[],
): Float64Array {
  const S = scenario.services.length;
  const T = grid.epochs.length;
  const split = new Float64Array(T * S);
  const staffed = new Float64Array(T);
  plan.assignments.forEach((a, i) => {
    if (a.staff === null) return;
    const t = slotIndex(grid, builder.add(a.slotStart));
    if (t < 0) return;
    staffed[t] += 1;
    a.services.forEach((id, j) => {
      const s = serviceIndex.get(id);
      if (s === undefined)
        invalidInput(
          fn,
          ['plan', 'assignments', i, 'services', j],
          `unknown service, got ${JSON.stringify(id)}`,
        );
      split[t * S + s] += 1 / a.services.length;
    });
  });
  const fromExpected = new Float64Array(T * S);
  const expectedTotal = new Float64Array(T);
  const hasExpected = new Uint8Array(T);
  plan.expected.forEach((e, i) => {
    const s = serviceIndex.get(e.service);
    if (s === undefined)
      invalidInput(
        fn,
        ['plan', 'expected', i, 'service'],
        `unknown service, got ${JSON.stringify(e.service)}`,
      );
    const t = slotIndex(grid, builder.add(e.slotStart));
    if (t < 0) return;
    hasExpected[t] = 1;
    fromExpected[t * S + s] += e.servers;
    expectedTotal[t] += e.servers;
  });
  const servers = new Float64Array(T * S);
  let mismatched = 0;
  for (let t = 0; t < T; t++) {
    const useExpected =
      hasExpected[t] === 1 && Math.abs(expectedTotal[t] - staffed[t]) <= 1e-3 * (1 + staffed[t]);
    if (hasExpected[t] === 1 && !useExpected) mismatched++;
    const src = useExpected ? fromExpected : split;
    for (let s = 0; s < S; s++) servers[t * S + s] = Math.max(0, src[t * S + s]);
  }
  if (mismatched > 0) {
    warnings.push(
      `plan: expected servers do not add up to the staffed counters in ${mismatched} slot(s); shared counters there are split equally between their services`,
    );
  }
  return servers;
}
