/** Helpers shared by the chart functions (not part of the public API). */
import { check, QueuecastError } from '../errors.js';
import { assertTimeZone, parseIsoTime } from '../time/zoned.js';
import { toChartTime } from './to-chart-time.js';
import { type ChartOptions, type ChartTime, defaultChartOptions } from './types.js';

/** The `$schema` every chart declares. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Options with defaults applied and checked. */
export interface ResolvedChartOptions {
  readonly timezone: string;
  readonly width: number;
  readonly serviceNames: Readonly<Record<string, string>>;
  readonly title: string | undefined;
  readonly slotMinutes: number | undefined;
}

/** Apply the defaults of ChartOptions and check them; throws INVALID_ARGUMENT / UNKNOWN_TIMEZONE. */
export function resolveChartOptions(fn: string, options: ChartOptions): ResolvedChartOptions {
  const timezone = options.timezone ?? defaultChartOptions.timezone;
  assertTimeZone(timezone);
  const width = options.width ?? defaultChartOptions.width;
  check(Number.isFinite(width) && width > 0, fn, 'width must be a positive number of pixels', width);
  if (options.slotMinutes !== undefined) {
    check(
      Number.isFinite(options.slotMinutes) && options.slotMinutes > 0,
      fn,
      'slotMinutes must be a positive number',
      options.slotMinutes,
    );
  }
  return {
    timezone,
    width,
    serviceNames: options.serviceNames ?? {},
    title: options.title,
    slotMinutes: options.slotMinutes,
  };
}

/** Epoch ms of a slot start given as epoch ms or ISO 8601; throws BAD_TIME naming the function and row. */
export function parseSlotTime(value: ChartTime, timezone: string, fn: string, index: number): number {
  const t =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? parseIsoTime(value, timezone)
        : Number.NaN;
  if (!Number.isFinite(t)) {
    throw new QueuecastError(
      'BAD_TIME',
      `${fn}: row ${index}: slotStart must be epoch ms or an ISO 8601 time, got ${JSON.stringify(value)}`,
    );
  }
  return t;
}

/** Local wall-clock time (as UTC epoch ms, see toChartTime) of a slot start. */
export function chartTimeOf(value: ChartTime, timezone: string, fn: string, index: number): number {
  return toChartTime(parseSlotTime(value, timezone, fn, index), timezone);
}

/** Throw INVALID_INPUT unless `value` is a finite number. */
export function requireFinite(value: unknown, fn: string, field: string, index: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new QueuecastError(
      'INVALID_INPUT',
      `${fn}: row ${index}: ${field} must be a finite number, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Slot length in ms: the option, else the smallest positive gap between the chart times, else 30 minutes. */
export function slotMsOf(times: Iterable<number>, slotMinutes: number | undefined): number {
  if (slotMinutes !== undefined) return slotMinutes * MINUTE_MS;
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) best = Math.min(best, sorted[i] - sorted[i - 1]);
  return Number.isFinite(best) ? best : 30 * MINUTE_MS;
}

/**
 * Contiguous runs of slots: times further apart than one slot (lunch, night, closed days) start a new run, so
 * that lines and bands are not drawn across closed hours. Returns the run number of each time in `sortedTimes`.
 */
export function runIds(sortedTimes: readonly number[], slotMs: number): number[] {
  const ids: number[] = [];
  let run = 0;
  for (let i = 0; i < sortedTimes.length; i++) {
    if (i > 0 && sortedTimes[i] - sortedTimes[i - 1] > slotMs * 1.001) run++;
    ids.push(run);
  }
  return ids;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-12-01` of a chart time. */
export function dateOf(chartTime: number): string {
  const d = new Date(chartTime);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `Tue 2026-12-01` of a chart time. */
export function dayLabelOf(chartTime: number): string {
  return `${WEEKDAYS[weekdayIndexOf(chartTime)]} ${dateOf(chartTime)}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndexOf(chartTime: number): number {
  return (new Date(chartTime).getUTCDay() + 6) % 7;
}

/** Short weekday name, 0 = Monday. */
export function weekdayName(index: number): string {
  return WEEKDAYS[index];
}

/** `09:30` of a chart time. */
export function clockOf(chartTime: number): string {
  const d = new Date(chartTime);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** `2026-12-01 09:30` of a chart time (for tooltips: Vega-Lite would format a temporal tooltip in the viewer's zone). */
export function timeLabelOf(chartTime: number): string {
  return `${dateOf(chartTime)} ${clockOf(chartTime)}`;
}

/** The chart time moved to 1970-01-01, keeping the time of day (for charts faceted by date). */
export function timeOfDayOf(chartTime: number): number {
  return ((chartTime % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Display name of a service. */
export function serviceName(service: string | undefined, names: Readonly<Record<string, string>>): string {
  if (service === undefined || service === '') return 'all arrivals';
  return names[service] ?? service;
}

/** Display name of a channel. */
export function channelName(channel: string): string {
  return channel === 'walk_in' ? 'walk-in' : channel;
}

/** Title of a local time axis, naming the zone. */
export function localTimeTitle(timezone: string): string {
  return `Local time (${timezone})`;
}

/** `Tue 01 Dec` of a chart time (axis labels). */
export function shortDayOf(chartTime: number): string {
  const d = new Date(chartTime);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    d.getUTCMonth()
  ];
  return `${WEEKDAYS[weekdayIndexOf(chartTime)]} ${pad2(d.getUTCDate())} ${month}`;
}

/** Least distance between two labelled ticks of the open-hours axis, pixels (a label `09:00` is ~30 px). */
const MIN_TICK_PIXELS = 40;

/**
 * A time axis over open hours only. Each local date present becomes a block as wide as the day window (the
 * earliest slot start to the latest slot end over all dates); blocks sit side by side with a small gap, so nights
 * and closed days take no room. Positions are milliseconds along that axis (a quantitative scale, so a slot keeps
 * its length); the axis labels its ticks with clock times and each block's first tick also with its date.
 */
export interface OpenHoursAxis {
  /** Position of a chart time (see toChartTime) on the axis, ms. */
  at(chartTime: number): number;
  /** Quantitative x (or x2) encoding of a field holding positions; with the axis when `withAxis` (default true). */
  encoding(field: string, withAxis?: boolean): ReturnType<typeof openHoursEncoding>;
}

function openHoursEncoding(
  field: string,
  end: number,
  axis: { title: string; values: number[]; labelExpr: string } | null,
) {
  return {
    field,
    type: 'quantitative' as const,
    scale: { domain: [0, end], nice: false, zero: false },
    ...(axis === null
      ? {}
      : { axis: { ...axis, labelOverlap: false, labelFlush: false, labelBound: false } }),
  };
}

/** Build the open-hours axis of the given chart times (see {@link OpenHoursAxis}) for a plot `width` pixels wide. */
export function openHoursAxis(
  chartTimes: Iterable<number>,
  slotMs: number,
  width: number,
  timezone: string,
): OpenHoursAxis {
  const times = [...chartTimes];
  const days = [...new Set(times.map((t) => Math.floor(t / DAY_MS)))].sort((a, b) => a - b);
  const tods = times.map(timeOfDayOf);
  const lo = tods.length === 0 ? 0 : Math.min(...tods);
  const hi = tods.length === 0 ? slotMs : Math.max(...tods) + slotMs;
  const span = hi - lo;
  const gap = Math.max(2 * slotMs, span * 0.2);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const at = (t: number) => (dayIndex.get(Math.floor(t / DAY_MS)) ?? 0) * (span + gap) + timeOfDayOf(t) - lo;
  const end = Math.max(1, days.length) * (span + gap) - gap;
  // Ticks at least MIN_TICK_PIXELS apart, also across the gap to the next date's first tick.
  const pixelsPerMs = width / end;
  const step =
    ([1, 2, 3, 4, 6, 12].find((h) => h * HOUR_MS * pixelsPerMs >= MIN_TICK_PIXELS) ?? 24) * HOUR_MS;
  const labels: Record<string, string[]> = {};
  const values: number[] = [];
  days.forEach((d, k) => {
    for (let h = lo; h <= hi; h += step) {
      const last = k === days.length - 1;
      if (!last && (span + gap - (h - lo)) * pixelsPerMs < MIN_TICK_PIXELS) continue;
      const t = d * DAY_MS + h;
      const x = at(t);
      values.push(x);
      labels[String(x)] = [clockOf(t), h === lo ? shortDayOf(t) : ''];
    }
  });
  const axis = {
    title: localTimeTitle(timezone),
    values,
    labelExpr: `${JSON.stringify(labels)}[datum.value]`,
  };
  return { at, encoding: (field, withAxis = true) => openHoursEncoding(field, end, withAxis ? axis : null) };
}

/** Header of a row facet: the label above each panel, left-aligned. */
export const rowHeaderOnTop = {
  labelAngle: 0,
  labelOrient: 'top' as const,
  labelAnchor: 'start' as const,
  labelAlign: 'left' as const,
  labelBaseline: 'bottom' as const,
  labelPadding: 4,
  labelLimit: 600,
};

/** Slot length in words for axis titles: `30-min slot`. */
export function slotWords(slotMs: number): string {
  const minutes = Math.round(slotMs / MINUTE_MS);
  return minutes % 60 === 0 ? `${minutes / 60}-hour slot` : `${minutes}-min slot`;
}

/**
 * One legend for the layers of a layered chart: each layer names itself in a field `entry` (calculateEntry) and
 * colours by it (entryColor) on a scale with a fixed domain. Vega-Lite's schema does not allow `scale` or `legend`
 * on a `datum` colour, hence the computed field.
 */
export function calculateEntry(name: string) {
  return { calculate: JSON.stringify(name), as: 'entry' };
}

/** Colour by the `entry` field of calculateEntry, legend on top. */
export function entryColor(domain: readonly string[], range: readonly string[]) {
  return {
    field: 'entry',
    type: 'nominal' as const,
    scale: { domain: [...domain], range: [...range] },
    legend: { title: null, orient: 'top' as const, direction: 'horizontal' as const },
  };
}

/**
 * Rows of per-service lines on an open-hours axis: for each service (in first-seen order) its points in time
 * order, each row carrying the service's display name, the axis position `x`, the `time` label and the `run` id
 * (consecutive slots share one, so lines break over gaps), plus the fields `fields(point)` adds. Returns the rows
 * and the display names in order.
 */
export function serviceRunRows<P extends { readonly t: number }, F extends Record<string, unknown>>(
  byService: ReadonlyMap<string, P[]>,
  slotMs: number,
  axis: OpenHoursAxis,
  serviceNames: Readonly<Record<string, string>>,
  fields: (point: P, service: string) => F,
): { values: ({ service: string; x: number; time: string; run: number } & F)[]; order: string[] } {
  const values: ({ service: string; x: number; time: string; run: number } & F)[] = [];
  const order: string[] = [];
  for (const [service, list] of byService) {
    const name = serviceName(service, serviceNames);
    order.push(name);
    const sorted = [...list].sort((a, b) => a.t - b.t);
    const runs = runIds(
      sorted.map((p) => p.t),
      slotMs,
    );
    sorted.forEach((p, j) => {
      values.push({
        service: name,
        x: axis.at(p.t),
        time: timeLabelOf(p.t),
        run: runs[j],
        ...fields(p, service),
      });
    });
  }
  return { values, order };
}
