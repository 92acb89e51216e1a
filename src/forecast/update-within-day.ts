import { check } from '../errors.js';
import type { Prediction } from './types.js';

/** Options of {@link updateWithinDay}. */
export interface UpdateWithinDayOptions {
  /**
   * Coefficient of variation of a day's level around its forecast before any of it is seen (the prior of the
   * day's multiplier). Larger trusts today's arrivals sooner. Default 0.15.
   */
  readonly dayLevelCv?: number;
}

/**
 * Defaults of {@link updateWithinDay}: the day's level varies with a CV of 0.15 around the forecast, which sets how
 * far the arrivals so far move the rest of the day.
 *
 * @example
 * defaultUpdateWithinDayOptions.dayLevelCv; // => 0.15
 */
export const defaultUpdateWithinDayOptions = { dayLevelCv: 0.15 } as const satisfies UpdateWithinDayOptions;

/** Result of {@link updateWithinDay}. */
export interface WithinDayUpdate {
  /** The slots after the last observed one, with revised means and quantiles. */
  readonly rest: Prediction;
  /** The multiplier applied: (κ + observed) ∕ (κ + forecast of the observed slots), κ = 1 ∕ dayLevelCv². */
  readonly ratio: number;
  /** Arrivals observed so far and their forecast. */
  readonly observed: number;
  readonly forecastSoFar: number;
}

/**
 * Revise the rest of today from today's arrivals so far: the ratio of observed to forecast cumulative arrivals,
 * shrunk towards 1 — the posterior mean of a gamma(κ, κ) day-level multiplier after a Poisson count, κ = 1 ∕ cv².
 * Early in the day, when little has been forecast, the ratio stays near 1; later it follows what came. Means and
 * quantiles of the remaining slots are scaled by it (closed slots stay 0).
 *
 * Reference: the multiplicative day-level update of Weinberg, Brown & Stroud, JASA 102:1185 (2007), with a
 * conjugate gamma prior. Complexity O(slots).
 *
 * @example
 * // forecast 100 by 11:00, 130 came: with cv 0.15 (κ ≈ 44) the rest of the day is raised by ≈ 21 %
 * updateWithinDay(todayForecast, { slotStart: morningSlots, arrivals: morningCounts }).ratio; // ≈ 1.21
 */
export function updateWithinDay(
  forecast: Prediction,
  observed: { readonly slotStart: ArrayLike<number>; readonly arrivals: ArrayLike<number> },
  options: UpdateWithinDayOptions = {},
): WithinDayUpdate {
  const cv = options.dayLevelCv ?? defaultUpdateWithinDayOptions.dayLevelCv;
  check(Number.isFinite(cv) && cv > 0, 'updateWithinDay', 'dayLevelCv must be a positive number', cv);
  check(
    observed.slotStart.length === observed.arrivals.length,
    'updateWithinDay',
    'observed slotStart and arrivals must have the same length',
    { slotStart: observed.slotStart.length, arrivals: observed.arrivals.length },
  );
  const where = new Map<number, number>();
  forecast.slotStart.forEach((t, i) => {
    where.set(t, i);
  });
  let seen = 0;
  let expected = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < observed.slotStart.length; i++) {
    const t = observed.slotStart[i];
    const y = observed.arrivals[i];
    check(
      Number.isFinite(y) && y >= 0,
      'updateWithinDay',
      'observed arrivals must be non-negative numbers',
      y,
    );
    const j = where.get(t);
    check(j !== undefined, 'updateWithinDay', 'every observed slot must be one of the forecast slots', t);
    seen += y;
    expected += forecast.mean[j];
    if (t > last) last = t;
  }
  const kappa = 1 / (cv * cv);
  const ratio = (kappa + seen) / (kappa + expected);
  const keep: number[] = [];
  forecast.slotStart.forEach((t, i) => {
    if (t > last) keep.push(i);
  });
  const rest: Prediction = {
    slotStart: Float64Array.from(keep, (i) => forecast.slotStart[i]),
    mean: Float64Array.from(keep, (i) => forecast.mean[i] * ratio),
    levels: forecast.levels,
    quantiles: forecast.quantiles.map((q) => Float64Array.from(keep, (i) => q[i] * ratio)),
  };
  return { rest, ratio, observed: seen, forecastSoFar: expected };
}
