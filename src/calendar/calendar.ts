import { check, QueuecastError } from '../errors.js';
import {
  addDays,
  assertTimeZone,
  daysBetween,
  epochToZoned,
  parseClock,
  parseDateKey,
  weekdayOf,
  zonedToEpoch,
} from '../time/zoned.js';
import { chinaHolidays, type HolidayCalendar, noHolidays } from './holidays.js';

/** An opening session of one day, in minutes since local midnight, `[startMinute, endMinute)`. */
export interface Session {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** Sessions per ISO weekday as clock strings, e.g. `{ 1: [['09:00', '12:00'], ['13:30', '17:30']] }`. */
export type OpeningHours = Readonly<
  Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly (readonly [string, string])[]>>
>;

/** Slot lengths a calendar can lay out, minutes. */
export type SlotMinutes = 5 | 10 | 15 | 30 | 60;
const SLOT_LENGTHS: readonly number[] = [5, 10, 15, 30, 60];

/** Options of {@link createCalendar}. */
export interface CalendarOptions {
  /** IANA time zone of the centre. Default `Asia/Shanghai`. */
  readonly timezone?: string;
  /** Opening hours per weekday. Default Monday–Friday 09:00–12:00 and 13:30–17:30 (lunch 12:00–13:30). */
  readonly openingHours?: OpeningHours;
  /** Public holidays and make-up days: `'cn'` (default), `'none'`, or any {@link HolidayCalendar}. */
  readonly holidays?: HolidayCalendar | 'cn' | 'none';
  /** Local closures of this centre (`YYYY-MM-DD`), closed whatever the weekday. Default none. */
  readonly closures?: readonly string[];
  /** Extra opening days of this centre (`YYYY-MM-DD`), open with {@link makeUpDayWeekday}'s hours. Default none. */
  readonly extraOpenings?: readonly string[];
  /** Whose hours a make-up working day or extra opening follows (ISO weekday). Default 1 (Monday). */
  readonly makeUpDayWeekday?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/**
 * Default opening hours: Monday–Friday 09:00–12:00 and 13:30–17:30 (a 90-minute lunch closure).
 *
 * @example
 * defaultOpeningHours[1]; // => [['09:00', '12:00'], ['13:30', '17:30']]
 */
export const defaultOpeningHours: OpeningHours = {
  1: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
  2: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
  3: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
  4: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
  5: [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
};

/**
 * Defaults of {@link createCalendar}.
 *
 * @example
 * createCalendar({ ...defaultCalendarOptions, holidays: 'none' });
 */
export const defaultCalendarOptions = {
  timezone: 'Asia/Shanghai',
  openingHours: defaultOpeningHours,
  holidays: 'cn',
  closures: [],
  extraOpenings: [],
  makeUpDayWeekday: 1,
} as const satisfies CalendarOptions;

/** Why a day is open or closed. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'closure' | 'extra';

/** One local date of a centre's calendar. */
export interface DayInfo {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: number;
  readonly open: boolean;
  readonly kind: DayKind;
  /** Holiday name where the holiday calendar gives one. */
  readonly name?: string;
  /** Opening sessions (empty when closed). */
  readonly sessions: readonly Session[];
  /** Consecutive closed days just before this date (0–14; 2 after an ordinary weekend). */
  readonly closedDaysBefore: number;
}

/** One slot of a slot grid. */
export interface Slot {
  /** Epoch ms of the slot's start. */
  readonly start: number;
  /** Local date `YYYY-MM-DD`. */
  readonly date: string;
  /** Minutes since local midnight of the slot's start. */
  readonly minuteOfDay: number;
  readonly weekday: number;
  /** Index of the opening session of the day the slot falls in (0 = morning). */
  readonly session: number;
  /** Minutes of the slot that lie inside opening hours (≤ slot length). */
  readonly openMinutes: number;
}

/** A centre's calendar: which days and hours are open, and the slot grid. */
export interface ServiceCalendar {
  readonly timezone: string;
  readonly holidays: HolidayCalendar;
  /** What the calendar says of a date; throws `OUT_OF_COVERAGE` outside the holiday calendar's range. */
  day(date: string): DayInfo;
  /** Whether the centre is open at an instant. */
  isOpenAt(epochMs: number): boolean;
  /** Open slots of the dates `from`..`to` inclusive, aligned to multiples of `slotMinutes` from local midnight. */
  slots(from: string, to: string, slotMinutes: SlotMinutes): Slot[];
}

function toSessions(spec: readonly (readonly [string, string])[], weekday: number): Session[] {
  const sessions = spec.map(([a, b]) => ({
    startMinute: parseClock(a, 'createCalendar'),
    endMinute: parseClock(b, 'createCalendar'),
  }));
  sessions.sort((x, y) => x.startMinute - y.startMinute);
  sessions.forEach((s, i) => {
    if (s.endMinute <= s.startMinute) {
      throw new QueuecastError(
        'INVALID_ARGUMENT',
        `createCalendar: a session must end after it starts, got ${JSON.stringify(spec[i])} on weekday ${weekday}`,
      );
    }
    if (i > 0 && s.startMinute < sessions[i - 1].endMinute) {
      throw new QueuecastError('INVALID_ARGUMENT', `createCalendar: sessions overlap on weekday ${weekday}`);
    }
  });
  return sessions;
}

/**
 * Build a centre's calendar: opening hours per weekday with a lunch break, public holidays and make-up working
 * days (China's by default), and local closures and extra openings.
 *
 * Precedence: local closure > extra opening > public holiday > make-up day > weekday hours.
 *
 * @example
 * const cal = createCalendar();
 * cal.day('2026-10-01').open;       // => false (National Day)
 * cal.day('2026-10-10').kind;       // => 'makeup' (a Saturday worked in lieu)
 * cal.slots('2026-12-01', '2026-12-01', 30).length; // => 14
 */
export function createCalendar(options: CalendarOptions = {}): ServiceCalendar {
  // Merge only the options given: an explicit `undefined` (e.g. `{ timezone: opts.timezone }`) keeps the default.
  const given = Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as CalendarOptions;
  const o = { ...defaultCalendarOptions, ...given };
  assertTimeZone(o.timezone);
  const holidays = o.holidays === 'cn' ? chinaHolidays : o.holidays === 'none' ? noHolidays : o.holidays;
  const byWeekday: Session[][] = [[]];
  for (let w = 1; w <= 7; w++) {
    byWeekday[w] = toSessions(o.openingHours[w as 1] ?? [], w);
  }
  const makeUpSessions =
    byWeekday[o.makeUpDayWeekday].length > 0
      ? byWeekday[o.makeUpDayWeekday]
      : (byWeekday.find((s) => s.length) ?? []);
  const closures = new Set(o.closures);
  const extra = new Set(o.extraOpenings);
  for (const d of [...closures, ...extra]) parseDateKey(d);
  const cache = new Map<string, DayInfo>();

  function baseDay(date: string): Omit<DayInfo, 'closedDaysBefore'> {
    const weekday = weekdayOf(date);
    const mark = holidays.mark(date);
    if (closures.has(date)) return { date, weekday, open: false, kind: 'closure', sessions: [] };
    if (extra.has(date)) return { date, weekday, open: true, kind: 'extra', sessions: makeUpSessions };
    if (mark?.kind === 'holiday')
      return { date, weekday, open: false, kind: 'holiday', name: mark.name, sessions: [] };
    if (mark?.kind === 'makeup') {
      const sessions = byWeekday[weekday].length > 0 ? byWeekday[weekday] : makeUpSessions;
      return { date, weekday, open: sessions.length > 0, kind: 'makeup', name: mark.name, sessions };
    }
    const sessions = byWeekday[weekday];
    return {
      date,
      weekday,
      open: sessions.length > 0,
      kind: sessions.length > 0 ? 'workday' : 'weekend',
      sessions,
    };
  }

  function isClosedSafe(date: string): boolean | undefined {
    try {
      return !baseDay(date).open;
    } catch (e) {
      if (e instanceof QueuecastError && e.code === 'OUT_OF_COVERAGE') return undefined;
      throw e;
    }
  }

  function day(date: string): DayInfo {
    const hit = cache.get(date);
    if (hit !== undefined) return hit;
    const base = baseDay(date);
    let closedDaysBefore = 0;
    for (let k = 1; k <= 14; k++) {
      const closed = isClosedSafe(addDays(date, -k));
      if (closed !== true) break;
      closedDaysBefore++;
    }
    const info: DayInfo = { ...base, closedDaysBefore };
    cache.set(date, info);
    return info;
  }

  return {
    timezone: o.timezone,
    holidays,
    day,
    isOpenAt(epochMs: number): boolean {
      const p = epochToZoned(epochMs, o.timezone);
      const m = p.minuteOfDay + p.second / 60;
      return day(p.date).sessions.some((s) => m >= s.startMinute && m < s.endMinute);
    },
    slots(from: string, to: string, slotMinutes: SlotMinutes): Slot[] {
      check(
        SLOT_LENGTHS.includes(slotMinutes),
        'calendar.slots',
        'slotMinutes must be 5, 10, 15, 30 or 60',
        slotMinutes,
      );
      const n = daysBetween(from, to);
      check(n >= 0, 'calendar.slots', `the range must not end before it starts (from ${from})`, to);
      const out: Slot[] = [];
      for (let i = 0; i <= n; i++) {
        const info = day(addDays(from, i));
        if (!info.open) continue;
        const { year, month, day: dd } = parseDateKey(info.date);
        let lastStart = -1;
        info.sessions.forEach((s, si) => {
          for (
            let m = Math.floor(s.startMinute / slotMinutes) * slotMinutes;
            m < s.endMinute;
            m += slotMinutes
          ) {
            const openMinutes = Math.min(m + slotMinutes, s.endMinute) - Math.max(m, s.startMinute);
            if (m === lastStart) {
              // A slot straddling two sessions (short lunch, long slots) belongs to the earlier one; add its minutes.
              const prev = out[out.length - 1];
              out[out.length - 1] = { ...prev, openMinutes: prev.openMinutes + openMinutes };
              continue;
            }
            const h = Math.floor(m / 60);
            out.push({
              start: zonedToEpoch(year, month, dd, h, m - h * 60, 0, o.timezone),
              date: info.date,
              minuteOfDay: m,
              weekday: info.weekday,
              session: si,
              openMinutes,
            });
            lastStart = m;
          }
        });
      }
      return out;
    },
  };
}
