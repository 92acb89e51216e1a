import type { TopLevelSpec } from 'vega-lite';
import { check } from '../errors.js';
import {
  calculateEntry,
  chartTimeOf,
  entryColor,
  openHoursAxis,
  requireFinite,
  resolveChartOptions,
  rowHeaderOnTop,
  serviceRunRows,
  slotMsOf,
  VEGA_LITE_SCHEMA,
} from './chart-data.js';
import { chartTheme } from './chart-theme.js';
import type { ChartOptions, WaitOutcomeChartRow } from './types.js';

/** Options of {@link waitOutcomesChart}. */
export interface WaitOutcomesChartOptions extends ChartOptions {
  /** Target share (0–1) by service id, drawn as a dashed line. Default: none drawn. */
  readonly targets?: Readonly<Record<string, number>>;
  /** Height of each service's panel in pixels. Default 140. */
  readonly panelHeight?: number;
}

/**
 * Defaults of {@link WaitOutcomesChartOptions} beyond those of {@link defaultChartOptions}: panels 140 px high.
 *
 * @example
 * defaultWaitOutcomesChartOptions.panelHeight; // => 140
 */
export const defaultWaitOutcomesChartOptions = { panelHeight: 140 } as const;

const FN = 'waitOutcomesChart';
const LEGEND = ['95 % confidence interval', 'simulated share within target', 'target'] as const;
const COLOURS = ['#a1d99b', '#238b45', '#d62728'] as const;

/**
 * Simulated wait outcomes: per service and slot, the share of customers called within the target wait with its
 * 95 % confidence interval across replications (clipped to 0–100 %), and the target share when given. Slots where
 * nobody arrived (serviceLevel null) are left out. One panel per service; the time axis covers opening hours only
 * and lines break over closed hours. Times are the centre's local time.
 *
 * Cost: O(n log n) in the number of rows.
 *
 * @param slots Per-slot rows of a Simulation result (DESIGN.md): service, slotStart, serviceLevel, serviceLevelCI.
 * @throws QueuecastError `BAD_TIME` for an unreadable slotStart, `INVALID_INPUT` for a non-numeric share.
 * @example
 * const spec = waitOutcomesChart(simulation.slots, { targets: { tax: 0.8 } });
 */
export function waitOutcomesChart(
  slots: readonly WaitOutcomeChartRow[],
  options: WaitOutcomesChartOptions = {},
): TopLevelSpec {
  const o = resolveChartOptions(FN, options);
  const targets = options.targets ?? {};
  for (const [service, f] of Object.entries(targets)) {
    check(
      Number.isFinite(f) && f >= 0 && f <= 1,
      FN,
      `target of ${JSON.stringify(service)} must be a share in 0–1`,
      f,
    );
  }
  const byService = new Map<string, { t: number; level: number; ci: number }[]>();
  slots.forEach((r, i) => {
    const t = chartTimeOf(r.slotStart, o.timezone, FN, i);
    if (r.serviceLevel === null) return;
    const level = requireFinite(r.serviceLevel, FN, 'serviceLevel', i);
    const ci = r.serviceLevelCI === null ? 0 : requireFinite(r.serviceLevelCI, FN, 'serviceLevelCI', i);
    const list = byService.get(r.service) ?? [];
    list.push({ t, level, ci });
    byService.set(r.service, list);
  });
  const allTimes = [...byService.values()].flatMap((list) => list.map((p) => p.t));
  const slotMs = slotMsOf(allTimes, o.slotMinutes);
  const axis = openHoursAxis(allTimes, slotMs, o.width, o.timezone);
  const { values, order } = serviceRunRows(byService, slotMs, axis, o.serviceNames, (p, service) => ({
    level: p.level,
    lo: Math.max(0, p.level - p.ci),
    hi: Math.min(1, p.level + p.ci),
    target: targets[service] ?? null,
  }));
  const withTargets = values.some((v) => v.target !== null);
  const legend = withTargets ? LEGEND : LEGEND.slice(0, 2);
  const color = entryColor(legend, COLOURS.slice(0, legend.length));
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    axis: { format: '.0%', title: 'Within target (%)', tickCount: 5 },
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: o.title ?? 'Simulated wait outcomes',
      subtitle:
        'Share of customers called within the target wait per slot, with its 95 % confidence interval',
    },
    config: chartTheme,
    data: { values },
    facet: {
      row: {
        field: 'service',
        type: 'nominal',
        sort: order,
        title: null,
        header: rowHeaderOnTop,
      },
    },
    spacing: 14,
    spec: {
      width: o.width,
      height: options.panelHeight ?? defaultWaitOutcomesChartOptions.panelHeight,
      encoding: {
        x: axis.encoding('x'),
        detail: { field: 'run', type: 'nominal' },
      },
      layer: [
        {
          transform: [calculateEntry('95 % confidence interval')],
          mark: { type: 'area', opacity: 0.7 },
          encoding: { y: y('lo'), y2: { field: 'hi' }, color },
        },
        {
          transform: [calculateEntry('simulated share within target')],
          mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 16 } },
          encoding: {
            y: y('level'),
            color,
            tooltip: [
              { field: 'service', type: 'nominal' },
              { field: 'time', type: 'nominal', title: 'slot start' },
              { field: 'level', type: 'quantitative', title: 'within target', format: '.1%' },
              { field: 'lo', type: 'quantitative', title: 'CI low', format: '.1%' },
              { field: 'hi', type: 'quantitative', title: 'CI high', format: '.1%' },
            ],
          },
        },
        ...(withTargets
          ? [
              {
                transform: [{ filter: 'isValid(datum.target)' }, calculateEntry('target')],
                mark: { type: 'line' as const, strokeDash: [6, 4], strokeWidth: 1.5 },
                encoding: { y: y('target'), color },
              },
            ]
          : []),
      ],
    },
  };
}
