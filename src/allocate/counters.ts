import { seatsLowerBound } from './lower-bound.js';
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
    for (let x = 0; x < set.length; x++) {
      if (set[x] >= 30) small = false;
      else mask |= 1 << set[x];
    }
    let r = small ? this.byMask.get(mask) : this.byKey.get(set.join(','));
    if (r !== undefined) return r;
    r = this.sets.length;
    if (small) this.byMask.set(mask, r);
    else this.byKey.set(set.join(','), r);
    this.sets.push([...set]);
    const { classSkill, skillClasses, serviceCount: S } = this.model;
    const ks: number[] = [];
    for (let k = 0; k < skillClasses.length; k++) {
      let all = true;
      for (let x = 0; x < set.length && all; x++) all = classSkill[k * S + set[x]] !== 0;
      if (all) ks.push(k);
    }
    this.compat.push(Int32Array.from(ks));
    return r;
  }
}

/** The counter layout of one day: positions per slot, the role of each counter, and what could not be placed. */
export interface DayLayout {
  /** Slots of the day (global indices), in time order. */
  readonly slots: readonly number[];
  /**
   * Positions per slot (same order as `slots`; a slot's list may be relabelled between counters of equal
   * capability when seating).
   */
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
  /**
   * After closing, swap free one-stop counters in where the slot then ends with fewer positions, and narrow the
   * one-stop lists (default true). False keeps the layout closing alone gives: `allocate` falls back to it on a
   * day whose shifts leave positions open, since the swapped-in one-stop counters may need people the shifts
   * cannot spare.
   */
  readonly reshape?: boolean;
}

const EPS = 1e-6;

/**
 * Lay out counters for one day: for each slot, few positions that give every service its required effective
 * servers. Whole servers go to single-service counters; what is left of a service whose single-service counters
 * are used up goes to one-stop counters, together with other services' remainders where the counter's capability
 * and an available person's skills cover the set; other remainders take a single-service counter of their own.
 * Single-service counters are taken in a fixed order, so a service keeps its counters from slot to slot; a one-stop
 * counter prefers the set it held in the previous slot and changes it to merge remainders only when that saves more
 * than `switchPenaltyMinutes`. Each layout is matched to the people available in the slot (a set nobody can staff
 * is split; what no counter or nobody can take is reported as unplaced) and then, knowing who sits where, loses
 * the positions whose load the others can take (`closeSeated`): rerouted along augmenting paths where the seated
 * person has the skill or a free person who has them all could take the seat, and by opening a free one-stop
 * counter for a free person wherever two positions then close; where that still leaves more than the fewest seats,
 * by swaps (a free one-stop counter opened for one position closed) and the same opening again, kept only when the
 * slot ends with fewer positions. Where a change of service list costs less than a
 * slot, or the first layout leaves requirement unplaced, a second layout packs the remainders onto one-stop
 * counters with splits (one service's remainder over several counters, `packRemainders`) and closes positions by
 * rerouting before it is seated; it replaces the first when it leaves fewer servers unplaced, or as many with fewer
 * positions (worth more than the changes of service list they bring). A slot already at its fewest seats
 * (`seatsLowerBound`) keeps its first layout. Last, the slot's one-stop lists are narrowed (`narrow`): a position
 * hands its smallest loads to positions already serving those services, so that more people can take it.
 *
 * Complexity per slot O(counters × services + positions × skill classes) (augmenting paths on classes), plus
 * O(one-stop counters² × capability) for the packing, and per closing round (one, plus one per free one-stop
 * counter tried, opened or swapped in) O(positions) rerouting paths of O(positions × services) each.
 */
export function layoutDay(
  model: AllocationModel,
  day: DayModel,
  requirements: Float64Array,
  roles: RoleTable,
  available: (slot: number, out: Int32Array) => void,
  options: LayoutOptions,
): DayLayout {
  const C = model.counterCount;
  const gd = model.grid.days[day.index];
  const slots: number[] = [];
  for (let p = 0; p < gd.length; p++) if (gd.slot[p] >= 0) slots.push(gd.slot[p]);
  const roleOf = new Int32Array(slots.length * C).fill(-1);
  const positions: Position[][] = [];
  const unplaced: Unplaced[] = [];
  const d = new DayLayouter(model, day, requirements, roles, options);
  const { classCount, shared } = d;
  const pen = options.switchPenaltyMinutes;
  const fewest = seatsLowerBound(model, day.index, requirements);
  for (let i = 0; i < slots.length; i++) {
    const t = slots[i];
    available(t, classCount);
    const greedy = d.build(t, false);
    d.used.set(greedy.used);
    let finalUnplaced = greedy.unplaced.slice();
    let final = d.settle(d.staffPositions(greedy.row, t, finalUnplaced), t, fewest[i]);
    // Packing changes one-stop counters' sets freely, so it is tried where a change costs less than a slot, or
    // where the first layout leaves requirement unplaced.
    if (
      shared.length > 0 &&
      (finalUnplaced.length > 0 || (final.length > fewest[i] && model.grid.slotMinutes > pen))
    ) {
      const usedByGreedy = d.used.slice();
      const packed = d.build(t, true);
      const packedUnplaced = packed.unplaced.slice();
      d.used.set(packed.used);
      const staffed = d.settle(d.staffPositions(packed.row, t, packedUnplaced), t, fewest[i]);
      const fewer = final.length - staffed.length;
      const lessUnplaced = unplacedServers(finalUnplaced) - unplacedServers(packedUnplaced);
      if (
        lessUnplaced > EPS ||
        (lessUnplaced > -EPS &&
          fewer > 0 &&
          fewer * model.grid.slotMinutes > pen * (d.switches(staffed) - d.switches(final)))
      ) {
        final = staffed;
        finalUnplaced = packedUnplaced;
      } else d.used.set(usedByGreedy);
    }
    if (options.reshape !== false) final = d.narrow(final);
    for (const u of finalUnplaced) unplaced.push(u);
    const base = i * C;
    const out: Position[] = [];
    for (const p of final) {
      const role = roles.id(p.services);
      roleOf[base + p.counter] = role;
      out.push({ counter: p.counter, role, services: p.services, loads: p.loads });
    }
    positions.push(out);
    d.prev = roleOf.subarray(base, base + C);
  }
  return { slots, positions, roleOf, spareCompat: d.spareCompat, unplaced };
}

/** A position being laid out: counter, services (ascending), loads. */
interface Item {
  counter: number;
  services: number[];
  loads: number[];
}

/**
 * A one-stop counter's chosen set: services (ascending), loads, whether it takes a forced remainder, remainders
 * absorbed whole, whether it differs from the set the counter held in the previous slot.
 */
interface Subset {
  readonly services: number[];
  readonly loads: number[];
  readonly forced: boolean;
  readonly absorbed: number;
  readonly changes: boolean;
}

/** Augmenting paths tried per service of a position being closed. */
const MAX_REROUTES = 8;

/** Most remainders a one-stop counter looks at when choosing what to merge (2^this subsets). */
const MAX_CANDIDATES = 10;

/** States of a one-stop counter's cached fill in {@link DayLayouter.packRemainders}. */
const FILL_STALE = 0;
const FILL_NONE = 1;
const FILL_READY = 2;

/**
 * One day's counters and the buffers every slot reuses: the per-slot search (subset enumeration, packing, rerouting
 * paths, class matching) keeps its state in typed arrays indexed by counter, position, service or class, with
 * stamps instead of clearing, so its loops build no maps, closures or string keys. The state carried between slots
 * is `classCount` (people available in the current slot), `used` and `prev`.
 */
class DayLayouter {
  private readonly S: number;
  private readonly C: number;
  /** Day capability per counter, ascending services. */
  private readonly capSets: number[][];
  /** Single-service counters per service, always taken in this order so a service keeps its counters. */
  private readonly single: number[][];
  /** One-stop counters, narrowest capability first. */
  readonly shared: number[];
  /** Counter × counter: 1 when the two one-stop counters' capabilities share a service. */
  private readonly overlap: Uint8Array;
  private readonly anyCounter: Uint8Array;
  readonly spareCompat: Int32Array[];
  /** People available per skill class in the current slot. */
  readonly classCount: Int32Array;
  readonly used: Uint8Array;
  /** Role per counter in the previous slot, or null in the first. */
  prev: Int32Array | null = null;
  private readonly res: Float64Array;
  private readonly freeSingles: Int32Array;
  private row: Item[] = [];
  private rowUnplaced: Unplaced[] = [];
  // bestSubset: state after each subset of the candidates (load, forced taken or −1 when infeasible, absorbed).
  private readonly subLoad: Float64Array;
  private readonly subForced: Int32Array;
  private readonly subAbsorbed: Int32Array;
  private readonly takeOf = new Float64Array(MAX_CANDIDATES);
  // packRemainders: the cached fill per one-stop counter.
  private readonly fillState: Uint8Array;
  private readonly fillServices: number[][];
  private readonly fillLoads: number[][];
  private readonly fillGain: Int32Array;
  private readonly fillLoad: Float64Array;
  // closeByRerouting, per position of the row: load and closed; per service: the positions able to serve it.
  private readonly loadOf: Float64Array;
  private readonly closed: Uint8Array;
  private readonly servedBy: Int32Array;
  private readonly servedCount: Int32Array;
  /** Positions to try closing, lightest first, and the row's spare capacity (positions − load). */
  private readonly victims: number[] = [];
  private spare = 0;
  /** Lists of positions before the current victim's first change to them; `journal` names those positions. */
  private readonly savedServices: number[][];
  private readonly savedLoads: number[][];
  private readonly savedStamp: Int32Array;
  private readonly journal: Int32Array;
  private journalLength = 0;
  private victimStamp = 0;
  // augment: positions visited and services reached (with the position and service they were reached from).
  private readonly visited: Int32Array;
  private readonly reached: Int32Array;
  private readonly reachedPos: Int32Array;
  private readonly reachedService: Int32Array;
  private readonly queue: Int32Array;
  private visit = 0;
  // matchClasses: people matched per class, classes searched in the current round.
  private readonly classLoad: Int32Array;
  /** Class matched to each item by the last {@link matchClasses}. */
  private readonly itemClass: Int32Array;
  /**
   * While {@link closeSeated} runs: the class seated at each position of the row (`seatCache`, null otherwise),
   * people left free per class, the class a position reached in the current path search would change to (−1:
   * none), and each journaled position's class before the current victim.
   */
  private seatClass: Int32Array | null = null;
  private readonly seatCache: Int32Array;
  private readonly freeClass: Int32Array;
  private readonly upgradeTo: Int32Array;
  private readonly savedClass: Int32Array;
  /**
   * {@link openToClose}'s undo state: seats and free people before the trial; each position's lists before the
   * trial's first change to it (`trialJournal` names them, `trialAt` holds the trial they belong to).
   */
  private readonly trialSeat: Int32Array;
  private readonly trialFree: Int32Array;
  private readonly trialAt: Int32Array;
  private readonly trialJournal: Int32Array;
  private readonly trialServices: number[][] = [];
  private readonly trialLoads: number[][] = [];
  private trialStamp = 0;
  private trialOn = false;
  private trialLength = 0;
  /** False while {@link narrow} reroutes: paths then only pass through positions already serving a service. */
  private growLists = true;
  /** Slot {@link settle} works on, and the fewest seats it can have (`seatsLowerBound`). */
  private slotNow = 0;
  private fewestNow = 0;
  private readonly seen: Int32Array;
  private round = 0;

  constructor(
    private readonly model: AllocationModel,
    private readonly day: DayModel,
    private readonly requirements: Float64Array,
    private readonly roles: RoleTable,
    private readonly options: LayoutOptions,
  ) {
    const S = model.serviceCount;
    const C = model.counterCount;
    const K = model.skillClasses.length;
    this.S = S;
    this.C = C;
    this.capSets = [];
    this.single = Array.from({ length: S }, () => []);
    this.shared = [];
    for (let c = 0; c < C; c++) {
      const set: number[] = [];
      for (let s = 0; s < S; s++) if (day.cap[c * S + s]) set.push(s);
      this.capSets.push(set);
      if (set.length === 1) this.single[set[0]].push(c);
      else if (set.length > 1) this.shared.push(c);
    }
    const capSets = this.capSets;
    this.shared.sort((a, b) => capSets[a].length - capSets[b].length || a - b);
    this.overlap = new Uint8Array(C * C);
    let widest = 0;
    for (const a of this.shared) {
      widest = Math.max(widest, capSets[a].length);
      for (const b of this.shared) {
        for (const s of capSets[a]) {
          if (day.cap[b * S + s]) {
            this.overlap[a * C + b] = 1;
            break;
          }
        }
      }
    }
    // bestSubset's candidates are services of one capability.
    const subsets = 1 << Math.min(widest, MAX_CANDIDATES);
    this.subLoad = new Float64Array(subsets);
    this.subForced = new Int32Array(subsets);
    this.subAbsorbed = new Int32Array(subsets);
    this.anyCounter = new Uint8Array(S);
    for (let c = 0; c < C; c++) for (let s = 0; s < S; s++) if (model.cap[c * S + s]) this.anyCounter[s] = 1;
    this.spareCompat = [];
    for (let c = 0; c < C; c++) {
      const ks: number[] = [];
      for (let k = 0; k < K; k++) {
        let any = false;
        for (let x = 0; x < capSets[c].length && !any; x++)
          any = model.classSkill[k * S + capSets[c][x]] !== 0;
        if (any) ks.push(k);
      }
      this.spareCompat.push(Int32Array.from(ks));
    }
    this.classCount = new Int32Array(K);
    this.used = new Uint8Array(C);
    this.res = new Float64Array(S);
    this.freeSingles = new Int32Array(S);
    this.fillState = new Uint8Array(C);
    this.fillServices = [];
    this.fillLoads = [];
    this.fillGain = new Int32Array(C);
    this.fillLoad = new Float64Array(C);
    // A row holds at most one position per counter.
    this.loadOf = new Float64Array(C);
    this.closed = new Uint8Array(C);
    this.servedBy = new Int32Array(S * C);
    this.servedCount = new Int32Array(S);
    this.savedServices = [];
    this.savedLoads = [];
    this.savedStamp = new Int32Array(C);
    this.journal = new Int32Array(C);
    this.visited = new Int32Array(C);
    this.reached = new Int32Array(S);
    this.reachedPos = new Int32Array(S);
    this.reachedService = new Int32Array(S);
    this.queue = new Int32Array(S);
    this.classLoad = new Int32Array(K);
    this.itemClass = new Int32Array(C);
    this.freeClass = new Int32Array(K);
    this.trialSeat = new Int32Array(C);
    this.trialFree = new Int32Array(K);
    this.trialAt = new Int32Array(C);
    this.trialJournal = new Int32Array(C);
    this.seatCache = new Int32Array(C);
    this.upgradeTo = new Int32Array(C);
    this.savedClass = new Int32Array(C);
    this.seen = new Int32Array(K);
  }

  /** Whether someone available in the slot could staff the sorted service set. */
  private staffable(set: readonly number[]): boolean {
    const compat = this.roles.compat[this.roles.id(set)];
    for (let x = 0; x < compat.length; x++) if (this.classCount[compat[x]] > 0) return true;
    return false;
  }

  /** `services` with `extra` added, ascending. */
  private setWith(services: readonly number[], extra: number): number[] {
    const set: number[] = [];
    for (let x = 0; x < services.length; x++) insertAscending(set, services[x]);
    insertAscending(set, extra);
    return set;
  }

  private place(c: number, services: number[], loads: number[]): void {
    this.used[c] = 1;
    this.row.push({ counter: c, services, loads });
  }

  private prevSet(c: number): readonly number[] | null {
    return this.prev !== null && this.prev[c] >= 0 ? this.roles.sets[this.prev[c]] : null;
  }

  /** Positions whose service list differs from their counter's in the previous slot (0 without a penalty). */
  switches(row: readonly Item[]): number {
    if (this.options.switchPenaltyMinutes === 0) return 0;
    let n = 0;
    for (const p of row) {
      const before = this.prevSet(p.counter);
      if (before !== null && !sameList(before, p.services)) n++;
    }
    return n;
  }

  /** One slot's positions: remainders merged whole by `bestSubset`, or packed with splits by `packRemainders`. */
  build(t: number, pack: boolean): { row: Item[]; unplaced: Unplaced[]; used: Uint8Array } {
    const { S, res, used, freeSingles, shared, capSets, single: order, day } = this;
    used.fill(0);
    for (let s = 0; s < S; s++) {
      const r = this.requirements[t * S + s];
      res[s] = r > EPS ? r : 0;
    }
    this.row = [];
    this.rowUnplaced = [];
    for (let s = 0; s < S; s++) {
      const list = order[s];
      let n = 0;
      for (const c of list) {
        if (res[s] < 1 - EPS) break;
        this.place(c, [s], [1]);
        res[s] = Math.max(0, res[s] - 1);
        n++;
      }
      freeSingles[s] = list.length - n;
    }
    if (pack) this.packRemainders();
    else {
      const changeCostsSlot = this.model.grid.slotMinutes <= this.options.switchPenaltyMinutes;
      for (const c of shared) {
        const pick = this.bestSubset(capSets[c], this.prevSet(c));
        if (pick === null) continue;
        if (!pick.forced && (pick.absorbed < 2 || (pick.changes && changeCostsSlot))) continue;
        this.place(c, pick.services, pick.loads);
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
        this.place(c, [s], [take]);
        res[s] -= take;
      }
      for (const c of shared) {
        if (res[s] <= EPS) break;
        if (used[c] || !day.cap[c * S + s]) continue;
        const take = Math.min(1, res[s]);
        this.place(c, [s], [take]);
        res[s] -= take;
      }
      if (res[s] > EPS) {
        this.rowUnplaced.push({
          slot: t,
          service: s,
          servers: res[s],
          reason: this.anyCounter[s] ? 'counters-exhausted' : 'no-counter',
        });
        res[s] = 0;
      }
    }
    if (pack) this.closeByRerouting();
    return { row: this.row, unplaced: this.rowUnplaced, used: used.slice() };
  }

  /**
   * The service set a one-stop counter should take: remainders of services with no single-service counter left
   * ("forced", taken as far as the counter's capacity goes) come first; then as many other remainders as fit whole,
   * since a remainder taken only in part still needs a counter of its own. Ties go to the fuller counter, then to
   * the set the counter held before. Subsets are enumerated (at most 2^10), each extending the one without its
   * last candidate, so one step per subset.
   */
  private bestSubset(cap: readonly number[], prev: readonly number[] | null): Subset | null {
    const { res, freeSingles, subLoad, subForced, subAbsorbed, takeOf } = this;
    const list: number[] = [];
    for (const s of cap) if (res[s] > EPS && freeSingles[s] === 0) list.push(s);
    const nForcedAll = list.length;
    for (const s of cap) if (res[s] > EPS && freeSingles[s] > 0 && res[s] < 1 - EPS) list.push(s);
    if (nForcedAll === 0 && list.length < 2) return null;
    sortByKey(list, 0, nForcedAll, res, -1);
    sortByKey(list, nForcedAll, list.length, res, 1);
    const m = Math.min(list.length, MAX_CANDIDATES);
    // Candidate indices in ascending service order.
    const byValue: number[] = [];
    for (let j = 0; j < m; j++) {
      let x = byValue.length;
      byValue.push(j);
      for (; x > 0 && list[byValue[x - 1]] > list[j]; x--) byValue[x] = byValue[x - 1];
      byValue[x] = j;
    }
    let inPrev = 0;
    if (prev !== null) for (let j = 0; j < m; j++) if (prev.includes(list[j])) inPrev |= 1 << j;
    let bestMask = 0;
    let b0 = -1;
    let b1 = -1;
    let b2 = -1;
    let b3 = -1;
    subLoad[0] = 0;
    subForced[0] = 0;
    subAbsorbed[0] = 0;
    for (let mask = 1; mask < 1 << m; mask++) {
      // Candidates are taken in list order, so a subset's state is its last candidate's step on the rest.
      const j = 31 - Math.clz32(mask);
      const rest = mask ^ (1 << j);
      subForced[mask] = -1;
      if (subForced[rest] < 0) continue;
      const s = list[j];
      let load = subLoad[rest];
      let nForced = subForced[rest];
      let absorbed = subAbsorbed[rest];
      if (freeSingles[s] === 0) {
        const take = Math.min(res[s], 1 - load);
        if (take <= EPS) continue;
        load += take;
        nForced++;
        if (take >= res[s] - EPS) absorbed++;
      } else if (load + res[s] <= 1 + EPS) {
        load += res[s];
        absorbed++;
      } else continue;
      subLoad[mask] = load;
      subForced[mask] = nForced;
      subAbsorbed[mask] = absorbed;
      const same = prev !== null && (mask & ~inPrev) === 0 && bitCount(mask) === prev.length ? 1 : 0;
      const better =
        nForced > b0 ||
        (nForced === b0 &&
          (absorbed > b1 ||
            (absorbed === b1 && (load > b2 + 1e-9 || (Math.abs(load - b2) <= 1e-9 && same > b3)))));
      if (!better) continue;
      const trial: number[] = [];
      for (const q of byValue) if (mask & (1 << q)) trial.push(list[q]);
      if (!this.staffable(trial)) continue;
      bestMask = mask;
      b0 = nForced;
      b1 = absorbed;
      b2 = load;
      b3 = same;
    }
    if (bestMask === 0) return null;
    let load = 0;
    for (let j = 0; j < m; j++) {
      if (!(bestMask & (1 << j))) continue;
      const s = list[j];
      takeOf[j] = freeSingles[s] === 0 ? Math.min(res[s], 1 - load) : res[s];
      load += takeOf[j];
    }
    const services: number[] = [];
    const loads: number[] = [];
    for (const j of byValue) {
      if (!(bestMask & (1 << j))) continue;
      services.push(list[j]);
      loads.push(takeOf[j]);
    }
    return { services, loads, forced: b0 > 0, absorbed: b1, changes: b3 !== 1 };
  }

  /**
   * Pack remainders (`res`, servers left after whole single-service servers) onto free one-stop counters, splitting
   * a remainder across counters where that saves a seat. A counter is filled first-fit with the remainders of its
   * capability, smallest first (so it completes as many as fit whole), then the rest of its capacity goes to part of
   * the smallest remainder left that another free one-stop counter can finish. Counters are taken greedily, the one
   * completing most remainders first (then the fuller): while some completes two or more (a seat saved), else one
   * that completes one and starts a split (seat-neutral, sets up a saving). Mutates `res` and `used`.
   *
   * Complexity O(shared² × capability × log capability) per slot.
   */
  private packRemainders(): void {
    const { shared, used, res, fillState, fillGain, fillLoad, overlap, C } = this;
    fillState.fill(FILL_STALE);
    for (;;) {
      let best = -1;
      for (const c of shared) {
        if (used[c]) continue;
        if (fillState[c] === FILL_STALE) fillState[c] = this.fill(c) ? FILL_READY : FILL_NONE;
        if (
          fillState[c] === FILL_READY &&
          (best < 0 ||
            fillGain[c] > fillGain[best] ||
            (fillGain[c] === fillGain[best] && fillLoad[c] > fillLoad[best] + 1e-9))
        ) {
          best = c;
        }
      }
      if (best < 0) return;
      const fs = this.fillServices[best];
      const fl = this.fillLoads[best];
      const services: number[] = [];
      const loads: number[] = [];
      for (let j = 0; j < fs.length; j++) {
        let x = services.length;
        services.push(fs[j]);
        loads.push(fl[j]);
        for (; x > 0 && services[x - 1] > fs[j]; x--) {
          services[x] = services[x - 1];
          loads[x] = loads[x - 1];
        }
        services[x] = fs[j];
        loads[x] = fl[j];
      }
      this.place(best, services, loads);
      for (let j = 0; j < services.length; j++) res[services[j]] = Math.max(0, res[services[j]] - loads[j]);
      // A placement changes the remainders and free counters of its capability's services: refill the counters sharing one.
      for (const d of shared) if (overlap[best * C + d]) fillState[d] = FILL_STALE;
    }
  }

  /**
   * Fill of one-stop counter `c` into `fillServices[c]` (in the order taken), `fillLoads[c]`, `fillGain[c]`
   * (remainders completed minus one) and `fillLoad[c]`; false when it saves nothing and starts no split.
   */
  private fill(c: number): boolean {
    const { res, day, S, shared, used } = this;
    const cands: number[] = [];
    for (const s of this.capSets[c]) if (res[s] > EPS) cands.push(s);
    if (cands.length === 0) return false;
    sortByKey(cands, 0, cands.length, res, 1);
    const services: number[] = [];
    const loads: number[] = [];
    this.fillServices[c] = services;
    this.fillLoads[c] = loads;
    const tooBig: number[] = [];
    let load = 0;
    for (const s of cands) {
      if (load + res[s] > 1 + EPS) tooBig.push(s);
      else if (this.staffable(this.setWith(services, s))) {
        services.push(s);
        loads.push(res[s]);
        load += res[s];
      }
    }
    const gain = services.length - 1;
    let split = false;
    if (load < 1 - EPS) {
      for (const s of tooBig) {
        // Another free one-stop counter must be able to finish the split remainder.
        let finishable = false;
        for (const d of shared) {
          if (d !== c && !used[d] && day.cap[d * S + s]) {
            finishable = true;
            break;
          }
        }
        if (!finishable || !this.staffable(this.setWith(services, s))) continue;
        services.push(s);
        loads.push(1 - load);
        load = 1;
        split = true;
        break;
      }
    }
    this.fillGain[c] = gain;
    this.fillLoad[c] = load;
    return !(gain < 0 || (gain === 0 && !split));
  }

  /**
   * Close positions whose load the others can take: for each position, lightest first, its loads are rerouted along
   * augmenting paths over the other positions (one with spare capacity takes more of a service its counter can serve;
   * one without passes part of another listed service on), as in max-flow. A service joins a position's list only
   * when someone available could staff the grown set; services left with no load are dropped. Replaces `row` and
   * clears `used` for the closed counters.
   *
   * Complexity O(positions² × path search) per slot; each path search O(positions × services per position).
   */
  private closeByRerouting(): void {
    this.prepareClosing();
    this.closeVictims(-1);
    this.compactRow();
  }

  /** Set up {@link closeVictims} for `row`: loads, the positions able to serve each service, victims, spare. */
  private prepareClosing(): void {
    const { row, loadOf, closed, servedBy, servedCount, victims, C } = this;
    const n = row.length;
    servedCount.fill(0);
    victims.length = 0;
    // Closing a position moves all its load onto the others, so it needs a whole seat of spare capacity among them:
    // the row's spare capacity (positions − load) must be at least one, and each closure uses up exactly one.
    let spare = 0;
    for (let j = 0; j < n; j++) {
      loadOf[j] = sumOf(row[j].loads);
      spare += 1 - loadOf[j];
      victims.push(j);
      closed[j] = 0;
      for (const s of this.capSets[row[j].counter]) servedBy[s * C + servedCount[s]++] = j;
    }
    sortByKey(victims, 0, n, loadOf, 1);
    this.spare = spare;
  }

  /**
   * Close the prepared victims, lightest first, that the others can take (all but `keep`, at most `most`); returns
   * how many.
   */
  private closeVictims(keep: number, most = Number.POSITIVE_INFINITY): number {
    const { row, closed, victims } = this;
    const seat = this.seatClass;
    let count = 0;
    for (const victim of victims) {
      if (this.spare < 1 - EPS || count >= most) break;
      if (victim === keep) continue;
      this.victimStamp++;
      this.journalLength = 0;
      closed[victim] = 1;
      if (seat !== null) this.freeClass[seat[victim]]++;
      let ok = true;
      const v = row[victim];
      for (let x = 0; x < v.services.length && ok; x++) {
        let need = v.loads[x];
        for (let round = 0; need > EPS && ok; round++) {
          const got = round < MAX_REROUTES ? this.augment(v.services[x], need) : 0;
          if (got <= EPS) ok = false;
          need -= got;
        }
      }
      if (ok) {
        this.spare -= 1;
        count++;
        continue;
      }
      closed[victim] = 0;
      this.undoVictim();
      if (seat !== null) this.freeClass[seat[victim]]--;
    }
    return count;
  }

  /** Put the positions the current victim's paths changed back as they were (lists and seated classes). */
  private undoVictim(): void {
    const { row } = this;
    const seat = this.seatClass;
    for (let y = 0; y < this.journalLength; y++) {
      const j = this.journal[y];
      row[j].services = this.savedServices[j];
      row[j].loads = this.savedLoads[j];
      if (seat !== null && seat[j] !== this.savedClass[j]) {
        this.freeClass[seat[j]]++;
        this.freeClass[this.savedClass[j]]--;
        seat[j] = this.savedClass[j];
      }
    }
  }

  /** Replace `row` by its open positions, without services left at no load; free the closed ones' counters. */
  private compactRow(): void {
    const { row, closed } = this;
    const seat = this.seatClass;
    const out: Item[] = [];
    for (let j = 0; j < row.length; j++) {
      const p = row[j];
      if (closed[j]) {
        this.used[p.counter] = 0;
        continue;
      }
      if (seat !== null) seat[out.length] = seat[j];
      const services: number[] = [];
      const loads: number[] = [];
      for (let x = 0; x < p.services.length; x++) {
        if (p.loads[x] <= EPS) continue;
        services.push(p.services[x]);
        loads.push(p.loads[x]);
      }
      out.push({ counter: p.counter, services, loads });
    }
    this.row = out;
  }

  /**
   * One augmenting path for `need` servers of service `from` over open positions (breadth first): returns the
   * amount moved, 0 when no path exists. A position's lists before the victim's first change to them are saved.
   */
  private augment(from: number, need: number): number {
    const { row, closed, servedBy, servedCount, visited, reached, reachedPos, reachedService, queue, C } =
      this;
    const visit = ++this.visit;
    let tail = 0;
    queue[tail++] = from;
    reached[from] = visit;
    reachedPos[from] = -1;
    reachedService[from] = -1;
    for (let h = 0; h < tail; h++) {
      const u = queue[h];
      for (let y = 0; y < servedCount[u]; y++) {
        const j = servedBy[u * C + y];
        if (closed[j] || visited[j] === visit) continue;
        const p = row[j];
        this.upgradeTo[j] = -1;
        if (!p.services.includes(u) && (!this.growLists || !this.admits(j, u))) continue;
        visited[j] = visit;
        const slack = 1 - sumOf(p.loads);
        if (slack > EPS) {
          let amount = Math.min(need, slack);
          for (let s = u; reachedPos[s] >= 0; s = reachedService[s]) {
            const q = row[reachedPos[s]];
            amount = Math.min(amount, q.loads[q.services.indexOf(s)]);
          }
          if (!this.takeUpgrades(j, u)) return 0;
          this.shift(j, u, -1, amount);
          for (let s = u; reachedPos[s] >= 0; s = reachedService[s])
            this.shift(reachedPos[s], reachedService[s], s, amount);
          return amount;
        }
        for (let x = 0; x < p.services.length; x++) {
          const w = p.services[x];
          if (w === u || p.loads[x] <= EPS || reached[w] === visit) continue;
          reached[w] = visit;
          reachedPos[w] = j;
          reachedService[w] = u;
          queue[tail++] = w;
        }
      }
    }
    return 0;
  }

  /** Save position `pos`'s lists and class before the current victim's first change to it. */
  private journalPosition(pos: number): void {
    if (this.savedStamp[pos] === this.victimStamp) return;
    const q = this.row[pos];
    if (this.trialOn && this.trialAt[pos] !== this.trialStamp) {
      this.trialAt[pos] = this.trialStamp;
      this.trialServices[pos] = q.services.slice();
      this.trialLoads[pos] = q.loads.slice();
      this.trialJournal[this.trialLength++] = pos;
    }
    this.savedStamp[pos] = this.victimStamp;
    this.savedServices[pos] = q.services.slice();
    this.savedLoads[pos] = q.loads.slice();
    if (this.seatClass !== null) this.savedClass[pos] = this.seatClass[pos];
    this.journal[this.journalLength++] = pos;
  }

  /**
   * Whether position `j` may add service `u` to its list: someone available could staff the grown set, or, in
   * {@link closeSeated}, its seated class has the skill or a free person of a class that has all of them could
   * take the seat (noted in `upgradeTo`).
   */
  private admits(j: number, u: number): boolean {
    const p = this.row[j];
    const seat = this.seatClass;
    if (seat !== null && this.model.classSkill[seat[j] * this.S + u]) return true;
    const set: number[] = [];
    for (let x = 0; x < p.services.length; x++) if (p.loads[x] > EPS) insertAscending(set, p.services[x]);
    insertAscending(set, u);
    if (seat === null) return this.staffable(set);
    const compat = this.roles.compat[this.roles.id(set)];
    for (let x = 0; x < compat.length; x++) {
      if (this.freeClass[compat[x]] > 0) {
        this.upgradeTo[j] = compat[x];
        return true;
      }
    }
    return false;
  }

  /**
   * Seat the classes the path ending at position `j` (taking `u`) needs, journaling the old ones; false, changing
   * nothing, when two positions on it need the last free person of a class.
   */
  private takeUpgrades(j: number, u: number): boolean {
    const seat = this.seatClass;
    if (seat === null) return true;
    const { upgradeTo, freeClass, reachedPos, reachedService } = this;
    for (let pass = 0; pass < 2; pass++) {
      for (let pos = j, s = u; ; ) {
        const k = upgradeTo[pos];
        if (k >= 0) {
          if (pass === 0 && freeClass[k] <= 0) {
            for (let back = j, b = u; back !== pos; ) {
              if (upgradeTo[back] >= 0) freeClass[upgradeTo[back]]++;
              if (reachedPos[b] < 0) break;
              back = reachedPos[b];
              b = reachedService[b];
            }
            return false;
          }
          if (pass === 0) freeClass[k]--;
          else {
            this.journalPosition(pos);
            freeClass[seat[pos]]++;
            seat[pos] = k;
          }
        }
        if (reachedPos[s] < 0) break;
        pos = reachedPos[s];
        s = reachedService[s];
      }
    }
    return true;
  }

  /** Position `pos` takes `amount` more of service `into` and, unless `out` is −1, that much less of `out`. */
  private shift(pos: number, into: number, out: number, amount: number): void {
    const q = this.row[pos];
    this.journalPosition(pos);
    if (!q.services.includes(into)) {
      let x = 0;
      while (x < q.services.length && q.services[x] < into) x++;
      q.services.splice(x, 0, into);
      q.loads.splice(x, 0, 0);
    }
    q.loads[q.services.indexOf(into)] += amount;
    if (out >= 0) q.loads[q.services.indexOf(out)] -= amount;
  }

  /**
   * A staffed row of slot `t` with positions closed by {@link closeSeated} where that pays: not below `fewest`
   * (the slot's `seatsLowerBound`), and only where the positions saved are worth more than the switch penalty of
   * the service lists it changes.
   */
  settle(row: Item[], t: number, fewest: number): Item[] {
    this.slotNow = t;
    this.fewestNow = fewest;
    const { slotMinutes } = this.model.grid;
    const pen = this.options.switchPenaltyMinutes;
    if (row.length <= this.fewestNow || slotMinutes <= pen) return row;
    if (pen === 0) return this.closeSeated(row);
    const before = row.map((p) => ({
      counter: p.counter,
      services: p.services.slice(),
      loads: p.loads.slice(),
    }));
    const used = this.used.slice();
    const closed = this.closeSeated(row);
    if ((before.length - closed.length) * slotMinutes > pen * (this.switches(closed) - this.switches(before)))
      return closed;
    this.used.set(used);
    return before;
  }

  /**
   * Close positions of a staffed row whose load the others can take, as {@link closeByRerouting} does but knowing
   * who sits where: a position takes a service when its counter can serve it and its seated class has the skill, or
   * when a free person of another class could take its seat with the grown list. Returns the row left.
   */
  private closeSeated(row: Item[]): Item[] {
    if (!this.seat(row)) return row;
    this.closeByRerouting();
    if (this.row.length > this.fewestNow) this.openToClose(false);
    if (this.options.reshape !== false && this.row.length > this.fewestNow) this.swapToClose();
    this.seatClass = null;
    return this.row;
  }

  /**
   * Seat the classes of a matching of `row` (`seatClass`, and the people left free per class) and make it the row
   * being closed; false, changing nothing, when some position cannot be staffed.
   */
  private seat(row: Item[]): boolean {
    if (this.matchClasses(row).length > 0) return false;
    const { freeClass } = this;
    const seat = this.seatCache;
    seat.set(this.itemClass.subarray(0, row.length));
    freeClass.set(this.classCount);
    for (let j = 0; j < row.length; j++) freeClass[seat[j]]--;
    this.seatClass = seat;
    this.row = row;
    return true;
  }

  /**
   * Narrow the service lists of a slot's final row, so that more people can take its positions: each position
   * serving several services, smallest load first, hands its smallest load to positions that already serve that
   * service (augmenting paths that grow no list), and its next while that succeeds. A one-stop list needs someone
   * with every skill on it, and the laid-out lists of the large benchmark week could each be taken by 1.8 people on
   * average: a covering of the same positions that let anyone with one of a list's skills sit there needed 2 % fewer
   * staff-minutes. Under a switching penalty a list the counter held in the previous slot is kept.
   */
  narrow(row: Item[]): Item[] {
    if (!row.some((p) => p.services.length > 1) || !this.seat(row)) return row;
    const { closed } = this;
    this.prepareClosing();
    const order: number[] = [];
    for (let j = 0; j < row.length; j++) {
      if (row[j].services.length < 2) continue;
      const before = this.options.switchPenaltyMinutes > 0 ? this.prevSet(row[j].counter) : null;
      if (before === null || !sameList(before, row[j].services)) order.push(j);
    }
    const smallest = (j: number) => Math.min(...row[j].loads);
    order.sort((a, b) => smallest(a) - smallest(b) || a - b);
    this.growLists = false;
    for (const j of order) {
      const p = row[j];
      while (p.services.length > 1) {
        let x = 0;
        for (let y = 1; y < p.loads.length; y++) if (p.loads[y] < p.loads[x]) x = y;
        this.victimStamp++;
        this.journalLength = 0;
        closed[j] = 1;
        let need = p.loads[x];
        for (let round = 0; need > EPS && round < MAX_REROUTES; round++) {
          const got = this.augment(p.services[x], need);
          if (got <= EPS) break;
          need -= got;
        }
        closed[j] = 0;
        if (need > EPS) {
          this.undoVictim();
          break;
        }
        p.services = p.services.filter((_, y) => y !== x);
        p.loads = p.loads.filter((_, y) => y !== x);
      }
    }
    this.growLists = true;
    this.compactRow();
    this.seatClass = null;
    return this.row;
  }

  /**
   * For each free one-stop counter, seat the free person whose skills meet most of the slot's required services
   * it can serve, and keep it where two positions then close by rerouting (a position fewer), or, with `swap`,
   * where one does (as many positions, the load gathered on a counter that can take more services); otherwise undo.
   */
  private openToClose(swap: boolean): void {
    const { S, C, model, used, freeClass, capSets, requirements, slotNow, servedBy, servedCount } = this;
    const seat = this.seatCache;
    this.prepareClosing();
    for (let c = 0; c < C; c++) {
      if (used[c] || capSets[c].length < 2) continue;
      if (this.spare < 1 - EPS || this.row.length <= this.fewestNow) return;
      let best = -1;
      let bestCount = 0;
      for (const k of this.spareCompat[c]) {
        if (freeClass[k] <= 0) continue;
        let n = 0;
        for (const x of capSets[c])
          if (model.classSkill[k * S + x] && requirements[slotNow * S + x] > EPS) n++;
        if (n > bestCount) {
          best = k;
          bestCount = n;
        }
      }
      if (best < 0) continue;
      const row = this.row;
      const n0 = row.length;
      this.trialSeat.set(seat.subarray(0, n0));
      this.trialFree.set(freeClass);
      const spare = this.spare;
      row.push({ counter: c, services: [], loads: [] });
      seat[n0] = best;
      freeClass[best]--;
      used[c] = 1;
      this.loadOf[n0] = 0;
      this.closed[n0] = 0;
      for (const s of capSets[c]) servedBy[s * C + servedCount[s]++] = n0;
      this.spare += 1;
      this.trialStamp++;
      this.trialLength = 0;
      this.trialOn = true;
      const closedNow = swap ? this.closeVictims(n0, 1) : this.closeVictims(n0);
      this.trialOn = false;
      if (closedNow >= (swap ? 1 : 2)) {
        this.compactRow();
        this.prepareClosing();
        continue;
      }
      for (let y = 0; y < this.trialLength; y++) {
        const j = this.trialJournal[y];
        row[j].services = this.trialServices[j];
        row[j].loads = this.trialLoads[j];
      }
      for (const s of capSets[c]) servedCount[s]--;
      row.pop();
      this.closed.fill(0, 0, n0);
      seat.set(this.trialSeat.subarray(0, n0));
      freeClass.set(this.trialFree);
      used[c] = 0;
      this.spare = spare;
    }
  }

  /**
   * Where {@link openToClose} leaves the row above its fewest seats: swaps (a free one-stop counter opened wherever
   * one position then closes), then closing by rerouting and {@link openToClose} again over the row they leave.
   * Kept when the row ends with fewer positions; otherwise the row and its counters come back as they were (a swap
   * alone saves nothing and changes service lists). Each swap stops at its first closure: searching on for a
   * second within the same swap found a few more (the large benchmark week 6606 positions instead of 6610) but
   * made this step about 1.7 times as costly.
   */
  private swapToClose(): void {
    const n = this.row.length;
    const row = this.row.map((p) => ({
      counter: p.counter,
      services: p.services.slice(),
      loads: p.loads.slice(),
    }));
    const used = this.used.slice();
    this.openToClose(true);
    this.closeByRerouting();
    if (this.row.length > this.fewestNow) this.openToClose(false);
    if (this.row.length < n) return;
    this.row = row;
    this.used.set(used);
  }

  /**
   * Match positions to the skill classes available in the slot (augmenting paths over classes with capacities).
   * A one-stop position nobody can staff is split into single-service positions (on free counters where needed);
   * a single-service position nobody can staff is unplaced.
   */
  staffPositions(row: Item[], t: number, unplaced: Unplaced[]): Item[] {
    const { classCount, model, used, day, S } = this;
    let items = row;
    for (let attempt = 0; attempt < 3; attempt++) {
      const failed = this.matchClasses(items);
      if (failed.length === 0) return items;
      const bad = new Set(failed);
      const keep = items.filter((_, j) => !bad.has(j));
      const extra: Item[] = [];
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
          if (c < 0) c = this.single[s].find((d) => !used[d]) ?? -1;
          if (c < 0) c = this.shared.find((d) => !used[d] && day.cap[d * S + s] === 1) ?? -1;
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
  matchClasses(items: readonly Item[]): number[] {
    const n = items.length;
    const compat: Int32Array[] = [];
    for (const it of items) compat.push(this.roles.compat[this.roles.id(it.services)]);
    this.classLoad.fill(0);
    const classOf = new Int32Array(n).fill(-1);
    // Fewest compatible classes first; a stable insertion sort keeps equal ones in item order.
    const order: number[] = [];
    for (let j = 0; j < n; j++) {
      let x = order.length;
      order.push(j);
      for (; x > 0 && compat[order[x - 1]].length > compat[j].length; x--) order[x] = order[x - 1];
      order[x] = j;
    }
    const failed: number[] = [];
    for (const j of order) {
      this.round++;
      if (!this.matchItem(j, compat, classOf)) failed.push(j);
    }
    this.itemClass.set(classOf);
    return failed;
  }

  /** One augmenting path giving item `j` a class: a free place in a compatible class, or one freed by moving its holder. */
  private matchItem(j: number, compat: readonly Int32Array[], classOf: Int32Array): boolean {
    const { classLoad, classCount, seen } = this;
    const ks = compat[j];
    for (let x = 0; x < ks.length; x++) {
      const k = ks[x];
      if (classLoad[k] < classCount[k]) {
        classLoad[k]++;
        classOf[j] = k;
        return true;
      }
    }
    for (let x = 0; x < ks.length; x++) {
      const k = ks[x];
      if (seen[k] === this.round || classCount[k] === 0) continue;
      seen[k] = this.round;
      for (let other = 0; other < classOf.length; other++) {
        if (classOf[other] !== k) continue;
        classOf[other] = -1;
        if (this.matchItem(other, compat, classOf)) {
          classOf[j] = k;
          return true;
        }
        classOf[other] = k;
      }
    }
    return false;
  }
}

function unplacedServers(list: readonly Unplaced[]): number {
  let x = 0;
  for (const u of list) x += u.servers;
  return x;
}

/** Sum in list order (as `reduce` from 0, so the rounding is the same wherever it is taken). */
function sumOf(list: readonly number[]): number {
  let x = 0;
  for (let i = 0; i < list.length; i++) x += list[i];
  return x;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Insert `value` into the ascending `list`. */
function insertAscending(list: number[], value: number): void {
  let x = list.length;
  list.push(value);
  for (; x > 0 && list[x - 1] > value; x--) list[x] = list[x - 1];
  list[x] = value;
}

/**
 * Sort `list[from, to)` of distinct indices by `key[index]`, ascending (`sign` 1) or descending (−1), ties by
 * index ascending: a total order, so the result is that of any sort. Insertion sort, as the lists are short.
 */
function sortByKey(list: number[], from: number, to: number, key: ArrayLike<number>, sign: 1 | -1): void {
  for (let i = from + 1; i < to; i++) {
    const a = list[i];
    let x = i;
    for (; x > from; x--) {
      const b = list[x - 1];
      const d = (key[b] - key[a]) * sign;
      if (d < 0 || (d === 0 && b < a)) break;
      list[x] = b;
    }
    list[x] = a;
  }
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}
