import { check, QueuecastError } from '../errors.js';
import { checkTarget } from '../queueing/validate.js';
import { formatIsoInZone, parseIsoTime } from '../time/zoned.js';
import { convolveOfferedLoad, offeredLoadWeights } from './offered-load.js';
import { DEFAULT_TARGET, type PoolMember, poolMember, solvePoolSlot } from './pool-model.js';
import type {
  ForecastQuantity,
  ForecastRow,
  StaffingMethod,
  StaffingOptions,
  StaffingRequirement,
  StaffingResult,
  StaffingService,
} from './types.js';

/**
 * Defaults of {@link StaffingOptions}. `slotMinutes: undefined` means "inferred from the forecast".
 *
 * @example
 * staffingRequirements(forecast, services, { ...defaultStaffingOptions, method: 'sipp' });
 */
export const defaultStaffingOptions = {
  method: 'mol',
  quantity: 'mean',
  slotMinutes: undefined,
  timezone: 'Asia/Shanghai',
  pools: [],
  priority: 'appointments-first',
  appointmentArrivalCv: 0.7,
  abandonment: false,
  maxOccupancy: 1,
  maxServers: 10_000,
} as const satisfies StaffingOptions;

const FN = 'staffingRequirements';
const METHODS: readonly StaffingMethod[] = ['mol', 'sipp'];
const QUANTITIES: readonly ForecastQuantity[] = ['mean', 'p05', 'p10', 'p50', 'p80', 'p90', 'p95'];

function fail(path: (string | number)[], message: string): never {
  throw new QueuecastError('INVALID_INPUT', `${FN}: ${path.join('.')}: ${message}`, path);
}

/** Index of `t` in the ascending grid (binary search; `t` is in it). */
function slotOf(grid: Float64Array, t: number): number {
  let lo = 0;
  let hi = grid.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (grid[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Queue {
  readonly id: string;
  readonly services: readonly string[];
  readonly members: readonly PoolMember[];
  /** Arrivals per grid slot, per member: [member][slot]. */
  readonly appointments: Float64Array[];
  readonly walkIns: Float64Array[];
}

/**
 * Servers needed per service — or per pool of services sharing counters — per slot, for each service's target.
 *
 * **Methods, and when each is right.**
 * - `'mol'` (default) — modified offered load: each slot is staffed with the stationary model (Erlang C,
 *   Allen–Cunneen, Erlang A or two-class priority) at the slot's *modified* offered load, the mean number of
 *   customers that would be in service in the slot if nobody waited (see {@link modifiedOfferedLoad}). The load
 *   carries work across slot boundaries: after a peak it stays high while the peak's customers are still at the
 *   counters; at each session start it begins from an empty hall; nothing carries across a closed gap (lunch), where
 *   the last slot's counters finish everyone holding a ticket. Right in general, and needed whenever handling is not
 *   short next to the slot or demand changes sharply between slots — the service-hall case, with 10–15 minute
 *   targets and 10–20 minute handling. Checked by simulation (test/staffing): it meets 80 % within 10 minutes in
 *   every slot of a two-peak day where per-slot Erlang C misses after the peaks, with fewer staff-hours.
 * - `'sipp'` — stationary independent period-by-period: each slot on its own at its own mean arrival rate. Right when
 *   handling is short next to the slot and demand changes slowly (a call centre with 3-minute calls and 30-minute
 *   slots); it over-staffs the rising edge and session starts and under-staffs just after peaks otherwise
 *   (Green, Kolesar & Soares 2001, "Improving the SIPP approach for staffing service systems that have cyclic
 *   demands", Operations Research 49:549).
 *
 * Stationary backlog carryover (SBC), which adds the expected queue at a slot's end to the next slot's arrivals, was
 * tried and not kept: the stationary model already assumes a steady-state queue at each slot start, so SBC counts
 * the queue twice and can only staff more than SIPP (test/staffing/day-simulation.test.ts shows it on that day).
 *
 * **Model per slot.** Appointment rows are scheduled arrivals, less variable than Poisson (Allen–Cunneen with
 * `appointmentArrivalCv`), and with `priority: 'appointments-first'` they are served first (two-class Cobham model;
 * walk-ins wait longer). A pool is one queue whose handling time is the arrival-weighted mixture of its services'
 * (mean and CV of the mixture); every member's own target must hold. Service level counts all arrivals. With
 * `abandonment: true` and finite walk-in patience the queue is one FCFS class under Erlang A (the pooled abandonment
 * rate of its walk-ins; priority is not modelled then). Quantiles are summed over a pool's services and channels,
 * which overstates the pool's quantile (errs towards more staff).
 *
 * The slot grid is the set of slot starts in the forecast; consecutive starts one slot apart form an opening
 * session, and every queue gets a row for every grid slot (0 servers where it has no demand).
 *
 * Complexity: O(queues × slots × (K + a)) — K slots spanned by a handling time, a the offered load; a week of
 * 15-minute slots for 50 services takes milliseconds (bench/queueing.bench.ts).
 *
 * @param forecast rows `{ service, channel, slotStart, expected | mean, p05…p95 }` — Scenario `demand` rows fit.
 * @param services `{ id, ahtSeconds, serviceCv, patienceSeconds, target }` — Scenario `services` fit.
 * @param options see {@link StaffingOptions}; defaults in {@link defaultStaffingOptions}.
 * @returns requirements per queue and slot, total staff-hours, and warnings (e.g. a missing quantile column).
 * @throws QueuecastError INVALID_INPUT for unknown services, bad times or values, INVALID_ARGUMENT for bad options.
 * @example
 * const { requirements } = staffingRequirements(
 *   [{ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', expected: 20 }],
 *   [{ id: 'tax', ahtSeconds: 600, target: { fraction: 0.8, withinSeconds: 600 } }],
 *   { slotMinutes: 30 },
 * );
 * requirements[0].serversInteger; // => 6
 */
export function staffingRequirements(
  forecast: readonly ForecastRow[],
  services: readonly StaffingService[],
  options: StaffingOptions = {},
): StaffingResult {
  const o = { ...defaultStaffingOptions, ...options };
  check(METHODS.includes(o.method), FN, `method must be one of ${METHODS.join(', ')}`, o.method);
  check(QUANTITIES.includes(o.quantity), FN, `quantity must be one of ${QUANTITIES.join(', ')}`, o.quantity);
  check(
    o.slotMinutes === undefined || (Number.isFinite(o.slotMinutes) && o.slotMinutes > 0),
    FN,
    'slotMinutes must be > 0',
    o.slotMinutes,
  );
  check(
    o.priority === 'appointments-first' || o.priority === 'fcfs',
    FN,
    'priority must be appointments-first or fcfs',
    o.priority,
  );
  check(
    Number.isFinite(o.appointmentArrivalCv) && o.appointmentArrivalCv >= 0,
    FN,
    'appointmentArrivalCv must be ≥ 0',
    o.appointmentArrivalCv,
  );
  check(
    Number.isFinite(o.maxOccupancy) && o.maxOccupancy > 0 && o.maxOccupancy <= 1,
    FN,
    'maxOccupancy must be in (0, 1]',
    o.maxOccupancy,
  );
  check(
    Number.isInteger(o.maxServers) && o.maxServers > 0,
    FN,
    'maxServers must be a positive integer',
    o.maxServers,
  );
  check(Array.isArray(forecast), FN, 'forecast must be an array of rows', forecast);
  check(Array.isArray(services), FN, 'services must be an array', services);
  const warnings: string[] = [];

  const serviceIndex = new Map<string, number>();
  const members: PoolMember[] = services.map((s, i) => {
    if (s === null || typeof s !== 'object' || typeof s.id !== 'string' || s.id === '') {
      fail(['services', i, 'id'], `must be a non-empty string, got ${JSON.stringify(s?.id)}`);
    }
    if (serviceIndex.has(s.id))
      fail(['services', i, 'id'], `duplicate service id, got ${JSON.stringify(s.id)}`);
    serviceIndex.set(s.id, i);
    if (!(Number.isFinite(s.ahtSeconds) && s.ahtSeconds > 0))
      fail(['services', i, 'ahtSeconds'], `must be > 0, got ${s.ahtSeconds}`);
    const cv = s.serviceCv ?? 1;
    if (!(Number.isFinite(cv) && cv >= 0)) fail(['services', i, 'serviceCv'], `must be ≥ 0, got ${cv}`);
    const patience = s.patienceSeconds ?? Number.POSITIVE_INFINITY;
    if (!(patience > 0)) fail(['services', i, 'patienceSeconds'], `must be > 0, got ${patience}`);
    const target = s.target ?? DEFAULT_TARGET;
    try {
      checkTarget(FN, target);
    } catch (e) {
      fail(['services', i, 'target'], (e as Error).message.replace(`${FN}: `, ''));
    }
    if (target.maxAbandonShare !== undefined && !o.abandonment) {
      warnings.push(
        `service ${s.id}: maxAbandonShare target ignored (set abandonment: true to use Erlang A)`,
      );
    }
    return poolMember(s);
  });

  // Queues: the pools given, then every other service on its own, in service order.
  const queueOf = new Int32Array(services.length).fill(-1);
  const groups: number[][] = [];
  o.pools.forEach((pool, p) => {
    if (!Array.isArray(pool) || pool.length === 0)
      fail(['options', 'pools', p], 'must be a non-empty array of service ids');
    const group: number[] = [];
    pool.forEach((id, j) => {
      const k = serviceIndex.get(id);
      if (k === undefined) fail(['options', 'pools', p, j], `unknown service, got ${JSON.stringify(id)}`);
      if (queueOf[k] >= 0)
        fail(['options', 'pools', p, j], `service in two pools, got ${JSON.stringify(id)}`);
      queueOf[k] = groups.length;
      group.push(k);
    });
    groups.push(group);
  });
  services.forEach((_, k) => {
    if (queueOf[k] < 0) {
      queueOf[k] = groups.length;
      groups.push([k]);
    }
  });

  // Slot grid.
  const starts = new Float64Array(forecast.length);
  const values = new Float64Array(forecast.length);
  const rowService = new Int32Array(forecast.length);
  const missingQuantile = new Map<string, number>();
  for (let i = 0; i < forecast.length; i++) {
    const row = forecast[i];
    if (row === null || typeof row !== 'object') fail(['forecast', i], 'must be an object');
    const k = serviceIndex.get(row.service);
    if (k === undefined)
      fail(['forecast', i, 'service'], `unknown service, got ${JSON.stringify(row.service)}`);
    rowService[i] = k;
    const channel = row.channel ?? 'walk_in';
    if (channel !== 'walk_in' && channel !== 'appointment') {
      fail(['forecast', i, 'channel'], `must be appointment or walk_in, got ${JSON.stringify(channel)}`);
    }
    const t =
      typeof row.slotStart === 'number' ? row.slotStart : parseIsoTime(String(row.slotStart), o.timezone);
    if (!Number.isFinite(t))
      fail(
        ['forecast', i, 'slotStart'],
        `must be epoch ms or ISO 8601, got ${JSON.stringify(row.slotStart)}`,
      );
    starts[i] = t;
    const mean = row.expected ?? row.mean;
    let v = o.quantity === 'mean' ? mean : row[o.quantity];
    if (v === undefined && o.quantity !== 'mean') {
      missingQuantile.set(row.service, (missingQuantile.get(row.service) ?? 0) + 1);
      v = mean;
    }
    if (v === undefined || !Number.isFinite(v) || v < 0) {
      fail(
        ['forecast', i, o.quantity === 'mean' ? 'expected' : o.quantity],
        `must be a number ≥ 0, got ${JSON.stringify(v)}`,
      );
    }
    values[i] = v;
  }
  for (const [service, n] of missingQuantile) {
    warnings.push(`service ${service}: ${o.quantity} missing on ${n} row(s); staffed to the mean there`);
  }
  const sorted = starts.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  const grid = sorted.subarray(0, distinct);
  let slotMinutes = o.slotMinutes;
  if (slotMinutes === undefined) {
    let gap = Number.POSITIVE_INFINITY;
    for (let i = 1; i < grid.length; i++) gap = Math.min(gap, grid[i] - grid[i - 1]);
    slotMinutes = Number.isFinite(gap) ? gap / 60_000 : 30;
  }
  const slotMs = slotMinutes * 60_000;
  const slotSeconds = slotMinutes * 60;
  const sessionStarts: number[] = [];
  for (let i = 0; i < grid.length; i++) {
    if (i > 0 && grid[i] - grid[i - 1] < slotMs) {
      fail(
        ['forecast'],
        `slot starts ${formatIsoInZone(grid[i - 1], o.timezone)} and ${formatIsoInZone(grid[i], o.timezone)} are closer than slotMinutes ${slotMinutes}`,
      );
    }
    if (i === 0 || grid[i] - grid[i - 1] !== slotMs) sessionStarts.push(i);
  }
  sessionStarts.push(grid.length);

  const queues: Queue[] = groups.map((group) => ({
    id: group.map((k) => services[k].id).join('+'),
    services: group.map((k) => services[k].id),
    members: group.map((k) => members[k]),
    appointments: group.map(() => new Float64Array(grid.length)),
    walkIns: group.map(() => new Float64Array(grid.length)),
  }));
  const memberOf = new Int32Array(services.length);
  for (const group of groups) {
    group.forEach((k, j) => {
      memberOf[k] = j;
    });
  }
  for (let i = 0; i < forecast.length; i++) {
    const k = rowService[i];
    const q = queues[queueOf[k]];
    const series = forecast[i].channel === 'appointment' ? q.appointments : q.walkIns;
    series[memberOf[k]][slotOf(grid, starts[i])] += values[i];
  }

  // Arrival rates per hour the stationary model sees: the slot's own (SIPP) or the modified offered load ÷ AHT.
  const toRates = (
    counts: Float64Array,
    member: PoolMember,
    weights: Float64Array | undefined,
  ): Float64Array => {
    const rates = new Float64Array(counts.length);
    const perHour = 3600 / slotSeconds;
    if (weights === undefined) {
      for (let i = 0; i < counts.length; i++) rates[i] = counts[i] * perHour;
      return rates;
    }
    for (let s = 0; s + 1 < sessionStarts.length; s++) {
      const from = sessionStarts[s];
      convolveOfferedLoad(counts, from, sessionStarts[s + 1], weights, rates, from, 3600 / member.ahtSeconds);
    }
    return rates;
  };
  const weightCache = new Map<string, Float64Array>();
  const weightsFor = (m: PoolMember): Float64Array | undefined => {
    if (o.method === 'sipp') return undefined;
    const key = `${m.ahtSeconds}/${m.serviceCv}`;
    let w = weightCache.get(key);
    if (w === undefined) {
      w = offeredLoadWeights(slotSeconds, m.ahtSeconds, m.serviceCv);
      weightCache.set(key, w);
    }
    return w;
  };

  const settings = {
    appointmentsFirst: o.priority === 'appointments-first',
    appointmentArrivalScv: o.appointmentArrivalCv * o.appointmentArrivalCv,
    abandonment: o.abandonment,
    maxOccupancy: o.maxOccupancy,
    maxServers: o.maxServers,
  };
  const requirements: StaffingRequirement[] = [];
  let staffHours = 0;
  let fractionalStaffHours = 0;
  for (const q of queues) {
    const appRates = q.members.map((m, j) => toRates(q.appointments[j], m, weightsFor(m)));
    const walkRates = q.members.map((m, j) => toRates(q.walkIns[j], m, weightsFor(m)));
    const app = new Float64Array(q.members.length);
    const walk = new Float64Array(q.members.length);
    let unreachable = 0;
    let firstUnreachable = 0;
    for (let i = 0; i < grid.length; i++) {
      let arrivals = 0;
      let appRate = 0;
      let rate = 0;
      for (let j = 0; j < q.members.length; j++) {
        app[j] = appRates[j][i];
        walk[j] = walkRates[j][i];
        arrivals += q.appointments[j][i] + q.walkIns[j][i];
        appRate += app[j];
        rate += app[j] + walk[j];
      }
      const r = solvePoolSlot(q.members, app, walk, settings);
      if (!r.reachable && unreachable++ === 0) firstUnreachable = grid[i];
      staffHours += (r.serversInteger * slotMinutes) / 60;
      fractionalStaffHours += (r.servers * slotMinutes) / 60;
      requirements.push({
        service: q.id,
        services: q.services,
        slotStart: grid[i],
        slotMinutes,
        arrivals,
        offeredLoadErlangs: r.offeredLoadErlangs,
        appointmentShare: rate > 0 ? appRate / rate : 0,
        servers: r.servers,
        serversInteger: r.serversInteger,
        serviceLevel: r.serviceLevel,
        meanWaitSeconds: r.meanWaitSeconds,
        model: r.model,
        targetReachable: r.reachable,
      });
    }
    if (unreachable > 0) {
      warnings.push(
        `${q.id}: target out of reach within ${o.maxServers} servers in ${unreachable} slot(s), first at ${formatIsoInZone(firstUnreachable, o.timezone)}`,
      );
    }
  }
  return {
    method: o.method,
    quantity: o.quantity,
    slotMinutes,
    requirements,
    staffHours,
    fractionalStaffHours,
    warnings,
  };
}
