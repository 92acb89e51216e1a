/** Appointment holders' punctuality: each arrives uniformly between `earlyMinutes` before and `lateMinutes` after their appointment time. */
export interface Punctuality {
  /** Minutes before the appointment time the earliest holder arrives, ≥ 0. */
  readonly earlyMinutes: number;
  /** Minutes after the appointment time the latest holder arrives, ≥ 0. */
  readonly lateMinutes: number;
}

/**
 * Options of {@link simulate} and {@link prepareSimulation}. Every field has a default in
 * {@link defaultSimulateOptions}; pass only what you change.
 */
export interface SimulateOptions {
  /** Independent replications of the whole horizon. Default 100. */
  readonly replications: number;
  /** Seed of the random streams; replication r uses `createRng(seed, r)`. Default 1. */
  readonly seed: number;
  /**
   * Service-time family built from each service's `ahtSeconds` and `serviceCv`: `lognormal` (default) or `gamma`.
   * A `serviceCv` of 0 gives constant service times. For exponential service times (M/M/c) choose `gamma` with
   * `serviceCv` 1: a lognormal with CV 1 has the same mean and variance but a different shape.
   */
  readonly serviceTime: 'lognormal' | 'gamma';
  /** Observed service times, seconds, per service id; a service listed here is sampled from them (bootstrap). Default none. */
  readonly empiricalServiceSeconds: Readonly<Record<string, readonly number[]>>;
  /**
   * Extra variability of walk-in counts beyond Poisson. `none` (default): Poisson with the slot's `expected`.
   * `daily-gamma`: each local date's walk-in rates are multiplied by one gamma draw with mean 1 and CV `dailyRateCv`.
   * `p90`: each slot's count is negative binomial with the slot's `expected` and a variance matched to its `p90`
   * (normal approximation; Poisson where `p90` is absent or implies less variance).
   */
  readonly overDispersion: 'none' | 'daily-gamma' | 'p90';
  /** CV of the daily rate multiplier under `overDispersion: 'daily-gamma'`. Default 0.1. */
  readonly dailyRateCv: number;
  /**
   * How appointment counts are drawn. `expected` (default): Poisson with the row's `expected` (holders who come,
   * no-shows already removed, as DESIGN.md says). `booked`: binomial from the row's `booked` with show probability
   * 1 − the service's `noShowRate` (rows without `booked` fall back to `expected`).
   */
  readonly appointments: 'expected' | 'booked';
  /**
   * Appointment holders' punctuality around an appointment time drawn uniformly in the slot; `null` (default) means
   * they arrive exactly then. Early holders before the session opens take a ticket at opening; late ones after the
   * ticket stop are let in at the stop.
   */
  readonly punctuality: Punctuality | null;
  /** Walk-ins abandon after an exponential patience with mean `patienceSeconds` of their service. Default true. */
  readonly abandonment: boolean;
  /**
   * Customers arriving in the first `warmupMinutes` of the horizon are simulated but not counted (for steady-state
   * studies). Default 0.
   */
  readonly warmupMinutes: number;
  /** Plan assignments with `staff: null`: `closed` (default: nobody sits there) or `open` (an unnamed person does). */
  readonly unstaffedCounters: 'closed' | 'open';
  /** Wait limit, seconds, for the service level of services whose target has no `withinSeconds`. Default 900. */
  readonly defaultWithinSeconds: number;
  /** Called after each replication with (done, total); for progress bars. Default none. */
  readonly onProgress: ((done: number, total: number) => void) | null;
}

/**
 * Defaults of {@link SimulateOptions}.
 *
 * @example
 * defaultSimulateOptions.replications; // => 100
 */
export const defaultSimulateOptions: SimulateOptions = Object.freeze({
  replications: 100,
  seed: 1,
  serviceTime: 'lognormal',
  empiricalServiceSeconds: Object.freeze({}),
  overDispersion: 'none',
  dailyRateCv: 0.1,
  appointments: 'expected',
  punctuality: null,
  abandonment: true,
  warmupMinutes: 0,
  unstaffedCounters: 'closed',
  defaultWithinSeconds: 900,
  onProgress: null,
});
