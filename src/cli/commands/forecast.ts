import { resolve } from 'node:path';
import { loadHolidayCalendar } from '../../calendar/index.js';
import { QueuecastError } from '../../errors.js';
import {
  type ForecastBatch,
  forecastMany,
  forecastModelByName,
  forecastModelNames,
  formatForecastCsv,
  readForecastTargets,
  writeForecastCsv,
} from '../../forecast/index.js';
import { type History, type HistoryColumnMap, readHistoryCsv, resampleHistory } from '../../history/index.js';
import { type CliCommand, numberOption, parseCommandArgs, requireOption } from '../command.js';

const NAME = 'forecast';

const usage = `Usage: queuecast forecast --history FILE (--at FILE | --horizon 7d) --out FILE [--model auto]
                          [--calendar cn|none|FILE] [--timezone TZ] [--slot-minutes M]
                          [--map field=column ...] [--ignore-offsets]

Forecast arrivals per series and slot and write the Forecast CSV of DESIGN.md: the series keys, slot_start
(ISO 8601 with offset), mean, p05, p10, p50, p90, p95 (then p80). Closed days get no slots (--horizon) or 0 (--at).

  --history FILE       History CSV (centre, service, channel, slot_start, arrivals) or a plain series
                       (slot_start, arrivals)
  --at FILE            forecast exactly these slots: a CSV with slot_start and the series keys (a plain series'
                       own slot_start, arrivals file works)
  --horizon Nd|Nw      forecast the open slots of the N days (weeks) after the history, from the calendar
  --out FILE           where to write the Forecast CSV (- for standard output)
  --model NAME         ${forecastModelNames.join(', ')} (default auto: chosen per series by backtest)
  --calendar C         holidays: cn, none, or a JSON file { "closed": [...], "extraWorking": [...] }
                       (default cn when the history names a centre or service, none for a plain series)
  --timezone TZ        IANA time zone of the slots (default Asia/Shanghai)
  --slot-minutes M     re-aggregate the history to M-minute slots first
  --map field=column   History column mapping, repeatable (--map slot_start=DateTime --map arrivals=Calls,
                       or --map slot_start=Date+Hour)
  --ignore-offsets     read times as local clock times even when they carry an offset or Z

Examples:
  queuecast forecast --history history.csv --horizon 7d --out forecast.csv
  queuecast forecast --history ../shared/datasets/bank-calls-5min-2003-mar-aug.csv --map slot_start=DateTime \\
      --map arrivals=Calls --ignore-offsets --timezone UTC --slot-minutes 30 --horizon 1w --out bank-forecast.csv`;

const FIELDS = new Set(['centre', 'service', 'channel', 'slot_start', 'arrivals']);

/** `--map field=column` values as a History column map. */
export function historyColumnsOption(
  command: string,
  values: readonly string[] | undefined,
): HistoryColumnMap {
  const out: Record<string, unknown> = {};
  for (const m of values ?? []) {
    const eq = m.indexOf('=');
    const field = m.slice(0, eq).trim();
    const column = m.slice(eq + 1).trim();
    if (eq <= 0 || column === '' || !FIELDS.has(field)) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${command}: --map must be field=column with field one of ${[...FIELDS].join(', ')}, got ${JSON.stringify(m)}`,
      );
    }
    if (field === 'slot_start' && column.includes('+')) {
      const [date, hour, minute] = column.split('+');
      out.slot_start = { date, hour, ...(minute !== undefined && { minute }) };
    } else out[field] = column;
  }
  return out as HistoryColumnMap;
}

/** `7d`, `2w` or a bare number of days → days. */
export function horizonDaysOption(command: string, value: string): number {
  const m = /^(\d+)\s*([dw]?)$/.exec(value.trim());
  const days = m === null ? Number.NaN : Number(m[1]) * (m[2] === 'w' ? 7 : 1);
  if (!(days >= 1 && days <= 366)) {
    throw new QueuecastError(
      'USAGE',
      `queuecast ${command}: --horizon must be a number of days or weeks like 7d or 2w (at most a year), got ${JSON.stringify(value)}`,
    );
  }
  return days;
}

/** Read the history as the forecasting commands do (mapping, offsets, optional re-aggregation). */
export function readHistoryOption(
  command: string,
  cwd: string,
  values: {
    history?: string;
    timezone?: string;
    map?: string[];
    'ignore-offsets'?: boolean;
    'slot-minutes'?: string;
  },
): History {
  const file = resolve(cwd, requireOption(command, values.history, 'history'));
  const history = readHistoryCsv(file, {
    timezone: values.timezone ?? 'Asia/Shanghai',
    columns: historyColumnsOption(command, values.map),
    offsets: values['ignore-offsets'] === true ? 'ignore' : 'respect',
  });
  const slotMinutes = numberOption(command, values['slot-minutes'], 'slot-minutes');
  return slotMinutes === undefined || slotMinutes === history.slotMinutes
    ? history
    : resampleHistory(history, slotMinutes);
}

/** `--calendar cn|none|FILE` (a file relative to the working directory), or undefined for the default. */
export function calendarOption(cwd: string, value: string | undefined) {
  if (value === undefined) return undefined;
  return loadHolidayCalendar(value === 'cn' || value === 'none' ? value : resolve(cwd, value));
}

/** Model counts as `name ×n` text. */
export function modelSummary(models: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const m of models) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([m, c]) => `${m} ×${c}`)
    .join(', ');
}

function summary(batch: ForecastBatch, where: string): string {
  const total = batch.mean.reduce((a, b) => a + b, 0);
  const lines = [
    `forecast: ${batch.keys.length} series, ${batch.slotStart.length.toLocaleString('en-US')} slots, ` +
      `${Math.round(total).toLocaleString('en-US')} expected arrivals → ${where}`,
    `models: ${modelSummary(batch.models)}`,
  ];
  const shown = batch.warnings.slice(0, 10);
  for (const w of shown) lines.push(`warning: ${w.message}`);
  if (batch.warnings.length > shown.length)
    lines.push(`(${batch.warnings.length - shown.length} more warnings)`);
  return `${lines.join('\n')}\n`;
}

/** `queuecast forecast`: quantile forecasts per series and slot, as the Forecast CSV. */
export const command: CliCommand = {
  name: NAME,
  summary: 'forecast arrivals per series and slot with calibrated quantiles; writes the Forecast CSV',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      history: { type: 'string' },
      at: { type: 'string' },
      horizon: { type: 'string' },
      out: { type: 'string' },
      model: { type: 'string' },
      calendar: { type: 'string' },
      timezone: { type: 'string' },
      'slot-minutes': { type: 'string' },
      map: { type: 'string', multiple: true },
      'ignore-offsets': { type: 'boolean' },
    });
    const out = requireOption(NAME, values.out, 'out');
    if ((values.at === undefined) === (values.horizon === undefined)) {
      throw new QueuecastError('USAGE', `queuecast ${NAME}: give exactly one of --at FILE or --horizon 7d`);
    }
    const model = forecastModelByName(values.model ?? 'auto');
    const history = readHistoryOption(NAME, io.cwd, values);
    const calendar = calendarOption(io.cwd, values.calendar);
    const targets =
      values.at === undefined
        ? undefined
        : readForecastTargets(resolve(io.cwd, values.at), { timezone: history.timezone });
    const batch = forecastMany(history, model, {
      ...(calendar !== undefined ? { calendar } : {}),
      ...(targets !== undefined
        ? { targets }
        : { horizonDays: horizonDaysOption(NAME, values.horizon ?? '') }),
    });
    if (out === '-') {
      io.stdout.write(formatForecastCsv(batch));
      io.stderr.write(summary(batch, 'standard output'));
    } else {
      writeForecastCsv(batch, resolve(io.cwd, out));
      io.stdout.write(summary(batch, out));
    }
    return 0;
  },
};
