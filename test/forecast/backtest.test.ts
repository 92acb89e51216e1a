import { describe, expect, it } from 'vitest';
import {
  backtest,
  type MeanModel,
  modelFromMeans,
  seasonalNaive,
  weekdayAverage,
} from '../../src/forecast/index.js';
import type { History, HistoryRow } from '../../src/history/index.js';

/** Hourly series of `weeks` weeks where each slot's value is `f(day, hour)`. */
function series(weeks: number, f: (day: number, hour: number) => number): History {
  const rows: HistoryRow[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let d = 0; d < weeks * 7; d++) {
    for (let h = 0; h < 24; h++)
      rows.push({ slotStart: start + d * 86_400_000 + h * 3_600_000, arrivals: f(d, h) });
  }
  return { rows, slotMinutes: 60, timezone: 'UTC' };
}

const constant = (c: number): MeanModel => ({
  name: `constant(${c})`,
  fitMeans: () => ({
    means(_d, _p, n, out) {
      out.fill(c, 0, n);
    },
  }),
});

describe('backtest', () => {
  it('scores a constant forecast by hand: WAPE, RMSE, MASE and the horizon buckets', () => {
    // Every slot is 12; the model says 10: |e| = 2 everywhere. The in-sample seasonal-naive MAE is 0, so the
    // scale falls back to the mean actual (12): MASE = 2 / 12.
    const report = backtest(
      series(6, () => 12),
      modelFromMeans(constant(10)),
      { origins: 3, horizonDays: 7 },
    );
    const o = report.overall;
    expect(o.n).toBe(3 * 7 * 24);
    expect(o.wape).toBeCloseTo(2 / 12, 12);
    expect(o.rmse).toBeCloseTo(2, 12);
    expect(o.mase).toBeCloseTo(2 / 12, 12);
    expect(report.byHorizon.map((b) => [b.bucket, b.metrics.n])).toEqual([
      ['same day', 3 * 24],
      ['1–2 days', 3 * 48],
      ['3–6 days', 3 * 96],
    ]);
    expect(report.bySeries[0].models).toEqual({ 'constant(10)': 3 });
  });

  it('gives seasonal naive zero error on an exactly weekly series, and full coverage', () => {
    const history = series(8, (d, h) => (d % 7) + h);
    const report = backtest(history, seasonalNaive(), { origins: 4, horizonDays: 7 });
    expect(report.overall.wape).toBe(0);
    expect(report.overall.mase).toBe(0);
    expect(report.overall.coverage80).toBe(1);
    expect(report.overall.coverage90).toBe(1);
  });

  it('reports a series too short for any origin as a warning, not an error', () => {
    const report = backtest(
      series(2, () => 3),
      weekdayAverage(),
      { origins: 2, horizonDays: 7 },
    );
    expect(report.bySeries[0].origins).toBe(0);
    expect(report.warnings[0]).toMatch(/too short/);
    expect(Number.isNaN(report.overall.wape)).toBe(true);
  });

  it('uses the 1–2 weeks bucket for a 14-day horizon', () => {
    const report = backtest(
      series(8, (d) => 5 + (d % 7)),
      weekdayAverage(),
      { origins: 2, horizonDays: 14 },
    );
    expect(report.byHorizon.map((b) => b.bucket)).toEqual(['same day', '1–2 days', '3–6 days', '1–2 weeks']);
    expect(report.byHorizon[3].metrics.n).toBe(2 * 7 * 24);
  });
});
