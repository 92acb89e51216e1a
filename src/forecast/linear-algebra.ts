/**
 * Solve `A x = b` for a symmetric positive definite `A` (row-major p × p, overwritten by its Cholesky factor).
 * Returns `false` when `A` is not positive definite. Complexity O(p³ ∕ 6).
 *
 * @example
 * const x = new Float64Array([1, 2]);
 * choleskySolveInPlace(new Float64Array([4, 0, 0, 2]), x, 2); // => true, x = [0.25, 1]
 */
export function choleskySolveInPlace(A: Float64Array, x: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let s = A[j * p + j];
    for (let k = 0; k < j; k++) s -= A[j * p + k] * A[j * p + k];
    if (!(s > 1e-300)) return false;
    const l = Math.sqrt(s);
    A[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let t = A[i * p + j];
      for (let k = 0; k < j; k++) t -= A[i * p + k] * A[j * p + k];
      A[i * p + j] = t / l;
    }
  }
  for (let i = 0; i < p; i++) {
    let t = x[i];
    for (let k = 0; k < i; k++) t -= A[i * p + k] * x[k];
    x[i] = t / A[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let t = x[i];
    for (let k = i + 1; k < p; k++) t -= A[k * p + i] * x[k];
    x[i] = t / A[i * p + i];
  }
  return true;
}
