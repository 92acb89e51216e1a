export { type CapacityChartOptions, capacityChart, defaultCapacityChartOptions } from './capacity-chart.js';
export { chartFontFamily, chartTheme } from './chart-theme.js';
export {
  type CounterTimelineChartOptions,
  counterTimelineChart,
  defaultCounterTimelineChartOptions,
} from './counter-timeline-chart.js';
export { defaultFontDirs, findCjkFont } from './find-cjk-font.js';
export { defaultForecastChartOptions, type ForecastChartOptions, forecastChart } from './forecast-chart.js';
export {
  defaultLoadHeatmapChartOptions,
  type LoadHeatmapChartOptions,
  loadHeatmapChart,
} from './load-heatmap-chart.js';
export { defaultRenderPngOptions, type RenderedPng, type RenderPngOptions, renderPng } from './render-png.js';
export { type RenderedSvg, renderSvg } from './render-svg.js';
export {
  defaultStaffingChartOptions,
  type StaffingChartInput,
  type StaffingChartOptions,
  staffingChart,
} from './staffing-chart.js';
export { toChartTime } from './to-chart-time.js';
export {
  type ActualChartRow,
  type CapacityChartRow,
  type ChartOptions,
  type ChartTime,
  defaultChartOptions,
  type ForecastChartRow,
  type RequirementChartRow,
  type WaitOutcomeChartRow,
} from './types.js';
export {
  defaultWaitOutcomesChartOptions,
  type WaitOutcomesChartOptions,
  waitOutcomesChart,
} from './wait-outcomes-chart.js';
