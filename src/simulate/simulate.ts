import type { Plan } from '../allocate/plan.js';
import { createRng } from '../random/rng.js';
import type { Scenario } from '../scenario/scenario.js';
import type { SimulateOptions } from './options.js';
import { prepareSimulation, type ServersRow } from './prepare-simulation.js';
import { SimulationAccumulator } from './simulation-accumulator.js';
import { createSimulationEngine } from './simulation-engine.js';
import type { SimulationResult } from './simulation-result.js';

/**
 * Simulate how a plan is operated (DESIGN.md, "How a plan is operated") against random demand, and measure what
 * customers experience: per service, channel and slot the arrivals, served, abandoned, waits (mean, p50, p90),
 * service level and abandonment with 95 % confidence half-widths across replications; queue lengths, counter
 * utilisation, overtime after each ticket stop, and the plan's `expected` service levels against the simulation.
 *
 * Replication r draws from `createRng(seed, r)`, so equal seeds give identical results and changing only the plan
 * keeps the same customers (common random numbers). Discrete-event simulation on a typed-array event heap
 * (see {@link createSimulationEngine}); a plain list of servers per slot ({@link ServersRow}) may replace the plan.
 *
 * Complexity: O(R · n log q) for R replications of n customers.
 *
 * @param scenario a parsed Scenario (`parseScenario(json).scenario`).
 * @param plan a Plan, or servers per service (or pooled services) per slot.
 * @param options see {@link SimulateOptions}; defaults in {@link defaultSimulateOptions}.
 * @throws QueuecastError `INVALID_INPUT` for inconsistent inputs, `INVALID_ARGUMENT` for bad options.
 * @example
 * const { scenario } = parseScenario({
 *   services: [{ id: 'tax', ahtSeconds: 600, patienceSeconds: 1800 }],
 *   demand: [{ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', expected: 10 }],
 * });
 * const result = simulate(scenario, [{ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', servers: 4 }], { replications: 200 });
 * result.services[0].serviceLevel; // share of tax customers called within 15 minutes, e.g. 0.97
 */
export function simulate(
  scenario: Scenario,
  plan: Plan | readonly ServersRow[],
  options: Partial<SimulateOptions> = {},
): SimulationResult {
  const model = prepareSimulation(scenario, plan, options);
  const { replications, seed, onProgress } = model.options;
  const engine = createSimulationEngine(model);
  const accumulator = new SimulationAccumulator(model);
  for (let r = 0; r < replications; r++) {
    engine.replicate(createRng(seed, r));
    accumulator.add(engine);
    onProgress?.(r + 1, replications);
  }
  return accumulator.summarize(engine.waitHistogram, seed);
}
