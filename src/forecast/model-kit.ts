import { check, QueuecastError } from '../errors.js';
import type { History } from '../history/types.js';
import { countQuantilesInto } from './count-quantiles.js';
import { buildSeriesGrid, type SeriesGrid } from './series-grid.js';
import {
  defaultQuantileLevels,
  type FitContext,
  type FittedModel,
  type ForecastModel,
  type Prediction,
  type PredictionBuffer,
  type PredictOptions,
} from './types.js';

/** A model reduced to point forecasts: what each algorithm implements; intervals are layered on top. */
export interface MeanModel {
  readonly name: string;
  /** Fit on grid days `0 … end − 1`. May throw `INVALID_INPUT` when the history is too short for it. */
  fitMeans(grid: SeriesGrid, end: number): MeanFit;
}

/** Point forecasts of a fitted {@link MeanModel}, plus native quantiles when the model has a distribution. */
export interface MeanFit {
  /** Write the mean of the `n` targets `(day[i], position[i])` into `out` (closed days are zeroed by the caller). */
  means(day: Int32Array, position: Int32Array, n: number, out: Float64Array): void;
  /** The model's own predictive quantiles (count regression, MSTL), ascending `levels`. */
  quantiles?(
    day: Int32Array,
    position: Int32Array,
    n: number,
    mean: Float64Array,
    levels: readonly number[],
    out: readonly Float64Array[],
  ): void;
  readonly warnings?: readonly string[];
  /** Name of the model that produced the means, when it differs from the model's (a fallback). */
  readonly name?: string;
}

/**
 * Lead-time buckets of calibration and backtests: same day, 1–2 days, 3–6 days, 1–2 weeks (7 days and more).
 *
 * @example
 * horizonBuckets[0]; // => 'same day'
 */
export const horizonBuckets: readonly string[] = ['same day', '1–2 days', '3–6 days', '1–2 weeks'];

/** Bucket index of a lead time in days (0 = the forecast's first day). */
export function leadBucket(leadDays: number): number {
  return leadDays <= 0 ? 0 : leadDays <= 2 ? 1 : leadDays <= 6 ? 2 : 3;
}

/** Out-of-sample errors of a rolling-origin backtest: forecast mean, actual and lead (days) per target slot. */
export interface Residuals {
  readonly mean: Float64Array;
  readonly actual: Float64Array;
  readonly lead: Int32Array;
  readonly n: number;
  /** Origins that produced forecasts. */
  readonly origins: number;
}

/**
 * Origins of a weekly rolling-origin backtest ending at `end`: `end − offsetDays − 7k` (k = 0, 1, …, at most
 * `count`), ascending, each leaving at least 14 days of history after the first open day.
 */
export function weeklyOrigins(grid: SeriesGrid, end: number, count: number, offsetDays = 7): number[] {
  const f = grid.days(end);
  let firstOpen = 0;
  while (firstOpen < end && f.open[firstOpen] === 0) firstOpen++;
  const out: number[] = [];
  for (let k = 0; out.length < count; k++) {
    const o = end - offsetDays - 7 * k;
    if (o < firstOpen + 14) break;
    out.unshift(o);
  }
  return out;
}

/**
 * Rolling-origin residuals of a mean model inside `[0, end)`: origins `end − 7k` (k = 1 … origins), each
 * forecasting up to `horizonDays` ahead but never past `end`. Origins where the model cannot fit are skipped.
 *
 * Complexity O(origins × (fit + horizon × slots per day)).
 *
 * @example
 * const r = rollingResiduals(topDownMeans(), grid, grid.dayCount, 8, 14);
 * r.n; // slots scored out of sample
 */
export function rollingResiduals(
  model: MeanModel,
  grid: SeriesGrid,
  end: number,
  origins: number,
  horizonDays: number,
): Residuals {
  const S = grid.slotsPerDay;
  // The target slots of each origin are the same for every model: laid out once per grid.
  const targets = grid.memoize(`backtest-targets|${end}|${origins}|${horizonDays}`, () =>
    weeklyOrigins(grid, end, origins).map((o) => {
      const f = grid.days(end);
      const cells: number[] = [];
      for (let d = o; d < Math.min(end, o + horizonDays); d++) {
        if (f.open[d] === 0) continue;
        for (let s = 0; s < S; s++) if (!Number.isNaN(grid.values[d * S + s])) cells.push(d * S + s);
      }
      return {
        origin: o,
        day: Int32Array.from(cells, (c) => Math.floor(c / S)),
        pos: Int32Array.from(cells, (c) => c % S),
      };
    }),
  );
  const cap = targets.reduce((t, x) => t + x.day.length, 0);
  const mean = new Float64Array(cap);
  const actual = new Float64Array(cap);
  const lead = new Int32Array(cap);
  const out = new Float64Array(horizonDays * S);
  let n = 0;
  let used = 0;
  for (const { origin: o, day, pos } of targets) {
    const m = day.length;
    if (m === 0) continue;
    let fit: MeanFit;
    try {
      fit = model.fitMeans(grid, o);
    } catch (e) {
      if (e instanceof QueuecastError) continue;
      throw e;
    }
    fit.means(day, pos, m, out);
    used++;
    for (let i = 0; i < m; i++) {
      const v = out[i];
      if (Number.isNaN(v)) continue;
      mean[n] = Math.max(v, 0);
      actual[n] = grid.values[day[i] * S + pos[i]];
      lead[n] = day[i] - o;
      n++;
    }
  }
  return { mean, actual, lead, n, origins: used };
}

/** Variance function `v(μ) = a·μ + b·μ²` of forecast errors. */
export interface VarianceFunction {
  readonly a: number;
  readonly b: number;
}

/**
 * Fit `v(μ) = a·μ + b·μ²` (a ≥ 0.05, b ≥ 0) to squared residuals by weighted least squares (weights
 * `1 ∕ (μ + 1)²`, so that busy slots do not drown quiet ones).
 */
export function fitVarianceFunction(r: Residuals): VarianceFunction {
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let t1 = 0;
  let t2 = 0;
  for (let i = 0; i < r.n; i++) {
    const mu = r.mean[i];
    if (!(mu > 1e-9)) continue;
    const e = r.actual[i] - mu;
    const w = 1 / ((mu + 1) * (mu + 1));
    s11 += w * mu * mu;
    s12 += w * mu * mu * mu;
    s22 += w * mu * mu * mu * mu;
    t1 += w * e * e * mu;
    t2 += w * e * e * mu * mu;
  }
  if (!(s11 > 0)) return { a: 1, b: 0 };
  const det = s11 * s22 - s12 * s12;
  let a = det > 1e-12 * s11 * s22 ? (t1 * s22 - t2 * s12) / det : t1 / s11;
  let b = det > 1e-12 * s11 * s22 ? (t2 * s11 - t1 * s12) / det : 0;
  if (b < 0) {
    b = 0;
    a = t1 / s11;
  }
  if (a < 0.05) {
    a = 0.05;
    b = s22 > 0 ? Math.max(0, (t2 - a * s12) / s22) : 0;
  }
  return { a, b };
}

/** Residuals needed before intervals are calibrated empirically rather than from a count distribution. */
const MIN_CALIBRATION_RESIDUALS = 50;
/** Pseudo-count pulling a horizon bucket's residual quantiles towards the pooled ones. */
const BUCKET_SHRINK = 100;

/**
 * Conformal interval calibration: standardized rolling-origin residuals `z = (y − μ) ∕ √v(μ)`, centred on their
 * mean and sorted per horizon bucket, with v(μ) taken at μ ≥ 0.5 arrivals. A level-τ quantile is `max(0, μ + z_τ·√v(μ))` with `z_τ` the bucket's empirical τ-quantile shrunk
 * towards the pooled one, so the intervals cover what they claim on the residuals they were fitted to.
 *
 * Reference: split conformal prediction with a normalized score (Lei et al., JASA 113:1094, 2018).
 */
export interface IntervalCalibration {
  readonly variance: VarianceFunction;
  /** Sorted standardized residuals per bucket (index 0–3) and pooled (index 4). */
  readonly z: readonly Float64Array[];
  /** Residuals behind the calibration. */
  readonly count: number;
}

/**
 * Smallest mean used for the spread sd(μ) of calibrated intervals, arrivals per slot. Without it a slot forecast at
 * almost 0 that saw an arrival standardises to an enormous residual, which shifts every other residual of its
 * bucket and can clamp all quantiles of a series to 0.
 */
const SPREAD_MEAN_FLOOR = 0.5;

function spread(variance: VarianceFunction, mu: number): number {
  const m = Math.max(mu, SPREAD_MEAN_FLOOR);
  return Math.sqrt(variance.a * m + variance.b * m * m);
}

/** Calibrate intervals on residuals; `null` when there are too few. */
export function calibrateIntervals(r: Residuals): IntervalCalibration | null {
  if (r.n < MIN_CALIBRATION_RESIDUALS) return null;
  const variance = fitVarianceFunction(r);
  const z = new Float64Array(r.n);
  const counts = new Int32Array(5);
  const sums = new Float64Array(5);
  for (let i = 0; i < r.n; i++) {
    const mu = r.mean[i];
    const v = (r.actual[i] - mu) / spread(variance, mu);
    const b = leadBucket(r.lead[i]);
    z[i] = v;
    counts[b]++;
    sums[b] += v;
  }
  counts[4] = r.n;
  for (let b = 0; b < 4; b++) sums[4] += sums[b];
  const lists = [0, 1, 2, 3, 4].map((b) => new Float64Array(counts[b]));
  const fill = new Int32Array(5);
  for (let i = 0; i < r.n; i++) {
    const b = leadBucket(r.lead[i]);
    lists[b][fill[b]++] = z[i];
    lists[4][fill[4]++] = z[i];
  }
  // Centre each bucket on its mean: the means are the model's, the residuals calibrate spread and shape only, so a
  // bias of the calibration weeks does not shift every quantile of the weeks ahead.
  for (let b = 0; b < 5; b++) {
    const m = counts[b] > 0 ? sums[b] / counts[b] : 0;
    const l = lists[b];
    for (let i = 0; i < l.length; i++) l[i] -= m;
    l.sort();
  }
  return { variance, z: lists, count: r.n };
}

function sortedQuantile(sorted: Float64Array, level: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * level;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The calibrated standardized quantile of a bucket at `level`. */
export function calibratedZ(cal: IntervalCalibration, bucket: number, level: number): number {
  const pooled = sortedQuantile(cal.z[4], level);
  const zb = cal.z[bucket];
  if (zb.length === 0) return pooled;
  return (zb.length * sortedQuantile(zb, level) + BUCKET_SHRINK * pooled) / (zb.length + BUCKET_SHRINK);
}

/** How a fitted model turns means into quantiles. */
export type IntervalMethod =
  | { readonly kind: 'native' }
  | { readonly kind: 'count'; readonly variance: VarianceFunction }
  | { readonly kind: 'calibrated'; readonly calibration: IntervalCalibration };

/** Resolve and validate quantile levels (ascending, in (0, 1)). */
export function resolveLevels(levels: readonly number[] | undefined, fn: string): readonly number[] {
  const q = levels ?? defaultQuantileLevels;
  for (let j = 0; j < q.length; j++) {
    check(
      Number.isFinite(q[j]) && q[j] > 0 && q[j] < 1 && (j === 0 || q[j] > q[j - 1]),
      fn,
      'quantile levels must be ascending numbers in (0, 1)',
      q,
    );
  }
  return q;
}

/** Default variance when a model has too little history to measure its errors: Poisson with 5 % extra. */
export const fallbackVariance: VarianceFunction = { a: 1, b: 0.05 };

/** A fitted model built from a {@link MeanFit} and an interval method. */
export class FittedFromMeans implements FittedModel {
  constructor(
    readonly name: string,
    readonly grid: SeriesGrid,
    readonly endDay: number,
    private readonly fit: MeanFit,
    private readonly intervals: IntervalMethod,
    readonly warnings: readonly string[],
  ) {}

  predict(slots: ArrayLike<number>, options: PredictOptions = {}): Prediction {
    const levels = resolveLevels(options.quantiles, 'predict');
    const n = slots.length;
    const mean = new Float64Array(n);
    const quantiles = levels.map(() => new Float64Array(n));
    this.predictInto(slots, { mean, quantiles }, { quantiles: levels });
    return { slotStart: Float64Array.from(slots), mean, levels, quantiles };
  }

  predictInto(slots: ArrayLike<number>, out: PredictionBuffer, options: PredictOptions = {}): void {
    const levels = resolveLevels(options.quantiles, 'predictInto');
    const n = slots.length;
    check(
      out.mean.length >= n &&
        out.quantiles.length >= levels.length &&
        out.quantiles.every((q) => q.length >= n),
      'predictInto',
      'the buffers must hold a mean and one array per quantile level, each at least as long as the slots',
      { slots: n, mean: out.mean.length, quantiles: out.quantiles.length },
    );
    const day = new Int32Array(n);
    const pos = new Int32Array(n);
    this.grid.locate(slots, day, pos);
    let maxDay = 0;
    for (let i = 0; i < n; i++) {
      if (day[i] < 0) {
        throw new QueuecastError(
          'INVALID_ARGUMENT',
          `predict: a slot must not lie before the history's first day ${this.grid.dateOf(0)}, got day ${this.grid.dateOf(day[i])}`,
        );
      }
      if (day[i] > maxDay) maxDay = day[i];
    }
    const f = this.grid.days(maxDay + 1);
    const mean = out.mean;
    this.fit.means(day, pos, n, mean);
    for (let i = 0; i < n; i++) {
      const m = mean[i];
      if (f.open[day[i]] === 0) mean[i] = 0;
      else if (!(m >= 0)) {
        if (!Number.isNaN(m) && m !== Number.POSITIVE_INFINITY) mean[i] = 0;
        else {
          throw new QueuecastError(
            'SOLVER_FAILED',
            `${this.name}: the model produced a non-finite forecast (${m}) for ${this.grid.dateOf(day[i])}`,
          );
        }
      }
    }
    const q = out.quantiles;
    const L = levels.length;
    const iv = this.intervals;
    if (iv.kind === 'native' && this.fit.quantiles !== undefined) {
      this.fit.quantiles(day, pos, n, mean, levels, q);
    } else if (iv.kind === 'calibrated') {
      const cal = iv.calibration;
      const zs: Float64Array[] = [0, 1, 2, 3].map(
        (b) => new Float64Array(levels.map((lv) => calibratedZ(cal, b, lv))),
      );
      for (let i = 0; i < n; i++) {
        const mu = mean[i];
        const sd = spread(cal.variance, mu);
        const z = zs[leadBucket(day[i] - this.endDay)];
        for (let j = 0; j < L; j++) {
          const v = mu + z[j] * sd;
          q[j][i] = Math.max(v, 0);
        }
      }
    } else {
      const { a, b } = iv.kind === 'count' ? iv.variance : fallbackVariance;
      for (let i = 0; i < n; i++) {
        const mu = mean[i];
        countQuantilesInto(mu, a * mu + b * mu * mu, levels, q, i);
      }
    }
    for (let i = 0; i < n; i++) {
      if (f.open[day[i]] === 0) {
        for (let j = 0; j < L; j++) q[j][i] = 0;
        continue;
      }
      let prev = 0;
      for (let j = 0; j < L; j++) {
        let v = q[j][i];
        if (!(v >= prev)) {
          if (Number.isNaN(v)) {
            throw new QueuecastError(
              'SOLVER_FAILED',
              `${this.name}: the model produced a non-finite quantile for ${this.grid.dateOf(day[i])}`,
            );
          }
          v = prev;
        }
        q[j][i] = v;
        prev = v;
      }
    }
  }
}

/** Options of {@link modelFromMeans}. */
export interface IntervalOptions {
  /**
   * `calibrated`: conformal, on rolling-origin residuals inside the history. `count`: a negative binomial with
   * the variance function of those residuals. `native`: the model's own distribution (count regression, MSTL).
   */
  readonly intervals?: 'calibrated' | 'count' | 'native';
  /** Weekly origins of the internal backtest that measures errors. Default 8. */
  readonly calibrationOrigins?: number;
  /** Days each internal origin forecasts. Default 14. */
  readonly calibrationHorizonDays?: number;
}

/**
 * Defaults of {@link IntervalOptions}: count-model intervals; calibration over 8 weekly origins of 14 days.
 *
 * @example
 * defaultIntervalOptions.calibrationOrigins; // => 8
 */
export const defaultIntervalOptions = {
  intervals: 'count',
  calibrationOrigins: 8,
  calibrationHorizonDays: 14,
} as const satisfies IntervalOptions;

/** Interval method from residuals, with the warning to record when there were too few. */
export function intervalsFromResiduals(
  r: Residuals,
  kind: 'calibrated' | 'count',
  warnings: string[],
): IntervalMethod {
  if (kind === 'calibrated') {
    const calibration = calibrateIntervals(r);
    if (calibration !== null) return { kind: 'calibrated', calibration };
  }
  if (r.n < MIN_CALIBRATION_RESIDUALS) {
    warnings.push(
      `too little history to measure forecast errors (${r.n} backtest residuals): intervals assume Poisson counts with 5 % extra variance`,
    );
    return { kind: 'count', variance: fallbackVariance };
  }
  return { kind: 'count', variance: fitVarianceFunction(r) };
}

/** Validate the end day of a grid fit. */
export function resolveEnd(grid: SeriesGrid, endDay: number | undefined, fn: string): number {
  const end = endDay ?? grid.dayCount;
  check(
    Number.isInteger(end) && end >= 1 && end <= grid.dayCount,
    fn,
    `endDay must be an integer from 1 to the history's ${grid.dayCount} days`,
    end,
  );
  return end;
}

/** Wrap a fit-on-grid function into the full {@link ForecastModel} contract. */
export function forecastModel(
  name: string,
  fitGrid: (grid: SeriesGrid, end: number) => FittedModel,
): ForecastModel {
  const model: ForecastModel = {
    name,
    fitGrid(grid: SeriesGrid, endDay?: number): FittedModel {
      return fitGrid(grid, resolveEnd(grid, endDay, `${name}.fitGrid`));
    },
    fit(history: History, context: FitContext = {}): FittedModel {
      const grid = buildSeriesGrid(history, context);
      return fitGrid(grid, grid.dayCount);
    },
    forecast(
      history: History,
      slots: ArrayLike<number>,
      options: PredictOptions & FitContext = {},
    ): Prediction {
      return model.fit(history, options).predict(slots, options);
    },
  };
  return model;
}

/**
 * Turn a {@link MeanModel} into a {@link ForecastModel}: fit the means on the history, measure errors with an
 * internal weekly rolling-origin backtest, and derive intervals from them (see {@link IntervalOptions}).
 *
 * @example
 * const model = modelFromMeans(topDownMeans({ levelHalfLifeDays: 10 }), { intervals: 'calibrated' });
 * model.fit(history).predict(slots);
 */
export function modelFromMeans(meanModel: MeanModel, options: IntervalOptions = {}): ForecastModel {
  const o = { ...defaultIntervalOptions, ...options };
  check(
    Number.isInteger(o.calibrationOrigins) && o.calibrationOrigins >= 1,
    meanModel.name,
    'calibrationOrigins must be a positive integer',
    o.calibrationOrigins,
  );
  check(
    Number.isInteger(o.calibrationHorizonDays) && o.calibrationHorizonDays >= 1,
    meanModel.name,
    'calibrationHorizonDays must be a positive integer',
    o.calibrationHorizonDays,
  );
  return forecastModel(meanModel.name, (grid, end) => {
    // Backtest first, then the final fit: ascending ends let the models' running sums advance instead of restart.
    const backtested =
      o.intervals === 'native'
        ? null
        : rollingResiduals(meanModel, grid, end, o.calibrationOrigins, o.calibrationHorizonDays);
    const fit = meanModel.fitMeans(grid, end);
    const warnings = [...grid.warnings, ...(fit.warnings ?? [])];
    let intervals: IntervalMethod;
    if (o.intervals === 'native' && fit.quantiles !== undefined) {
      intervals = { kind: 'native' };
    } else {
      const r =
        backtested ?? rollingResiduals(meanModel, grid, end, o.calibrationOrigins, o.calibrationHorizonDays);
      intervals = intervalsFromResiduals(r, o.intervals === 'calibrated' ? 'calibrated' : 'count', warnings);
    }
    return new FittedFromMeans(fit.name ?? meanModel.name, grid, end, fit, intervals, warnings);
  });
}
