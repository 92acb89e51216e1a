import type { QueueModel, ServiceTarget } from '../queueing/types.js';

/**
 * A forecast quantity to staff to: the mean, or a quantile column.
 *
 * @example
 * staffingRequirements(scenario.demand, scenario.services, { quantity: 'p80' });
 */
export type ForecastQuantity = 'mean' | 'p05' | 'p10' | 'p50' | 'p80' | 'p90' | 'p95';

/**
 * How requirements are computed per slot. See {@link staffingRequirements} for when each is right.
 *
 * @example
 * staffingRequirements(forecast, services, { method: 'sipp' });
 */
export type StaffingMethod = 'mol' | 'sipp';

/**
 * One forecast row: expected arrivals of one service and channel in one slot. Scenario `demand` rows and forecast
 * rows (`mean` instead of `expected`) are both accepted.
 *
 * @example
 * const row: ForecastRow = { service: 'tax', channel: 'walk_in', slotStart: '2026-12-01T09:00:00+08:00', expected: 12.5, p90: 17 };
 */
export interface ForecastRow {
  readonly service: string;
  /** `appointment` or `walk_in` (default). Appointment rows count holders who actually come. */
  readonly channel?: 'appointment' | 'walk_in';
  /** Slot start: epoch milliseconds, or ISO 8601 (local time of `options.timezone` when it has no offset). */
  readonly slotStart: number | string;
  /** Expected arrivals in the slot (Scenario `demand`). */
  readonly expected?: number;
  /** Expected arrivals in the slot (forecast files); used when `expected` is absent. */
  readonly mean?: number;
  readonly p05?: number;
  readonly p10?: number;
  readonly p50?: number;
  readonly p80?: number;
  readonly p90?: number;
  readonly p95?: number;
}

/**
 * What staffing needs to know about a service; a Scenario `ServiceSpec` fits.
 *
 * @example
 * const tax: StaffingService = { id: 'tax', ahtSeconds: 600, serviceCv: 0.8, target: { fraction: 0.8, withinSeconds: 600 } };
 */
export interface StaffingService {
  readonly id: string;
  /** Average handling time, seconds. */
  readonly ahtSeconds: number;
  /** Handling-time CV; default 1. */
  readonly serviceCv?: number;
  /** Mean walk-in patience, seconds; used only with `abandonment: true`. Default Infinity. */
  readonly patienceSeconds?: number;
  /** The service's target; default 80 % within 900 s (the Scenario default). */
  readonly target?: ServiceTarget;
}

/**
 * Options of {@link staffingRequirements}; every field has a default ({@link defaultStaffingOptions}).
 *
 * @example
 * const options: StaffingOptions = { pools: [['tax', 'registration']], quantity: 'p80', slotMinutes: 15 };
 */
export interface StaffingOptions {
  /** Default `'mol'` (backlog-carrying modified offered load); `'sipp'` = per-slot stationary. */
  readonly method?: StaffingMethod;
  /** Forecast quantity to staff to. Default `'mean'`. Quantiles are summed over the services and channels of a pool. */
  readonly quantity?: ForecastQuantity;
  /** Slot length, minutes. Default: the smallest gap between slot starts in the forecast, or 30. */
  readonly slotMinutes?: number;
  /** Time zone for ISO slot starts without an offset. Default `'Asia/Shanghai'`. */
  readonly timezone?: string;
  /** Services served by the same counters, one queue each (e.g. `[['tax', 'registration']]`). Default: none. */
  readonly pools?: readonly (readonly string[])[];
  /** `'appointments-first'` (default, as in a Scenario) or `'fcfs'`. */
  readonly priority?: 'appointments-first' | 'fcfs';
  /**
   * CV of appointment inter-arrival times. Default 0.7 (ca² ≈ 0.5): holders come spread over their slot, so counts
   * vary less than Poisson between slots yet look random within one.
   */
  readonly appointmentArrivalCv?: number;
  /**
   * Use Erlang A with each service's walk-in patience. Default false: abandonment is ignored, which errs towards
   * more staff (abandoners count as misses anyway). Required for `maxAbandonShare` targets.
   */
  readonly abandonment?: boolean;
  /** Highest occupancy per pool, in (0, 1]. Default 1. */
  readonly maxOccupancy?: number;
  /** Cap on servers for one pool and slot; a target out of reach is reported at the cap. Default 10,000. */
  readonly maxServers?: number;
}

/**
 * Servers needed by one service (or pool of services) in one slot.
 *
 * @example
 * const [first]: readonly StaffingRequirement[] = staffingRequirements(forecast, services).requirements;
 * first.serversInteger; // counters to open for first.service at first.slotStart
 */
export interface StaffingRequirement {
  /** Service id, or the pool id (member ids joined by `+`). */
  readonly service: string;
  /** The services in this queue (one unless pooled). */
  readonly services: readonly string[];
  /** Slot start, epoch milliseconds. */
  readonly slotStart: number;
  readonly slotMinutes: number;
  /** Arrivals staffed to in the slot (the chosen quantity, all member services and channels). */
  readonly arrivals: number;
  /** Offered load the stationary model was given, Erlangs (the modified offered load under `'mol'`). */
  readonly offeredLoadErlangs: number;
  /**
   * Share of the arrival rate the model was given (modified like the load) that holds an appointment, 0–1: the
   * class the two-class priority model serves first.
   */
  readonly appointmentShare: number;
  /** Servers needed, fractional (interpolated; see `fewestServersFractional`). */
  readonly servers: number;
  /** Servers needed, integer (`Math.ceil(servers)`). */
  readonly serversInteger: number;
  /** Lowest predicted service level over member services, each at its own `withinSeconds`, with `serversInteger`. */
  readonly serviceLevel: number;
  /** Predicted mean wait over all arrivals with `serversInteger`, seconds. */
  readonly meanWaitSeconds: number;
  /** The stationary model used: Erlang C, Allen–Cunneen, Erlang A, or two-class priority. */
  readonly model: QueueModel | 'priority';
  /** False when no count up to `maxServers` meets the target (servers are then `maxServers`). */
  readonly targetReachable: boolean;
}

/**
 * Result of {@link staffingRequirements}.
 *
 * @example
 * const result: StaffingResult = staffingRequirements(forecast, services);
 * result.staffHours; // Σ serversInteger × slot hours
 * result.warnings; // e.g. ['service tax: p90 missing on 3 row(s); staffed to the mean there']
 */
export interface StaffingResult {
  readonly method: StaffingMethod;
  readonly quantity: ForecastQuantity;
  readonly slotMinutes: number;
  /** One row per queue (service or pool) per slot of the forecast's slot grid, by queue then time. */
  readonly requirements: readonly StaffingRequirement[];
  /** Σ serversInteger × slot length, hours. */
  readonly staffHours: number;
  /** Σ servers (fractional) × slot length, hours. */
  readonly fractionalStaffHours: number;
  readonly warnings: readonly string[];
}
