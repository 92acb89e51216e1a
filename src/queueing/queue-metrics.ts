import { allenCunneen } from './allen-cunneen.js';
import { erlangA } from './erlang-a.js';
import type { QueueMetrics, QueueSpec } from './types.js';
import { checkQueue, checkServers, checkWithin } from './validate.js';

function integerMetrics(queue: QueueSpec, servers: number, withinSeconds: number): QueueMetrics {
  const patience = queue.patienceSeconds ?? Number.POSITIVE_INFINITY;
  return patience === Number.POSITIVE_INFINITY
    ? allenCunneen(queue, servers, withinSeconds)
    : erlangA(queue, servers, withinSeconds);
}

/** Linear interpolation for 0 < w < 1; an infinite end (an unstable neighbour) stays infinite. */
function lerp(lo: number, hi: number, w: number): number {
  if (lo === hi) return lo;
  if (lo === Number.POSITIVE_INFINITY || hi === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return lo + (hi - lo) * w;
}

/**
 * Steady-state metrics of one queue for a given number of servers — the service level for given servers, and
 * everything else the calculator prints. Picks the formula from the queue: finite `patienceSeconds` → Erlang A;
 * otherwise Allen–Cunneen, which is exactly Erlang C when both CVs are 1 (the defaults).
 *
 * Fractional servers (a pooled counter shared between services, or a fractional requirement) interpolate every
 * metric linearly between ⌊servers⌋ and ⌈servers⌉, except occupancy, which is carried load ÷ servers. This is the
 * interpolation {@link fewestServersFractional} inverts.
 * Complexity: that of the formula, twice for fractional servers.
 *
 * @param queue arrival rate, AHT and optional patience and CVs.
 * @param servers servers ≥ 0, fractional allowed.
 * @param withinSeconds wait limit for the service level, seconds.
 * @throws QueuecastError INVALID_ARGUMENT for invalid input.
 * @example
 * queueMetrics({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 20).serviceLevel; // => 0.8884
 * queueMetrics({ arrivalsPerHour: 200, ahtSeconds: 180 }, 13.5, 20).serviceLevel; // => 0.8420 (halfway)
 */
export function queueMetrics(queue: QueueSpec, servers: number, withinSeconds: number): QueueMetrics {
  checkQueue('queueMetrics', queue);
  checkServers('queueMetrics', servers);
  checkWithin('queueMetrics', withinSeconds);
  if (Number.isInteger(servers)) return integerMetrics(queue, servers, withinSeconds);
  const lo = integerMetrics(queue, Math.floor(servers), withinSeconds);
  const hi = integerMetrics(queue, Math.floor(servers) + 1, withinSeconds);
  const w = servers - Math.floor(servers);
  const abandonShare = lerp(lo.abandonShare, hi.abandonShare, w);
  const carried = lo.offeredLoadErlangs * (1 - abandonShare);
  return {
    model: lo.model,
    servers,
    offeredLoadErlangs: lo.offeredLoadErlangs,
    probWait: lerp(lo.probWait, hi.probWait, w),
    serviceLevel: lerp(lo.serviceLevel, hi.serviceLevel, w),
    withinSeconds,
    meanWaitSeconds: lerp(lo.meanWaitSeconds, hi.meanWaitSeconds, w),
    abandonShare,
    occupancy: carried === 0 ? 0 : Math.min(1, carried / servers),
    meanQueueLength: lerp(lo.meanQueueLength, hi.meanQueueLength, w),
    stable: lo.stable,
  };
}
