import type { AllocationModel, DayModel } from './model.js';
import type { ShortfallReason } from './plan.js';

/** One counter that must be staffed in one slot, the services it lists and the servers it gives each. */
export interface Position {
  readonly counter: number;
  readonly role: number;
  readonly services: readonly number[];
  /** Effective servers given to each of `services` (same order); they sum to at most 1. */
  readonly loads: readonly number[];
}

/** Requirement the counter layout could not place, per slot and service. */
export interface Unplaced {
  readonly slot: number;
  readonly service: number;
  readonly servers: number;
  readonly reason: ShortfallReason;
}

/** Service sets that positions list, shared by all slots, with the skill classes able to staff each. */
export class RoleTable {
  readonly sets: (readonly number[])[] = [];
  readonly compat: Int32Array[] = [];
  private readonly byMask = new Map<number, number>();
  private readonly byKey = new Map<string, number>();

  constructor(private readonly model: AllocationModel) {}

  /** Id of a sorted service set, created on first use. */
  id(set: readonly number[]): number {
    let mask = 0;
    let small = true;
    for (const s of set) {
      if (s >= 30) small = false;
      else mask |= 1 << s;
    }
    let r = small ? this.byMask.get(mask) : this.byKey.get(set.join(','));
    if (r !== undefined) return r;
    r = this.sets.length;
    if (small) this.byMask.set(mask, r);
    else this.byKey.set(set.join(','), r);
    this.sets.push([...set]);
    const { classSkill, skillClasses, serviceCount: S } = this.model;
    const ks: number[] = [];
    for (let k = 0; k < skillClasses.length; k++) if (set.every((s) => classSkill[k * S + s])) ks.push(k);
    this.compat.push(Int32Array.from(ks));
    return r;
  }
}

/** The counter layout of one day: positions per slot, the role of each counter, and what could not be placed. */
export interface DayLayout {
  /** Slots of the day (global indices), in time order. */
  readonly slots: readonly number[];
  /** Positions per slot of the day (same order as `slots`). */
  /** Positions per slot (a slot's list may be relabelled between counters of equal capability when seating). */
  readonly positions: Position[][];
  /** Role per slot of the day × counter: a role id, or −1 when the counter is spare. */
  readonly roleOf: Int32Array;
  /** Skill classes that may sit at each counter when it is spare (day capability meets skills). */
  readonly spareCompat: readonly Int32Array[];
  readonly unplaced: readonly Unplaced[];
}

/** Options of {@link layoutDay}. */
export interface LayoutOptions {
  /** Staff-minutes a change of a counter's service list between slots is worth avoiding. */
  readonly switchPenaltyMinutes: number;
}

const EPS = 1e-6;

/**
 * Lay out counters for one day: for each slot, few positions that give every service its required effective
 * servers. Whole servers go to single-service counters; what is left of a service whose single-service counters
 * are used up goes to one-stop counters, together with other services' remainders where the counter's capability
 * and an available person's skills cover the set; other remainders take a single-service counter of their own.
 * Single-service counters are taken in a fixed order, so a service keeps its counters from slot to slot; a one-stop
 * counter prefers the set it held in the previous slot and changes it to merge remainders only when that saves more
 * than `switchPenaltyMinutes`. A final matching of positions
 * to the people available in the slot splits sets nobody can staff; what no counter or nobody can take is
 * reported as unplaced.
 *
 * Complexity per slot O(counters × services + positions × skill classes) (augmenting paths on classes).
 */
export function layoutDay(
  model: AllocationModel,
  day: DayModel,
  requirements: Float64Array,
  roles: RoleTable,
  available: (slot: number, out: Int32Array) => void,
  options: LayoutOptions,
): DayLayout {
  const S = model.serviceCount;
  const C = model.counterCount;
  const K = model.skillClasses.length;
  const gd = model.grid.days[day.index];
  const slots: number[] = [];
  for (let p = 0; p < gd.length; p++) if (gd.slot[p] >= 0) slots.push(gd.slot[p]);
  const roleOf = new Int32Array(slots.length * C).fill(-1);
  const positions: Position[][] = [];
  const unplaced: Unplaced[] = [];

  const capSets: number[][] = [];
  const single: number[][] = Array.from({ length: S }, () => []);
  const shared: number[] = [];
  for (let c = 0; c < C; c++) {
    const set: number[] = [];
    for (let s = 0; s < S; s++) if (day.cap[c * S + s]) set.push(s);
    capSets.push(set);
    if (set.length === 1) single[set[0]].push(c);
    else if (set.length > 1) shared.push(c);
  }
  shared.sort((a, b) => capSets[a].length - capSets[b].length || a - b);
  const anyCounter = new Uint8Array(S);
  for (let c = 0; c < C; c++) for (let s = 0; s < S; s++) if (model.cap[c * S + s]) anyCounter[s] = 1;
  const spareCompat: Int32Array[] = [];
  for (let c = 0; c < C; c++) {
    const ks: number[] = [];
    for (let k = 0; k < K; k++) if (capSets[c].some((s) => model.classSkill[k * S + s])) ks.push(k);
    spareCompat.push(Int32Array.from(ks));
  }

  const res = new Float64Array(S);
  const used = new Uint8Array(C);
  const freeSingles = new Int32Array(S);
  const classCount = new Int32Array(K);
  let prev: Int32Array | null = null;
  let row: { counter: number; services: number[]; loads: number[] }[] = [];
  const staffable = (set: readonly number[]): boolean => {
    for (const k of roles.compat[roles.id(set)]) if (classCount[k] > 0) return true;
    return false;
  };
  const place = (c: number, services: number[], loads: number[]) => {
    used[c] = 1;
    row.push({ counter: c, services, loads });
  };
  const prevSet = (c: number): readonly number[] | null =>
    prev !== null && prev[c] >= 0 ? roles.sets[prev[c]] : null;
  // Single-service counters are always taken in the same order, so a service keeps its counters from slot to slot.
  const order = single;
  for (let i = 0; i < slots.length; i++) {
    const t = slots[i];
    available(t, classCount);
    used.fill(0);
    for (let s = 0; s < S; s++) {
      const r = requirements[t * S + s];
      res[s] = r > EPS ? r : 0;
    }
    row = [];
    for (let s = 0; s < S; s++) {
      const list = order[s];
      let n = 0;
      for (const c of list) {
        if (res[s] < 1 - EPS) break;
        place(c, [s], [1]);
        res[s] = Math.max(0, res[s] - 1);
        n++;
      }
      freeSingles[s] = list.length - n;
    }
    for (const c of shared) {
      const pick = bestSubset(capSets[c], res, freeSingles, prevSet(c), staffable);
      if (pick === null) continue;
      const changes = pick.changes;
      if (
        !pick.forced &&
        (pick.absorbed < 2 || (changes && model.grid.slotMinutes <= options.switchPenaltyMinutes))
      ) {
        continue;
      }
      place(c, pick.services, pick.loads);
      for (let j = 0; j < pick.services.length; j++) {
        res[pick.services[j]] = Math.max(0, res[pick.services[j]] - pick.loads[j]);
      }
    }
    for (let s = 0; s < S; s++) {
      for (const c of order[s]) {
        if (res[s] <= EPS) break;
        if (used[c]) continue;
        const take = Math.min(1, res[s]);
        place(c, [s], [take]);
        res[s] -= take;
      }
      for (const c of shared) {
        if (res[s] <= EPS) break;
        if (used[c] || !day.cap[c * S + s]) continue;
        const take = Math.min(1, res[s]);
        place(c, [s], [take]);
        res[s] -= take;
      }
      if (res[s] > EPS) {
        unplaced.push({
          slot: t,
          service: s,
          servers: res[s],
          reason: anyCounter[s] ? 'counters-exhausted' : 'no-counter',
        });
        res[s] = 0;
      }
    }
    const final = staffPositions(row, classCount, roles, K, model, t, unplaced, used, order, shared, day, S);
    const base = i * C;
    const out: Position[] = [];
    for (const p of final) {
      const role = roles.id(p.services);
      roleOf[base + p.counter] = role;
      out.push({ counter: p.counter, role, services: p.services, loads: p.loads });
    }
    positions.push(out);
    prev = roleOf.subarray(base, base + C);
  }
  return { slots, positions, roleOf, spareCompat, unplaced };
}

/** Most remainders a one-stop counter looks at when choosing what to merge (2^this subsets). */
const MAX_CANDIDATES = 10;

/**
 * The service set a one-stop counter should take: remainders of services with no single-service counter left
 * ("forced", taken as far as the counter's capacity goes) come first; then as many other remainders as fit whole,
 * since a remainder taken only in part still needs a counter of its own. Ties go to the fuller counter, then to
 * the set the counter held before. Subsets are enumerated (at most 2^10).
 */
function bestSubset(
  cap: readonly number[],
  res: Float64Array,
  freeSingles: Int32Array,
  prev: readonly number[] | null,
  staffable: (set: readonly number[]) => boolean,
): { services: number[]; loads: number[]; forced: boolean; absorbed: number; changes: boolean } | null {
  const cands: number[] = [];
  let nOptional = 0;
  for (const s of cap) if (res[s] > EPS && freeSingles[s] === 0) cands.push(s);
  const nForcedAll = cands.length;
  for (const s of cap) {
    if (res[s] > EPS && freeSingles[s] > 0 && res[s] < 1 - EPS) {
      cands.push(s);
      nOptional++;
    }
  }
  if (nForcedAll === 0 && nOptional < 2) return null;
  const forcedPart = cands.slice(0, nForcedAll).sort((a, b) => res[b] - res[a] || a - b);
  const optionalPart = cands.slice(nForcedAll).sort((a, b) => res[a] - res[b] || a - b);
  const list = forcedPart.concat(optionalPart).slice(0, MAX_CANDIDATES);
  const m = list.length;
  let bestMask = 0;
  let b0 = -1;
  let b1 = -1;
  let b2 = -1;
  let b3 = -1;
  const trial: number[] = [];
  for (let mask = 1; mask < 1 << m; mask++) {
    let load = 0;
    let nForced = 0;
    let absorbed = 0;
    let ok = true;
    for (let j = 0; j < m && ok; j++) {
      if (!(mask & (1 << j))) continue;
      const s = list[j];
      if (freeSingles[s] === 0) {
        const take = Math.min(res[s], 1 - load);
        if (take <= EPS) ok = false;
        else {
          load += take;
          nForced++;
          if (take >= res[s] - EPS) absorbed++;
        }
      } else if (load + res[s] <= 1 + EPS) {
        load += res[s];
        absorbed++;
      } else ok = false;
    }
    if (!ok) continue;
    let same = 0;
    if (prev !== null) {
      let size = 0;
      let inside = true;
      for (let j = 0; j < m; j++) {
        if (!(mask & (1 << j))) continue;
        size++;
        if (!prev.includes(list[j])) inside = false;
      }
      same = inside && size === prev.length ? 1 : 0;
    }
    const better =
      nForced > b0 ||
      (nForced === b0 &&
        (absorbed > b1 ||
          (absorbed === b1 && (load > b2 + 1e-9 || (Math.abs(load - b2) <= 1e-9 && same > b3)))));
    if (!better) continue;
    trial.length = 0;
    for (let j = 0; j < m; j++) if (mask & (1 << j)) trial.push(list[j]);
    trial.sort((a, b) => a - b);
    if (!staffable(trial)) continue;
    bestMask = mask;
    b0 = nForced;
    b1 = absorbed;
    b2 = load;
    b3 = same;
  }
  if (bestMask === 0) return null;
  const chosen: number[] = [];
  for (let j = 0; j < m; j++) if (bestMask & (1 << j)) chosen.push(list[j]);
  const takes = new Map<number, number>();
  let load = 0;
  for (const s of chosen) {
    const take = freeSingles[s] === 0 ? Math.min(res[s], 1 - load) : res[s];
    takes.set(s, take);
    load += take;
  }
  const services = chosen.slice().sort((a, b) => a - b);
  return {
    services,
    loads: services.map((s) => takes.get(s)!),
    forced: b0 > 0,
    absorbed: b1,
    changes: b3 !== 1,
  };
}

/**
 * Match positions to the skill classes available in the slot (augmenting paths over classes with capacities).
 * A one-stop position nobody can staff is split into single-service positions (on free counters where needed);
 * a single-service position nobody can staff is unplaced.
 */
function staffPositions(
  row: { counter: number; services: number[]; loads: number[] }[],
  classCount: Int32Array,
  roles: RoleTable,
  K: number,
  model: AllocationModel,
  t: number,
  unplaced: Unplaced[],
  used: Uint8Array,
  order: readonly (readonly number[])[],
  shared: readonly number[],
  day: DayModel,
  S: number,
): { counter: number; services: number[]; loads: number[] }[] {
  let items = row;
  for (let attempt = 0; attempt < 3; attempt++) {
    const failed = matchClasses(items, classCount, roles, K);
    if (failed.length === 0) return items;
    const bad = new Set(failed);
    const keep = items.filter((_, j) => !bad.has(j));
    const extra: { counter: number; services: number[]; loads: number[] }[] = [];
    for (const j of failed) {
      const it = items[j];
      if (it.services.length === 1 || attempt === 2) {
        used[it.counter] = 0;
        it.services.forEach((s, x) => {
          const anyone = classCount.some((n) => n > 0);
          const skilled = model.skillClasses.some((set, k) => classCount[k] > 0 && set.includes(s));
          unplaced.push({
            slot: t,
            service: s,
            servers: it.loads[x],
            reason: skilled || !anyone ? 'no-staff' : 'no-skilled-staff',
          });
        });
        continue;
      }
      used[it.counter] = 0;
      it.services.forEach((s, x) => {
        let c = -1;
        if (!used[it.counter] && day.cap[it.counter * S + s]) c = it.counter;
        if (c < 0) c = order[s].find((d) => !used[d]) ?? -1;
        if (c < 0) c = shared.find((d) => !used[d] && day.cap[d * S + s] === 1) ?? -1;
        if (c < 0) {
          unplaced.push({ slot: t, service: s, servers: it.loads[x], reason: 'counters-exhausted' });
          return;
        }
        used[c] = 1;
        extra.push({ counter: c, services: [s], loads: [it.loads[x]] });
      });
    }
    items = keep.concat(extra);
  }
  return items;
}

/** Indices of items left without a skill class after a maximum matching of items to class capacities. */
function matchClasses(
  items: readonly { services: readonly number[] }[],
  classCount: Int32Array,
  roles: RoleTable,
  K: number,
): number[] {
  const n = items.length;
  const compat = items.map((it) => roles.compat[roles.id(it.services)]);
  const load = new Int32Array(K);
  const classOf = new Int32Array(n).fill(-1);
  const seen = new Int32Array(K);
  let round = 0;
  const augment = (j: number): boolean => {
    for (const k of compat[j]) {
      if (load[k] < classCount[k]) {
        load[k]++;
        classOf[j] = k;
        return true;
      }
    }
    for (const k of compat[j]) {
      if (seen[k] === round || classCount[k] === 0) continue;
      seen[k] = round;
      for (let other = 0; other < n; other++) {
        if (classOf[other] !== k) continue;
        classOf[other] = -1;
        if (augment(other)) {
          classOf[j] = k;
          return true;
        }
        classOf[other] = k;
      }
    }
    return false;
  };
  const order = [...items.keys()].sort((a, b) => compat[a].length - compat[b].length);
  const failed: number[] = [];
  for (const j of order) {
    round++;
    if (!augment(j)) failed.push(j);
  }
  return failed;
}
