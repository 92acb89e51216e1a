import { describe, expect, it } from 'vitest';
import { busyPeriodLst } from '../../src/capacity/busy-period-lst.js';

const at = (lambda: number, nu: number, zr: number, zi = 0) => {
  const out = new Float64Array(2);
  busyPeriodLst(lambda, nu, zr, zi, out);
  return out;
};

describe('busyPeriodLst', () => {
  it('is 1 at 0 when the queue is stable: the busy period ends (Kleinrock vol. 1, §5.8)', () => {
    const [re, im] = at(0.7, 1, 0);
    expect(re).toBeCloseTo(1, 12);
    expect(Math.abs(im)).toBe(0);
  });

  it('has mean 1 / (ν − λ): −β′(0) by a central difference', () => {
    const h = 1e-5;
    const slope = (at(0.7, 1, h)[0] - at(0.7, 1, -h)[0]) / (2 * h);
    expect(-slope).toBeCloseTo(1 / (1 - 0.7), 5);
  });

  it('is the exponential service LST ν / (ν + z) without arrivals, at complex points too', () => {
    const [re, im] = at(0, 2, 1, 3);
    // 2 / (3 + 3i) = (1 − i) / 3
    expect(re).toBeCloseTo(1 / 3, 12);
    expect(im).toBeCloseTo(-1 / 3, 12);
  });

  it('solves Kendall’s equation β(z) = ν / (ν + z + λ − λβ(z)) and stays inside the unit disc', () => {
    for (const [zr, zi] of [
      [0.3, 0],
      [1, -2],
      [0.05, 7],
    ]) {
      const [br, bi] = at(0.9, 1.2, zr, zi);
      expect(Math.hypot(br, bi)).toBeLessThanOrEqual(1);
      const dr = 1.2 + zr + 0.9 - 0.9 * br;
      const di = zi - 0.9 * bi;
      const den = dr * dr + di * di;
      expect((1.2 * dr) / den).toBeCloseTo(br, 10);
      expect((-1.2 * di) / den).toBeCloseTo(bi, 10);
    }
  });
});
