import { busyPeriodLst } from './busy-period-lst.js';
import { eulerInversion } from './euler-inversion.js';
import {
  ABANDON_WALK_IN,
  PROB_WAIT,
  SL_APPOINTMENT,
  SL_WALK_IN,
  WAIT_APPOINTMENT,
  WAIT_WALK_IN,
} from './two-class-priority.js';

/** Largest Λ·Δt of one uniformisation interval: e^(−40) is far from underflow. */
const MAX_EVENTS = 40;
/** Poisson mass left out of a uniformisation sum. */
const TAIL = 1e-11;
/** Probability below which the top states of a distribution are dropped. */
const NEGLIGIBLE = 1e-13;

/**
 * Distribution of the number of customers present in a queue with Poisson arrivals and exponential handling
 * (internal): one slot's transient, computed by uniformisation. The number present is a birth–death process
 * (arrivals at rate λ, completions at min(n, c)·μ; fractional c is a fractional share of a server) whichever class
 * the customers belong to, because every customer needs the same handling time.
 * Reference: Grassmann (1977), "Transient solutions in Markovian queueing systems", Computers & Operations
 * Research 4:47; the time average over the interval by the cumulative Poisson weights (Reibman & Trivedi 1988).
 * Complexity: O((Λ·T + √(Λ·T)) × states) per slot, Λ = λ + c·μ.
 */
export class TransientQueue {
  private a = new Float64Array(64);
  private b = new Float64Array(64);
  private acc = new Float64Array(64);
  /** End-of-slot distribution of the last {@link pass} (valid up to {@link endLength}). */
  end = new Float64Array(64);
  endLength = 1;
  /** Time-averaged distribution over the slot of the last {@link pass} (valid up to {@link averageLength}). */
  average = new Float64Array(64);
  averageLength = 1;

  private ensure(n: number): void {
    if (this.a.length >= n) return;
    let size = this.a.length;
    while (size < n) size *= 2;
    const grow = (x: Float64Array) => {
      const y = new Float64Array(size);
      y.set(x);
      return y;
    };
    this.a = grow(this.a);
    this.b = grow(this.b);
    this.acc = grow(this.acc);
    this.end = grow(this.end);
    this.average = grow(this.average);
  }

  /**
   * Run one slot of `seconds` from distribution `start[0 .. startLength)` with arrivals `lambda` per second,
   * `servers` (may be fractional) and completions `mu` per second per server. Fills {@link end} and
   * {@link average}; `start` may be {@link end} itself.
   */
  pass(
    start: Float64Array,
    startLength: number,
    lambda: number,
    servers: number,
    mu: number,
    seconds: number,
  ): void {
    this.ensure(startLength + 2);
    this.a.set(start.subarray(0, startLength));
    let len = startLength;
    let avgLen = startLength;
    const rate = lambda + servers * mu;
    if (rate <= 0 || seconds <= 0) {
      this.average.set(this.a.subarray(0, len));
    } else {
      const intervals = Math.max(1, Math.ceil((rate * seconds) / MAX_EVENTS));
      const lt = (rate * seconds) / intervals;
      const up = lambda / rate;
      const down = mu / rate;
      const share = 1 / intervals;
      let used = len;
      let initialised = len;
      this.average.fill(0, 0, len);
      for (let r = 0; r < intervals; r++) {
        // q_m = start · P^m after m events of the uniformised chain: end = Σ Pois(m)·q_m and the interval's time
        // average = Σ P(Pois > m)/(Λ·dt)·q_m.
        this.acc.fill(0, 0, len);
        let inA = true;
        let pois = Math.exp(-lt);
        let cdf = pois;
        const mMax = Math.ceil(lt + 12 * Math.sqrt(lt) + 30);
        for (let m = 0; ; m++) {
          const q = inA ? this.a : this.b;
          const acc = this.acc;
          const avg = this.average;
          const tail = ((1 - cdf) / lt) * share;
          for (let k = 0; k < len; k++) {
            const x = q[k];
            acc[k] += pois * x;
            avg[k] += tail * x;
          }
          if (1 - cdf < TAIL || m >= mMax) break;
          if (len + 2 > this.a.length) this.ensure(len + 2);
          this.acc[len] = 0;
          if (len >= initialised) this.average[(initialised = len + 1) - 1] = 0;
          len = step(inA ? this.a : this.b, inA ? this.b : this.a, len, up, servers, down);
          if (len > used) used = len;
          inA = !inA;
          pois *= lt / (m + 1);
          cdf += pois;
        }
        if (len > avgLen) avgLen = len;
        while (len > 1 && this.acc[len - 1] < NEGLIGIBLE) len--;
        this.a.set(this.acc.subarray(0, len));
        this.a.fill(0, len, used + 1);
        this.b.fill(0, 0, used + 1);
      }
    }
    this.end.set(this.a.subarray(0, len));
    this.endLength = len;
    while (avgLen > 1 && this.average[avgLen - 1] < NEGLIGIBLE) avgLen--;
    this.averageLength = avgLen;
  }
}

/** One event of the uniformised chain: next = q · P over states [0, len); returns the new length, len + 1. */
function step(
  q: Float64Array,
  next: Float64Array,
  len: number,
  up: number,
  servers: number,
  muOverRate: number,
): number {
  let below = 0;
  let here = q[0];
  for (let k = 0; k <= len; k++) {
    const above = k + 1 < len ? q[k + 1] : 0;
    const down = Math.min(k, servers) * muOverRate;
    const downNext = Math.min(k + 1, servers) * muOverRate;
    next[k] = here * (1 - (k < len ? up : 0) - down) + below * up + above * downNext;
    below = here;
    here = above;
  }
  return len + 1;
}

/** Waiting customers' weights a_j by the number j of completions they wait for (scratch, reused). */
let weights = new Float64Array(64);
let weightCount = 0;
// Low-priority transform parameters (per second of unscaled time).
let tLambda1 = 0;
let tNu = 1;
let tDelta = 0;

/**
 * Weights a_j = Σ_k p_k·w(k) over states k whose arrival waits for j completions: with c servers an arrival finding
 * k present waits with probability w(k) = clamp(k + 1 − c, 0, 1) (all servers busy; fractional c makes the last
 * server part-time), for j(k) = max(1, ⌈k + 1 − c⌉) completions. Returns P(wait) = Σ a_j.
 */
function collectWeights(p: Float64Array, length: number, servers: number): number {
  const count = Math.max(1, Math.ceil(length + 1 - servers));
  if (weights.length < count + 1) weights = new Float64Array(2 * (count + 1));
  weights.fill(0, 0, count + 1);
  let pw = 0;
  weightCount = 0;
  for (let k = 0; k < length; k++) {
    const w = Math.min(1, Math.max(0, k + 1 - servers));
    if (w <= 0 || p[k] <= 0) continue;
    const j = Math.max(1, Math.ceil(k + 1 - servers - 1e-9));
    weights[j] += p[k] * w;
    pw += p[k] * w;
    if (j > weightCount) weightCount = j;
  }
  return pw;
}

/** Re and Im of Σ a_j β(z)^j at complex z, β the M/M/1 busy-period LST (arrivals λ₁, service ν). */
const mix = new Float64Array(2);
const beta = new Float64Array(2);
function mixtureLst(zr: number, zi: number): void {
  busyPeriodLst(tLambda1, tNu, zr, zi, beta);
  const br = beta[0];
  const bi = beta[1];
  // Horner: Σ a_j β^j = β(a_1 + β(a_2 + …)).
  let sr = 0;
  let si = 0;
  for (let j = weightCount; j >= 1; j--) {
    const nr = (sr + weights[j]) * br - si * bi;
    si = (sr + weights[j]) * bi + si * br;
    sr = nr;
  }
  mix[0] = sr;
  mix[1] = si;
}

function discountedTransform(sr: number, si: number): number {
  mixtureLst(sr + tDelta, si);
  return (mix[0] * sr + mix[1] * si) / (sr * sr + si * si);
}

/**
 * Waits of the customers arriving during a slot, from the slot's time-averaged distribution of customers present
 * (arrivals see time averages) — the transient counterpart of {@link twoClassPriorityMetrics}. Writes the six
 * outputs of `twoClassCore` (probability of waiting, then service level and mean wait per class, walk-in
 * abandonment). With priority, a waiting walk-in waits for the j customers ahead and every appointment holder
 * arriving meanwhile: a sum of j M/M/1 busy periods (arrivals λ₁, service ν), inverted numerically; an appointment
 * holder's conditional wait is exponential with rate ν − λ₁. Under fcfs a waiting customer waits for j completions
 * at rate ν (Erlang, closed form). Waits are stretched by the Allen–Cunneen factor `variability`; walk-ins with
 * finite patience who would wait longer count as misses and abandoners (virtual wait).
 *
 * @param nu completion rate while all servers are busy, per second.
 * @param lambda1 appointment holders' arrival rate, per second.
 */
export function transientWaits(
  average: Float64Array,
  length: number,
  servers: number,
  nu: number,
  lambda1: number,
  withinSeconds: number,
  variability: number,
  patienceSeconds: number,
  appointmentsFirst: boolean,
  walkInLevel: boolean,
  out: Float64Array,
): void {
  const pw = collectWeights(average, length, servers);
  out[PROB_WAIT] = pw;
  const t = withinSeconds / variability;
  const delta = patienceSeconds === Number.POSITIVE_INFINITY ? 0 : variability / patienceSeconds;
  const l1 = appointmentsFirst ? lambda1 : 0;
  if (pw <= 0) {
    out[SL_APPOINTMENT] = 1;
    out[WAIT_APPOINTMENT] = 0;
    out[SL_WALK_IN] = 1;
    out[WAIT_WALK_IN] = 0;
    out[ABANDON_WALK_IN] = 0;
    return;
  }
  if (!(nu > 0)) {
    out[SL_APPOINTMENT] = 1 - pw;
    out[WAIT_APPOINTMENT] = Number.POSITIVE_INFINITY;
    out[SL_WALK_IN] = 1 - pw;
    out[WAIT_WALK_IN] = Number.POSITIVE_INFINITY;
    out[ABANDON_WALK_IN] = delta > 0 ? pw : 0;
    return;
  }
  let meanAhead = 0;
  for (let j = 1; j <= weightCount; j++) meanAhead += j * weights[j];
  // Appointment holders: nobody overtakes them, so they wait at most for the j customers ahead — Erlang(j, ν),
  // P(E_j ≤ t) = P(Poisson(νt) ≥ j). Exact under fcfs, or with holders only; with priority a bound that stays
  // above the walk-ins' level, so it binds only where holders are alone.
  out[SL_APPOINTMENT] = 1 - pw + erlangMixtureCdf(nu, t, 1);
  out[WAIT_APPOINTMENT] = (meanAhead / nu) * variability;
  if (l1 === 0) {
    // No overtaking: Erlang waits; with patience E[e^(−δE); E ≤ t] = (ν/(ν+δ))^j · P(Erlang(j, ν+δ) ≤ t).
    const ratio = nu / (nu + delta);
    out[SL_WALK_IN] = walkInLevel ? 1 - pw + erlangMixtureCdf(nu + delta, t, ratio) : Number.NaN;
    let kept = 0;
    let r = 1;
    for (let j = 1; j <= weightCount; j++) {
      r *= ratio;
      kept += weights[j] * r;
    }
    out[ABANDON_WALK_IN] = delta > 0 ? pw - kept : 0;
    out[WAIT_WALK_IN] = delta > 0 ? patienceSeconds * (pw - kept) : (meanAhead / nu) * variability;
    return;
  }
  tLambda1 = l1;
  tNu = nu;
  tDelta = delta;
  if (delta > 0) {
    mixtureLst(delta, 0);
    out[ABANDON_WALK_IN] = pw - mix[0];
    out[WAIT_WALK_IN] = patienceSeconds * (pw - mix[0]);
  } else {
    out[ABANDON_WALK_IN] = 0;
    out[WAIT_WALK_IN] = nu > l1 ? (meanAhead / (nu - l1)) * variability : Number.POSITIVE_INFINITY;
  }
  if (!walkInLevel) {
    out[SL_WALK_IN] = Number.NaN;
    return;
  }
  const h = t === 0 ? 0 : Math.min(pw, Math.max(0, eulerInversion(t, discountedTransform)));
  out[SL_WALK_IN] = 1 - pw + h;
}

/** Σ_j a_j · ratio^j · P(Poisson(rate·t) ≥ j): the weights' Erlang mixture, discounted, called within t. */
function erlangMixtureCdf(rate: number, t: number, ratio: number): number {
  const x = rate * t;
  // P(Poisson(x) ≥ j) = 1 − Σ_{i<j} e^(−x) x^i / i!, accumulated in j.
  let term = Math.exp(-x);
  let below = 0;
  let r = 1;
  let sum = 0;
  for (let j = 1; j <= weightCount; j++) {
    below += term;
    term *= x / j;
    r *= ratio;
    if (weights[j] > 0) sum += weights[j] * r * Math.max(0, 1 - below);
  }
  return sum;
}
