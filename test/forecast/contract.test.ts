import { describe, expect, it } from 'vitest';
import {
  auto,
  bookingPickup,
  buildSeriesGrid,
  countRegression,
  type ForecastModel,
  mstl,
  seasonalNaive,
  topDown,
  weekdayAverage,
} from '../../src/forecast/index.js';
import { syntheticHall, syntheticPlain } from './synthetic.js';

const models: ForecastModel[] = [
  auto(),
  topDown(),
  topDown({ daily: 'regression', intervals: 'calibrated' }),
  topDown({ daily: 'tsb', intervals: 'calibrated' }),
  countRegression(),
  countRegression({ family: 'poisson', trend: true }),
  weekdayAverage(),
  seasonalNaive(),
  bookingPickup(),
  mstl({ maxWeeks: 16 }),
];

const hall = syntheticHall({ seed: 3, from: '2025-06-02', to: '2026-01-23' });
const hallGrid = buildSeriesGrid(hall);
const hallSlots = hallGrid.openSlots(hallGrid.dayCount, hallGrid.dayCount + 14);
const plain = syntheticPlain(4, 70);
const plainGrid = buildSeriesGrid(plain);
const plainSlots = plainGrid.openSlots(plainGrid.dayCount, plainGrid.dayCount + 7);

describe.each(models.map((m) => [m.name, m] as const))('model contract: %s', (_name, model) => {
  for (const [label, history, slots] of [
    ['service hall (cn)', hall, hallSlots],
    ['plain hourly series (none)', plain, plainSlots],
  ] as const) {
    it(`fit then predict equals forecast, monotone non-negative quantiles — ${label}`, () => {
      const fitted = model.fit(history);
      const p = fitted.predict(slots);
      const f = model.forecast(history, slots);
      expect(Array.from(f.mean)).toEqual(Array.from(p.mean));
      expect(f.quantiles.map((q) => Array.from(q))).toEqual(p.quantiles.map((q) => Array.from(q)));
      expect(p.levels).toEqual([0.05, 0.1, 0.5, 0.8, 0.9, 0.95]);
      expect(p.mean.length).toBe(slots.length);
      for (let i = 0; i < slots.length; i++) {
        expect(Number.isFinite(p.mean[i]) && p.mean[i] >= 0).toBe(true);
        for (let j = 0; j < p.levels.length; j++) {
          const q = p.quantiles[j][i];
          expect(Number.isFinite(q) && q >= 0).toBe(true);
          if (j > 0) expect(q).toBeGreaterThanOrEqual(p.quantiles[j - 1][i]);
        }
      }
      const total = p.mean.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(0);
    });
  }

  it('predictInto fills caller buffers with the same numbers as predict', () => {
    const fitted = model.fit(hall);
    const p = fitted.predict(hallSlots, { quantiles: [0.1, 0.9] });
    const mean = new Float64Array(hallSlots.length + 3);
    const quantiles = [new Float64Array(hallSlots.length + 3), new Float64Array(hallSlots.length + 3)];
    fitted.predictInto(hallSlots, { mean, quantiles }, { quantiles: [0.1, 0.9] });
    expect(Array.from(mean.subarray(0, hallSlots.length))).toEqual(Array.from(p.mean));
    expect(Array.from(quantiles[1].subarray(0, hallSlots.length))).toEqual(Array.from(p.quantiles[1]));
  });

  it('forecasts slots of a closed day (a public holiday) as 0', () => {
    // 2026-02-17 is inside the Spring Festival holiday (chinese-days).
    const holiday = [Date.parse('2026-02-17T01:00:00Z'), Date.parse('2026-02-17T02:00:00Z')];
    const p = model.fit(hall).predict(holiday);
    expect(Array.from(p.mean)).toEqual([0, 0]);
    expect(p.quantiles.every((q) => q[0] === 0 && q[1] === 0)).toBe(true);
  });
});

describe('model contract: misuse', () => {
  it('rejects quantile levels that are not ascending in (0, 1)', () => {
    const fitted = weekdayAverage().fit(hall);
    expect(() => fitted.predict(hallSlots, { quantiles: [0.9, 0.1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => fitted.predict(hallSlots, { quantiles: [0, 0.5] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('rejects a slot that is not on the slot grid', () => {
    const fitted = weekdayAverage().fit(hall);
    expect(() => fitted.predict([hallSlots[0] + 60_000])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('rejects fitGrid past the history', () => {
    expect(() => seasonalNaive().fitGrid(hallGrid, hallGrid.dayCount + 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
