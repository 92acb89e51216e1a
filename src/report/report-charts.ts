import type { TopLevelSpec } from 'vega-lite';
import { capacityChart } from '../charts/capacity-chart.js';
import { counterTimelineChart } from '../charts/counter-timeline-chart.js';
import { forecastChart } from '../charts/forecast-chart.js';
import { loadHeatmapChart } from '../charts/load-heatmap-chart.js';
import { staffingChart } from '../charts/staffing-chart.js';
import { waitOutcomesChart } from '../charts/wait-outcomes-chart.js';
import type { ReportData } from './types.js';

/** Series drawn in the report's forecast chart: the busiest ones (the heatmap covers every series). */
const REPORT_MAX_SERIES = 10;

/** A chart of the report: its file stem (`DIR/<id>.png`), a caption and its Vega-Lite spec. */
export interface ReportChart {
  readonly id: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/**
 * The charts a report holds, from whatever stages ran: forecast against actual (the ten busiest series) and the
 * load heatmap (forecast),
 * staffing (requirements or plan), the counter timeline (plan), wait outcomes (simulation) and appointment capacity.
 *
 * Cost: that of the chart functions, O(n log n) in the rows.
 *
 * @example
 * reportCharts({ centre: { id: 'ovc' }, timezone: 'Asia/Shanghai', forecast }).map((c) => c.id);
 * // => ['forecast', 'load-heatmap']
 */
export function reportCharts(data: ReportData): ReportChart[] {
  const serviceNames: Record<string, string> = {};
  const targets: Record<string, number> = {};
  for (const s of data.services ?? []) {
    if (s.name !== undefined) serviceNames[s.id] = s.name;
    if (s.target?.fraction !== undefined) targets[s.id] = s.target.fraction;
  }
  const o = { timezone: data.timezone, serviceNames };
  const charts: ReportChart[] = [];
  if (data.forecast !== undefined && data.forecast.length > 0) {
    charts.push({
      id: 'forecast',
      caption: `Forecast against actual arrivals, with 80 % and 90 % prediction intervals (at most the ${REPORT_MAX_SERIES} busiest series)`,
      spec: forecastChart(data.forecast, data.actual ?? [], { ...o, maxSeries: REPORT_MAX_SERIES }),
    });
    charts.push({
      id: 'load-heatmap',
      caption: 'Predicted arrivals by date and slot, all services',
      spec: loadHeatmapChart(data.forecast, o),
    });
  }
  const plan = data.plan;
  if ((data.requirements !== undefined && data.requirements.length > 0) || plan !== undefined) {
    charts.push({
      id: 'staffing',
      caption: 'Servers needed, servers planned and staff on shift per slot',
      spec: staffingChart(
        {
          ...(data.requirements !== undefined && data.requirements.length > 0
            ? { requirements: data.requirements }
            : {}),
          ...(plan !== undefined ? { assignments: plan.assignments, shifts: plan.shifts } : {}),
        },
        o,
      ),
    });
  }
  if (plan !== undefined && plan.assignments.length > 0) {
    charts.push({
      id: 'counter-timeline',
      caption: 'Counter timeline: who sits where, serving which services',
      spec: counterTimelineChart(plan.assignments, o),
    });
  }
  if (data.simulation !== undefined && data.simulation.slots.length > 0) {
    charts.push({
      id: 'wait-outcomes',
      caption: `Simulated share called within target per slot (${data.simulation.replications} replications)`,
      spec: waitOutcomesChart(data.simulation.slots, { ...o, targets }),
    });
  }
  if (data.capacity !== undefined && data.capacity.capacity.length > 0) {
    charts.push({
      id: 'capacity',
      caption: 'Appointment slots that may be released per slot, and the walk-ins they leave room for',
      spec: capacityChart(data.capacity.capacity, o),
    });
  }
  return charts;
}
