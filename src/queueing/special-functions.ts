/**
 * Special functions the queueing formulas need, in log space so that nothing overflows for thousands of servers
 * or targets of hours. Internal to src/queueing: the public API is the formulas built on them.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0: Lanczos (g = 7, 9 terms) below 16, Stirling's series with {@link stirlingError} above.
 * Relative error about 1e-15.
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  if (x >= 16) return stirlingError(x - 1) + (x - 0.5) * Math.log(x - 1) - (x - 1) + LOG_SQRT_2PI;
  const y = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Stirling's error ln Γ(s + 1) − (s + ½) ln s + s − ½ ln 2π, by its asymptotic series for s ≥ 15
 * (Loader 2000, "Fast and accurate computation of binomial probabilities").
 */
export function stirlingError(s: number): number {
  if (s < 15) return logGamma(s + 1) - (s + 0.5) * Math.log(s) + s - LOG_SQRT_2PI;
  const s2 = s * s;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * s2)) / s2) / s2) / s2) / s;
}

/**
 * Loader's deviance term s ln(s/z) + z − s, computed without cancellation when z is close to s.
 * `logZ` lets a caller pass ln z when z itself underflows.
 */
function devianceTerm(s: number, z: number, logZ: number): number {
  const d = s - z;
  if (Math.abs(d) < 0.1 * (s + z)) {
    let v = d / (s + z);
    let sum = d * v;
    let ej = 2 * s * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = sum + ej / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return s * (Math.log(s) - logZ) + z - s;
}

/**
 * ln(z^s e^(−z) / Γ(s + 1)), the Poisson-like factor in front of the incomplete-gamma series, accurate for large s
 * (Loader's saddle-point form).
 */
export function logPoissonTerm(s: number, z: number, logZ = Math.log(z)): number {
  if (s === 0) return -z;
  if (s < 10) return s * logZ - z - logGamma(s + 1);
  return -devianceTerm(s, z, logZ) - 0.5 * Math.log(2 * Math.PI * s) - stirlingError(s);
}

const MAX_ITERATIONS = 10_000_000;
const TINY = 1e-300;

/** Σ_{k≥0} z^k / ((s+1)(s+2)…(s+k)); converges for every z, meant for z < s + 1. */
export function gammaSeries(s: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < MAX_ITERATIONS; k++) {
    term *= z / (s + k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** ln Q(s, z) by the modified-Lentz continued fraction (Numerical Recipes §6.2); meant for z ≥ s + 1. */
function logGammaQFraction(s: number, z: number, logZ: number): number {
  let b = z + 1 - s;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return logPoissonTerm(s, z, logZ) + Math.log(s) + Math.log(h);
}

/**
 * ln P(s, z), the log of the regularized lower incomplete gamma function γ(s, z) / Γ(s), for s > 0, z ≥ 0.
 * Series below s + 1, continued fraction above; O(√s) iterations near z ≈ s.
 */
export function logGammaP(s: number, z: number, logZ = Math.log(z)): number {
  if (!(z > 0) && logZ === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (z < s + 1) return logPoissonTerm(s, z, logZ) + Math.log(gammaSeries(s, z));
  return Math.log1p(-Math.exp(logGammaQFraction(s, z, logZ)));
}

/** Q(s, z) = 1 − P(s, z), the regularized upper incomplete gamma function, computed on its accurate side. */
export function gammaQ(s: number, z: number, logZ = Math.log(z)): number {
  if (!(z > 0) && logZ === Number.NEGATIVE_INFINITY) return 1;
  if (z < s + 1) return -Math.expm1(logGammaP(s, z, logZ));
  return Math.exp(logGammaQFraction(s, z, logZ));
}
