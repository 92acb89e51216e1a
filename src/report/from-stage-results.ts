import type { ForecastChartRow } from '../charts/types.js';
import { check } from '../errors.js';
import type { BacktestReport } from '../forecast/backtest.js';
import type { ForecastBatch } from '../forecast/forecast-many.js';
import type { BacktestSummaryRow } from './types.js';

const LEVELS = { p05: 0.05, p10: 0.1, p50: 0.5, p90: 0.9, p95: 0.95 } as const;

/**
 * Forecast rows for the report and the charts from the flat output of `forecastMany`: one row per series and slot
 * with the mean and the p05, p10, p50, p90 and p95 quantiles (the batch must carry those levels).
 *
 * Cost: O(rows).
 *
 * @throws QueuecastError `INVALID_ARGUMENT` when a needed quantile level is missing from the batch.
 * @example
 * const data = { centre: { id: 'ovc' }, timezone: batch.timezone, forecast: forecastRowsFromBatch(batch) };
 */
export function forecastRowsFromBatch(batch: ForecastBatch): ForecastChartRow[] {
  const index = Object.fromEntries(
    Object.entries(LEVELS).map(([name, level]) => {
      const j = batch.levels.findIndex((l) => Math.abs(l - level) < 1e-9);
      check(j >= 0, 'forecastRowsFromBatch', `the batch must carry quantile level ${level}`, batch.levels);
      return [name, j];
    }),
  ) as Record<keyof typeof LEVELS, number>;
  const rows: ForecastChartRow[] = [];
  batch.keys.forEach((key, k) => {
    for (let i = batch.offsets[k]; i < batch.offsets[k + 1]; i++) {
      rows.push({
        ...(key.centre === undefined ? {} : { centre: key.centre }),
        ...(key.service === undefined ? {} : { service: key.service }),
        ...(key.channel === undefined ? {} : { channel: key.channel }),
        slotStart: batch.slotStart[i],
        mean: batch.mean[i],
        p05: batch.quantiles[index.p05][i],
        p10: batch.quantiles[index.p10][i],
        p50: batch.quantiles[index.p50][i],
        p90: batch.quantiles[index.p90][i],
        p95: batch.quantiles[index.p95][i],
      });
    }
  });
  return rows;
}

/**
 * The report's backtest table from `backtest` results: one row per model with its overall metrics (slots scored,
 * WAPE, MASE, RMSE, scaled pinball loss, 80 % and 90 % interval coverage).
 *
 * Cost: O(models).
 *
 * @example
 * const data = { centre, timezone, backtest: backtestSummaryRows([backtest(history, auto()), backtest(history, seasonalNaive())]) };
 */
export function backtestSummaryRows(reports: readonly BacktestReport[]): BacktestSummaryRow[] {
  return reports.map((r) => ({
    model: r.model,
    horizonDays: r.horizonDays,
    slots: r.overall.n,
    wape: r.overall.wape,
    mase: r.overall.mase,
    rmse: r.overall.rmse,
    scaledPinball: r.overall.scaledPinball,
    coverage80: r.overall.coverage80,
    coverage90: r.overall.coverage90,
  }));
}
