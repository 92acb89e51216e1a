import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildReportResult, buildReport } from '../../src/report/index.js';
import { darkPixels, decodePng } from '../charts/png.js';
import { sampleReportData } from './report-fixture.js';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MISSING = `headless Chromium not found at ${CHROMIUM}: install the Debian package chromium (apt-get install -y chromium) or set CHROMIUM_PATH`;
/** Kept after the run (out/ is git-ignored): the report, its PNGs and the browser screenshot. */
const OUT = fileURLToPath(new URL('../../out/test/report-browser/', import.meta.url));
const WINDOW = [1400, 3000] as const;

let profile = '';
let result: BuildReportResult;

/** Headless Chromium with the network cut off, in New York time (the report must show Shanghai time anyway). */
async function chromium(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--proxy-server=127.0.0.1:9',
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--enable-logging=stderr',
      '--v=0',
      `--user-data-dir=${profile}`,
      '--virtual-time-budget=30000',
      ...args,
      pathToFileURL(join(OUT, 'report.html')).href,
    ],
    { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'America/New_York' } },
  );
}

beforeAll(async () => {
  expect(existsSync(CHROMIUM), MISSING).toBe(true);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'queuecast-chromium-'));
  // PNG writing is tested in report.test.ts; here only the page matters.
  result = await buildReport(sampleReportData(), { outDir: OUT, pngs: false });
});

afterAll(() => {
  if (profile !== '') rmSync(profile, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('draws every chart as SVG with no console errors and no network, and saves a screenshot', async () => {
    expect(result.charts).toEqual([
      'forecast',
      'load-heatmap',
      'staffing',
      'counter-timeline',
      'wait-outcomes',
      'capacity',
    ]);
    const shot = join(OUT, 'screenshot.png');
    const { stdout: dom, stderr } = await chromium(
      '--dump-dom',
      '--hide-scrollbars',
      `--window-size=${WINDOW[0]},${WINDOW[1]}`,
      `--screenshot=${shot}`,
    );
    const status = /<output id="qc-render-status"[^>]*data-done="true"[^>]*>([^<]*)<\/output>/.exec(dom);
    expect(status, 'the page never finished rendering (no render status in the DOM)').not.toBeNull();
    expect(JSON.parse(status?.[1] ?? '{}')).toEqual({
      charts: 6,
      rendered: 6,
      failed: [],
      errors: [],
      warnings: [],
    });
    const drawn = new Map(
      [...dom.matchAll(/id="chart-([\w-]+)"[^>]*>([\s\S]*?)<figcaption/g)].map((m) => [m[1], m[2]]),
    );
    for (const id of result.charts) {
      expect(drawn.get(id), `chart ${id}`).toMatch(/<svg[^>]*class="marks"/);
    }
    // Chinese names as SVG text; times on the axes in the centre's time (09:00 Shanghai = 20:00 New York).
    expect(drawn.get('forecast')).toContain('税务登记');
    expect(drawn.get('staffing')).toContain('>09:00<');
    expect(drawn.get('staffing')).not.toContain('>20:00<');
    // Chromium prints every console message of the page to stderr; there must be none.
    expect(stderr.split('\n').filter((l) => l.includes(':CONSOLE'))).toEqual([]);

    expect(existsSync(shot)).toBe(true);
    const img = decodePng(readFileSync(shot));
    expect([img.width, img.height]).toEqual([...WINDOW]);
    // Text, bands and bars: a blank or error page has far less ink.
    expect(darkPixels(img, 0, 0, img.width, img.height, 160)).toBeGreaterThan(20_000);
  });
});
