import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeHistoryCsv } from '../../src/history/index.js';
import type { HistoryRow } from '../../src/history/types.js';
import { createRng, randomPoisson } from '../../src/random/index.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'queuecast-weekly-forecast-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Run the example with `npx tsx` from the repository root, as the README tells a user to. */
function example(...args: string[]) {
  return run('npx', ['tsx', 'examples/weekly-forecast.ts', ...args], { cwd: root, maxBuffer: 1 << 24 });
}

/** Rows of a Forecast CSV as objects of strings. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

// Six weeks (2026-10-12 … 2026-11-20, no public holiday inside) of two services in both channels, Monday–Friday
// on the default opening hours (09:00–12:00, 13:30–17:30: 14 half-hour slots), Poisson counts with a known rate.
const RATES = { walk_in: 6, appointment: 3 } as const;
const SESSIONS = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
] as const;

function fixtureHistory(path: string): void {
  const rng = createRng(9);
  const rows: HistoryRow[] = [];
  for (const service of ['tax', 'marriage']) {
    for (const channel of ['walk_in', 'appointment'] as const) {
      for (let d = 0; d < 42; d++) {
        const day = Date.parse('2026-10-12T00:00:00+08:00') + d * 86_400_000;
        if (d % 7 >= 5) continue;
        for (const [from, to] of SESSIONS) {
          for (let m = from; m < to; m += 30) {
            const arrivals = randomPoisson(rng, RATES[channel]);
            rows.push({ centre: 'ovc', service, channel, slotStart: day + m * 60_000, arrivals });
          }
        }
      }
    }
  }
  writeHistoryCsv({ rows, slotMinutes: 30, timezone: 'Asia/Shanghai' }, path);
}

describe('examples/weekly-forecast.ts', () => {
  it('backtests and forecasts the week after a History CSV', { timeout: 120_000 }, async () => {
    const history = join(work, 'history.csv');
    fixtureHistory(history);
    const out = join(work, 'given');
    const { stdout } = await example('--history', history, '--out', out);

    expect(stdout).toContain('history: 4 series, 30-minute slots, 2026-10-12 to 2026-11-20');
    expect(stdout).toMatch(/auto\s+WAPE \d+\.\d %\s+MASE \d\.\d{3}/);
    expect(stdout).toMatch(/seasonal-naive\s+WAPE \d+\.\d %/);
    expect(stdout).toContain('2026-11-23 Mon');
    expect(stdout).toContain('2026-11-27 Fri');

    const rows = readCsv(join(out, 'forecast.csv'));
    // 4 series × 5 open days × 14 open slots; the weekend is closed.
    expect(rows).toHaveLength(280);
    expect(Object.keys(rows[0])).toEqual([
      'centre',
      'service',
      'channel',
      'slot_start',
      'mean',
      'p05',
      'p10',
      'p50',
      'p90',
      'p95',
      'p80',
    ]);
    const dates = new Set(rows.map((r) => r.slot_start.slice(0, 10)));
    expect([...dates].sort()).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    for (const r of rows) {
      const [p05, p10, p50, p90, p95] = [r.p05, r.p10, r.p50, r.p90, r.p95].map(Number);
      expect(p05).toBeLessThanOrEqual(p10);
      expect(p10).toBeLessThanOrEqual(p50);
      expect(p50).toBeLessThanOrEqual(p90);
      expect(p90).toBeLessThanOrEqual(p95);
    }
    // A flat Poisson history: each series' mean per slot should sit near its rate.
    for (const channel of ['walk_in', 'appointment'] as const) {
      const means = rows.filter((r) => r.channel === channel).map((r) => Number(r.mean));
      const average = means.reduce((a, b) => a + b, 0) / means.length;
      expect(average).toBeGreaterThan(0.85 * RATES[channel]);
      expect(average).toBeLessThan(1.15 * RATES[channel]);
    }
    const total = Number(/next week: (\d+) arrivals expected/.exec(stdout)?.[1]);
    expect(total).toBeGreaterThan(0.9 * 280 * 4.5);
    expect(total).toBeLessThan(1.1 * 280 * 4.5);
    expect(stdout).toContain(`forecast: 280 slot forecasts → ${join(out, 'forecast.csv')}`);
  });

  it('runs on the sample hall when no history is given', { timeout: 120_000 }, async () => {
    const out = join(work, 'sample');
    const { stdout } = await example('--out', out);
    expect(stdout).toContain('history: 29 series, 30-minute slots, 2026-10-10 to 2026-11-20');
    expect(stdout).toMatch(/auto's error is \d+\.\d % (below|above) seasonal naive's/);
    const rows = readCsv(join(out, 'forecast.csv'));
    expect(new Set(rows.map((r) => `${r.service}/${r.channel}`)).size).toBe(29);
    expect(rows.every((r) => r.slot_start >= '2026-11-23' && r.slot_start < '2026-11-28')).toBe(true);
  });
});
