import type { Plan } from '../allocate/plan.js';
import { check, formatValue, QueuecastError } from '../errors.js';
import type { Scenario } from '../scenario/scenario.js';
import { epochToZoned, formatIsoInZone, parseIsoTime } from '../time/zoned.js';
import { defaultSimulateOptions, type SimulateOptions } from './options.js';

/**
 * Servers per service (or pooled services) per slot: the plain alternative to a Plan. `servers` counters serve the
 * listed services from one shared queue in that slot; each counter keeps its own person all day.
 */
export interface ServersRow {
  /** One service id; give this or `services`. */
  readonly service?: string;
  /** Services pooled on the same counters; give this or `service`. */
  readonly services?: readonly string[];
  /** ISO 8601 start of the slot. */
  readonly slotStart: string;
  /** Open counters, a non-negative integer. */
  readonly servers: number;
}

/** Channel index of walk-ins inside the engine (cells, customer arrays). */
export const WALK_IN = 0;
/** Channel index of appointment holders inside the engine (cells, customer arrays). */
export const APPOINTMENT = 1;

/** Service-time family code of {@link SimulationModel.serviceKind}: constant `ahtSeconds` (CV 0). */
export const SERVICE_CONSTANT = 0;
/** Service-time family code: lognormal with μ = serviceParamA, σ = serviceParamB. */
export const SERVICE_LOGNORMAL = 1;
/** Service-time family code: gamma with shape serviceParamA and scale serviceParamB. */
export const SERVICE_GAMMA = 2;
/** Service-time family code: drawn uniformly from the service's observed values (bootstrap). */
export const SERVICE_EMPIRICAL = 3;

/** The plan's expected performance of one service in one slot, matched to the simulation grid. */
export interface ExpectedCell {
  readonly service: number;
  readonly slot: number;
  readonly serviceLevel: number;
  readonly meanWaitSeconds: number;
  readonly arrivals: number;
}

/**
 * A scenario and plan compiled to flat typed arrays: the input of {@link createSimulationEngine}. Times are seconds
 * from `originMs` (the first slot's start). Build it once with {@link prepareSimulation}, then run any number of
 * replications on it.
 */
export interface SimulationModel {
  readonly timezone: string;
  readonly slotSeconds: number;
  /** Epoch ms of the first slot start; engine time 0. */
  readonly originMs: number;
  readonly serviceIds: readonly string[];
  readonly counterIds: readonly string[];
  readonly staffIds: readonly string[];
  /** ISO start of each slot, in the centre's zone. */
  readonly slotIso: readonly string[];
  /** Slot start, seconds from origin. */
  readonly slotStart: Float64Array;
  /** Session index of each slot. */
  readonly slotSession: Int32Array;
  /** Local-date index of each slot (for daily over-dispersion). */
  readonly slotDay: Int32Array;
  readonly dayCount: number;
  readonly sessionStart: Float64Array;
  /** End of the session's last slot: the ticket stop. */
  readonly sessionEnd: Float64Array;
  readonly sessionFirstSlot: Int32Array;
  readonly sessionLastSlot: Int32Array;
  /** Per service: wait limit of the service level, seconds. */
  readonly withinSeconds: Float64Array;
  /** Per service: mean walk-in patience, seconds (Infinity = never abandons). */
  readonly patienceSeconds: Float64Array;
  /** Per service: one of SERVICE_CONSTANT, SERVICE_LOGNORMAL, SERVICE_GAMMA, SERVICE_EMPIRICAL. */
  readonly serviceKind: Uint8Array;
  /** Per service: constant value, lognormal μ or gamma shape. */
  readonly serviceParamA: Float64Array;
  /** Per service: lognormal σ or gamma scale. */
  readonly serviceParamB: Float64Array;
  /** Per service: offset and length into `empiricalSeconds`. */
  readonly empiricalOffset: Int32Array;
  readonly empiricalLength: Int32Array;
  readonly empiricalSeconds: Float64Array;
  /** Demand rows sorted by slot. */
  readonly rowService: Int32Array;
  readonly rowChannel: Uint8Array;
  readonly rowSlot: Int32Array;
  readonly rowExpected: Float64Array;
  /** Variance of the slot count under `overDispersion: 'p90'` (NaN = Poisson). */
  readonly rowVariance: Float64Array;
  /** Booked appointments under `appointments: 'booked'` (NaN = use expected). */
  readonly rowBooked: Float64Array;
  /** Show probability of booked appointments (1 − noShowRate). */
  readonly rowShowProbability: Float64Array;
  /** Rows of slot k are rowSlotStart[k] .. rowSlotStart[k+1]−1. */
  readonly rowSlotStart: Int32Array;
  /** Whether (service, slot) has at least one demand row: index service × slots + slot. */
  readonly hasDemand: Uint8Array;
  /** Assignments of slot k are assignSlotStart[k] .. assignSlotStart[k+1]−1. */
  readonly assignSlotStart: Int32Array;
  readonly assignCounter: Int32Array;
  readonly assignStaff: Int32Array;
  /** Services of assignment a are assignServices[assignServiceStart[a] .. assignServiceStart[a+1]−1]. */
  readonly assignServiceStart: Int32Array;
  readonly assignServices: Int32Array;
  /** Counters open (staffed) in each slot. */
  readonly slotOpenCounters: Int32Array;
  /** Per counter: scheduled open seconds (slots staffed × slot length). */
  readonly counterScheduledSeconds: Float64Array;
  /** Boundaries in time order: slot starts (kind k ≥ 0) and ticket stops (kind −1 − session). */
  readonly boundaryTime: Float64Array;
  readonly boundaryKind: Int32Array;
  /** 1 = appointment holders first, 0 = first come first served. */
  readonly appointmentsFirst: number;
  /** Customers arriving before this time (seconds from origin) are not counted. */
  readonly warmupSeconds: number;
  /** The plan's expected values, when a plan was given. */
  readonly expected: readonly ExpectedCell[];
  /** Expected arrivals over the horizon (sum of rows' `expected`). */
  readonly expectedCustomers: number;
  readonly options: SimulateOptions;
  readonly warnings: readonly string[];
}

interface AssignmentIn {
  readonly slot: number;
  readonly counter: number;
  readonly staff: number;
  readonly services: readonly number[];
}

const FN = 'prepareSimulation';

function invalid(message: string, path?: readonly (string | number)[]): never {
  throw new QueuecastError('INVALID_INPUT', `${FN}: ${message}`, path);
}

/**
 * Merge user options with {@link defaultSimulateOptions} and validate them.
 *
 * @throws QueuecastError `INVALID_ARGUMENT` naming the option and its value.
 * @example
 * resolveSimulateOptions({ replications: 20 }).seed; // => 1
 */
export function resolveSimulateOptions(options: Partial<SimulateOptions> = {}): SimulateOptions {
  const o: SimulateOptions = { ...defaultSimulateOptions, ...options };
  check(
    Number.isInteger(o.replications) && o.replications >= 1 && o.replications <= 1_000_000,
    'simulate',
    'replications must be an integer from 1 to 1000000',
    o.replications,
  );
  check(Number.isFinite(o.seed), 'simulate', 'seed must be a finite number', o.seed);
  check(
    o.serviceTime === 'lognormal' || o.serviceTime === 'gamma',
    'simulate',
    'serviceTime must be lognormal or gamma',
    o.serviceTime,
  );
  check(
    o.overDispersion === 'none' || o.overDispersion === 'daily-gamma' || o.overDispersion === 'p90',
    'simulate',
    'overDispersion must be none, daily-gamma or p90',
    o.overDispersion,
  );
  check(
    Number.isFinite(o.dailyRateCv) && o.dailyRateCv >= 0,
    'simulate',
    'dailyRateCv must be ≥ 0',
    o.dailyRateCv,
  );
  check(
    o.appointments === 'expected' || o.appointments === 'booked',
    'simulate',
    'appointments must be expected or booked',
    o.appointments,
  );
  if (o.punctuality !== null) {
    const p = o.punctuality;
    check(
      Number.isFinite(p.earlyMinutes) &&
        p.earlyMinutes >= 0 &&
        Number.isFinite(p.lateMinutes) &&
        p.lateMinutes >= 0,
      'simulate',
      'punctuality needs earlyMinutes ≥ 0 and lateMinutes ≥ 0',
      p,
    );
  }
  check(
    Number.isFinite(o.warmupMinutes) && o.warmupMinutes >= 0,
    'simulate',
    'warmupMinutes must be ≥ 0',
    o.warmupMinutes,
  );
  check(
    o.unstaffedCounters === 'closed' || o.unstaffedCounters === 'open',
    'simulate',
    'unstaffedCounters must be closed or open',
    o.unstaffedCounters,
  );
  check(
    Number.isFinite(o.defaultWithinSeconds) && o.defaultWithinSeconds >= 0,
    'simulate',
    'defaultWithinSeconds must be ≥ 0',
    o.defaultWithinSeconds,
  );
  return o;
}

function isServersRows(input: Plan | readonly ServersRow[]): input is readonly ServersRow[] {
  return Array.isArray(input);
}

/**
 * Compile a scenario and a plan (or servers per slot) into a {@link SimulationModel}: services, demand rows, the
 * slot grid and its opening sessions, and each slot's counter assignments, all as flat typed arrays.
 *
 * The slot grid is the union of the demand rows' and the assignments' slot starts; a session is a run of slots each
 * starting where the previous one ends, so a lunch closure splits sessions. Throws `INVALID_INPUT` for unknown
 * services, unreadable times, overlapping slots, a counter or person assigned twice in one slot, and
 * `INVALID_ARGUMENT` for bad options.
 *
 * Complexity: O(D log D + A log A) for D demand rows and A assignments.
 *
 * @param scenario a parsed Scenario (see `parseScenario`).
 * @param plan a Plan, or {@link ServersRow} rows.
 * @example
 * const model = prepareSimulation(scenario, [{ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', servers: 3 }]);
 * model.slotIso; // => ['2026-12-01T09:00:00+08:00']
 */
export function prepareSimulation(
  scenario: Scenario,
  plan: Plan | readonly ServersRow[],
  options: Partial<SimulateOptions> = {},
): SimulationModel {
  const o = resolveSimulateOptions(options);
  const tz = scenario.centre.timezone;
  const slotSeconds = scenario.centre.slotMinutes * 60;
  const warnings: string[] = [];

  const serviceIndex = new Map(scenario.services.map((s, i) => [s.id, i]));
  const S = scenario.services.length;
  const serviceOf = (id: string, path: readonly (string | number)[]): number => {
    const i = serviceIndex.get(id);
    if (i === undefined) invalid(`${path.join('.')}: unknown service, got ${formatValue(id)}`, path);
    return i;
  };

  // Services.
  const withinSeconds = new Float64Array(S);
  const patienceSeconds = new Float64Array(S);
  const serviceKind = new Uint8Array(S);
  const serviceParamA = new Float64Array(S);
  const serviceParamB = new Float64Array(S);
  const empiricalOffset = new Int32Array(S);
  const empiricalLength = new Int32Array(S);
  const empirical: number[] = [];
  for (const key of Object.keys(o.empiricalServiceSeconds)) serviceOf(key, ['empiricalServiceSeconds', key]);
  scenario.services.forEach((s, i) => {
    withinSeconds[i] = s.target.withinSeconds ?? o.defaultWithinSeconds;
    patienceSeconds[i] =
      o.abandonment && s.patienceSeconds !== undefined ? s.patienceSeconds : Number.POSITIVE_INFINITY;
    const observed = o.empiricalServiceSeconds[s.id];
    if (observed !== undefined) {
      if (observed.length === 0) invalid(`empiricalServiceSeconds.${s.id}: needs at least one value, got []`);
      empiricalOffset[i] = empirical.length;
      empiricalLength[i] = observed.length;
      observed.forEach((v, j) => {
        if (!(Number.isFinite(v) && v >= 0)) {
          invalid(`empiricalServiceSeconds.${s.id}.${j}: must be a finite number ≥ 0, got ${formatValue(v)}`);
        }
        empirical.push(v);
      });
      serviceKind[i] = SERVICE_EMPIRICAL;
    } else if (s.serviceCv === 0) {
      serviceKind[i] = SERVICE_CONSTANT;
      serviceParamA[i] = s.ahtSeconds;
    } else if (o.serviceTime === 'gamma') {
      serviceKind[i] = SERVICE_GAMMA;
      serviceParamA[i] = 1 / (s.serviceCv * s.serviceCv);
      serviceParamB[i] = s.ahtSeconds * s.serviceCv * s.serviceCv;
    } else {
      const s2 = Math.log(1 + s.serviceCv * s.serviceCv);
      serviceKind[i] = SERVICE_LOGNORMAL;
      serviceParamA[i] = Math.log(s.ahtSeconds) - s2 / 2;
      serviceParamB[i] = Math.sqrt(s2);
    }
  });

  // Assignments (before the grid: they add slots).
  const counterIndex = new Map<string, number>();
  const counterIds: string[] = [];
  const staffIndex = new Map<string, number>();
  const staffIds: string[] = [];
  const counterOf = (id: string): number => {
    let i = counterIndex.get(id);
    if (i === undefined) {
      i = counterIds.length;
      counterIndex.set(id, i);
      counterIds.push(id);
    }
    return i;
  };
  const staffOf = (id: string): number => {
    let i = staffIndex.get(id);
    if (i === undefined) {
      i = staffIds.length;
      staffIndex.set(id, i);
      staffIds.push(id);
    }
    return i;
  };
  for (const c of scenario.counters) counterOf(c.id);
  for (const p of scenario.staff) staffOf(p.id);
  const knownCounters = new Set(scenario.counters.map((c) => c.id));
  const knownStaff = new Set(scenario.staff.map((p) => p.id));

  // Slot starts repeat across demand rows, assignments and expected rows: parse each distinct text once.
  const parsedMs = new Map<string, number>();
  const slotMsOf = (text: string, path: readonly (string | number)[]): number => {
    let ms = parsedMs.get(text);
    if (ms === undefined) {
      ms = parseIsoTime(text, tz);
      parsedMs.set(text, ms);
    }
    if (Number.isNaN(ms))
      invalid(`${path.join('.')}: must be an ISO 8601 date-time, got ${formatValue(text)}`, path);
    return ms;
  };

  interface RawAssignment {
    readonly ms: number;
    readonly counter: number;
    readonly staff: number;
    readonly services: readonly number[];
    readonly path: readonly (string | number)[];
  }
  const raw: RawAssignment[] = [];
  /** Slots of assignments left closed: still part of the hall's opening hours. */
  const closedMs: number[] = [];
  let expectedRows: Plan['expected'] = [];
  if (isServersRows(plan)) {
    plan.forEach((row, i) => {
      const path = [i];
      if ((row.service === undefined) === (row.services === undefined)) {
        invalid(
          `${i}: a servers row needs exactly one of service or services, got ${formatValue(row)}`,
          path,
        );
      }
      const ids = row.services ?? [row.service as string];
      if (ids.length === 0) invalid(`${i}.services: needs at least one service, got []`, [i, 'services']);
      const services = ids.map((id, j) => serviceOf(id, row.services ? [i, 'services', j] : [i, 'service']));
      if (!(Number.isInteger(row.servers) && row.servers >= 0)) {
        invalid(`${i}.servers: must be a non-negative integer, got ${formatValue(row.servers)}`, [
          i,
          'servers',
        ]);
      }
      const ms = slotMsOf(row.slotStart, [i, 'slotStart']);
      const pool = [...ids].sort().join('+');
      for (let k = 0; k < row.servers; k++) {
        const id = `${pool}#${k + 1}`;
        raw.push({ ms, counter: counterOf(id), staff: staffOf(id), services, path });
      }
    });
  } else {
    let unstaffed = 0;
    plan.assignments.forEach((a, i) => {
      const path = ['assignments', i];
      const ms = slotMsOf(a.slotStart, [...path, 'slotStart']);
      if (a.services.length === 0)
        invalid(`assignments.${i}.services: needs at least one service, got []`, [...path, 'services']);
      const services = a.services.map((id, j) => serviceOf(id, [...path, 'services', j]));
      let staff: number;
      if (a.staff === null) {
        unstaffed++;
        if (o.unstaffedCounters === 'closed') {
          closedMs.push(ms);
          return;
        }
        staff = staffOf(`~${a.counter}`);
      } else {
        staff = staffOf(a.staff);
      }
      raw.push({ ms, counter: counterOf(a.counter), staff, services, path });
    });
    if (unstaffed > 0) {
      warnings.push(
        o.unstaffedCounters === 'closed'
          ? `${unstaffed} assignments have no staff; those counters stay closed`
          : `${unstaffed} assignments have no staff; an unnamed person opens each`,
      );
    }
    const unknownCounters = counterIds.filter((id) => !knownCounters.has(id));
    if (scenario.counters.length > 0 && unknownCounters.length > 0) {
      warnings.push(
        `plan names counters absent from the scenario: ${unknownCounters.slice(0, 5).join(', ')}`,
      );
    }
    const unknownStaff = staffIds.filter((id) => !knownStaff.has(id) && !id.startsWith('~'));
    if (scenario.staff.length > 0 && unknownStaff.length > 0) {
      warnings.push(`plan names staff absent from the scenario: ${unknownStaff.slice(0, 5).join(', ')}`);
    }
    expectedRows = plan.expected;
  }

  // Slot grid.
  const demandMs = scenario.demand.map((d, i) => slotMsOf(d.slotStart, ['demand', i, 'slotStart']));
  const allMs = [...new Set([...demandMs, ...raw.map((r) => r.ms), ...closedMs])].sort((a, b) => a - b);
  if (allMs.length === 0)
    invalid('nothing to simulate: no demand rows and no assignments, got an empty horizon');
  const K = allMs.length;
  const originMs = allMs[0];
  const slotIndex = new Map(allMs.map((ms, k) => [ms, k]));
  const slotStart = new Float64Array(K);
  const slotIso: string[] = [];
  const slotSession = new Int32Array(K);
  const slotDay = new Int32Array(K);
  const dayIndex = new Map<string, number>();
  const sessionStartList: number[] = [];
  const sessionFirst: number[] = [];
  for (let k = 0; k < K; k++) {
    slotStart[k] = (allMs[k] - originMs) / 1000;
    slotIso.push(formatIsoInZone(allMs[k], tz));
    if (k > 0) {
      const gap = slotStart[k] - slotStart[k - 1];
      if (gap < slotSeconds) {
        invalid(
          `slots overlap: ${slotIso[k - 1]} and ${slotIso[k]} are less than slotMinutes (${slotSeconds / 60}) apart, got ${gap / 60} minutes`,
        );
      }
    }
    if (k === 0 || slotStart[k] > slotStart[k - 1] + slotSeconds) {
      sessionStartList.push(slotStart[k]);
      sessionFirst.push(k);
    }
    slotSession[k] = sessionFirst.length - 1;
    const date = epochToZoned(allMs[k], tz).date;
    let d = dayIndex.get(date);
    if (d === undefined) {
      d = dayIndex.size;
      dayIndex.set(date, d);
    }
    slotDay[k] = d;
  }
  const nSessions = sessionFirst.length;
  const sessionStart = Float64Array.from(sessionStartList);
  const sessionFirstSlot = Int32Array.from(sessionFirst);
  const sessionLastSlot = new Int32Array(nSessions);
  const sessionEnd = new Float64Array(nSessions);
  for (let s = 0; s < nSessions; s++) {
    const last = s + 1 < nSessions ? sessionFirst[s + 1] - 1 : K - 1;
    sessionLastSlot[s] = last;
    sessionEnd[s] = slotStart[last] + slotSeconds;
  }

  // Demand rows, sorted by slot (stable).
  const D = scenario.demand.length;
  const order = Array.from({ length: D }, (_, i) => i).sort(
    (a, b) => slotIndex.get(demandMs[a])! - slotIndex.get(demandMs[b])! || a - b,
  );
  const rowService = new Int32Array(D);
  const rowChannel = new Uint8Array(D);
  const rowSlot = new Int32Array(D);
  const rowExpected = new Float64Array(D);
  const rowVariance = new Float64Array(D);
  const rowBooked = new Float64Array(D);
  const rowShowProbability = new Float64Array(D);
  const rowSlotStart = new Int32Array(K + 1);
  const hasDemand = new Uint8Array(S * K);
  let expectedCustomers = 0;
  order.forEach((src, r) => {
    const d = scenario.demand[src];
    const s = serviceOf(d.service, ['demand', src, 'service']);
    const k = slotIndex.get(demandMs[src])!;
    rowService[r] = s;
    rowChannel[r] = d.channel === 'appointment' ? APPOINTMENT : WALK_IN;
    rowSlot[r] = k;
    rowExpected[r] = d.expected;
    expectedCustomers += d.expected;
    const sd = d.p90 !== undefined ? (d.p90 - d.expected) / 1.2815515655446004 : 0;
    rowVariance[r] = o.overDispersion === 'p90' && sd * sd > d.expected ? sd * sd : Number.NaN;
    rowBooked[r] =
      o.appointments === 'booked' && d.channel === 'appointment' && d.booked !== undefined
        ? Math.round(d.booked)
        : Number.NaN;
    rowShowProbability[r] = 1 - scenario.services[s].noShowRate;
    rowSlotStart[k + 1]++;
    hasDemand[s * K + k] = 1;
  });
  for (let k = 0; k < K; k++) rowSlotStart[k + 1] += rowSlotStart[k];

  // Assignments per slot.
  const assignments: AssignmentIn[] = raw.map((r) => ({
    slot: slotIndex.get(r.ms)!,
    counter: r.counter,
    staff: r.staff,
    services: r.services,
  }));
  const aOrder = assignments
    .map((_, i) => i)
    .sort((a, b) => assignments[a].slot - assignments[b].slot || a - b);
  const A = assignments.length;
  const assignSlotStart = new Int32Array(K + 1);
  const assignCounter = new Int32Array(A);
  const assignStaff = new Int32Array(A);
  const assignServiceStart = new Int32Array(A + 1);
  const serviceList: number[] = [];
  const slotOpenCounters = new Int32Array(K);
  const counterScheduledSeconds = new Float64Array(counterIds.length);
  const seenCounter = new Int32Array(counterIds.length).fill(-1);
  const seenStaff = new Int32Array(staffIds.length).fill(-1);
  aOrder.forEach((src, a) => {
    const x = assignments[src];
    const path = raw[src].path;
    if (seenCounter[x.counter] === x.slot) {
      invalid(
        `${path.join('.')}: counter ${formatValue(counterIds[x.counter])} is assigned twice in slot ${slotIso[x.slot]}`,
        path,
      );
    }
    if (seenStaff[x.staff] === x.slot) {
      invalid(
        `${path.join('.')}: staff ${formatValue(staffIds[x.staff])} is assigned to two counters in slot ${slotIso[x.slot]}`,
        path,
      );
    }
    seenCounter[x.counter] = x.slot;
    seenStaff[x.staff] = x.slot;
    assignCounter[a] = x.counter;
    assignStaff[a] = x.staff;
    assignServiceStart[a] = serviceList.length;
    for (const s of new Set(x.services)) serviceList.push(s);
    assignSlotStart[x.slot + 1]++;
    slotOpenCounters[x.slot]++;
    counterScheduledSeconds[x.counter] += slotSeconds;
  });
  assignServiceStart[A] = serviceList.length;
  for (let k = 0; k < K; k++) assignSlotStart[k + 1] += assignSlotStart[k];

  // Boundaries: each slot start, and each session's ticket stop.
  const bTime: number[] = [];
  const bKind: number[] = [];
  for (let s = 0; s < nSessions; s++) {
    for (let k = sessionFirstSlot[s]; k <= sessionLastSlot[s]; k++) {
      bTime.push(slotStart[k]);
      bKind.push(k);
    }
    bTime.push(sessionEnd[s]);
    bKind.push(-1 - s);
  }

  // Expected values of the plan on the grid.
  const expected: ExpectedCell[] = [];
  expectedRows.forEach((e, i) => {
    const s = serviceOf(e.service, ['expected', i, 'service']);
    const k = slotIndex.get(slotMsOf(e.slotStart, ['expected', i, 'slotStart']));
    if (k === undefined) {
      warnings.push(`expected.${i}: slot ${e.slotStart} is outside the simulated grid; not compared`);
      return;
    }
    expected.push({
      service: s,
      slot: k,
      serviceLevel: e.serviceLevel,
      meanWaitSeconds: e.meanWaitSeconds,
      arrivals: e.arrivals,
    });
  });

  for (let s = 0; s < S; s++) {
    let demand = false;
    for (let k = 0; k < K && !demand; k++) demand = hasDemand[s * K + k] === 1;
    if (!demand) continue;
    let served = false;
    for (let a = 0; a < A && !served; a++) {
      for (let j = assignServiceStart[a]; j < assignServiceStart[a + 1]; j++)
        if (serviceList[j] === s) served = true;
    }
    if (!served)
      warnings.push(`service ${formatValue(scenario.services[s].id)} has demand but no counter serves it`);
  }

  return {
    timezone: tz,
    slotSeconds,
    originMs,
    serviceIds: scenario.services.map((s) => s.id),
    counterIds,
    staffIds,
    slotIso,
    slotStart,
    slotSession,
    slotDay,
    dayCount: dayIndex.size,
    sessionStart,
    sessionEnd,
    sessionFirstSlot,
    sessionLastSlot,
    withinSeconds,
    patienceSeconds,
    serviceKind,
    serviceParamA,
    serviceParamB,
    empiricalOffset,
    empiricalLength,
    empiricalSeconds: Float64Array.from(empirical),
    rowService,
    rowChannel,
    rowSlot,
    rowExpected,
    rowVariance,
    rowBooked,
    rowShowProbability,
    rowSlotStart,
    hasDemand,
    assignSlotStart,
    assignCounter,
    assignStaff,
    assignServiceStart,
    assignServices: Int32Array.from(serviceList),
    slotOpenCounters,
    counterScheduledSeconds,
    boundaryTime: Float64Array.from(bTime),
    boundaryKind: Int32Array.from(bKind),
    appointmentsFirst: scenario.priority === 'appointments-first' ? 1 : 0,
    warmupSeconds: o.warmupMinutes * 60,
    expected,
    expectedCustomers,
    options: o,
    warnings,
  };
}
