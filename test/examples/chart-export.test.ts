import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleServices } from '../../src/generate/index.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'queuecast-chart-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CHARTS = ['load-heatmap', 'forecast', 'staffing', 'counter-timeline', 'appointment-capacity'];

/**
 * A Forecast CSV of the sample hall for Monday 2026-11-23 (14 half-hour slots of the default opening hours): every
 * service in both channels, two walk-ins and one appointment holder per slot, with symmetric quantiles.
 */
function fixtureForecast(path: string): void {
  const lines = ['centre,service,channel,slot_start,mean,p05,p10,p50,p90,p95'];
  const minutes = [
    ...Array.from({ length: 6 }, (_, i) => 9 * 60 + 30 * i),
    ...Array.from({ length: 8 }, (_, i) => 13 * 60 + 30 + 30 * i),
  ];
  for (const s of sampleServices) {
    for (const [channel, mean] of [
      ['walk_in', 2],
      ['appointment', 1],
    ] as const) {
      for (const m of minutes) {
        const clock = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const q = [mean / 4, mean / 2, mean, mean * 1.8, mean * 2.2];
        lines.push(`ovc,${s.id},${channel},2026-11-23T${clock}:00+08:00,${mean},${q.join(',')}`);
      }
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('examples/chart-export.ts', () => {
  it('plans the hall for a forecast and writes each chart as SVG, PNG and Vega-Lite JSON', {
    timeout: 120_000,
  }, async () => {
    const forecast = join(work, 'forecast.csv');
    fixtureForecast(forecast);
    const out = join(work, 'charts');
    const { stdout } = await run('npx', ['tsx', 'examples/chart-export.ts', out, '--forecast', forecast], {
      cwd: root,
      maxBuffer: 1 << 24,
    });

    expect(stdout).toMatch(
      /^420 forecast slots from .*forecast\.csv; plan (optimal|feasible|infeasible), \d+ staff-hours/,
    );
    expect(stdout).toContain(`charts → ${out}`);
    for (const name of CHARTS) {
      expect(stdout).toMatch(new RegExp(`${name}: \\d+×\\d+ px PNG, SVG and Vega-Lite spec`));
      const spec = JSON.parse(readFileSync(join(out, `${name}.vl.json`), 'utf8'));
      expect(spec.$schema, name).toMatch(/vega-lite/);
      const svg = readFileSync(join(out, `${name}.svg`), 'utf8');
      expect(svg.startsWith('<svg'), name).toBe(true);
      const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
      const height = Number(/<svg[^>]* height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
      // The PNG is the SVG drawn at scale 2.
      const png = pngSize(readFileSync(join(out, `${name}.png`)));
      expect(png.width, name).toBe(Math.round(2 * width));
      expect(png.height, name).toBe(Math.round(2 * height));
    }

    // The hall's own chart speaks Chinese, like its signs; the plan's counters are its lanes.
    const timeline = readFileSync(join(out, 'counter-timeline.svg'), 'utf8');
    expect(timeline).toContain('窗口安排 2026-11-23');
    expect(timeline).toContain('税务登记');
    expect(timeline).toContain('>B01<');
    // The staffing chart covers the one forecast day, and the capacity chart names the two services it shows.
    expect(readFileSync(join(out, 'staffing.svg'), 'utf8')).toContain(
      'Servers needed, planned and on shift, 2026-11-23',
    );
    const capacity = readFileSync(join(out, 'appointment-capacity.svg'), 'utf8');
    expect(capacity).toContain('Tax');
    expect(capacity).toContain('Business registration');
    expect(capacity).not.toContain('Real-estate registration');
  });
});
