import { check } from '../errors.js';
import {
  defaultIntervalOptions,
  FittedFromMeans,
  forecastModel,
  intervalsFromResiduals,
  type MeanModel,
  type Residuals,
  rollingResiduals,
} from './model-kit.js';
import { seasonalNaiveMeans } from './seasonal-naive.js';
import { topDownMeans } from './top-down.js';
import type { ForecastModel } from './types.js';
import { weekdayAverageMeans } from './weekday-average.js';

/** Options of {@link auto}. */
export interface AutoOptions {
  /** Candidate point forecasters. Default {@link defaultAutoCandidates}. */
  readonly candidates?: readonly MeanModel[];
  /** Weekly origins of the internal rolling-origin backtest that chooses and calibrates. Default 8. */
  readonly origins?: number;
  /** Days each origin forecasts. Default 14. */
  readonly horizonDays?: number;
  /** `calibrated` (conformal, default) or `count` (negative binomial with the measured variance). */
  readonly intervals?: 'calibrated' | 'count';
  /**
   * How much lower (relative) another candidate's backtest WAPE must be to replace the first candidate: a hedge
   * against choosing on the noise of a short backtest. Default 0.05.
   */
  readonly switchMargin?: number;
}

/**
 * Defaults of {@link auto}: 8 weekly origins of 14 days, calibrated intervals, and a switch away from the first
 * candidate only when another's backtest WAPE is at least 5 % (0.05) lower.
 *
 * @example
 * defaultAutoOptions.switchMargin; // => 0.05
 */
export const defaultAutoOptions = {
  origins: defaultIntervalOptions.calibrationOrigins,
  horizonDays: defaultIntervalOptions.calibrationHorizonDays,
  intervals: 'calibrated',
  switchMargin: 0.05,
} as const satisfies AutoOptions;

/**
 * The candidates {@link auto} compares by default: top-down with smoothed daily totals (three memory settings;
 * calendar effects included), top-down TSB (intermittent series), the 4-week same-weekday average and seasonal
 * naive. Top-down with regression daily totals and the count regression are not among them by default (they never
 * beat the first candidate by the switch margin on the real series and cost a third of the time); pass them in
 * `candidates` to compare them too.
 *
 * @example
 * auto({ candidates: [...defaultAutoCandidates(), topDownMeans({ daily: 'regression' })] });
 */
export function defaultAutoCandidates(): MeanModel[] {
  return [
    topDownMeans({ levelHalfLifeDays: 20, profileHalfLifeWeeks: 16 }),
    topDownMeans({ levelHalfLifeDays: 10, profileHalfLifeWeeks: 52 }),
    topDownMeans({ levelHalfLifeDays: 40, profileHalfLifeWeeks: 4 }),
    topDownMeans({ daily: 'tsb' }),
    weekdayAverageMeans({ weeks: 4 }),
    seasonalNaiveMeans(),
  ];
}

function wape(r: Residuals): number {
  let ae = 0;
  let ay = 0;
  for (let i = 0; i < r.n; i++) {
    ae += Math.abs(r.actual[i] - r.mean[i]);
    ay += r.actual[i];
  }
  return ay > 0 ? ae / ay : r.n > 0 ? ae / r.n : Number.POSITIVE_INFINITY;
}

/**
 * Auto model (the default): per series, backtest every candidate on weekly rolling origins inside the history,
 * keep the one with the lowest WAPE, and calibrate its intervals conformally on the same out-of-sample errors
 * (per horizon bucket), so that the 80 % interval covers about 80 %. With too little history to backtest, the
 * first candidate is used with count-distribution intervals, and a warning says so.
 *
 * Complexity O(candidates × origins × fit).
 *
 * @example
 * const fitted = auto().fit(history);
 * fitted.name;                  // e.g. 'top-down(smoothing, level 20d, profile 16w)'
 * fitted.predict(slots).quantiles; // p05 … p95, calibrated
 */
export function auto(options: AutoOptions = {}): ForecastModel {
  const o = { ...defaultAutoOptions, ...options };
  check(
    Number.isInteger(o.origins) && o.origins >= 1,
    'auto',
    'origins must be a positive integer',
    o.origins,
  );
  check(
    Number.isInteger(o.horizonDays) && o.horizonDays >= 1,
    'auto',
    'horizonDays must be a positive integer',
    o.horizonDays,
  );
  const candidates = o.candidates ?? defaultAutoCandidates();
  check(candidates.length > 0, 'auto', 'candidates must not be empty', candidates.length);
  return forecastModel('auto', (grid, end) => {
    let best = candidates[0];
    let bestResiduals: Residuals | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const r = rollingResiduals(c, grid, end, o.origins, o.horizonDays);
      if (r.n === 0) continue;
      const score = wape(r) * (bestResiduals === null ? 1 - o.switchMargin : 1);
      if (score < bestScore) {
        bestScore = score;
        best = c;
        bestResiduals = r;
      }
    }
    const warnings = [...grid.warnings];
    if (bestResiduals === null) {
      warnings.push(`auto: too little history to backtest the candidates; using ${best.name}`);
    }
    const fit = best.fitMeans(grid, end);
    if (fit.warnings) warnings.push(...fit.warnings);
    const r = bestResiduals ?? rollingResiduals(best, grid, end, o.origins, o.horizonDays);
    const intervals = intervalsFromResiduals(r, o.intervals, warnings);
    return new FittedFromMeans(best.name, grid, end, fit, intervals, warnings);
  });
}
