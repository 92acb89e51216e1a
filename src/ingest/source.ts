import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { type DuckDBConnection, DuckDBDataChunk, INTEGER, VARCHAR } from '@duckdb/node-api';
import { QueuecastError } from '../errors.js';
import type { IngestFileFormat } from './ingest-options.js';
import { ident, lit } from './sql.js';

/** What ingest can read: a file path, plain objects, an arquero table or an Arrow table. */
export type IngestSource = string | readonly object[] | ArqueroLike | ArrowLike;

/** The part of an arquero table ingest uses. */
export interface ArqueroLike {
  columnNames(): string[];
  numRows(): number;
  array(name: string): ArrayLike<unknown>;
}

/** The part of an Apache Arrow table ingest uses. */
export interface ArrowLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type: unknown }[] };
  getChild(name: string): { get(i: number): unknown } | null;
}

/** A file ready to be read by DuckDB: its format, delimiter and columns. */
export interface FileInfo {
  readonly path: string;
  readonly format: IngestFileFormat;
  readonly delimiter: string;
  /** Original column names, in file order. */
  readonly columns: readonly string[];
  readonly bytes: number;
}

const DELIMITERS = [',', ';', '\t', '|'];
const HEAD_BYTES = 1 << 20;

function formatFromPath(path: string): IngestFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return 'csv';
}

function readBytes(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, position);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Split one CSV line on `delimiter`, honouring double quotes. Returns the fields and whether a quote is left open. */
export function splitCsvLine(line: string, delimiter: string): { fields: string[]; openQuote: boolean } {
  const fields: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuote) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuote = false;
      } else cur += ch;
    } else if (ch === '"') inQuote = true;
    else if (ch === delimiter) {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  return { fields, openQuote: inQuote };
}

/** Unique, non-empty column names (a blank header cell becomes `column_N`, a repeated one gets `_2`). */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    let name = raw.trim() === '' ? `column_${i + 1}` : raw.trim();
    for (let k = 2; seen.has(name); k++) name = `${raw.trim()}_${k}`;
    seen.add(name);
    return name;
  });
}

/**
 * Check a CSV/TSV file before DuckDB reads it and return its layout: the path exists, is not empty, its header
 * splits on the delimiter, and its last line is complete. Errors name the file, the line and the rule.
 */
export function inspectFile(
  path: string,
  fn: string,
  options: { readonly format?: IngestFileFormat; readonly delimiter?: string },
): Omit<FileInfo, 'columns'> & { readonly columns: readonly string[] | null } {
  let bytes: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    bytes = st.size;
  } catch {
    throw new QueuecastError('FILE_NOT_FOUND', `${fn}: ${path}: no such file`);
  }
  const format = options.format ?? formatFromPath(path);
  const delimiter = options.delimiter ?? (format === 'tsv' ? '\t' : ',');
  const head = readBytes(path, 0, Math.min(bytes, HEAD_BYTES)).toString('utf8');
  if (bytes === 0 || (format !== 'parquet' && head.trim() === '' && bytes <= HEAD_BYTES)) {
    throw new QueuecastError('EMPTY_FILE', `${fn}: ${path}: the file is empty (${bytes} bytes)`);
  }
  if (format === 'parquet' || format === 'jsonl') return { path, format, delimiter, columns: null, bytes };

  const firstLine = head
    .replace(/^\uFEFF/, '')
    .split('\n', 1)[0]
    .replace(/\r$/, '');
  const header = splitCsvLine(firstLine, delimiter).fields;
  if (header.length === 1) {
    for (const d of DELIMITERS) {
      if (d === delimiter) continue;
      const n = splitCsvLine(firstLine, d).fields.length;
      if (n > 1) {
        throw new QueuecastError(
          'WRONG_DELIMITER',
          `${fn}: ${path}: line 1 (header): only 1 column with delimiter ${JSON.stringify(delimiter)}, but ${n} with ` +
            `${JSON.stringify(d)}: wrong delimiter (set delimiter ${JSON.stringify(d)})`,
        );
      }
    }
  }
  checkLastLine(path, fn, bytes, delimiter, header.length);
  return { path, format, delimiter, columns: uniqueNames(header), bytes };
}

/** A file that does not end with a newline and whose last line is short, or inside a quote, was cut off. */
function checkLastLine(path: string, fn: string, bytes: number, delimiter: string, width: number): void {
  const tailLength = Math.min(bytes, 1 << 16);
  const tail = readBytes(path, bytes - tailLength, tailLength).toString('utf8');
  if (tail.endsWith('\n')) return;
  const lastBreak = tail.lastIndexOf('\n');
  if (lastBreak < 0) return;
  const last = tail.slice(lastBreak + 1).replace(/\r$/, '');
  const { fields, openQuote } = splitCsvLine(last, delimiter);
  if (openQuote || fields.length < width) {
    const line = countLines(path) + 1;
    const what = openQuote
      ? 'a quoted field is never closed'
      : `it has ${fields.length} of the header's ${width} fields`;
    throw new QueuecastError(
      'TRUNCATED_FILE',
      `${fn}: ${path}: line ${line} (the last): the file ends mid-row, ${what} (truncated file)`,
    );
  }
}

/** Number of newline characters in a file (streamed). */
function countLines(path: string): number {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  try {
    for (;;) {
      const k = readSync(fd, buf, 0, buf.length, null);
      if (k === 0) break;
      for (let i = buf.indexOf(10, 0); i >= 0 && i < k; i = buf.indexOf(10, i + 1)) n++;
    }
  } finally {
    closeSync(fd);
  }
  return n;
}

/** Column names of a Parquet or JSON-lines file, asked of DuckDB. */
export async function describeFile(
  conn: DuckDBConnection,
  path: string,
  format: IngestFileFormat,
  fn: string,
) {
  const reader =
    format === 'parquet'
      ? `read_parquet(${lit(path)})`
      : `read_json(${lit(path)}, format='newline_delimited')`;
  try {
    const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`);
    return r.getRowsJS().map((row) => String(row[0]));
  } catch (e) {
    throw fileError(e, path, fn);
  }
}

/**
 * SQL of a relation over a file with columns `rn` (1-based record number) and `c0`, `c1`, … as VARCHAR, in file
 * order. CSV is read with explicit options and strict mode, so a malformed row is an error, not a guess. With
 * `readerNulls` the reader turns those values into NULL (the cheapest place, but the original text is lost, so
 * only where no rejected row is written); otherwise only empty fields are NULL.
 *
 * `rows` chooses how `rn` is given: `'numbered'` numbers every record (for CSV and JSON lines a streaming window,
 * which makes DuckDB read the file on one thread); `'unnumbered'` gives `rn` as NULL, so the file is read in
 * parallel (callers insert it into a table in order and number rows by `rowid`); a number `n` is the first `n`
 * records, numbered (a sample).
 */
export function fileRelationSql(
  info: FileInfo,
  readerNulls: readonly string[] | null,
  rows: 'numbered' | 'unnumbered' | number = 'numbered',
): string {
  const cols = info.columns.map((_, i) => `c${i}`);
  const numbered = (scan: string, sel: string) => {
    if (rows === 'unnumbered') return `(SELECT NULL::BIGINT AS rn, ${sel} FROM ${scan})`;
    if (rows === 'numbered') return `(SELECT row_number() OVER () AS rn, ${sel} FROM ${scan})`;
    return `(SELECT row_number() OVER () AS rn, * FROM (SELECT ${sel} FROM ${scan} LIMIT ${rows}))`;
  };
  if (info.format === 'parquet') {
    const sel = info.columns.map((c, i) => `CAST(${ident(c)} AS VARCHAR) AS ${cols[i]}`).join(', ');
    if (rows === 'unnumbered') return numbered(`read_parquet(${lit(info.path)})`, sel);
    const all = `(SELECT file_row_number + 1 AS rn, ${sel} FROM read_parquet(${lit(info.path)}, file_row_number = true))`;
    return rows === 'numbered' ? all : `(SELECT * FROM ${all} LIMIT ${rows})`;
  }
  if (info.format === 'jsonl') {
    const spec = info.columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ');
    const sel = info.columns.map((c, i) => `${ident(c)} AS ${cols[i]}`).join(', ');
    return numbered(`read_json(${lit(info.path)}, format = 'newline_delimited', columns = {${spec}})`, sel);
  }
  const spec = cols.map((c) => `'${c}': 'VARCHAR'`).join(', ');
  return numbered(
    `read_csv(${lit(info.path)}, delim = ${lit(info.delimiter)}, ` +
      `quote = '"', escape = '"', header = true, auto_detect = false, strict_mode = true, null_padding = false, ` +
      `nullstr = [${(readerNulls ?? ['']).map(lit).join(', ')}], columns = {${spec}})`,
    '*',
  );
}

/** Turn a DuckDB read error into a QueuecastError naming the file, the line and the rule. */
export function fileError(e: unknown, path: string, fn: string): QueuecastError {
  if (e instanceof QueuecastError) return e;
  const msg = (e as Error)?.message ?? String(e);
  const lineMatch = /on Line: (\d+)/i.exec(msg) ?? /in line (\d+)/i.exec(msg);
  const line = lineMatch === null ? null : Number(lineMatch[1]);
  const where = line === null ? '' : ` line ${line}:`;
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (/unterminated quote/i.test(msg)) {
    return new QueuecastError(
      'TRUNCATED_FILE',
      `${fn}: ${path}:${where} a quoted field is never closed (truncated file?)`,
    );
  }
  if (cols !== null) {
    const last = line !== null && line >= countLines(path);
    return last
      ? new QueuecastError(
          'TRUNCATED_FILE',
          `${fn}: ${path}:${where} the file ends mid-row, the last line has ${cols[2]} of ${cols[1]} fields (truncated file)`,
        )
      : new QueuecastError(
          'INVALID_INPUT',
          `${fn}: ${path}:${where} the row has ${cols[2]} fields, the header has ${cols[1]}`,
        );
  }
  if (/unexpected end of data|No magic bytes|too small to be a Parquet/i.test(msg)) {
    return new QueuecastError(
      'TRUNCATED_FILE',
      `${fn}: ${path}:${where} the file ends early (truncated file)`,
    );
  }
  return new QueuecastError('INVALID_INPUT', `${fn}: ${path}:${where} ${msg.split('\n')[0]}`);
}

function isArquero(s: unknown): s is ArqueroLike {
  const t = s as ArqueroLike;
  return (
    typeof t?.columnNames === 'function' && typeof t?.numRows === 'function' && typeof t?.array === 'function'
  );
}

function isArrow(s: unknown): s is ArrowLike {
  const t = s as ArrowLike;
  return (
    typeof t?.getChild === 'function' && typeof t?.numRows === 'number' && Array.isArray(t?.schema?.fields)
  );
}

/** Column names and a value reader of an in-memory source. */
export interface MemorySource {
  readonly description: string;
  readonly columns: readonly string[];
  readonly rows: number;
  /** Value of column `c` at row `i`. */
  value(c: number, i: number): unknown;
}

/** Wrap an in-memory source (objects, arquero or Arrow) in a common reader. */
export function memorySource(source: Exclude<IngestSource, string>, fn: string): MemorySource {
  if (Array.isArray(source)) {
    const rows = source as readonly Readonly<Record<string, unknown>>[];
    const names: string[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      if (r === null || typeof r !== 'object') {
        throw new QueuecastError(
          'INVALID_INPUT',
          `${fn}: every row must be an object, got ${JSON.stringify(r)}`,
        );
      }
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
    // An empty array has no columns to map: read it as no visits.
    if (rows.length === 0) names.push('service', 'arrived_at');
    return {
      description: `array of ${rows.length} objects`,
      columns: names,
      rows: rows.length,
      value: (c, i) => rows[i][names[c]],
    };
  }
  if (isArquero(source)) {
    const names = source.columnNames();
    const arrays = names.map((n) => source.array(n));
    return {
      description: `arquero table of ${source.numRows()} rows`,
      columns: names,
      rows: source.numRows(),
      value: (c, i) => arrays[c][i],
    };
  }
  if (isArrow(source)) {
    const fields = source.schema.fields;
    const vectors = fields.map((f) => source.getChild(f.name));
    return {
      description: `Arrow table of ${source.numRows} rows`,
      columns: fields.map((f) => f.name),
      rows: source.numRows,
      value: (c, i) => vectors[c]?.get(i) ?? null,
    };
  }
  throw new QueuecastError(
    'INVALID_ARGUMENT',
    `${fn}: source must be a file path, an array of objects, an arquero table or an Arrow table, got ${typeof source}`,
  );
}

/**
 * Text of a value for DuckDB. In a time column a number is epoch ms, as JS Dates and Arrow timestamps built from
 * them hold it (an Arrow timestamp without a zone is read as epoch ms too, which is how apache-arrow stores Dates).
 */
function toText(v: unknown, isTime: boolean): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'number') {
    if (!isTime || !(Math.abs(v) <= 8.64e15)) return Number.isNaN(v) ? null : String(v);
    return new Date(v).toISOString();
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Load an in-memory source into the DuckDB table `raw(rn, c0, c1, …)` of VARCHAR, in order. Numbers and Dates in
 * time columns become ISO 8601 instants (numbers are epoch ms); other values become their text.
 */
export async function loadMemorySource(
  conn: DuckDBConnection,
  m: MemorySource,
  isTimeColumn: (index: number) => boolean,
): Promise<void> {
  const cols = m.columns.map((_, i) => `c${i}`);
  await conn.run(`CREATE TEMP TABLE raw (rn INTEGER${cols.map((c) => `, ${c} VARCHAR`).join('')})`);
  const appender = await conn.createAppender('raw');
  const types = [INTEGER, ...cols.map(() => VARCHAR)];
  const timeCol = m.columns.map((_, i) => isTimeColumn(i));
  const size = 2048;
  for (let start = 0; start < m.rows; start += size) {
    const n = Math.min(size, m.rows - start);
    const columns: (number | string | null)[][] = [Array.from({ length: n }, (_, k) => start + k + 1)];
    for (let c = 0; c < cols.length; c++) {
      const values: (string | null)[] = new Array(n);
      for (let k = 0; k < n; k++) values[k] = toText(m.value(c, start + k), timeCol[c]);
      columns.push(values);
    }
    const chunk = DuckDBDataChunk.create(types, n);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Whether the source is a file path. */
export function isFileSource(source: IngestSource): source is string {
  return typeof source === 'string';
}
