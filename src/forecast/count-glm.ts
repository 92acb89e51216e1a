import { choleskySolveInPlace } from './linear-algebra.js';

/**
 * A design matrix stored as sparse rows with a fixed number of slots per row: row `i` has the non-zeros
 * `value[i * width + k]` in columns `column[i * width + k]` (`-1` marks an unused slot).
 */
export interface SparseDesign {
  readonly rows: number;
  readonly columns: number;
  readonly width: number;
  readonly column: Int32Array;
  readonly value: Float64Array;
}

/** Options of {@link fitCountGlm}. */
export interface CountGlmOptions {
  /** `poisson` or `negative-binomial` (dispersion re-estimated each iteration). Default `poisson`. */
  readonly family?: 'poisson' | 'negative-binomial';
  /** Ridge penalty per column (0 for none), length `columns`. Default none. */
  readonly ridge?: Float64Array;
  /** Iteration limit. Default 30. */
  readonly maxIterations?: number;
}

/** A fitted log-link count regression. */
export interface CountGlmFit {
  readonly coefficients: Float64Array;
  /** Negative binomial dispersion φ (variance = μ + φμ²); for Poisson the Pearson over-dispersion estimate. */
  readonly dispersion: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Fit a Poisson or negative binomial regression with log link by iteratively reweighted least squares (IRLS),
 * with prior weights and an optional ridge penalty. Rows are sparse (a handful of dummies each), so one
 * iteration costs O(rows × width² + columns³).
 *
 * Reference: McCullagh & Nelder, Generalized Linear Models (2nd ed., 1989), §2.5; the NB dispersion is the
 * Pearson moment estimate (Breslow, 1984), updated between iterations.
 *
 * @example
 * // intercept-only Poisson: exp(β0) = mean of y
 * const X = { rows: 3, columns: 1, width: 1, column: new Int32Array([0, 0, 0]), value: new Float64Array([1, 1, 1]) };
 * Math.exp(fitCountGlm(X, new Float64Array([1, 2, 3]), new Float64Array([1, 1, 1])).coefficients[0]); // => 2
 */
export function fitCountGlm(
  X: SparseDesign,
  y: Float64Array,
  weights: Float64Array,
  options: CountGlmOptions = {},
): CountGlmFit {
  const { rows: n, columns: p, width: K } = X;
  // Pack the rows without their unused slots (most rows use two or three of them): one pass, then every
  // iteration costs Σ non-zeros² instead of rows × width².
  const rowStart = new Int32Array(n + 1);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) if (X.column[i * K + k] >= 0) nnz++;
    rowStart[i + 1] = nnz;
  }
  const column = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  for (let i = 0, t = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      if (X.column[i * K + k] < 0) continue;
      column[t] = X.column[i * K + k];
      value[t++] = X.value[i * K + k];
    }
  }
  const nb = options.family === 'negative-binomial';
  const maxIter = options.maxIterations ?? 30;
  const beta = new Float64Array(p);
  let sw = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sw += weights[i];
    sy += weights[i] * y[i];
  }
  // Start from the weighted mean on the intercept-like column (the first column of every row).
  const mean0 = sw > 0 ? sy / sw : 0;
  beta[Math.max(column[0], 0)] = Math.log(Math.max(mean0, 1e-6));
  const A = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const eta = new Float64Array(n);
  let phi = 0;
  let pearsonPhi = 0;
  let prevDev = Number.POSITIVE_INFINITY;
  let iter = 0;
  let converged = false;
  const linear = (): void => {
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let k = rowStart[i]; k < rowStart[i + 1]; k++) e += beta[column[k]] * value[k];
      eta[i] = e > 30 ? 30 : Math.max(e, -30);
    }
  };
  linear();
  for (iter = 1; iter <= maxIter; iter++) {
    A.fill(0);
    rhs.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = Math.exp(eta[i]);
      const w = (weights[i] * mu) / (1 + phi * mu);
      if (w === 0) continue;
      const z = eta[i] + (y[i] - mu) / mu;
      const end = rowStart[i + 1];
      for (let a = rowStart[i]; a < end; a++) {
        const ca = column[a];
        const xa = value[a] * w;
        rhs[ca] += xa * z;
        for (let b = rowStart[i]; b < end; b++) A[ca * p + column[b]] += xa * value[b];
      }
    }
    if (options.ridge !== undefined) for (let j = 0; j < p; j++) A[j * p + j] += options.ridge[j];
    for (let j = 0; j < p; j++) A[j * p + j] += 1e-9;
    const next = rhs;
    if (!choleskySolveInPlace(A, next, p)) break;
    beta.set(next);
    linear();
    let dev = 0;
    let pearson = 0;
    let mu2 = 0;
    for (let i = 0; i < n; i++) {
      const mu = Math.exp(eta[i]);
      const yi = y[i];
      dev += weights[i] * (yi > 0 ? yi * Math.log(yi / mu) - (yi - mu) : mu);
      pearson += weights[i] * ((yi - mu) * (yi - mu) - mu);
      mu2 += weights[i] * mu * mu;
    }
    pearsonPhi = mu2 > 0 ? Math.max(0, pearson / mu2) : 0;
    if (nb) phi = pearsonPhi;
    if (Math.abs(prevDev - dev) <= 1e-8 * (Math.abs(dev) + 1)) {
      converged = true;
      break;
    }
    prevDev = dev;
  }
  return { coefficients: beta, dispersion: pearsonPhi, iterations: Math.min(iter, maxIter), converged };
}
