import type { Channel } from '../ingest/types.js';

export type { Channel, Outcome, Visit } from '../ingest/types.js';

/**
 * Arrivals of one series in one slot: the History format of DESIGN.md with times as epoch ms.
 * `centre`, `service` and `channel` are absent for a plain series.
 */
export interface HistoryRow {
  readonly centre?: string;
  readonly service?: string;
  readonly channel?: Channel;
  /** Epoch ms of the slot's start. */
  readonly slotStart: number;
  /** Customers who arrived in the slot. */
  readonly arrivals: number;
  /** Appointments booked for the slot (appointment channel). */
  readonly booked?: number;
  /** Booked appointment holders who did not come. */
  readonly noShows?: number;
  readonly served?: number;
  readonly abandoned?: number;
  /** Mean handling time of customers served in the slot, seconds. */
  readonly meanServiceSeconds?: number;
}

/** A slot history: rows plus the grid they sit on. Open slots with no arrivals are zero rows; closed slots are absent. */
export interface History {
  readonly rows: readonly HistoryRow[];
  /** Slot length, minutes. */
  readonly slotMinutes: number;
  /** IANA time zone the slots are aligned in. */
  readonly timezone: string;
}

/**
 * Bookings on hand for one appointment slot as its date approached: `bookedByLead[d]` = appointments booked for
 * the slot at least `d` days before the slot's date (so it falls as `d` grows), and `shows` = holders who came.
 */
export interface BookingCurve {
  readonly centre?: string;
  readonly service: string;
  /** Epoch ms of the appointment slot's start. */
  readonly slotStart: number;
  /** Cumulative bookings on hand by lead time in days, index 0 = all bookings made by the slot's day. */
  readonly bookedByLead: readonly number[];
  /** Holders who actually came. */
  readonly shows: number;
}
