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
 * The work in DuckDB:
 * 1. one parallel pass over the source into a narrow table `t` of checked rows: the visit id and a 32-bit hash of
 *    it, the series, one SMALLINT `f` packing the code (without the duplicate rule) with the channel and the served,
 *    abandoned and no-show flags, the arrival and booking slots and the handling time. A rejected row keeps only
 *    its code (its other columns are NULL), so rejected rows collapse into one group per code. Inserting keeps the
 *    source's order, so `rowid + 1` is the record number, without a (single-threaded) row-numbering window;
 * 2. the rows that repeat an earlier visit id, as table `d` (see {@link laterDuplicates});
 * 3. a hash aggregate of `t` over (series, f, arrival slot, booking slot), the first row of each rejection rule
 *    outside `d`, and the groups of the rows of `d`, which move from their groups to the duplicate rule in JS
 *    (cheaper than recoding every row through a join). With a calendar, one aggregate with the arrival minutes
 *    instead. Arrivals and bookings are split in JS: grouping sets per slot kind would aggregate every row once
 *    per set.
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
      SELECT ${hasId ? 'CASE WHEN v_visit_id IS NOT NULL THEN (hash(v_visit_id) >> 32)::UINTEGER END AS k, v_visit_id AS id, ' : ''}
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
  const dups = hasId ? await laterDuplicates(o, wrap) : 0;
  if (withCalendar) return calendarAggregate(o, dups > 0, dupCode, wrap);
  const keys = 'v_centre, v_service, f, a_slot, b_slot';
  const sums = 'count(*)::DOUBLE, sum(svc)::DOUBLE, count(svc)::DOUBLE';
  const groups = await o.engine
    .rows(`SELECT ${keys}, ${sums} FROM t GROUP BY ${keys}`, o.progress(0.9, 1))
    .catch(wrap);
  const firsts = await o.engine
    .rows(
      `SELECT f, min(rowid)::DOUBLE FROM t WHERE f BETWEEN 1 AND ${CODE_BITS}` +
        `${dups > 0 ? ' AND rowid NOT IN (SELECT r FROM d)' : ''} GROUP BY f`,
    )
    .catch(wrap);
  const first = new Map(firsts.map(([f, r]) => [f as number, (r as number) + 1]));
  const out = new Map<string, AggregateRow>();
  const key = (r: readonly unknown[]) => JSON.stringify(r.slice(0, 5));
  for (const r of groups) {
    const [centre, service, f, aSlot, bSlot, n, svcSum, svcN] = r as GroupRow;
    out.set(key(r), [1, centre, service, f, aSlot, bSlot, null, n, svcSum, svcN, first.get(f) ?? 0]);
  }
  if (dups > 0) {
    // The later rows of a repeated id were counted in their groups above: move them to the duplicate rule.
    const moved = await o.engine
      .rows(`SELECT ${keys}, ${sums}, min(r)::DOUBLE FROM d GROUP BY ${keys}`)
      .catch(wrap);
    let firstDup = Number.POSITIVE_INFINITY;
    for (const r of moved) {
      const [, , , , , n, svcSum, svcN, minRowid] = r as [...GroupRow, number];
      const row = out.get(key(r));
      if (row === undefined)
        throw new QueuecastError(
          'INVALID_INPUT',
          `ingestToHistory: internal check failed: repeated rows in a group of no row, got ${key(r)}`,
        );
      row[7] -= n;
      if (svcSum !== null) row[8] = (row[8] ?? 0) - svcSum;
      row[9] -= svcN;
      if (row[7] === 0) out.delete(key(r));
      firstDup = Math.min(firstDup, minRowid + 1);
    }
    out.set('', [1, null, '', dupCode, null, null, null, dups, null, 0, firstDup]);
  }
  return [...out.values()];
}

/** One group of `t`: series, packed `f`, slots, then count, handling-time sum and count. */
type GroupRow = [string | null, string, number, number | null, number | null, number, number | null, number];

/**
 * Find the later rows of each repeated visit id into table `d` (row id `r` and the columns of `t`), and count
 * them. Hashes seen more than once come from sorting the 32-bit hashes (about 3× cheaper than a hash aggregate over
 * millions of distinct ids); the exact ids among those few rows decide, the first row of each id keeping it.
 */
async function laterDuplicates(o: OpenedIngest, wrap: (e: unknown) => never): Promise<number> {
  await o.engine
    .run(
      `CREATE TEMP TABLE d AS SELECT * EXCLUDE (k, id, first) FROM (
        SELECT rowid AS r, *, min(rowid) OVER (PARTITION BY id) AS first FROM t
        WHERE k IN (SELECT k FROM (SELECT k, lag(k) OVER (ORDER BY k) AS p FROM t WHERE k IS NOT NULL) WHERE k = p))
        WHERE r <> first`,
      o.progress(0.85, 0.9),
    )
    .catch(wrap);
  const [[n]] = await o.engine.rows('SELECT count(*) FROM d').catch(wrap);
  return n as number;
}

/** The aggregate when a calendar is given: also the arrival minutes, with the first row of each. */
async function calendarAggregate(
  o: OpenedIngest,
  hasDups: boolean,
  dupCode: number,
  wrap: (e: unknown) => never,
): Promise<unknown[][]> {
  const keys = 'v_centre, v_service, f, a_slot, b_slot';
  const kept = (c: string) => (hasDups ? `CASE WHEN d.r IS NULL THEN ${c} END AS ${c}` : c);
  const rows = `(SELECT t.rowid + 1 AS rn, ${kept('v_centre')}, ${kept('v_service')}, ${kept('svc')},
      ${hasDups ? `CASE WHEN d.r IS NULL THEN f ELSE ${dupCode} END AS f` : 'f'},
      ${kept('a_slot')}, ${kept('b_slot')}, ${kept('a_min')}
    FROM t${hasDups ? ' LEFT JOIN (SELECT r FROM d) d ON d.r = t.rowid' : ''})`;
  const sql = `
    SELECT grouping(a_min) AS g, v_centre, v_service, f, a_slot::DOUBLE, b_slot::DOUBLE,
      a_min::DOUBLE, count(*)::DOUBLE, sum(svc)::DOUBLE, count(svc)::DOUBLE, min(rn)::DOUBLE
    FROM ${rows}
    GROUP BY GROUPING SETS ((${keys}), (a_min))`;
  return o.engine.rows(sql, o.progress(0.9, 1)).catch(wrap);
}

function cmp(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
