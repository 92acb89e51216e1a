import { queueMetrics } from './queue-metrics.js';
import type { QueueSpec } from './types.js';
import { checkQueue, checkServers, checkWithin } from './validate.js';

/**
 * The service level for a given number of servers: the share of **all arrivals** called within `withinSeconds`
 * (abandoners are misses). The reverse of {@link fewestServers}. Same model choice and fractional-server
 * interpolation as {@link queueMetrics}. Complexity O(servers).
 *
 * @example
 * serviceLevel({ arrivalsPerHour: 200, ahtSeconds: 180 }, 13, 20); // => 0.7956
 */
export function serviceLevel(queue: QueueSpec, servers: number, withinSeconds: number): number {
  checkQueue('serviceLevel', queue);
  checkServers('serviceLevel', servers);
  checkWithin('serviceLevel', withinSeconds);
  return queueMetrics(queue, servers, withinSeconds).serviceLevel;
}
