import { parseSlotTime } from '../charts/chart-data.js';
import type { ActualChartRow, ForecastChartRow } from '../charts/types.js';

/** Accuracy of a forecast against the actual arrivals of the same slots. */
export interface ForecastAccuracy {
  /** Slots (series × slot) present in both. */
  readonly matchedSlots: number;
  /** Weighted absolute percentage error of the mean: Σ|actual − mean| ÷ Σ actual, 0–∞; null when Σ actual = 0. */
  readonly wape: number | null;
  /** Mean absolute error of the mean, arrivals per slot. */
  readonly maeArrivals: number;
  /** (Σ mean − Σ actual) ÷ Σ actual: positive = over-forecast; null when Σ actual = 0. */
  readonly bias: number | null;
  /** Share of slots whose actual lies in [p10, p90], 0–1 (claimed 0.8). */
  readonly coverage80: number;
  /** Share of slots whose actual lies in [p05, p95], 0–1 (claimed 0.9). */
  readonly coverage90: number;
}

function key(r: { centre?: string; service?: string; channel?: string }, t: number): string {
  return `${r.centre ?? ''}\u0000${r.service ?? ''}\u0000${r.channel ?? ''}\u0000${t}`;
}

/**
 * Accuracy of `forecast` over the slots that `actual` also has (matched on centre, service, channel and slot
 * start): WAPE, MAE and bias of the mean (WAPE as in `backtest`), and the empirical coverage of the 80 % and 90 %
 * intervals. Returns null when no slot matches.
 *
 * Reference: Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), §5.8–5.9 (point accuracy,
 * interval coverage). Cost: O(f + a).
 *
 * @example
 * forecastAccuracy(
 *   [{ slotStart: '2026-12-01T09:00', mean: 10, p05: 5, p10: 6, p50: 10, p90: 14, p95: 16 }],
 *   [{ slotStart: '2026-12-01T09:00', arrivals: 12 }], 'Asia/Shanghai')?.wape; // => 0.16666666666666666
 */
export function forecastAccuracy(
  forecast: readonly ForecastChartRow[],
  actual: readonly ActualChartRow[],
  timezone: string,
): ForecastAccuracy | null {
  const observed = new Map<string, number>();
  actual.forEach((a, i) => {
    observed.set(key(a, parseSlotTime(a.slotStart, timezone, 'forecastAccuracy', i)), a.arrivals);
  });
  let n = 0;
  let absErr = 0;
  let sumActual = 0;
  let sumMean = 0;
  let in80 = 0;
  let in90 = 0;
  forecast.forEach((f, i) => {
    const y = observed.get(key(f, parseSlotTime(f.slotStart, timezone, 'forecastAccuracy', i)));
    if (y === undefined || !Number.isFinite(y)) return;
    n++;
    absErr += Math.abs(y - f.mean);
    sumActual += y;
    sumMean += f.mean;
    if (y >= f.p10 && y <= f.p90) in80++;
    if (y >= f.p05 && y <= f.p95) in90++;
  });
  if (n === 0) return null;
  return {
    matchedSlots: n,
    wape: sumActual > 0 ? absErr / sumActual : null,
    maeArrivals: absErr / n,
    bias: sumActual > 0 ? (sumMean - sumActual) / sumActual : null,
    coverage80: in80 / n,
    coverage90: in90 / n,
  };
}
