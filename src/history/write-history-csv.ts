import { closeSync, openSync, writeSync } from 'node:fs';
import { QueuecastError } from '../errors.js';
import { formatIsoInZone } from '../time/zoned.js';
import { csvField } from './csv.js';
import type { History, HistoryRow } from './types.js';

type Column = {
  readonly name: string;
  readonly get: (r: HistoryRow) => string | number | undefined;
};

const KEY_COLUMNS: readonly Column[] = [
  { name: 'centre', get: (r) => r.centre },
  { name: 'service', get: (r) => r.service },
  { name: 'channel', get: (r) => r.channel },
];
const VALUE_COLUMNS: readonly Column[] = [
  { name: 'booked', get: (r) => r.booked },
  { name: 'no_shows', get: (r) => r.noShows },
  { name: 'served', get: (r) => r.served },
  { name: 'abandoned', get: (r) => r.abandoned },
  { name: 'mean_service_seconds', get: (r) => r.meanServiceSeconds },
];

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** The header and a line formatter for a history; key and optional columns appear when any row has them. */
function layout(history: History): { header: string; line: (r: HistoryRow) => string } {
  const rows = history.rows;
  const present = (c: Column) => rows.some((r) => c.get(r) !== undefined);
  const keys = KEY_COLUMNS.filter(present);
  const values = VALUE_COLUMNS.filter(present);
  const tz = history.timezone;
  const header = [...keys.map((c) => c.name), 'slot_start', 'arrivals', ...values.map((c) => c.name)].join(
    ',',
  );
  const line = (r: HistoryRow): string => {
    const parts: string[] = [];
    for (const c of keys) parts.push(csvField(String(c.get(r) ?? '')));
    parts.push(formatIsoInZone(r.slotStart, tz), formatNumber(r.arrivals));
    for (const c of values) {
      const v = c.get(r);
      parts.push(v === undefined ? '' : formatNumber(v as number));
    }
    return parts.join(',');
  };
  return { header, line };
}

/**
 * Format a history as History CSV text (DESIGN.md): `centre, service, channel` when the rows have them,
 * `slot_start` as ISO 8601 with the zone's offset, `arrivals`, then whichever of `booked, no_shows, served,
 * abandoned, mean_service_seconds` any row has (means rounded to 0.001 s). For large histories prefer
 * {@link writeHistoryCsv}, which streams.
 *
 * @example
 * formatHistoryCsv({ slotMinutes: 30, timezone: 'Asia/Shanghai',
 *   rows: [{ slotStart: Date.parse('2026-12-01T01:00:00Z'), arrivals: 4 }] });
 * // => 'slot_start,arrivals\n2026-12-01T09:00:00+08:00,4\n'
 */
export function formatHistoryCsv(history: History): string {
  const { header, line } = layout(history);
  let out = `${header}\n`;
  for (const r of history.rows) out += `${line(r)}\n`;
  return out;
}

/**
 * Write a history to `path` as History CSV (see {@link formatHistoryCsv}), streaming in chunks so that the
 * whole file is never one string. Returns the number of data rows written.
 *
 * @example
 * writeHistoryCsv(aggregateVisits(visits), 'history.csv'); // => 104328
 */
export function writeHistoryCsv(history: History, path: string): number {
  const { header, line } = layout(history);
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new QueuecastError(
      'FILE_NOT_FOUND',
      `writeHistoryCsv: cannot write ${path}: ${(e as Error).message}`,
    );
  }
  try {
    let chunk = `${header}\n`;
    for (const r of history.rows) {
      chunk += `${line(r)}\n`;
      if (chunk.length > 1 << 16) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk !== '') writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return history.rows.length;
}
