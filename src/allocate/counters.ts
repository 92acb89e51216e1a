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
 * than `switchPenaltyMinutes`. Where such a change costs less than a slot, a second layout packs the remainders
 * onto one-stop counters with splits (one service's remainder over several counters, `packRemainders`) and then
 * closes positions whose load the others can take (`closeByRerouting`); it replaces the first when it needs fewer
 * positions, leaves no more unplaced and everyone can be seated. A final matching of positions
 * to the people available in the slot splits sets nobody can staff; what no counter or nobody can take is
 * reported as unplaced.
 *
 * Complexity per slot O(counters × services + positions × skill classes) (augmenting paths on classes), plus
 * O(one-stop counters² × capability) for the packing and O(positions² × services) per rerouting path.
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
  let row: Item[] = [];
  let rowUnplaced: Unplaced[] = [];
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
  /** One slot's positions: remainders merged whole by `bestSubset`, or packed with splits by `packRemainders`. */
  const build = (t: number, pack: boolean): { row: Item[]; unplaced: Unplaced[]; used: Uint8Array } => {
    used.fill(0);
    for (let s = 0; s < S; s++) {
      const r = requirements[t * S + s];
      res[s] = r > EPS ? r : 0;
    }
    row = [];
    rowUnplaced = [];
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
    if (pack) packRemainders(shared, capSets, res, used, staffable, place);
    else {
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
        rowUnplaced.push({
          slot: t,
          service: s,
          servers: res[s],
          reason: anyCounter[s] ? 'counters-exhausted' : 'no-counter',
        });
        res[s] = 0;
      }
    }
    if (pack) row = closeByRerouting(row, used, capSets, staffable);
    return { row, unplaced: rowUnplaced, used: used.slice() };
  };
  for (let i = 0; i < slots.length; i++) {
    const t = slots[i];
    available(t, classCount);
    let pick = build(t, false);
    // Packing changes one-stop counters' sets freely, so it is tried only where a change costs less than a slot.
    if (shared.length > 0 && model.grid.slotMinutes > options.switchPenaltyMinutes) {
      const packed = build(t, true);
      const switches = (r: readonly Item[]): number => {
        if (options.switchPenaltyMinutes === 0) return 0;
        let n = 0;
        for (const p of r) {
          const before = prevSet(p.counter);
          if (before !== null && before.join(',') !== p.services.join(',')) n++;
        }
        return n;
      };
      const saved = pick.row.length - packed.row.length;
      if (
        saved > 0 &&
        unplacedServers(packed.unplaced) <= unplacedServers(pick.unplaced) + EPS &&
        saved * model.grid.slotMinutes >
          options.switchPenaltyMinutes * (switches(packed.row) - switches(pick.row)) &&
        matchClasses(packed.row, classCount, roles, K).length === 0
      ) {
        pick = packed;
      }
    }
    used.set(pick.used);
    for (const u of pick.unplaced) unplaced.push(u);
    row = pick.row;
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

/** A position being laid out: counter, services, loads. */
interface Item {
  counter: number;
  services: number[];
  loads: number[];
}

/** A candidate fill of a one-stop counter: services, loads, remainders completed minus one, total load. */
interface Fill {
  readonly c: number;
  readonly services: number[];
  readonly loads: number[];
  readonly gain: number;
  readonly load: number;
}

function unplacedServers(list: readonly Unplaced[]): number {
  let x = 0;
  for (const u of list) x += u.servers;
  return x;
}

/**
 * Pack remainders (`res`, servers left after whole single-service servers) onto free one-stop counters, splitting
 * a remainder across counters where that saves a seat. A counter is filled first-fit with the remainders of its
 * capability, smallest first (so it completes as many as fit whole), then the rest of its capacity goes to part of
 * the smallest remainder left that another free one-stop counter can finish. Counters are taken greedily, the one
 * completing most remainders first (then the fuller): while some completes two or more (a seat saved), else one
 * that completes one and starts a split (seat-neutral, sets up a saving). Mutates `res` and, through `place`, `used`.
 *
 * Complexity O(shared² × capability × log capability) per slot.
 */
function packRemainders(
  shared: readonly number[],
  capSets: readonly (readonly number[])[],
  res: Float64Array,
  used: Uint8Array,
  staffable: (set: readonly number[]) => boolean,
  place: (c: number, services: number[], loads: number[]) => void,
): void {
  const finishable = (s: number, except: number): boolean =>
    shared.some((d) => d !== except && !used[d] && capSets[d].includes(s));
  const with_ = (set: readonly number[], s: number): number[] => [...set, s].sort((a, b) => a - b);
  const fills = new Map<number, Fill | null>();
  const fill = (c: number): Fill | null => {
    const cands = capSets[c].filter((s) => res[s] > EPS).sort((a, b) => res[a] - res[b] || a - b);
    if (cands.length === 0) return null;
    const services: number[] = [];
    const loads: number[] = [];
    const tooBig: number[] = [];
    let load = 0;
    for (const s of cands) {
      if (load + res[s] > 1 + EPS) tooBig.push(s);
      else if (staffable(with_(services, s))) {
        services.push(s);
        loads.push(res[s]);
        load += res[s];
      }
    }
    const gain = services.length - 1;
    let split = false;
    if (load < 1 - EPS) {
      for (const s of tooBig) {
        if (!finishable(s, c) || !staffable(with_(services, s))) continue;
        services.push(s);
        loads.push(1 - load);
        load = 1;
        split = true;
        break;
      }
    }
    return gain < 0 || (gain === 0 && !split) ? null : { c, services, loads, gain, load };
  };
  for (;;) {
    let best: Fill | null = null;
    for (const c of shared) {
      if (used[c]) continue;
      let f = fills.get(c);
      if (f === undefined) {
        f = fill(c);
        fills.set(c, f);
      }
      if (
        f !== null &&
        (best === null || f.gain > best.gain || (f.gain === best.gain && f.load > best.load + 1e-9))
      ) {
        best = f;
      }
    }
    if (best === null) return;
    const idx = best.services.map((_, j) => j).sort((a, b) => best.services[a] - best.services[b]);
    const services = idx.map((j) => best.services[j]);
    const loads = idx.map((j) => best.loads[j]);
    place(best.c, services, loads);
    for (let j = 0; j < services.length; j++) res[services[j]] = Math.max(0, res[services[j]] - loads[j]);
    // A placement changes the remainders and free counters of its capability's services: refill the counters sharing one.
    const touched = capSets[best.c];
    for (const d of shared) if (capSets[d].some((s) => touched.includes(s))) fills.delete(d);
  }
}

/**
 * Close positions whose load the others can take: for each position, lightest first, its loads are rerouted along
 * augmenting paths over the other positions (one with spare capacity takes more of a service its counter can serve;
 * one without passes part of another listed service on), as in max-flow. A service joins a position's list only
 * when someone available could staff the grown set; services left with no load are dropped. Clears `used` for the
 * closed counters.
 *
 * Complexity O(positions² × path search) per slot; each path search O(positions × services per position).
 */
function closeByRerouting(
  row: Item[],
  used: Uint8Array,
  capSets: readonly (readonly number[])[],
  staffable: (set: readonly number[]) => boolean,
): Item[] {
  const load = (p: Item): number => p.loads.reduce((a, b) => a + b, 0);
  const order = row.map((_, j) => j).sort((a, b) => load(row[a]) - load(row[b]) || a - b);
  const closed = new Uint8Array(row.length);
  const byService = new Map<number, number[]>();
  row.forEach((p, j) => {
    for (const s of capSets[p.counter]) {
      const list = byService.get(s);
      if (list === undefined) byService.set(s, [j]);
      else list.push(j);
    }
  });
  // Closing a position moves all its load onto the others, so it needs a whole seat of spare capacity among them:
  // the row's spare capacity (positions − load) must be at least one, and each closure uses up exactly one.
  let spare = 0;
  for (const p of row) spare += 1 - load(p);
  for (const victim of order) {
    if (spare < 1 - EPS) break;
    const journal = new Map<number, { services: number[]; loads: number[] }>();
    closed[victim] = 1;
    let ok = true;
    const v = row[victim];
    for (let x = 0; x < v.services.length && ok; x++) {
      let need = v.loads[x];
      for (let round = 0; need > EPS && ok; round++) {
        const got =
          round < MAX_REROUTES ? augment(row, byService, closed, v.services[x], need, staffable, journal) : 0;
        if (got <= EPS) ok = false;
        need -= got;
      }
    }
    if (!ok) {
      closed[victim] = 0;
      for (const [j, saved] of journal) {
        row[j].services = saved.services;
        row[j].loads = saved.loads;
      }
    } else spare -= 1;
  }
  const out: Item[] = [];
  row.forEach((p, j) => {
    if (closed[j]) {
      used[p.counter] = 0;
      return;
    }
    const keep = p.services.map((_, x) => x).filter((x) => p.loads[x] > EPS);
    out.push({
      counter: p.counter,
      services: keep.map((x) => p.services[x]),
      loads: keep.map((x) => p.loads[x]),
    });
  });
  return out;
}

/** Augmenting paths tried per service of a position being closed. */
const MAX_REROUTES = 8;

/**
 * One augmenting path for `need` servers of service `from` over open positions (breadth first): returns the
 * amount moved, 0 when no path exists. A position's lists before its first change go to `journal`.
 */
function augment(
  row: Item[],
  byService: Map<number, number[]>,
  closed: Uint8Array,
  from: number,
  need: number,
  staffable: (set: readonly number[]) => boolean,
  journal: Map<number, { services: number[]; loads: number[] }>,
): number {
  const parentPos = new Map<number, number>();
  const reached = new Map<number, { pos: number; service: number }>();
  const queue = [from];
  reached.set(from, { pos: -1, service: -1 });
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    for (const j of byService.get(u) ?? []) {
      if (closed[j] || parentPos.has(j)) continue;
      const p = row[j];
      if (!p.services.includes(u)) {
        const set = p.services.filter((_, x) => p.loads[x] > EPS);
        set.push(u);
        if (!staffable(set.sort((a, b) => a - b))) continue;
      }
      parentPos.set(j, u);
      const slack = 1 - p.loads.reduce((a, b) => a + b, 0);
      if (slack > EPS) {
        let amount = Math.min(need, slack);
        const path = [{ pos: j, into: u, out: -1 }];
        for (let s = u; ; ) {
          const back = reached.get(s)!;
          if (back.pos < 0) break;
          const q = row[back.pos];
          amount = Math.min(amount, q.loads[q.services.indexOf(s)]);
          path.push({ pos: back.pos, into: back.service, out: s });
          s = back.service;
        }
        for (const step of path) {
          const q = row[step.pos];
          if (!journal.has(step.pos))
            journal.set(step.pos, { services: q.services.slice(), loads: q.loads.slice() });
          if (!q.services.includes(step.into)) {
            let x = 0;
            while (x < q.services.length && q.services[x] < step.into) x++;
            q.services.splice(x, 0, step.into);
            q.loads.splice(x, 0, 0);
          }
          q.loads[q.services.indexOf(step.into)] += amount;
          if (step.out >= 0) q.loads[q.services.indexOf(step.out)] -= amount;
        }
        return amount;
      }
      for (let x = 0; x < p.services.length; x++) {
        const w = p.services[x];
        if (w === u || p.loads[x] <= EPS || reached.has(w)) continue;
        reached.set(w, { pos: j, service: u });
        queue.push(w);
      }
    }
  }
  return 0;
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
