import { describe, expect, it } from 'vitest';
import { addPredictions, type Prediction, updateWithinDay } from '../../src/forecast/index.js';

const slots = Float64Array.from([0, 1, 2, 3], (i) => Date.UTC(2026, 11, 1, 1 + i));
const levels = [0.05, 0.1, 0.5, 0.9, 0.95];

function flat(mean: number): Prediction {
  return {
    slotStart: slots.slice(),
    mean: new Float64Array(4).fill(mean),
    levels,
    quantiles: levels.map((l) => new Float64Array(4).fill(mean * (0.5 + l))),
  };
}

describe('updateWithinDay', () => {
  it('scales the rest of the day by the shrunk ratio of observed to forecast arrivals', () => {
    const forecast = flat(50);
    // 100 forecast for the first two slots, 130 came; cv 0.15 → κ = 1/0.0225 = 44.44:
    // ratio = (44.44 + 130) / (44.44 + 100) = 1.2077
    const u = updateWithinDay(forecast, { slotStart: [slots[0], slots[1]], arrivals: [60, 70] });
    const kappa = 1 / 0.15 ** 2;
    expect(u.ratio).toBeCloseTo((kappa + 130) / (kappa + 100), 12);
    expect(Array.from(u.rest.slotStart)).toEqual([slots[2], slots[3]]);
    expect(u.rest.mean[0]).toBeCloseTo(50 * u.ratio, 12);
    expect(u.rest.quantiles[4][1]).toBeCloseTo(50 * 1.45 * u.ratio, 12);
  });

  it('stays near the forecast early in the day and follows the arrivals with a looser prior', () => {
    const forecast = flat(2);
    const early = updateWithinDay(forecast, { slotStart: [slots[0]], arrivals: [6] });
    expect(early.ratio).toBeLessThan(1.1);
    const loose = updateWithinDay(forecast, { slotStart: [slots[0]], arrivals: [6] }, { dayLevelCv: 2 });
    expect(loose.ratio).toBeGreaterThan(2);
  });

  it('rejects observed slots that were not forecast', () => {
    expect(() => updateWithinDay(flat(1), { slotStart: [123], arrivals: [1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('addPredictions', () => {
  it('adds means exactly and widens the intervals less than adding the quantiles (independence)', () => {
    const a = flat(20);
    const b = flat(10);
    const s = addPredictions(a, b);
    expect(Array.from(s.mean)).toEqual([30, 30, 30, 30]);
    for (let i = 0; i < 4; i++) {
      const width = s.quantiles[4][i] - s.quantiles[0][i];
      const summed = a.quantiles[4][i] + b.quantiles[4][i] - a.quantiles[0][i] - b.quantiles[0][i];
      expect(width).toBeGreaterThan(0);
      expect(width).toBeLessThan(summed);
      for (let j = 1; j < levels.length; j++)
        expect(s.quantiles[j][i]).toBeGreaterThanOrEqual(s.quantiles[j - 1][i]);
    }
  });

  it('adding a forecast of zeros changes nothing but the tails of the discretization', () => {
    const a = flat(20);
    const s = addPredictions(a, flat(0));
    expect(Array.from(s.mean)).toEqual(Array.from(a.mean));
    expect(s.quantiles[2][0]).toBeCloseTo(a.quantiles[2][0], 6);
  });

  it('refuses forecasts of different slots', () => {
    const b = { ...flat(1), slotStart: slots.map((t) => t + 1) };
    expect(() => addPredictions(flat(1), b)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
