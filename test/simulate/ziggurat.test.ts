import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { zigguratExponential, zigguratNormal } from '../../src/simulate/ziggurat.js';

/** Standard normal CDF by the Abramowitz & Stegun 26.2.17 polynomial (absolute error < 7.5e-8). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}

/** Kolmogorov–Smirnov statistic √n·D of the draws against `cdf`. */
function ksStatistic(draws: Float64Array, cdf: (x: number) => number): number {
  const xs = draws.slice().sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return Math.sqrt(n) * d;
}

function draw(n: number, seed: number, f: (rng: ReturnType<typeof createRng>) => number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => f(rng));
}

describe('ziggurat samplers', () => {
  const n = 200_000;

  it('exponential: mean 1, variance 1, the exponential CDF and tail beyond the base layer', () => {
    const xs = draw(n, 11, zigguratExponential);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    // Standard errors: mean 1/√n = 0.0022, variance √(8/n) = 0.0063; bounds at 4 SE.
    expect(Math.abs(mean - 1)).toBeLessThan(0.009);
    expect(Math.abs(variance - 1)).toBeLessThan(0.026);
    // √n·D above 1.63 has probability 1 % (Kolmogorov distribution).
    expect(ksStatistic(xs, (x) => 1 - Math.exp(-x))).toBeLessThan(1.63);
    // P(X > 5) = e^-5 = 0.0067 (n·p = 1348, SE 37); beyond the base layer at 7.7: e^-7.7 (n·p ≈ 91).
    const over = (t: number) => xs.filter((x) => x > t).length;
    expect(Math.abs(over(5) - n * Math.exp(-5))).toBeLessThan(150);
    expect(over(7.7)).toBeGreaterThan(50);
    expect(over(7.7)).toBeLessThan(140);
  });

  it('normal: mean 0, variance 1, kurtosis 3, the normal CDF and both tails beyond the base layer', () => {
    const xs = draw(n, 12, zigguratNormal);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const m2 = xs.reduce((a, b) => a + b * b, 0) / n;
    const m4 = xs.reduce((a, b) => a + b ** 4, 0) / n;
    // Standard errors: mean 0.0022, second moment √(2/n) = 0.0032, fourth moment √(96/n) = 0.022; 4 SE.
    expect(Math.abs(mean)).toBeLessThan(0.009);
    expect(Math.abs(m2 - 1)).toBeLessThan(0.013);
    expect(Math.abs(m4 - 3)).toBeLessThan(0.09);
    expect(ksStatistic(xs, normalCdf)).toBeLessThan(1.63);
    // P(|Z| > 3.44) = 5.8e-4 (n·p ≈ 115): the tails are drawn, on both sides.
    expect(xs.filter((x) => x > 3.44).length).toBeGreaterThan(30);
    expect(xs.filter((x) => x < -3.44).length).toBeGreaterThan(30);
    expect(xs.filter((x) => Math.abs(x) > 3.44).length).toBeLessThan(170);
  });

  it('repeats exactly for the same seed', () => {
    expect(draw(100, 3, zigguratNormal)).toEqual(draw(100, 3, zigguratNormal));
    expect(draw(100, 3, zigguratExponential)).toEqual(draw(100, 3, zigguratExponential));
  });
});
