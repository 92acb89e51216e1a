/**
 * Forecasting speed: fit + predict of the default model (auto) for one year of 30-minute history of one series,
 * and for 1,000 such series through the many-series driver, against augurs MSTL in the same run.
 *
 * Inputs (seeded): service-hall series on the Chinese calendar (Monday–Friday 09:00–12:00 and 13:30–17:30,
 * 14 slots a day, 2025-03-03 … 2026-02-27, about 3,400 slots) with daily means from 3 (intermittent) to 300 arrivals;
 * and one 24-hour series (48 slots a day, 17,472 slots) for the heaviest single-series case.
 *
 * Run: npx tsx bench/forecast.bench.ts   (prints a markdown section)
 */
import { cpuUsage } from 'node:process';
import { createCalendar } from '../src/calendar/index.js';
import {
  auto,
  forecastMany,
  mstl,
  type Prediction,
  type SeriesBatch,
  SeriesGrid,
  type SeriesKey,
} from '../src/forecast/index.js';
import { createRng, randomPoisson } from '../src/random/index.js';

const TZ = 'Asia/Shanghai';

/** Slot grid of the hall and the relative intensity of each slot. */
function hallSlots(): { slots: Float64Array; weight: Float64Array } {
  const cal = createCalendar({ timezone: TZ });
  const slots = cal.slots('2025-03-03', '2026-02-27', 30);
  const weight = Float64Array.from(slots, (s) => {
    const peak =
      0.4 +
      Math.exp(-0.5 * ((s.minuteOfDay - 600) / 60) ** 2) +
      0.8 * Math.exp(-0.5 * ((s.minuteOfDay - 900) / 60) ** 2);
    return (peak / 14 / 1.1) * (s.weekday === 1 ? 1.25 : s.weekday === 5 ? 0.9 : 1);
  });
  return { slots: Float64Array.from(slots, (s) => s.start), weight };
}

function counts(seed: number, weight: Float64Array, dailyMean: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(weight, (w) => randomPoisson(rng, w * dailyMean));
}

function allDay(seed: number): { slots: Float64Array; arrivals: Float64Array } {
  const rng = createRng(seed);
  const start = Date.UTC(2025, 2, 3);
  const slots = new Float64Array(364 * 48);
  const arrivals = new Float64Array(364 * 48);
  for (let i = 0; i < slots.length; i++) {
    const h = (i % 48) / 2;
    slots[i] = start + i * 1_800_000;
    arrivals[i] = randomPoisson(rng, 2 + 6 * Math.exp(-0.5 * ((h - 14) / 4) ** 2));
  }
  return { slots, arrivals };
}

function checkPrediction(p: Prediction, label: string): void {
  for (let i = 0; i < p.mean.length; i++) {
    if (!(p.mean[i] >= 0)) throw new Error(`${label}: mean ${p.mean[i]} at ${i}`);
    for (let j = 1; j < p.levels.length; j++) {
      if (!(p.quantiles[j][i] >= p.quantiles[j - 1][i] && p.quantiles[0][i] >= 0))
        throw new Error(`${label}: quantiles`);
    }
  }
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function time(fn: () => void): Timing {
  const c0 = cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c = cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function repeat(n: number, warmUp: number, fn: () => void): { wall: number; cpu: number } {
  for (let i = 0; i < warmUp; i++) fn();
  const ts = Array.from({ length: n }, () => time(fn));
  return { wall: median(ts.map((t) => t.wallMs)), cpu: median(ts.map((t) => t.cpuMs)) };
}

const hall = hallSlots();
const key: SeriesKey = { centre: 'c0', service: 's0', channel: 'walk_in' };
const oneHall = counts(1, hall.weight, 120);
const oneDay = allDay(2);

function singleSeries(
  label: string,
  slots: Float64Array,
  arrivals: Float64Array,
  options: { slotMinutes: number; timezone: string; calendar: 'cn' | 'none' },
) {
  const fitPredict = (model: ReturnType<typeof auto>) => () => {
    const grid = SeriesGrid.fromArrays(key, slots, arrivals, options);
    const fitted = model.fitGrid(grid);
    fitted.predict(grid.openSlots(grid.dayCount, grid.dayCount + 7));
  };
  // Check before timing: the default's forecast of the next week is valid and near the series' level.
  const grid = SeriesGrid.fromArrays(key, slots, arrivals, options);
  const next = grid.openSlots(grid.dayCount, grid.dayCount + 7);
  const p = auto().fitGrid(grid).predict(next);
  checkPrediction(p, label);
  const q = mstl().fitGrid(grid).predict(next);
  checkPrediction(q, `${label} (MSTL)`);
  const perSlot = arrivals.reduce((a, b) => a + b, 0) / arrivals.length;
  const forecastPerSlot = p.mean.reduce((a, b) => a + b, 0) / p.mean.length;
  if (Math.abs(forecastPerSlot / perSlot - 1) > 0.25)
    throw new Error(`${label}: forecast level ${forecastPerSlot} vs ${perSlot}`);
  const ours = repeat(100, 20, fitPredict(auto()));
  const peer = repeat(5, 1, fitPredict(mstl()));
  return { label, rows: slots.length, ours, peer };
}

const singles = [
  singleSeries('service hall, 1 year of 30-min slots (cn)', hall.slots, oneHall, {
    slotMinutes: 30,
    timezone: TZ,
    calendar: 'cn',
  }),
  singleSeries('24-hour series, 1 year of 30-min slots (none)', oneDay.slots, oneDay.arrivals, {
    slotMinutes: 30,
    timezone: 'UTC',
    calendar: 'none',
  }),
];

// 1,000 series as one flat batch: 67 centres × 15 services, daily means from 3 to 300.
const SERIES = 1000;
const n = hall.slots.length;
const keys: SeriesKey[] = [];
const offsets = new Int32Array(SERIES + 1);
const slotStart = new Float64Array(SERIES * n);
const arrivals = new Float64Array(SERIES * n);
for (let k = 0; k < SERIES; k++) {
  keys.push({ centre: `c${Math.floor(k / 15)}`, service: `s${k % 15}`, channel: 'walk_in' });
  offsets[k + 1] = (k + 1) * n;
  slotStart.set(hall.slots, k * n);
  arrivals.set(counts(100 + k, hall.weight, 3 * 100 ** ((k % 15) / 14)), k * n);
}
const batch: SeriesBatch = { keys, offsets, slotStart, arrivals, slotMinutes: 30, timezone: TZ };
let result: ReturnType<typeof forecastMany> | undefined;
const many = time(() => {
  result = forecastMany(batch, auto(), { horizonDays: 7, calendar: 'cn' });
});
if (result === undefined || result.keys.length !== SERIES)
  throw new Error('forecastMany: wrong number of series');
for (let i = 0; i < result.mean.length; i++)
  if (!(result.mean[i] >= 0)) throw new Error('forecastMany: bad mean');
const SAMPLE = 10;
const sample: SeriesBatch = {
  ...batch,
  keys: keys.slice(0, SAMPLE),
  offsets: offsets.slice(0, SAMPLE + 1),
};
const mstlSample = time(() => forecastMany(sample, mstl(), { horizonDays: 7, calendar: 'cn' }));
const mstlPerSeries = mstlSample.wallMs / SAMPLE;

const ms = (x: number) => `${x.toFixed(2)} ms`;
const lines = [
  '## Forecasting speed (bench/forecast.bench.ts)',
  '',
  'Reproduce: `npx tsx bench/forecast.bench.ts`. Fit + predict of the next 7 days, default model (auto: 7',
  'candidates backtested on 8 weekly origins, conformal calibration) vs augurs MSTL (WASM, AutoETS trend) on the same',
  'series in the same process. Medians of 100 runs after 20 warm-up runs (MSTL: 5 after 1). Wall time depends on',
  'the load of the shared machine; CPU time is the process time (all its threads) over the same runs.',
  '',
  '| series | slots | default wall | default CPU | MSTL wall | MSTL CPU | MSTL ÷ default (wall) |',
  '|---|---|---|---|---|---|---|',
  ...singles.map(
    (s) =>
      `| ${s.label} | ${s.rows.toLocaleString('en-US')} | ${ms(s.ours.wall)} | ${ms(s.ours.cpu)} | ${ms(s.peer.wall)} | ${ms(s.peer.cpu)} | ${(s.peer.wall / s.ours.wall).toFixed(0)}× |`,
  ),
  '',
  `1,000 service-hall series (${(SERIES * n).toLocaleString('en-US')} slots, one flat batch) through \`forecastMany\`:`,
  `${(many.wallMs / 1000).toFixed(2)} s wall, ${(many.cpuMs / 1000).toFixed(2)} s CPU ` +
    `(${(many.wallMs / SERIES).toFixed(2)} ms a series). MSTL on ${SAMPLE} of them: ${(mstlPerSeries).toFixed(0)} ms a series, ` +
    `so about ${((mstlPerSeries * SERIES) / 1000).toFixed(0)} s for 1,000 (${(mstlPerSeries / (many.wallMs / SERIES)).toFixed(0)}× the default).`,
  '',
  `- ${singles[0].ours.wall < 10 ? 'PASS' : 'FAIL'}: one series (service hall) under 10 ms median (${ms(singles[0].ours.wall)} wall, ${ms(singles[0].ours.cpu)} CPU)`,
  `- ${singles[1].ours.wall < 10 ? 'PASS' : 'FAIL'}: one series (24 h) under 10 ms median (${ms(singles[1].ours.wall)} wall, ${ms(singles[1].ours.cpu)} CPU)`,
  `- ${many.wallMs < 10_000 ? 'PASS' : 'FAIL'}: 1,000 series under 10 s (${(many.wallMs / 1000).toFixed(2)} s wall)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
