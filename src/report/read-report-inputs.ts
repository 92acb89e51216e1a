import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { parsePlan } from '../allocate/plan-json.js';
import type { ActualChartRow, ForecastChartRow, RequirementChartRow } from '../charts/types.js';
import { QueuecastError } from '../errors.js';
import { parseCsv } from '../history/csv.js';
import { readHistoryCsv } from '../history/read-history-csv.js';
import { parseScenario } from '../scenario/scenario.js';
import { assertTimeZone, parseIsoTime } from '../time/zoned.js';
import type { ReportCapacity, ReportData, ReportService, ReportSimulation } from './types.js';

/** Paths of the files a report is built from (DESIGN.md formats); each is optional. */
export interface ReportInputFiles {
  /** Forecast CSV: series keys, slot_start, mean, p05, p10, p50, p90, p95. */
  readonly forecast?: string;
  /** History CSV (actual arrivals): series keys, slot_start, arrivals. */
  readonly history?: string;
  /** Staffing requirements CSV: service, slot_start, servers. */
  readonly requirements?: string;
  /** Plan JSON. */
  readonly plan?: string;
  /** Simulation result JSON. */
  readonly simulation?: string;
  /** Appointment capacity JSON. */
  readonly capacity?: string;
  /** Scenario JSON: centre id, name and time zone; service names and targets. */
  readonly scenario?: string;
}

/** Options of {@link readReportInputs}. */
export interface ReadReportInputsOptions {
  /** Centre id when no scenario names it. Default: the forecast's `centre` column when it has one value, else `centre`. */
  readonly centreId?: string;
  /** Time zone when no scenario names it. Default `Asia/Shanghai`. */
  readonly timezone?: string;
}

/**
 * Defaults of {@link ReadReportInputsOptions}, used when no scenario names the centre: time zone `Asia/Shanghai`, and
 * centre id `centre` when the forecast does not name exactly one centre either.
 *
 * @example
 * defaultReadReportInputsOptions.timezone; // => 'Asia/Shanghai'
 */
export const defaultReadReportInputsOptions = { centreId: 'centre', timezone: 'Asia/Shanghai' } as const;

const FN = 'readReportInputs';

function readText(path: string): string {
  if (!existsSync(path))
    throw new QueuecastError('FILE_NOT_FOUND', `${FN}: no such file ${JSON.stringify(path)}`);
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '')
    throw new QueuecastError('EMPTY_FILE', `${FN}: ${basename(path)}: the file is empty`);
  return text;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof QueuecastError) throw e;
    throw new QueuecastError(
      'INVALID_INPUT',
      `${FN}: ${basename(path)}: not valid JSON (${(e as Error).message})`,
    );
  }
}

/** Rows of a CSV as records of the named columns; checks required columns, numbers and times. */
function readTable(
  path: string,
  required: readonly string[],
  numeric: readonly string[],
  optional: readonly string[],
  timezone: string,
): Record<string, string | number | undefined>[] {
  const file = basename(path);
  const { header, records: rows, lines } = parseCsv(readText(path), FN, file);
  if (header.length === 1 && /[;\t|]/.test(header[0])) {
    throw new QueuecastError(
      'WRONG_DELIMITER',
      `${FN}: ${file}: columns must be separated by commas, got header ${JSON.stringify(header[0])}`,
    );
  }
  const index = new Map(header.map((h, i) => [h, i]));
  for (const c of required) {
    if (!index.has(c)) {
      throw new QueuecastError(
        'MISSING_COLUMN',
        `${FN}: ${file}: missing column ${JSON.stringify(c)} (header: ${header.join(',')})`,
      );
    }
  }
  return rows.map((r, k) => {
    const out: Record<string, string | number | undefined> = {};
    for (const c of [...required, ...optional]) {
      const i = index.get(c);
      const raw = i === undefined ? undefined : (r[i] ?? '').trim();
      if (numeric.includes(c)) {
        const v = raw === undefined || raw === '' ? Number.NaN : Number(raw);
        if (!Number.isFinite(v)) {
          throw new QueuecastError(
            'INVALID_INPUT',
            `${FN}: ${file}: line ${lines[k]}: ${c} must be a number, got ${JSON.stringify(raw ?? '')}`,
          );
        }
        out[c] = v;
      } else out[c] = raw === '' ? undefined : raw;
    }
    const t = out.slot_start;
    if (typeof t !== 'string' || !Number.isFinite(parseIsoTime(t, timezone))) {
      throw new QueuecastError(
        'BAD_TIME',
        `${FN}: ${file}: line ${lines[k]}: slot_start must be an ISO 8601 time, got ${JSON.stringify(t ?? '')}`,
      );
    }
    return out;
  });
}

const KEYS = ['centre', 'service', 'channel'] as const;
const QUANTILES = ['mean', 'p05', 'p10', 'p50', 'p90', 'p95'] as const;

function keys(r: Record<string, string | number | undefined>) {
  const out: { centre?: string; service?: string; channel?: string } = {};
  for (const k of KEYS) if (typeof r[k] === 'string') out[k] = r[k] as string;
  return out;
}

const iso = z.string().min(10);
const simulationSchema = z.looseObject({
  services: z.array(
    z.looseObject({
      service: z.string(),
      arrivals: z.number(),
      serviceLevel: z.number(),
      serviceLevelCI: z.number(),
      meanWaitSeconds: z.number(),
      abandonShare: z.number(),
    }),
  ),
  slots: z.array(
    z.looseObject({
      service: z.string(),
      slotStart: iso,
      serviceLevel: z.number(),
      serviceLevelCI: z.number(),
    }),
  ),
  replications: z.number(),
  seed: z.number().optional(),
});
const capacitySchema = z.looseObject({
  capacity: z.array(
    z.looseObject({
      service: z.string(),
      slotStart: iso,
      maxAppointments: z.number(),
      expectedWalkIns: z.number(),
    }),
  ),
  summary: z.record(z.string(), z.unknown()).optional(),
});

function validate<T>(
  schema: z.ZodType<T> & { shape: Record<string, unknown> },
  value: unknown,
  path: string,
  warnings: string[],
): T {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of Object.keys(value)) {
      if (!(k in schema.shape)) warnings.push(`${basename(path)}: unknown field ${k} ignored`);
    }
  }
  const res = schema.safeParse(value);
  if (!res.success) {
    const issue = res.error.issues[0];
    throw new QueuecastError(
      'INVALID_INPUT',
      `${FN}: ${basename(path)}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
      issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    );
  }
  return res.data;
}

/**
 * Read the files of a run (DESIGN.md formats) into {@link ReportData} for buildReport: forecast, history and
 * staffing requirements CSV; plan, simulation, capacity and scenario JSON. The scenario supplies the centre, its
 * time zone and the services' names and targets; without one, `options` do. Extra CSV columns are ignored; unknown
 * top-level JSON fields are ignored and reported as warnings.
 *
 * @throws QueuecastError `FILE_NOT_FOUND`, `EMPTY_FILE`, `WRONG_DELIMITER`, `MISSING_COLUMN`, `BAD_TIME` or
 * `INVALID_INPUT`, naming the file, the line or field, and the value.
 * @example
 * const { data } = readReportInputs({ forecast: 'forecast.csv', plan: 'plan.json', scenario: 'scenario.json' });
 * await buildReport(data, { outDir: 'out' });
 */
export function readReportInputs(
  files: ReportInputFiles,
  options: ReadReportInputsOptions = {},
): { data: ReportData; warnings: string[] } {
  const warnings: string[] = [];
  let centre: { id: string; name?: string } | undefined;
  let timezone = options.timezone ?? defaultReadReportInputsOptions.timezone;
  let services: ReportService[] | undefined;
  if (files.scenario !== undefined) {
    const parsed = parseScenario(readJson(files.scenario));
    warnings.push(...parsed.warnings.map((w) => `${basename(files.scenario as string)}: ${w}`));
    const s = parsed.scenario;
    centre = s.centre.name === undefined ? { id: s.centre.id } : { id: s.centre.id, name: s.centre.name };
    timezone = s.centre.timezone;
    services = s.services.map((x) => ({
      id: x.id,
      ...(x.name === undefined ? {} : { name: x.name }),
      target: { fraction: x.target.fraction, withinSeconds: x.target.withinSeconds },
    }));
  }
  assertTimeZone(timezone);

  let forecast: ForecastChartRow[] | undefined;
  if (files.forecast !== undefined) {
    forecast = readTable(files.forecast, ['slot_start', ...QUANTILES], QUANTILES, KEYS, timezone).map(
      (r) => ({
        ...keys(r),
        slotStart: r.slot_start as string,
        mean: r.mean as number,
        p05: r.p05 as number,
        p10: r.p10 as number,
        p50: r.p50 as number,
        p90: r.p90 as number,
        p95: r.p95 as number,
      }),
    );
  }
  let actual: ActualChartRow[] | undefined;
  if (files.history !== undefined) {
    if (!existsSync(files.history)) {
      throw new QueuecastError('FILE_NOT_FOUND', `${FN}: no such file ${JSON.stringify(files.history)}`);
    }
    actual = [...readHistoryCsv(files.history, { timezone }).rows];
  }
  let requirements: RequirementChartRow[] | undefined;
  if (files.requirements !== undefined) {
    requirements = readTable(
      files.requirements,
      ['service', 'slot_start', 'servers'],
      ['servers'],
      [],
      timezone,
    ).map((r) => ({
      service: r.service as string,
      slotStart: r.slot_start as string,
      servers: r.servers as number,
    }));
  }
  const plan = files.plan === undefined ? undefined : parsePlan(readJson(files.plan));
  const simulation =
    files.simulation === undefined
      ? undefined
      : (validate(
          simulationSchema,
          readJson(files.simulation),
          files.simulation,
          warnings,
        ) as ReportSimulation);
  const capacity =
    files.capacity === undefined
      ? undefined
      : (validate(capacitySchema, readJson(files.capacity), files.capacity, warnings) as ReportCapacity);

  if (centre === undefined) {
    const ids = new Set((forecast ?? []).map((r) => r.centre).filter((c) => c !== undefined));
    centre = {
      id: options.centreId ?? (ids.size === 1 ? [...ids][0] : defaultReadReportInputsOptions.centreId),
    };
  }
  const data: ReportData = {
    centre,
    timezone,
    ...(services === undefined ? {} : { services }),
    ...(forecast === undefined ? {} : { forecast }),
    ...(actual === undefined ? {} : { actual }),
    ...(requirements === undefined ? {} : { requirements }),
    ...(plan === undefined ? {} : { plan }),
    ...(simulation === undefined ? {} : { simulation }),
    ...(capacity === undefined ? {} : { capacity }),
  };
  return { data, warnings };
}
