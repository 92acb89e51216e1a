export {
  defaultGenerateVisitsOptions,
  type GeneratedVisits,
  type GenerateSummary,
  type GenerateVisitsOptions,
  generateVisits,
} from './generate-visits.js';
export { type SampleVisitRecord, sampleVisitColumns } from './hall-model.js';
export { sampleCounters, sampleScenario, sampleStaff } from './sample-hall.js';
export { type SampleService, sampleCentre, sampleServices } from './sample-services.js';
export { type WriteSampleVisitsOptions, writeSampleVisitsCsv } from './write-sample-visits-csv.js';
