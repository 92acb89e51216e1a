import type { Plan } from '../allocate/index.js';
import type { Scenario } from '../scenario/scenario.js';
import { prepareCapacity } from './prepare-capacity.js';
import type { CapacityOptions, CapacityResult } from './types.js';

/**
 * How many appointments the booking system may release, per service and slot, so that the plan still meets every
 * service's target for walk-ins and for appointment holders alike: walk-ins at a forecast quantile (default p80),
 * the expected no-shows allowed for, a share of each slot kept for walk-ins, and each slot's queue carried into the
 * next ones. The method is described at {@link prepareCapacity}; this is `prepareCapacity(…).result()`.
 *
 * Checked by simulation (test/capacity): with every slot booked to its capacity, each service meets its target for
 * both channels; without the margins (walk-ins at `expected`, overbooking, no reserve) and exponential handling,
 * where the model is exact, 20 % more appointments make the busy slots miss it.
 *
 * Complexity: that of {@link prepareCapacity}; a week of 15-minute slots for a medium centre takes well under a
 * second (bench/capacity.bench.ts).
 *
 * @param scenario a parsed Scenario (`parseScenario(json).scenario`): services with `noShowRate` and targets, and
 *   walk-in demand rows with `expected` and quantiles; appointment rows' `booked` are bookings already made.
 * @param plan the Plan that serves the demand (e.g. `allocate(scenario)`).
 * @param options see {@link CapacityOptions}; defaults in {@link defaultCapacityOptions}.
 * @returns the Capacity JSON of DESIGN.md: a row per service and slot, a summary and warnings.
 * @throws QueuecastError INVALID_ARGUMENT for bad options, INVALID_INPUT for a plan that does not fit the scenario.
 * @example
 * const { scenario } = parseScenario(json);
 * const result = appointmentCapacity(scenario, allocate(scenario), { walkInQuantile: 'p90' });
 * result.capacity[0]; // => { service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', maxAppointments: 12, … }
 */
export function appointmentCapacity(
  scenario: Scenario,
  plan: Plan,
  options: CapacityOptions = {},
): CapacityResult {
  return prepareCapacity(scenario, plan, options).result();
}
