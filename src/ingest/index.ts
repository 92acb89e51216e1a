export {
  type DateColumnSpec,
  defaultIngestOptions,
  type IngestFileFormat,
  type IngestOptions,
  type IngestPreset,
  type IngestSourceOptions,
} from './ingest-options.js';
export {
  defaultIngestToHistoryOptions,
  type IngestHistoryResult,
  type IngestToHistoryOptions,
  ingestToHistory,
  type SlotHistoryRow,
} from './ingest-to-history.js';
export { type IngestResult, ingestVisits } from './ingest-visits.js';
export { type IngestFilesResult, ingestVisitsToFiles } from './ingest-visits-to-files.js';
export { REJECT_CODES } from './pipeline.js';
export { anonymousBankPreset, ingestPreset, ingestPresets } from './presets.js';
export { isResidentId } from './resident-id.js';
export type { ArqueroLike, ArrowLike, IngestSource } from './source.js';
export {
  type Channel,
  type ColumnMapping,
  type ColumnSpec,
  type ExcludedValue,
  type IngestSummary,
  type IngestWarning,
  type IngestWarningCode,
  type OpeningCalendar,
  type Outcome,
  type PersonalDataFinding,
  type PersonalDataKind,
  type RejectCode,
  type RejectedRow,
  TIME_FIELDS,
  type TimeField,
  VISIT_FIELDS,
  type Visit,
  type VisitField,
} from './types.js';
export {
  CHANNEL_CODES,
  OUTCOME_CODES,
  type StringColumn,
  type VisitColumns,
  VisitTable,
} from './visit-table.js';
