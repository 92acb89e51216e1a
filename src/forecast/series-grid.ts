import {
  chinaHolidays,
  createCalendar,
  type HolidayCalendar,
  noHolidays,
  type OpeningHours,
  type ServiceCalendar,
} from '../calendar/index.js';
import { QueuecastError } from '../errors.js';
import type { BookingCurve, History } from '../history/types.js';
import { formatClock, formatIsoInZone, utcOffsetMinutes, zonedToEpoch } from '../time/zoned.js';
import { describeSeries } from './series-batch.js';
import type { FitContext, SeriesKey } from './types.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A break of at least this many closed days makes the next open days "after a long break". */
const LONG_BREAK_DAYS = 3;
/** Weeks of recent history that decide which weekdays and hours are open. */
const PATTERN_WEEKS = 8;

/** Calendar features of the grid's days, index-aligned with day index (0 = the first history day). */
export interface DayFeatures {
  /** 1 when the centre is open that day (history days: when the history has rows for it). */
  readonly open: Uint8Array;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: Uint8Array;
  /** The weekday whose pattern the day follows: its own, or the make-up weekday for make-up and extra days. */
  readonly pattern: Uint8Array;
  /** 1 on make-up working days and extra openings. */
  readonly makeup: Uint8Array;
  /** 1 on the first open day after ≥ 3 closed days, 2 on the second, else 0. */
  readonly afterBreak: Uint8Array;
  /** 1 on the last three open days of a month. */
  readonly monthEnd: Uint8Array;
  /** 1 on the last open day before ≥ 3 closed days (people come before a long break). */
  readonly beforeBreak: Uint8Array;
  /** On the first two days after a long break, the closed days of that break (0 elsewhere). */
  readonly breakDays: Uint8Array;
}

/** Options of {@link SeriesGrid.fromArrays}. */
export interface SeriesGridOptions extends FitContext {
  /** Slot length, minutes (a divisor of 1440). */
  readonly slotMinutes: number;
  /** IANA time zone the slots are aligned in. */
  readonly timezone: string;
}

/** Holiday marks (0 ordinary, 1 holiday, 2 make-up) by day number, per holiday calendar, shared by all grids. */
const marks = new WeakMap<HolidayCalendar, Map<number, number>>();

function markCache(calendar: HolidayCalendar): Map<number, number> {
  let m = marks.get(calendar);
  if (m === undefined) {
    m = new Map();
    marks.set(calendar, m);
  }
  return m;
}

function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/**
 * One series laid out as days × slots of the day, with the calendar features of every day: the form every
 * forecasting model reads. Values are arrivals per slot, `NaN` where the history has no row (closed days, gaps).
 *
 * The calendar is the holiday calendar asked for (`cn`, `none` or a file) with opening hours inferred from the
 * last eight weeks of history (a weekday is open when at least half of its recent ordinary dates have rows; its
 * hours are the slots seen). Within the history, a day is open exactly when it has rows, so a missing weekday is
 * a closure and a day with rows on a holiday an extra opening. A history shorter than a week cannot show a weekly
 * pattern: unseen weekdays take the hours seen (Monday–Friday only when the calendar has holidays), with a warning.
 *
 * Build it with {@link buildSeriesGrid}; models fit on its first `endDay` days, so backtests truncate for free.
 *
 * @example
 * const grid = buildSeriesGrid(history, { calendar: 'cn' });
 * grid.openSlots(grid.dayCount, grid.dayCount + 7); // next week's open slots (epoch ms)
 */
export class SeriesGrid {
  /** The series' keys. */
  readonly key: SeriesKey;
  /** IANA time zone the slots are aligned in. */
  readonly timezone: string;
  /** Slot length, minutes. */
  readonly slotMinutes: number;
  /** Slots per local day (1440 / slotMinutes). */
  readonly slotsPerDay: number;
  /** Local day number (days since 1970-01-01 local) of day index 0. */
  readonly firstDayNumber: number;
  /** Days of history (day indices 0 … dayCount − 1). */
  readonly dayCount: number;
  /** Arrivals, `values[day * slotsPerDay + position]`, `NaN` when absent. */
  readonly values: Float64Array;
  /** Sum of the observed arrivals of each history day. */
  readonly dayTotal: Float64Array;
  /** 1 when a history day has (almost) all the slots its weekday pattern usually has: gaps leave a day out. */
  readonly complete: Uint8Array;
  /** The calendar of this series (holidays plus inferred opening hours, consistent with the history). */
  readonly calendar: ServiceCalendar;
  /** Opening hours inferred from the history. */
  readonly openingHours: OpeningHours;
  /** Weekday a make-up day follows. */
  readonly makeUpDayWeekday: number;
  /** Booking curves handed in by the caller (appointments only). */
  readonly bookings: readonly BookingCurve[];
  /** Epoch ms the bookings on hand were counted at. */
  readonly asOf: number;
  /** Calendar effects of an aggregate to fall back on (see {@link FitContext.calendarPrior}), or null. */
  readonly calendarPrior: readonly number[] | null;
  /** What the grid had to assume. */
  readonly warnings: readonly string[];
  /** Slot positions of the day seen open for each pattern weekday (index 1–7), ascending. */
  readonly positions: readonly (readonly number[])[];

  private feat: {
    open: Uint8Array;
    weekday: Uint8Array;
    pattern: Uint8Array;
    makeup: Uint8Array;
    afterBreak: Uint8Array;
    monthEnd: Uint8Array;
    beforeBreak: Uint8Array;
    breakDays: Uint8Array;
  };
  private featCount = 0;
  /** Index of the third-last open day of each month (key year × 12 + month − 1). */
  private readonly monthEnds = new Map<number, number>();
  private readonly hasData: Uint8Array;
  private readonly mark: Uint8Array;
  private readonly weekdayOpen: Uint8Array;
  private readonly memo = new Map<string, unknown>();

  private constructor(init: {
    key: SeriesKey;
    timezone: string;
    slotMinutes: number;
    firstDayNumber: number;
    dayCount: number;
    values: Float64Array;
    calendar: ServiceCalendar;
    openingHours: OpeningHours;
    makeUpDayWeekday: number;
    bookings: readonly BookingCurve[];
    asOf: number;
    calendarPrior: readonly number[] | null;
    warnings: string[];
    hasData: Uint8Array;
    mark: Uint8Array;
    weekdayOpen: Uint8Array;
  }) {
    this.key = init.key;
    this.timezone = init.timezone;
    this.slotMinutes = init.slotMinutes;
    this.slotsPerDay = 1440 / init.slotMinutes;
    this.firstDayNumber = init.firstDayNumber;
    this.dayCount = init.dayCount;
    this.values = init.values;
    this.calendar = init.calendar;
    this.openingHours = init.openingHours;
    this.makeUpDayWeekday = init.makeUpDayWeekday;
    this.bookings = init.bookings;
    this.asOf = init.asOf;
    this.calendarPrior = init.calendarPrior;
    this.warnings = init.warnings;
    this.hasData = init.hasData;
    this.mark = init.mark;
    this.weekdayOpen = init.weekdayOpen;
    const cap = init.dayCount + 32;
    this.feat = {
      open: new Uint8Array(cap),
      weekday: new Uint8Array(cap),
      pattern: new Uint8Array(cap),
      makeup: new Uint8Array(cap),
      afterBreak: new Uint8Array(cap),
      monthEnd: new Uint8Array(cap),
      beforeBreak: new Uint8Array(cap),
      breakDays: new Uint8Array(cap),
    };
    const S = this.slotsPerDay;
    const total = new Float64Array(init.dayCount);
    const count = new Uint16Array(init.dayCount);
    for (let d = 0; d < init.dayCount; d++) {
      let t = 0;
      let c = 0;
      for (let s = 0; s < S; s++) {
        const v = init.values[d * S + s];
        if (!Number.isNaN(v)) {
          t += v;
          c++;
        }
      }
      total[d] = t;
      count[d] = c;
    }
    this.dayTotal = total;
    const f = this.days(init.dayCount);
    const typical = new Uint16Array(8);
    const seen = new Uint8Array(8 * S);
    for (let d = 0; d < init.dayCount; d++) {
      if (count[d] === 0) continue;
      const w = f.pattern[d];
      if (count[d] > typical[w]) typical[w] = count[d];
      for (let s = 0; s < S; s++) if (!Number.isNaN(init.values[d * S + s])) seen[w * S + s] = 1;
    }
    this.positions = Array.from({ length: 8 }, (_, w) => {
      const out: number[] = [];
      for (let s = 0; s < S; s++) if (seen[w * S + s] === 1) out.push(s);
      return out;
    });
    const complete = new Uint8Array(init.dayCount);
    for (let d = 0; d < init.dayCount; d++) {
      complete[d] = count[d] > 0 && count[d] >= 0.75 * typical[f.pattern[d]] ? 1 : 0;
    }
    this.complete = complete;
  }

  /**
   * Build a grid from one series as parallel arrays (epoch ms slot starts and arrivals, any order).
   * Throws `INVALID_INPUT` for negative or non-finite counts, a slot off the grid or a slot given twice.
   *
   * Complexity O(n + days).
   *
   * @example
   * const g = SeriesGrid.fromArrays({}, [Date.parse('2026-12-01T01:00:00Z')], [4],
   *   { slotMinutes: 30, timezone: 'Asia/Shanghai', calendar: 'none' });
   * g.dayCount; // => 1
   */
  static fromArrays(
    key: SeriesKey,
    slotStart: ArrayLike<number>,
    arrivals: ArrayLike<number>,
    options: SeriesGridOptions,
  ): SeriesGrid {
    const fn = 'buildSeriesGrid';
    const { slotMinutes, timezone } = options;
    if (!(Number.isInteger(slotMinutes) && slotMinutes > 0 && 1440 % slotMinutes === 0)) {
      throw new QueuecastError(
        'INVALID_ARGUMENT',
        `${fn}: slotMinutes must be a positive divisor of 1440, got ${slotMinutes}`,
      );
    }
    const n = slotStart.length;
    if (n === 0)
      throw new QueuecastError('INVALID_INPUT', `${fn}: ${describeSeries(key)} has no history rows`);
    const S = 1440 / slotMinutes;
    const dayNum = new Float64Array(n);
    const pos = new Int32Array(n);
    let minDay = Number.POSITIVE_INFINITY;
    let maxDay = Number.NEGATIVE_INFINITY;
    const offsetOf = offsetCache(timezone);
    for (let i = 0; i < n; i++) {
      const t = slotStart[i];
      const y = arrivals[i];
      if (!Number.isFinite(t)) {
        throw new QueuecastError(
          'INVALID_INPUT',
          `${fn}: ${describeSeries(key)} has a slot start that is not a time, got ${t}`,
        );
      }
      if (!(Number.isFinite(y) && y >= 0)) {
        throw new QueuecastError(
          'INVALID_INPUT',
          `${fn}: arrivals must be a non-negative number, got ${y} in ${describeSeries(key)} at ${formatIsoInZone(t, timezone)}`,
        );
      }
      const local = t + offsetOf(t) * MINUTE_MS;
      const dn = Math.floor(local / DAY_MS);
      const minute = (local - dn * DAY_MS) / MINUTE_MS;
      const p = minute / slotMinutes;
      if (!Number.isInteger(p)) {
        throw new QueuecastError(
          'INVALID_INPUT',
          `${fn}: a slot start must lie on the ${slotMinutes}-minute grid, got ${formatIsoInZone(t, timezone)} in ${describeSeries(key)}`,
        );
      }
      dayNum[i] = dn;
      pos[i] = p;
      if (dn < minDay) minDay = dn;
      if (dn > maxDay) maxDay = dn;
    }
    const dayCount = maxDay - minDay + 1;
    const values = new Float64Array(dayCount * S).fill(Number.NaN);
    const cell = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = (dayNum[i] - minDay) * S + pos[i];
      cell[i] = k;
      const prev = values[k];
      if (Number.isNaN(prev)) {
        values[k] = arrivals[i];
        continue;
      }
      for (let j = 0; j < i; j++) {
        if (cell[j] === k && slotStart[j] === slotStart[i]) {
          throw new QueuecastError(
            'INVALID_INPUT',
            `${fn}: ${describeSeries(key)} has two rows for the same slot, got ${formatIsoInZone(slotStart[i], timezone)} twice`,
          );
        }
      }
      // The repeated hour when clocks go back: both instants share a local slot, so their arrivals add up.
      values[k] = prev + arrivals[i];
    }
    const warnings: string[] = [];
    const holidays =
      options.calendar ?? (key.centre !== undefined || key.service !== undefined ? 'cn' : 'none');
    const hc: HolidayCalendar =
      holidays === 'cn' ? chinaHolidays : holidays === 'none' ? noHolidays : holidays;
    const makeUpDayWeekday = options.makeUpDayWeekday ?? 3;
    const hasData = new Uint8Array(dayCount);
    for (let i = 0; i < n; i++) hasData[dayNum[i] - minDay] = 1;
    // Holiday marks of the history days: 0 ordinary, 1 public holiday, 2 make-up working day.
    const mark = new Uint8Array(dayCount);
    if (hc !== noHolidays) {
      const known = markCache(hc);
      for (let d = 0; d < dayCount; d++) {
        let k = known.get(minDay + d);
        if (k === undefined) {
          const m = hc.mark(dateOfDayNumber(minDay + d));
          k = m === undefined ? 0 : m.kind === 'holiday' ? 1 : 2;
          known.set(minDay + d, k);
        }
        mark[d] = k;
      }
    }
    const weekdayOf = (d: number): number => isoWeekday(minDay + d);
    const occurrences = new Uint16Array(8);
    const withData = new Uint16Array(8);
    const slotsSeen: Set<number>[] = Array.from({ length: 8 }, () => new Set<number>());
    const windowStart = Math.max(0, dayCount - PATTERN_WEEKS * 7);
    for (let d = windowStart; d < dayCount; d++) {
      if (mark[d] !== 0) continue;
      const w = weekdayOf(d);
      occurrences[w]++;
      if (hasData[d] === 0) continue;
      withData[w]++;
      for (let s = 0; s < S; s++) if (!Number.isNaN(values[d * S + s])) slotsSeen[w].add(s);
    }
    const union = new Set<number>();
    for (const set of slotsSeen) for (const s of set) union.add(s);
    if (union.size === 0) {
      // Only holidays or make-up days inside the window: their hours are the best there is.
      for (let d = windowStart; d < dayCount; d++) {
        for (let s = 0; s < S; s++) if (!Number.isNaN(values[d * S + s])) union.add(s);
      }
    }
    const hours: Record<number, [string, string][]> = {};
    const weekdayOpen = new Uint8Array(8);
    let unseen = 0;
    for (let w = 1; w <= 7; w++) {
      let slots: Set<number>;
      if (occurrences[w] === 0) {
        unseen++;
        slots = hc === noHolidays || w <= 5 ? union : new Set();
      } else {
        slots = withData[w] >= Math.max(1, 0.5 * occurrences[w]) ? slotsSeen[w] : new Set();
      }
      hours[w] = sessionsOf(slots, slotMinutes);
      weekdayOpen[w] = slots.size > 0 ? 1 : 0;
    }
    if (unseen > 0) {
      warnings.push(
        `the history spans fewer than 7 days: ${unseen} weekday(s) never seen are assumed open with the hours seen` +
          (hc === noHolidays ? '' : ' (Monday–Friday only)'),
      );
    }
    const anyOpen = weekdayOpen.some((x) => x === 1);
    const closures: string[] = [];
    const extraOpenings: string[] = [];
    for (let d = 0; d < dayCount; d++) {
      const open = mark[d] === 1 ? false : mark[d] === 2 ? anyOpen : weekdayOpen[weekdayOf(d)] === 1;
      if (open && hasData[d] === 0) closures.push(dateOfDayNumber(minDay + d));
      else if (!open && hasData[d] === 1) extraOpenings.push(dateOfDayNumber(minDay + d));
    }
    const openingHours = hours as OpeningHours;
    const calendar = createCalendar({
      timezone,
      holidays: hc,
      openingHours,
      makeUpDayWeekday: makeUpDayWeekday as 1,
      closures,
      extraOpenings,
    });
    const asOf = options.asOf ?? zonedStartOfDayNumber(maxDay + 1, timezone);
    return new SeriesGrid({
      key,
      timezone,
      slotMinutes,
      firstDayNumber: minDay,
      dayCount,
      values,
      calendar,
      openingHours,
      makeUpDayWeekday,
      bookings: options.bookings ?? [],
      asOf,
      calendarPrior: options.calendarPrior ?? null,
      warnings,
      hasData,
      mark,
      weekdayOpen,
    });
  }

  /** `YYYY-MM-DD` of a day index (negative and future indices allowed). */
  dateOf(day: number): string {
    return dateOfDayNumber(this.firstDayNumber + day);
  }

  /** Epoch ms of the start of slot `position` on day index `day`. */
  slotStartOf(day: number, position: number): number {
    const d = new Date((this.firstDayNumber + day) * DAY_MS);
    const minute = position * this.slotMinutes;
    return zonedToEpoch(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      Math.floor(minute / 60),
      minute % 60,
      0,
      this.timezone,
    );
  }

  /** Day index of the local date holding an instant (any instant, not only slot starts). */
  dayIndexOf(epochMs: number): number {
    const local = epochMs + utcOffsetMinutes(epochMs, this.timezone) * MINUTE_MS;
    return Math.floor(local / DAY_MS) - this.firstDayNumber;
  }

  /**
   * Day index and slot position of each slot (epoch ms). Throws `INVALID_ARGUMENT` for a slot off the grid.
   * Complexity O(n).
   */
  locate(slots: ArrayLike<number>, day: Int32Array, position: Int32Array, fn = 'predict'): void {
    const offsetOf = offsetCache(this.timezone);
    for (let i = 0; i < slots.length; i++) {
      const t = slots[i];
      const local = t + offsetOf(t) * MINUTE_MS;
      const dn = Math.floor(local / DAY_MS);
      const p = (local - dn * DAY_MS) / MINUTE_MS / this.slotMinutes;
      if (!Number.isInteger(p)) {
        throw new QueuecastError(
          'INVALID_ARGUMENT',
          `${fn}: a slot must start on the ${this.slotMinutes}-minute grid of ${this.timezone}, got ${Number.isFinite(t) ? formatIsoInZone(t, this.timezone) : t}`,
        );
      }
      day[i] = dn - this.firstDayNumber;
      position[i] = p;
    }
  }

  /**
   * Open slots (epoch ms) of day indices `from … to − 1` from the calendar: closed days have none, make-up
   * days have the hours of the weekday they follow.
   */
  openSlots(from: number, to: number): number[] {
    const out: number[] = [];
    for (let d = from; d < to; d++) {
      const info = this.calendar.day(this.dateOf(d));
      if (!info.open) continue;
      for (const p of positionsOfSessions(info.sessions, this.slotMinutes)) out.push(this.slotStartOf(d, p));
    }
    return out;
  }

  /**
   * Calendar features of day indices `0 … n − 1` (computed once and cached; indices past the history come from
   * the calendar). The arrays may be longer than `n`. Throws `OUT_OF_COVERAGE` past the holiday calendar's range.
   */
  days(n: number): DayFeatures {
    if (n <= this.featCount) return this.feat;
    if (n > this.feat.open.length) {
      const cap = Math.max(n, this.feat.open.length * 2);
      const grow = (a: Uint8Array): Uint8Array => {
        const b = new Uint8Array(cap);
        b.set(a);
        return b;
      };
      this.feat = {
        open: grow(this.feat.open),
        weekday: grow(this.feat.weekday),
        pattern: grow(this.feat.pattern),
        makeup: grow(this.feat.makeup),
        afterBreak: grow(this.feat.afterBreak),
        monthEnd: grow(this.feat.monthEnd),
        beforeBreak: grow(this.feat.beforeBreak),
        breakDays: grow(this.feat.breakDays),
      };
    }
    const f = this.feat;
    for (let d = this.featCount; d < n; d++) {
      let open: boolean;
      let irregular: boolean;
      let closedBefore: number;
      if (d < this.dayCount) {
        const w = isoWeekday(this.firstDayNumber + d);
        open = this.hasData[d] === 1;
        irregular = open && (this.mark[d] === 2 || this.weekdayOpen[w] === 0);
        f.weekday[d] = w;
        if (d === 0) closedBefore = this.calendar.day(this.dateOf(0)).closedDaysBefore;
        else {
          closedBefore = 0;
          for (let b = d - 1; b >= 0 && this.hasData[b] === 0 && closedBefore < 14; b--) closedBefore++;
        }
      } else {
        const info = this.calendar.day(this.dateOf(d));
        open = info.open;
        irregular = open && (info.kind === 'makeup' || info.kind === 'extra');
        f.weekday[d] = info.weekday;
        closedBefore = info.closedDaysBefore;
      }
      f.open[d] = open ? 1 : 0;
      f.pattern[d] = irregular ? this.makeUpDayWeekday : f.weekday[d];
      f.makeup[d] = irregular ? 1 : 0;
      let ab = 0;
      if (open) {
        if (closedBefore >= LONG_BREAK_DAYS) ab = 1;
        else if (closedBefore === 0 && d > 0 && f.afterBreak[d - 1] === 1) ab = 2;
      }
      f.afterBreak[d] = ab;
      f.breakDays[d] = ab === 1 ? Math.min(closedBefore, 14) : ab === 2 ? f.breakDays[d - 1] : 0;
      f.monthEnd[d] = open && d >= this.thirdLastOpenDayOfMonth(d) ? 1 : 0;
      let closedAfter = 0;
      if (open)
        while (closedAfter < LONG_BREAK_DAYS && this.openAtSafe(d + closedAfter + 1) === false) closedAfter++;
      f.beforeBreak[d] = closedAfter >= LONG_BREAK_DAYS ? 1 : 0;
    }
    this.featCount = n;
    return f;
  }

  /**
   * A value derived from this grid, computed once per key (profiles shared by several candidate models fitted to
   * the same days). Internal to the forecasting models.
   */
  memoize<T>(key: string, make: () => T): T {
    let v = this.memo.get(key) as T | undefined;
    if (v === undefined) {
      v = make();
      this.memo.set(key, v);
    }
    return v;
  }

  /** Like {@link openAt}, but `undefined` past the holiday calendar's coverage. */
  private openAtSafe(d: number): boolean | undefined {
    try {
      return this.openAt(d);
    } catch (e) {
      if (e instanceof QueuecastError && e.code === 'OUT_OF_COVERAGE') return undefined;
      throw e;
    }
  }

  private openAt(d: number): boolean {
    return d >= 0 && d < this.dayCount ? this.hasData[d] === 1 : this.calendar.day(this.dateOf(d)).open;
  }

  private thirdLastOpenDayOfMonth(d: number): number {
    const date = new Date((this.firstDayNumber + d) * DAY_MS);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    const key = y * 12 + m;
    let third = this.monthEnds.get(key);
    if (third === undefined) {
      const lastIndex = Math.round(Date.UTC(y, m + 1, 0) / DAY_MS) - this.firstDayNumber;
      const firstIndex = Math.round(Date.UTC(y, m, 1) / DAY_MS) - this.firstDayNumber;
      let found = 0;
      third = firstIndex;
      for (let i = lastIndex; i >= firstIndex; i--) {
        if (!this.openAt(i)) continue;
        third = i;
        if (++found === 3) break;
      }
      this.monthEnds.set(key, third);
    }
    return third;
  }
}

/**
 * UTC offset lookup for many instants in one zone. Offsets change at most once a day, so when the offset an hour
 * and a day later agree, it holds for that whole span and the next lookups inside it are free.
 */
function offsetCache(timezone: string): (epochMs: number) => number {
  let from = Number.NaN;
  let to = Number.NaN;
  let offset = 0;
  return (t) => {
    if (t >= from && t < to) return offset;
    from = Math.floor(t / 3_600_000) * 3_600_000;
    offset = utcOffsetMinutes(from, timezone);
    to = utcOffsetMinutes(from + DAY_MS, timezone) === offset ? from + DAY_MS : from + 3_600_000;
    return offset;
  };
}

/** ISO weekday (1 = Monday) of a day number (days since 1970-01-01, a Thursday). */
function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function zonedStartOfDayNumber(dayNumber: number, timezone: string): number {
  const d = new Date(dayNumber * DAY_MS);
  return zonedToEpoch(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0, timezone);
}

function positionsOfSessions(
  sessions: readonly { startMinute: number; endMinute: number }[],
  slotMinutes: number,
): number[] {
  const out: number[] = [];
  for (const s of sessions) {
    for (let p = Math.floor(s.startMinute / slotMinutes); p * slotMinutes < s.endMinute; p++) {
      if (out[out.length - 1] !== p) out.push(p);
    }
  }
  return out;
}

/** Opening sessions covering a set of slot positions: one session per run of consecutive positions. */
function sessionsOf(positions: ReadonlySet<number>, slotMinutes: number): [string, string][] {
  const sorted = [...positions].sort((a, b) => a - b);
  const out: [string, string][] = [];
  let start = -1;
  let prev = -2;
  for (const p of sorted) {
    if (p !== prev + 1) {
      if (start >= 0) out.push([formatClock(start * slotMinutes), formatClock((prev + 1) * slotMinutes)]);
      start = p;
    }
    prev = p;
  }
  if (start >= 0) out.push([formatClock(start * slotMinutes), formatClock((prev + 1) * slotMinutes)]);
  return out;
}

/**
 * Lay out a one-series history as a {@link SeriesGrid} (days × slots with calendar features).
 * Throws `INVALID_INPUT` when the history holds several series, no rows, negative counts or duplicate slots.
 *
 * Complexity O(rows + days).
 *
 * @example
 * const grid = buildSeriesGrid(history, { calendar: 'none' });
 * grid.days(grid.dayCount + 7).open; // open flags of the history and the week after it
 */
export function buildSeriesGrid(history: History, context: FitContext = {}): SeriesGrid {
  const rows = history.rows;
  if (rows.length === 0)
    throw new QueuecastError('INVALID_INPUT', 'buildSeriesGrid: the history has no rows');
  const first = rows[0];
  const slotStart = new Float64Array(rows.length);
  const arrivals = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.centre !== first.centre || r.service !== first.service || r.channel !== first.channel) {
      throw new QueuecastError(
        'INVALID_INPUT',
        `buildSeriesGrid: a model fits one series, but the history holds several (e.g. ${describeSeries(first)} and ${describeSeries(r)}); use forecastMany`,
      );
    }
    slotStart[i] = r.slotStart;
    arrivals[i] = r.arrivals;
  }
  const key: { centre?: string; service?: string; channel?: SeriesKey['channel'] } = {};
  if (first.centre !== undefined) key.centre = first.centre;
  if (first.service !== undefined) key.service = first.service;
  if (first.channel !== undefined) key.channel = first.channel;
  return SeriesGrid.fromArrays(key, slotStart, arrivals, {
    ...context,
    slotMinutes: history.slotMinutes,
    timezone: history.timezone,
  });
}
