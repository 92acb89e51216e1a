import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueuecastError } from '../errors.js';
import type { IngestOptions } from './ingest-options.js';
import { OutsideHours, streamRows } from './ingest-visits.js';
import { REJECT_CODES, reasonSql } from './pipeline.js';
import {
  buildSummary,
  createChecked,
  emptyWarnings,
  openIngest,
  rejectedFieldsSql,
} from './prepare-ingest.js';
import type { IngestSource } from './source.js';
import { ident, lit } from './sql.js';
import type { IngestSummary, IngestWarning } from './types.js';

/** Result of {@link ingestVisitsToFiles}: what was written, with the summary and warnings. */
export interface IngestFilesResult {
  readonly files: { readonly visits: string; readonly rejected: string; readonly summary: string };
  readonly warnings: readonly IngestWarning[];
  readonly summary: IngestSummary;
}

const CHANNEL_SQL = `CASE ch WHEN 0 THEN 'appointment' ELSE 'walk_in' END`;
const OUTCOME_SQL = `CASE oc WHEN 0 THEN 'served' WHEN 1 THEN 'no_show' WHEN 2 THEN 'cancelled' WHEN 3 THEN 'abandoned' END`;
const ts = (t: string) => `epoch_ms(${t})::TIMESTAMPTZ`;

/**
 * Ingest a source like {@link ingestVisits} and write `DIR/visits.parquet` (accepted visits, the Visits columns of
 * DESIGN.md with times as UTC instants, plus `person_key` with a link key), `DIR/rejected.csv` (`row`, the
 * original fields, `reason`, `reason_code`) and `DIR/summary.json`, straight from DuckDB (COPY): the visits
 * never enter the JS heap.
 *
 * @example
 * const { summary } = await ingestVisitsToFiles('visits.csv', 'out');
 * // out/visits.parquet, out/rejected.csv, out/summary.json
 */
export async function ingestVisitsToFiles(
  source: IngestSource,
  outDir: string,
  options: IngestOptions = {},
): Promise<IngestFilesResult> {
  const fn = 'ingestVisitsToFiles';
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new QueuecastError('INVALID_ARGUMENT', `${fn}: cannot create ${outDir}: ${(e as Error).message}`);
  }
  const o = await openIngest(source, options, fn, { materialize: true, scanPii: true });
  try {
    const counts = await createChecked(o);
    const files = {
      visits: join(outDir, 'visits.parquet'),
      rejected: join(outDir, 'rejected.csv'),
      summary: join(outDir, 'summary.json'),
    };
    const person = o.pii.personKeyColumn === null ? '' : ', v__person AS person_key';
    await o.engine.run(
      `COPY (SELECT v_visit_id AS visit_id, v_centre AS centre, v_service AS service, ${CHANNEL_SQL} AS channel, ` +
        `${ts('t_booked_at')} AS booked_at, ${ts('t_appointment_at')} AS appointment_at, ` +
        `${ts('t_arrived_at')} AS arrived_at, ${ts('t_called_at')} AS called_at, ${ts('t_completed_at')} AS completed_at, ` +
        `${OUTCOME_SQL} AS outcome, v_counter AS counter, v_staff AS staff${person} ` +
        `FROM checked WHERE code = 0 ORDER BY rn) TO ${lit(files.visits)} (FORMAT parquet)`,
      o.progress(0.8, 0.9),
    );
    const { sql, names } = rejectedFieldsSql(o);
    const taken = new Set(names);
    const extra = (n: string) => (taken.has(n) ? `ingest_${n}` : n);
    const cols = sql.map((s, k) => s.replace(/ AS "f\d+"$/, ` AS ${ident(names[k])}`));
    await o.engine.run(
      `COPY (SELECT x.rn AS ${ident(extra('row'))}${cols.map((c) => `, ${c}`).join('')}, ${reasonSql(o.plan)} AS ` +
        `${ident(extra('reason'))}, ${codeNameSql()} AS ${ident(extra('reason_code'))} FROM checked x ` +
        `JOIN ${o.relation} r ON r.rn = x.rn WHERE x.code <> 0 ORDER BY x.rn) TO ${lit(files.rejected)} ` +
        `(FORMAT csv, HEADER true)`,
      o.progress(0.9, 0.95),
    );
    const outside = new OutsideHours(options.calendar, o.plan.opts.timezone);
    if (options.calendar !== undefined) {
      await streamRows(
        o.engine.conn,
        'SELECT rn::DOUBLE, t_arrived_at::DOUBLE FROM checked WHERE code = 0 AND t_arrived_at IS NOT NULL ORDER BY rn',
        (get) => outside.check(get(1) as number, get(0) as number),
      );
    }
    options.onProgress?.(1);
    const summary = buildSummary(o, counts);
    const warnings = [...emptyWarnings(counts, o.plan.source), ...outside.warnings()];
    writeFileSync(files.summary, `${JSON.stringify({ ...summary, warnings }, null, 2)}\n`);
    return { files, warnings, summary };
  } finally {
    o.engine.close();
  }
}

function codeNameSql(): string {
  return `([${REJECT_CODES.map(lit).join(', ')}])[x.code]`;
}
