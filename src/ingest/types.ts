/** Visit channel (DESIGN.md): booked online, or walked in. */
export type Channel = 'appointment' | 'walk_in';

/** Visit outcome (DESIGN.md, Visits). */
export type Outcome = 'served' | 'no_show' | 'cancelled' | 'abandoned';

/**
 * One validated visit record, times as epoch ms (null when absent). The output of ingest, the input of history.
 */
export interface Visit {
  readonly visitId: string | null;
  readonly centre: string | null;
  readonly service: string;
  readonly channel: Channel;
  readonly bookedAt: number | null;
  readonly appointmentAt: number | null;
  readonly arrivedAt: number | null;
  readonly calledAt: number | null;
  readonly completedAt: number | null;
  /** `null` when the source has no outcome for the visit (it is never guessed). */
  readonly outcome: Outcome | null;
  readonly counter: string | null;
  readonly staff: string | null;
  /** Salted hash of the visitor's personal identifier; only with `linkKey` and when the source has one. */
  readonly personKey?: string;
}

/** The fields of a visit record, as named in the Visits CSV format of DESIGN.md. */
export type VisitField =
  | 'visit_id'
  | 'centre'
  | 'service'
  | 'channel'
  | 'booked_at'
  | 'appointment_at'
  | 'arrived_at'
  | 'called_at'
  | 'completed_at'
  | 'outcome'
  | 'counter'
  | 'staff';

/** The time fields of a visit record. */
export type TimeField = 'booked_at' | 'appointment_at' | 'arrived_at' | 'called_at' | 'completed_at';

/**
 * Every visit field in the order of DESIGN.md (the Visits CSV columns).
 *
 * @example
 * VISIT_FIELDS.length; // => 12
 * VISIT_FIELDS[0]; // => 'visit_id'
 */
export const VISIT_FIELDS: readonly VisitField[] = [
  'visit_id',
  'centre',
  'service',
  'channel',
  'booked_at',
  'appointment_at',
  'arrived_at',
  'called_at',
  'completed_at',
  'outcome',
  'counter',
  'staff',
];

/**
 * The time fields in the order a visit goes through them (epoch ms in a {@link Visit}, ISO 8601 in files).
 *
 * @example
 * TIME_FIELDS; // => ['booked_at', 'appointment_at', 'arrived_at', 'called_at', 'completed_at']
 */
export const TIME_FIELDS: readonly TimeField[] = [
  'booked_at',
  'appointment_at',
  'arrived_at',
  'called_at',
  'completed_at',
];

/**
 * Where a visit field comes from: a source column name, the first non-empty of several columns, several columns
 * joined (a composite key), or a constant.
 *
 * @example
 * const spec: ColumnSpec = { coalesce: ['q_start', 'ser_start'] };
 */
export type ColumnSpec =
  | string
  | { readonly coalesce: readonly string[] }
  | { readonly concat: readonly string[]; readonly separator?: string }
  | { readonly value: string };

/** Column mapping: visit field → source column, e.g. `{ arrived_at: 'TicketTime' }`. */
export type ColumnMapping = Readonly<Partial<Record<VisitField, ColumnSpec>>>;

/** A source value that marks a row to leave out, with the reason given to the rejected row (e.g. "phantom call"). */
export interface ExcludedValue {
  readonly exclude: string;
}

/** Anything that answers whether the centre is open at an instant (src/calendar's `ServiceCalendar` does). */
export interface OpeningCalendar {
  isOpenAt(epochMs: number): boolean;
}

/** Code of the rule a rejected row broke; one per rejected row. */
export type RejectCode =
  | 'duplicate_id'
  | 'missing_service'
  | 'excluded_value'
  | 'unknown_channel'
  | 'unknown_outcome'
  | 'bad_time'
  | 'missing_time'
  | 'called_before_arrived'
  | 'completed_before_called'
  | 'negative_duration'
  | 'absurd_duration';

/** A row that failed validation: its original fields (personal identifiers removed), the rule and a reason. */
export interface RejectedRow {
  /** 1-based record number in the source (the header is not counted). */
  readonly row: number;
  readonly code: RejectCode;
  /** One line naming the rule and the offending value, e.g. `unparseable called_at "abc"`. */
  readonly reason: string;
  /** The source columns of the row, by original name; dropped personal columns are absent, hashed ones hashed. */
  readonly fields: Readonly<Record<string, string | null>>;
}

/** Kind of warning: the rows are kept, but someone should look. */
export type IngestWarningCode = 'outside_opening_hours' | 'no_data_rows' | 'unknown_columns';

/** A warning about kept rows, aggregated per kind. */
export interface IngestWarning {
  readonly code: IngestWarningCode;
  readonly message: string;
  /** Rows concerned. */
  readonly count: number;
  /** Up to 10 of their 1-based record numbers. */
  readonly rows: readonly number[];
}

/** Kind of personal data found in a column. */
export type PersonalDataKind = 'resident_id' | 'mobile' | 'name' | 'free_text' | 'identifier';

/** A column holding personal data, and what ingest did with it. */
export interface PersonalDataFinding {
  /** Source column name. */
  readonly column: string;
  readonly kind: PersonalDataKind;
  /** `dropped`: removed; `hashed`: every value replaced by a salted hash; `values-hashed`: only matching values. */
  readonly action: 'dropped' | 'hashed' | 'values-hashed';
  /** Values that matched the detector (all non-empty values when found by column name). */
  readonly values: number;
  /** Why, e.g. `3 values are 18-digit resident ID numbers with a valid check digit`. */
  readonly reason: string;
}

/** What ingest did: counts, the mapping and formats it used, and the personal data it removed. */
export interface IngestSummary {
  /** File path, or a description of the in-memory source. */
  readonly source: string;
  /** Preset name, when one was used. */
  readonly preset: string | null;
  readonly timezone: string;
  readonly inputRows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Rejected rows per rule (every code present, zeros included). */
  readonly rejectedByCode: Readonly<Record<RejectCode, number>>;
  /** Where each visit field came from (absent fields are not listed). */
  readonly mapping: Readonly<Partial<Record<VisitField, string>>>;
  /** The format each time field was read with, e.g. `ISO 8601`. */
  readonly timeFormats: Readonly<Partial<Record<TimeField, string>>>;
  /** Personal data removed or hashed. */
  readonly personalData: readonly PersonalDataFinding[];
  /** Source columns not used by any field (kept only in rejected rows). */
  readonly unusedColumns: readonly string[];
}
