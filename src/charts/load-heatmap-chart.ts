import type { TopLevelSpec } from 'vega-lite';
import { check } from '../errors.js';
import {
  chartTimeOf,
  clockOf,
  dateOf,
  dayLabelOf,
  requireFinite,
  resolveChartOptions,
  serviceName,
  slotMsOf,
  slotWords,
  VEGA_LITE_SCHEMA,
  weekdayIndexOf,
  weekdayName,
} from './chart-data.js';
import { chartTheme } from './chart-theme.js';
import type { ChartOptions, ChartTime } from './types.js';

/** Options of {@link loadHeatmapChart}. */
export interface LoadHeatmapChartOptions extends ChartOptions {
  /**
   * Rows of the heatmap: `date` (one row per date) or `weekday` (one row per weekday, the mean over the dates of
   * that weekday). Default: `date` for up to 14 dates, else `weekday`.
   */
  readonly layout?: 'date' | 'weekday';
  /** Print each cell's value in it. Default true. */
  readonly labels?: boolean;
}

/**
 * Defaults of {@link LoadHeatmapChartOptions} beyond those of {@link defaultChartOptions}: values printed in the
 * cells (the layout defaults to `date` up to 14 dates, `weekday` above).
 *
 * @example
 * defaultLoadHeatmapChartOptions.labels; // => true
 */
export const defaultLoadHeatmapChartOptions = { labels: true } as const;

const FN = 'loadHeatmapChart';
/** Above this many dates the default layout is `weekday`. */
const MAX_DATES_FOR_DATE_LAYOUT = 14;

/**
 * Heatmap of predicted arrivals: slot of the day across, date (or weekday) down, colour = expected arrivals summed
 * over the given series (all services and channels unless the caller filters the rows). In the weekday layout a
 * cell is the mean over the dates of that weekday present in the rows. Times are the centre's local time.
 *
 * Cost: O(n) in the number of rows.
 *
 * @param rows Forecast rows (only `slotStart` and `mean` are read; `service` names the subtitle when there is one).
 * @throws QueuecastError `BAD_TIME` for an unreadable slotStart, `INVALID_INPUT` for a non-numeric mean.
 * @example
 * const spec = loadHeatmapChart(forecastRows, { layout: 'weekday', timezone: 'Asia/Shanghai' });
 */
export function loadHeatmapChart(
  rows: readonly { readonly service?: string; readonly slotStart: ChartTime; readonly mean: number }[],
  options: LoadHeatmapChartOptions = {},
): TopLevelSpec {
  const o = resolveChartOptions(FN, options);
  if (options.layout !== undefined) {
    check(
      options.layout === 'date' || options.layout === 'weekday',
      FN,
      "layout must be 'date' or 'weekday'",
      options.layout,
    );
  }
  const totals = new Map<number, number>();
  const services = new Set<string>();
  rows.forEach((r, i) => {
    const t = chartTimeOf(r.slotStart, o.timezone, FN, i);
    totals.set(t, (totals.get(t) ?? 0) + requireFinite(r.mean, FN, 'mean', i));
    if (r.service !== undefined) services.add(r.service);
  });
  const slotMs = slotMsOf(totals.keys(), o.slotMinutes);
  const dates = new Set([...totals.keys()].map(dateOf));
  const layout = options.layout ?? (dates.size <= MAX_DATES_FOR_DATE_LAYOUT ? 'date' : 'weekday');

  const cells = new Map<
    string,
    { row: string; rowOrder: number; slot: string; sum: number; dates: Set<string> }
  >();
  for (const [t, v] of totals) {
    const row = layout === 'date' ? dayLabelOf(t) : weekdayName(weekdayIndexOf(t));
    const rowOrder = layout === 'date' ? Math.floor(t / 86_400_000) : weekdayIndexOf(t);
    const slot = clockOf(t);
    const key = `${row}|${slot}`;
    const c = cells.get(key) ?? { row, rowOrder, slot, sum: 0, dates: new Set<string>() };
    c.sum += v;
    c.dates.add(dateOf(t));
    cells.set(key, c);
  }
  const values = [...cells.values()].map((c) => ({
    row: c.row,
    rowOrder: c.rowOrder,
    slot: c.slot,
    arrivals: Math.round((c.sum / c.dates.size) * 100) / 100,
    days: c.dates.size,
  }));
  const rowOrder = [...new Map(values.map((v) => [v.row, v.rowOrder])).entries()]
    .sort((a, b) => a[1] - b[1])
    .map((e) => e[0]);
  const slotOrder = [...new Set(values.map((v) => v.slot))].sort();
  const max = values.reduce((m, v) => Math.max(m, v.arrivals), 0);
  const what =
    services.size === 1
      ? serviceName([...services][0], o.serviceNames)
      : services.size > 1
        ? `all ${services.size} services`
        : 'all series';
  const unit = `Expected arrivals per ${slotWords(slotMs)}`;
  const step = Math.max(14, Math.min(44, Math.floor(o.width / Math.max(1, slotOrder.length))));
  const labels = options.labels ?? defaultLoadHeatmapChartOptions.labels;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: o.title ?? 'Predicted load',
      subtitle: `${unit}, ${what}${layout === 'weekday' ? ', mean per weekday' : ''}; local time (${o.timezone})`,
    },
    config: chartTheme,
    data: { values },
    width: { step },
    height: { step: 26 },
    encoding: {
      x: {
        field: 'slot',
        type: 'ordinal',
        sort: slotOrder,
        title: `Slot start (local time, ${o.timezone})`,
        axis: { labelAngle: -90, labelOverlap: false },
      },
      y: { field: 'row', type: 'ordinal', sort: rowOrder, title: layout === 'date' ? 'Date' : 'Weekday' },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'arrivals',
            type: 'quantitative',
            scale: { scheme: 'yelloworangered', domainMin: 0 },
            legend: {
              title: 'Expected arrivals',
              orient: 'top',
              direction: 'horizontal',
              gradientLength: 220,
            },
          },
          tooltip: [
            { field: 'row', type: 'ordinal', title: layout === 'date' ? 'date' : 'weekday' },
            { field: 'slot', type: 'ordinal', title: 'slot start' },
            { field: 'arrivals', type: 'quantitative', title: 'expected arrivals', format: '.1f' },
          ],
        },
      },
      ...(labels && step >= 22
        ? [
            {
              mark: { type: 'text' as const, fontSize: 9 },
              encoding: {
                text: { field: 'arrivals', type: 'quantitative' as const, format: '.0f' },
                color: {
                  condition: { test: `datum.arrivals > ${max * 0.6}`, value: 'white' },
                  value: '#333',
                },
              },
            },
          ]
        : []),
    ],
  };
}
