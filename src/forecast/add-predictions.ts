import { check } from '../errors.js';
import type { Prediction } from './types.js';

/** Points per distribution in the discrete convolution of {@link addPredictions}. */
const POINTS = 40;

/** Quantile function through the known quantiles, linear between them and linearly extended in the tails (≥ 0). */
function quantileAt(levels: readonly number[], q: (j: number) => number, u: number): number {
  const L = levels.length;
  if (L === 1) return q(0);
  let j = 0;
  if (u <= levels[0]) j = 0;
  else if (u >= levels[L - 1]) j = L - 2;
  else while (j < L - 2 && u > levels[j + 1]) j++;
  const a = q(j);
  const b = q(j + 1);
  const v = a + ((b - a) * (u - levels[j])) / (levels[j + 1] - levels[j]);
  return Math.max(v, 0);
}

/**
 * The forecast of the sum of two independent forecasts of the same slots (appointments + walk-ins): means add;
 * quantiles are those of the convolution of the two distributions, each discretized at 40 equally likely points
 * of its quantile function (interpolated between the given levels, extended linearly into the tails).
 *
 * Complexity O(slots × 40² log 40²).
 *
 * @example
 * const total = addPredictions(appointments, walkIns);
 * total.mean[0] === appointments.mean[0] + walkIns.mean[0]; // => true
 */
export function addPredictions(a: Prediction, b: Prediction): Prediction {
  const n = a.slotStart.length;
  check(
    b.slotStart.length === n && a.slotStart.every((t, i) => t === b.slotStart[i]),
    'addPredictions',
    'both forecasts must cover the same slots in the same order',
    { a: n, b: b.slotStart.length },
  );
  check(
    a.levels.length === b.levels.length && a.levels.every((l, j) => l === b.levels[j]),
    'addPredictions',
    'both forecasts must have the same quantile levels',
    { a: a.levels, b: b.levels },
  );
  const levels = a.levels;
  const mean = new Float64Array(n);
  const quantiles = levels.map(() => new Float64Array(n));
  const xa = new Float64Array(POINTS);
  const xb = new Float64Array(POINTS);
  const sums = new Float64Array(POINTS * POINTS);
  for (let i = 0; i < n; i++) {
    mean[i] = a.mean[i] + b.mean[i];
    for (let k = 0; k < POINTS; k++) {
      const u = (k + 0.5) / POINTS;
      xa[k] = quantileAt(levels, (j) => a.quantiles[j][i], u);
      xb[k] = quantileAt(levels, (j) => b.quantiles[j][i], u);
    }
    for (let x = 0; x < POINTS; x++) for (let y = 0; y < POINTS; y++) sums[x * POINTS + y] = xa[x] + xb[y];
    sums.sort();
    for (let j = 0; j < levels.length; j++) {
      const h = levels[j] * (sums.length - 1);
      const lo = Math.floor(h);
      quantiles[j][i] = sums[lo] + (h - lo) * (sums[Math.min(sums.length - 1, lo + 1)] - sums[lo]);
    }
  }
  return { slotStart: Float64Array.from(a.slotStart), mean, levels, quantiles };
}
