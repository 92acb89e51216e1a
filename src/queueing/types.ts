/**
 * One queue, as the queueing formulas see it: a single pool of identical servers fed by one arrival stream.
 * Units are in the names; every field but the first two is optional.
 *
 * @example
 * const walkIns: QueueSpec = { arrivalsPerHour: 40, ahtSeconds: 600, serviceCv: 0.8, patienceSeconds: 2400 };
 */
export interface QueueSpec {
  /** Mean arrival rate, customers per hour (≥ 0). */
  readonly arrivalsPerHour: number;
  /** Average handling time, seconds (> 0). */
  readonly ahtSeconds: number;
  /**
   * Mean patience of a waiting customer (exponential), seconds. Default `Infinity`: nobody abandons (Erlang C,
   * or Allen–Cunneen). A finite value selects Erlang A.
   */
  readonly patienceSeconds?: number;
  /** Coefficient of variation of handling time. Default 1 (exponential). Used by Allen–Cunneen only. */
  readonly serviceCv?: number;
  /**
   * Coefficient of variation of inter-arrival times. Default 1 (Poisson). Scheduled arrivals (appointments) are
   * smoother: below 1. Used by Allen–Cunneen only.
   */
  readonly arrivalCv?: number;
}

/**
 * A staffing target; every bound given must hold. Same shape as a Scenario service `target` (DESIGN.md).
 *
 * @example
 * const target: ServiceTarget = { fraction: 0.8, withinSeconds: 900, maxAbandonShare: 0.05 };
 */
export interface ServiceTarget {
  /** Share (0–1) of all arrivals to be called within `withinSeconds`. */
  readonly fraction?: number;
  /** Wait limit for `fraction`, seconds. */
  readonly withinSeconds?: number;
  /** Upper bound on the mean wait over all arrivals, seconds. */
  readonly meanWaitSeconds?: number;
  /** Upper bound on the share of arrivals who abandon (needs a finite `patienceSeconds`). */
  readonly maxAbandonShare?: number;
}

/**
 * Which formula produced a {@link QueueMetrics}.
 *
 * @example
 * queueMetrics({ arrivalsPerHour: 40, ahtSeconds: 600, patienceSeconds: 900 }, 8, 600).model; // => 'erlang-a'
 */
export type QueueModel = 'erlang-c' | 'allen-cunneen' | 'erlang-a';

/**
 * Steady-state performance of one queue with a given number of servers.
 *
 * Service level counts **all arrivals** in the denominator: customers called within `withinSeconds` ÷ all arrivals,
 * so customers who abandon (before or after `withinSeconds`) are misses (DESIGN.md, "How a plan is operated").
 *
 * @example
 * const m: QueueMetrics = queueMetrics({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 20);
 * m.serviceLevel; // => 0.8884
 * m.stable; // => true
 */
export interface QueueMetrics {
  readonly model: QueueModel;
  /** Servers the metrics are for (fractional values are interpolated between neighbours). */
  readonly servers: number;
  /** Offered load λ × AHT, Erlangs. */
  readonly offeredLoadErlangs: number;
  /** Probability that an arrival has to wait (finds every server busy), 0–1. */
  readonly probWait: number;
  /** Share of all arrivals called within `withinSeconds`, 0–1. */
  readonly serviceLevel: number;
  /** The wait limit the service level is for, seconds. */
  readonly withinSeconds: number;
  /** Mean time in queue over all arrivals (abandoners until they leave), seconds; `Infinity` when unstable. */
  readonly meanWaitSeconds: number;
  /** Share of arrivals who abandon, 0–1 (0 without patience). */
  readonly abandonShare: number;
  /** Mean share of time a server is busy, 0–1. */
  readonly occupancy: number;
  /** Mean number of customers waiting; `Infinity` when unstable. */
  readonly meanQueueLength: number;
  /** False when the queue grows without bound (no abandonment and offered load ≥ servers). */
  readonly stable: boolean;
}
