import { QueuecastError } from '../errors.js';

/** A local wall-clock time in a centre's time zone. */
export interface ZonedParts {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Minutes since local midnight. */
  readonly minuteOfDay: number;
  /** Local date as `YYYY-MM-DD`. */
  readonly date: string;
  /** Offset from UTC in minutes (east positive), e.g. 480 for Asia/Shanghai. */
  readonly offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR_MS = 3_600_000;
/** Offset cache per zone, keyed by UTC hour: offsets change only on whole hours in every zone queuecast serves. */
const offsetCache = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new QueuecastError(
        'UNKNOWN_TIMEZONE',
        `time zone: unknown IANA time zone, got ${JSON.stringify(timeZone)}`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Check that `timeZone` is a valid IANA zone name; throws `UNKNOWN_TIMEZONE` otherwise.
 *
 * @example
 * assertTimeZone('Asia/Shanghai'); // passes
 * assertTimeZone('Mars/Olympus');  // throws QueuecastError (UNKNOWN_TIMEZONE)
 */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/**
 * Offset of `timeZone` from UTC at instant `epochMs`, in minutes east of UTC.
 *
 * @example
 * utcOffsetMinutes(Date.UTC(2026, 0, 1), 'Asia/Shanghai'); // => 480
 */
export function utcOffsetMinutes(epochMs: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const hourKey = Math.floor(epochMs / HOUR_MS);
  const hit = cache.get(hourKey);
  if (hit !== undefined) return hit;
  const parts = formatter(timeZone).formatToParts(new Date(hourKey * HOUR_MS));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const off = Math.round((asUtc - hourKey * HOUR_MS) / 60_000);
  cache.set(hourKey, off);
  return off;
}

/**
 * Epoch milliseconds of a local wall-clock time in `timeZone`. In a DST gap the later offset wins; in a repeated
 * hour the earlier instant is returned.
 *
 * @example
 * zonedToEpoch(2026, 12, 1, 9, 0, 0, 'Asia/Shanghai'); // => Date.parse('2026-12-01T01:00:00Z')
 */
export function zonedToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
  millisecond = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const off1 = utcOffsetMinutes(asUtc, timeZone);
  let t = asUtc - off1 * 60_000;
  const off2 = utcOffsetMinutes(t, timeZone);
  if (off2 !== off1) t = asUtc - off2 * 60_000;
  return t;
}

/**
 * Local wall-clock parts of an instant in `timeZone`.
 *
 * @example
 * epochToZoned(Date.parse('2026-12-01T01:00:00Z'), 'Asia/Shanghai').hour; // => 9
 */
export function epochToZoned(epochMs: number, timeZone: string): ZonedParts {
  const off = utcOffsetMinutes(epochMs, timeZone);
  const d = new Date(epochMs + off * 60_000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  const dow = d.getUTCDay();
  return {
    year,
    month,
    day,
    hour,
    minute,
    second: d.getUTCSeconds(),
    weekday: dow === 0 ? 7 : dow,
    minuteOfDay: hour * 60 + minute,
    date: dateKey(year, month, day),
    offsetMinutes: off,
  };
}

/**
 * `YYYY-MM-DD` from year, month (1–12) and day.
 *
 * @example
 * dateKey(2026, 2, 3); // => '2026-02-03'
 */
export function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parse `YYYY-MM-DD` into numbers; throws `BAD_TIME` for anything else or an impossible date.
 *
 * @example
 * parseDateKey('2026-12-01'); // => { year: 2026, month: 12, day: 1 }
 */
export function parseDateKey(date: string): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(date);
  if (m === null)
    throw new QueuecastError(
      'BAD_TIME',
      `parseDateKey: a date must be YYYY-MM-DD, got ${JSON.stringify(date)}`,
    );
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new QueuecastError('BAD_TIME', `parseDateKey: no such calendar date, got ${JSON.stringify(date)}`);
  }
  return { year, month, day };
}

/**
 * The date `days` after `date` (both `YYYY-MM-DD`).
 *
 * @example
 * addDays('2026-12-31', 1); // => '2027-01-01'
 */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDateKey(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` date.
 *
 * @example
 * weekdayOf('2026-12-01'); // => 2
 */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseDateKey(date);
  const dow = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/**
 * Whole days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier.
 *
 * @example
 * daysBetween('2026-01-01', '2026-12-31'); // => 364
 */
export function daysBetween(from: string, to: string): number {
  const a = parseDateKey(from);
  const b = parseDateKey(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
}

/**
 * Epoch ms of local midnight starting `date` in `timeZone`.
 *
 * @example
 * startOfLocalDay('2026-12-01', 'Asia/Shanghai'); // => Date.parse('2026-11-30T16:00:00Z')
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const { year, month, day } = parseDateKey(date);
  return zonedToEpoch(year, month, day, 0, 0, 0, timeZone);
}

/**
 * Parse `HH:MM` into minutes since midnight (0–1440); throws `BAD_TIME` otherwise.
 *
 * @example
 * parseClock('13:30'); // => 810
 */
export function parseClock(hhmm: string, fn = 'parseClock'): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (m === null || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && Number(m[2]) !== 0)) {
    throw new QueuecastError('BAD_TIME', `${fn}: a clock time must be HH:MM, got ${JSON.stringify(hhmm)}`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Format minutes since midnight as `HH:MM`.
 *
 * @example
 * formatClock(810); // => '13:30'
 */
export function formatClock(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = Math.round(minuteOfDay - h * 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parse an ISO 8601 date-time. With an offset (`Z`, `+08:00`) the offset is respected; without one the time is
 * local to `timeZone`. Returns `NaN` when `text` is not ISO 8601 or names an impossible date or time.
 *
 * @example
 * parseIsoTime('2026-12-01T09:00:00', 'Asia/Shanghai') === parseIsoTime('2026-12-01T01:00:00Z', 'UTC'); // => true
 */
export function parseIsoTime(text: string, timeZone: string): number {
  const m = ISO_RE.exec(text.trim());
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return Number.NaN;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day) return Number.NaN;
  const zone = m[8];
  if (zone === undefined) return zonedToEpoch(year, month, day, hour, minute, second, timeZone, ms);
  let offMin = 0;
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offMin = sign * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offMin * 60_000;
}

/**
 * Format an instant as ISO 8601 local time of `timeZone` with its offset, to the second.
 *
 * @example
 * formatIsoInZone(Date.parse('2026-12-01T01:00:00Z'), 'Asia/Shanghai'); // => '2026-12-01T09:00:00+08:00'
 */
export function formatIsoInZone(epochMs: number, timeZone: string): string {
  const p = epochToZoned(epochMs, timeZone);
  const off = p.offsetMinutes;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.date}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
