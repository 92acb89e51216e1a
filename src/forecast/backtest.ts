import { check } from '../errors.js';
import type { History } from '../history/types.js';
import { horizonBuckets, leadBucket, resolveLevels, weeklyOrigins } from './model-kit.js';
import { describeSeries, toSeriesBatch } from './series-batch.js';
import { SeriesGrid } from './series-grid.js';
import type { FitContext, ForecastModel, SeriesKey } from './types.js';

/** Options of {@link backtest}. */
export interface BacktestOptions extends FitContext {
  /** Weekly rolling origins per series (the last ones whose horizon fits in the history). Default 8. */
  readonly origins?: number;
  /** Days forecast from each origin. Default 7. */
  readonly horizonDays?: number;
  /** Quantile levels scored by the pinball loss; must include 0.05, 0.1, 0.9, 0.95 for coverage. */
  readonly quantiles?: readonly number[];
}

/**
 * Defaults of {@link backtest}: 8 weekly rolling origins, a 7-day horizon.
 *
 * @example
 * backtest(history, auto(), { ...defaultBacktestOptions, origins: 4 });
 */
export const defaultBacktestOptions = { origins: 8, horizonDays: 7 } as const satisfies BacktestOptions;

/** Accuracy of forecasts against actuals. */
export interface BacktestMetrics {
  /** Slots scored. */
  readonly n: number;
  /** Σ|y − mean| ∕ Σy. */
  readonly wape: number;
  /** Mean of |y − mean| ∕ scale, scale = in-sample MAE of seasonal naive (same slot, last open same weekday). */
  readonly mase: number;
  readonly rmse: number;
  /** Mean pinball loss over the quantile levels, divided by the same scale as MASE (M5's SPL). */
  readonly scaledPinball: number;
  /** Share of actuals inside [p10, p90]. */
  readonly coverage80: number;
  /** Share of actuals inside [p05, p95]. */
  readonly coverage90: number;
}

/** Result of {@link backtest}. */
export interface BacktestReport {
  readonly model: string;
  readonly horizonDays: number;
  readonly overall: BacktestMetrics;
  /** Same day, 1–2 days, 3–6 days, 1–2 weeks (buckets without slots are left out). */
  readonly byHorizon: readonly { readonly bucket: string; readonly metrics: BacktestMetrics }[];
  readonly bySeries: readonly {
    readonly key: SeriesKey;
    readonly origins: number;
    /** Models the fits used, with how many origins each (auto chooses per origin). */
    readonly models: Readonly<Record<string, number>>;
    readonly metrics: BacktestMetrics;
  }[];
  readonly warnings: readonly string[];
}

class Acc {
  n = 0;
  abs = 0;
  y = 0;
  sq = 0;
  scaled = 0;
  pinball = 0;
  in80 = 0;
  in90 = 0;
  add(o: Acc): void {
    this.n += o.n;
    this.abs += o.abs;
    this.y += o.y;
    this.sq += o.sq;
    this.scaled += o.scaled;
    this.pinball += o.pinball;
    this.in80 += o.in80;
    this.in90 += o.in90;
  }
  metrics(cover: boolean): BacktestMetrics {
    const n = this.n;
    return {
      n,
      wape: this.y > 0 ? this.abs / this.y : Number.NaN,
      mase: n > 0 ? this.scaled / n : Number.NaN,
      rmse: n > 0 ? Math.sqrt(this.sq / n) : Number.NaN,
      scaledPinball: n > 0 ? this.pinball / n : Number.NaN,
      coverage80: n > 0 && cover ? this.in80 / n : Number.NaN,
      coverage90: n > 0 && cover ? this.in90 / n : Number.NaN,
    };
  }
}

/** In-sample MAE of seasonal naive over the year before `end` (the MASE scale). */
function naiveScale(grid: SeriesGrid, end: number): number {
  const S = grid.slotsPerDay;
  const f = grid.days(end);
  let sum = 0;
  let n = 0;
  let ySum = 0;
  for (let d = Math.max(0, end - 364); d < end; d++) {
    if (f.open[d] === 0) continue;
    let b = d - 7;
    while (b >= 0 && !(f.open[b] === 1 && f.pattern[b] === f.pattern[d])) b -= 7;
    if (b < 0) continue;
    for (let s = 0; s < S; s++) {
      const y = grid.values[d * S + s];
      const x = grid.values[b * S + s];
      if (Number.isNaN(y) || Number.isNaN(x)) continue;
      sum += Math.abs(y - x);
      ySum += y;
      n++;
    }
  }
  if (n > 0 && sum > 0) return sum / n;
  return n > 0 && ySum > 0 ? ySum / n : 1;
}

/**
 * Rolling-origin backtest: for each series, refit the model at weekly origins and score the next `horizonDays`
 * days against the actuals — per series, overall, and by horizon bucket (same day, 1–2 days, 3–6 days, 1–2 weeks):
 * WAPE, MASE against seasonal naive, RMSE, scaled pinball loss, and 80 % and 90 % interval coverage. A series too
 * short for any origin is skipped with a warning.
 *
 * Reference: Tashman, "Out-of-sample tests of forecasting accuracy", IJF 16:437 (2000); Hyndman & Koehler, IJF
 * 22:679 (2006) (MASE). Complexity O(series × origins × fit).
 *
 * @example
 * const report = backtest(history, auto(), { origins: 8, horizonDays: 7, calendar: 'none' });
 * report.overall.wape; // e.g. 0.062
 */
export function backtest(
  history: History,
  model: ForecastModel,
  options: BacktestOptions = {},
): BacktestReport {
  const o = { ...defaultBacktestOptions, ...options };
  check(
    Number.isInteger(o.origins) && o.origins >= 1,
    'backtest',
    'origins must be a positive integer',
    o.origins,
  );
  check(
    Number.isInteger(o.horizonDays) && o.horizonDays >= 1,
    'backtest',
    'horizonDays must be a positive integer',
    o.horizonDays,
  );
  const levels = resolveLevels(o.quantiles, 'backtest');
  const j05 = levels.indexOf(0.05);
  const j10 = levels.indexOf(0.1);
  const j90 = levels.indexOf(0.9);
  const j95 = levels.indexOf(0.95);
  const cover = j05 >= 0 && j10 >= 0 && j90 >= 0 && j95 >= 0;
  const batch = toSeriesBatch(history);
  const overall = new Acc();
  const byBucket = horizonBuckets.map(() => new Acc());
  const bySeries: BacktestReport['bySeries'][number][] = [];
  const warnings: string[] = [];
  const L = levels.length;
  for (let k = 0; k < batch.keys.length; k++) {
    const a = batch.offsets[k];
    const b = batch.offsets[k + 1];
    const grid = SeriesGrid.fromArrays(
      batch.keys[k],
      batch.slotStart.subarray(a, b),
      batch.arrivals.subarray(a, b),
      {
        ...options,
        slotMinutes: batch.slotMinutes,
        timezone: batch.timezone,
      },
    );
    const S = grid.slotsPerDay;
    const origins = weeklyOrigins(grid, grid.dayCount, o.origins, o.horizonDays);
    const acc = new Acc();
    const models: Record<string, number> = {};
    if (origins.length === 0) {
      warnings.push(
        `backtest: ${describeSeries(batch.keys[k])} is too short for an origin (needs 14 days + the horizon)`,
      );
    }
    for (const origin of origins) {
      const fitted = model.fitGrid(grid, origin);
      models[fitted.name] = (models[fitted.name] ?? 0) + 1;
      const f = grid.days(origin + o.horizonDays);
      const slots: number[] = [];
      const cells: number[] = [];
      for (let d = origin; d < origin + o.horizonDays; d++) {
        if (f.open[d] === 0) continue;
        for (let s = 0; s < S; s++) {
          if (!Number.isNaN(grid.values[d * S + s])) {
            slots.push(grid.slotStartOf(d, s));
            cells.push(d * S + s);
          }
        }
      }
      if (slots.length === 0) continue;
      const pred = fitted.predict(slots, { quantiles: levels });
      const scale = naiveScale(grid, origin);
      for (let i = 0; i < slots.length; i++) {
        const y = grid.values[cells[i]];
        const m = pred.mean[i];
        const e = y - m;
        const bucket = byBucket[leadBucket(Math.floor(cells[i] / S) - origin)];
        let pin = 0;
        for (let j = 0; j < L; j++) {
          const q = pred.quantiles[j][i];
          pin += y >= q ? levels[j] * (y - q) : (1 - levels[j]) * (q - y);
        }
        const in80 = cover && y >= pred.quantiles[j10][i] && y <= pred.quantiles[j90][i] ? 1 : 0;
        const in90 = cover && y >= pred.quantiles[j05][i] && y <= pred.quantiles[j95][i] ? 1 : 0;
        for (const t of [acc, bucket]) {
          t.n++;
          t.abs += Math.abs(e);
          t.y += y;
          t.sq += e * e;
          t.scaled += Math.abs(e) / scale;
          t.pinball += pin / L / scale;
          t.in80 += in80;
          t.in90 += in90;
        }
      }
    }
    overall.add(acc);
    bySeries.push({ key: batch.keys[k], origins: origins.length, models, metrics: acc.metrics(cover) });
  }
  return {
    model: model.name,
    horizonDays: o.horizonDays,
    overall: overall.metrics(cover),
    byHorizon: horizonBuckets
      .map((bucket, i) => ({ bucket, metrics: byBucket[i].metrics(cover) }))
      .filter((x) => x.metrics.n > 0),
    bySeries,
    warnings,
  };
}
