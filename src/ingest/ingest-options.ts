import type {
  Channel,
  ColumnMapping,
  ExcludedValue,
  OpeningCalendar,
  Outcome,
  TimeField,
  VisitField,
} from './types.js';

/** File formats ingest reads (through DuckDB). */
export type IngestFileFormat = 'csv' | 'tsv' | 'parquet' | 'jsonl';

/** Times of day given in their own columns, with the date in another column (e.g. `990201` + `7:02:47`). */
export interface DateColumnSpec {
  /** Source column holding the date. */
  readonly column: string;
  /** Its strptime format, e.g. `%y%m%d` or `%Y-%m-%d`. */
  readonly format: string;
  /**
   * Source column with the first time of the row (default: the arrival). A time of day more than 12 hours before
   * the anchor's is on the next day (the record crossed midnight).
   */
  readonly anchorColumn?: string;
}

/** A named set of options for one kind of source file; `ingestVisits(file, { preset: 'anonymous-bank' })`. */
export interface IngestPreset extends IngestSourceOptions {
  readonly name: string;
  /** What the preset reads and the decisions it makes. */
  readonly description: string;
}

/** Options that describe how a source is laid out (what a preset can set). */
export interface IngestSourceOptions {
  /** Visit field → source column. Fields not mapped are looked up by name (`arrived_at`, `arrivedAt`, `Arrived At`). */
  readonly columns?: ColumnMapping;
  /** IANA time zone of times written without an offset. Default `Asia/Shanghai`. */
  readonly timezone?: string;
  /**
   * strptime format per time field (`%d/%m/%Y %H:%M`), or `epoch-ms` / `epoch-s`. Needed for day/month formats,
   * which are refused as ambiguous otherwise. Default: detected (ISO 8601, `YYYY/MM/DD`, or times of day with
   * {@link dateColumn}).
   */
  readonly timeFormats?: Readonly<Partial<Record<TimeField, string>>>;
  /** Date column for time-of-day columns. Default none. */
  readonly dateColumn?: DateColumnSpec;
  /** File format. Default from the extension (`.csv`, `.tsv`/`.tab`, `.parquet`, `.jsonl`/`.ndjson`/`.json`). */
  readonly format?: IngestFileFormat;
  /** Field delimiter of a CSV file. Default `,` (tab for `.tsv`). */
  readonly delimiter?: string;
  /** Values that mean "empty" in any column (compared after trimming). Default `['', 'NA', 'N/A', 'NULL', 'null']`. */
  readonly nullValues?: readonly string[];
  /** Source channel values → channel, or a reason to exclude the row. Merged over the built-in spellings. */
  readonly channelValues?: Readonly<Record<string, Channel | ExcludedValue>>;
  /** Source outcome values → outcome, or a reason to exclude the row (e.g. `{ PHANTOM: { exclude: 'phantom call' } }`). */
  readonly outcomeValues?: Readonly<Record<string, Outcome | ExcludedValue>>;
  /** Source columns known to hold personal identifiers (besides those found by name or value). Default none. */
  readonly personalColumns?: readonly string[];
}

/** Options of {@link ingestVisits}. */
export interface IngestOptions extends IngestSourceOptions {
  /** A preset name (`anonymous-bank`) or preset object; explicit options override it. Default none. */
  readonly preset?: string | IngestPreset;
  /** Longest plausible wait or handling time, hours; longer ones are rejected as absurd. Default 12. */
  readonly maxDurationHours?: number;
  /** Opening hours: arrivals when it is closed are kept and flagged with a warning. Default none (no check). */
  readonly calendar?: OpeningCalendar;
  /**
   * Replace personal identifiers by a salted SHA-256 hash (16 hex digits) instead of dropping them, so visits of
   * one person can be linked (`personKey`). Free text is always dropped. Default none (dropped).
   */
  readonly linkKey?: { readonly salt: string };
  /** Called with the fraction done (0–1) while DuckDB works. */
  readonly onProgress?: (fraction: number) => void;
  /** DuckDB worker threads. Default: all cores. */
  readonly threads?: number;
  /**
   * DuckDB memory limit; beyond it DuckDB spills to a temporary directory. Default `1.5GB`: a 10-million-row file
   * goes to history without spilling (about 1.4 GB peak RSS; with `1GB` it spills and takes a fifth longer).
   */
  readonly memoryLimit?: string;
}

/**
 * Defaults of {@link IngestOptions}: times in `Asia/Shanghai`, the usual null markers, waits or handling times
 * over 12 hours rejected as absurd, a 1.5 GB DuckDB memory limit.
 *
 * @example
 * defaultIngestOptions.maxDurationHours; // => 12
 * defaultIngestOptions.nullValues; // => ['', 'NA', 'N/A', 'NULL', 'null']
 */
export const defaultIngestOptions = {
  timezone: 'Asia/Shanghai',
  nullValues: ['', 'NA', 'N/A', 'NULL', 'null'],
  maxDurationHours: 12,
  memoryLimit: '1.5GB',
} as const satisfies IngestOptions;

/** The field names in `columns` that are not visit fields (a typo in a mapping must not pass silently). */
export function unknownMappedFields(
  columns: ColumnMapping | undefined,
  known: readonly VisitField[],
): string[] {
  return Object.keys(columns ?? {}).filter((k) => !known.includes(k as VisitField));
}
