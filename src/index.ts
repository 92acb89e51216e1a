/**
 * queuecast: forecast demand at public-service centres and plan their counters, staff and appointment capacity.
 *
 * Every public export, grouped by pipeline stage (DESIGN.md). Each stage's own `index.ts` lists its exports by
 * name with their documentation.
 *
 * @example
 * import { erlangC, fewestServers } from 'queuecast';
 * @packageDocumentation
 */

// Allocation, simulation, capacity
export * from './allocate/index.js';
// Calendar, ingest, history and the sample data
export * from './calendar/index.js';
export * from './capacity/index.js';
// Charts and the report
export * from './charts/index.js';
// Foundation: errors, time, random streams, the Scenario format
export { check, QueuecastError, type QueuecastErrorCode } from './errors.js';
// Forecast
export * from './forecast/index.js';
export * from './generate/index.js';
export * from './history/index.js';
export * from './ingest/index.js';

// Queueing and staffing
export * from './queueing/index.js';
export * from './random/index.js';
export * from './report/index.js';
export * from './scenario/index.js';
export * from './simulate/index.js';
export * from './staffing/index.js';
export * from './time/index.js';
