import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { formatHistoryCsv } from '../../src/history/index.js';
import { syntheticHall, syntheticPlain } from '../forecast/synthetic.js';
import { captureIO } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-cli-forecast-'));
// A centre's history up to Friday 2026-01-30 (chinese-days: 2026-02-15 … 02-23 closed for Spring Festival).
writeFileSync(
  join(dir, 'history.csv'),
  formatHistoryCsv(syntheticHall({ seed: 21, from: '2025-09-01', to: '2026-01-30' })),
);
// A plain hourly series of 10 weeks from Monday 2024-01-01, and the slots to forecast in the same format.
const plain = syntheticPlain(22, 70);
writeFileSync(join(dir, 'plain.csv'), formatHistoryCsv(plain));
const next = Date.UTC(2024, 2, 11);
const at = [
  'slot_start,arrivals',
  ...[0, 1, 2, 30].map((h) => `${new Date(next + h * 3_600_000).toISOString()},`),
];
writeFileSync(join(dir, 'at.csv'), `${at.join('\n')}\n`);

async function run(...argv: string[]) {
  const io = captureIO(dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('queuecast forecast', () => {
  it('--horizon forecasts the open slots of the next days of every series, closed days left out', async () => {
    const r = await run('forecast', '--history', 'history.csv', '--horizon', '3w', '--out', 'forecast.csv');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/forecast: 1 series, [\d,]+ slots/);
    const lines = readFileSync(join(dir, 'forecast.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('centre,service,channel,slot_start,mean,p05,p10,p50,p90,p95,p80');
    const dates = new Set(lines.slice(1).map((l) => l.split(',')[3].slice(0, 10)));
    expect(dates.has('2026-02-02')).toBe(true);
    expect(dates.has('2026-02-14')).toBe(true); // make-up Saturday
    expect(dates.has('2026-02-17')).toBe(false); // Spring Festival
    expect(dates.has('2026-02-07')).toBe(false); // an ordinary Saturday
    for (const l of lines.slice(1)) {
      const [mean, ...q] = l.split(',').slice(4).map(Number);
      expect(mean).toBeGreaterThanOrEqual(0);
      expect(q.slice(0, 5)).toEqual([...q.slice(0, 5)].sort((a, b) => a - b));
    }
  });

  it('--at forecasts exactly the slots listed, for a single series given as slot_start, arrivals', async () => {
    const r = await run(
      'forecast',
      '--history',
      'plain.csv',
      '--at',
      'at.csv',
      '--timezone',
      'UTC',
      '--model',
      'top-down',
      '--out',
      '-',
    );
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('slot_start,mean,p05,p10,p50,p90,p95,p80');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      '2024-03-11T00:00:00+00:00',
      '2024-03-11T01:00:00+00:00',
      '2024-03-11T02:00:00+00:00',
      '2024-03-12T06:00:00+00:00',
    ]);
    expect(r.err).toMatch(/forecast: 1 series, 4 slots/);
  });

  it('refuses bad arguments with a usage error and exit code 2', async () => {
    for (const argv of [
      ['--history', 'history.csv', '--horizon', '7d'],
      ['--history', 'history.csv', '--out', 'x.csv'],
      ['--history', 'history.csv', '--at', 'at.csv', '--horizon', '7d', '--out', 'x.csv'],
      ['--history', 'history.csv', '--horizon', 'soon', '--out', 'x.csv'],
      ['--history', 'history.csv', '--horizon', '7d', '--model', 'prophet', '--out', 'x.csv'],
    ]) {
      const r = await run('forecast', ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^queuecast forecast: error \[USAGE\]/);
    }
  });

  it('names a missing history file in one error line and exits 1', async () => {
    const r = await run('forecast', '--history', 'nope.csv', '--horizon', '7d', '--out', 'x.csv');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\[FILE_NOT_FOUND\].*nope\.csv/);
  });
});

describe('queuecast backtest', () => {
  it('prints WAPE, MASE, RMSE, scaled pinball and coverage overall and by horizon', async () => {
    const r = await run(
      'backtest',
      '--history',
      'plain.csv',
      '--timezone',
      'UTC',
      '--origins',
      '3',
      '--horizon',
      '7d',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/backtest of auto: 1 series, 3 weekly origins, 7-day horizon/);
    expect(r.out).toMatch(/WAPE\s+MASE\s+RMSE\s+scaled pinball\s+cover 80%\s+cover 90%/);
    expect(r.out).toMatch(/^overall\s+504\s+\d+\.\d%/m);
    expect(r.out).toMatch(/^same day\s+72\s/m);
    expect(r.out).toMatch(/models fitted: top-down/);
  });
});
