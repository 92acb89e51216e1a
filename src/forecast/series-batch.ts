import type { History } from '../history/types.js';
import type { SeriesKey } from './types.js';

/**
 * Many series held as flat arrays plus offsets (statsforecast's layout): series `k` owns rows
 * `offsets[k] … offsets[k + 1] − 1` of `slotStart` and `arrivals`.
 */
export interface SeriesBatch {
  readonly keys: readonly SeriesKey[];
  /** Length `keys.length + 1`. */
  readonly offsets: Int32Array;
  /** Epoch ms of each row's slot start. */
  readonly slotStart: Float64Array;
  readonly arrivals: Float64Array;
  readonly slotMinutes: number;
  readonly timezone: string;
}

/** Text key of a series (centre, service, channel) for maps. */
export function seriesKeyText(key: SeriesKey): string {
  return `${key.centre ?? ''}\u0001${key.service ?? ''}\u0001${key.channel ?? ''}`;
}

/** A series' keys for messages: `series c1/tax/walk_in`, or `the series` for a plain one. */
export function describeSeries(key: SeriesKey): string {
  const parts = [key.centre, key.service, key.channel].filter((p) => p !== undefined);
  return parts.length === 0 ? 'the series' : `series ${parts.join('/')}`;
}

/**
 * Split a history into a {@link SeriesBatch}: one series per (centre, service, channel), in order of first
 * appearance, rows kept in their order within each series.
 *
 * Complexity O(rows).
 *
 * @example
 * const batch = toSeriesBatch(history);
 * batch.keys.length; // number of series
 */
export function toSeriesBatch(history: History): SeriesBatch {
  const index = new Map<string, number>();
  const keys: SeriesKey[] = [];
  const rows = history.rows;
  const which = new Int32Array(rows.length);
  const counts: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const text = seriesKeyText(r);
    let k = index.get(text);
    if (k === undefined) {
      k = keys.length;
      index.set(text, k);
      const key: { centre?: string; service?: string; channel?: SeriesKey['channel'] } = {};
      if (r.centre !== undefined) key.centre = r.centre;
      if (r.service !== undefined) key.service = r.service;
      if (r.channel !== undefined) key.channel = r.channel;
      keys.push(key);
      counts.push(0);
    }
    which[i] = k;
    counts[k]++;
  }
  const offsets = new Int32Array(keys.length + 1);
  for (let k = 0; k < keys.length; k++) offsets[k + 1] = offsets[k] + counts[k];
  const fill = offsets.slice(0, keys.length);
  const slotStart = new Float64Array(rows.length);
  const arrivals = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const j = fill[which[i]]++;
    slotStart[j] = rows[i].slotStart;
    arrivals[j] = rows[i].arrivals;
  }
  return { keys, offsets, slotStart, arrivals, slotMinutes: history.slotMinutes, timezone: history.timezone };
}
