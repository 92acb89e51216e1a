import type { Highs } from 'highs';
import { QueuecastError } from '../errors.js';
import type { DaySolution, Seat } from './day-solution.js';
import type { AllocationModel, DayModel } from './model.js';

/** Outcome of the integer programme for one day. */
export interface ExactDayResult {
  /** `optimal` when HiGHS proved optimality; `feasible` when it stopped at a limit with a solution. */
  readonly status: 'optimal' | 'feasible' | 'none';
  readonly solution: DaySolution | null;
  /** Objective of the returned solution: paid minutes × cost, plus the shortfall penalty. */
  readonly objective: number;
  /** HiGHS's proven lower bound on the objective (the LP bound at worst). */
  readonly bound: number;
  /** Variables and constraints of the model. */
  readonly columns: number;
  readonly rows: number;
}

/** Options of {@link solveDayExact}. */
export interface ExactDayOptions {
  readonly timeLimitSeconds: number;
  readonly mipRelGap: number;
  /** Solve the LP relaxation only (a lower bound; no solution). */
  readonly relaxation: boolean;
  /** A known solution (the fast solver's) to start from: HiGHS then only improves on it. */
  readonly start?: DaySolution;
}

/**
 * The day's allocation as a mixed-integer programme, solved by HiGHS (Huangfu & Hall 2018) — the exact reference
 * for the fast solver, on the same model: the same shift patterns, requirements and counters.
 *
 * Variables: x[g,q] people of day group g working pattern q (integer); y[k,t,κ] people of skill class k at counters
 * of capability class κ in slot t (integer); f[k,t,κ,s] effective servers they give service s (continuous);
 * u[s,t] unmet requirement (continuous, penalised). Constraints: group sizes; people on duty are seated
 * (Σκ y = Σ x over patterns working t); counters per class; f within y; Σ f + u ≥ requirement.
 * Minimise Σ paid minutes × cost + penalty × Σ u.
 */
export function solveDayExact(
  highs: Highs,
  model: AllocationModel,
  day: DayModel,
  requirements: Float64Array,
  options: ExactDayOptions,
): ExactDayResult {
  const S = model.serviceCount;
  const C = model.counterCount;
  const K = model.skillClasses.length;
  const gd = model.grid.days[day.index];
  const slotMinutes = model.grid.slotMinutes;
  const slots: number[] = [];
  const localSlot = new Int32Array(gd.length).fill(-1);
  for (let p = 0; p < gd.length; p++) {
    if (gd.slot[p] >= 0) {
      localSlot[p] = slots.length;
      slots.push(gd.slot[p]);
    }
  }
  const T = slots.length;
  const classKey = new Map<string, number>();
  const counterClass: number[][] = [];
  const classCap: number[][] = [];
  for (let c = 0; c < C; c++) {
    const set: number[] = [];
    for (let s = 0; s < S; s++) if (day.cap[c * S + s]) set.push(s);
    if (set.length === 0) continue;
    const key = set.join(',');
    let kappa = classKey.get(key);
    if (kappa === undefined) {
      kappa = counterClass.length;
      classKey.set(key, kappa);
      counterClass.push([]);
      classCap.push(set);
    }
    counterClass[kappa].push(c);
  }
  const KC = counterClass.length;
  const classOfCounter = new Int32Array(C).fill(-1);
  counterClass.forEach((list, x) => {
    for (const c of list) classOfCounter[c] = x;
  });
  const groups = day.groups;
  const classMembers = new Int32Array(K);
  for (const g of groups) classMembers[g.skillClass] += g.members.length;
  const maxCost = Math.max(1, ...groups.map((g) => g.costPerMinute));
  const penalty = 100 * day.rules.maxShiftMinutes * maxCost;

  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (lo: number, hi: number): number => {
    rowLower.push(lo);
    rowUpper.push(hi);
    return rowLower.length - 1;
  };
  const rowA = groups.map((g) => addRow(-Infinity, g.members.length));
  const rowB = new Int32Array(K * T).fill(-1);
  for (let k = 0; k < K; k++)
    if (classMembers[k] > 0) for (let i = 0; i < T; i++) rowB[k * T + i] = addRow(0, 0);
  const rowC = new Int32Array(T * KC);
  for (let i = 0; i < T; i++)
    for (let x = 0; x < KC; x++) rowC[i * KC + x] = addRow(-Infinity, counterClass[x].length);
  const rowE = new Int32Array(T * S).fill(-1);
  for (let i = 0; i < T; i++) {
    for (let s = 0; s < S; s++) {
      const r = requirements[slots[i] * S + s];
      if (r > 1e-9) rowE[i * S + s] = addRow(r, Infinity);
    }
  }

  const cost: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const integer: number[] = [];
  const starts: number[] = [0];
  const index: number[] = [];
  const value: number[] = [];
  const addCol = (
    c: number,
    lo: number,
    hi: number,
    isInt: boolean,
    rows: number[],
    vals: number[],
  ): number => {
    cost.push(c);
    lower.push(lo);
    upper.push(hi);
    integer.push(isInt ? 1 : 0);
    for (let j = 0; j < rows.length; j++) {
      index.push(rows[j]);
      value.push(vals[j]);
    }
    starts.push(index.length);
    return cost.length - 1;
  };

  const xCol: { g: number; q: number; col: number }[] = [];
  groups.forEach((grp, g) => {
    const pat = grp.patterns;
    for (let q = 0; q < pat.count; q++) {
      const rows = [rowA[g]];
      const vals = [1];
      const b0 = pat.breakStart[q];
      for (let pos = pat.first[q]; pos <= pat.last[q]; pos++) {
        if (b0 >= 0 && pos >= b0 && pos < pat.breakEnd[q]) continue;
        const i = localSlot[pos];
        if (i < 0) continue;
        rows.push(rowB[grp.skillClass * T + i]);
        vals.push(-1);
      }
      const col = addCol(
        pat.worked[q] * slotMinutes * grp.costPerMinute,
        0,
        grp.members.length,
        true,
        rows,
        vals,
      );
      xCol.push({ g, q, col });
    }
  });

  const yCol: { k: number; i: number; x: number; col: number; f: { s: number; col: number }[] }[] = [];
  for (let k = 0; k < K; k++) {
    if (classMembers[k] === 0) continue;
    const skills = model.skillClasses[k];
    for (let x = 0; x < KC; x++) {
      const both = classCap[x].filter((s) => skills.includes(s));
      if (both.length === 0) continue;
      for (let i = 0; i < T; i++) {
        const rowD = addRow(-Infinity, 0);
        const yc = addCol(
          0,
          0,
          Math.min(counterClass[x].length, classMembers[k]),
          true,
          [rowB[k * T + i], rowC[i * KC + x], rowD],
          [1, 1, -1],
        );
        const f: { s: number; col: number }[] = [];
        for (const s of both) {
          const e = rowE[i * S + s];
          if (e < 0) continue;
          f.push({ s, col: addCol(0, 0, counterClass[x].length, false, [rowD, e], [1, 1]) });
        }
        yCol.push({ k, i, x, col: yc, f });
      }
    }
  }
  const uCol = new Int32Array(T * S).fill(-1);
  for (let i = 0; i < T; i++) {
    for (let s = 0; s < S; s++) {
      const e = rowE[i * S + s];
      if (e >= 0) uCol[i * S + s] = addCol(penalty, 0, requirements[slots[i] * S + s], false, [e], [1]);
    }
  }

  const numCols = cost.length;
  const numRows = rowLower.length;
  const inf = highs.infinity;
  const m = highs.createModel({
    numCols,
    numRows,
    colCost: Float64Array.from(cost),
    colLower: Float64Array.from(lower),
    colUpper: Float64Array.from(upper),
    rowLower: Float64Array.from(rowLower, (v) => (v === -Infinity ? -inf : v)),
    rowUpper: Float64Array.from(rowUpper, (v) => (v === Infinity ? inf : v)),
    matrix: {
      format: 'csc',
      numRows,
      numCols,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(index),
      values: Float64Array.from(value),
    },
    ...(options.relaxation ? {} : { integrality: Int32Array.from(integer) as Int32Array }),
  });
  try {
    m.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds,
      mip_rel_gap: options.mipRelGap,
    });
    if (options.start !== undefined && !options.relaxation) {
      const v = new Float64Array(cost.length);
      const start = options.start;
      for (const { g, q, col } of xCol) {
        for (const p of groups[g].members) if (start.patternOf[p] === q) v[col] += 1;
      }
      const yIndex = new Map<number, (typeof yCol)[number]>();
      for (const y of yCol) yIndex.set((y.k * T + y.i) * KC + y.x, y);
      const covered = new Float64Array(T * S);
      start.seats.forEach((row, i) => {
        for (const seat of row) {
          const y = yIndex.get((model.skillClassOf[seat.person] * T + i) * KC + classOfCounter[seat.counter]);
          if (y === undefined) continue;
          v[y.col] += 1;
          seat.services.forEach((s, j) => {
            const f = y.f.find((z) => z.s === s);
            if (f === undefined) return;
            v[f.col] += seat.loads[j];
            covered[i * S + s] += seat.loads[j];
          });
        }
      });
      for (let i = 0; i < T; i++) {
        for (let s = 0; s < S; s++) {
          const u = uCol[i * S + s];
          if (u >= 0) v[u] = Math.max(0, requirements[slots[i] * S + s] - covered[i * S + s]);
        }
      }
      m.setSolution({ colValue: v });
    }
    m.run();
    const status = m.getModelStatus();
    const st = highs.constants.modelStatus;
    if (options.relaxation) {
      if (status !== st.optimal) {
        throw new QueuecastError(
          'SOLVER_FAILED',
          `allocate: HiGHS relaxation ended with model status ${status}`,
        );
      }
      const obj = m.getObjectiveValue();
      return { status: 'none', solution: null, objective: obj, bound: obj, columns: numCols, rows: numRows };
    }
    const hasSolution = Number(m.info.get('primal_solution_status')) === 2;
    const bound = Number(m.info.get('mip_dual_bound'));
    if (!hasSolution) {
      return {
        status: 'none',
        solution: null,
        objective: Number.POSITIVE_INFINITY,
        bound: Number.isFinite(bound) ? bound : 0,
        columns: numCols,
        rows: numRows,
      };
    }
    const colValue = m.getSolution().colValue;
    const objective = m.getObjectiveValue();
    const solution = extract(model, day, localSlot, T, counterClass, xCol, yCol, colValue);
    return {
      status: status === st.optimal ? 'optimal' : 'feasible',
      solution,
      objective,
      bound: status === st.optimal ? objective : Number.isFinite(bound) ? bound : 0,
      columns: numCols,
      rows: numRows,
    };
  } finally {
    m.dispose();
  }
}

/** Turn the programme's values into people on patterns and seats at counters (keeping people where they were). */
function extract(
  model: AllocationModel,
  day: DayModel,
  localSlot: Int32Array,
  T: number,
  counterClass: readonly (readonly number[])[],
  xCol: readonly { g: number; q: number; col: number }[],
  yCol: readonly { k: number; i: number; x: number; col: number; f: readonly { s: number; col: number }[] }[],
  v: Float64Array,
): DaySolution {
  const P = model.staffCount;
  const patternOf = new Int32Array(P).fill(-1);
  const used = new Int32Array(day.groups.length);
  const onDuty: number[][] = Array.from({ length: T }, () => []);
  for (const { g, q, col } of xCol) {
    const n = Math.round(v[col]);
    const grp = day.groups[g];
    const pat = grp.patterns;
    for (let r = 0; r < n && used[g] < grp.members.length; r++) {
      const p = grp.members[used[g]++];
      patternOf[p] = q;
      const b0 = pat.breakStart[q];
      for (let pos = pat.first[q]; pos <= pat.last[q]; pos++) {
        if (b0 >= 0 && pos >= b0 && pos < pat.breakEnd[q]) continue;
        if (localSlot[pos] >= 0) onDuty[localSlot[pos]].push(p);
      }
    }
  }
  const bySlot: (typeof yCol)[number][][] = Array.from({ length: T }, () => []);
  for (const y of yCol) if (Math.round(v[y.col]) > 0) bySlot[y.i].push(y);
  const lastCounter = new Int32Array(P).fill(-1);
  const seats: Seat[][] = [];
  const C = model.counterCount;
  for (let i = 0; i < T; i++) {
    const taken = new Uint8Array(C);
    const waiting = new Map<number, number[]>();
    for (const p of onDuty[i]) {
      const k = model.skillClassOf[p];
      let list = waiting.get(k);
      if (list === undefined) {
        list = [];
        waiting.set(k, list);
      }
      list.push(p);
    }
    const row: Seat[] = [];
    for (const y of bySlot[i]) {
      const n = Math.round(v[y.col]);
      const bundles = splitLoads(
        n,
        y.f.map((f) => ({ s: f.s, load: Math.max(0, v[f.col]) })),
      );
      const people = waiting.get(y.k) ?? [];
      const counters = counterClass[y.x];
      for (let j = 0; j < n && people.length > 0; j++) {
        let pi = people.findIndex(
          (p) => lastCounter[p] >= 0 && counters.includes(lastCounter[p]) && !taken[lastCounter[p]],
        );
        if (pi < 0) pi = 0;
        const p = people.splice(pi, 1)[0];
        let c = lastCounter[p];
        if (!(c >= 0 && counters.includes(c) && !taken[c])) c = counters.find((d) => !taken[d]) ?? -1;
        if (c < 0) continue;
        taken[c] = 1;
        lastCounter[p] = c;
        row.push({ counter: c, person: p, services: bundles[j].services, loads: bundles[j].loads });
      }
    }
    seats.push(row);
  }
  return { patternOf, seats };
}

/** Split service loads (summing to at most n) over n counters of capacity 1, in order (water filling). */
function splitLoads(
  n: number,
  loads: readonly { s: number; load: number }[],
): { services: number[]; loads: number[] }[] {
  const out = Array.from({ length: n }, () => ({ services: [] as number[], loads: [] as number[] }));
  let j = 0;
  let room = 1;
  for (const { s, load } of loads) {
    let rest = load;
    while (rest > 1e-9 && j < n) {
      const put = Math.min(rest, room);
      out[j].services.push(s);
      out[j].loads.push(put);
      rest -= put;
      room -= put;
      if (room <= 1e-9) {
        j++;
        room = 1;
      }
    }
  }
  return out;
}
