import type { Plan } from '../allocate/index.js';
import { check } from '../errors.js';
import type { Scenario } from '../scenario/scenario.js';
import { CapacityBook, type ServiceModel } from './capacity-book.js';
import { GridBuilder, invalidInput, planServers, slotIndex } from './capacity-grid.js';
import type { CapacityOptions, WalkInQuantile } from './types.js';

/**
 * Defaults of {@link CapacityOptions}. `priority: undefined` means "the scenario's".
 *
 * @example
 * defaultCapacityOptions.walkInReserveShare; // => 0.3
 */
export const defaultCapacityOptions = {
  walkInQuantile: 'p80',
  walkInReserveShare: 0.3,
  overbook: false,
  priority: undefined,
  walkInAbandonment: true,
} as const satisfies CapacityOptions;

const FN = 'prepareCapacity';
const QUANTILES: readonly WalkInQuantile[] = ['expected', 'p10', 'p50', 'p80', 'p90', 'p95'];

/**
 * Prepare a plan's appointment capacity once, then answer booking requests fast: how many appointments remain in
 * a slot, and record bookings and cancellations (see {@link CapacityBook}). `appointmentCapacity` is
 * `prepareCapacity(…).result()`.
 *
 * **What a slot may take.** For each service, slots are decided in time order. Slot t may release the largest
 * number of appointments k such that, with A = k holders coming (k × (1 − noShowRate) with `overbook`; without it
 * the no-shows are the margin) and the walk-ins at `walkInQuantile`:
 * 1. the walk-ins and the appointment holders arriving in slot t each meet the service's target (share called
 *    within `withinSeconds`, mean wait, walk-in abandonment) with the plan's effective servers of the slot;
 * 2. the slot keeps room for max(walk-ins, A × share / (1 − share)) walk-ins (`walkInReserveShare`): condition 1
 *    holds with that many walk-ins;
 * 3. the slot's customers bring no more work (× AHT) than its servers can do in it;
 * 4. every later slot of the session that met its targets before still does with the customers slot t leaves
 *    behind (the later slots with their own walk-ins and bookings, no more appointments yet).
 *
 * **The queue model.** Backlog is carried exactly: the number of customers present is a birth–death process
 * (Poisson arrivals at the slot's rate — holders come spread over their slot —, completions at
 * min(present, servers)/AHT), solved slot by slot by uniformisation from an empty hall at each session start, so a
 * peak's queue is still there in the next slot and a short peak does not build the queue a steady state would
 * (`TransientQueue`). Customers arriving in a slot see its time-averaged distribution. Given what they find, a
 * walk-in waits for everyone ahead plus every appointment holder arriving meanwhile — a sum of M/M/1 busy periods
 * whose distribution is inverted numerically, exact for exponential handling (the stationary case is
 * `twoClassPriorityMetrics`, Davis 1966); an appointment holder waits at most for everyone ahead (Erlang),
 * exact under fcfs and a bound under priority that never binds before the walk-ins' level. Conservative on purpose
 * where the model is not exact: handling more variable than exponential stretches every wait by the
 * Allen–Cunneen factor (1 + cs²)/2, but smoother handling earns no credit (within a slot the queue is the backlog,
 * which regular handling does not shrink: the simulator's walk-ins miss more than the steady-state factor
 * predicts); walk-ins whose patience runs out first count as misses although their leaving would shorten the
 * others' waits; condition 3 keeps a session's first slot from filling on the model's empty hall. A wait that runs
 * past the slot's end is served, for the share of a target-length wait that falls there, at the next slot's
 * servers. Checked against the simulator in test/capacity: exact within its confidence interval for exponential
 * handling, safe (by 0.05–0.1 of service level) for the sample centre's regular handling and impatient walk-ins.
 *
 * Servers are the plan's effective servers per service and slot (the allocator's `expected.servers` where they
 * agree with the assignments; otherwise shared counters split equally between their services).
 *
 * **Bookings.** Scenario appointment rows' `booked` are bookings already made. A slot booked beyond its capacity
 * keeps those bookings; the extra customers are carried into the later slots, whose capacity shrinks
 * accordingly. Fewer bookings than capacity never free capacity in later slots: the slot can still be booked up to
 * its capacity, which every later slot was sized to absorb.
 *
 * Complexity: O(services × slots × log(capacity) × (Λ·T + √(Λ·T)) × queue length) to prepare (Λ the slot's
 * event rate); a query and a booking within capacity are O(1); a booking beyond capacity, or its cancellation,
 * decides the later slots of the session again until they come out as before (bench/capacity.bench.ts).
 *
 * @param scenario a parsed Scenario (`parseScenario(json).scenario`); not modified.
 * @param plan the Plan whose counters serve the demand (e.g. `allocate(scenario)`); not modified.
 * @param options see {@link CapacityOptions}; defaults in {@link defaultCapacityOptions}.
 * @throws QueuecastError INVALID_ARGUMENT for bad options; INVALID_INPUT, with a path starting at `plan` or
 *   `scenario`, for a plan that names unknown services or bad times.
 * @example
 * const book = prepareCapacity(scenario, allocate(scenario));
 * book.remaining('tax', '2026-12-01T09:00:00+08:00'); // => e.g. 14
 * book.book('tax', '2026-12-01T09:00:00+08:00').accepted; // => true
 */
export function prepareCapacity(scenario: Scenario, plan: Plan, options: CapacityOptions = {}): CapacityBook {
  const o = { ...defaultCapacityOptions, ...options };
  check(
    QUANTILES.includes(o.walkInQuantile),
    FN,
    `walkInQuantile must be one of ${QUANTILES.join(', ')}`,
    o.walkInQuantile,
  );
  check(
    Number.isFinite(o.walkInReserveShare) && o.walkInReserveShare >= 0 && o.walkInReserveShare <= 1,
    FN,
    'walkInReserveShare must be in [0, 1]',
    o.walkInReserveShare,
  );
  check(typeof o.overbook === 'boolean', FN, 'overbook must be true or false', o.overbook);
  const priority = o.priority ?? scenario.priority;
  check(
    priority === 'appointments-first' || priority === 'fcfs',
    FN,
    'priority must be appointments-first or fcfs',
    priority,
  );
  check(
    typeof o.walkInAbandonment === 'boolean',
    FN,
    'walkInAbandonment must be true or false',
    o.walkInAbandonment,
  );
  check(
    scenario !== null && typeof scenario === 'object' && Array.isArray(scenario.services),
    FN,
    'scenario must be a parsed Scenario',
    scenario,
  );
  check(
    plan !== null && typeof plan === 'object' && Array.isArray(plan.assignments),
    FN,
    'plan must be a Plan with assignments',
    plan,
  );

  const warnings: string[] = [];
  const tz = scenario.centre.timezone;
  const slotMinutes = scenario.centre.slotMinutes;
  const S = scenario.services.length;
  const serviceIndex = new Map(scenario.services.map((s, i) => [s.id, i]));
  const builder = new GridBuilder(tz, slotMinutes);
  scenario.demand.forEach((d, i) => {
    if (Number.isNaN(builder.add(d.slotStart))) {
      invalidInput(
        FN,
        ['scenario', 'demand', i, 'slotStart'],
        `must be an ISO 8601 date-time, got ${JSON.stringify(d.slotStart)}`,
      );
    }
  });
  plan.assignments.forEach((a, i) => {
    if (typeof a.slotStart !== 'string' || Number.isNaN(builder.add(a.slotStart))) {
      invalidInput(
        FN,
        ['plan', 'assignments', i, 'slotStart'],
        `must be an ISO 8601 date-time, got ${JSON.stringify(a.slotStart)}`,
      );
    }
  });
  if (scenario.centre.openingHours !== undefined) builder.addOpeningHours(scenario.centre.openingHours);
  const grid = builder.build();
  const T = grid.epochs.length;
  const slotMajor = planServers(FN, scenario, plan, grid, builder, serviceIndex, warnings);

  // Service-major arrays (s × T + t): a service's slots are contiguous.
  const servers = new Float64Array(S * T);
  for (let t = 0; t < T; t++) for (let s = 0; s < S; s++) servers[s * T + t] = slotMajor[t * S + s];
  const walkPlanned = new Float64Array(S * T);
  const walkExpected = new Float64Array(S * T);
  const forecastShows = new Float64Array(S * T);
  const booked = new Float64Array(S * T);
  const missing = new Map<string, number>();
  scenario.demand.forEach((d) => {
    const s = serviceIndex.get(d.service)!;
    const t = slotIndex(grid, builder.add(d.slotStart));
    const i = s * T + t;
    if (d.channel === 'appointment') {
      forecastShows[i] += d.expected;
      booked[i] += d.booked ?? 0;
      return;
    }
    walkExpected[i] += d.expected;
    const q = o.walkInQuantile === 'expected' ? d.expected : d[o.walkInQuantile];
    if (q === undefined) missing.set(d.service, (missing.get(d.service) ?? 0) + 1);
    walkPlanned[i] += q ?? d.expected;
  });
  for (const [service, n] of missing) {
    warnings.push(
      `service ${service}: ${o.walkInQuantile} missing on ${n} walk-in row(s); sized at expected there`,
    );
  }

  const models: ServiceModel[] = scenario.services.map((svc) => {
    const t = svc.target;
    const showRate = 1 - svc.noShowRate;
    if (o.overbook && showRate <= 0) {
      warnings.push(
        `service ${svc.id}: noShowRate 1 leaves nothing to overbook by; released at shows capacity`,
      );
    }
    return {
      ahtSeconds: svc.ahtSeconds,
      variability: Math.max(1, (1 + svc.serviceCv * svc.serviceCv) / 2),
      showRate,
      patienceSeconds: o.walkInAbandonment
        ? (svc.patienceSeconds ?? Number.POSITIVE_INFINITY)
        : Number.POSITIVE_INFINITY,
      fraction: t.fraction ?? Number.NaN,
      withinSeconds: t.withinSeconds ?? 0,
      meanWaitSeconds: t.meanWaitSeconds ?? Number.NaN,
      maxAbandonShare: o.walkInAbandonment ? (t.maxAbandonShare ?? Number.NaN) : Number.NaN,
    };
  });

  return new CapacityBook({
    grid,
    serviceIds: scenario.services.map((s) => s.id),
    serviceIndex,
    models,
    servers,
    walkPlanned,
    walkExpected,
    forecastShows,
    booked,
    reserveShare: o.walkInReserveShare,
    overbook: o.overbook,
    walkInQuantile: o.walkInQuantile,
    appointmentsFirst: priority === 'appointments-first',
    warnings,
  });
}
