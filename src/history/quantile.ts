/**
 * Quantile of ascending-sorted values by linear interpolation between order statistics (Hyndman & Fan type 7,
 * R's default `quantile(x, p)`). `NaN` for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean and coefficient of variation (sample standard deviation, n − 1, over the mean) of values. */
export function meanAndCv(values: ArrayLike<number>): { mean: number; cv: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, cv: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n < 2 || mean === 0) return { mean, cv: Number.NaN };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, cv: Math.sqrt(ss / (n - 1)) / mean };
}
