import {
  type BacktestMetrics,
  backtest,
  forecastModelByName,
  forecastModelNames,
} from '../../forecast/index.js';
import { type CliCommand, formatTable, numberOption, parseCommandArgs } from '../command.js';
import { calendarOption, horizonDaysOption, modelSummary, readHistoryOption } from './forecast.js';

const NAME = 'backtest';

const usage = `Usage: queuecast backtest --history FILE [--origins 8] [--horizon 7d] [--model auto]
                          [--calendar cn|none|FILE] [--timezone TZ] [--slot-minutes M]
                          [--map field=column ...] [--ignore-offsets] [--series N]

Rolling-origin backtest: refit the model at weekly origins and score the next days against the actuals.
Prints WAPE, MASE (vs seasonal naive), RMSE, scaled pinball loss and 80 %/90 % interval coverage, overall,
by horizon bucket (same day, 1–2 days, 3–6 days, 1–2 weeks) and per series.

  --history FILE       History CSV or a plain series (see queuecast forecast --help)
  --origins N          weekly origins per series (default 8)
  --horizon Nd|Nw      days forecast from each origin (default 7d)
  --model NAME         ${forecastModelNames.join(', ')} (default auto)
  --calendar C         cn, none or a JSON holiday file (default as for queuecast forecast)
  --timezone TZ        IANA time zone (default Asia/Shanghai)
  --slot-minutes M     re-aggregate the history first
  --map, --ignore-offsets   as for queuecast forecast
  --series N           per-series rows printed at most (default 20)

Example:
  queuecast backtest --history ../shared/datasets/iowa-ed-arrivals-hourly-2013-2016.csv --timezone UTC \\
      --map slot_start=Date+Hour --map arrivals=Arrivals --origins 8 --horizon 7d`;

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
const fix = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3));

function row(label: string, m: BacktestMetrics): string[] {
  return [
    label,
    String(m.n),
    pct(m.wape),
    fix(m.mase),
    fix(m.rmse),
    fix(m.scaledPinball),
    pct(m.coverage80),
    pct(m.coverage90),
  ];
}

/** `queuecast backtest`: the accuracy table of a model on a history. */
export const command: CliCommand = {
  name: NAME,
  summary: 'rolling-origin backtest of a forecasting model: WAPE, MASE, RMSE, pinball loss, coverage',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      history: { type: 'string' },
      origins: { type: 'string' },
      horizon: { type: 'string' },
      model: { type: 'string' },
      calendar: { type: 'string' },
      timezone: { type: 'string' },
      'slot-minutes': { type: 'string' },
      map: { type: 'string', multiple: true },
      'ignore-offsets': { type: 'boolean' },
      series: { type: 'string' },
    });
    const model = forecastModelByName(values.model ?? 'auto');
    const history = readHistoryOption(NAME, io.cwd, values);
    const calendar = calendarOption(io.cwd, values.calendar);
    const origins = numberOption(NAME, values.origins, 'origins') ?? 8;
    const horizonDays = horizonDaysOption(NAME, values.horizon ?? '7d');
    const maxSeries = numberOption(NAME, values.series, 'series') ?? 20;
    const report = backtest(history, model, {
      origins,
      horizonDays,
      ...(calendar !== undefined ? { calendar } : {}),
    });
    const header = ['', 'slots', 'WAPE', 'MASE', 'RMSE', 'scaled pinball', 'cover 80%', 'cover 90%'];
    const rows = [row('overall', report.overall), ...report.byHorizon.map((b) => row(b.bucket, b.metrics))];
    const label = (k: (typeof report.bySeries)[number]['key']) =>
      [k.centre, k.service, k.channel].filter((p) => p !== undefined).join('/') || 'series';
    const series = report.bySeries.slice(0, Math.max(0, maxSeries)).map((s) => row(label(s.key), s.metrics));
    io.stdout.write(
      `backtest of ${report.model}: ${report.bySeries.length} series, ${origins} weekly origins, ${horizonDays}-day horizon\n\n`,
    );
    io.stdout.write(`${formatTable(header, rows)}\n`);
    if (series.length > 0 && report.bySeries.length > 1) {
      io.stdout.write(`\n${formatTable(header, series)}\n`);
      if (report.bySeries.length > series.length) {
        io.stdout.write(`(${report.bySeries.length - series.length} more series)\n`);
      }
    }
    const models = report.bySeries.flatMap((s) =>
      Object.entries(s.models).flatMap(([m, c]) => Array(c).fill(m)),
    );
    io.stdout.write(`\nmodels fitted: ${modelSummary(models)}\n`);
    for (const w of report.warnings.slice(0, 10)) io.stdout.write(`warning: ${w}\n`);
    return 0;
  },
};
