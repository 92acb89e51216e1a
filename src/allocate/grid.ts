import type { Scenario } from '../scenario/scenario.js';
import {
  epochToZoned,
  formatIsoInZone,
  parseClock,
  parseDateKey,
  parseIsoTime,
  weekdayOf,
  zonedToEpoch,
} from '../time/zoned.js';

/**
 * One local date of a plan, laid out as consecutive positions of `slotMinutes` from its first to its last open
 * slot. Closed positions between open ones are the hall's closures (the lunch break).
 */
export interface GridDay {
  readonly date: string;
  /** Minute of day of position 0. */
  readonly firstMinute: number;
  /** Number of positions (open and closed) from the first to the last open slot. */
  readonly length: number;
  /** 1 where the hall is open. */
  readonly open: Uint8Array;
  /** Global open-slot index per position, −1 where closed. */
  readonly slot: Int32Array;
  /** Maximal runs of closed positions strictly inside the day, `[start, end)` in positions. */
  readonly closures: readonly (readonly [number, number])[];
}

/** The slot grid of a scenario: its dates and open slots, with times as epoch ms and ISO strings. */
export interface SlotGrid {
  readonly timezone: string;
  readonly slotMinutes: number;
  readonly days: readonly GridDay[];
  /** Epoch ms of each open slot's start (global index, in time order). */
  readonly slotEpoch: Float64Array;
  /** ISO 8601 local time with offset of each open slot's start. */
  readonly slotIso: readonly string[];
  /** Day index of each open slot. */
  readonly slotDay: Int32Array;
  /** Position inside its day of each open slot. */
  readonly slotPosition: Int32Array;
  /** Minute of day of each open slot's start. */
  readonly slotMinute: Int32Array;
  /** Open slot of each of the scenario's demand rows (same order), −1 when the hall is closed then. */
  readonly demandSlot: Int32Array;
}

/**
 * Lay out the open slots of a scenario. Dates are those named by its demand rows. With `centre.openingHours` the
 * open slots of each date are its sessions; without, the open slots are those that have a demand row. A gap between
 * open slots of one date is a closure of the hall.
 */
export function buildSlotGrid(scenario: Scenario): SlotGrid {
  const tz = scenario.centre.timezone;
  const slotMinutes = scenario.centre.slotMinutes;
  const byDate = new Map<string, Set<number>>();
  const hours = scenario.centre.openingHours;
  const rowDate: string[] = [];
  const rowMinute = new Int32Array(scenario.demand.length);
  const cache = localSlots(tz, slotMinutes);
  for (let r = 0; r < scenario.demand.length; r++) {
    const { date, minute } = localSlotOf(scenario.demand[r].slotStart, tz, slotMinutes, cache);
    rowDate.push(date);
    rowMinute[r] = minute;
    let set = byDate.get(date);
    if (set === undefined) {
      set = new Set();
      byDate.set(date, set);
    }
    if (hours === undefined) set.add(minute);
  }
  const dates = [...byDate.keys()].sort();
  if (hours !== undefined) {
    for (const date of dates) {
      const set = byDate.get(date)!;
      for (const [a, b] of hours[String(weekdayOf(date))] ?? []) {
        const from = parseClock(a, 'allocate');
        const to = parseClock(b, 'allocate');
        for (let m = Math.floor(from / slotMinutes) * slotMinutes; m < to; m += slotMinutes) set.add(m);
      }
    }
  }
  const days: GridDay[] = [];
  const slotEpoch: number[] = [];
  const slotIso: string[] = [];
  const slotDay: number[] = [];
  const slotPosition: number[] = [];
  const slotMinute: number[] = [];
  for (const date of dates) {
    const minutes = [...byDate.get(date)!].sort((x, y) => x - y);
    if (minutes.length === 0) continue;
    const first = minutes[0];
    const length = (minutes[minutes.length - 1] - first) / slotMinutes + 1;
    const open = new Uint8Array(length);
    const slot = new Int32Array(length).fill(-1);
    const { year, month, day } = parseDateKey(date);
    const dayIndex = days.length;
    for (const m of minutes) {
      const pos = (m - first) / slotMinutes;
      open[pos] = 1;
      slot[pos] = slotEpoch.length;
      const epoch = zonedToEpoch(year, month, day, Math.floor(m / 60), m % 60, 0, tz);
      slotEpoch.push(epoch);
      slotIso.push(formatIsoInZone(epoch, tz));
      slotDay.push(dayIndex);
      slotPosition.push(pos);
      slotMinute.push(m);
    }
    const closures: [number, number][] = [];
    for (let p = 0; p < length; p++) {
      if (open[p]) continue;
      const s = p;
      while (p < length && !open[p]) p++;
      closures.push([s, p]);
    }
    days.push({ date, firstMinute: first, length, open, slot, closures });
  }
  const dayOf = new Map(days.map((d, i) => [d.date, i]));
  const demandSlot = new Int32Array(scenario.demand.length).fill(-1);
  for (let r = 0; r < demandSlot.length; r++) {
    const d = dayOf.get(rowDate[r]);
    if (d === undefined) continue;
    const pos = (rowMinute[r] - days[d].firstMinute) / slotMinutes;
    if (pos >= 0 && pos < days[d].length) demandSlot[r] = days[d].slot[pos];
  }
  return {
    timezone: tz,
    slotMinutes,
    days,
    demandSlot,
    slotEpoch: Float64Array.from(slotEpoch),
    slotIso,
    slotDay: Int32Array.from(slotDay),
    slotPosition: Int32Array.from(slotPosition),
    slotMinute: Int32Array.from(slotMinute),
  };
}

/** Local date and minute of day (floored to the slot grid) of a demand row's `slotStart`. */
export function localSlotOf(
  text: string,
  timezone: string,
  slotMinutes: number,
  cache = localSlots(timezone, slotMinutes),
): { date: string; minute: number } {
  let v = cache.get(text);
  if (v === undefined) {
    const parts = epochToZoned(parseIsoTime(text, timezone), timezone);
    v = { date: parts.date, minute: Math.floor(parts.minuteOfDay / slotMinutes) * slotMinutes };
    if (cache.size > 200_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}

/** The cache of {@link localSlotOf} for one time zone and slot length. */
function localSlots(timezone: string, slotMinutes: number): Map<string, { date: string; minute: number }> {
  const zoneKey = `${timezone}|${slotMinutes}`;
  let cache = localCache.get(zoneKey);
  if (cache === undefined) {
    cache = new Map();
    localCache.set(zoneKey, cache);
  }
  return cache;
}

/** Local slot of each `slotStart` text already seen, per time zone and slot length. */
const localCache = new Map<string, Map<string, { date: string; minute: number }>>();

/** Global open-slot index of a demand row's `slotStart`, or −1 when the hall is closed then. */
export function slotOfDemand(grid: SlotGrid, dayIndex: ReadonlyMap<string, number>, text: string): number {
  const { date, minute } = localSlotOf(text, grid.timezone, grid.slotMinutes);
  const d = dayIndex.get(date);
  if (d === undefined) return -1;
  const day = grid.days[d];
  const pos = (minute - day.firstMinute) / grid.slotMinutes;
  return pos >= 0 && pos < day.length ? day.slot[pos] : -1;
}

/** Index of the open slot that starts at `epochMs`, or −1. */
export function slotIndexOf(grid: SlotGrid, epochMs: number): number {
  const a = grid.slotEpoch;
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
