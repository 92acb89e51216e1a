import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auto,
  type BacktestMetrics,
  backtest,
  mstl,
  seasonalNaive,
  weekdayAverage,
} from '../../src/forecast/index.js';
import { type History, readHistoryCsv, resampleHistory } from '../../src/history/index.js';

// The claims of bench/forecast-accuracy.bench.ts on fewer origins (the last 12 weeks of each series) and with MSTL
// fitted on its last 16 weeks, so that the file runs in seconds: the default model's WAPE is ≥ 5 % below the best
// anchor's, its 80 % and 90 % intervals cover 77–83 % and 87–93 %, and its scaled pinball loss is the lowest.
const data = (name: string) => fileURLToPath(new URL(`../../../shared/datasets/${name}`, import.meta.url));
const ORIGINS = 12;

function check(history: History): void {
  const score = (m: Parameters<typeof backtest>[1]): BacktestMetrics =>
    backtest(history, m, { origins: ORIGINS, horizonDays: 7, calendar: 'none' }).overall;
  const main = score(auto());
  const anchors = [
    score(seasonalNaive()),
    score(weekdayAverage({ weeks: 4 })),
    score(mstl({ maxWeeks: 16 })),
  ];
  for (const a of anchors) expect(a.n).toBe(main.n);
  const best = Math.min(...anchors.map((a) => a.wape));
  expect(main.wape).toBeLessThanOrEqual(0.95 * best);
  expect(main.coverage80).toBeGreaterThanOrEqual(0.77);
  expect(main.coverage80).toBeLessThanOrEqual(0.83);
  expect(main.coverage90).toBeGreaterThanOrEqual(0.87);
  expect(main.coverage90).toBeLessThanOrEqual(0.93);
  for (const a of anchors) expect(main.scaledPinball).toBeLessThan(a.scaledPinball);
}

describe('accuracy on real series (weekly rolling origins, one-week horizon, calendar none)', () => {
  let bank: History;
  let iowa: History;
  beforeAll(() => {
    bank = resampleHistory(
      readHistoryCsv(data('bank-calls-5min-2003-mar-aug.csv'), {
        timezone: 'UTC',
        offsets: 'ignore',
        columns: { slot_start: 'DateTime', arrivals: 'Calls' },
      }),
      30,
    );
    iowa = readHistoryCsv(data('iowa-ed-arrivals-hourly-2013-2016.csv'), {
      timezone: 'UTC',
      columns: { slot_start: { date: 'Date', hour: 'Hour' }, arrivals: 'Arrivals' },
    });
  }, 60_000);

  it('bank calls, 30-minute slots of business days', () => {
    expect(bank.slotMinutes).toBe(30);
    check(bank);
  });

  it('Iowa emergency department, hourly, open every day', () => {
    expect(iowa.rows.length).toBe(30_720);
    check(iowa);
  });
});
