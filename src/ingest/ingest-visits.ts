import type { DuckDBConnection } from '@duckdb/node-api';
import { formatIsoInZone } from '../time/zoned.js';
import type { IngestOptions } from './ingest-options.js';
import { reasonSql, rejectCodeOf } from './pipeline.js';
import {
  buildSummary,
  type CodeCounts,
  createChecked,
  emptyWarnings,
  type OpenedIngest,
  openIngest,
  rejectedFieldsSql,
} from './prepare-ingest.js';
import type { IngestSource } from './source.js';
import type { IngestSummary, IngestWarning, OpeningCalendar, RejectedRow } from './types.js';
import { type VisitTable, VisitTableBuilder } from './visit-table.js';

/** Result of {@link ingestVisits}. Invariant: `summary.accepted + summary.rejected === summary.inputRows`. */
export interface IngestResult {
  /** Accepted visits, in source order, column by column. */
  readonly visits: VisitTable;
  /** Rejected rows, in source order, each with its rule and reason. */
  readonly rejected: readonly RejectedRow[];
  readonly warnings: readonly IngestWarning[];
  readonly summary: IngestSummary;
}

/** Read a streaming query chunk by chunk, calling `row(get)` for each row where `get(col)` reads a value. */
export async function streamRows(
  conn: DuckDBConnection,
  sql: string,
  row: (get: (col: number) => unknown) => void,
): Promise<void> {
  const result = await conn.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const vectors = Array.from({ length: chunk.columnCount }, (_, c) => chunk.getColumnVector(c));
    for (let j = 0; j < chunk.rowCount; j++) row((c) => vectors[c].getItem(j));
  }
}

/** Tally of arrivals when the centre is closed. */
export class OutsideHours {
  count = 0;
  readonly rows: number[] = [];
  readonly examples: string[] = [];

  constructor(
    private readonly calendar: OpeningCalendar | undefined,
    private readonly timezone: string,
  ) {}

  /** Check one arrival (epoch ms) of record `rn`, `n` times. Call in source order for stable examples. */
  check(arrivedAt: number, rn: number, n = 1): void {
    if (this.calendar === undefined || this.calendar.isOpenAt(arrivedAt)) return;
    this.count += n;
    if (this.rows.length < 10) this.rows.push(rn);
    if (this.examples.length < 3) this.examples.push(formatIsoInZone(arrivedAt, this.timezone));
  }

  /** The warning, or none. */
  warnings(): IngestWarning[] {
    if (this.count === 0) return [];
    return [
      {
        code: 'outside_opening_hours',
        message: `${this.count} arrival(s) while the centre is closed, kept (e.g. ${this.examples.join(', ')})`,
        count: this.count,
        rows: this.rows,
      },
    ];
  }
}

const VISIT_SELECT =
  'rn::DOUBLE, v_visit_id, v_centre, v_service, ch, t_booked_at::DOUBLE, t_appointment_at::DOUBLE, ' +
  't_arrived_at::DOUBLE, t_called_at::DOUBLE, t_completed_at::DOUBLE, coalesce(oc, -1), v_counter, v_staff, v__person';

async function readVisits(o: OpenedIngest, counts: CodeCounts, outside: OutsideHours): Promise<VisitTable> {
  const b = new VisitTableBuilder(counts.accepted, o.pii.personKeyColumn !== null);
  await streamRows(o.engine.conn, `SELECT ${VISIT_SELECT} FROM checked WHERE code = 0 ORDER BY rn`, (get) => {
    const arrivedAt = get(7) as number | null;
    b.push(
      get(1) as string | null,
      get(2) as string | null,
      get(3) as string,
      get(4) as number,
      get(5) as number | null,
      get(6) as number | null,
      arrivedAt,
      get(8) as number | null,
      get(9) as number | null,
      get(10) as number,
      get(11) as string | null,
      get(12) as string | null,
      get(13) as string | null,
    );
    if (arrivedAt !== null) outside.check(arrivedAt, get(0) as number);
  });
  return b.build();
}

async function readRejected(o: OpenedIngest): Promise<RejectedRow[]> {
  const { sql, names } = rejectedFieldsSql(o);
  const out: RejectedRow[] = [];
  const query =
    `SELECT x.rn::DOUBLE, x.code, ${reasonSql(o.plan)}${sql.map((s) => `, ${s}`).join('')} ` +
    `FROM checked x JOIN ${o.relation} r ON r.rn = x.rn WHERE x.code <> 0 ORDER BY x.rn`;
  await streamRows(o.engine.conn, query, (get) => {
    const fields: Record<string, string | null> = {};
    names.forEach((n, k) => {
      fields[n] = get(3 + k) as string | null;
    });
    out.push({
      row: get(0) as number,
      code: rejectCodeOf(get(1) as number),
      reason: get(2) as string,
      fields,
    });
  });
  return out;
}

/**
 * Validate visit records and return the accepted visits, the rejected rows with a reason each, warnings and a
 * summary. The source is an array of objects, an arquero or Arrow table, or a file path (CSV, TSV, Parquet,
 * JSON lines) read by the embedded DuckDB engine, so the raw rows never enter the JS heap.
 *
 * Rules, in order (a row gets the first it breaks): a repeated visit id (the first row keeps it), a missing
 * service, a value excluded by the mapping (e.g. PHANTOM calls), an unknown channel or outcome, an unparseable
 * time, a missing arrival (a no-show needs only its appointment time), called before arrived, completed before
 * called, completed before arrived or booked after the appointment, and a wait or handling time over
 * `maxDurationHours`. An arrival while the centre is closed is kept with a warning. Personal identifiers (names,
 * mobile numbers, resident ID numbers with a valid check digit, free text) are found by column name and by value
 * and dropped, or hashed with `linkKey`.
 *
 * Times without an offset are local to `timezone`; explicit offsets are respected; a format that cannot be told
 * (01/02/2026, mixed formats in one column, bare numbers) is refused with the offending value.
 *
 * Complexity: a few passes of DuckDB over the data (load, personal-data scan, duplicates, checks), then one
 * streamed pass into typed arrays.
 *
 * @example
 * const { visits, rejected, summary } = await ingestVisits('visits.csv', { columns: { arrived_at: 'TicketTime' } });
 * summary.accepted + summary.rejected === summary.inputRows; // => true
 * visits.get(0).arrivedAt; // => 1764550800000
 * rejected[0]?.reason;     // => 'called_at "2026-12-01 09:00" is before arrived_at "2026-12-01 09:05"'
 */
export async function ingestVisits(source: IngestSource, options: IngestOptions = {}): Promise<IngestResult> {
  const o = await openIngest(source, options, 'ingestVisits', { materialize: true, scanPii: true });
  try {
    const counts = await createChecked(o);
    const outside = new OutsideHours(options.calendar, o.plan.opts.timezone);
    const visits = await readVisits(o, counts, outside);
    const rejected = await readRejected(o);
    options.onProgress?.(1);
    const summary = buildSummary(o, counts);
    if (visits.length !== summary.accepted || rejected.length !== summary.rejected) {
      throw new Error(
        `ingestVisits: read ${visits.length} + ${rejected.length} rows, counted ${summary.inputRows}`,
      );
    }
    return {
      visits,
      rejected,
      warnings: [...emptyWarnings(counts, o.plan.source), ...outside.warnings()],
      summary,
    };
  } finally {
    o.engine.close();
  }
}
