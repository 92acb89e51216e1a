import type { TopLevelSpec } from 'vega-lite';
import type { Assignment, Shift } from '../allocate/plan.js';
import {
  chartTimeOf,
  openHoursAxis,
  requireFinite,
  resolveChartOptions,
  runIds,
  slotMsOf,
  timeLabelOf,
  VEGA_LITE_SCHEMA,
} from './chart-data.js';
import { chartTheme } from './chart-theme.js';
import type { ChartOptions, RequirementChartRow } from './types.js';

/** Input of {@link staffingChart}: any of the three; each present one becomes a line. */
export interface StaffingChartInput {
  /** Servers needed per service and slot (DESIGN.md, Staffing requirements); summed over services. */
  readonly requirements?: readonly RequirementChartRow[];
  /** Plan assignments: staffed counters open per slot are the servers planned. */
  readonly assignments?: readonly Assignment[];
  /** Plan shifts: people on shift at a slot's start and not on a break. */
  readonly shifts?: readonly Shift[];
}

/** Options of {@link staffingChart}. */
export interface StaffingChartOptions extends ChartOptions {
  /** Plot height in pixels. Default 260. */
  readonly height?: number;
}

/**
 * Defaults of {@link StaffingChartOptions} beyond those of {@link defaultChartOptions}: a plot 260 px high.
 *
 * @example
 * defaultStaffingChartOptions.height; // => 260
 */
export const defaultStaffingChartOptions = { height: 260 } as const;

const FN = 'staffingChart';
const MEASURES = ['servers needed', 'servers planned', 'staff on shift'] as const;
const COLOURS = ['#d62728', '#1f77b4', '#7f7f7f'] as const;
const DASHES = [
  [1, 0],
  [1, 0],
  [5, 3],
] as const;

/**
 * Staffing per slot as step lines: servers needed (requirements summed over services; fractional values are kept
 * as given), servers planned (counters open with a person at them), and staff on shift (people whose shift covers
 * the slot's start, outside their breaks). A step spans its whole slot; lines break over closed hours. Times are
 * the centre's local time.
 *
 * Cost: O(r + a + s × t) for r requirement rows, a assignments, s shifts and t slots.
 *
 * @throws QueuecastError `BAD_TIME` for an unreadable time, `INVALID_INPUT` for non-numeric servers.
 * @example
 * const spec = staffingChart({ requirements, assignments: plan.assignments, shifts: plan.shifts });
 */
export function staffingChart(input: StaffingChartInput, options: StaffingChartOptions = {}): TopLevelSpec {
  const o = resolveChartOptions(FN, options);
  const needed = new Map<number, number>();
  const planned = new Map<number, number>();
  input.requirements?.forEach((r, i) => {
    const t = chartTimeOf(r.slotStart, o.timezone, FN, i);
    needed.set(t, (needed.get(t) ?? 0) + requireFinite(r.servers, FN, 'servers', i));
  });
  input.assignments?.forEach((a, i) => {
    const t = chartTimeOf(a.slotStart, o.timezone, FN, i);
    planned.set(t, (planned.get(t) ?? 0) + (a.staff === null ? 0 : 1));
  });
  const shifts = (input.shifts ?? []).map((s, i) => ({
    start: chartTimeOf(s.start, o.timezone, FN, i),
    end: chartTimeOf(s.end, o.timezone, FN, i),
    breaks: s.breaks.map((b) => [
      chartTimeOf(b.start, o.timezone, FN, i),
      chartTimeOf(b.end, o.timezone, FN, i),
    ]),
  }));
  let grid = [...new Set([...needed.keys(), ...planned.keys()])].sort((a, b) => a - b);
  const slotMs = slotMsOf(grid, o.slotMinutes);
  if (grid.length === 0) {
    const fromShifts = new Set<number>();
    for (const s of shifts) for (let t = s.start; t < s.end; t += slotMs) fromShifts.add(t);
    grid = [...fromShifts].sort((a, b) => a - b);
  }
  const onShift = (t: number) =>
    shifts.filter((s) => s.start <= t && t < s.end && !s.breaks.some(([b, e]) => b <= t && t < e)).length;

  const present = [
    input.requirements !== undefined,
    input.assignments !== undefined,
    input.shifts !== undefined,
  ];
  const measureAt = [(t: number) => needed.get(t) ?? 0, (t: number) => planned.get(t) ?? 0, onShift];
  const runs = runIds(grid, slotMs);
  const axis = openHoursAxis(grid, slotMs, o.width, o.timezone);
  const values: { measure: string; x: number; time: string; value: number; run: number }[] = [];
  MEASURES.forEach((measure, m) => {
    if (!present[m]) return;
    grid.forEach((t, j) => {
      const value = Math.round(measureAt[m](t) * 100) / 100;
      values.push({ measure, x: axis.at(t), time: timeLabelOf(t), value, run: runs[j] });
      if (j === grid.length - 1 || runs[j + 1] !== runs[j]) {
        values.push({ measure, x: axis.at(t) + slotMs, time: timeLabelOf(t + slotMs), value, run: runs[j] });
      }
    });
  });
  const domain = MEASURES.filter((_, m) => present[m]);
  const pick = <T>(xs: readonly T[]) => xs.filter((_, m) => present[m]);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: o.title ?? 'Staffing per slot',
      subtitle: 'Servers needed to meet the wait targets, servers planned, and staff on shift',
    },
    config: chartTheme,
    data: { values },
    width: o.width,
    height: options.height ?? defaultStaffingChartOptions.height,
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: axis.encoding('x'),
      y: { field: 'value', type: 'quantitative', title: 'Servers or staff (people)' },
      color: {
        field: 'measure',
        type: 'nominal',
        scale: { domain, range: pick(COLOURS) },
        legend: { title: null, orient: 'top', direction: 'horizontal' },
      },
      strokeDash: {
        field: 'measure',
        type: 'nominal',
        scale: { domain, range: pick(DASHES).map((d) => [...d]) },
        legend: { title: null, orient: 'top', direction: 'horizontal' },
      },
      detail: { field: 'run', type: 'nominal' },
      tooltip: [
        { field: 'measure', type: 'nominal' },
        { field: 'time', type: 'nominal', title: 'slot start' },
        { field: 'value', type: 'quantitative', title: 'people' },
      ],
    },
  };
}
