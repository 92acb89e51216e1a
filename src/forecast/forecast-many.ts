import { check, QueuecastError } from '../errors.js';
import type { BookingCurve, History } from '../history/types.js';
import { utcOffsetMinutes } from '../time/zoned.js';
import { auto } from './auto.js';
import { bookingPickup } from './booking-pickup.js';
import { resolveLevels } from './model-kit.js';
import { describeSeries, type SeriesBatch, seriesKeyText, toSeriesBatch } from './series-batch.js';
import { SeriesGrid } from './series-grid.js';
import { calendarEffectsOf } from './top-down.js';
import type { FitContext, FittedModel, ForecastModel, SeriesKey } from './types.js';
import { weekdayAverage } from './weekday-average.js';

/** A slot to forecast, with the keys of its series (absent keys for a plain series). */
export interface ForecastTarget extends SeriesKey {
  /** Epoch ms of the slot's start. */
  readonly slotStart: number;
}

/** Options of {@link forecastMany}. */
export interface ForecastManyOptions extends Omit<FitContext, 'bookings'> {
  /** Exactly the slots to forecast (`--at`). Default: the open slots of the next `horizonDays` days. */
  readonly targets?: readonly ForecastTarget[];
  /** Days after the last history date forecast when no targets are given (`--horizon 7d`). Default 7. */
  readonly horizonDays?: number;
  /** Quantile levels. Default p05, p10, p50, p80, p90, p95. */
  readonly quantiles?: readonly number[];
  /** Model used for any series the main model fails on (the failure is recorded). Default weekdayAverage(4). */
  readonly fallback?: ForecastModel;
  /**
   * Booking curves of appointment slots (all series; matched by centre and service). Appointment-channel series
   * with curves are forecast by `appointmentModel` from the bookings on hand. Default none.
   */
  readonly bookings?: readonly BookingCurve[];
  /** Model for appointment series with booking curves. Default bookingPickup(). */
  readonly appointmentModel?: ForecastModel;
}

/**
 * Defaults of {@link forecastMany}: forecast the open slots of the 7 days after the history.
 *
 * @example
 * defaultForecastManyOptions.horizonDays; // => 7
 */
export const defaultForecastManyOptions = { horizonDays: 7 } as const satisfies ForecastManyOptions;

/** A warning about one series (a fallback, a series without history, …). */
export interface ForecastWarning {
  readonly series: SeriesKey;
  readonly message: string;
}

/**
 * Forecasts of many series as flat arrays plus offsets: series `k` owns entries `offsets[k] … offsets[k + 1] − 1`
 * of `slotStart`, `mean` and every `quantiles[j]`.
 */
export interface ForecastBatch {
  readonly keys: readonly SeriesKey[];
  readonly offsets: Int32Array;
  readonly slotStart: Float64Array;
  readonly mean: Float64Array;
  readonly levels: readonly number[];
  readonly quantiles: readonly Float64Array[];
  /** Model behind each series' forecast (auto's choice, or the fallback's name). */
  readonly models: readonly string[];
  readonly timezone: string;
  readonly warnings: readonly ForecastWarning[];
}

const DAY_MS = 86_400_000;

/** Series sharing a centre and channel share the hall's calendar effects. */
function groupOf(key: SeriesKey): string {
  return `${key.centre ?? ''}\u0001${key.channel ?? ''}`;
}

/** Index of the month-end flag among the calendar effects: specific to each service, never shared. */
const MONTH_END = 3;

/**
 * Calendar effects of each centre and channel with two or more series, learnt on their summed arrivals: the
 * surge after a holiday shows clearly in a hall's total long before it does in a small service.
 */
function centrePriors(batch: SeriesBatch, context: FitContext): Map<string, number[]> {
  const members = new Map<string, number[]>();
  batch.keys.forEach((k, i) => {
    const g = groupOf(k);
    const list = members.get(g);
    if (list === undefined) members.set(g, [i]);
    else list.push(i);
  });
  const out = new Map<string, number[]>();
  for (const [g, list] of members) {
    if (list.length < 2) continue;
    // Sum the members slot by slot on a dense axis of slot starts (instants are unique, so no map is needed).
    const slotMs = batch.slotMinutes * 60_000;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const k of list) {
      for (let i = batch.offsets[k]; i < batch.offsets[k + 1]; i++) {
        const t = batch.slotStart[i];
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
    }
    const size = Math.floor((hi - lo) / slotMs) + 1;
    const sum = new Float64Array(size);
    const at = new Float64Array(size).fill(Number.NaN);
    for (const k of list) {
      for (let i = batch.offsets[k]; i < batch.offsets[k + 1]; i++) {
        const j = Math.floor((batch.slotStart[i] - lo) / slotMs);
        sum[j] += batch.arrivals[i];
        at[j] = batch.slotStart[i];
      }
    }
    const slots: number[] = [];
    const totals: number[] = [];
    for (let j = 0; j < size; j++) {
      if (Number.isNaN(at[j])) continue;
      slots.push(at[j]);
      totals.push(sum[j]);
    }
    const key = batch.keys[list[0]];
    const calendar =
      context.calendar ?? (key.centre !== undefined || key.service !== undefined ? 'cn' : 'none');
    const total = SeriesGrid.fromArrays({}, slots, totals, {
      ...context,
      calendar,
      slotMinutes: batch.slotMinutes,
      timezone: batch.timezone,
    });
    const effects = calendarEffectsOf(total);
    effects[MONTH_END] = 0;
    out.set(g, effects);
  }
  return out;
}

/**
 * Forecast every series of a history (the statsforecast driver): each series is laid out once, fitted, and
 * predicted for its targets into flat output arrays. A series the model fails on (too short, a numerical failure)
 * is forecast by `fallback` instead and the failure is recorded in `warnings`; invalid input (negative counts,
 * duplicate slots) still throws. Targets of a series absent from the history are forecast as 0 with a warning.
 * Appointment-channel series with booking curves use the booking pickup model. Series of one centre and channel
 * share the calendar effects (days after a long break, make-up days, eves of breaks) learnt on their total, where
 * their own history is too noisy to show them.
 *
 * Complexity O(series × fit) plus O(rows + targets).
 *
 * @example
 * const out = forecastMany(history, auto(), { horizonDays: 7 });
 * out.keys.length;          // series
 * out.mean.subarray(out.offsets[0], out.offsets[1]); // first series' means
 */
export function forecastMany(
  history: History | SeriesBatch,
  model: ForecastModel = auto(),
  options: ForecastManyOptions = {},
): ForecastBatch {
  const batch = 'rows' in history ? toSeriesBatch(history) : history;
  const horizonDays = options.horizonDays ?? defaultForecastManyOptions.horizonDays;
  check(
    Number.isInteger(horizonDays) && horizonDays >= 1,
    'forecastMany',
    'horizonDays must be a positive integer',
    horizonDays,
  );
  const levels = resolveLevels(options.quantiles, 'forecastMany');
  const fallback = options.fallback ?? weekdayAverage({ weeks: 4 });
  const appointmentModel = options.appointmentModel ?? bookingPickup();
  const context: FitContext = {
    ...(options.calendar !== undefined ? { calendar: options.calendar } : {}),
    ...(options.makeUpDayWeekday !== undefined ? { makeUpDayWeekday: options.makeUpDayWeekday } : {}),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
  };
  const tz = batch.timezone;
  const index = new Map<string, number>();
  batch.keys.forEach((k, i) => {
    index.set(seriesKeyText(k), i);
  });
  const warnings: ForecastWarning[] = [];

  // Targets per series: given, or the open slots of the days after the last history date.
  const keys: SeriesKey[] = [...batch.keys];
  const targetsOf: number[][] = keys.map(() => []);
  if (options.targets !== undefined) {
    for (const t of options.targets) {
      const text = seriesKeyText(t);
      let k = index.get(text);
      if (k === undefined) {
        k = keys.length;
        index.set(text, k);
        const key: { centre?: string; service?: string; channel?: SeriesKey['channel'] } = {};
        if (t.centre !== undefined) key.centre = t.centre;
        if (t.service !== undefined) key.service = t.service;
        if (t.channel !== undefined) key.channel = t.channel;
        keys.push(key);
        targetsOf.push([]);
        warnings.push({
          series: key,
          message: `no history for ${describeSeries(key)}: its slots are forecast as 0`,
        });
      }
      targetsOf[k].push(t.slotStart);
    }
  }
  let lastSlot = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < batch.slotStart.length; i++)
    if (batch.slotStart[i] > lastSlot) lastSlot = batch.slotStart[i];
  const lastLocalDay = Math.floor((lastSlot + utcOffsetMinutes(lastSlot, tz) * 60_000) / DAY_MS);
  const bookingsOf = new Map<string, BookingCurve[]>();
  for (const c of options.bookings ?? []) {
    const text = `${c.centre ?? ''}\u0001${c.service}`;
    let list = bookingsOf.get(text);
    if (list === undefined) {
      list = [];
      bookingsOf.set(text, list);
    }
    list.push(c);
  }

  const priors = centrePriors(batch, context);

  const outSlots: number[][] = [];
  const outMean: Float64Array[] = [];
  const outQ: Float64Array[][] = [];
  const models: string[] = [];
  for (let k = 0; k < keys.length; k++) {
    if (k >= batch.keys.length) {
      const n = targetsOf[k].length;
      outSlots.push(targetsOf[k]);
      outMean.push(new Float64Array(n));
      outQ.push(levels.map(() => new Float64Array(n)));
      models.push('none');
      continue;
    }
    const a = batch.offsets[k];
    const b = batch.offsets[k + 1];
    const key = keys[k];
    const curves =
      key.channel === 'appointment'
        ? bookingsOf.get(`${key.centre ?? ''}\u0001${key.service ?? ''}`)
        : undefined;
    const prior = priors.get(groupOf(key));
    const grid = SeriesGrid.fromArrays(key, batch.slotStart.subarray(a, b), batch.arrivals.subarray(a, b), {
      ...context,
      ...(curves !== undefined ? { bookings: curves } : {}),
      ...(prior !== undefined ? { calendarPrior: prior } : {}),
      slotMinutes: batch.slotMinutes,
      timezone: tz,
    });
    const slots =
      options.targets !== undefined
        ? targetsOf[k]
        : grid.openSlots(
            lastLocalDay + 1 - grid.firstDayNumber,
            lastLocalDay + 1 + horizonDays - grid.firstDayNumber,
          );
    const n = slots.length;
    const mean = new Float64Array(n);
    const quantiles = levels.map(() => new Float64Array(n));
    const main = curves !== undefined ? appointmentModel : model;
    let used: FittedModel;
    try {
      used = main.fitGrid(grid);
      used.predictInto(slots, { mean, quantiles }, { quantiles: levels });
    } catch (e) {
      if (!(e instanceof QueuecastError) || e.code === 'INVALID_ARGUMENT' || e.code === 'OUT_OF_COVERAGE')
        throw e;
      warnings.push({
        series: key,
        message: `${main.name} failed for ${describeSeries(key)} (${e.message}); forecast by ${fallback.name} instead`,
      });
      used = fallback.fitGrid(grid);
      used.predictInto(slots, { mean, quantiles }, { quantiles: levels });
    }
    for (const w of used.warnings) warnings.push({ series: key, message: w });
    outSlots.push(slots);
    outMean.push(mean);
    outQ.push(quantiles);
    models.push(used.name);
  }
  const offsets = new Int32Array(keys.length + 1);
  for (let k = 0; k < keys.length; k++) offsets[k + 1] = offsets[k] + outSlots[k].length;
  const total = offsets[keys.length];
  const slotStart = new Float64Array(total);
  const mean = new Float64Array(total);
  const quantiles = levels.map(() => new Float64Array(total));
  for (let k = 0; k < keys.length; k++) {
    slotStart.set(outSlots[k], offsets[k]);
    mean.set(outMean[k], offsets[k]);
    for (let j = 0; j < levels.length; j++) quantiles[j].set(outQ[k][j], offsets[k]);
  }
  return { keys, offsets, slotStart, mean, levels, quantiles, models, timezone: tz, warnings };
}
