/** Euler summation parameters of Abate & Whitt (1995): discretisation error ≈ e^(−A) ≈ 1e-8 for functions bounded by 1. */
const A = 18.4;
const N = 15;
const M = 11;

/** Binomial averaging weights C(M, j) / 2^M of the last M + 1 partial sums. */
const WEIGHTS = (() => {
  const w = new Float64Array(M + 1);
  let c = 1;
  for (let j = 0; j <= M; j++) {
    w[j] = c / 2 ** M;
    c = (c * (M - j)) / (j + 1);
  }
  return w;
})();

/**
 * Numerical inversion of a Laplace transform at one time t > 0 by the Euler algorithm (internal): the Bromwich
 * integral by the trapezoidal rule along Re s = A / (2t), its alternating tail summed by binomial (Euler)
 * averaging of the partial sums N … N + M. `realPartAt(re, im)` returns Re F(re + i·im) of the transform F.
 * Reference: Abate & Whitt (1995), "Numerical inversion of Laplace transforms of probability distributions",
 * ORSA Journal on Computing 7:36–43, algorithm EULER.
 * Complexity: N + M + 1 = 27 evaluations of the transform.
 */
export function eulerInversion(t: number, realPartAt: (re: number, im: number) => number): number {
  const x = A / (2 * t);
  const h = Math.PI / t;
  let sum = realPartAt(x, 0) / 2;
  for (let k = 1; k <= N; k++) sum += (k % 2 === 0 ? 1 : -1) * realPartAt(x, k * h);
  let averaged = WEIGHTS[0] * sum;
  for (let j = 1; j <= M; j++) {
    const k = N + j;
    sum += (k % 2 === 0 ? 1 : -1) * realPartAt(x, k * h);
    averaged += WEIGHTS[j] * sum;
  }
  return (Math.exp(A / 2) / t) * averaged;
}
