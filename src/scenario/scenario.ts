import { z } from 'zod';
import { QueuecastError } from '../errors.js';
import { assertTimeZone, parseClock, parseIsoTime } from '../time/zoned.js';

const clock = z.string().regex(/^\d{1,2}:\d{2}$/, 'must be HH:MM');
const isoTime = z.string().min(10, 'must be an ISO 8601 date-time');

/**
 * A service-level target: `fraction` (0–1) of customers called within `withinSeconds`, or a bound on the mean
 * wait (seconds) or on the abandonment share (0–1).
 *
 * @example
 * targetSchema.parse({ fraction: 0.8, withinSeconds: 900 }); // 80 % called within 15 minutes
 */
export const targetSchema = z.object({
  fraction: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Share (0–1) of customers to be called within withinSeconds.'),
  withinSeconds: z.number().min(0).optional().describe('Wait limit for the fraction target, seconds.'),
  meanWaitSeconds: z.number().min(0).optional().describe('Upper bound on the mean wait, seconds.'),
  maxAbandonShare: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Upper bound on the share of walk-ins who abandon.'),
});

/**
 * A service of the Scenario: handling time (seconds) and its CV, walk-in patience (seconds), no-show rate (0–1)
 * and target. Defaults: `serviceCv` 1, `noShowRate` 0, target 80 % within 900 s, infinite patience.
 *
 * @example
 * serviceSchema.parse({ id: 'tax', ahtSeconds: 600 }).serviceCv; // => 1
 */
export const serviceSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional().describe('Display name, e.g. 税务登记.'),
  ahtSeconds: z.number().positive().describe('Average handling time, seconds.'),
  serviceCv: z
    .number()
    .min(0)
    .default(1)
    .describe('Coefficient of variation of handling time (1 = exponential).'),
  patienceSeconds: z
    .number()
    .positive()
    .optional()
    .describe('Mean walk-in patience, seconds; absent = infinite.'),
  noShowRate: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('Share of booked appointments whose holder does not come.'),
  target: targetSchema.default({ fraction: 0.8, withinSeconds: 900 }),
});

/**
 * A counter: the services it can serve (one, or a one-stop set).
 *
 * @example
 * counterSchema.parse({ id: 'Z01', services: ['tax', 'business-registration'] });
 */
export const counterSchema = z.object({
  id: z.string().min(1),
  services: z.array(z.string().min(1)).min(1).describe('Services this counter can serve.'),
  dedicated: z.boolean().optional().describe('Keep this counter on one service for the whole day.'),
});

/**
 * A person: skills (service ids), availability as local `HH:MM` (default 08:30–17:30) and maximum working
 * minutes at counters (default 480).
 *
 * @example
 * staffSchema.parse({ id: 'S01', skills: ['tax'] }).maxWorkMinutes; // => 480
 */
export const staffSchema = z.object({
  id: z.string().min(1),
  skills: z.array(z.string().min(1)).min(1),
  availableFrom: clock.default('08:30'),
  availableTo: clock.default('17:30'),
  maxWorkMinutes: z.number().positive().default(480),
  costPerMinute: z.number().positive().optional().describe('Relative cost of a working minute (default 1).'),
  dates: z
    .array(z.string())
    .optional()
    .describe('Dates (YYYY-MM-DD) this person works; absent = every date.'),
});

/**
 * Shift rules, minutes and local `HH:MM`: shift length 240–540, one break of at least 60 starting inside
 * 11:30–14:00 by default.
 *
 * @example
 * shiftRulesSchema.parse({}).breakMinutes; // => 60
 */
export const shiftRulesSchema = z.object({
  minShiftMinutes: z.number().min(0).default(240),
  maxShiftMinutes: z.number().positive().default(540),
  breakMinutes: z.number().min(0).default(60),
  breakWindow: z.tuple([clock, clock]).default(['11:30', '14:00']),
});

/**
 * Expected arrivals of one service and channel in one slot (`slotStart` ISO 8601), with optional quantiles and
 * bookings on hand. Appointment `expected` counts holders who come (no-shows removed).
 *
 * @example
 * demandSchema.parse({ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', expected: 12.5 }).channel; // => 'walk_in'
 */
export const demandSchema = z.object({
  service: z.string().min(1),
  channel: z.enum(['appointment', 'walk_in']).default('walk_in'),
  slotStart: isoTime,
  expected: z.number().min(0).describe('Expected arrivals in the slot (appointments: holders who come).'),
  p10: z.number().min(0).optional(),
  p50: z.number().min(0).optional(),
  p80: z.number().min(0).optional(),
  p90: z.number().min(0).optional(),
  p95: z.number().min(0).optional(),
  booked: z.number().min(0).optional().describe('Appointments already booked in the slot.'),
});

/**
 * The centre: id, IANA time zone (default Asia/Shanghai), slot length in minutes (default 30) and optional
 * opening hours per ISO weekday.
 *
 * @example
 * centreSchema.parse({}).slotMinutes; // => 30
 */
export const centreSchema = z.object({
  id: z.string().min(1).default('centre'),
  name: z.string().optional(),
  timezone: z.string().default('Asia/Shanghai'),
  slotMinutes: z
    .union([z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)])
    .default(30),
  openingHours: z
    .record(z.string(), z.array(z.tuple([clock, clock])))
    .optional()
    .describe('Sessions per ISO weekday "1".."7", e.g. {"1": [["09:00","12:00"],["13:30","17:30"]]}.'),
});

/**
 * The Scenario JSON of DESIGN.md: the input of `plan`, `simulate` and `capacity`. Prefer {@link parseScenario},
 * which also checks references between parts and reports unknown fields.
 *
 * @example
 * scenarioSchema.parse({ services: [{ id: 'tax', ahtSeconds: 600 }] }).priority; // => 'appointments-first'
 */
export const scenarioSchema = z.object({
  centre: centreSchema.default({ id: 'centre', timezone: 'Asia/Shanghai', slotMinutes: 30 }),
  services: z.array(serviceSchema).min(1),
  counters: z.array(counterSchema).default([]),
  staff: z.array(staffSchema).default([]),
  shiftRules: shiftRulesSchema.default({
    minShiftMinutes: 240,
    maxShiftMinutes: 540,
    breakMinutes: 60,
    breakWindow: ['11:30', '14:00'],
  }),
  priority: z.enum(['appointments-first', 'fcfs']).default('appointments-first'),
  demand: z.array(demandSchema).default([]),
});

/** Scenario as written in JSON (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** Scenario with defaults applied; times are still ISO strings as in the file. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A service of a parsed Scenario (defaults applied). */
export type ServiceSpec = Scenario['services'][number];
/** A counter of a parsed Scenario. */
export type CounterSpec = Scenario['counters'][number];
/** A person of a parsed Scenario (availability `HH:MM`, minutes). */
export type StaffSpec = Scenario['staff'][number];
/** Shift rules of a parsed Scenario (minutes, `HH:MM`). */
export type ShiftRules = Scenario['shiftRules'];
/** A demand row of a parsed Scenario (`slotStart` still ISO 8601). */
export type DemandRow = Scenario['demand'][number];
/** A service's target (fraction 0–1 within seconds, mean wait seconds, or abandonment share 0–1). */
export type Target = ServiceSpec['target'];
/** Channel of a demand row: `appointment` or `walk_in`. */
export type Channel = DemandRow['channel'];

/** Result of {@link parseScenario}: the validated scenario and warnings for ignored fields. */
export interface ParsedScenario {
  readonly scenario: Scenario;
  readonly warnings: readonly string[];
}

function unknownKeys(value: unknown, schema: z.ZodType, path: string, out: string[]): void {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  if (s instanceof z.ZodObject && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = s.shape as Record<string, z.ZodType>;
    for (const [k, v] of Object.entries(value)) {
      const p = path === '' ? k : `${path}.${k}`;
      if (!(k in shape)) out.push(`unknown field ${p} ignored`);
      else unknownKeys(v, shape[k], p, out);
    }
  } else if (s instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((v, i) => {
      unknownKeys(v, s.element as z.ZodType, `${path}.${i}`, out);
    });
  }
}

/**
 * Validate a Scenario JSON value (DESIGN.md, "Scenario"). Unknown fields are ignored and reported as warnings;
 * references between parts (a counter naming an unknown service, a demand row for an unknown service) and bad
 * times are errors that carry the path to the bad field.
 *
 * @throws QueuecastError `INVALID_INPUT` with `path`, e.g. `parseScenario: services.0.ahtSeconds: must be > 0, got -5`.
 * @example
 * const { scenario } = parseScenario({ services: [{ id: 'tax', ahtSeconds: 600 }] });
 * scenario.centre.slotMinutes; // => 30
 */
export function parseScenario(value: unknown): ParsedScenario {
  const res = scenarioSchema.safeParse(value);
  if (!res.success) {
    const issue = res.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let got: unknown = value;
    for (const p of path)
      got = got != null && typeof got === 'object' ? (got as Record<string, unknown>)[p] : undefined;
    throw new QueuecastError(
      'INVALID_INPUT',
      `parseScenario: ${path.join('.') || '(root)'}: ${issue.message}, got ${JSON.stringify(got) ?? 'nothing'}`,
      path,
    );
  }
  const scenario = res.data;
  const warnings: string[] = [];
  unknownKeys(value, scenarioSchema, '', warnings);
  const fail = (path: (string | number)[], msg: string): never => {
    throw new QueuecastError('INVALID_INPUT', `parseScenario: ${path.join('.')}: ${msg}`, path);
  };
  try {
    assertTimeZone(scenario.centre.timezone);
  } catch {
    fail(['centre', 'timezone'], `unknown IANA time zone, got ${JSON.stringify(scenario.centre.timezone)}`);
  }
  const serviceIds = new Set<string>();
  scenario.services.forEach((s, i) => {
    if (serviceIds.has(s.id))
      fail(['services', i, 'id'], `duplicate service id, got ${JSON.stringify(s.id)}`);
    serviceIds.add(s.id);
    const t = s.target;
    const hasFraction = t.fraction !== undefined || t.withinSeconds !== undefined;
    if (hasFraction && (t.fraction === undefined || t.withinSeconds === undefined)) {
      fail(
        ['services', i, 'target'],
        `a fraction target needs both fraction and withinSeconds, got ${JSON.stringify(t)}`,
      );
    }
    if (!hasFraction && t.meanWaitSeconds === undefined && t.maxAbandonShare === undefined) {
      fail(
        ['services', i, 'target'],
        `a target needs fraction+withinSeconds, meanWaitSeconds or maxAbandonShare`,
      );
    }
  });
  const counterIds = new Set<string>();
  scenario.counters.forEach((c, i) => {
    if (counterIds.has(c.id))
      fail(['counters', i, 'id'], `duplicate counter id, got ${JSON.stringify(c.id)}`);
    counterIds.add(c.id);
    c.services.forEach((s, j) => {
      if (!serviceIds.has(s))
        fail(['counters', i, 'services', j], `unknown service, got ${JSON.stringify(s)}`);
    });
  });
  const staffIds = new Set<string>();
  scenario.staff.forEach((p, i) => {
    if (staffIds.has(p.id)) fail(['staff', i, 'id'], `duplicate staff id, got ${JSON.stringify(p.id)}`);
    staffIds.add(p.id);
    for (const k of ['availableFrom', 'availableTo'] as const) {
      try {
        parseClock(p[k]);
      } catch {
        fail(['staff', i, k], `must be a clock time HH:MM, got ${JSON.stringify(p[k])}`);
      }
    }
    if (parseClock(p.availableTo) <= parseClock(p.availableFrom)) {
      fail(['staff', i, 'availableTo'], `must be after availableFrom, got ${JSON.stringify(p.availableTo)}`);
    }
    p.skills.forEach((s, j) => {
      if (!serviceIds.has(s))
        warnings.push(`staff.${i}.skills.${j}: unknown service ${JSON.stringify(s)} ignored`);
    });
  });
  const r = scenario.shiftRules;
  if (r.minShiftMinutes > r.maxShiftMinutes) {
    fail(['shiftRules', 'minShiftMinutes'], `must not exceed maxShiftMinutes, got ${r.minShiftMinutes}`);
  }
  scenario.demand.forEach((d, i) => {
    if (!serviceIds.has(d.service))
      fail(['demand', i, 'service'], `unknown service, got ${JSON.stringify(d.service)}`);
    if (Number.isNaN(parseIsoTime(d.slotStart, scenario.centre.timezone))) {
      fail(['demand', i, 'slotStart'], `must be an ISO 8601 date-time, got ${JSON.stringify(d.slotStart)}`);
    }
  });
  return { scenario, warnings };
}
