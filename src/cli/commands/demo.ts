import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allocate, planToJson } from '../../allocate/index.js';
import { createCalendar } from '../../calendar/index.js';
import { appointmentCapacity } from '../../capacity/index.js';
import { auto, backtest, forecastMany, weekdayAverage } from '../../forecast/index.js';
import { sampleCentre, sampleScenario, sampleServices, writeSampleVisitsCsv } from '../../generate/index.js';
import { aggregateVisits, bookingCurves, writeHistoryCsv } from '../../history/index.js';
import { ingestVisits } from '../../ingest/index.js';
import { backtestSummaryRows, buildReport, forecastRowsFromBatch } from '../../report/index.js';
import { parseScenario, type ScenarioInput } from '../../scenario/index.js';
import { simulate } from '../../simulate/index.js';
import { staffingRequirements } from '../../staffing/index.js';
import { addDays, formatIsoInZone } from '../../time/index.js';
import { type CliCommand, formatTable, numberOption, Progress, parseCommandArgs } from '../command.js';

const NAME = 'demo';

/** Last day of the default sample: a Friday, so the demo plans the week after it. */
const SAMPLE_END = '2026-11-20';

export const command: CliCommand = {
  name: NAME,
  summary: 'run the whole pipeline on the embedded sample centre and write the report',
  usage: `queuecast demo [--out DIR] [--days N] [--seed N] [--replications N]

Runs the whole pipeline on the sample service hall (政务服务中心, 15 services, 68 counters, 76 staff):
  1. generates its visits (deterministic; cached in DIR/sample/),
  2. ingests them (validation, quarantine with reasons, personal identifiers removed),
  3. aggregates them to 30-minute slots on the centre's calendar,
  4. backtests and forecasts the next week per service and channel,
  5. plans counters, staff and shifts for that week,
  6. simulates the plan against random demand,
  7. sizes the appointment capacity the booking system may release,
  8. writes DIR/report.html (self-contained), the chart PNGs, and the plan as CSV and JSON.

Options:
  --out DIR          output folder (default out)
  --days N           days of history to generate, ending ${SAMPLE_END} (default 364)
  --seed N           generator and simulation seed (default 2026)
  --replications N   simulation replications (default 20)`,

  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      out: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      replications: { type: 'string' },
    });
    const outDir = resolve(io.cwd, values.out ?? 'out');
    const days = numberOption(NAME, values.days, 'days') ?? 364;
    const seed = numberOption(NAME, values.seed, 'seed') ?? 2026;
    const replications = numberOption(NAME, values.replications, 'replications') ?? 20;
    const started = Date.now();
    const tz = sampleCentre.timezone;
    const progress = new Progress(io, 'demo');
    const totalSteps = 8;
    let stepNo = 0;
    const step = (label: string) => {
      stepNo++;
      progress.update(stepNo - 1, totalSteps, `[${stepNo}/${totalSteps}] ${label}`);
    };

    step('generating the sample hall');
    const start = addDays(SAMPLE_END, -(days - 1));
    mkdirSync(join(outDir, 'sample'), { recursive: true });
    const visitsFile = join(outDir, 'sample', `ovc-visits-${seed}-${start}-${SAMPLE_END}.csv`);
    if (!existsSync(visitsFile)) writeSampleVisitsCsv(visitsFile, { seed, days, end: SAMPLE_END });

    step('ingesting visits');
    const calendar = createCalendar({ timezone: tz });
    const ingested = await ingestVisits(visitsFile, { timezone: tz, calendar });
    const visits = ingested.visits.toArray();

    step('aggregating to 30-minute slots');
    const history = aggregateVisits(visits, { calendar, slotMinutes: 30 });
    writeHistoryCsv(history, join(outDir, 'history.csv'));

    step('backtesting and forecasting next week');
    const model = auto();
    const bookings = bookingCurves(visits, { timezone: tz, slotMinutes: 30 });
    const accuracy = [
      backtest(history, model, { origins: 2, horizonDays: 7, calendar: 'cn' }),
      backtest(history, weekdayAverage({ weeks: 4 }), { origins: 2, horizonDays: 7, calendar: 'cn' }),
    ];
    const forecast = forecastMany(history, model, { horizonDays: 7, calendar: 'cn', bookings });
    const forecastRows = forecastRowsFromBatch(forecast);

    step('planning counters, staff and shifts');
    const demand: NonNullable<ScenarioInput['demand']> = [];
    const level = (l: number) => forecast.levels.findIndex((x) => Math.abs(x - l) < 1e-9);
    const [i10, i50, i80, i90, i95] = [0.1, 0.5, 0.8, 0.9, 0.95].map(level);
    forecast.keys.forEach((key, k) => {
      for (let j = forecast.offsets[k]; j < forecast.offsets[k + 1]; j++) {
        const q = (i: number) => (i >= 0 ? forecast.quantiles[i][j] : undefined);
        demand.push({
          service: key.service ?? 'unknown',
          channel: key.channel ?? 'walk_in',
          slotStart: formatIsoInZone(forecast.slotStart[j], tz),
          expected: forecast.mean[j],
          p10: q(i10),
          p50: q(i50),
          p80: q(i80),
          p90: q(i90),
          p95: q(i95),
        });
      }
    });
    const { scenario } = parseScenario(sampleScenario(demand));
    writeFileSync(join(outDir, 'scenario.json'), `${JSON.stringify(sampleScenario(demand), null, 2)}\n`);
    const plan = allocate(scenario);
    const needed = staffingRequirements(scenario.demand, scenario.services, { pools: [] });

    step(`simulating the plan (${replications} replications)`);
    const simulation = simulate(scenario, plan, { replications, seed });
    writeFileSync(join(outDir, 'simulation.json'), `${JSON.stringify(simulation, null, 2)}\n`);

    step('sizing appointment capacity');
    const capacity = appointmentCapacity(scenario, plan);
    writeFileSync(join(outDir, 'capacity.json'), `${JSON.stringify(capacity, null, 2)}\n`);

    step('writing the report');
    await buildReport(
      {
        centre: { id: sampleCentre.id, name: sampleCentre.name },
        timezone: tz,
        services: sampleServices.map((s) => ({ id: s.id, name: s.name, target: s.target })),
        forecast: forecastRows,
        backtest: backtestSummaryRows(accuracy),
        requirements: needed.requirements,
        plan,
        simulation,
        capacity: { capacity: capacity.capacity, summary: { ...capacity.summary } },
      },
      { outDir },
    );
    writeFileSync(join(outDir, 'plan.json'), planToJson(plan));
    progress.done();

    const s = ingested.summary;
    const met = simulation.services.filter((r) => {
      const target = scenario.services.find((x) => x.id === r.service)?.target.fraction ?? 0;
      return r.serviceLevel !== null && r.serviceLevel + (r.serviceLevelCI ?? 0) >= target;
    }).length;
    const next =
      forecast.slotStart.length > 0 ? formatIsoInZone(forecast.slotStart[0], tz).slice(0, 10) : '-';
    io.stdout.write(
      [
        `queuecast demo — ${sampleCentre.name}: history ${start} to ${SAMPLE_END}, plan for the week of ${next}`,
        '',
        formatTable(
          ['stage', 'result'],
          [
            [
              'ingest',
              `${s.inputRows} visits read, ${s.accepted} accepted, ${s.rejected} rejected with reasons`,
            ],
            ['personal identifiers', `${s.personalData.length} columns or value sets removed`],
            ['history', `${history.rows.length} slot rows (30 min), ${history.summary.arrivals} arrivals`],
            [
              'forecast',
              `${forecast.keys.length} series; backtest WAPE ${pct(accuracy[0].overall.wape)} (${accuracy[0].model}) vs ${pct(accuracy[1].overall.wape)} (4-week average)`,
            ],
            ['forecast next week', `${Math.round(sum(forecast.mean))} arrivals expected`],
            [
              'plan',
              `${plan.status}: ${Math.round(plan.summary.staffMinutes / 60)} staff-hours (lower bound ${Math.round(plan.summary.lowerBoundStaffMinutes / 60)}), ${plan.shifts.length} shifts, ${plan.shortfalls.length} shortfalls`,
            ],
            [
              'simulation',
              `${met} of ${simulation.services.length} services meet their target (${replications} replications)`,
            ],
            [
              'appointment capacity',
              `${capacity.summary.maxAppointments} appointments may be released next week`,
            ],
          ],
        ),
        '',
        `report: ${join(outDir, 'report.html')}`,
        `done in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

function sum(a: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i];
  return t;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
