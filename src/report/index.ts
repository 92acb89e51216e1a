export {
  type BuildReportOptions,
  type BuildReportResult,
  buildReport,
  defaultBuildReportOptions,
} from './build-report.js';
export { type ForecastAccuracy, forecastAccuracy } from './forecast-accuracy.js';
export { backtestSummaryRows, forecastRowsFromBatch } from './from-stage-results.js';
export { planToCsv } from './plan-to-csv.js';
export {
  defaultReadReportInputsOptions,
  type ReadReportInputsOptions,
  type ReportInputFiles,
  readReportInputs,
} from './read-report-inputs.js';
export { type ReportChart, reportCharts } from './report-charts.js';
export { type KeyNumber, reportKeyNumbers } from './report-key-numbers.js';
export type {
  BacktestSummaryRow,
  ReportCapacity,
  ReportData,
  ReportService,
  ReportSimulation,
  SimulationServiceRow,
} from './types.js';
