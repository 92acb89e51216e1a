import { describe, expect, it } from 'vitest';
import { auto, backtest, buildSeriesGrid, type MeanModel, weekdayAverage } from '../../src/forecast/index.js';
import { syntheticHall } from './synthetic.js';

const constant = (name: string, c: number): MeanModel => ({
  name,
  fitMeans: () => ({
    means(_d, _p, n, out) {
      out.fill(c, 0, n);
    },
  }),
});

describe('auto', () => {
  const hall = syntheticHall({ seed: 31, from: '2025-06-02', to: '2025-12-19', dailyMean: 56 });
  const grid = buildSeriesGrid(hall);

  it('keeps the first candidate unless another beats its backtest WAPE by the switch margin', () => {
    // Slots average 56 / 14 = 4 arrivals: a constant 4 beats a constant 8 by far, and 4.1 ties with 4.
    const far = auto({ candidates: [constant('eight', 8), constant('four', 4)] }).fitGrid(grid);
    expect(far.name).toBe('four');
    const tie = auto({ candidates: [constant('four-ish', 4.1), constant('four', 4)] }).fitGrid(grid);
    expect(tie.name).toBe('four-ish');
  });

  it('calibrates intermittent low-volume series (three arrivals a day) to cover about what they claim', () => {
    const sparse = syntheticHall({ seed: 32, from: '2025-03-03', to: '2026-01-23', dailyMean: 3 });
    const report = backtest(sparse, auto(), { origins: 12, horizonDays: 7 });
    expect(report.overall.coverage80).toBeGreaterThan(0.72);
    expect(report.overall.coverage80).toBeLessThan(0.9);
    expect(report.overall.coverage90).toBeGreaterThan(0.84);
    // Pooling the sparse days (top-down, TSB) beats averaging each slot over four weeks.
    const average = backtest(sparse, weekdayAverage(), { origins: 12, horizonDays: 7 });
    expect(report.overall.mase).toBeLessThan(average.overall.mase);
    expect(report.overall.scaledPinball).toBeLessThan(average.overall.scaledPinball);
  });
});
