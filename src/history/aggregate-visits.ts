import { createCalendar, type ServiceCalendar, type SlotMinutes } from '../calendar/index.js';
import { check } from '../errors.js';
import { addDays, daysBetween, formatIsoInZone, parseDateKey, startOfLocalDay } from '../time/zoned.js';
import { compareOptional, KeyedStore, localDayKey, localMs } from './local-time.js';
import type { Channel, History, HistoryRow, Visit } from './types.js';

/** Options of {@link aggregateVisits}. */
export interface AggregateVisitsOptions {
  /** The centre's calendar: time zone, opening hours, holidays. Default `createCalendar()` (Asia/Shanghai, cn). */
  readonly calendar?: ServiceCalendar;
  /** Slot length, minutes: 5, 10, 15, 30 or 60. Default 30. */
  readonly slotMinutes?: SlotMinutes;
  /** First local date of the grid, `YYYY-MM-DD`. Default the first date any visit arrived or was booked for. */
  readonly from?: string;
  /** Last local date of the grid, `YYYY-MM-DD`. Default the last date any visit arrived or was booked for. */
  readonly to?: string;
}

/**
 * Defaults of {@link aggregateVisits}: 30-minute slots (`calendar` defaults to `createCalendar()`).
 *
 * @example
 * defaultAggregateVisitsOptions.slotMinutes; // => 30
 */
export const defaultAggregateVisitsOptions = {
  slotMinutes: 30,
} as const satisfies AggregateVisitsOptions;

/** Counts that explain what {@link aggregateVisits} did with every visit. */
export interface AggregateSummary {
  /** Visits given. */
  readonly visits: number;
  /** Arrivals counted in a slot. */
  readonly arrivals: number;
  /** Arrivals on a closed day or outside opening hours: not in any slot, counted only here. */
  readonly outsideHours: number;
  /** Appointments booked for a time outside opening hours: not in `booked` of any slot, counted only here. */
  readonly bookingsOutsideHours: number;
  /** Visits whose time falls before `from` or after `to`. */
  readonly outsideRange: number;
  /** Visits with neither an arrival nor an appointment time: nothing to place. */
  readonly withoutTime: number;
  /** Series (centre, service, channel) in the result. */
  readonly series: number;
  /** Open slots of the grid. */
  readonly slots: number;
  /** First and last date of the grid (`null` when there is none). */
  readonly from: string | null;
  readonly to: string | null;
}

/** A history built from visits, with a summary and warnings (e.g. arrivals outside opening hours). */
export interface AggregatedHistory extends History {
  readonly summary: AggregateSummary;
  readonly warnings: readonly string[];
}

interface SeriesAcc {
  readonly centre: string | null;
  readonly service: string;
  readonly channel: Channel;
  readonly arrivals: Int32Array;
  readonly booked: Int32Array;
  readonly noShows: Int32Array;
  readonly served: Int32Array;
  readonly abandoned: Int32Array;
  readonly serviceSum: Float64Array;
  readonly serviceCount: Int32Array;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const DAY_MS = 86_400_000;
const BUCKET_MS = 300_000;

/**
 * Aggregate visits to arrivals per (centre, service, channel, slot) on the centre's slot grid.
 *
 * Rules:
 * - An arrival counts in the slot holding `arrivedAt`; `served`, `abandoned` and `meanServiceSeconds`
 *   (`completedAt − calledAt` of served visits) are counted in that same arrival slot.
 * - `booked` counts appointment-channel visits in the slot of `appointmentAt` (of `arrivedAt` when the visit has no
 *   appointment time). A booked holder who did not arrive (`no_show`, `cancelled`, or no outcome) counts in
 *   `noShows` of the appointment slot: the slot was held for them, so a cancellation counts as not coming.
 * - Every series with a visit counted in some slot gets a row for every open slot of the grid (`from`..`to`,
 *   by default the first to the last local date of any arrival or appointment), zeros included; closed slots
 *   never appear.
 * - Arrivals outside opening hours (closed days, lunch, evenings) are not moved to a nearby slot: they are counted
 *   in `summary.outsideHours` and reported in `warnings`.
 *
 * Rows are ordered by centre, service, channel, then slot. Complexity O(visits + series × slots), one pass over
 * the visits with typed arrays (a few hundred thousand visits take well under a second).
 *
 * @example
 * const h = aggregateVisits(visits, { calendar: createCalendar(), slotMinutes: 30 });
 * h.rows[0]; // => { centre: 'ovc', service: 'tax', channel: 'walk_in', slotStart: 1764550800000, arrivals: 3, ... }
 */
export function aggregateVisits(
  visits: readonly Visit[],
  options: AggregateVisitsOptions = {},
): AggregatedHistory {
  const calendar = options.calendar ?? createCalendar();
  const slotMinutes = options.slotMinutes ?? defaultAggregateVisitsOptions.slotMinutes;
  check(
    [5, 10, 15, 30, 60].includes(slotMinutes),
    'aggregateVisits',
    'slotMinutes must be 5, 10, 15, 30 or 60',
    slotMinutes,
  );
  const tz = calendar.timezone;

  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  if (options.from === undefined || options.to === undefined) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of visits) {
      const a = v.arrivedAt;
      const p = v.appointmentAt;
      if (a !== null) {
        if (a < lo) lo = a;
        if (a > hi) hi = a;
      }
      if (p !== null) {
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
    }
    if (lo <= hi) {
      firstDay = Math.floor(localMs(lo, tz) / DAY_MS);
      lastDay = Math.floor(localMs(hi, tz) / DAY_MS);
    }
  }
  const from = options.from ?? (Number.isFinite(firstDay) ? localDayKey(firstDay) : null);
  const to = options.to ?? (Number.isFinite(lastDay) ? localDayKey(lastDay) : null);
  if (from !== null) parseDateKey(from);
  if (to !== null) parseDateKey(to);
  if (from !== null && to !== null) {
    check(daysBetween(from, to) >= 0, 'aggregateVisits', `to must not be before from (${from})`, to);
  }

  // Every zone's offset is a multiple of 15 minutes, so 5-minute buckets of epoch time never straddle a local
  // slot boundary: one dense array maps a bucket to its slot (-1 when closed) with no time-zone work per visit.
  const slots = from !== null && to !== null ? calendar.slots(from, to, slotMinutes as SlotMinutes) : [];
  const nSlots = slots.length;
  const slotStarts = new Float64Array(nSlots);
  let base = 0;
  let dense = new Int32Array(0);
  if (from !== null && to !== null) {
    base = startOfLocalDay(from, tz);
    dense = new Int32Array(Math.ceil((startOfLocalDay(addDays(to, 1), tz) - base) / BUCKET_MS)).fill(-1);
    const perSlot = slotMinutes / 5;
    slots.forEach((s, i) => {
      slotStarts[i] = s.start;
      const b0 = Math.floor((s.start - base) / BUCKET_MS);
      for (let j = 0; j < perSlot; j++) dense[b0 + j] = i;
    });
  }

  const series = new KeyedStore<[SeriesAcc | undefined, SeriesAcc | undefined]>();
  const makePair = (): [SeriesAcc | undefined, SeriesAcc | undefined] => [undefined, undefined];
  const accFor = (v: Visit): SeriesAcc => {
    const pair = series.get(v.centre, v.service, makePair);
    const k = v.channel === 'appointment' ? 0 : 1;
    let acc = pair[k];
    if (acc === undefined) {
      acc = {
        centre: v.centre,
        service: v.service,
        channel: v.channel,
        arrivals: new Int32Array(nSlots),
        booked: new Int32Array(nSlots),
        noShows: new Int32Array(nSlots),
        served: new Int32Array(nSlots),
        abandoned: new Int32Array(nSlots),
        serviceSum: new Float64Array(nSlots),
        serviceCount: new Int32Array(nSlots),
      };
      pair[k] = acc;
    }
    return acc;
  };
  const OUT_OF_RANGE = -2;
  const slotOf = (t: number): number => {
    const b = Math.floor((t - base) / BUCKET_MS);
    return b < 0 || b >= dense.length ? OUT_OF_RANGE : dense[b];
  };

  let arrivals = 0;
  let outsideHours = 0;
  let bookingsOutsideHours = 0;
  let outsideRange = 0;
  let withoutTime = 0;
  const outsideExamples: string[] = [];
  for (const v of visits) {
    if (v.arrivedAt !== null) {
      const i = slotOf(v.arrivedAt);
      if (i === OUT_OF_RANGE) outsideRange++;
      else if (i < 0) {
        outsideHours++;
        if (outsideExamples.length < 3) outsideExamples.push(formatIsoInZone(v.arrivedAt, tz));
      } else {
        const acc = accFor(v);
        arrivals++;
        acc.arrivals[i]++;
        if (v.outcome === 'served' || (v.outcome === null && v.completedAt !== null)) {
          acc.served[i]++;
          if (v.calledAt !== null && v.completedAt !== null && v.completedAt >= v.calledAt) {
            acc.serviceSum[i] += (v.completedAt - v.calledAt) / 1000;
            acc.serviceCount[i]++;
          }
        } else if (v.outcome === 'abandoned') acc.abandoned[i]++;
      }
      if (v.channel === 'appointment') {
        const j = v.appointmentAt !== null ? slotOf(v.appointmentAt) : i;
        if (j >= 0) accFor(v).booked[j]++;
        else if (j !== OUT_OF_RANGE) bookingsOutsideHours++;
      }
      continue;
    }
    if (v.appointmentAt === null) {
      withoutTime++;
      continue;
    }
    const j = slotOf(v.appointmentAt);
    if (j === OUT_OF_RANGE) outsideRange++;
    else if (j < 0) bookingsOutsideHours++;
    else {
      const acc = accFor(v);
      acc.booked[j]++;
      acc.noShows[j]++;
    }
  }

  const all = series.values().flatMap((p) => p.filter((x): x is SeriesAcc => x !== undefined));
  const ordered = all.sort(
    (a, b) =>
      compareOptional(a.centre, b.centre) ||
      compareOptional(a.service, b.service) ||
      compareOptional(a.channel, b.channel),
  );
  const rows: HistoryRow[] = [];
  for (const acc of ordered) {
    for (let i = 0; i < nSlots; i++) {
      const row: Mutable<HistoryRow> = {
        service: acc.service,
        channel: acc.channel,
        slotStart: slotStarts[i],
        arrivals: acc.arrivals[i],
        booked: acc.booked[i],
        noShows: acc.noShows[i],
        served: acc.served[i],
        abandoned: acc.abandoned[i],
      };
      if (acc.centre !== null) row.centre = acc.centre;
      if (acc.serviceCount[i] > 0) row.meanServiceSeconds = acc.serviceSum[i] / acc.serviceCount[i];
      rows.push(row);
    }
  }

  const warnings: string[] = [];
  if (outsideHours > 0) {
    warnings.push(
      `${outsideHours} arrival(s) outside opening hours are not in any slot (e.g. ${outsideExamples.join(', ')})`,
    );
  }
  if (bookingsOutsideHours > 0) {
    warnings.push(
      `${bookingsOutsideHours} appointment(s) booked for a time outside opening hours are not in any slot`,
    );
  }
  if (outsideRange > 0)
    warnings.push(`${outsideRange} visit(s) fall outside ${from} to ${to} and are not counted`);
  if (withoutTime > 0)
    warnings.push(`${withoutTime} visit(s) have neither an arrival nor an appointment time`);

  return {
    rows,
    slotMinutes,
    timezone: tz,
    summary: {
      visits: visits.length,
      arrivals,
      outsideHours,
      bookingsOutsideHours,
      outsideRange,
      withoutTime,
      series: all.length,
      slots: nSlots,
      from,
      to,
    },
    warnings,
  };
}
