/** Forecast column the walk-ins are sized at: `expected` (the mean) or a quantile of the Scenario demand row. */
export type WalkInQuantile = 'expected' | 'p10' | 'p50' | 'p80' | 'p90' | 'p95';

/** Options of {@link appointmentCapacity} and {@link prepareCapacity}; every field has a default. */
export interface CapacityOptions {
  /**
   * Walk-ins are assumed to arrive at this forecast column of their demand rows. Default `'p80'`; a row without it
   * falls back to `expected` (with a warning naming the service and the count).
   */
  readonly walkInQuantile?: WalkInQuantile;
  /**
   * Floor on the walk-ins' share of each slot's servable customers, 0–1: in every slot the plan keeps room for at
   * least `share / (1 − share)` walk-ins per appointment holder released, even when fewer walk-ins are forecast
   * (people who cannot or will not book — often the elderly — still find a counter). Default 0.3.
   */
  readonly walkInReserveShare?: number;
  /**
   * Release more appointments than shows by the service's `noShowRate`: `floor(shows / (1 − noShowRate))` instead of
   * `floor(shows)`. Default false.
   */
  readonly overbook?: boolean;
  /** Appointment priority; default the scenario's `priority`. */
  readonly priority?: 'appointments-first' | 'fcfs';
  /**
   * Count walk-ins whose patience (`patienceSeconds`, exponential) runs out before they would be called as misses
   * of the service level, and check `maxAbandonShare` targets. Default true.
   */
  readonly walkInAbandonment?: boolean;
}

/**
 * What stops a slot from taking one more appointment:
 * - `target` — the slot's own target (walk-ins or appointment holders would miss it);
 * - `walk-in-reserve` — the room kept for walk-ins (`walkInReserveShare`);
 * - `later-slot` — the work it would carry into a later slot of the same session would make that slot miss;
 * - `walk-ins-short` — the walk-ins alone already miss the target with the planned servers (no appointments);
 * - `no-servers` — the plan opens no counter for the service in the slot;
 * - `overbooked` — bookings already made exceed what the slot can take;
 * - `slot-work` — the slot's walk-ins and holders would bring more work (× AHT) than its servers can do in it.
 */
export type CapacityLimit =
  | 'target'
  | 'walk-in-reserve'
  | 'later-slot'
  | 'walk-ins-short'
  | 'no-servers'
  | 'overbooked'
  | 'slot-work';

/** Appointment capacity of one service in one slot (DESIGN.md, "Appointment capacity"). */
export interface CapacityRow {
  readonly service: string;
  /** ISO 8601 local time of the centre with its offset. */
  readonly slotStart: string;
  /** Appointments the booking system may release in the slot in all, bookings already made included. */
  readonly maxAppointments: number;
  /** Appointments booked so far. */
  readonly booked: number;
  /** Appointments still bookable: max(0, maxAppointments − booked). */
  readonly remaining: number;
  /** Holders expected to come when the slot is fully booked: max(maxAppointments, booked) × (1 − noShowRate). */
  readonly expectedShows: number;
  /** Walk-ins forecast for the slot (`expected` of its walk-in rows). */
  readonly expectedWalkIns: number;
  /** Walk-ins the capacity is sized for: the `walkInQuantile` column. */
  readonly plannedWalkIns: number;
  /** Walk-ins the slot keeps room for at full booking: max(plannedWalkIns, the reserve share's floor). */
  readonly walkInReserve: number;
  /** Appointment holders the scenario forecasts to come (`expected` of its appointment rows). */
  readonly forecastShows: number;
  /** Effective servers the plan gives the service in the slot (fractional on shared counters). */
  readonly servers: number;
  /** Predicted share of walk-ins called within the target wait, at full booking with `walkInReserve` walk-ins. */
  readonly walkInServiceLevel: number;
  /** Predicted share of appointment holders called within the target wait, at full booking. */
  readonly appointmentServiceLevel: number;
  /** Predicted mean wait of walk-ins, seconds; null when the queue would grow without bound. */
  readonly walkInMeanWaitSeconds: number | null;
  /** Predicted mean wait of appointment holders, seconds; null when unbounded. */
  readonly appointmentMeanWaitSeconds: number | null;
  /** What keeps the slot from taking one more appointment. */
  readonly limit: CapacityLimit;
}

/** Totals of one service over the horizon. */
export interface CapacityServiceSummary {
  readonly service: string;
  readonly maxAppointments: number;
  readonly booked: number;
  readonly remaining: number;
  readonly expectedShows: number;
  readonly expectedWalkIns: number;
  readonly forecastShows: number;
  /** Slots where the walk-ins alone miss the target with the planned servers (or no counter serves them). */
  readonly shortSlots: number;
}

/** Totals over all services and slots, and the options the capacity was computed with. */
export interface CapacitySummary {
  readonly maxAppointments: number;
  readonly booked: number;
  readonly remaining: number;
  readonly expectedShows: number;
  readonly expectedWalkIns: number;
  readonly forecastShows: number;
  readonly shortSlots: number;
  readonly walkInQuantile: WalkInQuantile;
  readonly walkInReserveShare: number;
  readonly overbook: boolean;
  readonly priority: 'appointments-first' | 'fcfs';
  readonly services: readonly CapacityServiceSummary[];
}

/** The Capacity JSON of DESIGN.md: the output of `appointmentCapacity` and of `queuecast capacity`. */
export interface CapacityResult {
  /** One row per service and open slot where the plan serves the service or demand is forecast, by slot then service. */
  readonly capacity: readonly CapacityRow[];
  readonly summary: CapacitySummary;
  /** Notes on the input (missing quantile columns, plan rows that do not match the scenario). */
  readonly warnings: readonly string[];
}

/** Outcome of {@link CapacityBook.book}. */
export interface BookingOutcome {
  /** Whether the booking was recorded. */
  readonly accepted: boolean;
  /** Appointments still bookable in the slot afterwards. */
  readonly remaining: number;
  /** Booked beyond the slot's capacity (forced bookings), ≥ 0. */
  readonly overbooked: number;
}
