import { parseClock } from '../time/zoned.js';
import { solveCoveringLp } from './covering-lp.js';
import type { GridDay } from './grid.js';
import type { AllocationModel } from './model.js';
import type { DayRules } from './shift-rules.js';

const EPS = 1e-6;
/** Column-generation rounds of the day's covering LP (each adds the cheapest allowed shift per availability). */
const MAX_PRICING_ROUNDS = 8;

/** People who share an availability on a day: window (minutes of day), working-time limit, head count. */
interface Availability {
  readonly from: number;
  readonly to: number;
  readonly maxWork: number;
  n: number;
}

/**
 * A lower bound on the staff-minutes of every plan that gives each service in each slot at least `servers` effective
 * servers (slot × service), whatever its shifts, breaks and seats. Per day:
 *
 * 1. Seats per slot, D_t (see {@link seatsLowerBound}): a person at a counter gives at most one server, to services
 *    that counter and person share.
 * 2. Shifts: every person on duty in a slot sits at a counter, so on-duty head counts n_t ≥ D_t, and each person
 *    works one shift that the rules allow (DESIGN.md, "How a plan is operated") or none. For prices y_t ≥ 0 the
 *    Lagrangian bound Σ_t y_t D_t + Σ_a N_a · min(0, min over allowed shifts σ of availability a of
 *    Σ_{t ∈ σ} (slotMinutes − y_t)) holds for every plan (N_a people share availability a; minimising over all
 *    allowed shifts — breaks of any length from `breakMinutes` included — is exact pricing, not the enumerated
 *    patterns). The prices are the duals of the day's covering LP over the enumerated patterns, to which the
 *    shifts the pricing finds below zero are added for up to 8 rounds (column generation; the best round is kept).
 *    y_t = slotMinutes gives the counting bound Σ_t D_t · slotMinutes, the floor of the result.
 * Staff-minutes are whole slots, so each day's bound is rounded up to a multiple of `slotMinutes`.
 *
 * Complexity per day O(slots × (counters × classes + services)) for the seats, then per round the LP (slots ×
 * patterns per pivot) and O(availabilities × positions⁴) for the pricing.
 */
export function staffMinutesLowerBound(model: AllocationModel, servers: Float64Array): number {
  let total = 0;
  for (const day of model.days) {
    const gd = model.grid.days[day.index];
    const seats = seatsLowerBound(model, day.index, servers);
    total += dayBound(model, gd, day.index, seats);
  }
  return total;
}

/**
 * Fewest people who can sit in each slot of day `d` (per local open slot, in time order), by two counting
 * arguments, the larger kept:
 * - components: services that no counter–person pair (with the person available then) links form groups; a seat
 *   serves one group only, so each group needs ⌈Σ servers⌉ seats;
 * - services: service s needs ⌈servers_s⌉ seats that serve it; a seat serving τ services is counted τ times, and the
 *   excess Σ (τ − 1) is at most Σ over counters of (largest τ a person available then could have there − 1), and
 *   at most Σ over available people of (services of theirs with a requirement − 1).
 * Counters' full capability is used (dedicated counters may keep any one of their services), so the bound holds for
 * every plan.
 */
export function seatsLowerBound(model: AllocationModel, d: number, servers: Float64Array): Int32Array {
  const S = model.serviceCount;
  const C = model.counterCount;
  const K = model.skillClasses.length;
  const day = model.days[d];
  const gd = model.grid.days[d];
  const seatSets: { k: number; services: number[] }[] = [];
  const seatsOf: number[][] = [];
  for (let c = 0; c < C; c++) {
    const list: number[] = [];
    for (let k = 0; k < K; k++) {
      const services: number[] = [];
      for (let s = 0; s < S; s++) if (model.cap[c * S + s] && model.classSkill[k * S + s]) services.push(s);
      if (services.length === 0) continue;
      list.push(seatSets.length);
      seatSets.push({ k, services });
    }
    seatsOf.push(list);
  }
  const available = new Int32Array(K);
  const parent = new Int32Array(S);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const sums = new Float64Array(S);
  /** Whole servers each service needs in the slot. */
  const need = new Int32Array(S);
  const out: number[] = [];
  for (let pos = 0; pos < gd.length; pos++) {
    const t = gd.slot[pos];
    if (t < 0) continue;
    available.fill(0);
    for (const g of day.groups) if (g.coverable[pos]) available[g.skillClass] += g.members.length;
    for (let s = 0; s < S; s++) {
      const x = servers[t * S + s];
      need[s] = x > EPS ? Math.ceil(x - EPS) : 0;
      parent[s] = s;
    }
    for (const set of seatSets) {
      if (available[set.k] === 0) continue;
      for (let j = 1; j < set.services.length; j++) parent[find(set.services[j])] = find(set.services[0]);
    }
    sums.fill(0);
    for (let s = 0; s < S; s++) sums[find(s)] += Math.max(0, servers[t * S + s]);
    let components = 0;
    for (let s = 0; s < S; s++) if (sums[s] > EPS) components += Math.ceil(sums[s] - EPS);
    let perService = 0;
    for (let s = 0; s < S; s++) perService += need[s];
    let counterExcess = 0;
    for (let c = 0; c < C; c++) {
      let tau = 0;
      for (const x of seatsOf[c]) {
        if (available[seatSets[x].k] === 0) continue;
        let n = 0;
        for (const s of seatSets[x].services) if (need[s] > 0) n++;
        tau = Math.max(tau, n);
      }
      counterExcess += Math.max(0, tau - 1);
    }
    let personExcess = 0;
    for (let k = 0; k < K; k++) {
      if (available[k] === 0) continue;
      let n = 0;
      for (const s of model.skillClasses[k]) if (need[s] > 0) n++;
      personExcess += available[k] * Math.max(0, n - 1);
    }
    out.push(Math.max(components, perService - Math.min(counterExcess, personExcess)));
  }
  return Int32Array.from(out);
}

/** The Lagrangian bound of one day (see {@link staffMinutesLowerBound}), rounded up to whole slots. */
function dayBound(model: AllocationModel, gd: GridDay, d: number, seats: Int32Array): number {
  const sm = model.grid.slotMinutes;
  const day = model.days[d];
  const T = seats.length;
  const localSlot = new Int32Array(gd.length).fill(-1);
  let i = 0;
  for (let pos = 0; pos < gd.length; pos++) if (gd.slot[pos] >= 0) localSlot[pos] = i++;
  let counting = 0;
  for (let t = 0; t < T; t++) counting += seats[t] * sm;
  if (counting === 0) return 0;

  // Columns: the enumerated patterns of the day's groups, head counts summed over groups sharing a pattern set.
  const capOf = new Map<(typeof day.groups)[number]['patterns'], number>();
  for (const g of day.groups) capOf.set(g.patterns, (capOf.get(g.patterns) ?? 0) + g.members.length);
  const coverStart: number[] = [0];
  const coverRows: number[] = [];
  const cost: number[] = [];
  const group: number[] = [];
  const cap: number[] = [];
  for (const [pat, n] of capOf) {
    for (let q = 0; q < pat.count; q++) {
      for (let pos = pat.first[q]; pos <= pat.last[q]; pos++) {
        if (pat.breakStart[q] >= 0 && pos >= pat.breakStart[q] && pos < pat.breakEnd[q]) continue;
        if (localSlot[pos] >= 0) coverRows.push(localSlot[pos]);
      }
      coverStart.push(coverRows.length);
      cost.push(pat.worked[q] * sm);
      group.push(cap.length);
    }
    cap.push(n);
  }
  // Exact pricing over every allowed shift of each availability among the people who work the day.
  const byAvailability = new Map<string, Availability>();
  model.scenario.staff.forEach((p) => {
    if (p.dates !== undefined && !p.dates.includes(gd.date)) return;
    const key = `${p.availableFrom}|${p.availableTo}|${p.maxWorkMinutes}`;
    const a = byAvailability.get(key) ?? {
      from: parseClock(p.availableFrom, 'allocate'),
      to: parseClock(p.availableTo, 'allocate'),
      maxWork: p.maxWorkMinutes,
      n: 0,
    };
    a.n++;
    byAvailability.set(key, a);
  });
  // The enumerated patterns never take a break they do not need, nor one over an hour longer than the shortest
  // (BREAK_EXTENSION_MINUTES): shifts priced below zero join the LP as columns (column generation), for a few
  // rounds; every round's Lagrangian is a valid bound.
  const shift = { i: 0, j: 0, b0: -1, b1: -1 };
  let lagrangian = 0;
  for (let round = 0; round < MAX_PRICING_ROUNDS; round++) {
    const lp = solveCoveringLp(
      Float64Array.from(seats),
      Int32Array.from(coverStart),
      Int32Array.from(coverRows),
      Float64Array.from(cost),
      Int32Array.from(group),
      Float64Array.from(cap),
      10 * gd.length * sm,
    );
    let value = 0;
    for (let t = 0; t < T; t++) value += lp.duals[t] * seats[t];
    let added = false;
    for (const a of byAvailability.values()) {
      const rc = cheapestShift(gd, day.rules, a, localSlot, lp.duals, shift);
      value += a.n * Math.min(0, rc);
      if (rc >= -1e-6) continue;
      for (let pos = shift.i; pos <= shift.j; pos++) {
        if (pos >= shift.b0 && pos < shift.b1) continue;
        if (localSlot[pos] >= 0) coverRows.push(localSlot[pos]);
      }
      const worked = coverRows.length - coverStart[coverStart.length - 1];
      coverStart.push(coverRows.length);
      cost.push(worked * sm);
      group.push(cap.length);
      cap.push(a.n);
      added = true;
    }
    lagrangian = Math.max(lagrangian, value);
    if (!added) break;
  }
  const best = Math.max(counting, lagrangian);
  return Math.ceil(best / sm - 1e-7) * sm;
}

/**
 * Least Σ over worked slots of (slotMinutes − price) among the shifts a person with availability `a` may work on
 * the day under the rules of `checkShift` (first and last worked positions open, length, working time, at most one
 * gap: a hall closure, or a break of at least `breakMinutes` starting in the window; a break whenever the shift spans
 * the window). 0 when no shift is cheaper than staying off; the cheapest shift goes to `out` (b0 = b1 = −1 without a
 * gap). O(positions⁴).
 */
function cheapestShift(
  gd: GridDay,
  r: DayRules,
  a: Availability,
  localSlot: Int32Array,
  prices: Float64Array,
  out: { i: number; j: number; b0: number; b1: number },
): number {
  const n = gd.length;
  const sm = r.slotMinutes;
  const w = new Float64Array(n + 1);
  const open = new Int32Array(n + 1);
  const closed = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) {
    const i = localSlot[p];
    w[p + 1] = w[p] + (i >= 0 ? sm - prices[i] : 0);
    open[p + 1] = open[p] + (gd.open[p] ? 1 : 0);
    closed[p + 1] = closed[p] + (gd.open[p] ? 0 : 1);
  }
  const needsBreakSpan = r.breakMinutes > 0 && r.windowTo > r.windowFrom;
  const windowFirst = Math.ceil((r.windowFrom - gd.firstMinute) / sm);
  const windowEnd = Math.ceil((r.windowTo - gd.firstMinute) / sm);
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (!gd.open[i]) continue;
    const startMinute = gd.firstMinute + i * sm;
    if (startMinute < a.from) continue;
    for (let j = i; j < n; j++) {
      if (!gd.open[j]) continue;
      const endMinute = gd.firstMinute + (j + 1) * sm;
      const span = endMinute - startMinute;
      if (endMinute > a.to || span > r.maxShiftMinutes) break;
      if (span < r.minShiftMinutes) continue;
      const all = w[j + 1] - w[i];
      const worked = open[j + 1] - open[i];
      const closures = closed[j + 1] - closed[i];
      const spansWindow = needsBreakSpan && startMinute <= r.windowFrom && endMinute >= r.windowTo;
      if (closures === 0 && !spansWindow && worked * sm <= a.maxWork && all < best) {
        best = all;
        Object.assign(out, { i, j, b0: -1, b1: -1 });
      }
      // One gap [b0, b1): its neighbours are worked, so they are open; it holds every closure of the shift. A gap
      // of closed positions only is the closure; any other is a break, starting inside the window (DESIGN.md).
      const from = closures > 0 ? i + 1 : Math.max(i + 1, windowFirst);
      const to = closures > 0 ? j : Math.min(j, windowEnd);
      for (let b0 = from; b0 < to; b0++) {
        if (!gd.open[b0 - 1]) continue;
        if (closed[b0] - closed[i] > 0) break;
        const gapMinute = gd.firstMinute + b0 * sm;
        for (let b1 = b0 + 1; b1 <= j; b1++) {
          if (!gd.open[b1]) continue;
          if (closed[j + 1] - closed[b1] > 0) continue;
          const closure = open[b1] - open[b0] === 0;
          if (
            !closure &&
            ((b1 - b0) * sm < r.breakMinutes || gapMinute < r.windowFrom || gapMinute >= r.windowTo)
          ) {
            continue;
          }
          if ((worked - (open[b1] - open[b0])) * sm > a.maxWork) continue;
          if (all - (w[b1] - w[b0]) < best) {
            best = all - (w[b1] - w[b0]);
            Object.assign(out, { i, j, b0, b1 });
          }
        }
      }
    }
  }
  return best;
}
