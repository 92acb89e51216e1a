import { describe, expect, it } from 'vitest';
import {
  gammaQ,
  logGamma,
  logGammaP,
  logPoissonTerm,
  stirlingError,
} from '../../src/queueing/special-functions.js';

describe('logGamma', () => {
  it('matches exact factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    // ln 20! = 42.335616460753485 (exact integer 2432902008176640000)
    expect(logGamma(21)).toBeCloseTo(42.335616460753485, 11);
  });

  it('is continuous across the switch from Lanczos to Stirling at 16', () => {
    const below = logGamma(16 - 1e-9);
    const above = logGamma(16 + 1e-9);
    expect(Math.abs(above - below)).toBeLessThan(1e-7);
    // ln 15! = 27.89927138384089 (15! = 1307674368000)
    expect(logGamma(16)).toBeCloseTo(27.89927138384089, 11);
  });

  it('stirlingError matches its definition at moderate s', () => {
    const s = 40;
    const direct = logGamma(s + 1) - (s + 0.5) * Math.log(s) + s - 0.5 * Math.log(2 * Math.PI);
    expect(stirlingError(s)).toBeCloseTo(direct, 12);
  });
});

describe('regularized incomplete gamma', () => {
  // Reference values: mpmath 1.3 gammainc(s, 0, z, regularized=True) at 60 digits.
  const cases: [number, number, number][] = [
    [0.5, 2.0, 0.9544997361036416],
    [3, 2.5, 0.45618688411667047],
    [10, 30, 0.9999928782491372],
    [100, 90, 0.15822098918643018],
    [1e5, 1e5 + 300, 0.8286363112512076],
    [1e5, 99000, 0.0007574199211747679],
    [2.5, 0.001, 9.50853459860795e-9],
  ];
  it.each(cases)('P(%d, %d) to 1e-12 relative', (s, z, p) => {
    expect(Math.abs(Math.exp(logGammaP(s, z)) - p) / p).toBeLessThan(1e-12);
    expect(Math.abs(gammaQ(s, z) - (1 - p))).toBeLessThan(1e-13);
  });

  it('P(1, z) = 1 − e^(−z) and handles z = 0 and an underflowed z given by its logarithm', () => {
    expect(Math.exp(logGammaP(1, 0.3))).toBeCloseTo(-Math.expm1(-0.3), 15);
    expect(logGammaP(2, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(gammaQ(2, 0)).toBe(1);
    // z = e^-800 underflows; ln P(2, z) ≈ 2 ln z − ln 2
    expect(logGammaP(2, 0, -800)).toBeCloseTo(-1600 - Math.log(2), 9);
  });

  it('logPoissonTerm is accurate for large s near z (Loader deviance form)', () => {
    // ln(z^s e^-z / Γ(s+1)) at s = z = 1e6 is −½ ln(2π·1e6) − stirlingError(1e6)
    const expected = -0.5 * Math.log(2 * Math.PI * 1e6) - 1 / (12 * 1e6);
    expect(logPoissonTerm(1e6, 1e6)).toBeCloseTo(expected, 12);
  });
});
