/**
 * Staffing requirements: servers needed per service (or pool of services sharing counters) per slot, from a
 * forecast and each service's target.
 *
 * @example
 * import { staffingRequirements, staffingRequirementsToCSV } from 'queuecast';
 * const result = staffingRequirements(scenario.demand, scenario.services, { slotMinutes: 30 });
 * result.staffHours; // total counter-hours needed
 * staffingRequirementsToCSV(result.requirements); // 'service,slot_start,servers,servers_integer\n…'
 */

export { modifiedOfferedLoad } from './offered-load.js';
export { poolsFromCounters } from './pools-from-counters.js';
export {
  defaultRequirementsCsvOptions,
  type RequirementsCsvOptions,
  staffingRequirementsToCSV,
} from './requirements-csv.js';
export { defaultStaffingOptions, staffingRequirements } from './staffing-requirements.js';
export type {
  ForecastQuantity,
  ForecastRow,
  StaffingMethod,
  StaffingOptions,
  StaffingRequirement,
  StaffingResult,
  StaffingService,
} from './types.js';
