import type { TopLevelSpec } from 'vega-lite';
import type { Assignment } from '../allocate/plan.js';
import {
  chartTimeOf,
  clockOf,
  dateOf,
  dayLabelOf,
  resolveChartOptions,
  serviceName,
  slotMsOf,
  timeOfDayOf,
  VEGA_LITE_SCHEMA,
} from './chart-data.js';
import { chartTheme, distinctColors } from './chart-theme.js';
import type { ChartOptions } from './types.js';

/** Options of {@link counterTimelineChart}. */
export interface CounterTimelineChartOptions extends ChartOptions {
  /** Height of one counter's lane in pixels. Default 22. */
  readonly laneHeight?: number;
  /** Display names by staff id. Default: the ids. */
  readonly staffNames?: Readonly<Record<string, string>>;
}

/**
 * Defaults of {@link CounterTimelineChartOptions} beyond those of {@link defaultChartOptions}: lanes 22 px high.
 *
 * @example
 * defaultCounterTimelineChartOptions.laneHeight; // => 22
 */
export const defaultCounterTimelineChartOptions = { laneHeight: 22 } as const;

const FN = 'counterTimelineChart';
const UNSTAFFED = '(nobody)';

/**
 * Gantt chart of the plan: one lane per counter, one bar per run of consecutive slots with the same person and
 * services, coloured by the services served (one-stop counters show their set, `A + B`) and labelled with the
 * person (a counter opened without anyone, `staff: null`, is drawn faded and labelled `(nobody)`). One panel per
 * date, time of day across, in the centre's local time.
 *
 * Cost: O(a log a) in the number of assignments.
 *
 * @param assignments Plan assignments (DESIGN.md, Plan): one per open counter per slot.
 * @throws QueuecastError `BAD_TIME` for an unreadable slotStart.
 * @example
 * const spec = counterTimelineChart(plan.assignments, { serviceNames: { tax: '税务登记' } });
 */
export function counterTimelineChart(
  assignments: readonly Assignment[],
  options: CounterTimelineChartOptions = {},
): TopLevelSpec {
  const o = resolveChartOptions(FN, options);
  const staffNames = options.staffNames ?? {};
  const rows = assignments.map((a, i) => ({
    t: chartTimeOf(a.slotStart, o.timezone, FN, i),
    counter: a.counter,
    staff: a.staff === null ? UNSTAFFED : (staffNames[a.staff] ?? a.staff),
    services: [...a.services]
      .sort()
      .map((s) => serviceName(s, o.serviceNames))
      .join(' + '),
  }));
  const slotMs = slotMsOf(
    rows.map((r) => r.t),
    o.slotMinutes,
  );
  rows.sort((a, b) => (a.counter < b.counter ? -1 : a.counter > b.counter ? 1 : a.t - b.t));
  const bars: { counter: string; staff: string; services: string; start: number; end: number }[] = [];
  for (const r of rows) {
    const last = bars[bars.length - 1];
    if (
      last !== undefined &&
      last.counter === r.counter &&
      last.staff === r.staff &&
      last.services === r.services &&
      Math.abs(last.end - r.t) < 1000 &&
      dateOf(last.start) === dateOf(r.t)
    ) {
      last.end = r.t + slotMs;
    } else {
      bars.push({ counter: r.counter, staff: r.staff, services: r.services, start: r.t, end: r.t + slotMs });
    }
  }
  const values = bars.map((b) => ({
    date: dayLabelOf(b.start),
    counter: b.counter,
    staff: b.staff,
    services: b.services,
    from: timeOfDayOf(b.start),
    to: timeOfDayOf(b.start) + (b.end - b.start),
    mid: timeOfDayOf(b.start) + (b.end - b.start) / 2,
    time: `${clockOf(b.start)}–${clockOf(b.end)}`,
  }));
  const dates = [...new Set(values.map((v) => v.date))].sort((a, b) => a.slice(4).localeCompare(b.slice(4)));
  const counters = [...new Set(values.map((v) => v.counter))].sort();
  const serviceSets = [...new Set(values.map((v) => v.services))].sort();
  const x = {
    field: 'from',
    type: 'temporal',
    scale: { type: 'utc' },
    axis: { title: `Local time (${o.timezone})`, format: '%H:%M', labelOverlap: true },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: o.title ?? 'Counter timeline',
      subtitle: 'Who sits at which counter, serving which services; bars labelled with staff',
    },
    config: chartTheme,
    data: { values },
    facet: {
      row: {
        field: 'date',
        type: 'ordinal',
        sort: dates,
        title: null,
        header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelAlign: 'left' },
      },
    },
    spec: {
      width: o.width,
      height: { step: options.laneHeight ?? defaultCounterTimelineChartOptions.laneHeight },
      encoding: { y: { field: 'counter', type: 'ordinal', sort: counters, title: 'Counter' } },
      layer: [
        {
          mark: { type: 'bar', stroke: 'white', strokeWidth: 1, cornerRadius: 2 },
          encoding: {
            x,
            x2: { field: 'to' },
            color: {
              field: 'services',
              type: 'nominal',
              title: 'Services',
              legend: { orient: 'right' },
              scale: { domain: serviceSets, range: distinctColors(serviceSets.length) },
            },
            opacity: { condition: { test: `datum.staff === '${UNSTAFFED}'`, value: 0.35 }, value: 1 },
            tooltip: [
              { field: 'counter', type: 'nominal' },
              { field: 'staff', type: 'nominal' },
              { field: 'services', type: 'nominal' },
              { field: 'date', type: 'nominal' },
              { field: 'time', type: 'nominal' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 10, color: 'black', baseline: 'middle' },
          encoding: {
            x: { field: 'mid', type: 'temporal', scale: { type: 'utc' } },
            text: { field: 'staff', type: 'nominal' },
          },
        },
      ],
    },
    resolve: { scale: { x: 'shared' } },
  };
}
