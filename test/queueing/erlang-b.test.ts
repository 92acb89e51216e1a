import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { erlangB } from '../../src/queueing/index.js';

describe('erlangB', () => {
  // Reference values: exact Erlang B (a^n/n!)/Σ_k a^k/k! evaluated with mpmath 1.3 at 60 digits.
  it('reproduces exact values', () => {
    expect(erlangB(1, 1)).toBe(0.5);
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 15);
    expect(erlangB(10, 14)).toBeCloseTo(0.05681914338652086, 14);
    expect(erlangB(50, 100) / 1.6303193524036487e-10).toBeCloseTo(1, 12);
  });

  it('is exact at 10,000 servers (no overflow: the factorial form overflows past 170)', () => {
    expect(erlangB(10_000, 10_000) / 0.007936563248805671).toBeCloseTo(1, 11);
    expect(erlangB(10_000, 10_200) / 0.0005542999314900133).toBeCloseTo(1, 11);
  });

  it('continues in logarithms far below the double range', () => {
    // B(1, 200) = 1/(200!·Σ_k 1/k!) ≈ e^-(ln 200! + 1) ≈ 1e-375: representable only as 0 in a double, and the
    // recursion must get there without NaN.
    expect(erlangB(1, 200)).toBe(0);
    expect(erlangB(1, 150)).toBeGreaterThan(0);
  });

  it('edge cases: no load, no servers, one server', () => {
    expect(erlangB(0, 5)).toBe(0);
    expect(erlangB(3, 0)).toBe(1);
    expect(erlangB(0, 0)).toBe(1);
    expect(erlangB(3, 1)).toBeCloseTo(0.75, 15);
  });

  it('rejects invalid input with INVALID_ARGUMENT', () => {
    for (const [a, n] of [
      [-1, 3],
      [Number.NaN, 3],
      [Number.POSITIVE_INFINITY, 3],
      [3, 2.5],
      [3, -1],
      [3, Number.NaN],
    ]) {
      expect(() => erlangB(a, n)).toThrow(QueuecastError);
    }
    expect(() => erlangB(10, 2.5)).toThrow(/erlangB: servers must be a non-negative integer, got 2.5/);
    try {
      erlangB(-1, 3);
    } catch (e) {
      expect((e as QueuecastError).code).toBe('INVALID_ARGUMENT');
    }
  });
});
