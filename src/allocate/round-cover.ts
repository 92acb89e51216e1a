/**
 * Round a covering LP's solution `x` to whole columns: its whole parts, then the fractional columns (then, if rows
 * are still short, any column) by rows still short per unit cost (Chvátal's ratio), within each group's cap; then
 * columns whose every row is over-covered are dropped, dearest first. Returns the count of each column. The
 * arguments are those of `solveCoveringLp` (CSR columns, cost, group and cap per group), x its solution.
 *
 * Complexity O(added columns × nonzeros) for the rounding up, O(nonzeros) for the rest.
 *
 * @example
 * // Odd cycle: LP x = ½ on each of three shifts covering two of three periods; two whole shifts cover all.
 * roundCover(Float64Array.from([0.5, 0.5, 0.5]), Float64Array.from([1, 1, 1]), [0, 2, 4, 6],
 *   [0, 1, 1, 2, 0, 2], [1, 1, 1], [0, 0, 0], [10]); // => Int32Array [1, 1, 0]
 */
export function roundCover(
  x: Float64Array,
  demand: Float64Array,
  coverStart: readonly number[],
  coverRows: readonly number[],
  cost: readonly number[],
  group: readonly number[],
  cap: readonly number[],
): Int32Array {
  const n = x.length;
  const count = new Int32Array(n);
  const left = Float64Array.from(cap);
  const short = Float64Array.from(demand);
  const add = (j: number, by: number) => {
    count[j] += by;
    left[group[j]] -= by;
    for (let r = coverStart[j]; r < coverStart[j + 1]; r++) short[coverRows[r]] -= by;
  };
  for (let j = 0; j < n; j++) {
    const whole = Math.floor(x[j] + 1e-6);
    if (whole > 0) add(j, whole);
  }
  const fractional: number[] = [];
  for (let j = 0; j < n; j++) if (x[j] - count[j] > 1e-6) fractional.push(j);
  const all = Array.from({ length: n }, (_, j) => j);
  for (const pool of [fractional, all]) {
    for (;;) {
      let best = -1;
      let bestRatio = 0;
      for (const j of pool) {
        if (left[group[j]] < 1 - 1e-9) continue;
        let gain = 0;
        for (let r = coverStart[j]; r < coverStart[j + 1]; r++) if (short[coverRows[r]] > 1e-6) gain++;
        const ratio = gain / Math.max(cost[j], 1e-9);
        if (ratio > bestRatio + 1e-12) {
          bestRatio = ratio;
          best = j;
        }
      }
      if (best < 0) break;
      add(best, 1);
    }
  }
  const order = [...Array(n).keys()].filter((j) => count[j] > 0).sort((a, b) => cost[b] - cost[a] || a - b);
  for (const j of order) {
    while (count[j] > 0) {
      let redundant = true;
      for (let r = coverStart[j]; r < coverStart[j + 1] && redundant; r++) {
        if (short[coverRows[r]] > -1 + 1e-6) redundant = false;
      }
      if (!redundant) break;
      add(j, -1);
    }
  }
  return count;
}
