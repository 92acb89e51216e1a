import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initSync, MSTL } from '@bsull/augurs/mstl';
import { check, QueuecastError } from '../errors.js';
import { normalQuantile } from './count-quantiles.js';
import { type IntervalOptions, type MeanFit, type MeanModel, modelFromMeans } from './model-kit.js';
import type { SeriesGrid } from './series-grid.js';
import type { ForecastModel } from './types.js';

let wasmReady = false;

/** Load augurs' MSTL WebAssembly synchronously (in Node its default loader would `fetch` a file URL). */
function ensureAugurs(): void {
  if (wasmReady) return;
  const require = createRequire(import.meta.url);
  const js = require.resolve('@bsull/augurs/mstl');
  initSync({ module: readFileSync(join(dirname(js), 'mstl_bg.wasm')) });
  wasmReady = true;
}

/** Options of {@link mstl}. */
export interface MstlOptions extends IntervalOptions {
  /** Fit on at most this many recent weeks (MSTL's cost grows with the history). Default: all of it. */
  readonly maxWeeks?: number;
}

/**
 * Defaults of {@link mstl}: augurs' native intervals, fitted on the whole history (no week limit).
 *
 * @example
 * defaultMstlOptions.intervals; // => 'native'
 */
export const defaultMstlOptions = {
  intervals: 'native',
  maxWeeks: Number.POSITIVE_INFINITY,
} as const satisfies MstlOptions;

/** The level of augurs' interval that the native quantiles are derived from. */
const NATIVE_LEVEL = 0.8;
const Z_NATIVE = normalQuantile(0.5 + NATIVE_LEVEL / 2);

/**
 * MSTL point forecasts from @bsull/augurs (multiple seasonal-trend decomposition by Loess, AutoETS trend): periods
 * of one day and one week of open slots. The series is the regular sequence of the weekdays the calendar opens,
 * with closed ones (holidays) filled by the same slot a week earlier so the weekly phase holds; make-up days take
 * the forecast of their pattern weekday in the same week. Needs two weeks of history.
 *
 * Reference: Bandara, Hyndman & Bergmeir, "MSTL", arXiv:2107.13462 (2021). Complexity about O(n) per fit, with a
 * large constant (hundreds of ms for a year of 30-minute slots).
 *
 * @example
 * modelFromMeans(mstlMeans({ maxWeeks: 16 }), { intervals: 'calibrated' });
 */
export function mstlMeans(options: MstlOptions = {}): MeanModel {
  const maxWeeks = options.maxWeeks ?? defaultMstlOptions.maxWeeks;
  check(maxWeeks >= 2, 'mstl', 'maxWeeks must be at least 2', maxWeeks);
  return {
    name: 'mstl',
    fitMeans(grid: SeriesGrid, end: number): MeanFit {
      ensureAugurs();
      const S = grid.slotsPerDay;
      const f = grid.days(end);
      const openWeekdays: number[] = [];
      for (let w = 1; w <= 7; w++) if ((grid.openingHours[w as 1] ?? []).length > 0) openWeekdays.push(w);
      const isPatternDay = (w: number) => openWeekdays.includes(w);
      const used: number[] = [];
      for (let s = 0; s < S; s++) if (openWeekdays.some((w) => grid.positions[w].includes(s))) used.push(s);
      const Su = used.length;
      const perWeek = openWeekdays.length;
      let start = Math.max(0, end - Math.min(maxWeeks * 7, end));
      while (start < end && !(f.open[start] === 1 && isPatternDay(f.weekday[start]))) start++;
      const seqDays: number[] = [];
      for (let d = start; d < end; d++) if (isPatternDay(f.weekday[d])) seqDays.push(d);
      if (Su === 0 || seqDays.length < 2 * perWeek) {
        throw new QueuecastError(
          'INVALID_INPUT',
          `mstl: needs two weeks of history, got ${seqDays.length} open day(s)`,
        );
      }
      const y = new Float64Array(seqDays.length * Su);
      for (let i = 0; i < seqDays.length; i++) {
        const d = seqDays[i];
        for (let j = 0; j < Su; j++) {
          const v = f.open[d] === 1 ? grid.values[d * S + used[j]] : Number.NaN;
          y[i * Su + j] = !Number.isNaN(v) ? v : i >= perWeek ? y[(i - perWeek) * Su + j] : 0;
        }
      }
      const periods = [Su, Su * perWeek].filter((p, k, a) => p > 1 && a.indexOf(p) === k);
      const model = MSTL.ets(periods);
      model.fit(y);
      const slotIndex = new Int32Array(S).fill(-1);
      used.forEach((s, j) => {
        slotIndex[s] = j;
      });
      const seqIndex = new Map<number, number>();
      seqDays.forEach((d, i) => {
        seqIndex.set(d, i);
      });
      let futurePoint: number[] = [];
      let futureSd: number[] = [];
      let pastPoint: number[] | null = null;
      let pastSd: number[] | null = null;
      const weekdayOf = (d: number): number => ((((grid.firstDayNumber + d + 3) % 7) + 7) % 7) + 1;
      const stand = isPatternDay(grid.makeUpDayWeekday) ? grid.makeUpDayWeekday : 0;
      /** Place of a day in the sequence of pattern days (counting on past `end`); other days borrow a pattern day's. */
      const seqOf = (d: number): number => {
        let day = d;
        if (!isPatternDay(weekdayOf(d))) {
          for (let k = 1; k <= 7; k++) {
            const w = weekdayOf(d - k);
            if (stand > 0 ? w === stand : isPatternDay(w)) {
              day = d - k;
              break;
            }
          }
        }
        if (day < end) return seqIndex.get(day) ?? -1;
        let k = seqDays.length - 1;
        for (let c = end; c <= day; c++) if (isPatternDay(weekdayOf(c))) k++;
        return k;
      };
      const lookup = (d: number, s: number): [number, number] => {
        const i = seqOf(d);
        const j = slotIndex[s];
        if (i < 0 || j < 0) return [0, 0];
        if (i >= seqDays.length) {
          const h = (i - seqDays.length + 1) * Su;
          if (futurePoint.length < h) {
            const fc = model.predict(Math.max(h, 14 * Su), NATIVE_LEVEL);
            futurePoint = fc.point;
            futureSd = fc.intervals
              ? fc.intervals.upper.map((u, k) => (u - fc.point[k]) / Z_NATIVE)
              : fc.point.map(() => 0);
          }
          const k = (i - seqDays.length) * Su + j;
          return [futurePoint[k], futureSd[k]];
        }
        if (pastPoint === null || pastSd === null) {
          const fc = model.predictInSample(NATIVE_LEVEL);
          const point = fc.point;
          pastPoint = point;
          pastSd = fc.intervals
            ? fc.intervals.upper.map((u, k) => (u - point[k]) / Z_NATIVE)
            : point.map(() => 0);
        }
        return [pastPoint[i * Su + j], pastSd[i * Su + j]];
      };
      return {
        means(day, position, n, out) {
          for (let i = 0; i < n; i++) out[i] = lookup(day[i], position[i])[0];
        },
        quantiles(day, position, n, _mean, levels, out) {
          const z = levels.map((l) => normalQuantile(l));
          for (let i = 0; i < n; i++) {
            const [point, sd] = lookup(day[i], position[i]);
            for (let j = 0; j < levels.length; j++) {
              const v = point + z[j] * sd;
              out[j][i] = Math.max(v, 0);
            }
          }
        },
      };
    },
  };
}

/**
 * MSTL via @bsull/augurs, wrapped as a model: the peer to beat. Intervals are augurs' own (normal, from its 80 %
 * interval) unless `intervals` asks for calibrated or count intervals.
 *
 * @example
 * const fitted = mstl().fit(history, { calendar: 'none' });
 * fitted.predict(slots).mean;
 */
export function mstl(options: MstlOptions = {}): ForecastModel {
  return modelFromMeans(mstlMeans(options), { ...defaultMstlOptions, ...options });
}
