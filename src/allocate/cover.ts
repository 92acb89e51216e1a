import { createRng, type Rng } from '../random/rng.js';
import type { DayLayout, RoleTable } from './counters.js';
import { solveCoveringLp } from './covering-lp.js';
import type { AllocationModel, DayModel, PersonGroup } from './model.js';
import { roundCover } from './round-cover.js';
import type { PatternSet } from './shift-rules.js';
import { SlotMatching } from './slot-matching.js';

/** Shifts and seating of one day. */
export interface DayCover {
  /** Pattern index (inside the person's group) per staff member, −1 when they do not work. */
  readonly patternOf: Int32Array;
  readonly matching: SlotMatching;
  /** Local slot index per day position, −1 where closed. */
  readonly localSlot: Int32Array;
}

/** Tuning of {@link coverDay}. */
export interface CoverOptions {
  /** Rounds of best-response improvement after each construction. */
  readonly improveRounds: number;
  /**
   * Constructions to start from, 1–6: LP rounding with specialists first, LP rounding alone, ratio greedy, then
   * sweeps forward, backward, fullest slot first. While positions stay open, the first three are all tried.
   */
  readonly starts: number;
  /** Rounds of pair moves after the local search. */
  readonly pairRounds: number;
  /** Rounds of ejections (part-day shifts merged into others) after the pair moves. */
  readonly ejectionRounds: number;
  /** Ruin-and-recreate iterations after the first construction. */
  readonly lnsIterations: number;
  /**
   * Whether shifts may take the patterns whose break runs beyond its shortest (default true). False keeps to the
   * shortest breaks: `allocate` tries that too on a day left short of staff, where the wider choice can lead the
   * local search to a day that covers less.
   */
  readonly longBreaks?: boolean;
  /**
   * Whether the LP rounding takes the patterns with longer breaks as columns too, when `longBreaks` allows them
   * (default false: they would triple its columns). `allocate` tries that on a day left short of staff, where the
   * LP's wider mix of shifts can cover more.
   */
  readonly lpLongBreaks?: boolean;
  readonly seed: number;
  /**
   * For `max-service`: 1 where one more person of a skill class is worth having (local slot × class). When given,
   * everyone left is rostered on the pattern that works most such slots where they can be seated.
   */
  readonly spareValue?: Uint8Array;
}

/** Constructions tried in all (LP roundings, then the greedy) while positions stay open. */
const FALLBACK_STARTS = 3;
/** People able to take a position are few when they are at most this many. */
const SCARCE = 2;
/** Value of one staffed position against paid minutes: coverage always comes first. */
const BIG = 1e7;
/** Weight of the tie-break (positions still open in the slots worked); far below one paid minute. */
const TIE = 1e-4;
/**
 * A shift is a part-day, and worth trying to merge into others, when it works at least this many minutes less than
 * a full day (the longest shift the rules allow, less its break), or at most this many more than the shortest
 * allowed. A full day rarely merges: the others would have to take a whole day between them.
 */
const PART_DAY_MARGIN_MINUTES = 60;

/**
 * Choose shifts for one day that staff the day's positions at least cost. Constructions: rounding the day's
 * covering LP without skills (specialists — the few who can take some position — first, by best response; then the
 * LP over what they leave open gives the mix of starts, ends and breaks that fits the demand curve, rounded to whole
 * shifts, each handed to the person whose skills fill most, then swaps of shifts between people while they fill
 * more), the set-covering greedy (Chvátal 1979) on positions covered per paid minute, and sweeps along
 * the demand curve. Each gets a round of best-response local search — each person in turn leaves and comes back
 * with the pattern of least cost that covers at least as much, which trims and moves shifts and breaks — and the
 * cheapest gets the remaining rounds, then pair moves (two people who share a skill leave together and come back one
 * after the other), then ejections (each part-day shift is taken away while the people who could stretch over what it
 * leaves open answer by best response; kept when cheaper). Optionally, ruin and recreate (Shaw 1998; Schrimpf et
 * al. 2000) removes the people around an open position, or a few around a random slot, rebuilds with a randomised
 * greedy and keeps the result when it is no worse. Coverage in each slot is a bipartite matching kept maximum by augmenting paths.
 *
 * Complexity per construction O(shifts × (slots × counters + patterns)); per local-search round
 * O(people × (slots × counters + patterns)); per ejection round O(part-day shifts × people × (slots × counters +
 * patterns)).
 */
export function coverDay(
  model: AllocationModel,
  day: DayModel,
  layout: DayLayout,
  roles: RoleTable,
  options: CoverOptions,
): DayCover {
  const c = new Cover(
    model,
    day,
    layout,
    roles,
    createRng(options.seed, day.index),
    options.longBreaks ?? true,
    options.lpLongBreaks ?? false,
  );
  // Each construction gets one round of best response; the best of them gets the remaining rounds. While the best
  // leaves positions open (a day short of staff or skills), the next constructions up to the greedy are tried too.
  let best: Snapshot | null = null;
  let last: Snapshot | null = null;
  const most = Math.max(options.starts, FALLBACK_STARTS);
  for (let start = 0; start < most; start++) {
    if (start >= options.starts && best !== null && best.objective < BIG) break;
    c.clear();
    if (start <= 1) c.roundLp(start === 0);
    else if (start === 2) c.fill(0);
    else c.sweep(start === 3 ? 'forward' : start === 4 ? 'backward' : 'fullest');
    c.improve(Math.min(1, options.improveRounds));
    last = c.snapshot();
    if (best === null || last.objective < best.objective - 1e-9) best = last;
  }
  // The day is the last construction's: it goes back only to a better earlier one.
  if (best !== null && best !== last) c.restore(best);
  if (options.improveRounds > 1) c.improve(options.improveRounds - 1);
  if (options.pairRounds > 0) c.improvePairs(options.pairRounds);
  if (options.ejectionRounds > 0) c.improveEjections(options.ejectionRounds);
  if (options.lnsIterations > 0 && c.canImprove()) c.lns(options.lnsIterations, options.improveRounds);
  if (options.spareValue !== undefined) c.fillSpare(options.spareValue);
  c.finish();
  return { patternOf: c.patternOf, matching: c.matching, localSlot: c.localSlot };
}

class Cover {
  readonly patternOf: Int32Array;
  readonly matching: SlotMatching;
  readonly localSlot: Int32Array;
  private readonly groups: readonly PersonGroup[];
  private readonly K: number;
  private readonly P: number;
  private readonly T: number;
  private readonly L: number;
  private readonly gains: Int8Array;
  private readonly dirty: Uint8Array;
  /** Change count per slot; a cached gain is valid while `gainAt` equals it. */
  private readonly version: Int32Array;
  private readonly gainAt: Int32Array;
  private readonly free: Int32Array;
  /** Prefix sums of the class last passed to {@link prefix} (views into the per-class caches). */
  private pre1: Int32Array;
  private preN: Int32Array;
  /** Prefix sums of open positions, of the current state (or of the state without one person, see {@link prefixWithout}). */
  private preF: Float64Array;
  private readonly preFOwn: Float64Array;
  private readonly pre1Of: Int32Array[];
  private readonly preNOf: Int32Array[];
  /** State stamp each class's prefix sums (and preF) were computed at; the stamp moves on every change. */
  private readonly prefixAt: Int32Array;
  private preFAt = -1;
  private state = 0;
  /**
   * Source of fresh version numbers: every change gets a new one, so a snapshot restored exactly may take back its
   * old versions (and keep the gains and prefix sums cached for it) without ever colliding with a later state.
   */
  private stamps = 0;
  private readonly scratch1: Int32Array;
  private readonly scratchN: Int32Array;
  /** Seating of the slots a shift swap touches, to undo it ({@link trySwap}). */
  private readonly slotState: Int32Array;
  /** Per local slot, 1 where the person arriving in a shift swap could fill one more position ({@link trySwap}). */
  private readonly swapHelps: Uint8Array;

  constructor(
    private readonly model: AllocationModel,
    private readonly day: DayModel,
    private readonly layout: DayLayout,
    roles: RoleTable,
    private readonly rng: Rng,
    /** See {@link CoverOptions.longBreaks}. */
    private readonly longBreaks: boolean,
    /** See {@link CoverOptions.lpLongBreaks}. */
    private readonly lpLongBreaks: boolean,
  ) {
    const gd = model.grid.days[day.index];
    this.K = model.skillClasses.length;
    this.P = model.staffCount;
    this.T = layout.slots.length;
    this.L = gd.length;
    this.localSlot = new Int32Array(this.L).fill(-1);
    layout.slots.forEach((t, i) => {
      this.localSlot[model.grid.slotPosition[t]] = i;
    });
    this.matching = new SlotMatching(model, layout, roles);
    this.patternOf = new Int32Array(this.P).fill(-1);
    this.groups = day.groups;
    this.gains = new Int8Array(this.T * this.K);
    this.gainAt = new Int32Array(this.T * this.K).fill(-1);
    this.version = new Int32Array(this.T);
    this.dirty = new Uint8Array(this.T).fill(1);
    this.free = new Int32Array(this.T);
    this.pre1Of = Array.from({ length: this.K }, () => new Int32Array(this.L + 1));
    this.preNOf = Array.from({ length: this.K }, () => new Int32Array(this.L + 1));
    this.pre1 = this.pre1Of[0] ?? new Int32Array(this.L + 1);
    this.preN = this.preNOf[0] ?? new Int32Array(this.L + 1);
    this.prefixAt = new Int32Array(this.K).fill(-1);
    this.preFOwn = new Float64Array(this.L + 1);
    this.preF = this.preFOwn;
    this.without1 = new Int32Array(this.L + 1);
    this.withoutN = new Int32Array(this.L + 1);
    this.withoutF = new Float64Array(this.L + 1);
    this.lostAt = new Int8Array(this.T);
    this.inShift = new Int32Array(this.T).fill(-1);
    this.scratch1 = new Int32Array(this.L + 1);
    this.scratchN = new Int32Array(this.L + 1);
    this.slotState = new Int32Array(this.T * this.matching.slotStateLength);
    this.swapHelps = new Uint8Array(this.T);
    this.lookedAt = new Int32Array(this.P).fill(-1);
  }

  private readonly workedCache = new Map<PatternSet, { offset: Int32Array; slots: Int16Array }>();

  /** Local slots each pattern works, flattened: pattern q works `slots[offset[q]..offset[q + 1])`. */
  private worked(pat: PatternSet): { offset: Int32Array; slots: Int16Array } {
    let w = this.workedCache.get(pat);
    if (w !== undefined) return w;
    const offset = new Int32Array(pat.count + 1);
    const list: number[] = [];
    for (let q = 0; q < pat.count; q++) {
      const b0 = pat.breakStart[q];
      const b1 = pat.breakEnd[q];
      for (let pos = pat.first[q]; pos <= pat.last[q]; pos++) {
        if (b0 >= 0 && pos >= b0 && pos < b1) continue;
        const i = this.localSlot[pos];
        if (i >= 0) list.push(i);
      }
      offset[q + 1] = list.length;
    }
    w = { offset, slots: Int16Array.from(list) };
    this.workedCache.set(pat, w);
    return w;
  }

  private assign(p: number, q: number): void {
    const { offset, slots } = this.worked(this.groups[this.day.groupOf[p]].patterns);
    this.patternOf[p] = q;
    this.changes = ++this.stamps;
    for (let x = offset[q]; x < offset[q + 1]; x++) {
      this.matching.add(slots[x], p);
      this.dirty[slots[x]] = 1;
    }
  }

  /**
   * Take `p` off duty. Where p was seated, what one more person of p's class gives in that slot is known without a
   * search: the matching is maximum, so it is exactly the position p's leaving lost (1) or not (0); the slot's open
   * count and that gain are brought up to date here. Returns the slots p worked whose positions stay held without
   * them (0 when p was needed in every slot).
   */
  private unassign(p: number): number {
    const q = this.patternOf[p];
    if (q < 0) return 0;
    this.changes = ++this.stamps;
    let unneeded = 0;
    const { offset, slots } = this.worked(this.groups[this.day.groupOf[p]].patterns);
    const { matching, K, P } = this;
    const k = this.model.skillClassOf[p];
    for (let x = offset[q]; x < offset[q + 1]; x++) {
      const i = slots[x];
      const seated = matching.counterOf[i * P + p] >= 0;
      const lost = matching.remove(i, p);
      unneeded += 1 - lost;
      if (!seated) {
        this.dirty[i] = 1;
        continue;
      }
      this.free[i] = this.dirty[i] ? matching.freeCount(i) : this.free[i] + lost;
      this.dirty[i] = 0;
      this.version[i] = ++this.stamps;
      this.gains[i * K + k] = lost;
      this.gainAt[i * K + k] = this.version[i];
    }
    this.state = ++this.stamps;
    this.patternOf[p] = -1;
    return unneeded;
  }

  /** Bring the open-position counts of changed slots up to date (gains are cached lazily, see {@link gain}). */
  private refresh(): void {
    for (let i = 0; i < this.T; i++) {
      if (this.dirty[i]) {
        this.free[i] = this.matching.freeCount(i);
        this.version[i] = ++this.stamps;
        this.dirty[i] = 0;
        this.state = ++this.stamps;
      }
    }
  }

  /** What one more person of class `k` gives in local slot `i` (1, 0, −1), cached until the slot changes. */
  private gain(i: number, k: number): number {
    const x = i * this.K + k;
    if (this.gainAt[x] !== this.version[i]) {
      this.gains[x] = this.matching.probe(i, k);
      this.gainAt[x] = this.version[i];
    }
    return this.gains[x];
  }

  /** Open positions over the day. */
  uncovered(): number {
    this.refresh();
    let n = 0;
    for (let i = 0; i < this.T; i++) n += this.free[i];
    return n;
  }

  canImprove(): boolean {
    return this.groups.some((g) => g.members.length > 0);
  }

  /** Paid minutes × cost plus BIG per open position. */
  objective(): number {
    let cost = 0;
    for (let p = 0; p < this.P; p++) {
      const q = this.patternOf[p];
      if (q < 0) continue;
      const g = this.groups[this.day.groupOf[p]];
      cost += g.patterns.worked[q] * g.costPerMinute;
    }
    return cost + BIG * this.uncovered();
  }

  /** Prefix sums over day positions of class `k`'s gains: pre1 counts +1 slots, preN unseatable slots. */
  private prefix(k: number): void {
    const { L, localSlot, preFOwn: preF, free } = this;
    this.preF = preF;
    const pre1 = this.pre1Of[k];
    const preN = this.preNOf[k];
    this.pre1 = pre1;
    this.preN = preN;
    if (this.prefixAt[k] !== this.state) {
      for (let pos = 0; pos < L; pos++) {
        const i = localSlot[pos];
        const v = i >= 0 ? this.gain(i, k) : 0;
        pre1[pos + 1] = pre1[pos] + (v === 1 ? 1 : 0);
        preN[pos + 1] = preN[pos] + (v < 0 ? 1 : 0);
      }
      this.prefixAt[k] = this.state;
    }
    if (this.preFAt !== this.state) {
      for (let pos = 0; pos < L; pos++)
        preF[pos + 1] = preF[pos] + (localSlot[pos] >= 0 ? free[localSlot[pos]] : 0);
      this.preFAt = this.state;
    }
  }

  private readonly without1: Int32Array;
  private readonly withoutN: Int32Array;
  private readonly withoutF: Float64Array;
  private readonly lostAt: Int8Array;
  /** Marks the local slots of the person {@link prefixWithout} looks at (the person's index, −1 elsewhere). */
  private readonly inShift: Int32Array;

  /**
   * The prefix sums of {@link prefix} for person `p`'s class as they would be with `p` off duty, without taking
   * them off: in the slots `p` works, one more person of their class gains exactly the position their leaving
   * would lose (the matching is maximum), and can be seated; elsewhere nothing changes. Returns false (and computes
   * nothing) where `p` is not seated in some slot.
   */
  private prefixWithout(p: number, k: number): boolean {
    const { L, localSlot, free, matching, inShift, lostAt } = this;
    const { offset, slots } = this.worked(this.groups[this.day.groupOf[p]].patterns);
    const q = this.patternOf[p];
    for (let x = offset[q]; x < offset[q + 1]; x++) {
      const i = slots[x];
      const m = matching.counterOf[i * this.P + p];
      if (m < 0) {
        for (let y = offset[q]; y < x; y++) inShift[slots[y]] = -1;
        return false;
      }
      inShift[i] = p;
      lostAt[i] = matching.wouldLose(i, m) ? 1 : 0;
    }
    const pre1 = this.without1;
    const preN = this.withoutN;
    const preF = this.withoutF;
    for (let pos = 0; pos < L; pos++) {
      const i = localSlot[pos];
      let v = 0;
      let f = 0;
      if (i >= 0) {
        if (inShift[i] === p) {
          v = lostAt[i];
          f = free[i] + v;
        } else {
          v = this.gain(i, k);
          f = free[i];
        }
      }
      pre1[pos + 1] = pre1[pos] + (v === 1 ? 1 : 0);
      preN[pos + 1] = preN[pos] + (v < 0 ? 1 : 0);
      preF[pos + 1] = preF[pos] + f;
    }
    for (let x = offset[q]; x < offset[q + 1]; x++) inShift[slots[x]] = -1;
    this.pre1 = pre1;
    this.preN = preN;
    this.preF = preF;
    return true;
  }

  /**
   * Best pattern of group `g` by the greedy key: positions gained per paid minute, then more positions, then
   * positions still open in the slots worked. Needs {@link prefix} of the group's class. Returns the key (0 when no
   * pattern gains anything) and the pattern in `this.bestQ`.
   */
  private bestPattern(g: number, noise: number): number {
    const grp = this.groups[g];
    const pat = grp.patterns;
    const { pre1, preN, preF, L } = this;
    const { first, last, breakStart, breakEnd, worked, shortest, familyStart, familyWorked } = pat;
    let best = 0;
    this.bestQ = -1;
    for (let f = 0; f + 1 < familyStart.length; f++) {
      const q0 = familyStart[f];
      const i = first[q0];
      const j = last[q0] + 1;
      const span1 = pre1[j] - pre1[i];
      // Without noise, a family whose whole span, worked at its least, would not come near the best is skipped.
      if (span1 === 0) continue;
      if (noise === 0) {
        const top = span1 / (familyWorked[f] * grp.costPerMinute) + (1e-4 * span1) / L;
        if (top < best - 1e-6) continue;
      }
      const spanN = preN[j] - preN[i];
      for (let q = q0; q < familyStart[f + 1]; q++) {
        if (!this.longBreaks && shortest[q] === 0) continue;
        const b0 = breakStart[q];
        let neg = spanN;
        let g1 = span1;
        if (b0 >= 0) {
          const b1 = breakEnd[q];
          neg -= preN[b1] - preN[b0];
          g1 -= pre1[b1] - pre1[b0];
        }
        if (neg > 0 || g1 === 0) continue;
        let ratio = g1 / (worked[q] * grp.costPerMinute);
        if (noise > 0) ratio *= 1 + noise * (this.rng.next() - 0.5);
        const base = ratio + (1e-4 * g1) / L;
        // The tie-break term is below 1e-6: look at it only when the main key is that close to the best.
        if (base < best - 1e-6) continue;
        const key = base + 1e-9 * sumOver(preF, pat, q);
        if (key > best) {
          best = key;
          this.bestQ = q;
        }
      }
    }
    return best;
  }

  private bestQ = -1;

  /** The first member of a group who is off duty, or −1. */
  private firstOff(group: PersonGroup): number {
    for (const p of group.members) if (this.patternOf[p] < 0) return p;
    return -1;
  }

  /**
   * Greedy construction from the current state, lazily (Minoux 1978): a group's last key bounds its next one,
   * since adding people only closes positions and seats. `noise` > 0 randomises the ratio (recreate).
   */
  fill(noise: number): void {
    const { groups } = this;
    const G = groups.length;
    const bound = new Float64Array(G);
    const next = new Int32Array(G).fill(-1);
    for (let g = 0; g < G; g++) {
      next[g] = this.firstOff(groups[g]);
      bound[g] = next[g] >= 0 ? Number.POSITIVE_INFINITY : 0;
    }
    for (;;) {
      let top = -1;
      let second = 0;
      for (let g = 0; g < G; g++) {
        if (top < 0 || bound[g] > bound[top]) {
          if (top >= 0) second = Math.max(second, bound[top]);
          top = g;
        } else second = Math.max(second, bound[g]);
      }
      if (top < 0 || bound[top] <= 0) return;
      this.refresh();
      this.prefix(groups[top].skillClass);
      const key = this.bestPattern(top, noise);
      bound[top] = key;
      if (key <= 0 || key < second - 1e-12) continue;
      this.assign(next[top], this.bestQ);
      next[top] = this.firstOff(groups[top]);
      if (next[top] < 0) bound[top] = 0;
    }
  }

  /**
   * LP-rounding construction, optionally after the specialists (see {@link placeScarce}): solve the day's covering
   * LP without skills (positions still open per slot, patterns of each availability, people left) and round it to
   * a whole roster of the same kind — the LP's whole shifts, then its fractional shifts taken by positions still
   * short per paid minute, then redundant shifts dropped. Skills then
   * decide who works each shift: the person (of the shift's availability) whose class fills most open positions on
   * it, then swaps of shifts between people of one availability while they fill more positions; the greedy
   * completes what is still open. The LP shows which mix of starts, ends and breaks fits the demand curve.
   */
  roundLp(specialistsFirst: boolean): void {
    const { groups, T } = this;
    if (specialistsFirst) this.placeScarce();
    this.refresh();
    const types = new Map<PatternSet, Map<number, number[]>>();
    groups.forEach((g, gi) => {
      let byCost = types.get(g.patterns);
      if (byCost === undefined) {
        byCost = new Map();
        types.set(g.patterns, byCost);
      }
      const list = byCost.get(g.costPerMinute) ?? [];
      list.push(gi);
      byCost.set(g.costPerMinute, list);
    });
    const coverStart: number[] = [0];
    const coverRows: number[] = [];
    const cost: number[] = [];
    const group: number[] = [];
    const cap: number[] = [];
    const colType: { pat: PatternSet; q: number; groups: number[] }[] = [];
    let maxCost = 1;
    for (const [pat, byCost] of types) {
      for (const [unitCost, gs] of byCost) {
        let off = 0;
        for (const gi of gs) for (const p of groups[gi].members) if (this.patternOf[p] < 0) off++;
        if (off === 0) continue;
        cap.push(off);
        maxCost = Math.max(maxCost, unitCost);
        const { offset, slots } = this.worked(pat);
        for (let q = 0; q < pat.count; q++) {
          // Longer breaks are usually left to the local search: they would triple the LP's columns.
          if (pat.shortest[q] === 0 && !(this.lpLongBreaks && this.longBreaks)) continue;
          for (let x = offset[q]; x < offset[q + 1]; x++) coverRows.push(slots[x]);
          coverStart.push(coverRows.length);
          // A tiny cost per break steers the LP among equal optima to rosters without breaks, which round well.
          cost.push(pat.worked[q] * unitCost + (pat.breakStart[q] >= 0 ? 1e-3 : 0));
          group.push(cap.length - 1);
          colType.push({ pat, q, groups: gs });
        }
      }
    }
    // What the specialists left open is what the LP has to cover.
    const demand = new Float64Array(T);
    for (let i = 0; i < T; i++) demand[i] = this.free[i];
    const lp = solveCoveringLp(
      demand,
      Int32Array.from(coverStart),
      Int32Array.from(coverRows),
      Float64Array.from(cost),
      Int32Array.from(group),
      Float64Array.from(cap),
      10 * this.L * maxCost,
    );
    const count = roundCover(lp.x, demand, coverStart, coverRows, cost, group, cap);
    // Longest shifts first: they meet the most slots, so they get the widest choice of people.
    const shifts: number[] = [];
    for (let j = 0; j < count.length; j++) for (let c = 0; c < count[j]; c++) shifts.push(j);
    shifts.sort((a, b) => coverStart[b + 1] - coverStart[b] - (coverStart[a + 1] - coverStart[a]) || a - b);
    for (const j of shifts) this.placeShift(colType[j].pat, colType[j].q, colType[j].groups);
    this.swapShifts(1);
    this.fill(0);
  }

  /**
   * Specialists first: people who are among the few (at most {@link SCARCE}) able to take some position of the day
   * each get, scarcest first, the pattern of least cost among those filling most open positions (best response).
   */
  private placeScarce(): void {
    const { K, T, model, day } = this;
    const heads = new Int32Array(K);
    for (const g of day.groups) heads[g.skillClass] += g.members.length;
    const scarcity = new Int32Array(K).fill(SCARCE + 1);
    for (let i = 0; i < T; i++) {
      for (const pos of this.layout.positions[i]) {
        const ks = this.matching.compatList(i, pos.counter);
        let n = 0;
        for (const k of ks) n += heads[k];
        if (n > SCARCE) continue;
        for (const k of ks) scarcity[k] = Math.min(scarcity[k], n);
      }
    }
    const people: number[] = [];
    for (let p = 0; p < this.P; p++) {
      if (day.groupOf[p] >= 0 && scarcity[model.skillClassOf[p]] <= SCARCE) people.push(p);
    }
    people.sort((a, b) => scarcity[model.skillClassOf[a]] - scarcity[model.skillClassOf[b]] || a - b);
    for (const p of people) if (this.patternOf[p] < 0) this.respond(p);
  }

  /**
   * Give shift `q` of `pat` to a free person of one of `gs` (groups sharing that pattern set): the one whose class
   * fills most open positions on it, then the one with fewest skills (keeping versatile people for later shifts).
   * Nobody is put where they could not be seated.
   */
  private placeShift(pat: PatternSet, q: number, gs: readonly number[]): void {
    const { offset, slots } = this.worked(pat);
    this.refresh();
    let bestP = -1;
    let bestGain = -1;
    let bestSkills = 0;
    for (const gi of gs) {
      const grp = this.groups[gi];
      const p = this.firstOff(grp);
      if (p < 0) continue;
      const k = grp.skillClass;
      let gain = 0;
      let seatable = true;
      for (let x = offset[q]; x < offset[q + 1] && seatable; x++) {
        const v = this.gain(slots[x], k);
        if (v < 0) seatable = false;
        else gain += v;
      }
      if (!seatable) continue;
      const skills = this.model.skillClasses[k].length;
      if (gain > bestGain || (gain === bestGain && skills < bestSkills)) {
        bestGain = gain;
        bestP = p;
        bestSkills = skills;
      }
    }
    if (bestP >= 0) this.assign(bestP, q);
  }

  /**
   * Swaps that keep the roster's shifts and change who works them: a person on duty whose shift meets an open
   * position trades shifts with a person of another class and the same pattern set and cost — on duty, or off duty
   * and then taking the shift over (one of each group is enough: they are interchangeable) — when that leaves fewer
   * positions open and everyone seated. Each round looks at every such pair once.
   */
  private swapShifts(rounds: number): void {
    const { groups, day } = this;
    for (let round = 0; round < rounds; round++) {
      let improved = false;
      for (let a = 0; a < this.P; a++) {
        const qa = this.patternOf[a];
        if (qa < 0) continue;
        const ga = groups[day.groupOf[a]];
        const { offset, slots } = this.worked(ga.patterns);
        this.refresh();
        let open = 0;
        for (let x = offset[qa]; x < offset[qa + 1]; x++) open += this.free[slots[x]];
        if (open === 0) continue;
        for (let gb = 0; gb < groups.length && this.patternOf[a] === qa; gb++) {
          const grp = groups[gb];
          if (grp.patterns !== ga.patterns || grp.costPerMinute !== ga.costPerMinute) continue;
          if (grp.skillClass === ga.skillClass) continue;
          // Only a class that could take one of the open positions on a's shift can help.
          let useful = false;
          for (let x = offset[qa]; x < offset[qa + 1] && !useful; x++) {
            if (this.free[slots[x]] > 0 && this.gain(slots[x], grp.skillClass) === 1) useful = true;
          }
          if (!useful) continue;
          let offTried = false;
          for (const b of grp.members) {
            const qb = this.patternOf[b];
            if (qb === qa || (qb < 0 && offTried)) continue;
            if (qb < 0) offTried = true;
            if (this.trySwap(a, b)) {
              improved = true;
              break;
            }
          }
        }
      }
      if (!improved) break;
    }
  }

  /**
   * Swap the shifts of `a` (on duty) and `b` (same pattern set; off duty, and then `a` goes off duty) when fewer
   * positions stay open; else change nothing. Only the slots one shift works and the other does not change hands.
   */
  private trySwap(a: number, b: number): boolean {
    const { matching, free } = this;
    const qa = this.patternOf[a];
    const qb = this.patternOf[b];
    const { offset, slots } = this.worked(this.groups[this.day.groupOf[a]].patterns);
    const onlyA = this.scratch1;
    const onlyB = this.scratchN;
    let nA = 0;
    let nB = 0;
    let x = offset[qa];
    let y = qb < 0 ? 0 : offset[qb];
    const xEnd = offset[qa + 1];
    const yEnd = qb < 0 ? 0 : offset[qb + 1];
    while (x < xEnd || y < yEnd) {
      if (y >= yEnd || (x < xEnd && slots[x] < slots[y])) onlyA[nA++] = slots[x++];
      else if (x >= xEnd || slots[y] < slots[x]) onlyB[nB++] = slots[y++];
      else {
        x++;
        y++;
      }
    }
    this.refresh();
    // One person leaving and another arriving changes a slot's open count by at most one, and lowers it only where
    // the newcomer's class would fill one more position with the leaver still there (a maximum matching without the
    // leaver and with the newcomer is no larger than one with both). The swap is given up as soon as the slots left
    // cannot bring the total below where it was.
    const kb = this.model.skillClassOf[b];
    const ka = this.model.skillClassOf[a];
    const helps = this.swapHelps;
    let potential = 0;
    for (let j = 0; j < nA; j++) {
      const i = onlyA[j];
      helps[i] = free[i] > 0 && this.gain(i, kb) === 1 ? 1 : 0;
      potential += helps[i];
    }
    if (potential === 0) return false;
    for (let j = 0; j < nB; j++) {
      const i = onlyB[j];
      helps[i] = free[i] > 0 && this.gain(i, ka) === 1 ? 1 : 0;
      potential += helps[i];
    }
    // The slots that change hands are saved, so that a swap that does not pay is undone by copying them back.
    const saved = this.slotState;
    const len = matching.slotStateLength;
    let change = 0;
    let ok = true;
    let doneA = 0;
    let doneB = 0;
    while (ok && doneA < nA && change < potential) {
      const i = onlyA[doneA];
      matching.save(i, saved, doneA * len);
      doneA++;
      matching.remove(i, a);
      if (matching.add(i, b) < 0) ok = false;
      potential -= helps[i];
      change += matching.freeCount(i) - free[i];
    }
    while (ok && doneA === nA && doneB < nB && change < potential) {
      const i = onlyB[doneB];
      matching.save(i, saved, (nA + doneB) * len);
      doneB++;
      matching.remove(i, b);
      if (matching.add(i, a) < 0) ok = false;
      potential -= helps[i];
      change += matching.freeCount(i) - free[i];
    }
    if (ok && doneA === nA && doneB === nB && change < 0) {
      this.patternOf[a] = qb;
      this.patternOf[b] = qa;
      this.changes = ++this.stamps;
      for (let j = 0; j < nA; j++) this.dirty[onlyA[j]] = 1;
      for (let j = 0; j < nB; j++) this.dirty[onlyB[j]] = 1;
      return true;
    }
    // Undo: the seating comes back exactly, so the cached counts and gains stay valid.
    for (let j = 0; j < doneA; j++) matching.load(onlyA[j], saved, j * len);
    for (let j = 0; j < doneB; j++) matching.load(onlyB[j], saved, (nA + j) * len);
    return false;
  }

  /**
   * Sweep construction: while some slot has an open position, the first one in `order` (earliest, latest, or the
   * one with most open positions) that someone can still take gets the pattern (among those working it) with the
   * best greedy key — shifts then start where demand starts and end where it falls, as rosters built along the
   * demand curve do.
   */
  sweep(order: 'forward' | 'backward' | 'fullest'): void {
    const { groups, T, L, localSlot } = this;
    const stuck = new Uint8Array(T);
    for (;;) {
      this.refresh();
      let i = -1;
      for (let j = 0; j < T; j++) {
        const jj = order === 'backward' ? T - 1 - j : j;
        if (this.free[jj] === 0 || stuck[jj]) continue;
        if (i < 0 || (order === 'fullest' && this.free[jj] > this.free[i])) i = jj;
        if (order !== 'fullest') break;
      }
      if (i < 0) return;
      let pos = 0;
      while (pos < L && localSlot[pos] !== i) pos++;
      let bestKey = 0;
      let bestP = -1;
      let bestQ = -1;
      const seenClass = new Int32Array(this.K).fill(-1);
      for (let g = 0; g < groups.length; g++) {
        const grp = groups[g];
        let p = -1;
        for (const m of grp.members) {
          if (this.patternOf[m] < 0) {
            p = m;
            break;
          }
        }
        if (p < 0 || this.gain(i, grp.skillClass) !== 1) continue;
        if (seenClass[grp.skillClass] !== 1) {
          this.prefix(grp.skillClass);
          seenClass.fill(0);
          seenClass[grp.skillClass] = 1;
        }
        const pat = grp.patterns;
        for (let q = 0; q < pat.count; q++) {
          if (pat.first[q] > pos || pat.last[q] < pos || (!this.longBreaks && pat.shortest[q] === 0))
            continue;
          if (pat.breakStart[q] >= 0 && pos >= pat.breakStart[q] && pos < pat.breakEnd[q]) continue;
          if (sumOver(this.preN, pat, q) > 0) continue;
          const g1 = sumOver(this.pre1, pat, q);
          const key =
            g1 / (pat.worked[q] * grp.costPerMinute) + (1e-4 * g1) / L + 1e-9 * sumOver(this.preF, pat, q);
          if (key > bestKey) {
            bestKey = key;
            bestP = p;
            bestQ = q;
          }
        }
      }
      if (bestP < 0) stuck[i] = 1;
      else this.assign(bestP, bestQ);
    }
  }

  /** Best-response rounds: each person leaves and returns with the cheapest pattern covering at least as much. */
  improve(rounds: number, only?: Uint8Array): void {
    // Don't-look bits: a person is looked at again only when the day changed since their last look (kept across
    // calls: a look at an unchanged day gives the same answer).
    const { lookedAt } = this;
    for (let round = 0; round < rounds; round++) {
      let improved = false;
      for (let g = 0; g < this.groups.length; g++) {
        const grp = this.groups[g];
        const pat = grp.patterns;
        for (const p of grp.members) {
          const old = this.patternOf[p];
          if (old < 0 || lookedAt[p] === this.changes || (only !== undefined && only[p] === 0)) continue;
          this.refresh();
          // Look at the day without p (computed, not done), and change something only when p should move.
          const seen = this.prefixWithout(p, grp.skillClass);
          if (!seen) {
            this.unassign(p);
            this.refresh();
            this.prefix(grp.skillClass);
          }
          const oldCost = this.responseCost(pat, grp.costPerMinute, old);
          // Only a pattern cheaper than p's own is of use, so the search starts from its cost.
          let best = this.bestResponse(pat, grp.costPerMinute, Math.min(0, oldCost));
          if (!(this.bestCost < oldCost - 1e-9)) best = old;
          if (seen && best !== old) this.unassign(p);
          if (!seen || best !== old) {
            if (best >= 0) this.assign(p, best);
          }
          if (best !== old) improved = true;
          lookedAt[p] = this.changes;
        }
      }
      if (!improved) break;
    }
  }

  /**
   * Id of the day as it is, for the don't-look bits of {@link improve}: every change (people put on or taken off
   * duty) takes a fresh stamp, and a restored snapshot takes back its own.
   */
  private changes = 0;
  /** Value of {@link changes} when each person was last looked at by {@link improve}. */
  private readonly lookedAt: Int32Array;

  /**
   * Pair moves: two people who share a skill leave together and come back one after the other by best response,
   * each taking the cheapest pattern that covers most; kept when the day gets cheaper. Finds the swaps that one
   * person alone cannot make (one takes the other's afternoon, the other stops earlier).
   */
  improvePairs(rounds: number): void {
    const on: number[] = [];
    const saved = this.snapshot(0);
    for (let r = 0; r < rounds; r++) {
      on.length = 0;
      for (let p = 0; p < this.P; p++) if (this.patternOf[p] >= 0) on.push(p);
      let improved = false;
      let current = this.objective();
      // A rejected move restores the day exactly, so the saved copy is renewed only when a move is kept.
      this.snapshot(current, saved);
      for (let a = 0; a < on.length; a++) {
        for (let b = a + 1; b < on.length; b++) {
          const p = on[a];
          const q = on[b];
          if (this.patternOf[p] < 0 || this.patternOf[q] < 0 || !this.shareSkill(p, q)) continue;
          const day = this.changes;
          const oldP = this.patternOf[p];
          this.unassign(p);
          this.unassign(q);
          this.respond(p);
          // p came back to its shift and q's last look was at this very day: q would come back to its own too.
          if (this.patternOf[p] === oldP && this.lookedAt[q] === day) {
            this.restore(saved);
            continue;
          }
          // q's answer is priced before it is made: each position its pattern gains is one fewer left open.
          const back = this.response(q);
          const after = this.objective() + this.responseDelta;
          if (after < current - 1e-9) {
            if (back >= 0) this.assign(q, back);
            current = after;
            improved = true;
            this.snapshot(this.objective(), saved);
          } else this.restore(saved);
        }
      }
      if (!improved) break;
    }
  }

  /**
   * Ejections: a part-day shift merged into others. Each person on a part-day shift (see
   * {@link PART_DAY_MARGIN_MINUTES}), shortest first, goes off duty; the people who could take a position so
   * left open by stretching their shift or moving their break answer by best response, two rounds; the person comes
   * back by best response to what is still open, maybe on a shorter shift; one more round trims. Kept when the day
   * gets cheaper, else undone. Finds the merges that one person or a pair cannot make alone: a half-day shift goes
   * when several others each stretch a little, their unpaid breaks falling where fewer people are needed.
   * A later round tries a shift again only where one of its slots changed since its last failed try (don't-look
   * bits): elsewhere the attempt would replay the same moves. A shift whose every slot needs its person is skipped.
   */
  improveEjections(rounds: number): void {
    const { P, K, T, day, groups } = this;
    const sm = this.model.grid.slotMinutes;
    const { minShiftMinutes, maxShiftMinutes, breakMinutes } = day.rules;
    const longest = Math.floor(
      Math.max(
        minShiftMinutes + PART_DAY_MARGIN_MINUTES,
        maxShiftMinutes - breakMinutes - PART_DAY_MARGIN_MINUTES,
      ) / sm,
    );
    const saved = this.snapshot(0);
    const partDay: number[] = [];
    const takers = new Uint8Array(P);
    const classTakes = new Int8Array(K);
    // Kept ejections so far; per person, their count at the person's last failed try; per slot, at its last change.
    let kept = 0;
    const failedAt = new Int32Array(P).fill(-1);
    const changedAt = new Int32Array(T).fill(-1);
    for (let r = 0; r < rounds; r++) {
      partDay.length = 0;
      for (let p = 0; p < P; p++) {
        const q = this.patternOf[p];
        if (q < 0) continue;
        const pat = groups[day.groupOf[p]].patterns;
        if (pat.worked[q] > longest) continue;
        if (failedAt[p] >= 0) {
          const { offset, slots } = this.worked(pat);
          let changed = false;
          for (let y = offset[q]; y < offset[q + 1] && !changed; y++)
            changed = changedAt[slots[y]] >= failedAt[p];
          if (!changed) continue;
        }
        partDay.push(p);
      }
      const worked = (p: number) => groups[day.groupOf[p]].patterns.worked[this.patternOf[p]];
      partDay.sort((a, b) => worked(a) - worked(b) || a - b);
      let improved = false;
      let current = this.objective();
      this.snapshot(current, saved);
      for (const p of partDay) {
        const q = this.patternOf[p];
        if (q < 0) continue;
        // A shift needed in every slot it works is not tried: the others would have to add at least as many paid
        // slots as it frees, so only a reshuffle elsewhere could pay (46 of 7,288 such tries did on the city batch).
        if (this.unassign(p) === 0) {
          failedAt[p] = kept;
          this.restore(saved);
          continue;
        }
        this.markTakers(p, q, takers, classTakes);
        const changes = this.changes;
        this.improve(2, takers);
        // Nobody moved: p's return would be the single best-response move the local search has already looked at.
        if (this.changes === changes) {
          failedAt[p] = kept;
          this.restore(saved);
          continue;
        }
        this.respond(p);
        this.improve(1, takers);
        const after = this.objective();
        if (after < current - 1e-9) {
          current = after;
          improved = true;
          for (let x = 0; x < T; x++) if (this.version[x] !== saved.version[x]) changedAt[x] = kept;
          kept++;
          this.snapshot(after, saved);
        } else {
          failedAt[p] = kept;
          this.restore(saved);
        }
      }
      if (!improved) break;
    }
  }

  /**
   * Mark in `takers` the people on duty who could take a position off-duty `p` left open by stretching their shift
   * or moving their break: their class gains a position in a slot of `p`'s pattern `q` that their own shift does not
   * work (`classTakes`: scratch per class). Others would only trade seats, which the matching already does.
   */
  private markTakers(p: number, q: number, takers: Uint8Array, classTakes: Int8Array): void {
    this.refresh();
    const { offset, slots } = this.worked(this.groups[this.day.groupOf[p]].patterns);
    const { skillClassOf, grid } = this.model;
    const { K, gains } = this;
    // Only a slot with an open position can gain one; there every class is looked at, in one backward search.
    classTakes.fill(0);
    for (let y = offset[q]; y < offset[q + 1]; y++) {
      const i = slots[y];
      if (this.free[i] === 0) continue;
      this.matching.probeAll(i, gains, i * K);
      this.gainAt.fill(this.version[i], i * K, (i + 1) * K);
      for (let k = 0; k < K; k++) if (gains[i * K + k] === 1) classTakes[k] = 1;
    }
    for (let x = 0; x < this.P; x++) {
      takers[x] = 0;
      const qx = this.patternOf[x];
      if (qx < 0) continue;
      const k = skillClassOf[x];
      if (classTakes[k] === 0) continue;
      const px = this.groups[this.day.groupOf[x]].patterns;
      for (let y = offset[q]; y < offset[q + 1] && takers[x] === 0; y++) {
        const i = slots[y];
        if (this.free[i] === 0 || gains[i * K + k] !== 1) continue;
        const pos = grid.slotPosition[this.layout.slots[i]];
        const onBreak = px.breakStart[qx] >= 0 && pos >= px.breakStart[qx] && pos < px.breakEnd[qx];
        if (pos < px.first[qx] || pos > px.last[qx] || onBreak) takers[x] = 1;
      }
    }
  }

  private shareSkill(p: number, q: number): boolean {
    const S = this.model.serviceCount;
    for (let s = 0; s < S; s++) if (this.model.skill[p * S + s] && this.model.skill[q * S + s]) return true;
    return false;
  }

  /** Put an off-duty person on the pattern of least cost that gains most (or leave them off). */
  private respond(p: number): void {
    const best = this.response(p);
    if (best >= 0) this.assign(p, best);
  }

  /**
   * The pattern {@link respond} would give off-duty person `p` (−1: none), without giving it; the change it would
   * make to {@link objective} is left in `responseDelta`.
   */
  private response(p: number): number {
    const grp = this.groups[this.day.groupOf[p]];
    const pat = grp.patterns;
    this.refresh();
    this.prefix(grp.skillClass);
    const best = this.bestResponse(pat, grp.costPerMinute);
    this.responseDelta =
      best < 0 ? 0 : pat.worked[best] * grp.costPerMinute - BIG * sumOver(this.pre1, pat, best);
    return best;
  }

  private responseDelta = 0;

  /** Paid cost minus BIG per position gained (and a tie-break for working where positions are open). */
  private responseCost(pat: PatternSet, costPerMinute: number, q: number): number {
    if (sumOver(this.preN, pat, q) > 0) return Number.POSITIVE_INFINITY;
    return (
      pat.worked[q] * costPerMinute - BIG * sumOver(this.pre1, pat, q) - TIE * sumOver(this.preF, pat, q)
    );
  }

  /**
   * The pattern of least {@link responseCost} below `bound` (≤ 0; −1 = off duty, cost 0, or none below a negative
   * `bound`), and its cost (`bound` when none), in one pass; the tie-break sum is read only for patterns within its
   * reach of the best, and a family (same first and last positions) only when its whole span, worked at its least,
   * would be.
   */
  private bestResponse(pat: PatternSet, costPerMinute: number, bound = 0): number {
    const { pre1, preN } = this;
    const { first, last, breakStart, breakEnd, worked, shortest, familyStart, familyWorked } = pat;
    const slack = TIE * this.preF[this.L];
    let best = -1;
    let bestCost = bound;
    for (let f = 0; f + 1 < familyStart.length; f++) {
      const q0 = familyStart[f];
      const i = first[q0];
      const j = last[q0] + 1;
      const span1 = pre1[j] - pre1[i];
      // No pattern of the family gains more than its whole span, nor works less than the family's least.
      if (familyWorked[f] * costPerMinute - BIG * span1 - slack >= bestCost - 1e-9) continue;
      const spanN = preN[j] - preN[i];
      for (let q = q0; q < familyStart[f + 1]; q++) {
        if (!this.longBreaks && shortest[q] === 0) continue;
        const b0 = breakStart[q];
        let neg = spanN;
        let g1 = span1;
        if (b0 >= 0) {
          const b1 = breakEnd[q];
          neg -= preN[b1] - preN[b0];
          g1 -= pre1[b1] - pre1[b0];
        }
        if (neg > 0) continue;
        const primary = worked[q] * costPerMinute - BIG * g1;
        if (primary - slack >= bestCost - 1e-9) continue;
        const c = primary - TIE * sumOver(this.preF, pat, q);
        if (c < bestCost - 1e-9) {
          bestCost = c;
          best = q;
        }
      }
    }
    this.bestCost = bestCost;
    return best;
  }

  private bestCost = 0;

  /** Roster everyone left on the pattern working the most valuable slots where they can be seated. */
  fillSpare(value: Uint8Array): void {
    const { K, L, groups, localSlot } = this;
    const pre1 = this.scratch1;
    const preN = this.scratchN;
    for (let g = 0; g < groups.length; g++) {
      const grp = groups[g];
      const pat = grp.patterns;
      const k = grp.skillClass;
      for (const p of grp.members) {
        if (this.patternOf[p] >= 0) continue;
        this.refresh();
        for (let pos = 0; pos < L; pos++) {
          const i = localSlot[pos];
          const v = i >= 0 ? this.gain(i, k) : 0;
          pre1[pos + 1] = pre1[pos] + (v >= 0 && i >= 0 ? value[i * K + k] : 0);
          preN[pos + 1] = preN[pos] + (v < 0 ? 1 : 0);
        }
        let best = -1;
        let bestV = 0;
        for (let q = 0; q < pat.count; q++) {
          if ((!this.longBreaks && pat.shortest[q] === 0) || sumOver(preN, pat, q) > 0) continue;
          const v = sumOver(pre1, pat, q);
          if (v > bestV || (v === bestV && best >= 0 && pat.worked[q] < pat.worked[best])) {
            bestV = v;
            best = q;
          }
        }
        if (best >= 0) this.assign(p, best);
      }
    }
  }

  /** The current solution, for {@link restore}; written into `into` when given (no allocation). */
  snapshot(objective = this.objective(), into?: Snapshot): Snapshot {
    if (into === undefined) {
      return {
        objective,
        pattern: this.patternOf.slice(),
        counter: this.matching.counterOf.slice(),
        person: this.matching.personAt.slice(),
        version: this.version.slice(),
        free: this.free.slice(),
        state: this.state,
        changes: this.changes,
      };
    }
    into.objective = objective;
    into.pattern.set(this.patternOf);
    into.counter.set(this.matching.counterOf);
    into.person.set(this.matching.personAt);
    into.version.set(this.version);
    into.free.set(this.free);
    into.state = this.state;
    into.changes = this.changes;
    return into;
  }

  /** Return to a snapshot; its cached gains and prefix sums stay valid (the versions come back with it). */
  restore(s: Snapshot): void {
    this.patternOf.set(s.pattern);
    this.matching.setAll(s.person, s.counter);
    this.version.set(s.version);
    this.free.set(s.free);
    this.state = s.state;
    this.dirty.fill(0);
    this.changes = s.changes;
  }

  /** Take everyone off duty. */
  clear(): void {
    this.changes = ++this.stamps;
    this.patternOf.fill(-1);
    this.matching.clearAll();
    this.dirty.fill(1);
  }

  /** Ruin and recreate with acceptance of equal or better solutions; restores the best at the end. */
  lns(iterations: number, rounds: number): void {
    const { matching, P } = this;
    let bestObj = this.objective();
    let bestPattern = this.patternOf.slice();
    let bestCounter = matching.counterOf.slice();
    let bestPerson = matching.personAt.slice();
    const touched = new Uint8Array(P);
    for (let it = 0; it < iterations; it++) {
      const ruined = this.ruinSet();
      if (ruined.length === 0) break;
      const before = this.patternOf.slice();
      for (const p of ruined) this.unassign(p);
      this.fill(0.5);
      // Polish only the people the move touched: those removed and those the recreate put on.
      touched.fill(0);
      for (let p = 0; p < P; p++) if (this.patternOf[p] !== before[p]) touched[p] = 1;
      for (const p of ruined) touched[p] = 1;
      this.improve(rounds, touched);
      const obj = this.objective();
      if (obj <= bestObj + 1e-9) {
        bestObj = obj;
        bestPattern = this.patternOf.slice();
        bestCounter = matching.counterOf.slice();
        bestPerson = matching.personAt.slice();
      } else {
        this.patternOf.set(bestPattern);
        matching.setAll(bestPerson, bestCounter);
        this.dirty.fill(1);
        this.changes = ++this.stamps;
      }
    }
    if (P > 0) this.dirty.fill(1);
  }

  /**
   * People to remove: around an open position when there is one (everyone whose shift spans its slot and who
   * could sit there, plus a neighbour), else three people working around a random slot.
   */
  private ruinSet(): number[] {
    this.refresh();
    const { T, P, K, matching } = this;
    const open: number[] = [];
    for (let i = 0; i < T; i++) if (this.free[i] > 0) open.push(i);
    const out: number[] = [];
    const spans = (p: number, pos: number): boolean => {
      const q = this.patternOf[p];
      if (q < 0) return false;
      const pat = this.groups[this.day.groupOf[p]].patterns;
      return pat.first[q] <= pos && pos <= pat.last[q];
    };
    if (open.length > 0 && this.rng.next() < 0.7) {
      const i = open[Math.floor(this.rng.next() * open.length)];
      const pos = this.model.grid.slotPosition[this.layout.slots[i]];
      const wanted = new Uint8Array(K);
      for (const c of matching.freePositions(i)) for (const k of matching.compatList(i, c)) wanted[k] = 1;
      for (let p = 0; p < P; p++) if (spans(p, pos) && wanted[this.model.skillClassOf[p]]) out.push(p);
      const others: number[] = [];
      for (let p = 0; p < P; p++) if (spans(p, pos) && !wanted[this.model.skillClassOf[p]]) others.push(p);
      if (others.length > 0) out.push(others[Math.floor(this.rng.next() * others.length)]);
      return out;
    }
    const i = Math.floor(this.rng.next() * T);
    const pos = this.model.grid.slotPosition[this.layout.slots[i]];
    const cands: number[] = [];
    for (let p = 0; p < P; p++) if (spans(p, pos)) cands.push(p);
    for (let n = 0; n < 3 && cands.length > 0; n++) {
      const j = Math.floor(this.rng.next() * cands.length);
      out.push(cands[j]);
      cands.splice(j, 1);
    }
    return out;
  }

  /** Re-seat slot by slot so that people keep their counter wherever coverage allows. */
  finish(): void {
    const { T, P, matching } = this;
    const lastCounter = new Int32Array(P).fill(-1);
    const onDuty: number[][] = Array.from({ length: T }, () => []);
    for (let p = 0; p < P; p++) {
      const q = this.patternOf[p];
      if (q < 0) continue;
      const { offset, slots } = this.worked(this.groups[this.day.groupOf[p]].patterns);
      for (let x = offset[q]; x < offset[q + 1]; x++) onDuty[slots[x]].push(p);
    }
    for (let i = 0; i < T; i++) {
      matching.reseat(i, onDuty[i], lastCounter);
      for (const p of onDuty[i]) lastCounter[p] = matching.counterOf[i * P + p];
    }
  }
}

/** A saved solution of the day with the versions of its cached values. */
interface Snapshot {
  objective: number;
  readonly pattern: Int32Array;
  readonly counter: Int32Array;
  readonly person: Int32Array;
  readonly version: Int32Array;
  readonly free: Int32Array;
  state: number;
  /** The day's {@link Cover.changes} id, so that looks made at it stay valid when it comes back. */
  changes: number;
}

function sumOver(a: Float64Array | Int32Array, pat: PatternSet, q: number): number {
  const b0 = pat.breakStart[q];
  let v = a[pat.last[q] + 1] - a[pat.first[q]];
  if (b0 >= 0) v -= a[pat.breakEnd[q]] - a[b0];
  return v;
}
