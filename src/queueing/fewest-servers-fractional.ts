import { checkedSearch, defaultFewestServersOptions, type FewestServersOptions } from './fewest-servers.js';
import type { QueueSpec, ServiceTarget } from './types.js';

const out = new Float64Array(1);

/**
 * The fractional number of servers at which the target is met exactly, under the linear interpolation between
 * neighbouring integers that {@link queueMetrics} uses for fractional servers. Meant for pooling and for allocators
 * that share a counter between services: `Math.ceil` of the result is {@link fewestServers}.
 * Each bound that fails one server below the answer is interpolated on its own and the largest crossing wins; a
 * binding maximum occupancy gives load ÷ maxOccupancy; a bound that cannot be interpolated (the queue one server
 * below is unstable) gives the integer answer.
 * Complexity: that of {@link fewestServers}.
 *
 * @param queue arrival rate, AHT, optional patience and CVs.
 * @param target as for {@link fewestServers}.
 * @param options as for {@link fewestServers}.
 * @returns servers ≥ 0, fractional; `Infinity` when the target is out of reach.
 * @throws QueuecastError INVALID_ARGUMENT for invalid input.
 * @example
 * fewestServersFractional({ arrivalsPerHour: 200, ahtSeconds: 180 }, { fraction: 0.8, withinSeconds: 20 }); // => 13.05
 */
export function fewestServersFractional(
  queue: QueueSpec,
  target: ServiceTarget,
  options: FewestServersOptions = defaultFewestServersOptions,
): number {
  checkedSearch('fewestServersFractional', queue, target, options, out);
  return out[0];
}
