import type { TopLevelSpec } from 'vega-lite';
import { check, QueuecastError } from '../errors.js';
import {
  calculateEntry,
  channelName,
  chartTimeOf,
  entryColor,
  openHoursAxis,
  requireFinite,
  resolveChartOptions,
  rowHeaderOnTop,
  runIds,
  serviceName,
  slotMsOf,
  slotWords,
  timeLabelOf,
  VEGA_LITE_SCHEMA,
} from './chart-data.js';
import { chartTheme } from './chart-theme.js';
import type { ActualChartRow, ChartOptions, ForecastChartRow } from './types.js';

/** Options of {@link forecastChart}. */
export interface ForecastChartOptions extends ChartOptions {
  /** Height of each series' panel in pixels. Default 160. */
  readonly panelHeight?: number;
  /** Draw only this many series, the busiest by total mean (the subtitle says so). Default: all. */
  readonly maxSeries?: number;
}

/**
 * Defaults of {@link ForecastChartOptions} beyond those of {@link defaultChartOptions}: panels 160 px high, every
 * series drawn.
 *
 * @example
 * defaultForecastChartOptions.panelHeight; // => 160
 * defaultForecastChartOptions.maxSeries; // => Infinity
 */
export const defaultForecastChartOptions = { panelHeight: 160, maxSeries: Number.POSITIVE_INFINITY } as const;

const FN = 'forecastChart';
const LEGEND = ['90 % interval', '80 % interval', 'median forecast', 'actual'] as const;
const COLOURS = ['#c6dbef', '#6baed6', '#08519c', '#e6550d'] as const;

function seriesKey(r: { centre?: string; service?: string; channel?: string }): string {
  return `${r.centre ?? ''}\u0000${r.service ?? ''}\u0000${r.channel ?? ''}`;
}

/**
 * Forecast against actual arrivals per slot, one panel per series (service, and channel when there are several):
 * the median, the 80 % (p10–p90) and 90 % (p05–p95) central intervals as bands, and the actual arrivals where
 * given. Actual rows outside the forecast's time span of their series are left out. The time axis covers opening
 * hours only (one block per date) and lines and bands break over closed hours. Times are the centre's local time
 * (see toChartTime). With many series, `maxSeries` keeps the busiest.
 *
 * Cost: O(n log n) in the number of rows.
 *
 * @param forecast Forecast rows (DESIGN.md, Forecast).
 * @param actual Observed arrivals (DESIGN.md, History); may be empty.
 * @throws QueuecastError `BAD_TIME` for an unreadable slotStart, `INVALID_INPUT` for a non-numeric quantile.
 * @example
 * const spec = forecastChart(
 *   [{ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', mean: 5, p05: 2, p10: 3, p50: 5, p90: 8, p95: 9 }],
 *   [{ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', arrivals: 6 }],
 *   { serviceNames: { tax: '税务登记' } },
 * );
 */
export function forecastChart(
  forecast: readonly ForecastChartRow[],
  actual: readonly ActualChartRow[] = [],
  options: ForecastChartOptions = {},
): TopLevelSpec {
  const o = resolveChartOptions(FN, options);
  const panelHeight = options.panelHeight ?? defaultForecastChartOptions.panelHeight;
  const keys = forecast.map(seriesKey);
  const centres = new Set(forecast.map((r) => r.centre ?? ''));
  const channelsByService = new Map<string, Set<string>>();
  for (const r of forecast) {
    const s = channelsByService.get(r.service ?? '') ?? new Set<string>();
    s.add(r.channel ?? '');
    channelsByService.set(r.service ?? '', s);
  }
  const labelOf = (r: ForecastChartRow): string => {
    let label = serviceName(r.service, o.serviceNames);
    if (
      r.channel !== undefined &&
      r.channel !== '' &&
      (channelsByService.get(r.service ?? '')?.size ?? 0) > 1
    ) {
      label += ` · ${channelName(r.channel)}`;
    }
    if (centres.size > 1 && r.centre !== undefined) label = `${r.centre} · ${label}`;
    return label;
  };

  interface Point {
    t: number;
    row: Record<string, number | string | null>;
  }
  const bySeries = new Map<string, { label: string; points: Map<number, Point> }>();
  forecast.forEach((r, i) => {
    const t = chartTimeOf(r.slotStart, o.timezone, FN, i);
    const row: Record<string, number | string | null> = {};
    for (const f of ['mean', 'p05', 'p10', 'p50', 'p90', 'p95'] as const)
      row[f] = requireFinite(r[f], FN, f, i);
    row.actual = null;
    let s = bySeries.get(keys[i]);
    if (s === undefined) {
      s = { label: labelOf(r), points: new Map() };
      bySeries.set(keys[i], s);
    }
    if (s.points.has(t)) {
      throw new QueuecastError(
        'INVALID_INPUT',
        `${FN}: row ${i}: duplicate slot ${JSON.stringify(r.slotStart)} in series ${JSON.stringify(s.label)}`,
      );
    }
    s.points.set(t, { t, row });
  });
  const slotMs = slotMsOf(
    [...bySeries.values()].flatMap((s) => [...s.points.keys()]),
    o.slotMinutes,
  );
  const allSeries = bySeries.size;
  const maxSeries = options.maxSeries ?? defaultForecastChartOptions.maxSeries;
  check(maxSeries >= 1, FN, 'maxSeries must be at least 1', maxSeries);
  if (allSeries > maxSeries) {
    const volume = (x: { points: Map<number, Point> }) =>
      [...x.points.values()].reduce((sum, p) => sum + (p.row.mean as number), 0);
    const keep = new Set(
      [...bySeries.entries()]
        .sort((a, b) => volume(b[1]) - volume(a[1]))
        .slice(0, maxSeries)
        .map(([k]) => k),
    );
    for (const k of [...bySeries.keys()]) if (!keep.has(k)) bySeries.delete(k);
  }
  const spans = new Map(
    [...bySeries].map(([k, x]) => [k, [Math.min(...x.points.keys()), Math.max(...x.points.keys())]] as const),
  );
  actual.forEach((a, i) => {
    const key = seriesKey(a);
    const s = bySeries.get(key);
    const span = spans.get(key);
    if (s === undefined || span === undefined) return;
    const t = chartTimeOf(a.slotStart, o.timezone, FN, i);
    if (t < span[0] || t > span[1]) return;
    const arrivals = requireFinite(a.arrivals, FN, 'arrivals', i);
    const p = s.points.get(t);
    if (p !== undefined) p.row.actual = arrivals;
    else {
      s.points.set(t, {
        t,
        row: { mean: null, p05: null, p10: null, p50: null, p90: null, p95: null, actual: arrivals },
      });
    }
  });

  const axis = openHoursAxis(
    [...bySeries.values()].flatMap((s) => [...s.points.keys()]),
    slotMs,
    o.width,
    o.timezone,
  );
  const values: Record<string, number | string | null>[] = [];
  const order: string[] = [];
  for (const s of bySeries.values()) {
    order.push(s.label);
    const pts = [...s.points.values()].sort((a, b) => a.t - b.t);
    const runs = runIds(
      pts.map((p) => p.t),
      slotMs,
    );
    pts.forEach((p, j) => {
      values.push({ series: s.label, x: axis.at(p.t), time: timeLabelOf(p.t), run: runs[j], ...p.row });
    });
  }

  const withActual = values.some((v) => v.actual !== null);
  const legend = withActual ? LEGEND : LEGEND.slice(0, 3);
  const color = entryColor(legend, COLOURS.slice(0, legend.length));
  const layer = (name: (typeof LEGEND)[number], filter: string) => [{ filter }, calculateEntry(name)];
  const hasForecast = 'isValid(datum.p50)';
  const unit = `Arrivals per ${slotWords(slotMs)}`;
  const panel = {
    width: o.width,
    height: panelHeight,
    encoding: { x: axis.encoding('x'), detail: { field: 'run', type: 'nominal' as const } },
    layer: [
      {
        transform: layer('90 % interval', hasForecast),
        mark: { type: 'area' as const, opacity: 0.9 },
        encoding: {
          y: { field: 'p05', type: 'quantitative' as const, title: unit },
          y2: { field: 'p95' },
          color,
        },
      },
      {
        transform: layer('80 % interval', hasForecast),
        mark: { type: 'area' as const, opacity: 0.9 },
        encoding: { y: { field: 'p10', type: 'quantitative' as const }, y2: { field: 'p90' }, color },
      },
      {
        transform: layer('median forecast', hasForecast),
        mark: { type: 'line' as const, strokeWidth: 2 },
        encoding: { y: { field: 'p50', type: 'quantitative' as const }, color },
      },
      {
        transform: [{ filter: hasForecast }],
        mark: { type: 'point' as const, opacity: 0, size: 60 },
        encoding: {
          y: { field: 'p50', type: 'quantitative' as const },
          tooltip: [
            { field: 'series', type: 'nominal' as const, title: 'series' },
            { field: 'time', type: 'nominal' as const, title: 'slot start' },
            { field: 'mean', type: 'quantitative' as const, format: '.1f' },
            { field: 'p10', type: 'quantitative' as const, format: '.1f' },
            { field: 'p50', type: 'quantitative' as const, format: '.1f' },
            { field: 'p90', type: 'quantitative' as const, format: '.1f' },
            { field: 'actual', type: 'quantitative' as const },
          ],
        },
      },
      ...(withActual
        ? [
            {
              transform: layer('actual', 'isValid(datum.actual)'),
              mark: { type: 'line' as const, strokeWidth: 1.5, point: { filled: true, size: 18 } },
              encoding: { y: { field: 'actual', type: 'quantitative' as const }, color },
            },
          ]
        : []),
    ],
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: o.title ?? 'Forecast against actual arrivals',
      subtitle: `${unit} over opening hours; bands are central prediction intervals${
        allSeries > bySeries.size ? `; the ${bySeries.size} busiest of ${allSeries} series` : ''
      }`,
    },
    config: chartTheme,
    data: { values },
    facet: { row: { field: 'series', type: 'nominal', sort: order, title: null, header: rowHeaderOnTop } },
    resolve: { scale: { y: 'independent' } },
    spacing: 14,
    spec: panel,
  };
}
