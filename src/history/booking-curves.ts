import { check } from '../errors.js';
import { compareOptional, KeyedStore, localClock } from './local-time.js';
import type { BookingCurve, Visit } from './types.js';

/** Options of {@link bookingCurves}. */
export interface BookingCurvesOptions {
  /** IANA time zone the slots and dates are local to. Default `Asia/Shanghai`. */
  readonly timezone?: string;
  /** Appointment slot length, minutes (a divisor of 1440). Default 30. */
  readonly slotMinutes?: number;
  /** Longest lead time tracked; `bookedByLead` has `maxLeadDays + 1` entries. Default 14. */
  readonly maxLeadDays?: number;
}

/**
 * Defaults of {@link bookingCurves}: `Asia/Shanghai`, 30-minute slots, lead times up to 14 days.
 *
 * @example
 * defaultBookingCurvesOptions.maxLeadDays; // => 14
 * bookingCurves(visits, { ...defaultBookingCurvesOptions, slotMinutes: 60 });
 */
export const defaultBookingCurvesOptions = {
  timezone: 'Asia/Shanghai',
  slotMinutes: 30,
  maxLeadDays: 14,
} as const satisfies BookingCurvesOptions;

const DAY_MS = 86_400_000;

interface CurveAcc {
  centre: string | null;
  service: string;
  slotStart: number;
  atLead: Float64Array;
  shows: number;
}

/**
 * Booking curves: for every appointment slot, the bookings on hand `d` days before the slot's date, for the
 * forecaster's booking pickup model (appointments = bookings on hand + expected further bookings, times the show
 * rate). `bookedByLead[d]` counts bookings made at least `d` local calendar days ahead, so it falls as `d` grows;
 * `bookedByLead[0]` is every booking. Cancelled bookings are included (their cancellation time is not recorded);
 * a booking without `bookedAt` counts at lead 0 only. Only slots with at least one booking appear, ordered by
 * centre, service, then slot.
 *
 * Complexity O(n + curves × maxLeadDays).
 *
 * @example
 * const curves = bookingCurves(visits, { slotMinutes: 30 });
 * curves[0].bookedByLead; // => [6, 5, 5, 4, 3, 3, 2, 2, 1, 1, 1, 0, 0, 0, 0]
 */
export function bookingCurves(visits: readonly Visit[], options: BookingCurvesOptions = {}): BookingCurve[] {
  const o = { ...defaultBookingCurvesOptions, ...options };
  check(
    Number.isInteger(o.slotMinutes) && o.slotMinutes > 0 && 1440 % o.slotMinutes === 0,
    'bookingCurves',
    'slotMinutes must be a positive divisor of 1440',
    o.slotMinutes,
  );
  check(
    Number.isInteger(o.maxLeadDays) && o.maxLeadDays >= 0,
    'bookingCurves',
    'maxLeadDays must be a non-negative integer',
    o.maxLeadDays,
  );
  const clock = localClock(o.timezone);
  const bookingClock = localClock(o.timezone);
  const slotMs = o.slotMinutes * 60_000;
  const curves = new KeyedStore<Map<number, CurveAcc>>();
  const makeMap = () => new Map<number, CurveAcc>();
  for (const v of visits) {
    if (v.channel !== 'appointment' || v.appointmentAt === null) continue;
    const local = clock(v.appointmentAt);
    const slotStart = v.appointmentAt - (((local % slotMs) + slotMs) % slotMs);
    const bySlot = curves.get(v.centre, v.service, makeMap);
    let c = bySlot.get(slotStart);
    if (c === undefined) {
      c = {
        centre: v.centre,
        service: v.service,
        slotStart,
        atLead: new Float64Array(o.maxLeadDays + 1),
        shows: 0,
      };
      bySlot.set(slotStart, c);
    }
    const lead =
      v.bookedAt === null ? 0 : Math.floor(local / DAY_MS) - Math.floor(bookingClock(v.bookedAt) / DAY_MS);
    c.atLead[Math.max(0, Math.min(lead, o.maxLeadDays))]++;
    if (v.arrivedAt !== null) c.shows++;
  }
  const out = curves
    .values()
    .flatMap((m) => [...m.values()])
    .sort(
      (a, b) =>
        compareOptional(a.centre, b.centre) ||
        compareOptional(a.service, b.service) ||
        a.slotStart - b.slotStart,
    );
  return out.map((c) => {
    const bookedByLead = new Array<number>(o.maxLeadDays + 1);
    let cum = 0;
    for (let d = o.maxLeadDays; d >= 0; d--) {
      cum += c.atLead[d];
      bookedByLead[d] = cum;
    }
    const curve: {
      centre?: string;
      service: string;
      slotStart: number;
      bookedByLead: number[];
      shows: number;
    } = {
      service: c.service,
      slotStart: c.slotStart,
      bookedByLead,
      shows: c.shows,
    };
    if (c.centre !== null) curve.centre = c.centre;
    return curve;
  });
}
