import { utcOffsetMinutes } from '../time/zoned.js';
import { lit } from './sql.js';

const WEEK_MS = 7 * 86_400_000;
const SCAN_FROM = Date.UTC(1970, 0, 1);
const SCAN_TO = Date.UTC(2100, 0, 1);

/** Offset of a zone from its last change on (within 1970–2100), found by weekly probes; cached per zone. */
interface StableOffset {
  readonly offsetMs: number;
  /** From this UTC instant on the offset never changes again (before 2100). */
  readonly fromUtcMs: number;
}

const stableCache = new Map<string, StableOffset>();

function stableOffset(timeZone: string): StableOffset {
  let s = stableCache.get(timeZone);
  if (s === undefined) {
    const last = utcOffsetMinutes(SCAN_TO, timeZone);
    let from = SCAN_FROM;
    for (let t = SCAN_TO; t >= SCAN_FROM; t -= WEEK_MS) {
      if (utcOffsetMinutes(t, timeZone) !== last) {
        from = t + WEEK_MS;
        break;
      }
    }
    s = { offsetMs: last * 60_000, fromUtcMs: from };
    stableCache.set(timeZone, s);
  }
  return s;
}

/** SQL for converting between local wall-clock milliseconds and epoch milliseconds in one zone. */
export interface ZoneSql {
  /** Statements to run once per connection (a macro for the zone's offset through DuckDB's ICU). */
  readonly setup: readonly string[];
  /**
   * Epoch ms of a local wall time given as ms since 1970-01-01T00:00 local (`zonedToEpoch` semantics), as the
   * trailing `WHEN … ELSE …` branches of a CASE, so that it follows other branches in one CASE.
   */
  toUtcCases(localMs: string): string;
  /** Offset in ms of the zone at an instant (epoch ms). */
  offset(utcMs: string): string;
}

/**
 * SQL conversions for `timeZone`, matching src/time/zoned.ts exactly: local → UTC is `l − off(l − off(l))`
 * (`zonedToEpoch`: in a gap the later offset wins, in a repeated hour the earlier instant). Once a zone's
 * offset has stopped changing (Asia/Shanghai since 1991) the conversion is plain arithmetic; before that, and for
 * zones with daylight saving time, it asks ICU for the offset. Arguments must be column names: they are repeated.
 */
export function zoneSql(timeZone: string): ZoneSql {
  const s = stableOffset(timeZone);
  const off = `epoch_ms(timezone(${lit(timeZone)}, to_timestamp((u // 1000)::DOUBLE))) - (u // 1000) * 1000`;
  const setup = [`CREATE OR REPLACE TEMP MACRO qc_off(u) AS (${off})`];
  // Local wall times at least two days after the last change are unambiguously in the final offset.
  const localFrom = s.fromUtcMs + 2 * 86_400_000;
  const cases = (l: string) =>
    `WHEN ${l} < ${localFrom} THEN ${l} - qc_off(${l} - qc_off(${l})) ELSE ${l} - ${s.offsetMs}`;
  return {
    setup,
    toUtcCases: cases,
    offset: (u) => `(CASE WHEN ${u} < ${s.fromUtcMs} THEN qc_off(${u}) ELSE ${s.offsetMs} END)`,
  };
}
