/**
 * Allocation, the hot path: which counters are open in each slot and which services each serves, who sits where,
 * and each person's shift and break — meeting every target at the fewest staff-minutes, or the best service with
 * the staff available. HiGHS solves the same model exactly as the reference.
 *
 * @example
 * import { allocate, parseScenario, planToJson, validatePlan } from 'queuecast';
 * const { scenario } = parseScenario(json);
 * const plan = allocate(scenario);                       // { status, assignments, shifts, expected, shortfalls, summary }
 * validatePlan(scenario, plan);                          // => [] (no violated rule)
 * writeFileSync('plan.json', planToJson(plan));
 */

// Planning
export {
  type AllocateObjective,
  type AllocateOptions,
  allocate,
  defaultAllocateOptions,
} from './allocate.js';
// Benchmark and demo centres
export {
  type AllocationInstanceName,
  allocationInstance,
  type CentreSpec,
  cityBatch,
  defaultCentreSpec,
  generateCentreScenario,
} from './instances.js';
export { loadHighs } from './load-highs.js';
// Types of the Plan JSON
export type { Assignment, ExpectedPerformance, Plan, Shift, Shortfall, ShortfallReason } from './plan.js';
// Checking and files
export { parsePlan, planToJson } from './plan-json.js';
export type { RequirementRow } from './requirements.js';
export {
  type PlanRule,
  type PlanViolation,
  type ValidatePlanOptions,
  validatePlan,
} from './validate-plan.js';
