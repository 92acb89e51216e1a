import { check } from '../errors.js';
import { CALENDAR_FLAGS, calendarDose, calendarFlags } from './calendar-effects.js';
import { fitCountGlm } from './count-glm.js';
import { countQuantilesInto } from './count-quantiles.js';
import { type IntervalOptions, type MeanFit, type MeanModel, modelFromMeans } from './model-kit.js';
import type { SeriesGrid } from './series-grid.js';
import type { ForecastModel } from './types.js';

/** Options of {@link countRegression}. */
export interface CountRegressionOptions extends IntervalOptions {
  /** `negative-binomial` (default) or `poisson`. */
  readonly family?: 'negative-binomial' | 'poisson';
  /** Half-life of the observation weights, weeks (recent weeks count more). Default 26. */
  readonly halfLifeWeeks?: number;
  /** Weeks of history used at most. Default 104. */
  readonly maxWeeks?: number;
  /** Whether the model has a linear trend (held flat four weeks past the history). Default false. */
  readonly trend?: boolean;
}

/**
 * Defaults of {@link countRegression}: negative binomial family, observations weighted with a 26-week half-life
 * over at most 104 weeks, no trend, native (negative binomial) intervals.
 *
 * @example
 * defaultCountRegressionOptions.family; // => 'negative-binomial'
 */
export const defaultCountRegressionOptions = {
  family: 'negative-binomial',
  halfLifeWeeks: 26,
  maxWeeks: 104,
  trend: false,
  intervals: 'native',
} as const satisfies CountRegressionOptions;

/**
 * Count regression point forecasts: a log-linear Poisson or negative binomial GLM of each slot's arrivals on the
 * slot of the day, the weekday pattern, make-up day, the first two days after a long break, month end and
 * (optionally) trend, fitted by IRLS with exponentially decaying weights. Its predictive distribution is the
 * fitted negative binomial itself, which suits intermittent series with a few arrivals a day.
 *
 * Reference: McCullagh & Nelder (1989); Cameron & Trivedi, Regression Analysis of Count Data (2013), ch. 3.
 * Complexity O(IRLS iterations × rows) per fit (rows are sparse: eight non-zeros).
 *
 * @example
 * auto({ candidates: [...defaultAutoCandidates(), countRegressionMeans()] });
 */
export function countRegressionMeans(options: CountRegressionOptions = {}): MeanModel {
  const o = { ...defaultCountRegressionOptions, ...options };
  check(o.halfLifeWeeks > 0, 'countRegression', 'halfLifeWeeks must be positive', o.halfLifeWeeks);
  check(o.maxWeeks >= 1, 'countRegression', 'maxWeeks must be at least 1', o.maxWeeks);
  check(
    o.family === 'poisson' || o.family === 'negative-binomial',
    'countRegression',
    'family must be poisson or negative-binomial',
    o.family,
  );
  return {
    name: `count-regression(${o.family})`,
    fitMeans(grid: SeriesGrid, end: number): MeanFit {
      const S = grid.slotsPerDay;
      const f = grid.days(end);
      const start = Math.max(0, end - Math.round(7 * o.maxWeeks));
      const decay = 0.5 ** (1 / (7 * o.halfLifeWeeks));
      const patternW = new Float64Array(8);
      const slotSum = new Float64Array(S);
      const slotSeen = new Uint8Array(S);
      const flagSeen = new Float64Array(CALENDAR_FLAGS);
      let rows = 0;
      for (let d = start; d < end; d++) {
        if (f.open[d] === 0) continue;
        const fl = calendarFlags(f, d);
        for (let k = 0; k < CALENDAR_FLAGS; k++) if (fl & (1 << k)) flagSeen[k]++;
        for (let s = 0; s < S; s++) {
          const v = grid.values[d * S + s];
          if (Number.isNaN(v)) continue;
          rows++;
          slotSeen[s] = 1;
          slotSum[s] += v;
          patternW[f.pattern[d]]++;
        }
      }
      let basePattern = 1;
      for (let p = 2; p <= 7; p++) if (patternW[p] > patternW[basePattern]) basePattern = p;
      let baseSlot = 0;
      for (let s = 1; s < S; s++) if (slotSum[s] > slotSum[baseSlot]) baseSlot = s;
      let p = 1;
      const patternCol = new Int32Array(8).fill(-1);
      for (let q = 1; q <= 7; q++) if (q !== basePattern && patternW[q] > 0) patternCol[q] = p++;
      const slotCol = new Int32Array(S).fill(-1);
      for (let s = 0; s < S; s++) if (slotSeen[s] && s !== baseSlot) slotCol[s] = p++;
      const flagCol = new Int32Array(CALENDAR_FLAGS).fill(-1);
      for (let k = 0; k < CALENDAR_FLAGS; k++) if (flagSeen[k] > 0) flagCol[k] = p++;
      const trendCol = o.trend && end - start >= 56 ? p++ : -1;
      const width = 3 + CALENDAR_FLAGS + 1;
      const column = new Int32Array(rows * width).fill(-1);
      const value = new Float64Array(rows * width);
      const y = new Float64Array(rows);
      const w = new Float64Array(rows);
      let i = 0;
      for (let d = start; d < end; d++) {
        if (f.open[d] === 0) continue;
        const fl = calendarFlags(f, d);
        const wd = decay ** (end - 1 - d);
        for (let s = 0; s < S; s++) {
          const v = grid.values[d * S + s];
          if (Number.isNaN(v)) continue;
          const b = i * width;
          column[b] = 0;
          value[b] = 1;
          if (patternCol[f.pattern[d]] >= 0) {
            column[b + 1] = patternCol[f.pattern[d]];
            value[b + 1] = 1;
          }
          if (slotCol[s] >= 0) {
            column[b + 2] = slotCol[s];
            value[b + 2] = 1;
          }
          for (let k = 0; k < CALENDAR_FLAGS; k++) {
            if (fl & (1 << k) && flagCol[k] >= 0) {
              column[b + 3 + k] = flagCol[k];
              value[b + 3 + k] = calendarDose(f, d, k);
            }
          }
          if (trendCol >= 0) {
            column[b + 3 + CALENDAR_FLAGS] = trendCol;
            value[b + 3 + CALENDAR_FLAGS] = (d - end) / 365.25;
          }
          y[i] = v;
          w[i] = wd;
          i++;
        }
      }
      const ridge = new Float64Array(p).fill(1e-3);
      ridge[0] = 0;
      for (let k = 0; k < CALENDAR_FLAGS; k++) if (flagCol[k] >= 0) ridge[flagCol[k]] = 1;
      if (trendCol >= 0) ridge[trendCol] = 1;
      let ySum = 0;
      for (let k = 0; k < rows; k++) ySum += y[k];
      const fit =
        ySum > 0
          ? fitCountGlm({ rows, columns: p, width, column, value }, y, w, { family: o.family, ridge })
          : { coefficients: new Float64Array(p), dispersion: 0 };
      const beta = fit.coefficients;
      const phi = o.family === 'negative-binomial' ? fit.dispersion : 0;
      const trendCap = 28 / 365.25;
      return {
        means(day, position, n, out) {
          let maxDay = 0;
          for (let k = 0; k < n; k++) if (day[k] > maxDay) maxDay = day[k];
          const g = grid.days(maxDay + 1);
          for (let k = 0; k < n; k++) {
            const d = day[k];
            const s = position[k];
            if (ySum === 0 || !slotSeen[s]) {
              out[k] = 0;
              continue;
            }
            let eta = beta[0];
            const pc = patternCol[g.pattern[d]];
            if (pc >= 0) eta += beta[pc];
            if (slotCol[s] >= 0) eta += beta[slotCol[s]];
            const fl = calendarFlags(g, d);
            for (let j = 0; j < CALENDAR_FLAGS; j++) {
              if (fl & (1 << j) && flagCol[j] >= 0) eta += beta[flagCol[j]] * calendarDose(g, d, j);
            }
            if (trendCol >= 0) eta += beta[trendCol] * Math.min((d - end) / 365.25, trendCap);
            out[k] = Math.exp(eta);
          }
        },
        quantiles(_day, _position, n, mean, levels, out) {
          for (let k = 0; k < n; k++)
            countQuantilesInto(mean[k], mean[k] + phi * mean[k] * mean[k], levels, out, k);
        },
      };
    },
  };
}

/**
 * Count regression model: a Poisson or negative binomial GLM (IRLS) on calendar and slot features with its own
 * predictive distribution (see {@link countRegressionMeans}). Good for low-volume and intermittent series.
 *
 * @example
 * countRegression({ family: 'negative-binomial' }).fit(history).predict(slots).quantiles;
 */
export function countRegression(options: CountRegressionOptions = {}): ForecastModel {
  return modelFromMeans(countRegressionMeans(options), { ...defaultCountRegressionOptions, ...options });
}
