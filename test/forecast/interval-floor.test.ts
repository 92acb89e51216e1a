import { describe, expect, it } from 'vitest';
import { auto, forecastMany } from '../../src/forecast/index.js';
import { hallHistory, hallVisits } from './hall-data.js';

// Regression: with 6 weeks of history, a calibration slot forecast at almost 0 that saw an arrival standardised to
// a residual near 63,000, shifted its whole bucket and clamped every quantile of 8 of 29 series to 0 while their
// means were above 1 (found running examples/weekly-forecast.ts).
describe('calibrated intervals on a short history', () => {
  it('never give an open slot with a mean above 1 an upper quantile of 0', () => {
    const history = hallHistory(hallVisits(11, '2026-09-28', 42, 1150));
    const out = forecastMany(history, auto(), { horizonDays: 7 });
    const p95 = out.quantiles[out.levels.indexOf(0.95)];
    let collapsed = 0;
    let busy = 0;
    for (let i = 0; i < out.mean.length; i++) {
      if (out.mean[i] <= 1) continue;
      busy++;
      if (p95[i] === 0) collapsed++;
    }
    expect(busy).toBeGreaterThan(100);
    expect(collapsed).toBe(0);
  });
});
