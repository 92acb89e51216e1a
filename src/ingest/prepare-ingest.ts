import { QueuecastError } from '../errors.js';
import { type Engine, openEngine, type ProgressSpan } from './engine.js';
import type { IngestOptions } from './ingest-options.js';
import {
  hashSql,
  identifierMatchSql,
  noPersonalData,
  type PersonalDataPlan,
  scanPersonalData,
} from './personal-data.js';
import {
  checkedSql,
  type DupsRelation,
  detectTimeFormats,
  FORMAT_SAMPLE_ROWS,
  type IngestPlan,
  planFields,
  REJECT_CODES,
  rejectCodeOf,
  resolveIngestOptions,
  type TimeFormats,
  timeColumns,
  valuesSql,
} from './pipeline.js';
import {
  describeFile,
  type FileInfo,
  fileError,
  fileRelationSql,
  type IngestSource,
  inspectFile,
  isFileSource,
  loadMemorySource,
  memorySource,
} from './source.js';
import { ident } from './sql.js';
import type { IngestSummary, IngestWarning, RejectCode, VisitField } from './types.js';
import { zoneSql } from './zone-sql.js';

/** A source opened in DuckDB: the plan, the chosen formats and the SQL of its checked rows. */
export interface OpenedIngest {
  readonly engine: Engine;
  readonly plan: IngestPlan;
  readonly pii: PersonalDataPlan;
  readonly formats: TimeFormats;
  /**
   * Relation with `rn` and `c0`, `c1`, … (a table, or a parallel file scan whose `rn` is NULL: number its rows by
   * inserting them into a table, which keeps their order, see `numbered`).
   */
  readonly relation: string;
  /** Whether `relation` numbers its rows (`rn`); else `rn` is NULL. */
  readonly numbered: boolean;
  /** Relation of the value layer. */
  readonly values: string;
  readonly zone: ReturnType<typeof zoneSql>;
  /** Wrap a DuckDB error from reading the source into a QueuecastError naming the file. */
  readonly wrap: (e: unknown) => unknown;
  readonly progress: (from: number, to: number) => ProgressSpan | undefined;
}

/**
 * Open a source: check the file, resolve the column mapping, load it (in-memory sources always; files only when
 * `materialize`), scan personal data (when `scanPii`) and decide the time formats.
 */
export async function openIngest(
  source: IngestSource,
  options: IngestOptions,
  fn: string,
  mode: { readonly materialize: boolean; readonly scanPii: boolean },
): Promise<OpenedIngest> {
  const opts = resolveIngestOptions(options, fn);
  const report = options.onProgress;
  const progress = (from: number, to: number): ProgressSpan | undefined =>
    report === undefined ? undefined : { report, from, to };
  const file = isFileSource(source)
    ? inspectFile(source, fn, { format: opts.format, delimiter: opts.delimiter })
    : null;
  const engine = await openEngine({ threads: options.threads, memoryLimit: opts.memoryLimit });
  const wrap = (e: unknown) => (file === null ? e : fileError(e, file.path, fn));
  try {
    let plan: IngestPlan;
    let relation: string;
    let sample: string | null = null;
    let readerNulls = false;
    if (file !== null) {
      const columns = file.columns ?? (await describeFile(engine.conn, file.path, file.format, fn));
      const info: FileInfo = { ...file, columns };
      plan = planFields(columns, opts, fn, file.path);
      readerNulls = !mode.materialize && (info.format === 'csv' || info.format === 'tsv');
      const nulls = readerNulls ? opts.nullValues : null;
      // Read the file in parallel, unnumbered: a table keeps file order, so `rowid + 1` is the record number.
      relation = fileRelationSql(info, nulls, 'unnumbered');
      if (mode.materialize) {
        await engine
          .run(`CREATE TEMP TABLE raw AS SELECT * EXCLUDE (rn) FROM ${relation}`, progress(0, 0.4))
          .catch((e) => {
            throw wrap(e);
          });
        relation = '(SELECT rowid + 1 AS rn, * FROM raw)';
      } else sample = fileRelationSql(info, nulls, FORMAT_SAMPLE_ROWS);
    } else {
      const m = memorySource(source as Exclude<IngestSource, string>, fn);
      plan = planFields(m.columns, opts, fn, m.description);
      const times = timeColumns(plan);
      await loadMemorySource(engine.conn, m, (i) => times.has(i));
      relation = 'raw';
    }
    const pii = mode.scanPii
      ? await scanPersonalData(engine.conn, relation, plan.columns, plan.used, {
          personalColumns: opts.personalColumns,
          linkKey: options.linkKey,
        })
      : noPersonalData();
    const zone = zoneSql(opts.timezone);
    for (const s of zone.setup) await engine.run(s);
    const values = valuesSql(plan, relation, pii, readerNulls);
    const sampleValues = sample === null ? values : valuesSql(plan, sample, pii, readerNulls);
    const formats = await detectTimeFormats(engine, plan, sampleValues).catch((e) => {
      throw wrap(e);
    });
    return { engine, plan, pii, formats, relation, numbered: sample === null, values, zone, wrap, progress };
  } catch (e) {
    engine.close();
    throw e;
  }
}

/** Rows per reject code (and accepted under code 0), with the first row of each. */
export interface CodeCounts {
  readonly inputRows: number;
  readonly accepted: number;
  readonly byCode: Readonly<Record<RejectCode, number>>;
  readonly firstRow: Readonly<Partial<Record<RejectCode, number>>>;
}

/** Build {@link CodeCounts} from `(code, count, first row)` rows and check accepted + rejected = input rows. */
export function codeCounts(
  rows: readonly (readonly unknown[])[],
  expectedInput: number | null,
  fn: string,
): CodeCounts {
  const byCode = Object.fromEntries(REJECT_CODES.map((c) => [c, 0])) as Record<RejectCode, number>;
  const firstRow: Partial<Record<RejectCode, number>> = {};
  let accepted = 0;
  let inputRows = 0;
  for (const [c, n, first] of rows) {
    inputRows += Number(n);
    if (Number(c) === 0) accepted += Number(n);
    else {
      const rc = rejectCodeOf(Number(c));
      byCode[rc] += Number(n);
      firstRow[rc] = Number(first);
    }
  }
  const rejected = Object.values(byCode).reduce((a, b) => a + b, 0);
  if (accepted + rejected !== inputRows || (expectedInput !== null && inputRows !== expectedInput)) {
    throw new QueuecastError(
      'INVALID_INPUT',
      `${fn}: internal check failed: accepted ${accepted} + rejected ${rejected} != input rows ${expectedInput ?? inputRows}`,
    );
  }
  return { inputRows, accepted, byCode, firstRow };
}

/** The summary of an ingest run. */
export function buildSummary(o: OpenedIngest, counts: CodeCounts): IngestSummary {
  const { plan, pii, formats } = o;
  const mapping: Partial<Record<VisitField, string>> = {};
  for (const [f, s] of Object.entries(plan.fields))
    if (s !== undefined) mapping[f as VisitField] = s.description;
  const timeFormats: Partial<Record<string, string>> = {};
  for (const [f, p] of Object.entries(formats)) if (p !== undefined) timeFormats[f] = p.label;
  const personal = new Set(pii.findings.filter((f) => f.action !== 'values-hashed').map((f) => f.column));
  return {
    source: plan.source,
    preset: plan.opts.preset,
    timezone: plan.opts.timezone,
    inputRows: counts.inputRows,
    accepted: counts.accepted,
    rejected: counts.inputRows - counts.accepted,
    rejectedByCode: counts.byCode,
    mapping,
    timeFormats,
    personalData: pii.findings,
    unusedColumns: plan.columns.filter((c, i) => !plan.used.has(i) && !personal.has(c)),
  };
}

/** The `no_data_rows` warning for a source without rows, else none. */
export function emptyWarnings(counts: CodeCounts, source: string): IngestWarning[] {
  return counts.inputRows === 0
    ? [{ code: 'no_data_rows', message: `${source}: no data rows`, count: 0, rows: [] }]
    : [];
}

/**
 * SQL select-list of a rejected row's original fields (by original name, aliased `f0`, `f1`, …): dropped personal
 * columns left out, hashed ones hashed. Returns the list and the names, in order.
 */
export function rejectedFieldsSql(o: OpenedIngest): { sql: string[]; names: string[] } {
  const sql: string[] = [];
  const names: string[] = [];
  o.plan.columns.forEach((name, i) => {
    const action = o.pii.action.get(i);
    if (action === 'dropped') return;
    const v = `NULLIF(trim(r.c${i}), '')`;
    const expr =
      action === 'hashed'
        ? hashSql(v, o.pii.salt)
        : action === 'values-hashed'
          ? `CASE WHEN ${identifierMatchSql(v)} THEN ${hashSql(v, o.pii.salt)} ELSE r.c${i} END`
          : `r.c${i}`;
    sql.push(`${expr} AS ${ident(`f${names.length}`)}`);
    names.push(name);
  });
  return { sql, names };
}

/** Create the `dups(k, first_rn)` table of visit ids seen more than once (none without a visit_id field). */
export async function createDups(o: OpenedIngest, progress?: ProgressSpan): Promise<DupsRelation | null> {
  if (o.plan.fields.visit_id === undefined) return null;
  await o.engine
    .run(
      `CREATE OR REPLACE TEMP TABLE dups AS SELECT v_visit_id AS k, min(rn) AS first_rn FROM ${o.values} ` +
        `WHERE v_visit_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
      progress,
    )
    .catch((e) => {
      throw o.wrap(e);
    });
  return { relation: 'dups', key: 'x.v_visit_id' };
}

/** Materialise the checked rows as table `checked`, and count them per code. */
export async function createChecked(o: OpenedIngest): Promise<CodeCounts> {
  const dups = await createDups(o, o.progress(0.45, 0.55));
  await o.engine.run(
    `CREATE TEMP TABLE checked AS SELECT * FROM ${checkedSql(o.plan, o.values, o.formats, o.zone, dups)}`,
    o.progress(0.55, 0.8),
  );
  const [[total]] = await o.engine.rows(`SELECT count(*) FROM ${o.relation}`);
  const rows = await o.engine.rows('SELECT code, count(*), min(rn) FROM checked GROUP BY code');
  return codeCounts(rows, Number(total), o.plan.fn);
}
