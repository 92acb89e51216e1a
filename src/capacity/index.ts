/**
 * Appointment capacity: how many appointments the booking system may release per service and slot so that the
 * plan still meets every target for walk-ins and appointment holders; a prepared book for booking requests.
 *
 * @example
 * import { allocate, appointmentCapacity, parseScenario, prepareCapacity } from 'queuecast';
 * const { scenario } = parseScenario(json);
 * const plan = allocate(scenario);
 * appointmentCapacity(scenario, plan).summary.maxAppointments; // appointments to release in all
 * const book = prepareCapacity(scenario, plan);
 * book.remaining('tax', '2026-12-01T10:00:00+08:00'); // answered in microseconds
 */

// Capacity of a plan, and the book that answers booking requests
export { appointmentCapacity } from './appointment-capacity.js';
export { CapacityBook } from './capacity-book.js';
// JSON errors of the capacity and whatif commands
export { type JsonErrorDocument, type JsonErrorInput, toJsonError } from './json-error.js';
export { defaultCapacityOptions, prepareCapacity } from './prepare-capacity.js';
// The two-class (appointments first) queue
export {
  type ClassMetrics,
  defaultTwoClassOptions,
  type TwoClassMetrics,
  type TwoClassOptions,
  type TwoClassQueue,
  twoClassPriorityMetrics,
} from './two-class-priority.js';
// Types
export type {
  BookingOutcome,
  CapacityLimit,
  CapacityOptions,
  CapacityResult,
  CapacityRow,
  CapacityServiceSummary,
  CapacitySummary,
  WalkInQuantile,
} from './types.js';
export {
  applyWhatIf,
  defaultWhatIfOptions,
  type WhatIfOptions,
  type WhatIfResult,
  type WhatIfServiceRow,
  type WhatIfServiceSide,
  type WhatIfSide,
  whatIf,
} from './what-if.js';
// What if: re-plan with changes and compare
export { parseWhatIfChange, type WhatIfChange } from './what-if-change.js';
