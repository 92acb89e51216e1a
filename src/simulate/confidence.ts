/** Two-sided 95 % Student t quantiles t(0.975, df) for df = 1..10 (any statistics table, e.g. NIST/SEMATECH 1.3.6.7.2). */
const T975 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281];

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: a table up to 10, the Cornish–Fisher expansion
 * (Abramowitz & Stegun 26.7.5) above, accurate to 1e-3. Infinity for df < 1.
 *
 * @example
 * studentT975(99); // ≈ 1.984
 */
export function studentT975(df: number): number {
  if (!(df >= 1)) return Number.POSITIVE_INFINITY;
  if (df <= 10) return T975[Math.floor(df) - 1];
  const z = 1.959963984540054;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  return z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
}

/** An estimate with its 95 % confidence half-width (null when undefined, e.g. no arrivals at all). */
export interface Estimate {
  readonly value: number | null;
  readonly halfWidth: number | null;
}

/**
 * Ratio estimator ΣY/ΣX over n replications with its 95 % half-width by the delta method:
 * Var ≈ Σ(Yᵢ − R·Xᵢ)² / ((n − 1)·n·X̄²) (Law & Kelton, *Simulation Modeling and Analysis*, ratio estimators).
 * Takes the sums ΣX, ΣY, ΣX², ΣY², ΣXY. Half-width is null for one replication or when ΣX = 0.
 *
 * @example
 * ratioEstimate(2, 20, 10, 200, 50, 100); // => { value: 0.5, halfWidth: 0 }
 */
export function ratioEstimate(
  n: number,
  sx: number,
  sy: number,
  sxx: number,
  syy: number,
  sxy: number,
): Estimate {
  if (!(sx > 0)) return { value: null, halfWidth: null };
  const r = sy / sx;
  if (n < 2) return { value: r, halfWidth: null };
  const xbar = sx / n;
  const ss = Math.max(0, syy - 2 * r * sxy + r * r * sxx);
  return { value: r, halfWidth: studentT975(n - 1) * Math.sqrt(ss / ((n - 1) * n * xbar * xbar)) };
}

/**
 * Mean over n replications with its 95 % half-width from the sums Σx and Σx².
 *
 * @example
 * meanEstimate(4, 10, 30); // value 2.5
 */
export function meanEstimate(n: number, sum: number, sumSquares: number): Estimate {
  if (n < 1) return { value: null, halfWidth: null };
  const m = sum / n;
  if (n < 2) return { value: m, halfWidth: null };
  const v = Math.max(0, (sumSquares - n * m * m) / (n - 1));
  return { value: m, halfWidth: studentT975(n - 1) * Math.sqrt(v / n) };
}
