import { readFileSync, statSync } from 'node:fs';
import { QueuecastError } from '../errors.js';
import { assertTimeZone, epochToZoned, parseDateKey, parseIsoTime, zonedToEpoch } from '../time/zoned.js';
import { parseCsv } from './csv.js';
import { localMs, seriesKey } from './local-time.js';
import type { Channel, History, HistoryRow } from './types.js';

/** Where the slot start of a row comes from: one ISO column, or a date column plus hour (and minute) columns. */
export type SlotStartColumn =
  | string
  | { readonly date: string; readonly hour?: string; readonly minute?: string };

/** Column names of the History CSV of DESIGN.md, mapped to the names a file uses. */
export interface HistoryColumnMap {
  readonly centre?: string;
  readonly service?: string;
  readonly channel?: string;
  /** A column name, or `{ date: 'Date', hour: 'Hour' }` for files with separate date and hour columns. */
  readonly slot_start?: SlotStartColumn;
  readonly arrivals?: string;
  readonly booked?: string;
  readonly no_shows?: string;
  readonly served?: string;
  readonly abandoned?: string;
  readonly mean_service_seconds?: string;
}

/** Options of {@link readHistoryCsv} and {@link parseHistoryCsv}. */
export interface ReadHistoryCsvOptions {
  /** IANA time zone of the slots; times without an offset are local to it. Default `Asia/Shanghai`. */
  readonly timezone?: string;
  /** Slot length, minutes (a divisor of 1440). Default: inferred, the greatest common divisor of the gaps. */
  readonly slotMinutes?: number;
  /** File column per History column, e.g. `{ slot_start: 'DateTime', arrivals: 'Calls' }`. Default the names. */
  readonly columns?: HistoryColumnMap;
  /**
   * `respect` (default): an offset in a time (`Z`, `+08:00`) is honoured. `ignore`: times are read as local
   * clock times of `timezone` even when they carry an offset (files that write local times with a spurious `Z`).
   */
  readonly offsets?: 'respect' | 'ignore';
}

/**
 * Defaults of {@link readHistoryCsv}: local times in `Asia/Shanghai`, UTC offsets in the file respected.
 *
 * @example
 * defaultReadHistoryCsvOptions.offsets; // => 'respect'
 */
export const defaultReadHistoryCsvOptions = {
  timezone: 'Asia/Shanghai',
  offsets: 'respect',
} as const satisfies ReadHistoryCsvOptions;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FN = 'readHistoryCsv';
const COUNT_COLUMNS = ['booked', 'no_shows', 'served', 'abandoned'] as const;
const COUNT_FIELDS = {
  booked: 'booked',
  no_shows: 'noShows',
  served: 'served',
  abandoned: 'abandoned',
} as const;
const OFFSET_RE = /(?<=\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Read a History CSV (DESIGN.md: `centre, service, channel, slot_start, arrivals` and optionally `booked,
 * no_shows, served, abandoned, mean_service_seconds`) or a plain arrival series (`slot_start, arrivals`).
 * Columns can be remapped, e.g. the 5-minute bank series: `{ slot_start: 'DateTime', arrivals: 'Calls' }`, or
 * the hourly Iowa file: `{ slot_start: { date: 'Date', hour: 'Hour' }, arrivals: 'Arrivals' }`.
 *
 * A bad row is an error naming the file, the line and the rule: an unparseable time, a local time that does not
 * exist (a daylight-saving gap: read such files in a fixed-offset zone like `UTC`), a slot start off the slot
 * grid, negative or non-numeric counts, an unknown channel, or a second row for the same series and slot.
 *
 * Complexity O(rows).
 *
 * @example
 * const h = readHistoryCsv('../shared/datasets/bank-calls-5min-2003-mar-aug.csv',
 *   { timezone: 'UTC', columns: { slot_start: 'DateTime', arrivals: 'Calls' } });
 * h.slotMinutes; // => 5
 */
export function readHistoryCsv(path: string, options: ReadHistoryCsvOptions = {}): History {
  let text: string;
  try {
    if (statSync(path).isDirectory()) {
      throw new QueuecastError('INVALID_ARGUMENT', `${FN}: ${path} is a directory, not a CSV file`);
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof QueuecastError) throw e;
    throw new QueuecastError('FILE_NOT_FOUND', `${FN}: ${path} does not exist or cannot be read`);
  }
  return parseHistoryCsv(text, options, path);
}

/**
 * Parse History CSV text; see {@link readHistoryCsv}. `source` names the text in error messages.
 *
 * @example
 * parseHistoryCsv('slot_start,arrivals\n2026-12-01T09:00:00+08:00,4\n2026-12-01T09:30:00+08:00,6\n').slotMinutes;
 * // => 30
 */
export function parseHistoryCsv(
  text: string,
  options: ReadHistoryCsvOptions = {},
  source = 'history CSV',
): History {
  const tz = options.timezone ?? defaultReadHistoryCsvOptions.timezone;
  const ignoreOffsets = (options.offsets ?? defaultReadHistoryCsvOptions.offsets) === 'ignore';
  assertTimeZone(tz);
  const table = parseCsv(text, FN, source);
  const { header } = table;
  if (header.length === 1 && /[;\t|]/.test(header[0])) {
    throw new QueuecastError(
      'WRONG_DELIMITER',
      `${FN}: ${source} line 1: the header ${JSON.stringify(header[0])} holds no comma; History CSV is comma-separated`,
    );
  }
  const map = options.columns ?? {};
  const col = (name: string, required: boolean): number => {
    const idx = header.indexOf(name);
    if (idx < 0 && required) {
      throw new QueuecastError(
        'MISSING_COLUMN',
        `${FN}: ${source} has no column ${JSON.stringify(name)} (columns: ${header.join(', ')})`,
      );
    }
    return idx;
  };
  const mapped = (k: Exclude<keyof HistoryColumnMap, 'slot_start'>): string => map[k] ?? k;
  const explicit = (k: Exclude<keyof HistoryColumnMap, 'slot_start'>): boolean => map[k] !== undefined;
  const iCentre = col(mapped('centre'), explicit('centre'));
  const iService = col(mapped('service'), explicit('service'));
  const iChannel = col(mapped('channel'), explicit('channel'));
  const iArrivals = col(mapped('arrivals'), true);
  const iCounts = COUNT_COLUMNS.map((k) => col(mapped(k), explicit(k)));
  const iMean = col(mapped('mean_service_seconds'), explicit('mean_service_seconds'));
  const slotSpec = map.slot_start ?? 'slot_start';
  const iSlot = typeof slotSpec === 'string' ? col(slotSpec, true) : -1;
  const iDate = typeof slotSpec === 'string' ? -1 : col(slotSpec.date, true);
  const iHour = typeof slotSpec === 'string' || slotSpec.hour === undefined ? -1 : col(slotSpec.hour, true);
  const iMinute =
    typeof slotSpec === 'string' || slotSpec.minute === undefined ? -1 : col(slotSpec.minute, true);

  const fail = (line: number, code: 'BAD_TIME' | 'INVALID_INPUT', rule: string, value: string): never => {
    throw new QueuecastError(code, `${FN}: ${source} line ${line}: ${rule}, got ${JSON.stringify(value)}`);
  };
  const count = (line: number, name: string, value: string): number => {
    const t = value.trim();
    const n = Number(t);
    if (t === '' || !Number.isFinite(n) || n < 0)
      fail(line, 'INVALID_INPUT', `${name} must be a non-negative number`, value);
    return n;
  };
  const optionalCount = (line: number, name: string, value: string): number | undefined =>
    value.trim() === '' ? undefined : count(line, name, value);
  const integerField = (line: number, name: string, value: string, max: number): number => {
    const t = value.trim();
    const n = Number(t);
    if (!/^\d{1,2}$/.test(t) || n > max) fail(line, 'BAD_TIME', `${name} must be an integer 0–${max}`, value);
    return n;
  };
  const slotStartOf = (rec: readonly string[], line: number): number => {
    if (iSlot >= 0) {
      const raw = rec[iSlot].trim();
      const hasOffset = OFFSET_RE.test(raw);
      const text = ignoreOffsets ? raw.replace(OFFSET_RE, '') : raw;
      const t = parseIsoTime(text, tz);
      if (Number.isNaN(t)) fail(line, 'BAD_TIME', 'slot_start must be an ISO 8601 date-time', raw);
      if (!hasOffset || ignoreOffsets) {
        const m = /[T ](\d{2}):(\d{2})/.exec(text);
        const expected = m === null ? 0 : Number(m[1]) * 60 + Number(m[2]);
        if (epochToZoned(t, tz).minuteOfDay !== expected) {
          fail(line, 'BAD_TIME', `slot_start is not a local time in ${tz} (a daylight-saving gap)`, raw);
        }
      }
      return t;
    }
    const dateText = rec[iDate].trim();
    let ymd: { year: number; month: number; day: number };
    try {
      ymd = parseDateKey(dateText);
    } catch {
      return fail(line, 'BAD_TIME', 'the date must be YYYY-MM-DD', dateText);
    }
    const hour = iHour >= 0 ? integerField(line, 'the hour', rec[iHour], 23) : 0;
    const minute = iMinute >= 0 ? integerField(line, 'the minute', rec[iMinute], 59) : 0;
    const t = zonedToEpoch(ymd.year, ymd.month, ymd.day, hour, minute, 0, tz);
    if (epochToZoned(t, tz).minuteOfDay !== hour * 60 + minute) {
      fail(
        line,
        'BAD_TIME',
        `${dateText} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} is not a local time in ${tz} (a daylight-saving gap)`,
        dateText,
      );
    }
    return t;
  };

  const rows: HistoryRow[] = [];
  const lines = table.lines;
  const seen = new Map<string, Map<number, number>>();
  table.records.forEach((rec, k) => {
    const line = lines[k];
    const slotStart = slotStartOf(rec, line);
    const row: Mutable<HistoryRow> = { slotStart, arrivals: count(line, 'arrivals', rec[iArrivals]) };
    if (iCentre >= 0 && rec[iCentre].trim() !== '') row.centre = rec[iCentre].trim();
    if (iService >= 0 && rec[iService].trim() !== '') row.service = rec[iService].trim();
    if (iChannel >= 0 && rec[iChannel].trim() !== '') {
      const ch = rec[iChannel].trim();
      if (ch !== 'appointment' && ch !== 'walk_in')
        fail(line, 'INVALID_INPUT', 'channel must be appointment or walk_in', ch);
      row.channel = ch as Channel;
    }
    COUNT_COLUMNS.forEach((name, j) => {
      if (iCounts[j] < 0) return;
      const v = optionalCount(line, name, rec[iCounts[j]]);
      if (v !== undefined) row[COUNT_FIELDS[name]] = v;
    });
    if (iMean >= 0) {
      const v = optionalCount(line, 'mean_service_seconds', rec[iMean]);
      if (v !== undefined) row.meanServiceSeconds = v;
    }
    const key = seriesKey(row.centre, row.service, row.channel);
    let slotsOfKey = seen.get(key);
    if (slotsOfKey === undefined) {
      slotsOfKey = new Map();
      seen.set(key, slotsOfKey);
    }
    const earlier = slotsOfKey.get(slotStart);
    if (earlier !== undefined) {
      fail(
        line,
        'INVALID_INPUT',
        `a second row for the same series and slot (first on line ${earlier})`,
        rec[iSlot >= 0 ? iSlot : iDate],
      );
    }
    slotsOfKey.set(slotStart, line);
    rows.push(row);
  });
  if (rows.length === 0) throw new QueuecastError('EMPTY_FILE', `${FN}: ${source} has a header but no rows`);

  const slotMinutes = options.slotMinutes ?? inferSlotMinutes(rows, seen, tz, source);
  if (!(Number.isInteger(slotMinutes) && slotMinutes > 0 && 1440 % slotMinutes === 0)) {
    throw new QueuecastError(
      'INVALID_ARGUMENT',
      `${FN}: slotMinutes must be a positive divisor of 1440 (e.g. 5, 15, 30, 60), got ${slotMinutes}`,
    );
  }
  const slotMs = slotMinutes * 60_000;
  rows.forEach((r, k) => {
    if (((localMs(r.slotStart, tz) % slotMs) + slotMs) % slotMs !== 0) {
      const rec = table.records[k];
      fail(
        lines[k],
        'BAD_TIME',
        `slot_start must lie on the ${slotMinutes}-minute grid from local midnight`,
        rec[iSlot >= 0 ? iSlot : iDate],
      );
    }
  });
  return { rows, slotMinutes, timezone: tz };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Greatest common divisor, in minutes, of the local-time gaps between consecutive slots of each series. */
function inferSlotMinutes(
  rows: readonly HistoryRow[],
  seen: ReadonlyMap<string, ReadonlyMap<number, number>>,
  tz: string,
  source: string,
): number {
  let g = 0;
  for (const slots of seen.values()) {
    const local = [...slots.keys()].map((t) => Math.round(localMs(t, tz) / 60_000)).sort((a, b) => a - b);
    for (let i = 1; i < local.length; i++) g = gcd(g, local[i] - local[i - 1]);
  }
  if (g === 0) {
    throw new QueuecastError(
      'INVALID_ARGUMENT',
      `${FN}: ${source} has one slot per series (${rows.length} row(s)); give slotMinutes explicitly`,
    );
  }
  return g;
}
