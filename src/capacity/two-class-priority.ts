import { check } from '../errors.js';
import { erlangC } from '../queueing/index.js';
import { busyPeriodLst } from './busy-period-lst.js';
import { eulerInversion } from './euler-inversion.js';

/** One queue fed by two classes: appointment holders (high priority) and walk-ins (low priority). */
export interface TwoClassQueue {
  /** Appointment holders arriving, per hour (≥ 0). */
  readonly appointmentsPerHour: number;
  /** Walk-ins arriving, per hour (≥ 0). */
  readonly walkInsPerHour: number;
  /** Average handling time, the same for both classes, seconds (> 0). */
  readonly ahtSeconds: number;
  /** Coefficient of variation of handling time. Default 1 (exponential). */
  readonly serviceCv?: number;
  /** Coefficient of variation of appointment inter-arrival times. Default 1 (Poisson). Walk-ins are Poisson. */
  readonly appointmentArrivalCv?: number;
  /**
   * Mean walk-in patience (exponential), seconds. Default `Infinity`. A walk-in whose patience runs out before
   * they are called leaves and counts as a miss; appointment holders always wait.
   */
  readonly walkInPatienceSeconds?: number;
}

/** Options of {@link twoClassPriorityMetrics}. */
export interface TwoClassOptions {
  /** `'appointments-first'` (default: non-preemptive priority) or `'fcfs'` (one queue in arrival order). */
  readonly priority?: 'appointments-first' | 'fcfs';
}

/**
 * Defaults of {@link TwoClassOptions}.
 *
 * @example
 * defaultTwoClassOptions.priority; // => 'appointments-first'
 */
export const defaultTwoClassOptions = { priority: 'appointments-first' } as const satisfies TwoClassOptions;

/** What one class of customers experiences. */
export interface ClassMetrics {
  /** Share of the class's arrivals called within `withinSeconds`, 0–1 (abandoners are misses). */
  readonly serviceLevel: number;
  /** Mean time in queue of the class (walk-ins who abandon: until they leave), seconds; `Infinity` when unstable. */
  readonly meanWaitSeconds: number;
  /** Share of the class's arrivals who abandon, 0–1 (0 for appointment holders). */
  readonly abandonShare: number;
}

/** Steady-state performance of the two-class queue for a number of servers. */
export interface TwoClassMetrics {
  readonly servers: number;
  /** Total offered load, Erlangs. */
  readonly offeredLoadErlangs: number;
  /** Probability that an arrival finds every server busy (Erlang C), 0–1. */
  readonly probWait: number;
  readonly appointment: ClassMetrics;
  readonly walkIn: ClassMetrics;
  /** False when the total load reaches the servers (walk-ins would queue without bound). */
  readonly stable: boolean;
}

/** Scratch slots of {@link twoClassCore}'s output. */
export const PROB_WAIT = 0;
export const SL_APPOINTMENT = 1;
export const WAIT_APPOINTMENT = 2;
export const SL_WALK_IN = 3;
export const WAIT_WALK_IN = 4;
export const ABANDON_WALK_IN = 5;

// Parameters of the low-priority transform, in units where the mean handling time is 1 (set before inversion).
let tLambda1 = 0;
let tNu = 1;
let tRho = 0;
let tDelta = 0;

/**
 * LST of the low-priority conditional wait at z (complex): φ(z) = (1 − ρ)·β(z) / (1 − ρ·β(z)), with β the LST of
 * an M/M/1 busy period with arrival rate λ₁ and service rate ν = c: β(z) = 2ν / (x + √(x² − 4λ₁ν)), x = λ₁ + ν + z,
 * the root with |β| < 1. Writes Re and Im into `phi`.
 */
const phi = new Float64Array(2);
const beta = new Float64Array(2);
function lowPriorityLst(zr: number, zi: number): void {
  busyPeriodLst(tLambda1, tNu, zr, zi, beta);
  const br = beta[0];
  const bi = beta[1];
  const ur = 1 - tRho * br;
  const ui = -tRho * bi;
  const uden = ur * ur + ui * ui;
  phi[0] = ((1 - tRho) * (br * ur + bi * ui)) / uden;
  phi[1] = ((1 - tRho) * (bi * ur - br * ui)) / uden;
}

/** Re of φ(s + δ) / s: the transform of E[e^(−δV); V ≤ t] for the low-priority conditional wait V. */
function discountedCdfTransform(sr: number, si: number): number {
  lowPriorityLst(sr + tDelta, si);
  return (phi[0] * sr + phi[1] * si) / (sr * sr + si * si);
}

/**
 * The two-class model for an integer number of servers (internal; no checks). Loads in Erlangs; `variability` is
 * the Allen–Cunneen factor (ca² + cs²)/2 that stretches every wait. Writes into `out` at the indices above.
 * `walkInLevel: false` skips the (numerically inverted) walk-in service level and leaves NaN there.
 */
export function twoClassCore(
  servers: number,
  appointmentErlangs: number,
  walkInErlangs: number,
  variability: number,
  ahtSeconds: number,
  withinSeconds: number,
  patienceSeconds: number,
  appointmentsFirst: boolean,
  walkInLevel: boolean,
  out: Float64Array,
): void {
  const a = appointmentErlangs + walkInErlangs;
  const unit = variability * ahtSeconds;
  if (a === 0) {
    out[PROB_WAIT] = 0;
    out[SL_APPOINTMENT] = 1;
    out[WAIT_APPOINTMENT] = 0;
    out[SL_WALK_IN] = 1;
    out[WAIT_WALK_IN] = 0;
    out[ABANDON_WALK_IN] = 0;
    return;
  }
  const n = servers;
  const a1 = appointmentsFirst ? appointmentErlangs : a;
  if (n <= a1) {
    out[PROB_WAIT] = 1;
    out[SL_APPOINTMENT] = 0;
    out[WAIT_APPOINTMENT] = Number.POSITIVE_INFINITY;
    out[SL_WALK_IN] = 0;
    out[WAIT_WALK_IN] = Number.POSITIVE_INFINITY;
    out[ABANDON_WALK_IN] = patienceSeconds === Number.POSITIVE_INFINITY ? 0 : 1;
    return;
  }
  const c = n <= a ? 1 : erlangC(a, n);
  out[PROB_WAIT] = c;
  // High class (or everyone under fcfs): the conditional wait is exponential with rate c − a₁ (in units of v·AHT).
  const r1 = n - a1;
  const t = withinSeconds / unit;
  out[SL_APPOINTMENT] = 1 - c * Math.exp(-r1 * t);
  out[WAIT_APPOINTMENT] = (c / r1) * unit;
  if (n <= a) {
    out[SL_WALK_IN] = 0;
    out[WAIT_WALK_IN] = Number.POSITIVE_INFINITY;
    out[ABANDON_WALK_IN] = patienceSeconds === Number.POSITIVE_INFINITY ? 0 : 1;
    return;
  }
  const delta = patienceSeconds === Number.POSITIVE_INFINITY ? 0 : unit / patienceSeconds;
  if (!appointmentsFirst || appointmentErlangs === 0) {
    // Exponential conditional wait V with rate r = c − a: E[e^(−δV); V ≤ t] = r/(r+δ)·(1 − e^(−(r+δ)t)).
    const r = n - a;
    const lst = r / (r + delta);
    out[SL_WALK_IN] = 1 - c + c * lst * -Math.expm1(-(r + delta) * t);
    out[ABANDON_WALK_IN] = c * (1 - lst);
    out[WAIT_WALK_IN] = delta === 0 ? (c / r) * unit : c * patienceSeconds * (1 - lst);
    return;
  }
  tLambda1 = appointmentErlangs;
  tNu = n;
  tRho = a / n;
  tDelta = delta;
  if (delta === 0) {
    out[ABANDON_WALK_IN] = 0;
    // Cobham: W₂ = C·c / ((c − a₁)(c − a)) in units of v·AHT.
    out[WAIT_WALK_IN] = ((c * n) / ((n - appointmentErlangs) * (n - a))) * unit;
  } else {
    lowPriorityLst(delta, 0);
    out[ABANDON_WALK_IN] = c * (1 - phi[0]);
    out[WAIT_WALK_IN] = c * patienceSeconds * (1 - phi[0]);
  }
  if (!walkInLevel) {
    out[SL_WALK_IN] = Number.NaN;
    return;
  }
  const h = t === 0 ? 0 : Math.min(1, Math.max(0, eulerInversion(t, discountedCdfTransform)));
  out[SL_WALK_IN] = 1 - c + c * h;
}

const lo = new Float64Array(6);
const hi = new Float64Array(6);

/** {@link twoClassCore} for fractional servers: every metric interpolated linearly between ⌊n⌋ and ⌊n⌋ + 1. */
export function twoClassCoreFractional(
  servers: number,
  appointmentErlangs: number,
  walkInErlangs: number,
  variability: number,
  ahtSeconds: number,
  withinSeconds: number,
  patienceSeconds: number,
  appointmentsFirst: boolean,
  walkInLevel: boolean,
  out: Float64Array,
): void {
  const f = Math.floor(servers);
  const w = servers - f;
  if (w < 1e-9 || 1 - w < 1e-9) {
    twoClassCore(
      Math.round(servers),
      appointmentErlangs,
      walkInErlangs,
      variability,
      ahtSeconds,
      withinSeconds,
      patienceSeconds,
      appointmentsFirst,
      walkInLevel,
      out,
    );
    return;
  }
  twoClassCore(
    f,
    appointmentErlangs,
    walkInErlangs,
    variability,
    ahtSeconds,
    withinSeconds,
    patienceSeconds,
    appointmentsFirst,
    walkInLevel,
    lo,
  );
  twoClassCore(
    f + 1,
    appointmentErlangs,
    walkInErlangs,
    variability,
    ahtSeconds,
    withinSeconds,
    patienceSeconds,
    appointmentsFirst,
    walkInLevel,
    hi,
  );
  for (let i = 0; i < 6; i++) {
    const x = lo[i];
    const y = hi[i];
    out[i] =
      x === y
        ? x
        : x === Number.POSITIVE_INFINITY || y === Number.POSITIVE_INFINITY
          ? Number.POSITIVE_INFINITY
          : x + (y - x) * w;
  }
}

/**
 * Waits of appointment holders and walk-ins in a multi-server queue where a free counter calls a waiting
 * appointment holder first (non-preemptive priority, the `appointments-first` rule of DESIGN.md), or everyone in
 * arrival order (`fcfs`).
 *
 * The model is M/M/c with two Poisson classes and one handling-time distribution (Davis 1966): both classes wait
 * with the Erlang C probability C. Appointment holders' conditional wait is exponential with rate (c − a₁)/AHT, so
 * their mean is C·AHT/(c − a₁) (Cobham 1954). A walk-in who waits must see every customer already queued served,
 * plus every appointment holder who arrives meanwhile: their conditional wait is a geometric number (ratio a/c) of
 * M/M/1 busy periods (arrival rate λ₁, service rate c/AHT); its distribution is not exponential (it has a heavier
 * tail, squared CV ρ + (1 − ρ)(1 + ρ₁)/(1 − ρ₁)), so the service level is computed exactly from its Laplace
 * transform by numerical inversion (Abate & Whitt 1995, Euler), and its mean is Cobham's C·c·AHT/((c − a₁)(c − a)).
 * Non-exponential handling and smoother appointment arrivals stretch every wait by the Allen–Cunneen factor
 * v = (ca² + cs²)/2, with ca² the rate-weighted mix of the classes (as `staffingRequirements` does).
 *
 * Walk-ins with finite patience: the service level is P(V ≤ t and patience > V) for the wait V of the queue
 * without abandonment (the "virtual wait"), and the abandon share P(patience < V). Both err towards fewer walk-ins
 * served: those who leave would shorten the others' waits.
 *
 * Fractional servers interpolate every metric linearly between ⌊servers⌋ and ⌈servers⌉, like `queueMetrics`.
 * References: Cobham (1954), Operations Research 2:70; Davis (1966), "Waiting-time distribution of a multi-server,
 * priority queuing system", Operations Research 14:133; Abate & Whitt (1995), ORSA J. Computing 7:36.
 * Complexity: O(servers) for Erlang C plus 27 transform evaluations for the walk-ins' service level.
 *
 * @param queue arrival rates per class, AHT, CVs and walk-in patience.
 * @param servers servers ≥ 0, fractional allowed.
 * @param withinSeconds wait limit of the service level, seconds.
 * @param options priority rule; see {@link defaultTwoClassOptions}.
 * @throws QueuecastError INVALID_ARGUMENT for invalid input.
 * @example
 * // 8 servers, AHT 10 min, 24 appointment holders and 18 walk-ins per hour (a = 7 Erlangs)
 * const m = twoClassPriorityMetrics({ appointmentsPerHour: 24, walkInsPerHour: 18, ahtSeconds: 600 }, 8, 900);
 * m.appointment.serviceLevel; // => 0.9984 (to 4 decimals)
 * m.walkIn.serviceLevel; // => 0.7175 (to 4 decimals)
 */
export function twoClassPriorityMetrics(
  queue: TwoClassQueue,
  servers: number,
  withinSeconds: number,
  options: TwoClassOptions = {},
): TwoClassMetrics {
  const FN = 'twoClassPriorityMetrics';
  const o = { ...defaultTwoClassOptions, ...options };
  check(queue !== null && typeof queue === 'object', FN, 'queue must be an object', queue);
  const { appointmentsPerHour, walkInsPerHour, ahtSeconds } = queue;
  const serviceCv = queue.serviceCv ?? 1;
  const appointmentCv = queue.appointmentArrivalCv ?? 1;
  const patience = queue.walkInPatienceSeconds ?? Number.POSITIVE_INFINITY;
  check(
    Number.isFinite(appointmentsPerHour) && appointmentsPerHour >= 0,
    FN,
    'appointmentsPerHour must be ≥ 0',
    appointmentsPerHour,
  );
  check(
    Number.isFinite(walkInsPerHour) && walkInsPerHour >= 0,
    FN,
    'walkInsPerHour must be ≥ 0',
    walkInsPerHour,
  );
  check(Number.isFinite(ahtSeconds) && ahtSeconds > 0, FN, 'ahtSeconds must be > 0', ahtSeconds);
  check(Number.isFinite(serviceCv) && serviceCv >= 0, FN, 'serviceCv must be ≥ 0', serviceCv);
  check(
    Number.isFinite(appointmentCv) && appointmentCv >= 0,
    FN,
    'appointmentArrivalCv must be ≥ 0',
    appointmentCv,
  );
  check(
    !Number.isNaN(patience) && patience > 0,
    FN,
    'walkInPatienceSeconds must be > 0 (Infinity for none)',
    patience,
  );
  check(Number.isFinite(servers) && servers >= 0, FN, 'servers must be a finite number ≥ 0', servers);
  check(Number.isFinite(withinSeconds) && withinSeconds >= 0, FN, 'withinSeconds must be ≥ 0', withinSeconds);
  check(
    o.priority === 'appointments-first' || o.priority === 'fcfs',
    FN,
    'priority must be appointments-first or fcfs',
    o.priority,
  );
  const a1 = (appointmentsPerHour * ahtSeconds) / 3600;
  const a2 = (walkInsPerHour * ahtSeconds) / 3600;
  const lam = appointmentsPerHour + walkInsPerHour;
  const ca2 = lam === 0 ? 1 : (walkInsPerHour + appointmentsPerHour * appointmentCv * appointmentCv) / lam;
  const variability = (ca2 + serviceCv * serviceCv) / 2;
  const out = new Float64Array(6);
  twoClassCoreFractional(
    servers,
    a1,
    a2,
    variability,
    ahtSeconds,
    withinSeconds,
    patience,
    o.priority === 'appointments-first',
    true,
    out,
  );
  return {
    servers,
    offeredLoadErlangs: a1 + a2,
    probWait: out[PROB_WAIT],
    appointment: {
      serviceLevel: out[SL_APPOINTMENT],
      meanWaitSeconds: out[WAIT_APPOINTMENT],
      abandonShare: 0,
    },
    walkIn: {
      serviceLevel: out[SL_WALK_IN],
      meanWaitSeconds: out[WAIT_WALK_IN],
      abandonShare: out[ABANDON_WALK_IN],
    },
    stable: servers > a1 + a2,
  };
}
