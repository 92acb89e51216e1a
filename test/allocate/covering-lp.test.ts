import { describe, expect, it } from 'vitest';
import { solveCoveringLp } from '../../src/allocate/covering-lp.js';

describe('solveCoveringLp', () => {
  it('solves an interval covering with an integral optimum', () => {
    // Demand 3 in each of 4 periods; shifts cover periods {0,1}, {2,3} and {1,2} at cost 2, 2, 2.
    // Optimum: 3 × {0,1} + 3 × {2,3} = 12 (hand count: each period needs 3 and every shift covers 2 periods).
    const res = solveCoveringLp(
      Float64Array.from([3, 3, 3, 3]),
      Int32Array.from([0, 2, 4, 6]),
      Int32Array.from([0, 1, 2, 3, 1, 2]),
      Float64Array.from([2, 2, 2]),
      Int32Array.from([0, 0, 0]),
      Float64Array.from([100]),
      1000,
    );
    expect(res.objective).toBeCloseTo(12, 9);
    expect(res.x[0]).toBeCloseTo(3, 9);
    expect(res.x[1]).toBeCloseTo(3, 9);
    // Strong duality: the covering rows' duals priced at the demand give the optimum (no head-count row binds).
    const dual = res.duals.reduce((a, y) => a + 3 * y, 0);
    expect(dual).toBeCloseTo(12, 9);
    expect(Math.min(...res.duals)).toBeGreaterThanOrEqual(0);
  });

  it('finds the fractional optimum of an odd cycle', () => {
    // Three periods, each shift covers two of them (a triangle): LP optimum 1.5 at x = ½ each (textbook
    // odd-cycle example of a non-integral covering LP).
    const res = solveCoveringLp(
      Float64Array.from([1, 1, 1]),
      Int32Array.from([0, 2, 4, 6]),
      Int32Array.from([0, 1, 1, 2, 0, 2]),
      Float64Array.from([1, 1, 1]),
      Int32Array.from([0, 0, 0]),
      Float64Array.from([10]),
      100,
    );
    expect(res.objective).toBeCloseTo(1.5, 9);
  });

  it('respects the head-count rows and pays for unmet demand', () => {
    // Only 1 person, demand 2: one unit covered, one unmet at cost 50.
    const res = solveCoveringLp(
      Float64Array.from([2]),
      Int32Array.from([0, 1]),
      Int32Array.from([0]),
      Float64Array.from([1]),
      Int32Array.from([0]),
      Float64Array.from([1]),
      50,
    );
    expect(res.x[0]).toBeCloseTo(1, 9);
    expect(res.objective).toBeCloseTo(51, 9);
  });
});
