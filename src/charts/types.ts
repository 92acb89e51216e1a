/**
 * Input rows of the chart functions. Times are epoch ms or ISO 8601 strings (an ISO string without an offset is
 * local time of the centre), so that rows read from the DESIGN.md files and rows held in memory both fit.
 */

/** A slot start: epoch ms, or ISO 8601 (`2026-12-01T09:00:00+08:00`, or without offset = centre local time). */
export type ChartTime = number | string;

/** One forecast slot of one series (DESIGN.md, Forecast): the mean and the 5/10/50/90/95 % quantiles. */
export interface ForecastChartRow {
  readonly centre?: string;
  readonly service?: string;
  readonly channel?: string;
  readonly slotStart: ChartTime;
  /** Expected arrivals in the slot. */
  readonly mean: number;
  readonly p05: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
}

/** Observed arrivals of one series in one slot (DESIGN.md, History). `HistoryRow` fits. */
export interface ActualChartRow {
  readonly centre?: string;
  readonly service?: string;
  readonly channel?: string;
  readonly slotStart: ChartTime;
  readonly arrivals: number;
}

/** Servers a service needs in a slot (DESIGN.md, Staffing requirements); may be fractional. */
export interface RequirementChartRow {
  readonly service: string;
  readonly slotStart: ChartTime;
  readonly servers: number;
}

/** Simulated share of customers called within target in one slot (DESIGN.md, Simulation result `slots`). */
export interface WaitOutcomeChartRow {
  readonly service: string;
  readonly slotStart: ChartTime;
  /** Share called within the target wait, 0–1; null when nobody arrived (the slot is left out). */
  readonly serviceLevel: number | null;
  /** 95 % confidence half-width of `serviceLevel` across replications, 0–1; null = unknown (drawn as 0). */
  readonly serviceLevelCI: number | null;
}

/** Appointment slots the plan can absorb in one slot (DESIGN.md, Appointment capacity). */
export interface CapacityChartRow {
  readonly service: string;
  readonly slotStart: ChartTime;
  /** Appointments that may be released for the slot. */
  readonly maxAppointments: number;
  /** Walk-ins expected in the slot. */
  readonly expectedWalkIns: number;
}

/** Options every chart takes. */
export interface ChartOptions {
  /** IANA time zone of the centre; times are shown as its local wall-clock time. Default `Asia/Shanghai`. */
  readonly timezone?: string;
  /** Display names by service id, e.g. `{ tax: '税务登记' }`. Default: the ids. */
  readonly serviceNames?: Readonly<Record<string, string>>;
  /** Chart title. Default: a title naming what the chart shows. */
  readonly title?: string;
  /** Width of one plot in pixels. Default 720. */
  readonly width?: number;
  /** Slot length, minutes. Default: the smallest gap between the slot starts in the data (30 when only one). */
  readonly slotMinutes?: number;
}

/**
 * Defaults of {@link ChartOptions}: `Asia/Shanghai` local time, plots 720 px wide.
 *
 * @example
 * defaultChartOptions.width; // => 720
 */
export const defaultChartOptions = {
  timezone: 'Asia/Shanghai',
  width: 720,
} as const;
