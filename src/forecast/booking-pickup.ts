import { check } from '../errors.js';
import type { BookingCurve } from '../history/types.js';
import { countQuantilesInto } from './count-quantiles.js';
import { choleskySolveInPlace } from './linear-algebra.js';
import { type IntervalOptions, type MeanFit, type MeanModel, modelFromMeans } from './model-kit.js';
import type { DayFeatures, SeriesGrid } from './series-grid.js';
import type { ForecastModel } from './types.js';
import { weekdayAverageMeans } from './weekday-average.js';

/** Options of {@link bookingPickup}. */
export interface BookingPickupOptions extends IntervalOptions {
  /**
   * `additive`: expected final bookings = on hand + the mean pickup from that lead (for that weekday and slot).
   * `multiplicative`: on hand × the ratio of final to on-hand bookings at that lead (additive when none are on
   * hand). Default `additive`.
   */
  readonly pickup?: 'additive' | 'multiplicative';
  /** Weeks of complete booking curves learnt from. Default 26. */
  readonly weeks?: number;
}

/**
 * Defaults of {@link bookingPickup}: additive pickup learnt over the last 26 weeks, native intervals (binomial
 * shows ⊕ negative binomial pickup).
 *
 * @example
 * defaultBookingPickupOptions.pickup; // => 'additive'
 */
export const defaultBookingPickupOptions = {
  pickup: 'additive',
  weeks: 26,
  intervals: 'native',
} as const satisfies BookingPickupOptions;

/** Lead-time buckets (days between booking and appointment) with their own show rate. */
const LEAD_BUCKET_START = [0, 1, 2, 4, 8, 15];

function bucketOfLead(lead: number): number {
  let b = 0;
  while (b + 1 < LEAD_BUCKET_START.length && lead >= LEAD_BUCKET_START[b + 1]) b++;
  return b;
}

/** Bookings made exactly `j` days ahead (the last index holds every longer lead). */
function increment(curve: readonly number[], j: number): number {
  return j + 1 < curve.length ? curve[j] - curve[j + 1] : (curve[j] ?? 0);
}

/**
 * Show rates by booking lead bucket from complete curves: least squares of shows on the bookings made in each
 * bucket, pulled towards the pooled show rate (ridge), clipped to [0, 1].
 */
function showRates(curves: readonly BookingCurve[]): Float64Array {
  const B = LEAD_BUCKET_START.length;
  let shows = 0;
  let booked = 0;
  for (const c of curves) {
    shows += c.shows;
    booked += c.bookedByLead[0] ?? 0;
  }
  const pooled = booked > 0 ? Math.min(1, shows / booked) : 1;
  const A = new Float64Array(B * B);
  const rhs = new Float64Array(B);
  const x = new Float64Array(B);
  for (const c of curves) {
    x.fill(0);
    for (let j = 0; j < c.bookedByLead.length; j++) x[bucketOfLead(j)] += increment(c.bookedByLead, j);
    for (let a = 0; a < B; a++) {
      rhs[a] += x[a] * c.shows;
      for (let b = 0; b < B; b++) A[a * B + b] += x[a] * x[b];
    }
  }
  const lambda = 5;
  for (let a = 0; a < B; a++) {
    A[a * B + a] += lambda;
    rhs[a] += lambda * pooled;
  }
  const rates = rhs.slice();
  if (!choleskySolveInPlace(A, rates, B)) rates.fill(pooled);
  for (let b = 0; b < B; b++) rates[b] = Math.min(1, Math.max(0, rates[b]));
  return rates;
}

/** Arrival slot minus appointment slot, in slots, that the arrival kernel covers (holders come early or late). */
const KERNEL = [-1, 0, 1];

/**
 * How the shows of an appointment slot spread over arrival slots: least squares of each slot's arrivals (the
 * history) on the shows of the appointment slots around it (the curves), weights clipped at 0. `[0, 1, 0]` when
 * there is nothing to learn from.
 */
function arrivalKernel(
  grid: SeriesGrid,
  f: DayFeatures,
  from: number,
  to: number,
  curveAt: ReadonlyMap<number, BookingCurve>,
): Float64Array {
  const S = grid.slotsPerDay;
  const K = KERNEL.length;
  const A = new Float64Array(K * K);
  const rhs = new Float64Array(K);
  const x = new Float64Array(K);
  const xSum = new Float64Array(K);
  let ySum = 0;
  for (let d = from; d < to; d++) {
    if (f.open[d] === 0) continue;
    for (let s = 0; s < S; s++) {
      const y = grid.values[d * S + s];
      if (Number.isNaN(y)) continue;
      for (let j = 0; j < K; j++) {
        const a = s - KERNEL[j];
        x[j] = a >= 0 && a < S ? (curveAt.get(d * S + a)?.shows ?? 0) : 0;
      }
      ySum += y;
      for (let a = 0; a < K; a++) {
        xSum[a] += x[a];
        rhs[a] += x[a] * y;
        for (let b = 0; b < K; b++) A[a * K + b] += x[a] * x[b];
      }
    }
  }
  const k = rhs.slice();
  for (let a = 0; a < K; a++) A[a * K + a] += 1e-6;
  if (!(A[K + 1] > 1) || !choleskySolveInPlace(A, k, K))
    return Float64Array.from(KERNEL, (j) => (j === 0 ? 1 : 0));
  let fitted = 0;
  for (let j = 0; j < K; j++) {
    k[j] = Math.max(0, k[j]);
    fitted += k[j] * xSum[j];
  }
  // Keep the totals: the weights shape where holders arrive, the history says how many arrive in all.
  if (fitted > 0) for (let j = 0; j < K; j++) k[j] *= ySum / fitted;
  return k;
}

/**
 * Booking pickup point forecasts and distribution for the appointment channel: expected arrivals = bookings on hand
 * at the forecast's lead time × their show rate + expected further bookings × theirs. Show rates are learnt per
 * booking lead bucket (0, 1, 2–3, 4–7, 8–14, 15+ days ahead) from complete curves. Holders come early or late,
 * so the expected shows of the appointment slots are spread over arrival slots by a kernel learnt from the history
 * (arrivals per slot against shows per appointment slot). The variance adds the binomial variance of the shows of
 * the bookings on hand and a negative binomial one for the further bookings (dispersion from the spread of past
 * pickups); quantiles are those of a count distribution with that mean and variance. Without any booking curve for the series it falls back to
 * the 4-week same-weekday average of the arrivals, with a warning.
 *
 * Reads the grid's `bookings` (complete curves: slots before `asOf`; partial ones: the bookings on hand).
 *
 * Reference: L. R. Weatherford & S. E. Kimes, "A comparison of forecasting methods for hotel revenue management",
 * IJF 19:401 (2003) (additive and multiplicative pickup). Complexity O(curves × lead days) to fit.
 *
 * @example
 * auto({ candidates: [bookingPickupMeans(), weekdayAverageMeans()] }).fit(history, { bookings: curves });
 */
export function bookingPickupMeans(options: BookingPickupOptions = {}): MeanModel {
  const o = { ...defaultBookingPickupOptions, ...options };
  check(
    o.pickup === 'additive' || o.pickup === 'multiplicative',
    'bookingPickup',
    'pickup must be additive or multiplicative',
    o.pickup,
  );
  check(o.weeks >= 1, 'bookingPickup', 'weeks must be at least 1', o.weeks);
  const fallbackMeans = weekdayAverageMeans({ weeks: 4 });
  return {
    name: `booking-pickup(${o.pickup})`,
    fitMeans(grid: SeriesGrid, end: number): MeanFit {
      const S = grid.slotsPerDay;
      const key = grid.key;
      const curves = grid.bookings.filter(
        (c) =>
          (key.service === undefined || c.service === key.service) &&
          (key.centre === undefined || c.centre === key.centre),
      );
      if (curves.length === 0) {
        const fit = fallbackMeans.fitMeans(grid, end);
        return {
          ...fit,
          name: fallbackMeans.name,
          warnings: [
            'bookingPickup: no booking curves for this series; forecast by the weekday average of arrivals',
          ],
        };
      }
      const asOfDay = Math.min(end, grid.dayIndexOf(grid.asOf));
      const day = new Int32Array(curves.length);
      const pos = new Int32Array(curves.length);
      grid.locate(
        curves.map((c) => c.slotStart),
        day,
        pos,
        'bookingPickup',
      );
      const maxLead = curves.reduce((m, c) => Math.max(m, c.bookedByLead.length - 1), 0);
      let lastDay = end;
      for (let i = 0; i < day.length; i++) if (day[i] + 1 > lastDay) lastDay = day[i] + 1;
      const f = grid.days(lastDay);
      const from = Math.max(0, asOfDay - Math.round(7 * o.weeks));
      const complete: BookingCurve[] = [];
      const onHand = new Map<number, BookingCurve>();
      const curveAt = new Map<number, BookingCurve>();
      curves.forEach((c, i) => {
        const cell = day[i] * S + pos[i];
        if (day[i] >= asOfDay) onHand.set(cell, c);
        else if (day[i] >= from) {
          complete.push(c);
          curveAt.set(cell, c);
        }
      });
      const rates = showRates(complete);
      const kernel = arrivalKernel(grid, f, from, asOfDay, curveAt);
      // Pickup statistics per lead: pooled (index by lead) and per weekday pattern × slot.
      const L = maxLead + 1;
      const sumPick = new Float64Array(L);
      const sumPick2 = new Float64Array(L);
      const sumFinal = new Float64Array(L);
      const sumOnHand = new Float64Array(L);
      const incSum = new Float64Array(L);
      const cellPick = new Map<number, Float64Array>();
      const cellCount = new Map<number, number>();
      let cells = 0;
      const empty: readonly number[] = [0];
      for (let d = from; d < asOfDay; d++) {
        if (f.open[d] === 0) continue;
        for (let s = 0; s < S; s++) {
          const observed = !Number.isNaN(grid.values[d * S + s]);
          const c = curveAt.get(d * S + s);
          if (!observed && c === undefined) continue;
          const b = c?.bookedByLead ?? empty;
          const final = b[0] ?? 0;
          const ck = f.pattern[d] * S + s;
          let acc = cellPick.get(ck);
          if (acc === undefined) {
            acc = new Float64Array(L);
            cellPick.set(ck, acc);
          }
          cellCount.set(ck, (cellCount.get(ck) ?? 0) + 1);
          cells++;
          for (let lead = 0; lead < L; lead++) {
            const on = b[Math.min(lead, b.length - 1)] ?? 0;
            const pick = final - on;
            sumPick[lead] += pick;
            sumPick2[lead] += pick * pick;
            sumFinal[lead] += final;
            sumOnHand[lead] += on;
            acc[lead] += pick;
            if (lead < b.length) incSum[lead] += increment(b, lead);
          }
        }
      }
      const pickMean = (ck: number, lead: number): number => {
        const l = Math.min(lead, L - 1);
        const n = cellCount.get(ck) ?? 0;
        const pooled = cells > 0 ? sumPick[l] / cells : 0;
        if (n === 0) return pooled;
        const own = (cellPick.get(ck) as Float64Array)[l] / n;
        return (n * own + 2 * pooled) / (n + 2);
      };
      /** Negative binomial dispersion of the pickup at a lead. */
      const pickDispersion = (lead: number): number => {
        const l = Math.min(lead, L - 1);
        if (cells < 2) return 0;
        const m = sumPick[l] / cells;
        const v = sumPick2[l] / cells - m * m;
        return m > 1e-9 ? Math.max(0, (v - m) / (m * m)) : 0;
      };
      /** Show rate of the bookings still to come at `lead` days ahead (those made at shorter leads). */
      const furtherRate = (lead: number): number => {
        if (lead <= 0) return rates[0];
        let num = 0;
        let den = 0;
        for (let j = 0; j < Math.min(lead, L); j++) {
          num += rates[bucketOfLead(j)] * incSum[j];
          den += incSum[j];
        }
        return den > 0 ? num / den : rates[bucketOfLead(lead - 1)];
      };
      /** Mean and variance of the shows of appointment slot (d, s): bookings on hand, then further bookings. */
      const shows = (d: number, s: number): [number, number] => {
        if (s < 0 || s >= S || f.open[d] === 0) return [0, 0];
        const lead = Math.max(0, d - asOfDay);
        const curve = onHand.get(d * S + s);
        const b = curve?.bookedByLead ?? empty;
        const l = Math.min(lead, b.length - 1);
        const on = b[l] ?? 0;
        let onMean = 0;
        let onVar = 0;
        if (curve !== undefined) {
          for (let j = l; j < b.length; j++) {
            const r = rates[bucketOfLead(j)];
            const k = increment(b, j);
            onMean += r * k;
            onVar += r * (1 - r) * k;
          }
        }
        let further: number;
        if (o.pickup === 'multiplicative' && on > 0) {
          const ll = Math.min(lead, L - 1);
          const ratio = sumOnHand[ll] > 0 ? sumFinal[ll] / sumOnHand[ll] : 1;
          further = on * Math.max(0, ratio - 1);
        } else further = Math.max(0, pickMean(f.pattern[d] * S + s, lead));
        const m = further * furtherRate(lead);
        return [onMean + m, onVar + m + pickDispersion(lead) * m * m];
      };
      /** Arrivals in slot (d, s): the shows of nearby appointment slots spread by the learnt arrival kernel. */
      const arrivals = (d: number, s: number): [number, number] => {
        let mean = 0;
        let variance = 0;
        for (let j = 0; j < KERNEL.length; j++) {
          const k = kernel[j];
          if (k === 0) continue;
          const [m, v] = shows(d, s - KERNEL[j]);
          mean += k * m;
          variance += k * k * v + Math.max(0, k * (1 - k)) * m;
        }
        return [mean, variance];
      };
      return {
        means(dayIn, position, n, out) {
          let maxDay = 0;
          for (let i = 0; i < n; i++) if (dayIn[i] > maxDay) maxDay = dayIn[i];
          grid.days(maxDay + 1);
          for (let i = 0; i < n; i++) out[i] = arrivals(dayIn[i], position[i])[0];
        },
        quantiles(dayIn, position, n, mean, levels, out) {
          for (let i = 0; i < n; i++) {
            countQuantilesInto(mean[i], arrivals(dayIn[i], position[i])[1], levels, out, i);
          }
        },
      };
    },
  };
}

/**
 * Booking pickup model for appointment-channel series: bookings on hand at the forecast's lead time × show rate
 * (learnt by booking lead) + expected further bookings (additive or multiplicative pickup). Pass the booking
 * curves as `bookings` in the fit context and the time they were counted as `asOf`. Forecast walk-ins with another
 * model and combine the channels with `addPredictions`.
 *
 * @example
 * const curves = bookingCurves(visits, { slotMinutes: 30 });
 * bookingPickup().fit(appointmentHistory, { bookings: curves, asOf }).predict(slots).mean;
 */
export function bookingPickup(options: BookingPickupOptions = {}): ForecastModel {
  return modelFromMeans(bookingPickupMeans(options), { ...defaultBookingPickupOptions, ...options });
}
