import { type IntervalOptions, type MeanFit, type MeanModel, modelFromMeans } from './model-kit.js';
import type { SeriesGrid } from './series-grid.js';
import type { ForecastModel } from './types.js';

/**
 * Seasonal naive point forecasts: the same slot on the same weekday last week, respecting the calendar. When that
 * day was closed (a holiday) or the slot is missing, it looks a further week back, so a closed day never turns into
 * zeros for an open one; a make-up day takes its pattern weekday's last value; with no such day at all, the last
 * open day's slot.
 *
 * Complexity O(1) to fit; O(weeks back) per slot to predict.
 *
 * @example
 * auto({ candidates: [seasonalNaiveMeans()] });
 */
export function seasonalNaiveMeans(): MeanModel {
  return {
    name: 'seasonal-naive',
    fitMeans(grid: SeriesGrid, end: number): MeanFit {
      const S = grid.slotsPerDay;
      const values = grid.values;
      return {
        means(day, position, n, out) {
          let maxDay = 0;
          for (let i = 0; i < n; i++) if (day[i] > maxDay) maxDay = day[i];
          const f = grid.days(Math.max(maxDay + 1, end));
          for (let i = 0; i < n; i++) {
            const t = day[i];
            const s = position[i];
            const p = f.pattern[t];
            let v = Number.NaN;
            const first = t < end ? t - 7 : t - 7 * Math.ceil((t - end + 1) / 7);
            for (let b = first; b >= 0; b -= 7) {
              if (f.open[b] === 1 && f.pattern[b] === p) {
                const x = values[b * S + s];
                if (!Number.isNaN(x)) {
                  v = x;
                  break;
                }
              }
            }
            if (Number.isNaN(v)) v = lastValue(f.open, f.pattern, values, S, Math.min(t, end), s, p);
            out[i] = !Number.isNaN(v) ? v : 0;
          }
        },
      };
    },
  };
}

/** The slot's value on the last open day before `before` with pattern `p`, else on the last open day at all. */
function lastValue(
  open: Uint8Array,
  pattern: Uint8Array,
  values: Float64Array,
  S: number,
  before: number,
  s: number,
  p: number,
): number {
  let any = Number.NaN;
  for (let b = before - 1; b >= 0; b--) {
    if (open[b] === 0) continue;
    const x = values[b * S + s];
    if (Number.isNaN(x)) continue;
    if (pattern[b] === p) return x;
    if (Number.isNaN(any)) any = x;
  }
  return any;
}

/**
 * Seasonal naive model (the anchor every model is backtested against): the same slot last week, respecting the
 * calendar (see {@link seasonalNaiveMeans}). Intervals: negative binomial with the variance of its own
 * rolling-origin errors.
 *
 * @example
 * const fitted = seasonalNaive().fit(history, { calendar: 'none' });
 * fitted.predict(slots).mean; // last week's arrivals in the same slots
 */
export function seasonalNaive(options: IntervalOptions = {}): ForecastModel {
  return modelFromMeans(seasonalNaiveMeans(), options);
}
