import { describe, expect, it } from 'vitest';
import { solveCoveringLp } from '../../src/allocate/covering-lp.js';
import { roundCover } from '../../src/allocate/round-cover.js';

/** Rows each column covers, from CSR form. */
function covered(demand: number[], coverStart: number[], coverRows: number[], count: Int32Array): number[] {
  const out = demand.map(() => 0);
  for (let j = 0; j < count.length; j++) {
    for (let r = coverStart[j]; r < coverStart[j + 1]; r++) out[coverRows[r]] += count[j];
  }
  return out;
}

describe('roundCover', () => {
  it('keeps an integral LP solution as it is', () => {
    // Demand 3 in each of 4 periods; shifts {0,1}, {2,3}, {1,2} at cost 2: optimum 3 × {0,1} + 3 × {2,3}
    // (hand count; the same instance as the covering LP test).
    const demand = [3, 3, 3, 3];
    const coverStart = [0, 2, 4, 6];
    const coverRows = [0, 1, 2, 3, 1, 2];
    const count = roundCover(
      Float64Array.from([3, 3, 0]),
      Float64Array.from(demand),
      coverStart,
      coverRows,
      [2, 2, 2],
      [0, 0, 0],
      [100],
    );
    expect([...count]).toEqual([3, 3, 0]);
  });

  it('rounds the odd cycle to a cover of cost 2 (the integer optimum) and drops nothing needed', () => {
    // Triangle: each shift covers two of three periods; LP optimum x = ½ each (1.5), integer optimum 2.
    const demand = [1, 1, 1];
    const coverStart = [0, 2, 4, 6];
    const coverRows = [0, 1, 1, 2, 0, 2];
    const lp = solveCoveringLp(
      Float64Array.from(demand),
      Int32Array.from(coverStart),
      Int32Array.from(coverRows),
      Float64Array.from([1, 1, 1]),
      Int32Array.from([0, 0, 0]),
      Float64Array.from([10]),
      100,
    );
    const count = roundCover(
      lp.x,
      Float64Array.from(demand),
      coverStart,
      coverRows,
      [1, 1, 1],
      [0, 0, 0],
      [10],
    );
    const c = covered(demand, coverStart, coverRows, count);
    expect(c.every((v, i) => v >= demand[i])).toBe(true);
    expect(count.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('respects each group cap and drops columns made redundant by the rounding', () => {
    // Column 0 covers period 0 only (group 0, cap 1); column 1 covers periods 0–1 (group 1); column 2 covers
    // period 1. x puts ½ on each: rounding takes column 1 (two short periods per unit of cost 2 beats 1 per 1.5),
    // which leaves nothing short, so the whole parts (none) and the others are not taken.
    const demand = [1, 1];
    const coverStart = [0, 1, 3, 4];
    const coverRows = [0, 0, 1, 1];
    const count = roundCover(
      Float64Array.from([0.5, 0.5, 0.5]),
      Float64Array.from(demand),
      coverStart,
      coverRows,
      [1.5, 2, 1.5],
      [0, 1, 1],
      [1, 5],
    );
    expect([...count]).toEqual([0, 1, 0]);
    // With column 1 unavailable (cap 0), the two singles are taken instead.
    const capped = roundCover(
      Float64Array.from([1, 0, 1]),
      Float64Array.from(demand),
      coverStart,
      coverRows,
      [1.5, 2, 1.5],
      [0, 1, 2],
      [1, 0, 1],
    );
    expect([...capped]).toEqual([1, 0, 1]);
  });

  it('drops a whole column whose every row stays covered without it', () => {
    // x = 1 on both columns, but column 1 ({0}) is inside column 0 ({0, 1}) at demand 1: it is redundant.
    const count = roundCover(
      Float64Array.from([1, 1]),
      Float64Array.from([1, 1]),
      [0, 2, 3],
      [0, 1, 0],
      [2, 1],
      [0, 0],
      [5],
    );
    expect([...count]).toEqual([1, 0]);
  });
});
