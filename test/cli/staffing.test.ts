import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIO } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-cli-staffing-'));

async function run(...argv: string[]) {
  const io = captureIO(dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const demand = (service: string, counts: number[], channel = 'walk_in') =>
  counts.map((expected, i) => ({
    service,
    channel,
    slotStart: `2026-12-01T${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}:00`,
    expected,
    p90: expected * 1.3,
  }));

const scenario = {
  centre: { id: 'ovc', timezone: 'Asia/Shanghai', slotMinutes: 30 },
  services: [
    { id: 'tax', ahtSeconds: 600, serviceCv: 0.8, target: { fraction: 0.8, withinSeconds: 600 } },
    { id: 'registration', ahtSeconds: 900, target: { fraction: 0.8, withinSeconds: 900 } },
    { id: 'permits', ahtSeconds: 300 },
  ],
  counters: [
    { id: 'C01', services: ['tax', 'registration'] },
    { id: 'C02', services: ['tax'] },
    { id: 'C03', services: ['permits'] },
  ],
  demand: [
    ...demand('tax', [10, 20, 30, 20]),
    ...demand('registration', [5, 5, 8, 4]),
    ...demand('permits', [6, 6, 6, 6]),
    ...demand('tax', [4, 4, 4, 4], 'appointment'),
  ],
  extra: 'ignored',
};
writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));

describe('queuecast staffing', () => {
  it('writes the requirements CSV with pools from the counters and prints a compact table', async () => {
    const r = await run('staffing', '--scenario', 'scenario.json', '--out', 'req.csv');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: unknown field extra ignored/);
    const csv = readFileSync(join(dir, 'req.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('service,slot_start,servers,servers_integer,pool');
    expect(csv).toHaveLength(1 + 2 * 4);
    expect(csv[1]).toMatch(/^tax\+registration,2026-12-01T09:00:00\+08:00,[\d.]+,\d+,tax\+registration$/);
    expect(csv[5]).toMatch(/^permits,2026-12-01T09:00:00\+08:00,[\d.]+,\d+,$/);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^service\s+arrivals\s+staffed slots\s+peak servers\s+staff-hours$/);
    expect(lines[1]).toMatch(/^tax\+registration\s+118\s+4\s+\d+\s+[\d.]+$/);
    expect(lines[2]).toMatch(/^permits\s+24\s+4\s+\d+\s+[\d.]+$/);
    expect(lines[3]).toMatch(/^method mol, quantity mean: [\d.]+ staff-hours; wrote 8 rows to .*req\.csv$/);
  });

  it('supports SIPP, a quantile, and no pools', async () => {
    const mean = await run(
      'staffing',
      '--scenario',
      'scenario.json',
      '--out',
      'a.csv',
      '--method',
      'sipp',
      '--pools',
      'none',
    );
    const p90 = await run(
      'staffing',
      '--scenario',
      'scenario.json',
      '--out',
      'b.csv',
      '--method',
      'sipp',
      '--pools',
      'none',
      '--quantity',
      'p90',
    );
    expect(mean.code).toBe(0);
    expect(p90.code).toBe(0);
    const hours = (out: string) => Number(/: ([\d.]+) staff-hours/.exec(out)![1]);
    expect(hours(p90.out)).toBeGreaterThan(hours(mean.out));
    const csv = readFileSync(join(dir, 'a.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('service,slot_start,servers,servers_integer');
    expect(csv).toHaveLength(1 + 3 * 4);
  });

  it('fails with a usage error or a file error, in one line', async () => {
    const noOut = await run('staffing', '--scenario', 'scenario.json');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/missing required option --out/);
    const badMethod = await run(
      'staffing',
      '--scenario',
      'scenario.json',
      '--out',
      'x.csv',
      '--method',
      'sbc',
    );
    expect(badMethod.code).toBe(2);
    expect(badMethod.err).toMatch(/--method must be mol or sipp, got "sbc"/);
    const missing = await run('staffing', '--scenario', 'nope.json', '--out', 'x.csv');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/\[FILE_NOT_FOUND\]/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ services: [{ id: 'tax', ahtSeconds: -1 }] }));
    const invalid = await run('staffing', '--scenario', 'bad.json', '--out', 'x.csv');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/\[INVALID_INPUT\].*services\.0\.ahtSeconds/);
  });
});
