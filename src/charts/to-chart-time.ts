import { utcOffsetMinutes } from '../time/zoned.js';

/**
 * The instant `epochMs` as the centre's local wall-clock time, encoded as epoch ms read in UTC: 09:00 in
 * Shanghai becomes `Date.UTC(…, 9, 0)`. Vega-Lite cannot format times in an IANA zone, so queuecast charts place
 * slots by this value (on a UTC time scale, or on an open-hours axis built from it, with labels computed here) and
 * never by the raw instant: they show the centre's local time whatever the time zone of the browser or of Node.
 *
 * Cost: O(1) (the zone offset is cached per hour).
 *
 * @example
 * toChartTime(Date.parse('2026-12-01T01:00:00Z'), 'Asia/Shanghai') === Date.UTC(2026, 11, 1, 9); // => true
 */
export function toChartTime(epochMs: number, timezone: string): number {
  return epochMs + utcOffsetMinutes(epochMs, timezone) * 60_000;
}
