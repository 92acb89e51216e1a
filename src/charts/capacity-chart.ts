import type { TopLevelSpec } from 'vega-lite';
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
  slotWords,
  VEGA_LITE_SCHEMA,
} from './chart-data.js';
import { chartTheme } from './chart-theme.js';
import type { CapacityChartRow, ChartOptions } from './types.js';

/** Options of {@link capacityChart}. */
export interface CapacityChartOptions extends ChartOptions {
  /** Height of each service's panel in pixels. Default 140. */
  readonly panelHeight?: number;
}

/**
 * Defaults of {@link CapacityChartOptions} beyond those of {@link defaultChartOptions}: panels 140 px high.
 *
 * @example
 * defaultCapacityChartOptions.panelHeight; // => 140
 */
export const defaultCapacityChartOptions = { panelHeight: 140 } as const;

const FN = 'capacityChart';
const LEGEND = ['appointments that may be released', 'expected walk-ins'] as const;
const COLOURS = ['#6a51a3', '#fd8d3c'] as const;

/**
 * Appointment capacity per slot: bars of the appointments the plan can absorb (DESIGN.md, Appointment capacity)
 * and a line of the walk-ins it protects, one panel per service. Times are the centre's local time.
 *
 * Cost: O(n log n) in the number of rows.
 *
 * @param rows Capacity rows: service, slotStart, maxAppointments, expectedWalkIns.
 * @throws QueuecastError `BAD_TIME` for an unreadable slotStart, `INVALID_INPUT` for a non-numeric count.
 * @example
 * const spec = capacityChart(capacity.capacity, { serviceNames: { tax: '税务登记' } });
 */
export function capacityChart(
  rows: readonly CapacityChartRow[],
  options: CapacityChartOptions = {},
): TopLevelSpec {
  const o = resolveChartOptions(FN, options);
  const times = rows.map((r, i) => chartTimeOf(r.slotStart, o.timezone, FN, i));
  const slotMs = slotMsOf(times, o.slotMinutes);
  const axis = openHoursAxis(times, slotMs, o.width, o.timezone);
  const byService = new Map<string, { t: number; max: number; walkIns: number }[]>();
  rows.forEach((r, i) => {
    const list = byService.get(r.service) ?? [];
    list.push({
      t: times[i],
      max: requireFinite(r.maxAppointments, FN, 'maxAppointments', i),
      walkIns: requireFinite(r.expectedWalkIns, FN, 'expectedWalkIns', i),
    });
    byService.set(r.service, list);
  });
  const { values, order } = serviceRunRows(byService, slotMs, axis, o.serviceNames, (p) => ({
    xEnd: axis.at(p.t) + slotMs,
    xMid: axis.at(p.t) + slotMs / 2,
    maxAppointments: p.max,
    expectedWalkIns: Math.round(p.walkIns * 100) / 100,
  }));
  const color = entryColor(LEGEND, COLOURS);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: o.title ?? 'Appointment capacity',
      subtitle: `Appointments the plan can absorb per ${slotWords(slotMs)} while still serving the expected walk-ins`,
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
    resolve: { scale: { y: 'independent' } },
    spacing: 14,
    spec: {
      width: o.width,
      height: options.panelHeight ?? defaultCapacityChartOptions.panelHeight,
      layer: [
        {
          transform: [calculateEntry('appointments that may be released')],
          mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
          encoding: {
            x: axis.encoding('x'),
            x2: { field: 'xEnd' },
            y: { field: 'maxAppointments', type: 'quantitative', title: 'Customers per slot' },
            y2: { datum: 0 },
            color,
            tooltip: [
              { field: 'service', type: 'nominal' },
              { field: 'time', type: 'nominal', title: 'slot start' },
              { field: 'maxAppointments', type: 'quantitative', title: 'appointments' },
              { field: 'expectedWalkIns', type: 'quantitative', title: 'expected walk-ins' },
            ],
          },
        },
        {
          transform: [calculateEntry('expected walk-ins')],
          mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 14 } },
          encoding: {
            x: axis.encoding('xMid', false),
            y: { field: 'expectedWalkIns', type: 'quantitative' },
            color,
            detail: { field: 'run', type: 'nominal' },
          },
        },
      ],
    },
  };
}
