import { check } from '../errors.js';
import { CALENDAR_FLAGS, calendarDose, calendarFlags } from './calendar-effects.js';
import { fitCountGlm } from './count-glm.js';
import { type IntervalOptions, type MeanFit, type MeanModel, modelFromMeans } from './model-kit.js';
import type { DayFeatures, SeriesGrid } from './series-grid.js';
import type { ForecastModel } from './types.js';

/** Options of {@link topDown}. */
export interface TopDownOptions extends IntervalOptions {
  /**
   * How daily totals are forecast: `smoothing` (an exponentially smoothed level plus the last day's deviation
   * decaying as an AR(1), × weekday factors × calendar multipliers), `regression` (a Poisson GLM on weekday,
   * make-up day, days after a long break, the eve of one, month end and trend, with recent days weighted up) or `tsb` (Teunter–Syntetos–Babai for intermittent series with a few
   * arrivals a day). Default `smoothing`.
   */
  readonly daily?: 'smoothing' | 'regression' | 'tsb';
  /** Half-life of the smoothed level (the mean deviations revert to), in open days. Default 20. */
  readonly levelHalfLifeDays?: number;
  /**
   * Persistence φ of a day's deviation from the level (AR(1) per open day): `estimate` (default) fits it to the
   * lag-1 correlation of past deviations (clipped to [0, 0.95]); a number fixes it.
   */
  readonly persistence?: 'estimate' | number;
  /** Half-life of the weekday factors, weeks. Default 52. */
  readonly weekdayHalfLifeWeeks?: number;
  /** Half-life of the intraday profile, weeks (the profile is updated every day with this forgetting). Default 16. */
  readonly profileHalfLifeWeeks?: number;
  /** Pseudo-days pulling each weekday's profile towards the all-days profile. Default 2. */
  readonly profileShrinkDays?: number;
  /** Weight 0–1 of the neighbouring slots in the profile (a [λ∕2, 1 − λ, λ∕2] kernel). Default 0. */
  readonly profileSmoothing?: number;
  /** Half-life of the regression's observation weights, weeks. Default 26. */
  readonly regressionHalfLifeWeeks?: number;
  /** Whether the regression has a linear trend (held flat four weeks past the history). Default false. */
  readonly trend?: boolean;
  /**
   * Whether make-up days, the first two days after a long break (scaled by its length), the eve of one and month
   * ends get their own multipliers (kept only when clear of the noise: 2.5 standard errors). Default true.
   */
  readonly calendarEffects?: boolean;
  /** TSB smoothing of the demand size and of the probability of a day with demand. Default 0.1 and 0.1. */
  readonly tsbAlpha?: number;
  readonly tsbBeta?: number;
}

/**
 * Defaults of {@link topDown}: daily totals by exponential smoothing (level half-life 20 days), weekday factors
 * over 52 weeks, an intraday profile with a 16-week half-life.
 *
 * @example
 * defaultTopDownOptions.daily; // => 'smoothing'
 */
export const defaultTopDownOptions = {
  daily: 'smoothing',
  levelHalfLifeDays: 20,
  persistence: 'estimate',
  weekdayHalfLifeWeeks: 52,
  profileHalfLifeWeeks: 16,
  profileShrinkDays: 2,
  profileSmoothing: 0,
  regressionHalfLifeWeeks: 26,
  trend: false,
  calendarEffects: true,
  tsbAlpha: 0.1,
  tsbBeta: 0.1,
} as const satisfies TopDownOptions;

type Resolved = Required<Omit<TopDownOptions, keyof IntervalOptions>>;

/** Standard errors a calendar effect must exceed to be used. */
const EFFECT_T = 2.5;

/** Exponentially weighted slot sums behind the intraday profile, as of a day index. */
interface ProfileSums {
  end: number;
  /** Per pattern × slot: Σ w·y and Σ w·T (day total) over complete days where the slot was observed. */
  readonly ps: Float64Array;
  readonly pt: Float64Array;
  /** Per pattern: Σ w (effective days). */
  readonly nw: Float64Array;
  /** All patterns together, per slot. */
  readonly psA: Float64Array;
  readonly ptA: Float64Array;
}

function emptySums(S: number): ProfileSums {
  return {
    end: 0,
    ps: new Float64Array(8 * S),
    pt: new Float64Array(8 * S),
    nw: new Float64Array(8),
    psA: new Float64Array(S),
    ptA: new Float64Array(S),
  };
}

/** Advance running sums to `end`: discount what is there, then add the days in between with their weights. */
function advanceSums(grid: SeriesGrid, sums: ProfileSums, end: number, decay: number): void {
  const S = grid.slotsPerDay;
  const f = grid.days(end);
  const scale = decay ** (end - sums.end);
  for (const a of [sums.ps, sums.pt, sums.nw, sums.psA, sums.ptA])
    for (let i = 0; i < a.length; i++) a[i] *= scale;
  const { ps, pt, nw, psA, ptA } = sums;
  for (let d = sums.end; d < end; d++) {
    const T = grid.dayTotal[d];
    if (grid.complete[d] === 0 || !(T > 0)) continue;
    const w = decay ** (end - 1 - d);
    const p = f.pattern[d];
    const base = d * S;
    const pb = p * S;
    const wT = w * T;
    for (let s = 0; s < S; s++) {
      const v = grid.values[base + s];
      if (Number.isNaN(v)) continue;
      ps[pb + s] += w * v;
      pt[pb + s] += wT;
      psA[s] += w * v;
      ptA[s] += wT;
    }
    nw[p] += w;
  }
  sums.end = end;
}

/**
 * Profile sums as of `end`, memoized on the grid. A running state per half-life is advanced forward, so the
 * ascending ends of a rolling-origin backtest cost one pass over the history in all.
 */
function profileSums(grid: SeriesGrid, end: number, halfLifeWeeks: number): ProfileSums {
  return grid.memoize(`profile-sums|${halfLifeWeeks}|${end}`, () => {
    const decay = 0.5 ** (1 / (7 * halfLifeWeeks));
    const running = grid.memoize(`profile-sums|${halfLifeWeeks}|running`, () => emptySums(grid.slotsPerDay));
    const state = running.end <= end ? running : emptySums(grid.slotsPerDay);
    advanceSums(grid, state, end, decay);
    return {
      end,
      ps: state.ps.slice(),
      pt: state.pt.slice(),
      nw: state.nw.slice(),
      psA: state.psA.slice(),
      ptA: state.ptA.slice(),
    };
  });
}

/**
 * Intraday profile: for each weekday pattern, the share of the day's arrivals falling in each slot, as
 * exponentially weighted ratio estimates over complete days, shrunk towards the all-days profile, optionally
 * smoothed, and normalized over the slots the pattern is open. `pooledOnly` uses the all-days shares.
 *
 * Complexity O(days × slots per day), amortized to O(new days × slots per day) over ascending ends.
 *
 * @example
 * const P = intradayProfile(grid, grid.dayCount, 16, 2, 0, false);
 * P[3 * grid.slotsPerDay + 20]; // Wednesday's share of the 10:00 slot
 */
export function intradayProfile(
  grid: SeriesGrid,
  end: number,
  halfLifeWeeks: number,
  shrinkDays: number,
  smoothing: number,
  pooledOnly: boolean,
): Float64Array {
  const S = grid.slotsPerDay;
  const { ps, pt, nw, psA, ptA } = profileSums(grid, end, halfLifeWeeks);
  const P = new Float64Array(8 * S);
  const tmp = new Float64Array(S);
  for (let p = 1; p <= 7; p++) {
    const pb = p * S;
    const own = nw[p] > 0;
    for (let s = 0; s < S; s++) {
      const shareA = ptA[s] > 0 ? psA[s] / ptA[s] : 0;
      if (!own) {
        P[pb + s] = shareA;
        continue;
      }
      if (!(pt[pb + s] > 0)) continue;
      const shareP = ps[pb + s] / pt[pb + s];
      P[pb + s] = pooledOnly ? shareA : (nw[p] * shareP + shrinkDays * shareA) / (nw[p] + shrinkDays);
    }
    if (smoothing > 0) {
      for (let s = 0; s < S; s++) {
        const here = P[pb + s];
        if (!(here > 0) && !(pt[pb + s] > 0) && own) {
          tmp[s] = 0;
          continue;
        }
        const left = s > 0 && (own ? pt[pb + s - 1] > 0 : ptA[s - 1] > 0) ? P[pb + s - 1] : Number.NaN;
        const right = s < S - 1 && (own ? pt[pb + s + 1] > 0 : ptA[s + 1] > 0) ? P[pb + s + 1] : Number.NaN;
        if (!Number.isNaN(left) && !Number.isNaN(right))
          tmp[s] = (1 - smoothing) * here + (smoothing / 2) * (left + right);
        else if (!Number.isNaN(left)) tmp[s] = (1 - smoothing / 2) * here + (smoothing / 2) * left;
        else if (!Number.isNaN(right)) tmp[s] = (1 - smoothing / 2) * here + (smoothing / 2) * right;
        else tmp[s] = here;
      }
      P.set(tmp, pb);
    }
    let sum = 0;
    for (let s = 0; s < S; s++) sum += P[pb + s];
    if (sum > 0) for (let s = 0; s < S; s++) P[pb + s] /= sum;
  }
  return P;
}

/** Mean daily total of the complete open unflagged days within ±3 days of `d` (±7 when fewer than 3), before `end`. */
function localMean(grid: SeriesGrid, f: DayFeatures, end: number, d: number, flags: Uint8Array): number {
  for (const half of [3, 7]) {
    let sum = 0;
    let cnt = 0;
    const lo = Math.max(0, d - half);
    const hi = Math.min(end - 1, d + half);
    for (let e = lo; e <= hi; e++) {
      if (grid.complete[e] === 0 || f.open[e] === 0 || flags[e] !== 0) continue;
      sum += grid.dayTotal[e];
      cnt++;
    }
    if (cnt >= 3 || (half === 7 && cnt > 0)) return sum / cnt;
  }
  return 0;
}

/** A daily-total forecaster fitted up to `end`: the expected total of any day index. */
type DailyForecast = (day: number, f: DayFeatures) => number;

/** Weekday factors and calendar multipliers of the smoothing engine, as of `end`. */
interface DailyFactors {
  /** Per pattern weekday. */
  readonly F: Float64Array;
  /** Log effect per unit dose of each calendar flag (see {@link calendarDose}). */
  readonly effect: Float64Array;
  /** Flags of the history days (0 when calendar effects are off). */
  readonly flags: Uint8Array;
}

/**
 * Weekday factors (exponentially weighted ratios of a day's total to the mean of the days around it) and calendar
 * multipliers. Shared, via the grid's memo, by every smoothing candidate with the same weekday memory.
 */
function dailyFactors(
  grid: SeriesGrid,
  end: number,
  weekdayHalfLifeWeeks: number,
  calendarEffects: boolean,
): DailyFactors {
  const f = grid.days(end);
  const T = grid.dayTotal;
  const flags = new Uint8Array(end);
  if (calendarEffects) for (let d = 0; d < end; d++) flags[d] = f.open[d] ? calendarFlags(f, d) : 0;
  const decayF = 0.5 ** (1 / (7 * weekdayHalfLifeWeeks));
  const F = new Float64Array(8);
  const Fw = new Float64Array(8);
  const M = new Float64Array(end);
  let w = 1;
  for (let d = end - 1; d >= 0; d--, w *= decayF) {
    if (grid.complete[d] === 0 || f.open[d] === 0) continue;
    M[d] = localMean(grid, f, end, d, flags);
    if (flags[d] !== 0 || !(M[d] > 0) || w < 1e-4) continue;
    F[f.pattern[d]] += (w * T[d]) / M[d];
    Fw[f.pattern[d]] += w;
  }
  let fSum = 0;
  let fN = 0;
  for (let p = 1; p <= 7; p++) {
    if (Fw[p] > 0) {
      F[p] /= Fw[p];
      fSum += F[p];
      fN++;
    }
  }
  for (let p = 1; p <= 7; p++) if (!(Fw[p] > 0)) F[p] = fN > 0 ? fSum / fN : 1;
  // Calendar effects: per flag, the least-squares slope of a flagged day's log ratio to its weekday-adjusted local
  // mean on the flag's dose (1, or the break's length on log scale), kept when seen on two days or more and beyond
  // 2.5 standard errors of the unflagged days' noise, dropped otherwise (a pretest estimator): an effect within the
  // noise (a bank's "day after a holiday") or seen once (one quiet make-up Saturday of a small service) is left out,
  // a clear one (the surge after a week-long closure) is kept whole rather than shrunk.
  const rz = new Float64Array(CALENDAR_FLAGS);
  const zz = new Float64Array(CALENDAR_FLAGS);
  const seen = new Uint16Array(CALENDAR_FLAGS);
  let noise = 0;
  let noiseN = 0;
  for (let d = 0; d < end; d++) {
    const fl = flags[d];
    if (!(M[d] > 0) || grid.complete[d] === 0 || f.open[d] === 0) continue;
    const r = Math.log((T[d] + 0.5) / (F[f.pattern[d]] * M[d] + 0.5));
    if (fl === 0) {
      noise += r * r;
      noiseN++;
    } else if ((fl & (fl - 1)) === 0) {
      const k = 31 - Math.clz32(fl);
      const z = calendarDose(f, d, k);
      rz[k] += r * z;
      zz[k] += z * z;
      seen[k]++;
    }
  }
  const sigma = noiseN > 1 ? Math.sqrt(noise / noiseN) : 0.1;
  const effect = new Float64Array(CALENDAR_FLAGS);
  for (let k = 0; k < CALENDAR_FLAGS; k++) {
    const m = zz[k] > 0 ? rz[k] / zz[k] : 0;
    const clear = seen[k] >= 2 && Math.abs(m) > (EFFECT_T * sigma) / Math.sqrt(zz[k]);
    // Where the series alone cannot tell, the centre's effect (an aggregate's, handed in) stands for it.
    effect[k] = clear ? m : (grid.calendarPrior?.[k] ?? 0);
  }
  return { F, effect, flags };
}

/**
 * The calendar effects top-down learns from a series (log multiplier per unit dose of each calendar flag: first
 * and second day after a long break, make-up day, month end, eve of a long break; 0 where within the noise).
 * `forecastMany` learns them on each centre's total and hands them to its series as `calendarPrior`.
 *
 * @example
 * calendarEffectsOf(buildSeriesGrid(centreTotal))[0]; // e.g. 0.3: ×e^(0.3·log(9/2)) ≈ 1.57 after a 9-day break
 */
export function calendarEffectsOf(grid: SeriesGrid, end: number = grid.dayCount): number[] {
  return Array.from(dailyFactors(grid, end, defaultTopDownOptions.weekdayHalfLifeWeeks, true).effect);
}

/** Multiplier of a day from its calendar flags and their effects. */
function calendarMultiplier(effect: Float64Array, f: DayFeatures, d: number, flags: number): number {
  if (flags === 0) return 1;
  let lc = 0;
  for (let k = 0; k < CALENDAR_FLAGS; k++) if (flags & (1 << k)) lc += effect[k] * calendarDose(f, d, k);
  return Math.exp(lc);
}

function smoothingDaily(grid: SeriesGrid, end: number, o: Resolved): DailyForecast {
  const f = grid.days(end);
  const T = grid.dayTotal;
  const { F, effect, flags } = grid.memoize(
    `daily-factors|${o.weekdayHalfLifeWeeks}|${o.calendarEffects}|${end}`,
    () => dailyFactors(grid, end, o.weekdayHalfLifeWeeks, o.calendarEffects),
  );
  // Deseasonalized totals x = T ∕ (F·C) of complete open days, in time order, around a slowly moving mean m;
  // the last deviation from m decays by φ per open day (an AR(1) around a local level), φ from the history.
  const decayL = 0.5 ** (1 / o.levelHalfLifeDays);
  let mSum = 0;
  let mW = 0;
  let prevDev = Number.NaN;
  let num = 0;
  let den = 0;
  let lastX = Number.NaN;
  for (let d = 0; d < end; d++) {
    if (grid.complete[d] === 0 || f.open[d] === 0) continue;
    const dm = F[f.pattern[d]] * calendarMultiplier(effect, f, d, flags[d]);
    if (!(dm > 0)) continue;
    const x = T[d] / dm;
    if (mW > 0) {
      const dev = x - mSum / mW;
      if (!Number.isNaN(prevDev)) {
        num += dev * prevDev;
        den += prevDev * prevDev;
      }
      prevDev = dev;
    }
    mSum = decayL * mSum + x;
    mW = decayL * mW + 1;
    lastX = x;
  }
  const level = mW > 0 ? mSum / mW : 0;
  const phi =
    typeof o.persistence === 'number' ? o.persistence : den > 0 ? Math.min(0.95, Math.max(0, num / den)) : 0;
  const lastDev = !Number.isNaN(lastX) ? lastX - level : 0;
  const useFlags = o.calendarEffects;
  const openSoFar: number[] = [];
  /** Open days from `end` to `day` inclusive (1 for the first open day ahead); 1 inside the history. */
  const steps = (day: number, g: DayFeatures): number => {
    if (day < end) return 1;
    while (openSoFar.length <= day - end) {
      const k = openSoFar.length;
      openSoFar.push((k > 0 ? openSoFar[k - 1] : 0) + (g.open[end + k] ? 1 : 0));
    }
    return Math.max(1, openSoFar[day - end]);
  };
  return (day, g) => {
    const x = Math.max(0, level + lastDev * phi ** steps(day, g));
    return x * F[g.pattern[day]] * (useFlags ? calendarMultiplier(effect, g, day, calendarFlags(g, day)) : 1);
  };
}

function regressionDaily(grid: SeriesGrid, end: number, o: Resolved): DailyForecast {
  const f = grid.days(end);
  const decay = 0.5 ** (1 / (7 * o.regressionHalfLifeWeeks));
  const rowsDays: number[] = [];
  const weights: number[] = [];
  const patternCount = new Float64Array(8);
  const flagCount = new Float64Array(CALENDAR_FLAGS);
  let w = 1;
  let firstDay = end;
  for (let d = end - 1; d >= 0 && w > 1e-4; d--, w *= decay) {
    if (grid.complete[d] === 0 || f.open[d] === 0) continue;
    rowsDays.push(d);
    weights.push(w);
    patternCount[f.pattern[d]] += w;
    const fl = o.calendarEffects ? calendarFlags(f, d) : 0;
    for (let k = 0; k < CALENDAR_FLAGS; k++) if (fl & (1 << k)) flagCount[k]++;
    firstDay = d;
  }
  let baseline = 1;
  for (let p = 1; p <= 7; p++) if (patternCount[p] > patternCount[baseline]) baseline = p;
  const col = new Int32Array(8).fill(-1);
  let p = 1;
  for (let q = 1; q <= 7; q++) if (q !== baseline && patternCount[q] > 0) col[q] = p++;
  const flagCol = new Int32Array(CALENDAR_FLAGS).fill(-1);
  for (let k = 0; k < CALENDAR_FLAGS; k++) if (flagCount[k] > 0) flagCol[k] = p++;
  const trendCol = o.trend && end - firstDay >= 56 ? p++ : -1;
  const width = 2 + CALENDAR_FLAGS + 1;
  const n = rowsDays.length;
  const column = new Int32Array(n * width).fill(-1);
  const value = new Float64Array(n * width);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = rowsDays[i];
    const b = i * width;
    column[b] = 0;
    value[b] = 1;
    const pc = col[f.pattern[d]];
    if (pc >= 0) {
      column[b + 1] = pc;
      value[b + 1] = 1;
    }
    const fl = o.calendarEffects ? calendarFlags(f, d) : 0;
    for (let k = 0; k < CALENDAR_FLAGS; k++) {
      if (fl & (1 << k) && flagCol[k] >= 0) {
        column[b + 2 + k] = flagCol[k];
        value[b + 2 + k] = calendarDose(f, d, k);
      }
    }
    if (trendCol >= 0) {
      column[b + 2 + CALENDAR_FLAGS] = trendCol;
      value[b + 2 + CALENDAR_FLAGS] = (d - end) / 365.25;
    }
    y[i] = grid.dayTotal[d];
  }
  const ridge = new Float64Array(p);
  for (let k = 0; k < CALENDAR_FLAGS; k++) if (flagCol[k] >= 0) ridge[flagCol[k]] = 1;
  if (trendCol >= 0) ridge[trendCol] = 1;
  const beta =
    n > 0
      ? fitCountGlm({ rows: n, columns: p, width, column, value }, y, Float64Array.from(weights), { ridge })
          .coefficients
      : new Float64Array(p);
  const trendCap = 28 / 365.25;
  return (day, g) => {
    if (n === 0) return 0;
    let eta = beta[0];
    const pc = col[g.pattern[day]];
    if (pc >= 0) eta += beta[pc];
    const fl = o.calendarEffects ? calendarFlags(g, day) : 0;
    for (let k = 0; k < CALENDAR_FLAGS; k++) {
      if (fl & (1 << k) && flagCol[k] >= 0) eta += beta[flagCol[k]] * calendarDose(g, day, k);
    }
    if (trendCol >= 0) eta += beta[trendCol] * Math.min((day - end) / 365.25, trendCap);
    return Math.exp(eta);
  };
}

function tsbDaily(grid: SeriesGrid, end: number, o: Resolved): DailyForecast {
  const f = grid.days(end);
  const start = Math.max(0, end - 2 * 365);
  let prob = Number.NaN;
  let size = Number.NaN;
  let seen = 0;
  let nonzero = 0;
  let sizeSum = 0;
  for (let d = start; d < end; d++) {
    if (grid.complete[d] === 0 || f.open[d] === 0) continue;
    const T = grid.dayTotal[d];
    if (seen < 10) {
      seen++;
      if (T > 0) {
        nonzero++;
        sizeSum += T;
      }
      if (seen === 10 || d === end - 1) {
        prob = nonzero / seen;
        size = nonzero > 0 ? sizeSum / nonzero : 0;
      }
      continue;
    }
    prob += o.tsbBeta * ((T > 0 ? 1 : 0) - prob);
    if (T > 0) size += o.tsbAlpha * (T - size);
  }
  if (Number.isNaN(prob)) {
    prob = seen > 0 ? nonzero / seen : 0;
    size = nonzero > 0 ? sizeSum / nonzero : 0;
  }
  const level = prob * size;
  return () => level;
}

/**
 * Top-down point forecasts: a daily total times the intraday profile of the day's weekday pattern. See
 * {@link topDown}.
 *
 * Complexity O(days × slots per day) to fit, O(1) per slot to predict.
 *
 * @example
 * auto({ candidates: [topDownMeans(), topDownMeans({ daily: 'regression' })] });
 */
export function topDownMeans(options: TopDownOptions = {}): MeanModel {
  const o: Resolved = { ...defaultTopDownOptions, ...stripIntervals(options) };
  for (const [name, v] of [
    ['levelHalfLifeDays', o.levelHalfLifeDays],
    ['weekdayHalfLifeWeeks', o.weekdayHalfLifeWeeks],
    ['profileHalfLifeWeeks', o.profileHalfLifeWeeks],
    ['regressionHalfLifeWeeks', o.regressionHalfLifeWeeks],
  ] as const) {
    check(Number.isFinite(v) && v > 0, 'topDown', `${name} must be a positive number`, v);
  }
  check(o.profileShrinkDays >= 0, 'topDown', 'profileShrinkDays must be ≥ 0', o.profileShrinkDays);
  check(
    o.profileSmoothing >= 0 && o.profileSmoothing <= 1,
    'topDown',
    'profileSmoothing must be in [0, 1]',
    o.profileSmoothing,
  );
  check(
    o.persistence === 'estimate' || (o.persistence >= 0 && o.persistence < 1),
    'topDown',
    'persistence must be estimate or a number in [0, 1)',
    o.persistence,
  );
  check(o.tsbAlpha > 0 && o.tsbAlpha <= 1, 'topDown', 'tsbAlpha must be in (0, 1]', o.tsbAlpha);
  check(o.tsbBeta > 0 && o.tsbBeta <= 1, 'topDown', 'tsbBeta must be in (0, 1]', o.tsbBeta);
  check(
    ['smoothing', 'regression', 'tsb'].includes(o.daily),
    'topDown',
    'daily must be smoothing, regression or tsb',
    o.daily,
  );
  const name =
    o.daily === 'smoothing'
      ? `top-down(smoothing, level ${o.levelHalfLifeDays}d, profile ${o.profileHalfLifeWeeks}w)`
      : o.daily === 'regression'
        ? `top-down(regression, ${o.regressionHalfLifeWeeks}w)`
        : 'top-down(tsb)';
  return {
    name,
    fitMeans(grid: SeriesGrid, end: number): MeanFit {
      const S = grid.slotsPerDay;
      const pooled = o.daily === 'tsb';
      const P = grid.memoize(
        `profile|${o.profileHalfLifeWeeks}|${o.profileShrinkDays}|${o.profileSmoothing}|${pooled}|${end}`,
        () =>
          intradayProfile(grid, end, o.profileHalfLifeWeeks, o.profileShrinkDays, o.profileSmoothing, pooled),
      );
      const daily =
        o.daily === 'smoothing'
          ? smoothingDaily(grid, end, o)
          : o.daily === 'regression'
            ? regressionDaily(grid, end, o)
            : tsbDaily(grid, end, o);
      return {
        means(day, position, n, out) {
          let maxDay = 0;
          for (let i = 0; i < n; i++) if (day[i] > maxDay) maxDay = day[i];
          const f = grid.days(maxDay + 1);
          let lastDay = -1;
          let total = 0;
          for (let i = 0; i < n; i++) {
            const d = day[i];
            if (d !== lastDay) {
              total = daily(d, f);
              lastDay = d;
            }
            out[i] = total * P[f.pattern[d] * S + position[i]];
          }
        },
      };
    },
  };
}

function stripIntervals(options: TopDownOptions): Partial<Resolved> {
  const { intervals: _i, calibrationOrigins: _o, calibrationHorizonDays: _h, ...rest } = options;
  return rest;
}

/**
 * Top-down model, the standard for service arrivals: forecast each day's total, then split it by the intraday
 * profile of the day's weekday pattern (make-up days follow their pattern weekday; closed days are zero).
 * Daily totals by exponential smoothing (a slow level, plus the last day's deviation decaying by an AR(1) whose
 * persistence is estimated) with weekday factors and calendar multipliers (make-up day, the first two days after a
 * break of ≥ 3 closed days scaled by its length, the eve of such a break, month end), by a Poisson regression on
 * the same features, or by TSB for intermittent series. The profile of each weekday pattern is an exponentially
 * weighted ratio estimate updated daily, smoothed towards the all-days profile (and optionally across slots).
 * Intervals: `count` by default; `auto` and the CLI use conformal calibration.
 *
 * Reference: Weinberg, Brown & Stroud, "Bayesian forecasting of an inhomogeneous Poisson process with
 * applications to call center data", JASA 102:1185 (2007) (daily volume × intraday profile); Teunter, Syntetos &
 * Babai, EJOR 214:606 (2011) (TSB). Complexity O(days × slots per day) per fit.
 *
 * @example
 * const fitted = topDown({ daily: 'regression' }).fit(history);
 * fitted.predict(slots).mean;
 */
export function topDown(options: TopDownOptions = {}): ForecastModel {
  return modelFromMeans(topDownMeans(options), options);
}
