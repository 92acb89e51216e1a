/**
 * Queueing formulas: exact, stable for 10,000 servers and targets of hours, pure, with units in their names.
 *
 * @example
 * import { erlangC, fewestServers, queueMetrics } from 'queuecast';
 * erlangC(10, 14); // => 0.1741
 * fewestServers({ arrivalsPerHour: 200, ahtSeconds: 180 }, { fraction: 0.8, withinSeconds: 20 }); // => 14
 * queueMetrics({ arrivalsPerHour: 200, ahtSeconds: 300, patienceSeconds: 300 }, 18, 20).abandonShare; // => 0.0637
 */

// Formulas for a given number of servers
export { allenCunneen } from './allen-cunneen.js';
export { erlangA } from './erlang-a.js';
export { erlangB } from './erlang-b.js';
export { erlangC } from './erlang-c.js';
// Inverses: servers for a target
export { defaultFewestServersOptions, type FewestServersOptions, fewestServers } from './fewest-servers.js';
export { fewestServersFractional } from './fewest-servers-fractional.js';
export { meanQueueLength } from './mean-queue-length.js';
export { occupancy } from './occupancy.js';
export { queueMetrics } from './queue-metrics.js';
export { serviceLevel } from './service-level.js';
export { squareRootStaffing } from './square-root-staffing.js';

// Types
export type { QueueMetrics, QueueModel, QueueSpec, ServiceTarget } from './types.js';
