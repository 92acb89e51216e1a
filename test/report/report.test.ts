import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/allocate/plan.js';
import { QueuecastError } from '../../src/errors.js';
import {
  backtestSummaryRows,
  buildReport,
  forecastAccuracy,
  forecastRowsFromBatch,
  planToCsv,
  reportCharts,
  reportKeyNumbers,
} from '../../src/report/index.js';
import { sampleReportData } from './report-fixture.js';

const data = sampleReportData();
const TZ = data.timezone;

function fc(slotStart: string, p50: number, band: number) {
  return {
    service: 'tax',
    slotStart,
    mean: p50,
    p05: p50 - 2 * band,
    p10: p50 - band,
    p50,
    p90: p50 + band,
    p95: p50 + 2 * band,
  };
}

describe('forecastAccuracy', () => {
  it('computes WAPE, MAE, bias and coverage on matched slots', () => {
    const forecast = [
      fc('2026-12-01T09:00', 10, 1),
      fc('2026-12-01T09:30', 5, 2),
      fc('2026-12-01T10:00', 8, 1),
    ];
    const actual = [
      { service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', arrivals: 12 },
      { service: 'tax', slotStart: Date.parse('2026-12-01T09:30:00+08:00'), arrivals: 4 },
    ];
    // By hand: |12−10| + |4−5| = 3 over Σ actual 16; MAE 3/2; bias (15−16)/16; 12 is outside [9, 11] and
    // [8, 12] holds it; 4 lies in [3, 7] and [1, 9].
    expect(forecastAccuracy(forecast, actual, TZ)).toEqual({
      matchedSlots: 2,
      wape: 3 / 16,
      maeArrivals: 1.5,
      bias: -1 / 16,
      coverage80: 0.5,
      coverage90: 1,
    });
  });

  it('is null when nothing matches', () => {
    expect(forecastAccuracy([fc('2026-12-01T09:00', 10, 1)], [], TZ)).toBeNull();
  });
});

describe('reportKeyNumbers', () => {
  const byId = new Map(reportKeyNumbers(data).map((k) => [k.id, k]));

  it('reports staff-hours, targets met and shortfalls from the plan', () => {
    // Fixture: 11 people × 2 days × 390 minutes = 8580 staff-minutes = 143 h; lower bound 7900 min.
    expect(byId.get('staff-hours')?.value).toBe(143);
    expect(byId.get('staff-hours')?.display).toBe('143.0 h');
    expect(byId.get('staff-hours')?.detail).toContain(`gap ${((8580 / 7900 - 1) * 100).toFixed(1)} %`);
    expect(byId.get('targets-met')?.display).toBe('93.0 %');
    expect(byId.get('shortfalls')?.value).toBe(1);
    expect(byId.get('shortfalls')?.detail).toContain('1.0 server-slots missing');
  });

  it('reports forecast accuracy when actuals overlap the forecast', () => {
    const acc = forecastAccuracy(data.forecast ?? [], data.actual ?? [], TZ);
    expect(acc?.matchedSlots).toBe(104);
    expect(byId.get('forecast-wape')?.value).toBe(acc?.wape);
    expect(byId.get('interval-coverage')?.value).toBe(acc?.coverage80);
  });

  it('judges simulated service levels against the targets', () => {
    // tax 0.84 ≥ 0.8 meets; business-registration 0.74 does not.
    expect(byId.get('simulated-targets-met')?.display).toBe('1 of 2');
    expect(byId.get('simulated-service-level')?.value).toBeCloseTo((0.84 * 300 + 0.74 * 100) / 400, 12);
  });

  it('reports nothing for stages that did not run', () => {
    expect(reportKeyNumbers({ centre: { id: 'x' }, timezone: TZ })).toEqual([]);
  });
});

describe('reportCharts', () => {
  const ids = (d: Parameters<typeof reportCharts>[0]) => reportCharts(d).map((c) => c.id);
  it('draws the charts of the stages that ran', () => {
    const centre = { centre: { id: 'x' }, timezone: TZ };
    expect(ids(data)).toEqual([
      'forecast',
      'load-heatmap',
      'staffing',
      'counter-timeline',
      'wait-outcomes',
      'capacity',
    ]);
    expect(ids({ ...centre, forecast: data.forecast })).toEqual(['forecast', 'load-heatmap']);
    expect(ids({ ...centre, plan: data.plan })).toEqual(['staffing', 'counter-timeline']);
    expect(ids({ ...centre, requirements: data.requirements })).toEqual(['staffing']);
    expect(ids(centre)).toEqual([]);
  });
});

describe('planToCsv', () => {
  it('writes one row per assignment, sorted, with quoting and empty staff for nobody', () => {
    const plan: Pick<Plan, 'assignments'> = {
      assignments: [
        { slotStart: '2026-12-01T09:30:00+08:00', counter: 'C1', staff: 'S1', services: ['tax'] },
        { slotStart: '2026-12-01T09:00:00+08:00', counter: 'C2', staff: null, services: ['tax', 'vat'] },
        { slotStart: '2026-12-01T09:00:00+08:00', counter: 'C1', staff: 'Wang, Li', services: ['tax'] },
      ],
    };
    expect(planToCsv(plan)).toBe(
      [
        'slot_start,counter,staff,services',
        '2026-12-01T09:00:00+08:00,C1,"Wang, Li",tax',
        '2026-12-01T09:00:00+08:00,C2,,tax|vat',
        '2026-12-01T09:30:00+08:00,C1,S1,tax',
        '',
      ].join('\n'),
    );
  });
});

describe('buildReport', () => {
  it('writes report.html, one PNG per chart, plan.csv and plan.json', async () => {
    // Plan and requirements only: two charts keep this test fast; test/report/browser.test.ts builds all six.
    const planOnly = {
      centre: data.centre,
      timezone: TZ,
      services: data.services,
      plan: data.plan,
      requirements: data.requirements,
    };
    const dir = mkdtempSync(join(tmpdir(), 'queuecast-report-'));
    const progress: number[] = [];
    const result = await buildReport(planOnly, {
      outDir: dir,
      pngScale: 1,
      onProgress: (done) => progress.push(done),
    });
    const names = result.files.map((f) => f.slice(dir.length + 1));
    expect(names).toEqual(['report.html', 'staffing.png', 'counter-timeline.png', 'plan.csv', 'plan.json']);
    expect(result.charts).toEqual(['staffing', 'counter-timeline']);
    expect(result.warnings).toEqual([]);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    for (const c of result.charts) {
      expect(
        readFileSync(join(dir, `${c}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
    expect(readFileSync(join(dir, 'plan.csv'), 'utf8')).toBe(planToCsv(data.plan as Plan));
    expect(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'))).toEqual(data.plan);

    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    // Self-contained: no external scripts, styles, images or fonts.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    for (const p of ['vega', 'vega-lite', 'vega-embed'])
      expect(html).toContain(`<script data-package="${p}">`);
    const charts = JSON.parse(
      /<script type="application\/json" id="qc-charts">([^<]*)<\/script>/.exec(html)?.[1] ?? '[]',
    );
    expect(charts).toEqual(
      reportCharts(planOnly).map((c) => JSON.parse(JSON.stringify({ id: c.id, spec: c.spec }))),
    );
    for (const id of result.charts) expect(html).toContain(`id="chart-${id}"`);
    expect(html).toContain('示范政务服务中心');
    expect(html).toContain('143.0 h');
    expect(html).toContain('<h3>Shifts</h3>');
    expect(html).toContain('<h3>Shortfalls</h3>');
  });

  it('works with only the centre, and escapes text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'queuecast-report-'));
    const result = await buildReport(
      { centre: { id: 'c1', name: '</script><b>x</b>' }, timezone: 'Europe/London' },
      { outDir: join(dir, 'new', 'folder') },
    );
    expect(result.files.map((f) => f.split('/').pop())).toEqual(['report.html']);
    const html = readFileSync(join(dir, 'new', 'folder', 'report.html'), 'utf8');
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x</b>');
    expect(existsSync(join(dir, 'new', 'folder', 'plan.csv'))).toBe(false);
  });

  it('rejects a missing centre, folder or time zone', async () => {
    const codeOf = async (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e) => (e instanceof QueuecastError ? e.code : String(e)),
      );
    const dir = mkdtempSync(join(tmpdir(), 'queuecast-report-'));
    expect(await codeOf(buildReport({ centre: { id: '' }, timezone: TZ }, { outDir: dir }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await codeOf(buildReport({ centre: { id: 'x' }, timezone: TZ }, { outDir: '' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      await codeOf(buildReport({ centre: { id: 'x' }, timezone: 'Nowhere/City' }, { outDir: dir })),
    ).toBe('UNKNOWN_TIMEZONE');
  });
});

describe('forecastRowsFromBatch and backtestSummaryRows', () => {
  const batch = {
    keys: [{ service: 'tax', channel: 'walk_in' as const }, {}],
    offsets: Int32Array.from([0, 2, 3]),
    slotStart: Float64Array.from([1, 2, 3]),
    mean: Float64Array.from([10, 11, 12]),
    levels: [0.05, 0.1, 0.5, 0.8, 0.9, 0.95],
    quantiles: [5, 6, 10, 13, 14, 15].map((q) => Float64Array.from([q, q + 1, q + 2])),
    models: ['auto', 'auto'],
    timezone: TZ,
    warnings: [],
  };

  it('turns a forecast batch into rows with the DESIGN.md quantiles', () => {
    expect(forecastRowsFromBatch(batch)).toEqual([
      {
        service: 'tax',
        channel: 'walk_in',
        slotStart: 1,
        mean: 10,
        p05: 5,
        p10: 6,
        p50: 10,
        p90: 14,
        p95: 15,
      },
      {
        service: 'tax',
        channel: 'walk_in',
        slotStart: 2,
        mean: 11,
        p05: 6,
        p10: 7,
        p50: 11,
        p90: 15,
        p95: 16,
      },
      { slotStart: 3, mean: 12, p05: 7, p10: 8, p50: 12, p90: 16, p95: 17 },
    ]);
  });

  it('rejects a batch without a needed level', () => {
    const noP95 = { ...batch, levels: [0.05, 0.1, 0.5, 0.8, 0.9], quantiles: batch.quantiles.slice(0, 5) };
    expect(() => forecastRowsFromBatch(noP95)).toThrow(/quantile level 0.95/);
  });

  it('summarises backtests one row per model', () => {
    const metrics = {
      n: 40,
      wape: 0.2,
      mase: 0.9,
      rmse: 2,
      scaledPinball: 0.3,
      coverage80: 0.78,
      coverage90: 0.91,
    };
    const rows = backtestSummaryRows([
      { model: 'auto', horizonDays: 7, overall: metrics, byHorizon: [], bySeries: [], warnings: [] },
    ]);
    expect(rows).toEqual([
      {
        model: 'auto',
        horizonDays: 7,
        slots: 40,
        wape: 0.2,
        mase: 0.9,
        rmse: 2,
        scaledPinball: 0.3,
        coverage80: 0.78,
        coverage90: 0.91,
      },
    ]);
  });
});
