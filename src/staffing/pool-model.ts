/**
 * The stationary model of one queue (a service, or a pool of services sharing counters) in one slot, and the
 * search for its fewest servers (internal to src/staffing).
 */
import { erlangAMetrics } from '../queueing/erlang-a.js';
import { logErlangB } from '../queueing/erlang-b.js';
import {
  extendInverseErlangBTable,
  inverseErlangBTable,
  marginCrossing,
  marginMet,
  searchFewestServers,
} from '../queueing/fewest-servers.js';
import type { QueueModel, ServiceTarget } from '../queueing/types.js';
import type { StaffingService } from './types.js';

/** A member service of a queue, with its target as scalars (NaN = no such bound). */
export interface PoolMember {
  readonly ahtSeconds: number;
  readonly serviceCv: number;
  readonly patienceSeconds: number;
  readonly fraction: number;
  readonly withinSeconds: number;
  readonly meanWaitSeconds: number;
  readonly maxAbandonShare: number;
}

/** Settings shared by every queue of a staffing run. */
export interface PoolSettings {
  readonly appointmentsFirst: boolean;
  readonly appointmentArrivalScv: number;
  readonly abandonment: boolean;
  readonly maxOccupancy: number;
  readonly maxServers: number;
}

/** Requirement of one queue in one slot. */
export interface PoolSlotResult {
  readonly servers: number;
  readonly serversInteger: number;
  readonly offeredLoadErlangs: number;
  readonly serviceLevel: number;
  readonly meanWaitSeconds: number;
  readonly model: QueueModel | 'priority';
  readonly reachable: boolean;
}

const out = new Float64Array(1);

/** Default target of a service without one: 80 % within 900 s (the Scenario default). */
export const DEFAULT_TARGET: ServiceTarget = { fraction: 0.8, withinSeconds: 900 };

/** A service as a pool member: its handling time, patience and target as scalars (inputs validated by the caller). */
export function poolMember(s: StaffingService): PoolMember {
  const target = s.target ?? DEFAULT_TARGET;
  const hasFraction = target.fraction !== undefined;
  return {
    ahtSeconds: s.ahtSeconds,
    serviceCv: s.serviceCv ?? 1,
    patienceSeconds: s.patienceSeconds ?? Number.POSITIVE_INFINITY,
    fraction: hasFraction ? (target.fraction as number) : Number.NaN,
    withinSeconds: hasFraction ? (target.withinSeconds as number) : 0,
    meanWaitSeconds: target.meanWaitSeconds ?? Number.NaN,
    maxAbandonShare: target.maxAbandonShare ?? Number.NaN,
  };
}

/** One queue in one slot, pooled: rates per hour, mixture handling time and variability, load, and its model. */
interface PooledQueue {
  readonly lam: number;
  readonly lamApp: number;
  readonly aht: number;
  /** (ca² + cs²) / 2. */
  readonly variability: number;
  /** Offered load, Erlangs. */
  readonly a: number;
  /** Mean patience of the pooled walk-ins, seconds; Infinity without abandonment. */
  readonly patience: number;
  /** The two-class priority model applies (appointments first, both channels, no abandonment). */
  readonly priority: boolean;
}

/**
 * Pool the members' arrivals: handling time is the arrival-weighted mixture (mean, and CV from the mixture's second
 * moment), arrival variability the rate-weighted ca² (walk-ins 1, appointments `appointmentArrivalScv`).
 */
function pooledQueue(
  members: readonly PoolMember[],
  appointmentsPerHour: Float64Array,
  walkInsPerHour: Float64Array,
  settings: PoolSettings,
): PooledQueue {
  let lam = 0;
  let lamApp = 0;
  let ahtSum = 0;
  let secondMoment = 0;
  let theta = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const r = appointmentsPerHour[i] + walkInsPerHour[i];
    lam += r;
    lamApp += appointmentsPerHour[i];
    ahtSum += r * m.ahtSeconds;
    secondMoment += r * m.ahtSeconds * m.ahtSeconds * (1 + m.serviceCv * m.serviceCv);
    if (m.patienceSeconds !== Number.POSITIVE_INFINITY) theta += walkInsPerHour[i] / m.patienceSeconds;
  }
  if (lam === 0) {
    return { lam, lamApp, aht: 0, variability: 1, a: 0, patience: Number.POSITIVE_INFINITY, priority: false };
  }
  const lamWalk = lam - lamApp;
  const aht = ahtSum / lam;
  const cs2 = Math.max(0, secondMoment / (lam * aht * aht) - 1);
  const ca2 = (lamWalk + lamApp * settings.appointmentArrivalScv) / lam;
  const abandoning = settings.abandonment && theta > 0;
  return {
    lam,
    lamApp,
    aht,
    variability: (ca2 + cs2) / 2,
    a: (lam * aht) / 3600,
    patience: abandoning ? lam / theta : Number.POSITIVE_INFINITY,
    priority: settings.appointmentsFirst && lamApp > 0 && lamWalk > 0 && !abandoning,
  };
}

/**
 * Fewest servers for one queue in one slot. Member arrival rates are per hour, by channel.
 *
 * The queue pools its members' arrivals: handling time is the arrival-weighted mixture (mean, and CV from the
 * mixture's second moment), arrival variability the rate-weighted ca² (walk-ins 1, appointments
 * `appointmentArrivalScv`). With appointments first and both channels present the two-class priority model is used;
 * with `abandonment` and finite walk-in patience, Erlang A with the pooled abandonment rate; otherwise Allen–Cunneen
 * (Erlang C when the variability factor is 1). Every member's own target must hold.
 */
export function solvePoolSlot(
  members: readonly PoolMember[],
  appointmentsPerHour: Float64Array,
  walkInsPerHour: Float64Array,
  settings: PoolSettings,
): PoolSlotResult {
  const q = pooledQueue(members, appointmentsPerHour, walkInsPerHour, settings);
  const { lam, aht, variability, a, patience } = q;
  if (lam === 0) {
    return {
      servers: 0,
      serversInteger: 0,
      offeredLoadErlangs: 0,
      serviceLevel: 1,
      meanWaitSeconds: 0,
      model: 'erlang-c',
      reachable: true,
    };
  }
  if (q.priority) return solvePriority(members, appointmentsPerHour, walkInsPerHour, q, settings);
  let n = 0;
  let fractional = 0;
  let reachable = true;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    if (i > 0 && sameTarget(m, members[i - 1])) continue;
    const ni = searchFewestServers(
      lam,
      aht,
      patience,
      variability,
      m.fraction,
      m.withinSeconds,
      m.meanWaitSeconds,
      patience === Number.POSITIVE_INFINITY ? Number.NaN : m.maxAbandonShare,
      settings.maxOccupancy,
      settings.maxServers,
      out,
    );
    if (!Number.isFinite(ni)) {
      reachable = false;
      n = settings.maxServers;
      fractional = settings.maxServers;
      break;
    }
    if (ni > n) n = ni;
    if (out[0] > fractional) fractional = out[0];
  }
  const model: QueueModel =
    patience !== Number.POSITIVE_INFINITY ? 'erlang-a' : variability === 1 ? 'erlang-c' : 'allen-cunneen';
  ensureLevels(members.length);
  const meanWaitSeconds = stationaryPerformance(members, q, n, levels);
  let serviceLevel = 1;
  for (let i = 0; i < members.length; i++) serviceLevel = Math.min(serviceLevel, levels[i]);
  return {
    servers: fractional,
    serversInteger: n,
    offeredLoadErlangs: a,
    serviceLevel,
    meanWaitSeconds,
    model,
    reachable,
  };
}

/** Per-member service levels, reused across calls (see {@link ensureLevels}). */
let levels = new Float64Array(8);
let levelsAbove = new Float64Array(8);

/** Make the per-member buffers hold `count` members. */
function ensureLevels(count: number): void {
  if (levels.length >= count) return;
  levels = new Float64Array(2 * count);
  levelsAbove = new Float64Array(2 * count);
}

/**
 * Service level (the lowest over member services, each at its own `withinSeconds`) and mean wait of one queue in
 * one slot with `servers` effective servers, by the model {@link solvePoolSlot} staffs with. Between whole counts
 * each member's service level and the mean wait are interpolated linearly, as the fractional requirement is
 * (`marginCrossing`), so that servers at or above a requirement meet its target.
 */
export function poolPerformance(
  members: readonly PoolMember[],
  appointmentsPerHour: Float64Array,
  walkInsPerHour: Float64Array,
  settings: PoolSettings,
  servers: number,
): { serviceLevel: number; meanWaitSeconds: number } {
  const q = pooledQueue(members, appointmentsPerHour, walkInsPerHour, settings);
  if (q.lam === 0) return { serviceLevel: 1, meanWaitSeconds: 0 };
  ensureLevels(members.length);
  const lo = Math.max(0, Math.floor(servers));
  const f = Math.max(0, servers) - lo;
  let wait = performanceAt(members, appointmentsPerHour, walkInsPerHour, q, lo, levels);
  if (f > 0) {
    const above = performanceAt(members, appointmentsPerHour, walkInsPerHour, q, lo + 1, levelsAbove);
    wait = Number.isFinite(wait) ? wait + f * (above - wait) : Number.POSITIVE_INFINITY;
    for (let i = 0; i < members.length; i++) levels[i] += f * (levelsAbove[i] - levels[i]);
  }
  let serviceLevel = 1;
  for (let i = 0; i < members.length; i++) serviceLevel = Math.min(serviceLevel, levels[i]);
  return { serviceLevel: Math.max(0, serviceLevel), meanWaitSeconds: wait };
}

/** Member service levels into `into` and the mean wait at `n` whole servers, by the queue's model. */
function performanceAt(
  members: readonly PoolMember[],
  app: Float64Array,
  walk: Float64Array,
  q: PooledQueue,
  n: number,
  into: Float64Array,
): number {
  return q.priority
    ? priorityPerformance(members, app, walk, q, n, into)
    : stationaryPerformance(members, q, n, into);
}

/**
 * Allen–Cunneen (Erlang C when the variability is 1) or Erlang A at `n` whole servers: each member's service level
 * into `into`, and the mean wait returned (Infinity for an unstable queue without abandonment).
 */
function stationaryPerformance(
  members: readonly PoolMember[],
  q: PooledQueue,
  n: number,
  into: Float64Array,
): number {
  const { lam, aht, variability, a, patience } = q;
  if (patience === Number.POSITIVE_INFINITY) {
    if (n <= a) {
      into.fill(0, 0, members.length);
      return Number.POSITIVE_INFINITY;
    }
    // 1/B by the multiply-add recursion (see fewestServers); Infinity reads as B = 0.
    let inv = 1;
    for (let k = 1; k <= n; k++) inv = 1 + (k / a) * inv;
    const b = 1 / inv;
    const c = (n * b) / (n - a * (1 - b));
    for (let i = 0; i < members.length; i++) {
      const t = !Number.isNaN(members[i].fraction) ? members[i].withinSeconds : 0;
      into[i] = t === 0 ? 1 - c : 1 - c * Math.exp(-((n - a) * t) / (variability * aht));
    }
    return (c * variability * aht) / (n - a);
  }
  if (n === 0) {
    into.fill(0, 0, members.length);
    return patience;
  }
  const logB = logErlangB(a, n);
  let wait = 0;
  for (let i = 0; i < members.length; i++) {
    const t = !Number.isNaN(members[i].fraction) ? members[i].withinSeconds : 0;
    const x = erlangAMetrics(lam, aht, patience, n, t, logB);
    into[i] = x.serviceLevel;
    wait = x.meanWaitSeconds;
  }
  return wait;
}

/** The two-class priority model at `n` whole servers: member service levels into `into`; returns the mean wait. */
function priorityPerformance(
  members: readonly PoolMember[],
  app: Float64Array,
  walk: Float64Array,
  q: PooledQueue,
  n: number,
  into: Float64Array,
): number {
  setBounds(members);
  const ctx = priorityContext(members, app, walk, q, inverseErlangBTable(q.a, n));
  priorityMargins(ctx, n, marginsAt, into);
  return ctx.meanWaitSeconds ?? Number.POSITIVE_INFINITY;
}

/**
 * Two-class non-preemptive priority (appointments first) on the pooled M/G/c queue. Both classes wait with the
 * Erlang C probability C; by Cobham's formula the mean waits are W₁ = v·C·AHT / (c − a₁) and
 * W₂ = v·C·AHT·c / ((c − a₁)(c − a)), and each class's conditional wait is taken as exponential with its mean, so
 * P(W_k > t) = C·exp(−t·C / W_k) — exact for one class, and it conserves total work.
 * Reference: Cobham (1954), "Priority assignment in waiting line problems", Operations Research 2:70.
 */
function solvePriority(
  members: readonly PoolMember[],
  app: Float64Array,
  walk: Float64Array,
  q: PooledQueue,
  settings: PoolSettings,
): PoolSlotResult {
  const { a } = q;
  const count = members.length * 2;
  setBounds(members);
  const ctx = priorityContext(members, app, walk, q, inverseErlangBTable(a, 0));
  const lower = Math.max(Math.floor(a) + 1, Math.ceil((a / settings.maxOccupancy) * (1 - 1e-12)));
  if (lower > settings.maxServers) return unreachable(a, settings.maxServers);
  let n = Math.min(settings.maxServers, Math.max(lower, Math.ceil(a + 0.5 * Math.sqrt(a))));
  ctx.table = inverseErlangBTable(a, n);
  priorityMargins(ctx, n, marginsAt);
  if (allMet(marginsAt, count)) {
    for (;;) {
      priorityMargins(ctx, n - 1, marginsBelow);
      if (n === lower || !allMet(marginsBelow, count)) break;
      n--;
      marginsAt.set(marginsBelow.subarray(0, count));
    }
  } else {
    for (;;) {
      marginsBelow.set(marginsAt.subarray(0, count));
      n++;
      if (n > settings.maxServers) return unreachable(a, settings.maxServers);
      ctx.table = extendInverseErlangBTable(a, n);
      priorityMargins(ctx, n, marginsAt);
      if (allMet(marginsAt, count)) break;
    }
  }
  let fractional = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    if (!Number.isNaN(bounds[i]) && !marginMet(marginsBelow[i], bounds[i])) {
      fractional = Math.max(fractional, marginCrossing(n, marginsBelow[i], marginsAt[i]));
    }
  }
  if (settings.maxOccupancy < 1 && lower === n) fractional = Math.max(fractional, a / settings.maxOccupancy);
  priorityMargins(ctx, n, marginsAt);
  return {
    servers: fractional === Number.NEGATIVE_INFINITY ? n : fractional,
    serversInteger: n,
    offeredLoadErlangs: a,
    serviceLevel: ctx.worstServiceLevel ?? 0,
    meanWaitSeconds: ctx.meanWaitSeconds ?? Number.POSITIVE_INFINITY,
    model: 'priority',
    reachable: true,
  };
}

interface PriorityContext extends PooledQueue {
  readonly members: readonly PoolMember[];
  readonly app: Float64Array;
  readonly walk: Float64Array;
  table: Float64Array;
  worstServiceLevel?: number;
  meanWaitSeconds?: number;
}

/** The context of the two-class model, its fields listed (an object spread here costs more than the model). */
function priorityContext(
  members: readonly PoolMember[],
  app: Float64Array,
  walk: Float64Array,
  q: PooledQueue,
  table: Float64Array,
): PriorityContext {
  return {
    members,
    app,
    walk,
    lam: q.lam,
    lamApp: q.lamApp,
    aht: q.aht,
    variability: q.variability,
    a: q.a,
    patience: q.patience,
    priority: q.priority,
    table,
  };
}

/** Bounds and margins per member: [2i] service level, [2i + 1] mean wait. Reused across calls. */
let bounds = new Float64Array(16);
let marginsAt = new Float64Array(16);
let marginsBelow = new Float64Array(16);

/** Each member's bounds, for the margins of the two-class model: service-level fraction (NaN: none) and mean wait. */
function setBounds(members: readonly PoolMember[]): void {
  const count = members.length * 2;
  if (bounds.length < count) {
    bounds = new Float64Array(2 * count);
    marginsAt = new Float64Array(2 * count);
    marginsBelow = new Float64Array(2 * count);
  }
  for (let i = 0; i < members.length; i++) {
    const f = members[i].fraction;
    bounds[2 * i] = !Number.isNaN(f) && f > 0 ? f : Number.NaN;
    bounds[2 * i + 1] = members[i].meanWaitSeconds;
  }
}

function allMet(margins: Float64Array, count: number): boolean {
  for (let i = 0; i < count; i++) {
    if (!Number.isNaN(bounds[i]) && !marginMet(margins[i], bounds[i])) return false;
  }
  return true;
}

/**
 * Margins of every member at n servers under the two-class model; also the worst service level and mean wait, and
 * each member's service level into `levels` when given.
 */
function priorityMargins(
  ctx: PriorityContext,
  n: number,
  margins: Float64Array,
  levels?: Float64Array,
): void {
  const { members, app, walk, lam, lamApp, aht, variability, a } = ctx;
  if (n <= a) {
    for (let i = 0; i < members.length; i++) {
      margins[2 * i] = -bounds[2 * i];
      margins[2 * i + 1] = Number.NEGATIVE_INFINITY;
      if (levels !== undefined) levels[i] = 0;
    }
    ctx.worstServiceLevel = 0;
    ctx.meanWaitSeconds = Number.POSITIVE_INFINITY;
    return;
  }
  const a1 = (lamApp * aht) / 3600;
  const b = 1 / ctx.table[n];
  const c = (n * b) / (n - a * (1 - b));
  const rate1 = (n - a1) / (variability * aht);
  const rate2 = ((n - a1) * (n - a)) / (variability * aht * n);
  let worst = 1;
  for (let i = 0; i < members.length; i++) {
    const r = app[i] + walk[i];
    const wApp = r > 0 ? app[i] / r : lamApp / lam;
    const t = !Number.isNaN(bounds[2 * i]) ? members[i].withinSeconds : 0;
    const sl1 = t === 0 ? 1 - c : 1 - c * Math.exp(-rate1 * t);
    const sl2 = t === 0 ? 1 - c : 1 - c * Math.exp(-rate2 * t);
    const sl = wApp * sl1 + (1 - wApp) * sl2;
    if (sl < worst) worst = sl;
    if (levels !== undefined) levels[i] = sl;
    margins[2 * i] = sl - bounds[2 * i];
    margins[2 * i + 1] = members[i].meanWaitSeconds - (wApp * c) / rate1 - ((1 - wApp) * c) / rate2;
  }
  ctx.worstServiceLevel = worst;
  ctx.meanWaitSeconds = ((lamApp / lam) * c) / rate1 + ((1 - lamApp / lam) * c) / rate2;
}

function sameTarget(x: PoolMember, y: PoolMember): boolean {
  return (
    Object.is(x.fraction, y.fraction) &&
    x.withinSeconds === y.withinSeconds &&
    Object.is(x.meanWaitSeconds, y.meanWaitSeconds) &&
    Object.is(x.maxAbandonShare, y.maxAbandonShare)
  );
}

function unreachable(a: number, maxServers: number): PoolSlotResult {
  return {
    servers: maxServers,
    serversInteger: maxServers,
    offeredLoadErlangs: a,
    serviceLevel: 0,
    meanWaitSeconds: Number.POSITIVE_INFINITY,
    model: 'priority',
    reachable: false,
  };
}
