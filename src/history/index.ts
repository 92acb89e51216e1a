export {
  type AggregatedHistory,
  type AggregateSummary,
  type AggregateVisitsOptions,
  aggregateVisits,
  defaultAggregateVisitsOptions,
} from './aggregate-visits.js';
export { type BookingCurvesOptions, bookingCurves, defaultBookingCurvesOptions } from './booking-curves.js';
export {
  defaultNoShowByLeadOptions,
  type LeadTimeRow,
  type NoShowByLead,
  type NoShowByLeadOptions,
  noShowByLead,
} from './no-show-by-lead.js';
export {
  defaultReadHistoryCsvOptions,
  type HistoryColumnMap,
  parseHistoryCsv,
  type ReadHistoryCsvOptions,
  readHistoryCsv,
  type SlotStartColumn,
} from './read-history-csv.js';
export { resampleHistory } from './resample-history.js';
export {
  defaultServiceTimeStatsOptions,
  type ServiceTimeStats,
  type ServiceTimeStatsOptions,
  type ServiceTimeSummary,
  serviceTimeStats,
} from './service-time-stats.js';
export type { BookingCurve, Channel, History, HistoryRow, Outcome, Visit } from './types.js';
export {
  defaultWaitStatsOptions,
  type WaitStats,
  type WaitStatsOptions,
  type WaitSummary,
  waitStats,
} from './wait-stats.js';
export { formatHistoryCsv, writeHistoryCsv } from './write-history-csv.js';
