/**
 * A covering linear programme with packing rows, solved by the dual simplex method on a dense tableau:
 *
 *   minimise Σ cost_j x_j  subject to  Σ_j a_tj x_j ≥ demand_t (covering rows),
 *                                       Σ_{j ∈ group g} x_j ≤ cap_g (one packing row per column group), x ≥ 0,
 *
 * where column j covers the rows `coverRows[coverStart[j]..coverStart[j + 1])` with coefficient 1. Every covering row also gets an
 * "unmet" column of cost `unmetCost`, so the programme is always feasible. With cost ≥ 0 the slack basis is dual
 * feasible, which is why the dual simplex needs no phase one (Lemke 1954; Chvátal, Linear Programming, ch. 10).
 * Meant for the small shift-scheduling relaxation of one day (tens of rows, hundreds of columns).
 * Also returns the duals of the covering rows (the reduced costs of their slacks), prices ≥ 0 per unit of demand
 * that a Lagrangian bound can use whether or not the method ran to optimality.
 *
 * Complexity O(pivots × rows × (columns + rows)); pivots are typically a small multiple of the rows.
 */
export function solveCoveringLp(
  demand: Float64Array,
  coverStart: Int32Array,
  coverRows: Int16Array | Int32Array,
  cost: Float64Array,
  group: Int32Array,
  cap: Float64Array,
  unmetCost: number,
): { x: Float64Array; objective: number; duals: Float64Array } {
  const T = demand.length;
  const G = cap.length;
  const n = cost.length;
  const m = T + G;
  const N = n + T;
  const width = N + m;
  const tab = new Float64Array(m * width);
  const rhs = new Float64Array(m);
  const red = new Float64Array(width);
  const basis = new Int32Array(m);
  const nonzero = new Int32Array(width);
  for (let j = 0; j < n; j++) {
    for (let x = coverStart[j]; x < coverStart[j + 1]; x++) tab[coverRows[x] * width + j] = -1;
    tab[(T + group[j]) * width + j] = 1;
    red[j] = cost[j];
  }
  for (let t = 0; t < T; t++) {
    tab[t * width + n + t] = -1;
    red[n + t] = unmetCost;
    rhs[t] = -demand[t];
  }
  for (let g = 0; g < G; g++) rhs[T + g] = cap[g];
  for (let i = 0; i < m; i++) {
    tab[i * width + N + i] = 1;
    basis[i] = N + i;
  }
  const maxPivots = 50 * m + 1000;
  for (let pivots = 0; pivots < maxPivots; pivots++) {
    let r = -1;
    let worst = -1e-9;
    for (let i = 0; i < m; i++) {
      if (rhs[i] < worst) {
        worst = rhs[i];
        r = i;
      }
    }
    if (r < 0) break;
    const row = r * width;
    let enter = -1;
    let best = Number.POSITIVE_INFINITY;
    let bestAlpha = 0;
    // The pivot row is sparse (a column covers a stretch of the day): its nonzeros are listed on the way, and the
    // elimination runs along them only.
    let nz = 0;
    for (let j = 0; j < width; j++) {
      const a = tab[row + j];
      if (a === 0) continue;
      nonzero[nz++] = j;
      if (a >= -1e-12) continue;
      const ratio = red[j] / -a;
      if (ratio < best - 1e-12 || (ratio < best + 1e-12 && -a > bestAlpha)) {
        best = ratio;
        enter = j;
        bestAlpha = -a;
      }
    }
    if (enter < 0) break;
    const piv = tab[row + enter];
    for (let x = 0; x < nz; x++) tab[row + nonzero[x]] /= piv;
    rhs[r] /= piv;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const f = tab[i * width + enter];
      if (f === 0) continue;
      const base = i * width;
      for (let x = 0; x < nz; x++) {
        const j = nonzero[x];
        tab[base + j] -= f * tab[row + j];
      }
      rhs[i] -= f * rhs[r];
    }
    const f = red[enter];
    if (f !== 0) {
      for (let x = 0; x < nz; x++) {
        const j = nonzero[x];
        red[j] -= f * tab[row + j];
      }
    }
    basis[r] = enter;
  }
  const x = new Float64Array(n);
  let objective = 0;
  for (let i = 0; i < m; i++) {
    const b = basis[i];
    const v = Math.max(0, rhs[i]);
    if (b < n) x[b] = v;
    if (b < N) objective += v * (b < n ? cost[b] : unmetCost);
  }
  const duals = new Float64Array(T);
  for (let t = 0; t < T; t++) duals[t] = Math.max(0, red[N + t]);
  return { x, objective, duals };
}
