import { check } from '../errors.js';
import { type IntervalOptions, type MeanFit, type MeanModel, modelFromMeans } from './model-kit.js';
import type { SeriesGrid } from './series-grid.js';
import type { ForecastModel } from './types.js';

/** Options of {@link weekdayAverage}. */
export interface WeekdayAverageOptions extends IntervalOptions {
  /** Open days of the same weekday pattern averaged (the last k weeks). Default 4. */
  readonly weeks?: number;
}

/**
 * Defaults of {@link weekdayAverage}: the last 4 open same-weekday days.
 *
 * @example
 * defaultWeekdayAverageOptions.weeks; // => 4
 */
export const defaultWeekdayAverageOptions = { weeks: 4 } as const satisfies WeekdayAverageOptions;

/**
 * Same-weekday average point forecasts: each slot is the mean of the same slot on the last `weeks` open days with
 * the same weekday pattern (closed days are skipped, so a holiday does not pull it down; make-up days follow their
 * pattern weekday). A pattern never seen uses the last `weeks` open days of any weekday.
 *
 * Complexity O(weeks × slots per day × 7) to fit, O(1) per slot to predict.
 *
 * @example
 * auto({ candidates: [weekdayAverageMeans({ weeks: 8 })] });
 */
export function weekdayAverageMeans(options: WeekdayAverageOptions = {}): MeanModel {
  const k = options.weeks ?? defaultWeekdayAverageOptions.weeks;
  check(Number.isInteger(k) && k >= 1, 'weekdayAverage', 'weeks must be a positive integer', k);
  return {
    name: `weekday-average(${k})`,
    fitMeans(grid: SeriesGrid, end: number): MeanFit {
      const S = grid.slotsPerDay;
      const f = grid.days(end);
      const sum = new Float64Array(8 * S);
      const cnt = new Float64Array(8 * S);
      const daysOf = new Uint8Array(8);
      let anyDays = 0;
      for (let d = end - 1; d >= 0; d--) {
        if (f.open[d] === 0) continue;
        const p = f.pattern[d];
        const takeP = daysOf[p] < k;
        const takeAny = anyDays < k;
        if (!takeP && !takeAny) continue;
        if (takeP) daysOf[p]++;
        if (takeAny) anyDays++;
        for (let s = 0; s < S; s++) {
          const x = grid.values[d * S + s];
          if (Number.isNaN(x)) continue;
          if (takeP) {
            sum[p * S + s] += x;
            cnt[p * S + s]++;
          }
          if (takeAny) {
            sum[s] += x;
            cnt[s]++;
          }
        }
      }
      const avg = new Float64Array(8 * S);
      for (let p = 0; p < 8; p++) {
        for (let s = 0; s < S; s++) {
          const j = p * S + s;
          avg[j] =
            p > 0 && daysOf[p] > 0 ? (cnt[j] > 0 ? sum[j] / cnt[j] : 0) : cnt[s] > 0 ? sum[s] / cnt[s] : 0;
        }
      }
      return {
        means(day, position, n, out) {
          let maxDay = 0;
          for (let i = 0; i < n; i++) if (day[i] > maxDay) maxDay = day[i];
          const pattern = grid.days(maxDay + 1).pattern;
          for (let i = 0; i < n; i++) out[i] = avg[pattern[day[i]] * S + position[i]];
        },
      };
    },
  };
}

/**
 * Same-weekday average of the last k weeks (default 4): a strong anchor one week ahead. Intervals: negative
 * binomial with the variance of its own rolling-origin errors.
 *
 * @example
 * weekdayAverage({ weeks: 4 }).fit(history).predict(slots).mean;
 */
export function weekdayAverage(options: WeekdayAverageOptions = {}): ForecastModel {
  return modelFromMeans(weekdayAverageMeans(options), options);
}
