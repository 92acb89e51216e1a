import { check, QueuecastError } from '../errors.js';
import { assertTimeZone } from '../time/zoned.js';
import type { Engine } from './engine.js';
import {
  type DateColumnSpec,
  defaultIngestOptions,
  type IngestOptions,
  type IngestPreset,
  unknownMappedFields,
} from './ingest-options.js';
import { hashSql, identifierMatchSql, type PersonalDataPlan } from './personal-data.js';
import { ingestPreset } from './presets.js';
import { lit, oneOf } from './sql.js';
import {
  classifyShape,
  explicitParseSql,
  familyLabel,
  familyParseSql,
  shapeSql,
  type TimeFamily,
  type TimeParseSql,
} from './time-format.js';
import {
  type Channel,
  type ColumnSpec,
  type ExcludedValue,
  type Outcome,
  type RejectCode,
  TIME_FIELDS,
  type TimeField,
  VISIT_FIELDS,
  type VisitField,
} from './types.js';
import type { ZoneSql } from './zone-sql.js';

/** Rows whose values decide each time column's format. */
export const FORMAT_SAMPLE_ROWS = 100_000;

/**
 * Reject codes in precedence order: a row gets the first rule it breaks. Index + 1 is the code number in SQL.
 *
 * @example
 * REJECT_CODES.length; // => 11
 * REJECT_CODES[0]; // => 'duplicate_id'
 * REJECT_CODES.indexOf('bad_time') < REJECT_CODES.indexOf('called_before_arrived'); // => true
 */
export const REJECT_CODES: readonly RejectCode[] = [
  'duplicate_id',
  'missing_service',
  'excluded_value',
  'unknown_channel',
  'unknown_outcome',
  'bad_time',
  'missing_time',
  'called_before_arrived',
  'completed_before_called',
  'negative_duration',
  'absurd_duration',
];

const code = (c: RejectCode) => REJECT_CODES.indexOf(c) + 1;

/** Options after merging the preset and the defaults. */
export interface ResolvedOptions
  extends Required<Pick<IngestOptions, 'timezone' | 'nullValues' | 'maxDurationHours' | 'memoryLimit'>> {
  readonly preset: string | null;
  readonly columns: Readonly<Partial<Record<VisitField, ColumnSpec>>>;
  readonly timeFormats: Readonly<Partial<Record<TimeField, string>>>;
  readonly channelValues: Readonly<Record<string, Channel | ExcludedValue>>;
  readonly outcomeValues: Readonly<Record<string, Outcome | ExcludedValue>>;
  readonly personalColumns: readonly string[];
  readonly dateColumn: DateColumnSpec | undefined;
  readonly format: IngestOptions['format'];
  readonly delimiter: string | undefined;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Merge a preset (by name or object), the caller's options and the defaults; check them. */
export function resolveIngestOptions(options: IngestOptions, fn: string): ResolvedOptions {
  const preset: IngestPreset | null =
    options.preset === undefined
      ? null
      : typeof options.preset === 'string'
        ? ingestPreset(options.preset)
        : options.preset;
  const p = preset ?? ({} as Partial<IngestPreset>);
  const o = defined(options);
  const timezone = o.timezone ?? p.timezone ?? defaultIngestOptions.timezone;
  assertTimeZone(timezone);
  const maxDurationHours = o.maxDurationHours ?? defaultIngestOptions.maxDurationHours;
  check(
    Number.isFinite(maxDurationHours) && maxDurationHours > 0,
    fn,
    'maxDurationHours must be a positive number',
    maxDurationHours,
  );
  const columns = { ...p.columns, ...o.columns };
  const unknown = unknownMappedFields(columns, VISIT_FIELDS);
  check(
    unknown.length === 0,
    fn,
    `columns maps unknown visit fields (known: ${VISIT_FIELDS.join(', ')})`,
    unknown,
  );
  const timeFormats = { ...p.timeFormats, ...o.timeFormats };
  const badFormat = Object.keys(timeFormats).filter((k) => !TIME_FIELDS.includes(k as TimeField));
  check(
    badFormat.length === 0,
    fn,
    `timeFormats names unknown time fields (known: ${TIME_FIELDS.join(', ')})`,
    badFormat,
  );
  if (options.delimiter !== undefined) {
    check(options.delimiter.length === 1, fn, 'delimiter must be one character', options.delimiter);
  }
  return {
    preset: preset?.name ?? null,
    timezone,
    nullValues: o.nullValues ?? p.nullValues ?? defaultIngestOptions.nullValues,
    maxDurationHours,
    memoryLimit: o.memoryLimit ?? defaultIngestOptions.memoryLimit,
    columns,
    timeFormats,
    channelValues: { ...p.channelValues, ...o.channelValues },
    outcomeValues: { ...p.outcomeValues, ...o.outcomeValues },
    personalColumns: [...(p.personalColumns ?? []), ...(o.personalColumns ?? [])],
    dateColumn: o.dateColumn ?? p.dateColumn,
    format: o.format ?? p.format,
    delimiter: o.delimiter ?? p.delimiter,
  };
}

/** Where one visit field (or the date / anchor column) comes from. */
interface FieldSource {
  readonly spec: ColumnSpec;
  /** Source column indices it reads. */
  readonly columns: readonly number[];
  /** Human description, e.g. `TicketTime` or `q_start, else ser_start`. */
  readonly description: string;
}

/** Fields resolved against a source's columns. */
export interface IngestPlan {
  readonly fn: string;
  /** The file path or the in-memory description, for messages. */
  readonly source: string;
  readonly columns: readonly string[];
  readonly fields: Readonly<Partial<Record<VisitField, FieldSource>>>;
  readonly date: FieldSource | null;
  readonly anchor: FieldSource | null;
  /** Source columns read by any field. */
  readonly used: ReadonlySet<number>;
  readonly opts: ResolvedOptions;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const ALIASES: Partial<Record<VisitField, readonly string[]>> = { centre: ['centre', 'center'] };

function describeSpec(spec: ColumnSpec): string {
  if (typeof spec === 'string') return spec;
  if ('coalesce' in spec) return spec.coalesce.join(', else ');
  if ('concat' in spec) return spec.concat.join(` + ${JSON.stringify(spec.separator ?? '-')} + `);
  return `constant ${JSON.stringify(spec.value)}`;
}

function specColumns(spec: ColumnSpec): readonly string[] {
  if (typeof spec === 'string') return [spec];
  if ('coalesce' in spec) return spec.coalesce;
  if ('concat' in spec) return spec.concat;
  return [];
}

/** Resolve every field against the source's columns; a mandatory or explicitly mapped column missing is an error. */
export function planFields(
  columns: readonly string[],
  opts: ResolvedOptions,
  fn: string,
  source: string,
): IngestPlan {
  const index = new Map(columns.map((c, i) => [c, i]));
  const byNorm = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!byNorm.has(norm(c))) byNorm.set(norm(c), i);
  });
  const listed = columns.length > 12 ? `${columns.slice(0, 12).join(', ')}, …` : columns.join(', ');
  const resolve = (what: string, spec: ColumnSpec): FieldSource => {
    const idx = specColumns(spec).map((name) => {
      const i = index.get(name);
      if (i === undefined) {
        throw new QueuecastError(
          'MISSING_COLUMN',
          `${fn}: ${source}: line 1 (header): column ${JSON.stringify(name)} for ${what} is not in the header ` +
            `(columns: ${listed})`,
        );
      }
      return i;
    });
    return { spec, columns: idx, description: describeSpec(spec) };
  };
  const fields: Partial<Record<VisitField, FieldSource>> = {};
  for (const f of VISIT_FIELDS) {
    const spec = opts.columns[f];
    if (spec !== undefined) {
      fields[f] = resolve(f, spec);
      continue;
    }
    for (const name of ALIASES[f] ?? [f]) {
      const i = byNorm.get(norm(name));
      if (i !== undefined) {
        fields[f] = { spec: columns[i], columns: [i], description: columns[i] };
        break;
      }
    }
  }
  for (const f of ['service', 'arrived_at'] as const) {
    if (fields[f] === undefined) {
      throw new QueuecastError(
        'MISSING_COLUMN',
        `${fn}: ${source}: line 1 (header): no column for the mandatory field ${f} (columns: ${listed}); ` +
          `map one with columns { ${f}: 'NAME' } (CLI: --map ${f}=NAME)`,
      );
    }
  }
  const dc = opts.dateColumn;
  const date = dc === undefined ? null : resolve('dateColumn', dc.column);
  const anchor = dc?.anchorColumn === undefined ? null : resolve('dateColumn.anchorColumn', dc.anchorColumn);
  const used = new Set<number>();
  for (const s of [...Object.values(fields), date, anchor]) for (const i of s?.columns ?? []) used.add(i);
  return { fn, source, columns, fields, date, anchor, used, opts };
}

/** Columns that feed time fields (an in-memory source converts Dates and numbers in them to ISO instants). */
export function timeColumns(plan: IngestPlan): Set<number> {
  const s = new Set<number>();
  for (const f of TIME_FIELDS) for (const i of plan.fields[f]?.columns ?? []) s.add(i);
  return s;
}

/**
 * SQL of the value layer: `rn`, then `v_<field>` for every visit field (NULL when unmapped), `v__date`,
 * `v__anchor` and `v__person`, from a source relation with `rn`, `c0`, `c1`, … Values are trimmed; the
 * configured null values become NULL (the CSV reader already did it for untrimmed values when `readerNulls`);
 * identifiers inside field columns are hashed as the PII plan says.
 */
export function valuesSql(
  plan: IngestPlan,
  relation: string,
  pii: PersonalDataPlan,
  readerNulls: boolean,
): string {
  const nulls = plan.opts.nullValues;
  const cols = [...plan.used];
  if (pii.personKeyColumn !== null && !plan.used.has(pii.personKeyColumn)) cols.push(pii.personKeyColumn);
  // Trimming every value costs more than reading it: only values with an edge space are trimmed.
  const clean = (c: string) =>
    `CASE ${readerNulls ? '' : `WHEN ${oneOf(c, nulls)} THEN NULL `}WHEN prefix(${c}, ' ') OR suffix(${c}, ' ') ` +
    `THEN (CASE WHEN ${oneOf(`trim(${c})`, nulls)} THEN NULL ELSE trim(${c}) END) ELSE ${c} END`;
  const l0 = cols.map((i) => `${clean(`c${i}`)} AS n${i}`).join(', ');
  const ref = (i: number) =>
    pii.action.get(i) === 'values-hashed'
      ? `(CASE WHEN ${identifierMatchSql(`n${i}`)} THEN ${hashSql(`n${i}`, pii.salt)} ELSE n${i} END)`
      : `n${i}`;
  const specSql = (s: FieldSource | null | undefined): string => {
    if (s === undefined || s === null) return 'NULL::VARCHAR';
    const spec = s.spec;
    if (typeof spec === 'string') return ref(s.columns[0]);
    if ('coalesce' in spec) return `coalesce(${s.columns.map(ref).join(', ')})`;
    if ('concat' in spec) {
      const parts = s.columns.map(ref);
      return `(CASE WHEN ${parts.map((p) => `${p} IS NULL`).join(' OR ')} THEN NULL ELSE concat_ws(${lit(spec.separator ?? '-')}, ${parts.join(', ')}) END)`;
    }
    return lit(spec.value);
  };
  const person =
    pii.personKeyColumn === null ? 'NULL::VARCHAR' : hashSql(`n${pii.personKeyColumn}`, pii.salt);
  const l1 = [
    'rn',
    ...VISIT_FIELDS.map((f) => `${specSql(plan.fields[f])} AS v_${f}`),
    `${specSql(plan.date)} AS v__date`,
    `${specSql(plan.anchor)} AS v__anchor`,
    `${person} AS v__person`,
  ].join(', ');
  return `(SELECT ${l1} FROM (SELECT rn${l0 === '' ? '' : `, ${l0}`} FROM ${relation}))`;
}

/** The format chosen for each mapped time field. */
export type TimeFormats = Readonly<Partial<Record<TimeField, TimeParseSql>>>;

interface ShapeRow {
  readonly field: TimeField;
  readonly shape: string;
  readonly firstRow: number;
  readonly example: string;
}

/**
 * Decide each time field's format from the shapes of its values in the first {@link FORMAT_SAMPLE_ROWS} rows.
 * Two known formats in one column, a day/month order that cannot be told, or a bare number are refused
 * (AMBIGUOUS_TIME_FORMAT) with the offending value; a column where no value is a time is BAD_TIME.
 */
export async function detectTimeFormats(
  engine: Engine,
  plan: IngestPlan,
  sampleValues: string,
): Promise<TimeFormats> {
  const fields = TIME_FIELDS.filter((f) => plan.fields[f] !== undefined);
  const explicit = plan.opts.timeFormats;
  const detect = fields.filter((f) => explicit[f] === undefined);
  const shapes: ShapeRow[] = [];
  if (detect.length > 0) {
    const union = detect
      .map((f) => `SELECT '${f}' AS f, rn, v_${f} AS v FROM s WHERE v_${f} IS NOT NULL`)
      .join(' UNION ALL ');
    const rows = await engine.rows(
      `WITH s AS MATERIALIZED (SELECT * FROM ${sampleValues} LIMIT ${FORMAT_SAMPLE_ROWS}) ` +
        `SELECT f, ${shapeSql('v')} AS shape, min(rn), arg_min(v, rn) FROM (${union}) GROUP BY ALL ORDER BY 3`,
    );
    for (const r of rows) {
      shapes.push({
        field: r[0] as TimeField,
        shape: String(r[1]),
        firstRow: Number(r[2]),
        example: String(r[3]),
      });
    }
  }
  const date = plan.date === null ? null : { sql: 'v__date', format: plan.opts.dateColumn?.format ?? '' };
  const out: Partial<Record<TimeField, TimeParseSql>> = {};
  const where = (f: TimeField, row: number) =>
    `${plan.fn}: ${plan.source}: row ${row}: ${f} (${plan.fields[f]?.description})`;
  for (const f of fields) {
    const fmt = explicit[f];
    if (fmt !== undefined) {
      out[f] = explicitParseSql(fmt, `v_${f}`);
      continue;
    }
    const mine = shapes.filter((s) => s.field === f);
    const families = new Map<TimeFamily, ShapeRow>();
    for (const s of mine) {
      const fam = classifyShape(s.shape);
      if (fam !== null && !families.has(fam)) families.set(fam, s);
    }
    if (families.size > 1) {
      const [[fa, a], [fb, b]] = [...families.entries()];
      throw new QueuecastError(
        'AMBIGUOUS_TIME_FORMAT',
        `${where(f, b.firstRow)}: mixed time formats in one column, ${JSON.stringify(a.example)} (row ${a.firstRow}, ` +
          `${familyLabel(fa)}) and ${JSON.stringify(b.example)} (${familyLabel(fb)}); fix the file or set timeFormats`,
      );
    }
    const [only] = [...families.entries()];
    if (only === undefined) {
      if (mine.length === 0) {
        out[f] = familyParseSql('iso', `v_${f}`, null);
        continue;
      }
      const first = mine[0];
      throw new QueuecastError(
        'BAD_TIME',
        `${where(f, first.firstRow)}: text where times belong, got ${JSON.stringify(first.example)} ` +
          `(no value in the first ${FORMAT_SAMPLE_ROWS} rows is a time)`,
      );
    }
    const [family, row] = only;
    if (family === 'day-month' || family === 'epoch') {
      const hint =
        family === 'day-month' ? `'%d/%m/%Y %H:%M' or '%m/%d/%Y %H:%M'` : `'epoch-ms' or 'epoch-s'`;
      throw new QueuecastError(
        'AMBIGUOUS_TIME_FORMAT',
        `${where(f, row.firstRow)}: ambiguous time format ${JSON.stringify(row.example)} (${familyLabel(family)}), ` +
          `refusing to guess; set timeFormats { ${f}: ${hint} }`,
      );
    }
    if (family === 'time-of-day' && date === null) {
      throw new QueuecastError(
        'BAD_TIME',
        `${where(f, row.firstRow)}: a time of day without a date, got ${JSON.stringify(row.example)}; set dateColumn`,
      );
    }
    out[f] = familyParseSql(family, `v_${f}`, date);
  }
  return out;
}

const BUILTIN_CHANNELS: Readonly<Record<Channel, readonly string[]>> = {
  appointment: ['appointment'],
  walk_in: ['walk_in', 'walk-in', 'walkin', 'walk in'],
};
const BUILTIN_OUTCOMES: Readonly<Record<Outcome, readonly string[]>> = {
  served: ['served'],
  no_show: ['no_show', 'no-show', 'noshow'],
  cancelled: ['cancelled', 'canceled'],
  abandoned: ['abandoned'],
};
const CHANNEL_ORDER: readonly Channel[] = ['appointment', 'walk_in'];
const OUTCOME_ORDER: readonly Outcome[] = ['served', 'no_show', 'cancelled', 'abandoned'];

function isExcluded(v: unknown): v is ExcludedValue {
  return typeof v === 'object' && v !== null && 'exclude' in v;
}

/**
 * SQL mapping a value column to a code: user values first (exact), then built-in spellings, exactly and then in
 * any case (`lower` only runs on the values that did not match exactly).
 */
function codeSql<K extends string>(
  v: string,
  user: Readonly<Record<string, K | ExcludedValue>>,
  builtin: Readonly<Record<K, readonly string[]>>,
  order: readonly K[],
  excludedCode: number,
  unknownCode: number,
): string {
  const whens: string[] = [];
  order.forEach((k, i) => {
    const keys = Object.entries(user)
      .filter(([, t]) => t === k)
      .map(([s]) => s);
    if (keys.length > 0) whens.push(`WHEN ${oneOf(v, keys)} THEN ${i}`);
  });
  const excluded = Object.entries(user)
    .filter(([, t]) => isExcluded(t))
    .map(([s]) => s);
  if (excluded.length > 0) whens.push(`WHEN ${oneOf(v, excluded)} THEN ${excludedCode}`);
  order.forEach((k, i) => {
    whens.push(`WHEN ${oneOf(v, builtin[k])} THEN ${i}`);
  });
  order.forEach((k, i) => {
    whens.push(`WHEN ${oneOf(`lower(${v})`, builtin[k])} THEN ${i}`);
  });
  return `${whens.join(' ')} ELSE ${unknownCode}`;
}

/** Channel code: 0 appointment, 1 walk_in, 2 excluded, -1 unknown. Inferred when empty. */
const CH_EXCLUDED = 2;
const CH_UNKNOWN = -1;
/** Outcome code: 0–3 as {@link OUTCOME_ORDER}, NULL when empty, -3 excluded, -2 unknown. */
const OC_EXCLUDED = -3;
const OC_UNKNOWN = -2;

/**
 * SQL of the checked layer over the value layer: parsed times `t_<field>` (epoch ms), codes `ch` and `oc`, and
 * `code` (0 = accepted, else the rejection rule, see {@link REJECT_CODES}). `dups` names a relation
 * `(k, first_rn)` of duplicated visit ids, joined on `key`; `dup_first` is the matched row's `first_rn`.
 */
export function checkedSql(
  plan: IngestPlan,
  values: string,
  formats: TimeFormats,
  zone: ZoneSql,
  dups: DupsRelation | null,
): string {
  const o = plan.opts;
  const ch = `CASE WHEN v_channel IS NULL THEN (CASE WHEN v_appointment_at IS NOT NULL OR v_booked_at IS NOT NULL THEN 0 ELSE 1 END) ${codeSql(
    'v_channel',
    o.channelValues,
    BUILTIN_CHANNELS,
    CHANNEL_ORDER,
    CH_EXCLUDED,
    CH_UNKNOWN,
  )} END`;
  const oc = `CASE WHEN v_outcome IS NULL THEN NULL ${codeSql(
    'v_outcome',
    o.outcomeValues,
    BUILTIN_OUTCOMES,
    OUTCOME_ORDER,
    OC_EXCLUDED,
    OC_UNKNOWN,
  )} END`;
  // The rollover anchor: the anchor column's time of day, else the arrival's local time (only times of day use it).
  const anchor = !TIME_FIELDS.some((f) => formats[f]?.timeOfDay)
    ? 'NULL'
    : plan.anchor === null || plan.date === null
      ? formats.arrived_at === undefined
        ? 'NULL'
        : `CASE WHEN NOT o_arrived_at THEN ${formats.arrived_at.local} END`
      : familyParseSql('time-of-day', 'v__anchor', { sql: 'v__date', format: o.dateColumn?.format ?? '' })
          .local;
  const flags = ['*', ...TIME_FIELDS.map((f) => `(${formats[f]?.hasOffset ?? 'false'}) AS o_${f}`)].join(
    ', ',
  );
  const l2 = [
    '*',
    ...TIME_FIELDS.map((f) => `(${formats[f]?.local ?? 'NULL'})::BIGINT AS l0_${f}`),
    `(${anchor})::BIGINT AS l0__anchor`,
    `(${ch})::TINYINT AS ch`,
    `(${oc})::TINYINT AS oc`,
  ].join(', ');
  const l3 = TIME_FIELDS.map((f) =>
    formats[f]?.timeOfDay
      ? `CASE WHEN l0_${f} < l0__anchor - 43200000 THEN l0_${f} + 86400000 ELSE l0_${f} END AS l_${f}`
      : `l0_${f} AS l_${f}`,
  ).join(', ');
  const l4 = TIME_FIELDS.map((f) =>
    formats[f] === undefined
      ? `NULL::BIGINT AS t_${f}`
      : `CASE WHEN o_${f} THEN (${formats[f]?.utc})::BIGINT ${zone.toUtcCases(`l_${f}`)} END AS t_${f}`,
  ).join(', ');
  const max = Math.round(o.maxDurationHours * 3_600_000);
  const bad = TIME_FIELDS.map((f) => `(v_${f} IS NOT NULL AND t_${f} IS NULL)`).join(' OR ');
  const isDup = dups === null ? 'false' : 'd.first_rn IS NOT NULL AND rn <> d.first_rn';
  const codeExpr = `CASE
    WHEN ${isDup} THEN ${code('duplicate_id')}
    WHEN v_service IS NULL THEN ${code('missing_service')}
    WHEN ch = ${CH_EXCLUDED} OR oc = ${OC_EXCLUDED} THEN ${code('excluded_value')}
    WHEN ch = ${CH_UNKNOWN} THEN ${code('unknown_channel')}
    WHEN oc = ${OC_UNKNOWN} THEN ${code('unknown_outcome')}
    WHEN ${bad} THEN ${code('bad_time')}
    WHEN t_arrived_at IS NULL AND (t_appointment_at IS NULL OR oc = 0 OR oc = 3) THEN ${code('missing_time')}
    WHEN t_called_at < t_arrived_at THEN ${code('called_before_arrived')}
    WHEN t_completed_at < t_called_at THEN ${code('completed_before_called')}
    WHEN t_completed_at < t_arrived_at OR t_appointment_at < t_booked_at THEN ${code('negative_duration')}
    WHEN t_called_at - t_arrived_at > ${max} OR t_completed_at - t_called_at > ${max}
      OR t_completed_at - t_arrived_at > ${max} THEN ${code('absurd_duration')}
    ELSE 0 END`;
  const join = dups === null ? '' : ` LEFT JOIN ${dups.relation} d ON d.k = ${dups.key}`;
  const dupFirst = dups === null ? 'NULL::BIGINT' : 'd.first_rn';
  const layered = `(SELECT *, ${l4} FROM (SELECT *, ${l3} FROM (SELECT ${l2} FROM (SELECT ${flags} FROM ${values}))))`;
  return `(SELECT x.*, ${dupFirst} AS dup_first, (${codeExpr})::TINYINT AS code FROM ${layered} x${join})`;
}

/** A relation `(k, first_rn)` of duplicated visit ids, joined on `key`. */
export interface DupsRelation {
  readonly relation: string;
  readonly key: string;
}

/** SQL of the one-line reason of a rejected row, over the checked layer. */
export function reasonSql(plan: IngestPlan): string {
  const o = plan.opts;
  const q = (v: string) => `coalesce(to_json(${v})::VARCHAR, 'null')`;
  const desc = (f: VisitField) => {
    const s = plan.fields[f];
    if (s === undefined) return ' (no such column)';
    return s.description === f ? '' : ` (${s.description})`;
  };
  const excluded = [
    ...Object.entries(o.channelValues)
      .filter(([, t]) => isExcluded(t))
      .map(
        ([k, t]) =>
          `WHEN v_channel = ${lit(k)} THEN ${lit(`${(t as ExcludedValue).exclude} (channel ${JSON.stringify(k)})`)}`,
      ),
    ...Object.entries(o.outcomeValues)
      .filter(([, t]) => isExcluded(t))
      .map(
        ([k, t]) =>
          `WHEN v_outcome = ${lit(k)} THEN ${lit(`${(t as ExcludedValue).exclude} (outcome ${JSON.stringify(k)})`)}`,
      ),
  ];
  const badTime = TIME_FIELDS.map(
    (f) => `WHEN v_${f} IS NOT NULL AND t_${f} IS NULL THEN 'unparseable ${f}${desc(f)} ' || ${q(`v_${f}`)}`,
  ).join(' ');
  const hours = (a: string, b: string) => `round((${a} - ${b}) / 3600000.0, 1)::VARCHAR`;
  const max = o.maxDurationHours;
  return `CASE code
    WHEN ${code('duplicate_id')} THEN 'duplicate visit id ' || ${q('v_visit_id')} || ' (first at row ' || dup_first::VARCHAR || ')'
    WHEN ${code('missing_service')} THEN 'missing service${desc('service')}'
    WHEN ${code('excluded_value')} THEN (CASE ${excluded.join(' ') || "WHEN true THEN 'excluded'"} END)
    WHEN ${code('unknown_channel')} THEN 'unknown channel ' || ${q('v_channel')} || ' (expected appointment or walk_in)'
    WHEN ${code('unknown_outcome')} THEN 'unknown outcome ' || ${q('v_outcome')} || ' (expected served, no_show, cancelled or abandoned)'
    WHEN ${code('bad_time')} THEN (CASE ${badTime} END)
    WHEN ${code('missing_time')} THEN 'missing arrived_at${desc('arrived_at')}'
    WHEN ${code('called_before_arrived')} THEN 'called_at ' || ${q('v_called_at')} || ' is before arrived_at ' || ${q('v_arrived_at')}
    WHEN ${code('completed_before_called')} THEN 'completed_at ' || ${q('v_completed_at')} || ' is before called_at ' || ${q('v_called_at')}
    WHEN ${code('negative_duration')} THEN (CASE WHEN t_completed_at < t_arrived_at
      THEN 'completed_at ' || ${q('v_completed_at')} || ' is before arrived_at ' || ${q('v_arrived_at')}
      ELSE 'booked_at ' || ${q('v_booked_at')} || ' is after appointment_at ' || ${q('v_appointment_at')} END)
    WHEN ${code('absurd_duration')} THEN (CASE
      WHEN t_called_at - t_arrived_at > ${max * 3_600_000} THEN 'wait of ' || ${hours('t_called_at', 't_arrived_at')} || ' h'
      WHEN t_completed_at - t_called_at > ${max * 3_600_000} THEN 'handling time of ' || ${hours('t_completed_at', 't_called_at')} || ' h'
      ELSE 'visit of ' || ${hours('t_completed_at', 't_arrived_at')} || ' h' END) || ' exceeds maxDurationHours ${max}'
    END`;
}

/** Code number (as in SQL) → reject code. */
export function rejectCodeOf(n: number): RejectCode {
  return REJECT_CODES[n - 1];
}
