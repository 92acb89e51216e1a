import { check } from '../errors.js';
import { localClock } from './local-time.js';
import type { Visit } from './types.js';

/** Options of {@link noShowByLead}. */
export interface NoShowByLeadOptions {
  /** IANA time zone of the local dates. Default `Asia/Shanghai`. */
  readonly timezone?: string;
  /** Longest lead time reported on its own; longer leads are pooled into this last row. Default 14 days. */
  readonly maxLeadDays?: number;
}

/**
 * Defaults of {@link noShowByLead}: local dates in `Asia/Shanghai`, leads of 14 days and more pooled in one row.
 *
 * @example
 * defaultNoShowByLeadOptions.maxLeadDays; // => 14
 */
export const defaultNoShowByLeadOptions = {
  timezone: 'Asia/Shanghai',
  maxLeadDays: 14,
} as const satisfies NoShowByLeadOptions;

/** Bookings made a given number of days ahead and what became of them. */
export interface LeadTimeRow {
  /** Local calendar days from the booking to the appointment; the last row pools every longer lead. */
  readonly leadDays: number;
  /** Bookings, cancelled ones included. */
  readonly booked: number;
  /** Holders who arrived. */
  readonly shows: number;
  /** Holders who neither arrived nor cancelled. */
  readonly noShows: number;
  /** Bookings cancelled (and never arrived). */
  readonly cancelled: number;
  /** `noShows ÷ (shows + noShows)`: the no-show rate among bookings that were kept. */
  readonly noShowRate: number;
  /** `cancelled ÷ booked`. */
  readonly cancelRate: number;
}

/** Result of {@link noShowByLead}. */
export interface NoShowByLead {
  /** Rows for lead 0 … `maxLeadDays`. */
  readonly rows: readonly LeadTimeRow[];
  /** All leads pooled (`leadDays` is -1). */
  readonly overall: LeadTimeRow;
  /** Appointment visits without a booking or appointment time, or booked after the appointment: left out. */
  readonly skipped: number;
}

const DAY_MS = 86_400_000;

function row(leadDays: number, shows: number, noShows: number, cancelled: number): LeadTimeRow {
  const booked = shows + noShows + cancelled;
  return {
    leadDays,
    booked,
    shows,
    noShows,
    cancelled,
    noShowRate: shows + noShows > 0 ? noShows / (shows + noShows) : Number.NaN,
    cancelRate: booked > 0 ? cancelled / booked : Number.NaN,
  };
}

/**
 * No-show statistics of appointment bookings by lead time (local calendar days between `bookedAt` and
 * `appointmentAt`). Lead time is the strongest predictor of not coming (e.g. the Vitória clinic data of
 * ../shared/datasets); the forecaster multiplies bookings on hand by the show rate of their lead.
 *
 * Complexity O(n).
 *
 * @example
 * const { rows } = noShowByLead(visits);
 * rows[0].noShowRate; // => 0.12 (same-day bookings)
 */
export function noShowByLead(visits: readonly Visit[], options: NoShowByLeadOptions = {}): NoShowByLead {
  const tz = options.timezone ?? defaultNoShowByLeadOptions.timezone;
  const maxLead = options.maxLeadDays ?? defaultNoShowByLeadOptions.maxLeadDays;
  check(
    Number.isInteger(maxLead) && maxLead >= 0,
    'noShowByLead',
    'maxLeadDays must be a non-negative integer',
    maxLead,
  );
  const shows = new Float64Array(maxLead + 1);
  const noShows = new Float64Array(maxLead + 1);
  const cancelled = new Float64Array(maxLead + 1);
  let skipped = 0;
  const clock = localClock(tz);
  const bookingClock = localClock(tz);
  for (const v of visits) {
    if (v.channel !== 'appointment') continue;
    if (v.bookedAt === null || v.appointmentAt === null) {
      skipped++;
      continue;
    }
    const lead = Math.floor(clock(v.appointmentAt) / DAY_MS) - Math.floor(bookingClock(v.bookedAt) / DAY_MS);
    if (lead < 0) {
      skipped++;
      continue;
    }
    const d = Math.min(lead, maxLead);
    if (v.arrivedAt !== null) shows[d]++;
    else if (v.outcome === 'cancelled') cancelled[d]++;
    else noShows[d]++;
  }
  const rows = Array.from({ length: maxLead + 1 }, (_, d) => row(d, shows[d], noShows[d], cancelled[d]));
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  return { rows, overall: row(-1, sum(shows), sum(noShows), sum(cancelled)), skipped };
}
