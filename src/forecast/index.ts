export { addPredictions } from './add-predictions.js';
export { type AutoOptions, auto, defaultAutoCandidates, defaultAutoOptions } from './auto.js';
export {
  type BacktestMetrics,
  type BacktestOptions,
  type BacktestReport,
  backtest,
  defaultBacktestOptions,
} from './backtest.js';
export {
  type BookingPickupOptions,
  bookingPickup,
  bookingPickupMeans,
  defaultBookingPickupOptions,
} from './booking-pickup.js';
export { countQuantilesInto, normalQuantile } from './count-quantiles.js';
export {
  type CountRegressionOptions,
  countRegression,
  countRegressionMeans,
  defaultCountRegressionOptions,
} from './count-regression.js';
export {
  type ForecastTargetsOptions,
  formatForecastCsv,
  parseForecastTargets,
  quantileColumn,
  readForecastTargets,
  writeForecastCsv,
} from './forecast-csv.js';
export {
  defaultForecastManyOptions,
  type ForecastBatch,
  type ForecastManyOptions,
  type ForecastTarget,
  type ForecastWarning,
  forecastMany,
} from './forecast-many.js';
export { forecastModelByName, forecastModelNames } from './model-by-name.js';
export {
  defaultIntervalOptions,
  horizonBuckets,
  type IntervalCalibration,
  type IntervalOptions,
  type MeanFit,
  type MeanModel,
  modelFromMeans,
  type Residuals,
  rollingResiduals,
} from './model-kit.js';
export { defaultMstlOptions, type MstlOptions, mstl, mstlMeans } from './mstl.js';
export { seasonalNaive, seasonalNaiveMeans } from './seasonal-naive.js';
export { type SeriesBatch, toSeriesBatch } from './series-batch.js';
export { buildSeriesGrid, type DayFeatures, SeriesGrid, type SeriesGridOptions } from './series-grid.js';
export {
  defaultTopDownOptions,
  intradayProfile,
  type TopDownOptions,
  topDown,
  topDownMeans,
} from './top-down.js';
export {
  defaultQuantileLevels,
  type FitContext,
  type FittedModel,
  type ForecastModel,
  type Prediction,
  type PredictionBuffer,
  type PredictOptions,
  type SeriesKey,
} from './types.js';
export {
  defaultUpdateWithinDayOptions,
  type UpdateWithinDayOptions,
  updateWithinDay,
  type WithinDayUpdate,
} from './update-within-day.js';
export {
  defaultWeekdayAverageOptions,
  type WeekdayAverageOptions,
  weekdayAverage,
  weekdayAverageMeans,
} from './weekday-average.js';
