/**
 * Forecast accuracy on real series: the default model (auto) against the anchors seasonal naive, the same-slot
 * average of the last 4 weeks, and augurs MSTL, by weekly rolling-origin backtest with a one-week horizon.
 *
 * - Bank calls (Weinberg, Brown & Stroud 2007): 5-minute counts aggregated to 30-minute slots, business days only,
 *   calendar none (absent days are closed). 16 origins: every week with at least 8 weeks of history before it.
 * - Iowa emergency department: hourly arrivals, every day open 24 h, calendar none. 52 origins: the last year.
 *
 * Run: npx tsx bench/forecast-accuracy.bench.ts   (prints a markdown section)
 */
import { fileURLToPath } from 'node:url';
import {
  auto,
  type BacktestMetrics,
  type BacktestReport,
  backtest,
  type ForecastModel,
  mstl,
  seasonalNaive,
  weekdayAverage,
} from '../src/forecast/index.js';
import { type History, readHistoryCsv, resampleHistory } from '../src/history/index.js';

const data = (name: string) => fileURLToPath(new URL(`../../shared/datasets/${name}`, import.meta.url));

function bank(): History {
  const fiveMinutes = readHistoryCsv(data('bank-calls-5min-2003-mar-aug.csv'), {
    timezone: 'UTC',
    offsets: 'ignore',
    columns: { slot_start: 'DateTime', arrivals: 'Calls' },
  });
  return resampleHistory(fiveMinutes, 30);
}

function iowa(): History {
  return readHistoryCsv(data('iowa-ed-arrivals-hourly-2013-2016.csv'), {
    timezone: 'UTC',
    columns: { slot_start: { date: 'Date', hour: 'Hour' }, arrivals: 'Arrivals' },
  });
}

interface Run {
  readonly label: string;
  readonly report: BacktestReport;
  readonly seconds: number;
}

function run(history: History, label: string, model: ForecastModel, origins: number): Run {
  const t0 = performance.now();
  const report = backtest(history, model, { origins, horizonDays: 7, calendar: 'none' });
  const seconds = (performance.now() - t0) / 1000;
  const o = report.overall;
  // Check the answer before reporting it: every slot scored, every metric finite.
  for (const v of [o.wape, o.mase, o.rmse, o.scaledPinball, o.coverage80, o.coverage90]) {
    if (!Number.isFinite(v)) throw new Error(`${label}: a metric is not finite: ${JSON.stringify(o)}`);
  }
  if (report.bySeries[0].origins !== origins)
    throw new Error(`${label}: ${report.bySeries[0].origins} origins`);
  return { label, report, seconds };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const f3 = (x: number) => x.toFixed(3);
const row = (label: string, m: BacktestMetrics, extra: string) =>
  `| ${label} | ${pct(m.wape)} | ${f3(m.mase)} | ${f3(m.rmse)} | ${f3(m.scaledPinball)} | ${pct(m.coverage80)} | ${pct(m.coverage90)} | ${extra} |`;

function section(name: string, history: History, origins: number): { lines: string[]; pass: boolean } {
  const runs = [
    run(history, 'default (auto)', auto(), origins),
    run(history, 'seasonal naive', seasonalNaive(), origins),
    run(history, 'same-slot average, last 4 weeks', weekdayAverage({ weeks: 4 }), origins),
    run(history, 'augurs MSTL (native intervals)', mstl(), origins),
  ];
  const [main, ...anchors] = runs;
  const n = main.report.overall.n;
  for (const r of anchors)
    if (r.report.overall.n !== n) throw new Error(`${r.label} scored ${r.report.overall.n} slots, not ${n}`);
  const best = anchors.reduce((a, b) => (b.report.overall.wape < a.report.overall.wape ? b : a));
  const gain = 1 - main.report.overall.wape / best.report.overall.wape;
  const m = main.report.overall;
  const checks: [string, boolean][] = [
    [`WAPE ${pct(gain)} lower than the best anchor (${best.label}); needs ≥ 5 %`, gain >= 0.05],
    [
      `80 % interval covers ${pct(m.coverage80)}; needs 77–83 %`,
      m.coverage80 >= 0.77 && m.coverage80 <= 0.83,
    ],
    [
      `90 % interval covers ${pct(m.coverage90)}; needs 87–93 %`,
      m.coverage90 >= 0.87 && m.coverage90 <= 0.93,
    ],
    [
      `scaled pinball ${f3(m.scaledPinball)} below every anchor's (best ${f3(Math.min(...anchors.map((a) => a.report.overall.scaledPinball)))})`,
      anchors.every((a) => m.scaledPinball < a.report.overall.scaledPinball),
    ],
  ];
  const models = Object.entries(main.report.bySeries[0].models)
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ');
  const lines = [
    `### ${name}: ${origins} weekly origins, 7-day horizon, ${n.toLocaleString('en-US')} slots scored`,
    '',
    '| model | WAPE | MASE | RMSE | scaled pinball | 80 % cover | 90 % cover | backtest s |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map((r) => row(r.label, r.report.overall, r.seconds.toFixed(1))),
    '',
    `Default model by horizon: ${main.report.byHorizon
      .map(
        (b) =>
          `${b.bucket} WAPE ${pct(b.metrics.wape)}, cover ${pct(b.metrics.coverage80)}/${pct(b.metrics.coverage90)}`,
      )
      .join('; ')}.`,
    `Models auto chose per origin: ${models}.`,
    '',
    ...checks.map(([text, ok]) => `- ${ok ? 'PASS' : 'FAIL'}: ${text}`),
    '',
  ];
  return { lines, pass: checks.every(([, ok]) => ok) };
}

const bankSection = section('Bank calls, 30-minute slots (business days, calendar none)', bank(), 16);
const iowaSection = section(
  'Iowa emergency department, hourly (open 24 h every day, calendar none)',
  iowa(),
  52,
);
const out = [
  '## Forecast accuracy on real series (bench/forecast-accuracy.bench.ts)',
  '',
  'Reproduce: `npx tsx bench/forecast-accuracy.bench.ts`. Rolling-origin backtest (`backtest` in src/forecast):',
  'weekly origins, one-week horizon; WAPE and RMSE of the mean; MASE and scaled pinball (levels p05, p10, p50,',
  'p80, p90, p95) scaled by the in-sample MAE of seasonal naive; coverage of [p10, p90] and [p05, p95]. The',
  'anchors keep their own intervals: negative binomial with the variance of their backtest errors (seasonal',
  "naive, 4-week average) and augurs' own (MSTL, normal, fitted on the whole history before each origin).",
  '',
  ...bankSection.lines,
  ...iowaSection.lines,
  `Overall: ${bankSection.pass && iowaSection.pass ? 'every criterion holds on both series' : 'SOME CRITERIA FAIL'}.`,
];
process.stdout.write(`${out.join('\n')}\n`);
