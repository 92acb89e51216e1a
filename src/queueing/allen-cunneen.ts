import { logErlangB } from './erlang-b.js';
import { erlangCFromLogB } from './erlang-c.js';
import type { QueueMetrics, QueueModel, QueueSpec } from './types.js';
import { checkIntegerServers, checkQueue, checkWithin } from './validate.js';

/**
 * Allen–Cunneen metrics from a known Erlang B value (internal; no checks). `variability` is (ca² + cs²) / 2.
 */
export function allenCunneenMetrics(
  arrivalsPerHour: number,
  ahtSeconds: number,
  variability: number,
  servers: number,
  withinSeconds: number,
  logB: number,
  model: QueueModel,
): QueueMetrics {
  const a = (arrivalsPerHour * ahtSeconds) / 3600;
  if (a === 0) {
    return {
      model,
      servers,
      offeredLoadErlangs: 0,
      probWait: 0,
      serviceLevel: 1,
      withinSeconds,
      meanWaitSeconds: 0,
      abandonShare: 0,
      occupancy: 0,
      meanQueueLength: 0,
      stable: true,
    };
  }
  if (servers <= a) {
    return {
      model,
      servers,
      offeredLoadErlangs: a,
      probWait: 1,
      serviceLevel: 0,
      withinSeconds,
      meanWaitSeconds: Number.POSITIVE_INFINITY,
      abandonShare: 0,
      occupancy: 1,
      meanQueueLength: Number.POSITIVE_INFINITY,
      stable: false,
    };
  }
  const c = erlangCFromLogB(a, servers, logB);
  const serviceLevel =
    withinSeconds === 0
      ? 1 - c
      : 1 - c * Math.exp(-((servers - a) * withinSeconds) / (ahtSeconds * variability));
  const meanWaitSeconds = (c * variability * ahtSeconds) / (servers - a);
  return {
    model,
    servers,
    offeredLoadErlangs: a,
    probWait: c,
    serviceLevel,
    withinSeconds,
    meanWaitSeconds,
    abandonShare: 0,
    occupancy: a / servers,
    meanQueueLength: (arrivalsPerHour / 3600) * meanWaitSeconds,
    stable: true,
  };
}

/**
 * Allen–Cunneen approximation for the G/G/c queue: Erlang C scaled by the variability factor
 * v = (ca² + cs²) / 2, where ca and cs are the coefficients of variation of inter-arrival and handling times.
 *
 * - P(wait) = C(c, a) (Erlang C), mean wait Wq = C · v · AHT / (c − a);
 * - service level P(called within t) = 1 − C · exp(−(c − a) · t / (v · AHT)): the conditional wait of M/M/c,
 *   exponential with mean AHT / (c − a), stretched by v so that its mean matches Wq.
 *
 * With ca = cs = 1 (the defaults) this is exactly Erlang C and `model` is `'erlang-c'`. `patienceSeconds` is not
 * used (see {@link erlangA}). Service level counts all arrivals. Unstable queues (a ≥ c) return
 * `serviceLevel: 0`, `meanWaitSeconds: Infinity`, `stable: false` instead of throwing.
 * Reference: Allen, *Probability, Statistics and Queueing Theory* (1990), §6; Whitt (1993), "Approximations for
 * the GI/G/m queue", Production and Operations Management 2:114. Accuracy: a few percent on Wq for 0.5 ≤ cs ≤ 1.5
 * at moderate to high load; exact for M/M/c.
 * Complexity: O(servers).
 *
 * @param queue arrival rate, AHT and the two CVs (default 1).
 * @param servers a non-negative integer.
 * @param withinSeconds wait limit for the service level, seconds.
 * @throws QueuecastError INVALID_ARGUMENT for invalid input.
 * @example
 * // 100 arrivals per 30 min, AHT 180 s, 14 servers, 20 s
 * allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 20).serviceLevel; // => 0.8884 (to 4 decimals)
 * // deterministic handling halves the mean wait
 * allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180, serviceCv: 0 }, 14, 20).meanWaitSeconds; // => 3.92
 */
export function allenCunneen(queue: QueueSpec, servers: number, withinSeconds: number): QueueMetrics {
  checkQueue('allenCunneen', queue);
  checkIntegerServers('allenCunneen', servers);
  checkWithin('allenCunneen', withinSeconds);
  const ca = queue.arrivalCv ?? 1;
  const cs = queue.serviceCv ?? 1;
  const a = (queue.arrivalsPerHour * queue.ahtSeconds) / 3600;
  return allenCunneenMetrics(
    queue.arrivalsPerHour,
    queue.ahtSeconds,
    (ca * ca + cs * cs) / 2,
    servers,
    withinSeconds,
    logErlangB(a, servers),
    ca === 1 && cs === 1 ? 'erlang-c' : 'allen-cunneen',
  );
}
