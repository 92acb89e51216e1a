import { readFileSync, writeFileSync } from 'node:fs';
import { QueuecastError } from '../errors.js';
import { parseCsv } from '../history/csv.js';
import type { Channel } from '../history/types.js';
import { assertTimeZone, formatIsoInZone, parseIsoTime } from '../time/zoned.js';
import type { ForecastBatch, ForecastTarget } from './forecast-many.js';

/** Quantile columns in the order of DESIGN.md's Forecast format; other levels follow, ascending. */
const DESIGN_LEVELS = [0.05, 0.1, 0.5, 0.9, 0.95];

/** Column name of a quantile level: 0.05 → `p05`, 0.8 → `p80`, 0.025 → `p2.5`.
 *
 * @example
 * quantileColumn(0.05); // => 'p05'
 */
export function quantileColumn(level: number): string {
  const pct = Math.round(level * 100_000) / 1000;
  return Number.isInteger(pct) ? `p${String(pct).padStart(2, '0')}` : `p${pct}`;
}

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function num(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

/**
 * Format forecasts as the Forecast CSV of DESIGN.md: the series keys present (`centre`, `service`, `channel`),
 * `slot_start` (ISO 8601 with the zone's offset), `mean`, `p05`, `p10`, `p50`, `p90`, `p95`, then any other
 * quantile levels (e.g. `p80`). Numbers are rounded to 3 decimals.
 *
 * Complexity O(rows).
 *
 * @example
 * formatForecastCsv(forecastMany(history)).split('\n')[0];
 * // => 'centre,service,channel,slot_start,mean,p05,p10,p50,p90,p95,p80'
 */
export function formatForecastCsv(batch: ForecastBatch): string {
  const hasCentre = batch.keys.some((k) => k.centre !== undefined);
  const hasService = batch.keys.some((k) => k.service !== undefined);
  const hasChannel = batch.keys.some((k) => k.channel !== undefined);
  const order = [
    ...DESIGN_LEVELS.filter((l) => batch.levels.includes(l)),
    ...batch.levels.filter((l) => !DESIGN_LEVELS.includes(l)),
  ].map((l) => batch.levels.indexOf(l));
  const header = [
    ...(hasCentre ? ['centre'] : []),
    ...(hasService ? ['service'] : []),
    ...(hasChannel ? ['channel'] : []),
    'slot_start',
    'mean',
    ...order.map((j) => quantileColumn(batch.levels[j])),
  ];
  const lines = [header.join(',')];
  batch.keys.forEach((key, k) => {
    const prefix = [
      ...(hasCentre ? [cell(key.centre ?? '')] : []),
      ...(hasService ? [cell(key.service ?? '')] : []),
      ...(hasChannel ? [cell(key.channel ?? '')] : []),
    ];
    for (let i = batch.offsets[k]; i < batch.offsets[k + 1]; i++) {
      const row = [...prefix, formatIsoInZone(batch.slotStart[i], batch.timezone), num(batch.mean[i])];
      for (const j of order) row.push(num(batch.quantiles[j][i]));
      lines.push(row.join(','));
    }
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Write forecasts to a Forecast CSV file (see {@link formatForecastCsv}); the same argument order as
 * `writeHistoryCsv(history, path)`.
 *
 * @example
 * writeForecastCsv(forecastMany(history), 'forecast.csv');
 */
export function writeForecastCsv(batch: ForecastBatch, path: string): void {
  writeFileSync(path, formatForecastCsv(batch));
}

/** Options of {@link parseForecastTargets}. */
export interface ForecastTargetsOptions {
  /** IANA time zone of times without an offset. Default `Asia/Shanghai`. */
  readonly timezone?: string;
}

/**
 * Parse the slots to forecast (`--at FILE`): a CSV with `slot_start` and the series keys `centre`, `service`,
 * `channel` where the history has them. Other columns (e.g. `arrivals` of a plain series) are ignored. A bad
 * time or channel is an error naming the line.
 *
 * Complexity O(rows).
 *
 * @example
 * parseForecastTargets('slot_start,arrivals\n2026-12-01T09:00:00+08:00,\n')[0].slotStart;
 * // => Date.parse('2026-12-01T01:00:00Z')
 */
export function parseForecastTargets(
  text: string,
  options: ForecastTargetsOptions = {},
  source = 'targets CSV',
): ForecastTarget[] {
  const fn = 'readForecastTargets';
  const tz = options.timezone ?? 'Asia/Shanghai';
  assertTimeZone(tz);
  const table = parseCsv(text, fn, source);
  const col = (name: string) => table.header.findIndex((h) => h.trim() === name);
  const iSlot = col('slot_start');
  if (iSlot < 0) {
    throw new QueuecastError(
      'MISSING_COLUMN',
      `${fn}: ${source} has no column "slot_start" (columns: ${table.header.join(', ')})`,
    );
  }
  const iCentre = col('centre');
  const iService = col('service');
  const iChannel = col('channel');
  return table.records.map((rec, k) => {
    const raw = rec[iSlot].trim();
    const slotStart = parseIsoTime(raw, tz);
    if (Number.isNaN(slotStart)) {
      throw new QueuecastError(
        'BAD_TIME',
        `${fn}: ${source} line ${table.lines[k]}: slot_start must be an ISO 8601 date-time, got ${JSON.stringify(raw)}`,
      );
    }
    const t: { centre?: string; service?: string; channel?: Channel; slotStart: number } = { slotStart };
    if (iCentre >= 0 && rec[iCentre].trim() !== '') t.centre = rec[iCentre].trim();
    if (iService >= 0 && rec[iService].trim() !== '') t.service = rec[iService].trim();
    if (iChannel >= 0 && rec[iChannel].trim() !== '') {
      const ch = rec[iChannel].trim();
      if (ch !== 'appointment' && ch !== 'walk_in') {
        throw new QueuecastError(
          'INVALID_INPUT',
          `${fn}: ${source} line ${table.lines[k]}: channel must be appointment or walk_in, got ${JSON.stringify(ch)}`,
        );
      }
      t.channel = ch;
    }
    return t;
  });
}

/**
 * Read the slots to forecast from a CSV file (see {@link parseForecastTargets}).
 *
 * @example
 * readForecastTargets('at.csv', { timezone: 'UTC' }).length;
 */
export function readForecastTargets(path: string, options: ForecastTargetsOptions = {}): ForecastTarget[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new QueuecastError(
      'FILE_NOT_FOUND',
      `readForecastTargets: ${path} does not exist or cannot be read`,
    );
  }
  return parseForecastTargets(text, options, path);
}
