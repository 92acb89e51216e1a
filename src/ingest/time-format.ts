import { lit } from './sql.js';

/** A family of time formats, recognised from the shape of values (digits replaced by 9). */
export type TimeFamily = 'iso' | 'ymd-slash' | 'day-month' | 'time-of-day' | 'epoch';

const FAMILIES: readonly { readonly family: TimeFamily; readonly re: RegExp; readonly label: string }[] = [
  {
    family: 'iso',
    re: /^9{4}-9{1,2}-9{1,2}(?:[T ]9{1,2}:9{2}(?::9{2}(?:[.,]9+)?)?)? ?(?:Z|[+-]9{2}(?::?9{2})?)?$/,
    label: 'ISO 8601',
  },
  { family: 'ymd-slash', re: /^9{4}\/9{1,2}\/9{1,2}(?:[T ]9{1,2}:9{2}(?::9{2})?)?$/, label: 'YYYY/MM/DD' },
  {
    family: 'day-month',
    re: /^9{1,2}[/.-]9{1,2}[/.-]9{2,4}(?:[T ]9{1,2}:9{2}(?::9{2})?)?$/,
    label: 'DD/MM/YYYY or MM/DD/YYYY',
  },
  { family: 'time-of-day', re: /^9{1,2}:9{2}(?::9{2}(?:\.9+)?)?$/, label: 'time of day' },
  { family: 'epoch', re: /^9{10}(?:9{3})?(?:\.9+)?$/, label: 'a bare number' },
];

/**
 * The format family of a value shape (`2026-12-01T09:00:00+08:00` → shape `9999-99-99T99:99:99+99:99` → `iso`),
 * or null when it is no time format queuecast knows.
 */
export function classifyShape(shape: string): TimeFamily | null {
  for (const f of FAMILIES) if (f.re.test(shape)) return f.family;
  return null;
}

/** Human label of a family, for summaries and errors. */
export function familyLabel(family: TimeFamily): string {
  return FAMILIES.find((f) => f.family === family)?.label ?? family;
}

/** Shapes common enough to be recognised by a digit-class GLOB (about 6× cheaper than `translate`). */
const COMMON_SHAPES: readonly string[] = ['9999-99-99 99:99:99', '9999-99-99T99:99:99'];

/**
 * SQL giving the shape of a value: every digit replaced by 9 (`translate`: ~3× cheaper than a regex; the common
 * shapes first, by a GLOB with a digit class in place of each 9).
 */
export function shapeSql(value: string): string {
  const common = COMMON_SHAPES.map((s) => `WHEN ${value} GLOB '${s.replaceAll('9', '[0-9]')}' THEN '${s}'`);
  return `(CASE ${common.join(' ')} ELSE translate(${value}, '012345678', '999999999') END)`;
}

/**
 * How a time field is read: SQL producing epoch ms directly (`utc`, for values with an offset or epoch numbers),
 * and SQL producing local wall-clock ms (`local`, converted with the centre's zone later). Either may be `NULL`.
 * `utc` is only read where `hasOffset` holds and `local` only where it does not, so neither needs to test it.
 */
export interface TimeParseSql {
  /** SQL, over the value: does it carry an offset? Computed once per value as the column `o_<field>`. */
  readonly hasOffset: string;
  /** SQL producing epoch ms; may refer to the `offset` column named by the caller. */
  readonly utc: string;
  readonly local: string;
  /** Whether `local` is a time of day placed on the date column (and may roll over midnight). */
  readonly timeOfDay: boolean;
  /** Label for the summary, e.g. `ISO 8601`. */
  readonly label: string;
}

/**
 * Whether an ISO value carries an offset: `Z` at the end, a `+`, or a `-` after the time's colon. Cheap string
 * tests, no regular expression: this runs on every time of every row.
 */
function hasOffset(v: string): string {
  return `(suffix(${v}, 'Z') OR contains(${v}, '+') OR ${v} LIKE '%:%-%')`;
}

/**
 * Parse SQL for a detected family. `date` is the SQL of the date value and `dateFormat` its strptime format.
 */
export function familyParseSql(
  family: TimeFamily,
  v: string,
  date: { readonly sql: string; readonly format: string } | null,
): TimeParseSql {
  switch (family) {
    case 'iso':
      return {
        hasOffset: hasOffset(v),
        utc: `epoch_ms(TRY_CAST(${v} AS TIMESTAMPTZ))`,
        local: `epoch_ms(TRY_CAST(${v} AS TIMESTAMP))`,
        timeOfDay: false,
        label: 'ISO 8601',
      };
    case 'ymd-slash':
      return {
        hasOffset: 'false',
        utc: 'NULL',
        local: `epoch_ms(TRY_CAST(replace(${v}, '/', '-') AS TIMESTAMP))`,
        timeOfDay: false,
        label: 'YYYY/MM/DD',
      };
    case 'time-of-day': {
      if (date === null) throw new Error('time-of-day parsing needs a date column');
      const f = lit(date.format);
      return {
        hasOffset: 'false',
        utc: 'NULL',
        local:
          `epoch_ms(coalesce(try_strptime(${date.sql} || ' ' || ${v}, ${f} || ' %H:%M:%S'), ` +
          `try_strptime(${date.sql} || ' ' || ${v}, ${f} || ' %H:%M')))`,
        timeOfDay: true,
        label: `time of day + date column (${date.format})`,
      };
    }
    default:
      throw new Error(`no parser for the ambiguous family ${family}`);
  }
}

/** Parse SQL for an explicit format: a strptime pattern, `epoch-ms` or `epoch-s`. */
export function explicitParseSql(format: string, v: string): TimeParseSql {
  if (format === 'epoch-ms') {
    return {
      hasOffset: 'true',
      utc: `TRY_CAST(TRY_CAST(${v} AS DOUBLE) AS BIGINT)`,
      local: 'NULL',
      timeOfDay: false,
      label: format,
    };
  }
  if (format === 'epoch-s') {
    return {
      hasOffset: 'true',
      utc: `TRY_CAST(TRY_CAST(${v} AS DOUBLE) * 1000 AS BIGINT)`,
      local: 'NULL',
      timeOfDay: false,
      label: format,
    };
  }
  const parsed = `epoch_ms(try_strptime(${v}, ${lit(format)}))`;
  return /%[zZ]/.test(format)
    ? { hasOffset: 'true', utc: parsed, local: 'NULL', timeOfDay: false, label: format }
    : { hasOffset: 'false', utc: 'NULL', local: parsed, timeOfDay: false, label: format };
}
