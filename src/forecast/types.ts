import type { HolidayCalendar } from '../calendar/index.js';
import type { BookingCurve, Channel, History } from '../history/types.js';
import type { SeriesGrid } from './series-grid.js';

/** The keys that name one series; all absent for a plain series (`slot_start, arrivals`). */
export interface SeriesKey {
  readonly centre?: string;
  readonly service?: string;
  readonly channel?: Channel;
}

/**
 * Quantile levels every forecast carries unless asked otherwise: p05, p10, p50, p80, p90, p95 (the 90 % and 80 %
 * central intervals, the median, and p80 for staffing to a one-sided 80 % cover).
 *
 * @example
 * defaultQuantileLevels; // => [0.05, 0.1, 0.5, 0.8, 0.9, 0.95]
 */
export const defaultQuantileLevels: readonly number[] = [0.05, 0.1, 0.5, 0.8, 0.9, 0.95];

/** What a model needs besides the arrivals: the calendar and, for appointments, booking curves. */
export interface FitContext {
  /**
   * Holiday calendar: `cn` (mainland China), `none` (the weekly pattern comes from the history alone and days
   * absent from it are closed) or any {@link HolidayCalendar}. Default `cn` when the history names a centre or
   * service, `none` for a plain series.
   */
  readonly calendar?: 'cn' | 'none' | HolidayCalendar;
  /** ISO weekday whose pattern a make-up working day (China's 调休) follows. Default 3 (an ordinary Wednesday). */
  readonly makeUpDayWeekday?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /**
   * Booking curves of this series' appointment slots (see `bookingCurves` in history): complete ones (slots before
   * `asOf`) teach pickup and show rates, partial ones (slots from `asOf` on) are the bookings on hand. Only the
   * booking pickup model reads them. Default none.
   */
  readonly bookings?: readonly BookingCurve[];
  /** Epoch ms the bookings on hand were counted at. Default the local midnight after the last history day. */
  readonly asOf?: number;
  /**
   * Calendar effects learnt on an aggregate (log multiplier per unit dose, in the order: first day after a long
   * break, second day, make-up day, month end, eve of a long break), used by top-down where the series' own
   * evidence is within its noise. `forecastMany` passes each centre's. Default none.
   */
  readonly calendarPrior?: readonly number[];
}

/** Options of `predict`. */
export interface PredictOptions {
  /** Quantile levels in (0, 1). Default {@link defaultQuantileLevels}. */
  readonly quantiles?: readonly number[];
}

/** A forecast of some slots of one series: means and quantiles, index-aligned with `slotStart`. */
export interface Prediction {
  /** Epoch ms of each forecast slot's start (a copy of the slots asked for). */
  readonly slotStart: Float64Array;
  /** Expected arrivals per slot (≥ 0; 0 on closed days). */
  readonly mean: Float64Array;
  /** Quantile levels, ascending. */
  readonly levels: readonly number[];
  /** `quantiles[j][i]` is the `levels[j]` quantile of slot `i`; non-decreasing in `j`, never negative. */
  readonly quantiles: readonly Float64Array[];
}

/** Caller-owned output buffers of `predictInto` (hot paths): `mean` and one array per level, each ≥ slots long. */
export interface PredictionBuffer {
  readonly mean: Float64Array;
  readonly quantiles: readonly Float64Array[];
}

/**
 * A fitted model: it can only be obtained from {@link ForecastModel.fit}, so "predict before fit" cannot be
 * written (augurs' design).
 */
export interface FittedModel {
  /** Name of the model that produces the means (for `auto`, the one it chose, e.g. `top-down(smoothing)`). */
  readonly name: string;
  /** What the fit had to work around (short history, no calibration data, …). */
  readonly warnings: readonly string[];
  /** The grid the model was fitted on (history days `0 … endDay − 1`). */
  readonly grid: SeriesGrid;
  /** First day index not used by the fit. */
  readonly endDay: number;
  /** Forecast the given slots (epoch ms). Slots on closed days get 0 everywhere. */
  predict(slots: ArrayLike<number>, options?: PredictOptions): Prediction;
  /** Like `predict`, but writes into caller-owned buffers and allocates only per call, not per slot. */
  predictInto(slots: ArrayLike<number>, out: PredictionBuffer, options?: PredictOptions): void;
}

/**
 * The model contract (statsforecast/augurs): `fit` returns a {@link FittedModel}; `forecast` is fit then
 * predict. `fitGrid` is the same fit on a prepared {@link SeriesGrid} truncated at `endDay`, which backtests and
 * the many-series driver use so that a history is prepared once.
 */
export interface ForecastModel {
  /** Model name, e.g. `seasonal-naive`. */
  readonly name: string;
  /** Fit one series. Throws `INVALID_INPUT` for a history of several series or bad rows. */
  fit(history: History, context?: FitContext): FittedModel;
  /** Fit on grid days `0 … endDay − 1`. */
  fitGrid(grid: SeriesGrid, endDay?: number): FittedModel;
  /** `fit(history, context).predict(slots, options)`. */
  forecast(history: History, slots: ArrayLike<number>, options?: PredictOptions & FitContext): Prediction;
}
