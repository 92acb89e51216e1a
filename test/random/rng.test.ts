import { describe, expect, it } from 'vitest';
import {
  createRng,
  randomGamma,
  randomLognormal,
  randomNegativeBinomial,
  randomPoisson,
} from '../../src/random/rng.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('seeded random streams', () => {
  it('repeats exactly for the same seed and differs across seeds and streams', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const d = createRng(7, 1);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
    expect(Array.from({ length: 5 }, () => d.next())).not.toEqual(xa);
  });

  it('gives uniform draws in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1);
    const m = moments(() => rng.next(), 200_000);
    // Standard error of the mean: sqrt(1/12 / 2e5) ≈ 6.5e-4; 5 SE bounds.
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws Poisson with mean = variance = lambda, below and above the method switch at 30', () => {
    for (const lambda of [0.5, 4, 29, 31, 250]) {
      const rng = createRng(lambda * 10);
      const m = moments(() => randomPoisson(rng, lambda), 100_000);
      const se = Math.sqrt(lambda / 100_000);
      expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * se);
      expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(0.05);
    }
    expect(randomPoisson(createRng(1), 0)).toBe(0);
  });

  it('draws gamma, lognormal and negative binomial with the requested mean and spread', () => {
    const rng = createRng(3);
    const g = moments(() => randomGamma(rng, 0.7, 2), 100_000); // mean 1.4, variance 2.8
    expect(Math.abs(g.mean - 1.4)).toBeLessThan(0.03);
    expect(Math.abs(g.variance - 2.8)).toBeLessThan(0.15);
    const l = moments(() => randomLognormal(rng, 600, 0.8), 100_000); // sd 480
    expect(Math.abs(l.mean - 600)).toBeLessThan(10);
    expect(Math.abs(Math.sqrt(l.variance) / 600 - 0.8)).toBeLessThan(0.04);
    const nb = moments(() => randomNegativeBinomial(rng, 10, 30), 100_000);
    expect(Math.abs(nb.mean - 10)).toBeLessThan(0.1);
    expect(Math.abs(nb.variance - 30)).toBeLessThan(1.5);
  });
});
