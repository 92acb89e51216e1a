import { check } from '../errors.js';
import { gammaQ, logPoissonTerm } from '../queueing/special-functions.js';

/**
 * H(x) = ∫₀ˣ∫₀ʸ P(S > z) dz dy for a gamma handling time with mean `ahtSeconds` and CV `serviceCv` (deterministic
 * at CV 0, exponential at CV 1). With shape k = 1/cv² and rate β = k/AHT:
 * H(x) = x²/2 · Q(k, βx) + (k/β) · x · P(k+1, βx) − k(k+1)/(2β²) · P(k+2, βx).
 */
function doubleSurvivalIntegral(x: number, ahtSeconds: number, serviceCv: number): number {
  if (x <= 0) return 0;
  if (serviceCv === 0) return x <= ahtSeconds ? (x * x) / 2 : ahtSeconds * x - (ahtSeconds * ahtSeconds) / 2;
  if (serviceCv === 1) return ahtSeconds * x + ahtSeconds * ahtSeconds * Math.expm1(-x / ahtSeconds);
  const k = 1 / (serviceCv * serviceCv);
  const rate = k / ahtSeconds;
  const y = rate * x;
  // One incomplete gamma; P(k+1, y) and P(k+2, y) follow by P(s+1, y) = P(s, y) − y^s e^(−y) / Γ(s+1).
  const logY = Math.log(y);
  const q = gammaQ(k, y, logY);
  const term = Math.exp(logPoissonTerm(k, y, logY));
  const p1 = 1 - q - term;
  const p2 = p1 - (term * y) / (k + 1);
  return ((x * x) / 2) * q + (k / rate) * x * p1 - ((k * (k + 1)) / (2 * rate * rate)) * p2;
}

/**
 * Weights D_k / T² of the slot-averaged infinite-server load: the mean load in slot i is Σ_k N(i − k) · w_k, for N
 * arrivals per slot. Truncated once the tail is below 1e-9 of the total (the weights sum to AHT / T).
 */
export function offeredLoadWeights(slotSeconds: number, ahtSeconds: number, serviceCv: number): Float64Array {
  const T = slotSeconds;
  const total = ahtSeconds / T;
  const out: number[] = [];
  let sum = 0;
  let hBefore = 0;
  let hAt = 0;
  let hAfter = doubleSurvivalIntegral(T, ahtSeconds, serviceCv);
  for (let k = 0; k < 100_000; k++) {
    // D_k = H((k+1)T) − 2H(kT) + H((k−1)T), with H = 0 at and below 0.
    const w = Math.max(0, (hAfter - 2 * hAt + hBefore) / (T * T));
    out.push(w);
    sum += w;
    if (total - sum < 1e-9 * total || (k > 0 && w === 0)) break;
    hBefore = hAt;
    hAt = hAfter;
    hAfter = doubleSurvivalIntegral((k + 2) * T, ahtSeconds, serviceCv);
  }
  return Float64Array.from(out);
}

/**
 * Modified offered load (MOL): the mean number of customers that would be in service in each slot if every customer
 * were served on arrival — the infinite-server load m(t) = E[number of arrivals in (t − S, t]], averaged over the
 * slot. Unlike the slot's own load λ·AHT it carries work across slot boundaries: after a peak it stays high while
 * the customers of the peak are still being served, and at opening it starts from an empty hall.
 *
 * Exact for piecewise-constant arrival rates and gamma handling times (deterministic at CV 0, exponential at CV 1):
 * the slot average is Σ_j N_j · D_(i−j) / T², where D is the second difference, at multiples of the slot length T,
 * of H(x) = ∫₀ˣ∫₀ʸ P(S > z) dz dy (closed form with incomplete gamma functions).
 * Reference: Jennings, Mandelbaum, Massey & Whitt (1996), "Server staffing to meet time-varying demand", Management
 * Science 42:1383; Green, Kolesar & Whitt (2007), "Coping with time-varying demand when setting staffing
 * requirements for a service system", Production and Operations Management 16:13.
 * Complexity: O(slots × K), K = slots spanned by a handling time (a few).
 *
 * @param arrivalsPerSlot expected arrivals in each slot of one opening session (consecutive slots, the hall empty
 *   before the first).
 * @param slotSeconds slot length, seconds.
 * @param ahtSeconds mean handling time, seconds.
 * @param serviceCv handling-time coefficient of variation (default 1, exponential).
 * @returns mean offered load per slot, Erlangs.
 * @throws QueuecastError INVALID_ARGUMENT for invalid input.
 * @example
 * // 60 arrivals per 30-min slot (a = 10 Erlangs at AHT 300 s), from opening
 * modifiedOfferedLoad([60, 60, 60], 1800, 300); // => [8.34, 10.00, 10.00] (rounded)
 */
export function modifiedOfferedLoad(
  arrivalsPerSlot: ArrayLike<number>,
  slotSeconds: number,
  ahtSeconds: number,
  serviceCv = 1,
): Float64Array {
  check(
    Number.isFinite(slotSeconds) && slotSeconds > 0,
    'modifiedOfferedLoad',
    'slotSeconds must be > 0',
    slotSeconds,
  );
  check(
    Number.isFinite(ahtSeconds) && ahtSeconds > 0,
    'modifiedOfferedLoad',
    'ahtSeconds must be > 0',
    ahtSeconds,
  );
  check(
    Number.isFinite(serviceCv) && serviceCv >= 0,
    'modifiedOfferedLoad',
    'serviceCv must be ≥ 0',
    serviceCv,
  );
  for (let i = 0; i < arrivalsPerSlot.length; i++) {
    const n = arrivalsPerSlot[i];
    check(Number.isFinite(n) && n >= 0, 'modifiedOfferedLoad', `arrivalsPerSlot[${i}] must be ≥ 0`, n);
  }
  return convolveOfferedLoad(
    arrivalsPerSlot,
    0,
    arrivalsPerSlot.length,
    offeredLoadWeights(slotSeconds, ahtSeconds, serviceCv),
  );
}

/**
 * MOL of `arrivals[from..to)` (internal; no checks), written to `out[outFrom…]` times `scale`, or to a new array.
 */
export function convolveOfferedLoad(
  arrivals: ArrayLike<number>,
  from: number,
  to: number,
  weights: Float64Array,
  out: Float64Array = new Float64Array(to - from),
  outFrom = 0,
  scale = 1,
): Float64Array {
  for (let i = from; i < to; i++) {
    let m = 0;
    const kMax = Math.min(weights.length - 1, i - from);
    for (let k = 0; k <= kMax; k++) m += arrivals[i - k] * weights[k];
    out[outFrom + i - from] = m * scale;
  }
  return out;
}
