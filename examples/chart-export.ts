/**
 * A planner's chart export: next week's load, the staffing, who sits where on the first day, and the appointment
 * slots the plan can release, each written as SVG (for the intranet), PNG (for slides and the notice board) and
 * Vega-Lite JSON (to embed with vega-embed and restyle).
 *
 *   npx tsx examples/chart-export.ts OUT_DIR [--forecast forecast.csv]
 *
 * `--forecast` is a Forecast CSV of the sample hall (default out/weekly-forecast/forecast.csv, which
 * `npx tsx examples/weekly-forecast.ts` writes). The script plans the hall for it with `allocate`, then exports.
 * Chinese service names need a CJK font for the PNGs (Debian: fonts-noto-cjk); without one they still render,
 * with a warning.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TopLevelSpec } from 'vega-lite';
import {
  allocate,
  appointmentCapacity,
  capacityChart,
  counterTimelineChart,
  forecastChart,
  formatIsoInZone,
  loadHeatmapChart,
  parseScenario,
  readReportInputs,
  renderPng,
  renderSvg,
  sampleCentre,
  sampleScenario,
  sampleServices,
  staffingChart,
  staffingRequirements,
} from '../src/index.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { forecast: { type: 'string', default: 'out/weekly-forecast/forecast.csv' } },
});
if (positionals.length !== 1) {
  console.error('usage: npx tsx examples/chart-export.ts OUT_DIR [--forecast forecast.csv]');
  process.exit(2);
}
const outDir = resolve(positionals[0]);
mkdirSync(outDir, { recursive: true });
const timezone = sampleCentre.timezone;

// The forecast, as the sample hall's Scenario demand, and the plan for it.
const { data } = readReportInputs({ forecast: values.forecast }, { timezone });
const forecast = data.forecast ?? [];
const demand = forecast.map((r) => ({
  service: r.service ?? '',
  channel: r.channel === 'appointment' ? ('appointment' as const) : ('walk_in' as const),
  slotStart: String(r.slotStart),
  expected: r.mean,
  p50: r.p50,
  p90: r.p90,
}));
const { scenario } = parseScenario(sampleScenario(demand));
const plan = allocate(scenario);
const firstDay = demand.map((d) => d.slotStart.slice(0, 10)).sort()[0];
const localTime = (t: string | number) => (typeof t === 'number' ? formatIsoInZone(t, timezone) : t);
const onFirstDay = <T extends { slotStart: string | number }>(rows: readonly T[]) =>
  rows.filter((r) => localTime(r.slotStart).startsWith(firstDay));
console.log(
  `${forecast.length} forecast slots from ${values.forecast}; plan ${plan.status}, ` +
    `${(plan.summary.staffMinutes / 60).toFixed(0)} staff-hours, ${plan.shortfalls.length} service-slots short`,
);

// Chinese names on the hall's own charts, as on its signs; English where the audience is the planning office.
const chinese = Object.fromEntries(sampleServices.map((s) => [s.id, s.name]));
const english = Object.fromEntries(sampleServices.map((s) => [s.id, s.nameEn]));
const requirements = staffingRequirements(scenario.demand, scenario.services, {
  slotMinutes: 30,
}).requirements;
const capacity = appointmentCapacity(scenario, plan);

const charts: [string, TopLevelSpec][] = [
  [
    'load-heatmap',
    loadHeatmapChart(forecast, { timezone, title: 'Expected arrivals per slot, all services' }),
  ],
  ['forecast', forecastChart(forecast, [], { timezone, serviceNames: english, maxSeries: 4 })],
  [
    'staffing',
    staffingChart(
      {
        requirements: onFirstDay(requirements),
        assignments: onFirstDay(plan.assignments),
        shifts: plan.shifts.filter((s) => s.start.startsWith(firstDay)),
      },
      { timezone, title: `Servers needed, planned and on shift, ${firstDay}` },
    ),
  ],
  [
    'counter-timeline',
    counterTimelineChart(onFirstDay(plan.assignments), {
      timezone,
      serviceNames: chinese,
      laneHeight: 14,
      title: `窗口安排 ${firstDay}`,
    }),
  ],
  [
    'appointment-capacity',
    capacityChart(
      onFirstDay(capacity.capacity).filter((r) => ['tax', 'business-registration'].includes(r.service)),
      { timezone, serviceNames: english, title: `Appointments that may be released, ${firstDay}` },
    ),
  ],
];

for (const [name, spec] of charts) {
  const { svg } = await renderSvg(spec);
  const { png, width, height, warnings } = await renderPng(spec, { scale: 2 });
  writeFileSync(join(outDir, `${name}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
  writeFileSync(join(outDir, `${name}.svg`), svg);
  writeFileSync(join(outDir, `${name}.png`), png);
  console.log(`${name}: ${width}×${height} px PNG, SVG and Vega-Lite spec`);
  for (const w of warnings) console.log(`  warning: ${w}`);
}
console.log(`charts → ${outDir}`);
