import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { createRng, randomGamma, randomPoisson } from '../../src/random/rng.js';
import { modifiedOfferedLoad } from '../../src/staffing/index.js';

describe('modifiedOfferedLoad', () => {
  it('exponential handling: the first slot from an empty hall, then λ·AHT', () => {
    // m′ = λ − m/AHT from m(0) = 0, so m(t) = a·(1 − e^(−t/AHT)).
    const m = modifiedOfferedLoad([60, 60, 60, 60], 1800, 300);
    const a = (60 / 1800) * 300;
    expect(m[0]).toBeCloseTo(a * (1 - (300 / 1800) * (1 - Math.exp(-6))), 10);
    // slot i averages a·(1 − (AHT/T)·e^(−iT/AHT)·(1 − e^(−T/AHT)))
    expect(m[3]).toBeCloseTo(a * (1 - (300 / 1800) * Math.exp(-18) * (1 - Math.exp(-6))), 12);
  });

  it('deterministic handling: λ·AHT·(1 − AHT/2T) in the first slot, λ·AHT after', () => {
    // m(t) = λ·min(t, AHT); its average over [0, T] is λ·AHT·(1 − AHT/(2T)) for AHT ≤ T.
    const m = modifiedOfferedLoad([90, 90, 90], 900, 600, 0);
    const a = (90 / 900) * 600;
    expect(m[0]).toBeCloseTo(a * (1 - 600 / 1800), 10);
    expect(m[1]).toBeCloseTo(a, 10);
    expect(m[2]).toBeCloseTo(a, 10);
  });

  it('conserves work for any CV: Σ m̄·T = Σ N·AHT once the hall has emptied', () => {
    for (const cv of [0, 0.3, 0.5, 1, 1.5]) {
      const arrivals = [10, 40, 5, 0, 22, ...new Array(60).fill(0)];
      const m = modifiedOfferedLoad(arrivals, 900, 700, cv);
      const work = m.reduce((s, x) => s + x * 900, 0);
      expect(work / (77 * 700)).toBeCloseTo(1, 8);
    }
  });

  it('lags a peak: the slot after a peak keeps load, the peak slot has less than λ·AHT', () => {
    const m = modifiedOfferedLoad([10, 10, 60, 10, 10], 900, 900);
    expect(m[2]).toBeLessThan((60 / 900) * 900);
    expect(m[3]).toBeGreaterThan((10 / 900) * 900);
  });

  it('agrees with a seeded M/G/∞ simulation (gamma handling, CV 0.5) within 99 % confidence', () => {
    const arrivals = [20, 50, 80, 30, 10, 0];
    const T = 900;
    const aht = 800;
    const cv = 0.5;
    const shape = 1 / (cv * cv);
    const reps = 4000;
    const rng = createRng(42);
    const sum = new Float64Array(arrivals.length);
    const sumSq = new Float64Array(arrivals.length);
    const one = new Float64Array(arrivals.length);
    for (let r = 0; r < reps; r++) {
      one.fill(0);
      arrivals.forEach((n, j) => {
        const k = randomPoisson(rng, n);
        for (let c = 0; c < k; c++) {
          const start = (j + rng.next()) * T;
          const end = start + randomGamma(rng, shape, aht / shape);
          for (let i = j; i < arrivals.length && i * T < end; i++) {
            one[i] += (Math.min(end, (i + 1) * T) - Math.max(start, i * T)) / T;
          }
        }
      });
      for (let i = 0; i < arrivals.length; i++) {
        sum[i] += one[i];
        sumSq[i] += one[i] * one[i];
      }
    }
    const m = modifiedOfferedLoad(arrivals, T, aht, cv);
    for (let i = 0; i < arrivals.length; i++) {
      const mean = sum[i] / reps;
      const half = 2.576 * Math.sqrt((sumSq[i] / reps - mean * mean) / reps);
      expect(Math.abs(m[i] - mean)).toBeLessThan(half);
    }
  });

  it('rejects invalid input', () => {
    expect(() => modifiedOfferedLoad([1, -2], 900, 600)).toThrow(QueuecastError);
    expect(() => modifiedOfferedLoad([1], 0, 600)).toThrow(
      /modifiedOfferedLoad: slotSeconds must be > 0, got 0/,
    );
    expect(() => modifiedOfferedLoad([1], 900, 600, Number.NaN)).toThrow(QueuecastError);
    expect(modifiedOfferedLoad([], 900, 600)).toHaveLength(0);
  });
});
