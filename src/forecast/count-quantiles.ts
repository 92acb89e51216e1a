/**
 * Standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error below 1.15e-9).
 * Returns ±Infinity at 0 and 1.
 *
 * Reference: P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function" (2003).
 * Complexity O(1).
 *
 * @example
 * normalQuantile(0.975); // => 1.95996398 (to 8 digits)
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

/** Means above this use the Cornish–Fisher expansion instead of summing the probability mass function. */
const EXACT_MEAN_LIMIT = 250;

/**
 * Quantiles of a count distribution with the given mean and variance: Poisson when the variance does not exceed
 * the mean, negative binomial (size = mean² ∕ (variance − mean)) above it. Exact (smallest k with CDF ≥ level)
 * by summing the mass function up to a mean of 250; beyond it, the Cornish–Fisher expansion with the skewness
 * `(2·variance∕mean − 1) ∕ √variance`, which is then continuous. `levels` must be ascending; writes
 * `out[j][index]`.
 *
 * Complexity O(mean + 10·sd) below the limit, O(levels) above.
 *
 * @example
 * const out = [new Float64Array(1), new Float64Array(1)];
 * countQuantilesInto(4, 4, [0.1, 0.9], out, 0); // Poisson(4): out[0][0] => 2, out[1][0] => 7
 */
export function countQuantilesInto(
  mean: number,
  variance: number,
  levels: readonly number[],
  out: readonly Float64Array[],
  index: number,
): void {
  const L = levels.length;
  if (!(mean > 1e-12)) {
    for (let j = 0; j < L; j++) out[j][index] = 0;
    return;
  }
  const v = Math.max(variance, mean);
  const nb = v > mean * (1 + 1e-9);
  const r = nb ? (mean * mean) / (v - mean) : 0;
  const logP0 = nb ? r * Math.log(r / (r + mean)) : -mean;
  if (mean > EXACT_MEAN_LIMIT || logP0 < -700) {
    const sd = Math.sqrt(v);
    const skew = ((2 * v) / mean - 1) / sd;
    for (let j = 0; j < L; j++) {
      const z = normalQuantile(levels[j]);
      const q = mean + sd * (z + ((z * z - 1) * skew) / 6);
      out[j][index] = Math.max(q, 0);
    }
    return;
  }
  const q1 = nb ? mean / (r + mean) : 0;
  let pmf = Math.exp(logP0);
  let cdf = pmf;
  let k = 0;
  const cap = Math.ceil(mean + 40 * Math.sqrt(v) + 50);
  for (let j = 0; j < L; j++) {
    const target = levels[j] - 1e-12;
    while (cdf < target && k < cap) {
      pmf *= nb ? ((k + r) / (k + 1)) * q1 : mean / (k + 1);
      k++;
      cdf += pmf;
    }
    out[j][index] = k;
  }
}
