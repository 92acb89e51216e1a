import { check, QueuecastError } from '../errors.js';
import type { IngestOptions } from './ingest-options.js';
import { OutsideHours } from './ingest-visits.js';
import { checkedSql, REJECT_CODES } from './pipeline.js';
import { buildSummary, codeCounts, emptyWarnings, type OpenedIngest, openIngest } from './prepare-ingest.js';
import type { IngestSource } from './source.js';
import type { Channel, IngestSummary, IngestWarning, RejectCode } from './types.js';

/** Options of {@link ingestToHistory}: those of ingest, plus the slot length. */
export interface IngestToHistoryOptions extends IngestOptions {
  /** Slot length, minutes: 5, 10, 15, 30 or 60. Default 30. */
  readonly slotMinutes?: 5 | 10 | 15 | 30 | 60;
}

/**
 * Defaults of {@link IngestToHistoryOptions} besides those of ingest ({@link defaultIngestOptions}): 30-minute slots.
 *
 * @example
 * defaultIngestToHistoryOptions.slotMinutes; // => 30
 */
export const defaultIngestToHistoryOptions = { slotMinutes: 30 } as const satisfies IngestToHistoryOptions;

/**
 * Arrivals of one series in one slot: the History row of DESIGN.md (and of src/history's `HistoryRow`), epoch ms.
 * `centre` is absent when the source has none.
 */
export interface SlotHistoryRow {
  readonly centre?: string;
  readonly service: string;
  readonly channel: Channel;
  /** Epoch ms of the local slot's start. */
  readonly slotStart: number;
  /** Visitors who arrived in the slot. */
  readonly arrivals: number;
  /** Appointments booked for the slot (appointment channel, counted in the appointment's slot). */
  readonly booked: number;
  /** Booked holders who did not arrive (no arrival time), counted in the appointment's slot. */
  readonly noShows: number;
  readonly served: number;
  readonly abandoned: number;
  /** Mean of `completed − called` over visits served in the slot, seconds; absent when none has both times. */
  readonly meanServiceSeconds?: number;
}

/** Result of {@link ingestToHistory}. */
export interface IngestHistoryResult {
  /** Slots with any activity (no zero rows: there is no calendar grid here), ordered by series then slot. */
  readonly history: {
    readonly rows: readonly SlotHistoryRow[];
    readonly slotMinutes: number;
    readonly timezone: string;
  };
  readonly warnings: readonly IngestWarning[];
  /** Counts as {@link ingestVisits} would give them (personal data is not scanned: no personal field leaves). */
  readonly summary: IngestSummary;
  /** First rejected row (1-based) per rule, for a look at the source. */
  readonly firstRejectedRow: Readonly<Partial<Record<RejectCode, number>>>;
}

const CHANNELS: readonly Channel[] = ['appointment', 'walk_in'];

/**
 * Validate visit records and aggregate the accepted ones straight to arrivals per (centre, service, channel,
 * slot) inside DuckDB, without materialising visits in JS: one parallel pass over a file into a compact table of
 * checked rows (about 80 bytes a row, spilled to disk past `memoryLimit`), then the duplicate visit ids and the
 * aggregate over that table. Validation is exactly that of
 * {@link ingestVisits}; slot rules are those of src/history's `aggregateVisits`:
 * - arrivals, served, abandoned and meanServiceSeconds (`completedAt − calledAt` of served visits, served meaning
 *   outcome `served`, or no outcome and a completion time) count in the slot holding `arrivedAt`;
 * - booked counts appointment visits in the slot of `appointmentAt` (of `arrivedAt` when absent); a visit with an
 *   appointment but no arrival counts in `booked` and `noShows` of its appointment slot;
 * - slots are aligned to local midnight in `timezone` (`slotStart = t − (local(t) mod slot)`).
 * Unlike `aggregateVisits` no calendar grid is applied: quiet slots are absent, and arrivals outside opening hours
 * are counted where they fall (and flagged when a calendar is given, at minute resolution).
 *
 * Complexity: O(rows) in DuckDB; memory O(rows) bounded by `memoryLimit` (DuckDB spills), plus O(slots) in JS.
 *
 * @example
 * const { history, summary } = await ingestToHistory('visits.csv', { slotMinutes: 30 });
 * history.rows[0]; // => { centre: 'ovc', service: 'tax', channel: 'walk_in', slotStart: 1764550800000, arrivals: 3, … }
 */
export async function ingestToHistory(
  source: IngestSource,
  options: IngestToHistoryOptions = {},
): Promise<IngestHistoryResult> {
  const fn = 'ingestToHistory';
  const slotMinutes = options.slotMinutes ?? defaultIngestToHistoryOptions.slotMinutes;
  check(
    [5, 10, 15, 30, 60].includes(slotMinutes),
    fn,
    'slotMinutes must be 5, 10, 15, 30 or 60',
    slotMinutes,
  );
  const o = await openIngest(source, options, fn, { materialize: false, scanPii: false });
  try {
    const withCalendar = options.calendar !== undefined;
    const result = await aggregateSql(o, slotMinutes, withCalendar);

    interface Acc {
      centre: string | null;
      service: string;
      channel: Channel;
      slotStart: number;
      arrivals: number;
      booked: number;
      noShows: number;
      served: number;
      abandoned: number;
      svcSum: number;
      svcN: number;
    }
    const accs = new Map<string, Acc>();
    const acc = (centre: string | null, service: string, ch: number, slotStart: number): Acc => {
      const key = `${centre ?? ''}\u0001${service}\u0001${ch}\u0001${slotStart}`;
      let a = accs.get(key);
      if (a === undefined) {
        a = {
          centre,
          service,
          channel: CHANNELS[ch],
          slotStart,
          arrivals: 0,
          booked: 0,
          noShows: 0,
          served: 0,
          abandoned: 0,
          svcSum: 0,
          svcN: 0,
        };
        accs.set(key, a);
      }
      return a;
    };
    const byCode = new Map<number, [number, number]>();
    const minutes: [number, number, number][] = [];
    const outside = new OutsideHours(options.calendar, o.plan.opts.timezone);
    let placed = 0;
    for (const r of result) {
      const [g, centre, service, f, aSlot, bSlot, aMin, n, svcSum, svcN, firstRn] = r as AggregateRow;
      if (g === 0) {
        if (aMin !== null) minutes.push([firstRn, aMin, n]);
        continue;
      }
      const code = f & CODE_BITS;
      const c = byCode.get(code);
      byCode.set(code, c === undefined ? [n, firstRn] : [c[0] + n, Math.min(c[1], firstRn)]);
      if (code !== 0) continue;
      const ch = f & WALK_IN ? 1 : 0;
      if (aSlot !== null) {
        const a = acc(centre, service, ch, aSlot);
        a.arrivals += n;
        if (f & SERVED) a.served += n;
        if (f & ABANDONED) a.abandoned += n;
        a.svcSum += svcSum ?? 0;
        a.svcN += svcN;
        placed += n;
      }
      if (bSlot !== null) {
        const b = acc(centre, service, ch, bSlot);
        b.booked += n;
        if (f & NO_SHOW) {
          b.noShows += n;
          placed += n;
        }
      }
    }
    const codeRows = [...byCode.entries()].map(([code, [n, first]]) => [code, n, first]);
    minutes.sort((x, y) => x[0] - y[0]);
    for (const [firstRn, aMin, n] of minutes) outside.check(aMin * 60_000, firstRn, n);
    const counts = codeCounts(codeRows, null, fn);
    if (placed !== counts.accepted) {
      throw new QueuecastError(
        'INVALID_INPUT',
        `${fn}: internal check failed: ${placed} visits placed in slots, ${counts.accepted} accepted`,
      );
    }
    const rows = [...accs.values()]
      .sort(
        (x, y) =>
          cmp(x.centre, y.centre) ||
          cmp(x.service, y.service) ||
          cmp(x.channel, y.channel) ||
          x.slotStart - y.slotStart,
      )
      .map((a): SlotHistoryRow => {
        const row: SlotHistoryRow = {
          ...(a.centre === null ? {} : { centre: a.centre }),
          service: a.service,
          channel: a.channel,
          slotStart: a.slotStart,
          arrivals: a.arrivals,
          booked: a.booked,
          noShows: a.noShows,
          served: a.served,
          abandoned: a.abandoned,
        };
        return a.svcN > 0 ? { ...row, meanServiceSeconds: a.svcSum / a.svcN / 1000 } : row;
      });
    options.onProgress?.(1);
    return {
      history: { rows, slotMinutes, timezone: o.plan.opts.timezone },
      warnings: [...emptyWarnings(counts, o.plan.source), ...outside.warnings()],
      summary: buildSummary(o, counts),
      firstRejectedRow: counts.firstRow,
    };
  } finally {
    o.engine.close();
  }
}

/** One row of the aggregate: grouping flag, series, packed code and flags, slots, minute, counts, first row. */
type AggregateRow = [
  number,
  string | null,
  string,
  number,
  number | null,
  number | null,
  number | null,
  number,
  number | null,
  number,
  number,
];

/** Bits of the packed `f` column: the reject code (0 = accepted) in bits 0–3, then the flags of an accepted row. */
const CODE_BITS = 15;
const WALK_IN = 16;
const SERVED = 32;
const ABANDONED = 64;
const NO_SHOW = 128;

/**
 * The work in DuckDB, in two statements:
 * 1. one parallel pass over the source into a narrow table `t` of checked rows: the visit id and its 64-bit hash,
 *    the series, one SMALLINT `f` packing the code (without the duplicate rule) with the channel and the served,
 *    abandoned and no-show flags, the arrival and booking slots and the handling time. A rejected row keeps only
 *    its code (its other columns are NULL), so rejected rows collapse into one group per code. Inserting keeps the
 *    source's order, so `rowid + 1` is the record number, without a (single-threaded) row-numbering window;
 * 2. the rows that repeat an earlier visit id (hashes seen more than once, a hash aggregate, then the exact ids
 *    among those few rows, the first row of each id keeping it), joined to `t` and recoded, and a hash aggregate
 *    over (series, f, arrival slot, booking slot), plus arrival minutes when a calendar is given (arrivals and
 *    bookings are split in JS: grouping sets per slot kind would aggregate every row once per set).
 */
async function aggregateSql(
  o: OpenedIngest,
  slotMinutes: number,
  withCalendar: boolean,
): Promise<unknown[][]> {
  const S = slotMinutes * 60_000;
  const slot = (t: string) => `${t} - (((${t} + ${o.zone.offset(t)}) % ${S}) + ${S}) % ${S}`;
  const hasId = o.plan.fields.visit_id !== undefined;
  const dupCode = REJECT_CODES.indexOf('duplicate_id') + 1;
  const wrap = (e: unknown) => {
    throw o.wrap(e);
  };
  const served = 'coalesce(oc = 0, t_completed_at IS NOT NULL)';
  const ok = (c: string) => `CASE WHEN code = 0 THEN ${c} END`;
  await o.engine
    .run(
      `CREATE TEMP TABLE t AS
      SELECT ${hasId ? 'CASE WHEN v_visit_id IS NOT NULL THEN hash(v_visit_id) END AS k, v_visit_id AS id, ' : ''}
        ${ok('v_centre')} AS v_centre, ${ok('v_service')} AS v_service,
        (CASE WHEN code = 0 THEN (ch::SMALLINT * ${WALK_IN}) + (CASE WHEN ${served} THEN ${SERVED} ELSE 0 END)
          + (CASE WHEN oc = 3 THEN ${ABANDONED} ELSE 0 END) + (CASE WHEN t_arrived_at IS NULL THEN ${NO_SHOW} ELSE 0 END)
          ELSE code END)::SMALLINT AS f,
        ${ok(slot('t_arrived_at'))} AS a_slot, ${ok(slot('b_t'))} AS b_slot${withCalendar ? `, ${ok('t_arrived_at // 60000')} AS a_min` : ''},
        CASE WHEN code = 0 AND ${served} AND t_completed_at >= t_called_at THEN t_completed_at - t_called_at END AS svc
      FROM (
        SELECT *, CASE WHEN t_arrived_at IS NULL THEN t_appointment_at
          WHEN ch = 0 THEN coalesce(t_appointment_at, t_arrived_at) END AS b_t
        FROM ${checkedSql(o.plan, o.values, o.formats, o.zone, null)}
      )`,
      o.progress(0, 0.85),
    )
    .catch(wrap);
  const dupRows = hasId
    ? `(SELECT r FROM (SELECT rowid AS r, min(rowid) OVER (PARTITION BY id) AS first FROM t
        WHERE k IN (SELECT k FROM t WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1)) WHERE r <> first)`
    : null;
  const keys = 'v_centre, v_service, f, a_slot, b_slot';
  const kept = (c: string) => (dupRows === null ? c : `CASE WHEN d.r IS NULL THEN ${c} END AS ${c}`);
  const rows = `(SELECT t.rowid + 1 AS rn, ${kept('v_centre')}, ${kept('v_service')}, ${kept('svc')},
      ${dupRows === null ? 'f' : `CASE WHEN d.r IS NULL THEN f ELSE ${dupCode} END AS f`},
      ${kept('a_slot')}, ${kept('b_slot')}${withCalendar ? `, ${kept('a_min')}` : ''}
    FROM t${dupRows === null ? '' : ` LEFT JOIN ${dupRows} d ON d.r = t.rowid`})`;
  const sql = `
    SELECT ${withCalendar ? 'grouping(a_min)' : '1'} AS g, v_centre, v_service, f, a_slot::DOUBLE, b_slot::DOUBLE,
      ${withCalendar ? 'a_min::DOUBLE' : 'NULL'}, count(*)::DOUBLE, sum(svc)::DOUBLE, count(svc)::DOUBLE, min(rn)::DOUBLE
    FROM ${rows}
    GROUP BY ${withCalendar ? `GROUPING SETS ((${keys}), (a_min))` : keys}`;
  return o.engine.rows(sql, o.progress(0.85, 1)).catch(wrap);
}

function cmp(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
