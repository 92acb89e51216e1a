import { check } from '../errors.js';
import { localMs, seriesKey } from './local-time.js';
import type { History, HistoryRow } from './types.js';

interface Acc {
  slotStart: number;
  arrivals: number;
  booked?: number;
  noShows?: number;
  served?: number;
  abandoned?: number;
  meanSum: number;
  meanWeight: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const COUNT_FIELDS = ['booked', 'noShows', 'served', 'abandoned'] as const;

/**
 * Re-aggregate a history to coarser slots (e.g. 5 → 30 minutes): counts are summed, `meanServiceSeconds` is
 * averaged weighted by `served` (by `arrivals` when a row has no `served`). A coarse slot appears when any of its
 * fine slots does, so open slots stay and closed ones stay absent. Slots are aligned to local midnight of the
 * history's time zone. The target must be a multiple of the current slot length and a divisor of 1440; finer or
 * non-multiple targets are refused. Rows come out by series (in order of first appearance), then slot.
 *
 * Complexity O(rows log rows).
 *
 * @example
 * const bank = readHistoryCsv(path, { timezone: 'UTC', columns: { slot_start: 'DateTime', arrivals: 'Calls' } });
 * resampleHistory(bank, 30).slotMinutes; // => 30 (same total of calls)
 */
export function resampleHistory(history: History, slotMinutes: number): History {
  const from = history.slotMinutes;
  check(
    Number.isInteger(slotMinutes) && slotMinutes > 0,
    'resampleHistory',
    'slotMinutes must be a positive integer',
    slotMinutes,
  );
  check(
    slotMinutes >= from,
    'resampleHistory',
    `cannot resample to slots finer than the history's ${from} minutes`,
    slotMinutes,
  );
  check(
    slotMinutes % from === 0,
    'resampleHistory',
    `slotMinutes must be a multiple of the history's ${from} minutes`,
    slotMinutes,
  );
  check(
    1440 % slotMinutes === 0,
    'resampleHistory',
    'slotMinutes must divide a day (1440 minutes)',
    slotMinutes,
  );
  const tz = history.timezone;
  const slotMs = slotMinutes * 60_000;
  const series = new Map<string, { first: HistoryRow; slots: Map<number, Acc> }>();
  for (const r of history.rows) {
    const key = seriesKey(r.centre, r.service, r.channel);
    let s = series.get(key);
    if (s === undefined) {
      s = { first: r, slots: new Map() };
      series.set(key, s);
    }
    const local = localMs(r.slotStart, tz);
    const start = r.slotStart - (((local % slotMs) + slotMs) % slotMs);
    let a = s.slots.get(start);
    if (a === undefined) {
      a = { slotStart: start, arrivals: 0, meanSum: 0, meanWeight: 0 };
      s.slots.set(start, a);
    }
    a.arrivals += r.arrivals;
    for (const f of COUNT_FIELDS) {
      const v = r[f];
      if (v !== undefined) a[f] = (a[f] ?? 0) + v;
    }
    if (r.meanServiceSeconds !== undefined) {
      const w = r.served ?? r.arrivals;
      a.meanSum += r.meanServiceSeconds * w;
      a.meanWeight += w;
    }
  }
  const rows: HistoryRow[] = [];
  for (const { first, slots } of series.values()) {
    const accs = [...slots.values()].sort((x, y) => x.slotStart - y.slotStart);
    for (const a of accs) {
      const row: Mutable<HistoryRow> = { slotStart: a.slotStart, arrivals: a.arrivals };
      if (first.centre !== undefined) row.centre = first.centre;
      if (first.service !== undefined) row.service = first.service;
      if (first.channel !== undefined) row.channel = first.channel;
      for (const f of COUNT_FIELDS) if (a[f] !== undefined) row[f] = a[f];
      if (a.meanWeight > 0) row.meanServiceSeconds = a.meanSum / a.meanWeight;
      rows.push(row);
    }
  }
  return { rows, slotMinutes, timezone: tz };
}
