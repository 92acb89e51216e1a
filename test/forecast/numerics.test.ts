import { describe, expect, it } from 'vitest';
import { fitCountGlm } from '../../src/forecast/count-glm.js';
import { countQuantilesInto, normalQuantile } from '../../src/forecast/index.js';
import { choleskySolveInPlace } from '../../src/forecast/linear-algebra.js';

function quantiles(mean: number, variance: number, levels: number[]): number[] {
  const out = levels.map(() => new Float64Array(1));
  countQuantilesInto(mean, variance, levels, out, 0);
  return out.map((o) => o[0]);
}

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf', () => {
    // scipy.stats.norm.ppf([0.975, 0.5, 0.001, 0.9]) = 1.95996398, 0, -3.09023231, 1.28155157
    expect(normalQuantile(0.975)).toBeCloseTo(1.95996398, 7);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.09023231, 7);
    expect(normalQuantile(0.9)).toBeCloseTo(1.28155157, 7);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('countQuantilesInto', () => {
  const levels = [0.05, 0.1, 0.5, 0.9, 0.95];
  it('Poisson quantiles match R qpois / scipy poisson.ppf', () => {
    // qpois(c(.05,.1,.5,.9,.95), 4) = 1 2 4 7 8; qpois(c(.05,.5,.95), 0.3) = 0 0 1
    expect(quantiles(4, 4, levels)).toEqual([1, 2, 4, 7, 8]);
    expect(quantiles(0.3, 0.3, [0.05, 0.5, 0.95])).toEqual([0, 0, 1]);
  });
  it('negative binomial quantiles match R qnbinom(size = 2, mu = 10)', () => {
    // variance = mu + mu^2/size = 60; qnbinom(c(.05,.1,.5,.9,.95), size = 2, mu = 10) = 1 2 8 20 25
    expect(quantiles(10, 60, levels)).toEqual([1, 2, 8, 20, 25]);
  });
  it('uses the Cornish–Fisher expansion for large means, close to the exact normal approximation', () => {
    const [q05, q50, q95] = quantiles(1000, 1000, [0.05, 0.5, 0.95]);
    // Poisson(1000): qpois(c(.05,.5,.95), 1000) = 948 1000 1052
    expect(Math.abs(q05 - 948)).toBeLessThan(1);
    expect(Math.abs(q50 - 1000)).toBeLessThan(1);
    expect(Math.abs(q95 - 1052)).toBeLessThan(1);
  });
  it('a zero mean gives zeros', () => {
    expect(quantiles(0, 0, levels)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('choleskySolveInPlace', () => {
  it('solves a 3 × 3 SPD system and refuses an indefinite one', () => {
    // A = [[4,2,0],[2,3,1],[0,1,2]], x = [1,2,3] → b = A x = [8, 11, 8]
    const b = new Float64Array([8, 11, 8]);
    expect(choleskySolveInPlace(new Float64Array([4, 2, 0, 2, 3, 1, 0, 1, 2]), b, 3)).toBe(true);
    expect(Array.from(b).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 2, 3]);
    expect(choleskySolveInPlace(new Float64Array([1, 2, 2, 1]), new Float64Array(2), 2)).toBe(false);
  });
});

describe('fitCountGlm', () => {
  it('Poisson with one binary covariate recovers the group means (closed form: log means)', () => {
    // group 0: y = 1, 2, 3 (mean 2); group 1: y = 5, 6, 7 (mean 6) → β0 = log 2, β1 = log 3
    const n = 6;
    const column = new Int32Array([0, -1, 0, -1, 0, -1, 0, 1, 0, 1, 0, 1]);
    const value = new Float64Array([1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1]);
    const fit = fitCountGlm(
      { rows: n, columns: 2, width: 2, column, value },
      new Float64Array([1, 2, 3, 5, 6, 7]),
      new Float64Array(n).fill(1),
    );
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(2), 6);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(3), 6);
  });
  it('estimates negative binomial over-dispersion by Pearson moments', () => {
    // intercept only, y = 0, 10, 0, 10: mean 5, Σ((y − μ)² − μ)/Σμ² = (4·25 − 20)/100 = 0.8
    const fit = fitCountGlm(
      { rows: 4, columns: 1, width: 1, column: new Int32Array(4), value: new Float64Array(4).fill(1) },
      new Float64Array([0, 10, 0, 10]),
      new Float64Array(4).fill(1),
      { family: 'negative-binomial' },
    );
    expect(Math.exp(fit.coefficients[0])).toBeCloseTo(5, 6);
    expect(fit.dispersion).toBeCloseTo(0.8, 6);
  });
});
