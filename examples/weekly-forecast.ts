/**
 * An analyst's weekly forecast: check how well the forecaster has done lately, then forecast next week's arrivals
 * per service, channel and slot, and write them as the Forecast CSV that `queuecast plan` and the booking system
 * read.
 *
 *   npx tsx examples/weekly-forecast.ts [--history history.csv] [--out DIR]
 *
 * `--history` is a History CSV (centre, service, channel, slot_start, arrivals: what `queuecast history` writes).
 * Without it the script builds one from six weeks of the sample hall's visits. The forecast goes to
 * DIR/forecast.csv (default out/weekly-forecast).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  aggregateVisits,
  auto,
  type BacktestReport,
  backtest,
  createCalendar,
  type ForecastBatch,
  forecastMany,
  formatIsoInZone,
  generateVisits,
  type History,
  ingestVisits,
  readHistoryCsv,
  sampleCentre,
  seasonalNaive,
  writeForecastCsv,
} from '../src/index.js';

const { values } = parseArgs({
  options: { history: { type: 'string' }, out: { type: 'string', default: 'out/weekly-forecast' } },
});

/** Six weeks of the sample hall, from visit records to arrivals per 30-minute slot. */
async function sampleHistory(): Promise<History> {
  const { rows } = generateVisits({ days: 42, end: '2026-11-20', seed: 2026, dirty: false });
  const calendar = createCalendar({ timezone: sampleCentre.timezone });
  const { visits } = await ingestVisits(rows, { timezone: sampleCentre.timezone, calendar });
  return aggregateVisits(visits.toArray(), { calendar, slotMinutes: 30 });
}

const history =
  values.history === undefined
    ? await sampleHistory()
    : readHistoryCsv(values.history, { timezone: sampleCentre.timezone });

const localDate = (epochMs: number) => formatIsoInZone(epochMs, history.timezone).slice(0, 10);
const seriesCount = new Set(history.rows.map((r) => `${r.service}/${r.channel}`)).size;
const first = Math.min(...history.rows.map((r) => r.slotStart));
const last = Math.max(...history.rows.map((r) => r.slotStart));
console.log(
  `history: ${seriesCount} series, ${history.slotMinutes}-minute slots, ${localDate(first)} to ${localDate(last)}`,
);

// How did the forecaster do over the last weeks, against the seasonal-naive benchmark?
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const line = (r: BacktestReport) =>
  `  ${r.model.padEnd(16)} WAPE ${pct(r.overall.wape)}  MASE ${r.overall.mase.toFixed(3)}  ` +
  `80 % interval covered ${pct(r.overall.coverage80)}`;
const options = { origins: 3, horizonDays: 7 };
const mine = backtest(history, auto(), options);
const naive = backtest(history, seasonalNaive(), options);
console.log(`\nbacktest, ${options.origins} weekly origins, 7 days ahead:`);
console.log(line({ ...mine, model: 'auto' }));
console.log(line(naive));
const gain = 1 - mine.overall.wape / naive.overall.wape;
console.log(`  auto's error is ${pct(Math.abs(gain))} ${gain >= 0 ? 'below' : 'above'} seasonal naive's`);

// Next week: every open slot of the seven days after the history.
const forecast: ForecastBatch = forecastMany(history, auto(), { horizonDays: 7 });
const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'forecast.csv');
writeForecastCsv(forecast, file);

const byDate = new Map<string, number>();
const byService = new Map<string, { walk_in: number; appointment: number }>();
forecast.keys.forEach((key, k) => {
  for (let i = forecast.offsets[k]; i < forecast.offsets[k + 1]; i++) {
    const date = localDate(forecast.slotStart[i]);
    byDate.set(date, (byDate.get(date) ?? 0) + forecast.mean[i]);
    const service = key.service ?? 'all';
    const s = byService.get(service) ?? { walk_in: 0, appointment: 0 };
    s[key.channel ?? 'walk_in'] += forecast.mean[i];
    byService.set(service, s);
  }
});
const total = [...byDate.values()].reduce((a, b) => a + b, 0);
console.log(`\nnext week: ${Math.round(total)} arrivals expected`);
for (const [date, n] of [...byDate].sort()) {
  const weekday = new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    timeZone: 'UTC',
  });
  console.log(`  ${date} ${weekday}  ${Math.round(n).toString().padStart(6)}`);
}
console.log('\nbusiest services (walk-in + appointment):');
for (const [service, s] of [...byService]
  .sort((a, b) => b[1].walk_in + b[1].appointment - a[1].walk_in - a[1].appointment)
  .slice(0, 5)) {
  console.log(
    `  ${service.padEnd(24)} ${Math.round(s.walk_in).toString().padStart(6)} + ${Math.round(s.appointment)}`,
  );
}
for (const w of forecast.warnings) console.log(`warning: ${w.message}`);
console.log(`\nforecast: ${forecast.slotStart.length} slot forecasts → ${file}`);
