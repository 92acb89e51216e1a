/**
 * Histogram bins for waits, seconds, in the style of HdrHistogram (integer arithmetic only, no logarithm): bin 0
 * holds waits of exactly 0 (called on arrival), bins 1–64 are one second wide below 64 s, and above that each
 * power of two is cut into 32 bins, so a bin is at most 1/32 (3.1 %) of its lower edge wide, up to 2²⁴ s (194 days;
 * the last bin holds everything longer). Quantiles read from it are within 1 s or 3.1 % of the exact sample quantile.
 */
export const WAIT_BINS = 65 + 18 * 32;

const LINEAR = 64;
const MAX_INT = 2 ** 24 - 1;

/**
 * Bin of a wait of `seconds` (≥ 0). O(1), no floating-point logarithm.
 *
 * @example
 * waitBin(0); // => 0
 * waitBin(0.5); // => 1
 * waitBin(64); // => 65
 */
export function waitBin(seconds: number): number {
  if (seconds <= 0) return 0;
  if (seconds < LINEAR) return 1 + Math.floor(seconds);
  const i = seconds < MAX_INT ? Math.floor(seconds) : MAX_INT;
  const e = 31 - Math.clz32(i);
  return LINEAR + 1 + (e - 6) * 32 + ((i >>> (e - 5)) & 31);
}

/**
 * Lower edge of bin `b`, seconds.
 *
 * @example
 * waitBinLower(waitBin(100)); // => 100
 */
export function waitBinLower(b: number): number {
  if (b <= 0) return 0;
  if (b <= LINEAR) return b - 1;
  const k = b - LINEAR - 1;
  const e = 6 + Math.floor(k / 32);
  return (32 + (k % 32)) * 2 ** (e - 5);
}

/**
 * Upper edge of bin `b`, seconds (the next bin's lower edge).
 *
 * @example
 * waitBinUpper(waitBin(100)); // => 102
 */
export function waitBinUpper(b: number): number {
  if (b <= 0) return 0;
  return waitBinLower(b + 1);
}

/**
 * The `q` quantile (0–1) of the waits, seconds, counted in the 641 bins `hist[offset .. offset + 641)` (the layout of
 * `SimulationEngine.waitHistogram`), interpolated linearly inside its bin; null when the histogram is empty.
 *
 * @example
 * const h = new Float64Array(641); h[waitBin(0)] = 3; h[waitBin(10.2)] = 1;
 * waitQuantile(h, 0, 0.5); // => 0
 */
export function waitQuantile(hist: ArrayLike<number>, offset: number, q: number): number | null {
  let total = 0;
  for (let b = 0; b < WAIT_BINS; b++) total += hist[offset + b];
  if (total === 0) return null;
  const target = q * total;
  let cum = 0;
  for (let b = 0; b < WAIT_BINS; b++) {
    const c = hist[offset + b];
    if (c > 0 && cum + c >= target) {
      if (b === 0) return 0;
      const f = (target - cum) / c;
      return waitBinLower(b) + f * (waitBinUpper(b) - waitBinLower(b));
    }
    cum += c;
  }
  return waitBinLower(WAIT_BINS - 1);
}
