import type { DayLayout, RoleTable } from './counters.js';
import type { AllocationModel } from './model.js';

/**
 * Who sits where in each slot of one day: a bipartite matching of people on duty to counters, where a counter
 * holding a position takes people whose skills cover its services, and a spare counter anyone who shares a skill
 * with it. Coverage (positions matched) is kept maximum for the people on duty by augmenting paths (Kuhn 1955;
 * Hopcroft–Karp without the phases, since each change adds or removes one person).
 */
export class SlotMatching {
  readonly slotCount: number;
  /** Counter of each person per slot (local slot × staff), −1 when off duty. */
  readonly counterOf: Int32Array;
  /** Person at each counter per slot (local slot × counter), −1 when free. */
  readonly personAt: Int32Array;
  /** Skill class × counter compatibility per slot (local slot × classes × counters). */
  private readonly compat: Uint8Array;
  private readonly C: number;
  private readonly K: number;
  private readonly P: number;
  private readonly visited: Int32Array;
  private readonly classSeen: Int32Array;
  private readonly from: Int32Array;
  private readonly queue: Int32Array;
  /** Words of a skill-class bitset. */
  private readonly W: number;
  /** Skill classes that may sit at each counter per slot, as bitsets (local slot × counters × W). */
  private readonly compatBits: Uint32Array;
  private readonly seenBits: Uint32Array;
  /** Classes reached by {@link probeAll}'s backward search. */
  private readonly reachBits: Uint32Array;
  /**
   * Counters each skill class may take per slot, in counter order: class k in local slot i takes
   * `fitting[fittingStart[i * K + k] .. fittingStart[i * K + k + 1])`.
   */
  private readonly fittingStart: Int32Array;
  private readonly fitting: Int32Array;
  /** The counters of each local slot split by role: positions first, then spare counters (local slot × C). */
  private readonly byRole: Int32Array;
  /** Positions per local slot: `byRole[i * C .. i * C + positionCount[i])` are positions, the rest spare. */
  private readonly positionCount: Int32Array;
  private stamp = 0;
  /**
   * The counters held by each skill class's people per local slot, as linked lists: the first at
   * `seatedHead[i * K + k]`, the next after counter c at `seatedNext[i * C + c]`, −1 at the end. Rebuilt by
   * {@link seatedLists} when someone has moved in the slot since (`seatedStale`).
   */
  private readonly seatedHead: Int32Array;
  private readonly seatedNext: Int32Array;
  private readonly seatedStale: Uint8Array;

  constructor(
    private readonly model: AllocationModel,
    private readonly layout: DayLayout,
    private readonly roles: RoleTable,
  ) {
    const C = model.counterCount;
    const K = model.skillClasses.length;
    const P = model.staffCount;
    const T = layout.slots.length;
    this.C = C;
    this.K = K;
    this.P = P;
    this.slotCount = T;
    this.seatedStale = new Uint8Array(T).fill(1);
    this.seatedHead = new Int32Array(T * K);
    this.seatedNext = new Int32Array(T * C);
    this.counterOf = new Int32Array(T * P).fill(-1);
    this.personAt = new Int32Array(T * C).fill(-1);
    this.compat = new Uint8Array(T * K * C);
    this.W = Math.max(1, Math.ceil(K / 32));
    this.compatBits = new Uint32Array(T * C * this.W);
    this.fittingStart = new Int32Array(T * K + 1);
    for (let i = 0; i < T; i++) {
      for (let c = 0; c < C; c++) {
        for (const k of this.compatList(i, c)) {
          this.compat[(i * K + k) * C + c] = 1;
          this.compatBits[(i * C + c) * this.W + (k >>> 5)] |= 1 << (k & 31);
          this.fittingStart[i * K + k + 1]++;
        }
      }
    }
    for (let x = 0; x < T * K; x++) this.fittingStart[x + 1] += this.fittingStart[x];
    this.fitting = new Int32Array(this.fittingStart[T * K]);
    // Counters in increasing order, each appended to the lists of the classes it takes.
    const fill = this.fittingStart.slice(0, T * K);
    for (let i = 0; i < T; i++) {
      for (let c = 0; c < C; c++) for (const k of this.compatList(i, c)) this.fitting[fill[i * K + k]++] = c;
    }
    this.byRole = new Int32Array(T * C);
    this.positionCount = new Int32Array(T);
    for (let i = 0; i < T; i++) {
      let n = i * C;
      for (let c = 0; c < C; c++) if (layout.roleOf[i * C + c] >= 0) this.byRole[n++] = c;
      this.positionCount[i] = n - i * C;
      for (let c = 0; c < C; c++) if (layout.roleOf[i * C + c] < 0) this.byRole[n++] = c;
    }
    this.seenBits = new Uint32Array(this.W);
    this.reachBits = new Uint32Array(this.W);
    this.visited = new Int32Array(C);
    this.classSeen = new Int32Array(K);
    this.from = new Int32Array(C);
    this.queue = new Int32Array(C);
    this.twins = [];
    const S = model.serviceCount;
    const cap = model.days[model.grid.slotDay[layout.slots[0] ?? 0]]?.cap;
    for (let a = 0; a < C; a++) {
      const list: number[] = [];
      for (let b = 0; b < C && cap !== undefined; b++) {
        if (b === a) continue;
        let same = true;
        for (let s2 = 0; s2 < S && same; s2++) same = cap[a * S + s2] === cap[b * S + s2];
        if (same) list.push(b);
      }
      this.twins.push(list);
    }
  }

  /** Role of counter `c` in local slot `i`, −1 when spare. */
  role(i: number, c: number): number {
    return this.layout.roleOf[i * this.C + c];
  }

  /** Skill classes that may sit at counter `c` in local slot `i`. */
  compatList(i: number, c: number): Int32Array {
    const r = this.layout.roleOf[i * this.C + c];
    return r >= 0 ? this.roles.compat[r] : this.layout.spareCompat[c];
  }

  /** Whether a person of skill class `k` may sit at counter `c` in local slot `i`. */
  fits(i: number, k: number, c: number): boolean {
    return this.compat[(i * this.K + k) * this.C + c] === 1;
  }

  private nextStamp(): number {
    if (++this.stamp > 2_000_000_000) {
      this.visited.fill(0);
      this.classSeen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  /**
   * Seat person `p` in local slot `i` along an augmenting path: to a free position when one can be reached,
   * else to a free spare counter. Returns 1, 0, or −1 (not seated), as {@link probe} would have.
   */
  add(i: number, p: number): number {
    const target = this.search(i, this.model.skillClassOf[p]);
    if (target < 0) return -1;
    const { C, P } = this;
    this.seatedStale[i] = 1;
    let c = target;
    for (;;) {
      const prev = this.from[c];
      const mover = prev < 0 ? p : this.personAt[i * C + prev];
      this.personAt[i * C + c] = mover;
      this.counterOf[i * P + mover] = c;
      if (prev < 0) break;
      c = prev;
    }
    return this.layout.roleOf[i * C + target] >= 0 ? 1 : 0;
  }

  /** What adding one person of class `k` in local slot `i` would give (1, 0 or −1), without changing anything. */
  probe(i: number, k: number): number {
    const target = this.search(i, k);
    if (target < 0) return -1;
    return this.layout.roleOf[i * this.C + target] >= 0 ? 1 : 0;
  }

  /**
   * What one more person of each skill class would give in local slot `i`, for all classes at once: `out[at + k]`
   * becomes {@link probe}`(i, k)`. One search backwards from the free counters instead of one search per class: a
   * class gains a position when it may sit at a free position, or at a counter whose person's class gains one (that
   * person moves on); it can be seated when the same holds with free spare counters added. Each counter's classes
   * are merged into the reached set at most once per pass.
   *
   * Complexity O(counters × class words + classes).
   */
  probeAll(i: number, out: Int8Array, at: number): void {
    const { C, K } = this;
    const base = i * C;
    const reach = this.reachBits;
    const done = this.seenBits;
    this.seatedLists(i);
    reach.fill(0);
    done.fill(0);
    for (let c = 0; c < C; c++) {
      if (this.personAt[base + c] < 0 && this.layout.roleOf[base + c] >= 0) this.mergeClasses(i, c);
    }
    this.closeReach(i);
    for (let k = 0; k < K; k++) out[at + k] = reach[k >>> 5] & (1 << (k & 31)) ? 1 : -1;
    for (let c = 0; c < C; c++) {
      if (this.personAt[base + c] < 0 && this.layout.roleOf[base + c] < 0) this.mergeClasses(i, c);
    }
    this.closeReach(i);
    for (let k = 0; k < K; k++) if (out[at + k] < 0 && reach[k >>> 5] & (1 << (k & 31))) out[at + k] = 0;
  }

  /** Add the classes that may sit at counter `c` of local slot `i` to the reached set. */
  private mergeClasses(i: number, c: number): void {
    const { W } = this;
    const row = (i * this.C + c) * W;
    for (let w = 0; w < W; w++) this.reachBits[w] |= this.compatBits[row + w];
  }

  /** Extend the reached classes: the counters held by a reached class's people pass on the classes they take. */
  private closeReach(i: number): void {
    const { W } = this;
    const reach = this.reachBits;
    const done = this.seenBits;
    const head = this.seatedHead;
    const next = this.seatedNext;
    const hb = i * this.K;
    const nb = i * this.C;
    for (let changed = true; changed; ) {
      changed = false;
      for (let w = 0; w < W; w++) {
        let fresh = reach[w] & ~done[w];
        while (fresh !== 0) {
          const low = fresh & -fresh;
          fresh ^= low;
          done[w] |= low;
          changed = true;
          const k = (w << 5) + 31 - Math.clz32(low);
          for (let d = head[hb + k]; d >= 0; d = next[nb + d]) this.mergeClasses(i, d);
          fresh |= reach[w] & ~done[w];
        }
      }
    }
  }

  /** Breadth-first search from a new person of class `k`: a free position if reachable, else a free spare, else −1. */
  private search(i: number, k: number): number {
    const st = this.nextStamp();
    this.qt = 0;
    this.spare = -1;
    let found = this.explore(i, st, k, -1);
    let qh = 0;
    const base = i * this.C;
    while (found < 0 && qh < this.qt) {
      const c = this.queue[qh++];
      found = this.explore(i, st, this.model.skillClassOf[this.personAt[base + c]], c);
    }
    return found >= 0 ? found : this.spare;
  }

  private qt = 0;
  private spare = -1;

  /** Visit the counters class `cls` may take (once per class and search); returns a free position or −1. */
  private explore(i: number, st: number, cls: number, fromCounter: number): number {
    if (this.classSeen[cls] === st) return -1;
    this.classSeen[cls] = st;
    const base = i * this.C;
    const x = i * this.K + cls;
    const end = this.fittingStart[x + 1];
    for (let f = this.fittingStart[x]; f < end; f++) {
      const c = this.fitting[f];
      if (this.visited[c] === st) continue;
      this.visited[c] = st;
      this.from[c] = fromCounter;
      if (this.personAt[base + c] < 0) {
        if (this.layout.roleOf[base + c] >= 0) return c;
        if (this.spare < 0) this.spare = c;
        continue;
      }
      this.queue[this.qt++] = c;
    }
    return -1;
  }

  /**
   * Take person `p` off duty in local slot `i`; if they held a position, refill it from someone seated at a spare
   * counter through an alternating path. Returns 1 when a position was lost.
   */
  remove(i: number, p: number): number {
    const { C, P } = this;
    const m = this.counterOf[i * P + p];
    if (m < 0) return 0;
    this.seatedStale[i] = 1;
    this.counterOf[i * P + p] = -1;
    this.personAt[i * C + m] = -1;
    if (this.layout.roleOf[i * C + m] < 0) return 0;
    return this.refill(i, m) ? 0 : 1;
  }

  /** Fill free position `m` in local slot `i` by moving people along a path that ends at a spare counter. */
  refill(i: number, m: number): boolean {
    const d = this.refillPath(i, m);
    if (d < 0) return false;
    // The person at d moves to from[d], whose person moves on, … up to m: apply from m down.
    const base = i * this.C;
    const chain: number[] = [d];
    for (let x = d; x !== m; x = this.from[x]) chain.push(this.from[x]);
    for (let j = chain.length - 1; j > 0; j--) {
      const mover = this.personAt[base + chain[j - 1]];
      this.personAt[base + chain[j]] = mover;
      this.counterOf[i * this.P + mover] = chain[j];
    }
    this.personAt[base + d] = -1;
    this.seatedStale[i] = 1;
    return true;
  }

  /**
   * Whether taking the person at position `m` of local slot `i` off duty would leave a position open: no path of
   * moves refills `m` from someone seated at a spare counter. Changes nothing.
   */
  wouldLose(i: number, m: number): boolean {
    return this.layout.roleOf[i * this.C + m] >= 0 && this.refillPath(i, m) < 0;
  }

  /** Bring local slot `i`'s {@link seatedHead} lists up to date. */
  private seatedLists(i: number): void {
    if (this.seatedStale[i] === 0) return;
    this.seatedStale[i] = 0;
    const { C, K } = this;
    const head = this.seatedHead;
    const next = this.seatedNext;
    head.fill(-1, i * K, i * K + K);
    const classOf = this.model.skillClassOf;
    for (let c = 0; c < C; c++) {
      const q = this.personAt[i * C + c];
      if (q < 0) continue;
      next[i * C + c] = head[i * K + classOf[q]];
      head[i * K + classOf[q]] = c;
    }
  }

  /**
   * Breadth-first search for a path refilling counter `m` (treated as free) of local slot `i`, ending at a counter
   * whose person sits at a spare counter; returns that counter (the path is in `from`), or −1.
   */
  private refillPath(i: number, m: number): number {
    const { C, W } = this;
    const base = i * C;
    // A path must end at someone seated at a spare counter: without one there is nothing to search.
    let spareSeated = false;
    for (let x = base + this.positionCount[i]; x < base + C && !spareSeated; x++) {
      const c = this.byRole[x];
      spareSeated = c !== m && this.personAt[base + c] >= 0;
    }
    if (!spareSeated) return -1;
    const st = this.nextStamp();
    this.seatedLists(i);
    const head = this.seatedHead;
    const next = this.seatedNext;
    const hb = i * this.K;
    const nb = i * C;
    const seen = this.seenBits;
    seen.fill(0);
    const bits = this.compatBits;
    const queue = this.queue;
    let qh = 0;
    let qt = 0;
    // The person still at m (wouldLose) is in the seated lists: m is visited first, so the search passes them over.
    this.visited[m] = st;
    this.from[m] = -1;
    queue[qt++] = m;
    while (qh < qt) {
      const c = queue[qh++];
      const row = (i * C + c) * W;
      for (let w = 0; w < W; w++) {
        let fresh = bits[row + w] & ~seen[w];
        seen[w] |= fresh;
        while (fresh !== 0) {
          const low = fresh & -fresh;
          const k = (w << 5) + 31 - Math.clz32(low);
          fresh ^= low;
          for (let d = head[hb + k]; d >= 0; d = next[nb + d]) {
            if (this.visited[d] === st) continue;
            this.visited[d] = st;
            this.from[d] = c;
            if (this.layout.roleOf[base + d] < 0) return d;
            queue[qt++] = d;
          }
        }
      }
    }
    return -1;
  }

  /** Replace every slot's seating by `person` and `counter` (laid out as {@link personAt} and {@link counterOf}). */
  setAll(person: Int32Array, counter: Int32Array): void {
    const { C, personAt } = this;
    for (let i = 0; i < this.slotCount; i++) {
      if (this.seatedStale[i] === 1) continue;
      for (let c = i * C; c < i * C + C; c++) {
        if (personAt[c] !== person[c]) {
          this.seatedStale[i] = 1;
          break;
        }
      }
    }
    personAt.set(person);
    this.counterOf.set(counter);
  }

  /** Take everyone off duty in every slot. */
  clearAll(): void {
    this.personAt.fill(-1);
    this.counterOf.fill(-1);
    this.seatedStale.fill(1);
  }

  /** Copy local slot `i`'s seating (person per counter, counter per person) into `into` at `at`; see {@link load}. */
  save(i: number, into: Int32Array, at: number): void {
    const { C, P, personAt, counterOf } = this;
    for (let c = 0; c < C; c++) into[at + c] = personAt[i * C + c];
    for (let p = 0; p < P; p++) into[at + C + p] = counterOf[i * P + p];
  }

  /** Put back the seating of local slot `i` that {@link save} copied. */
  load(i: number, from: Int32Array, at: number): void {
    const { C, P, personAt, counterOf } = this;
    this.seatedStale[i] = 1;
    for (let c = 0; c < C; c++) personAt[i * C + c] = from[at + c];
    for (let p = 0; p < P; p++) counterOf[i * P + p] = from[at + C + p];
  }

  /** Length of one slot's seating as {@link save} copies it. */
  get slotStateLength(): number {
    return this.C + this.P;
  }

  /** Number of positions without a person in local slot `i`. */
  freeCount(i: number): number {
    let n = 0;
    const base = i * this.C;
    const end = base + this.positionCount[i];
    for (let x = base; x < end; x++) if (this.personAt[base + this.byRole[x]] < 0) n++;
    return n;
  }

  /** Positions without a person in local slot `i`. */
  freePositions(i: number): number[] {
    const out: number[] = [];
    const base = i * this.C;
    for (let c = 0; c < this.C; c++) {
      if (this.layout.roleOf[base + c] >= 0 && this.personAt[base + c] < 0) out.push(c);
    }
    return out;
  }

  /**
   * Re-seat everyone on duty in local slot `i` so that people keep the counter they had before (`lastCounter`)
   * wherever that does not cost a position, then restore maximum coverage by augmenting paths.
   */
  reseat(i: number, onDuty: readonly number[], lastCounter: Int32Array): void {
    const { C, P } = this;
    const base = i * C;
    this.seatedStale[i] = 1;
    for (const p of onDuty) this.counterOf[i * P + p] = -1;
    this.personAt.fill(-1, base, base + C);
    const rest: number[] = [];
    for (const p of onDuty) {
      const m = lastCounter[p];
      const k = this.model.skillClassOf[p];
      if (m < 0 || this.personAt[base + m] >= 0) {
        rest.push(p);
        continue;
      }
      if (!this.fits(i, k, m)) {
        // Counters of equal capability are interchangeable: hand m the role of a free twin that suits p.
        const twin = this.twins[m].find((d) => this.personAt[base + d] < 0 && this.fits(i, k, d));
        if (twin === undefined) {
          rest.push(p);
          continue;
        }
        this.swapRoles(i, m, twin);
      }
      this.personAt[base + m] = p;
      this.counterOf[i * P + p] = m;
    }
    this.relabelFreePositions(i);
    for (const p of rest) this.add(i, p);
    this.relabelFreePositions(i);
    for (const m of this.freePositions(i)) this.refill(i, m);
    // Two people each in the other's seat (or one in another's former seat that suits them): swap back.
    for (const p of onDuty) {
      const m = lastCounter[p];
      const cur = this.counterOf[i * P + p];
      if (m < 0 || cur === m || cur < 0) continue;
      const q = this.personAt[base + m];
      const kp = this.model.skillClassOf[p];
      if (q < 0) {
        const freeSpare = this.layout.roleOf[base + m] < 0 && this.layout.roleOf[base + cur] < 0;
        if (freeSpare && this.fits(i, kp, m)) {
          this.personAt[base + cur] = -1;
          this.personAt[base + m] = p;
          this.counterOf[i * P + p] = m;
        }
        continue;
      }
      if (lastCounter[q] === m || !this.fits(i, kp, m) || !this.fits(i, this.model.skillClassOf[q], cur))
        continue;
      this.personAt[base + m] = p;
      this.personAt[base + cur] = q;
      this.counterOf[i * P + p] = m;
      this.counterOf[i * P + q] = cur;
    }
    this.seatedStale[i] = 1;
  }

  /** A free position whose twin counter is spare and held by someone who suits it swaps roles with that twin. */
  private relabelFreePositions(i: number): void {
    const base = i * this.C;
    for (const m of this.freePositions(i)) {
      const twin = this.twins[m].find((d) => {
        const q = this.personAt[base + d];
        if (q < 0 || this.layout.roleOf[base + d] >= 0) return false;
        const k = this.model.skillClassOf[q];
        const r = this.layout.roleOf[base + m];
        return this.roles.compat[r].includes(k);
      });
      if (twin !== undefined) this.swapRoles(i, m, twin);
    }
  }

  /** Other counters with the same capability on this day, per counter. */
  private readonly twins: number[][];

  /** In the list of counters a class may take, counter `a` becomes `b` or the other way round; order is kept. */
  private swapFitting(x: number, a: number, b: number): void {
    const list = this.fitting;
    const from = this.fittingStart[x];
    const to = this.fittingStart[x + 1];
    let j = from;
    while (list[j] !== a && list[j] !== b) j++;
    list[j] = list[j] === a ? b : a;
    while (j > from && list[j - 1] > list[j]) {
      const t = list[j - 1];
      list[j - 1] = list[j];
      list[j--] = t;
    }
    while (j + 1 < to && list[j + 1] < list[j]) {
      const t = list[j + 1];
      list[j + 1] = list[j];
      list[j++] = t;
    }
  }

  /** Exchange the roles (position or spare) of two counters of equal capability in local slot `i`. */
  private swapRoles(i: number, a: number, b: number): void {
    const { C, K, W } = this;
    const roleOf = this.layout.roleOf;
    const ra = roleOf[i * C + a];
    roleOf[i * C + a] = roleOf[i * C + b];
    roleOf[i * C + b] = ra;
    if (ra < 0 !== roleOf[i * C + a] < 0) {
      // One position and one spare counter trade places in the slot's split.
      for (let x = i * C; x < i * C + C; x++) {
        if (this.byRole[x] === a) this.byRole[x] = b;
        else if (this.byRole[x] === b) this.byRole[x] = a;
      }
    }
    for (let k = 0; k < K; k++) {
      const x = (i * K + k) * C;
      const t = this.compat[x + a];
      this.compat[x + a] = this.compat[x + b];
      this.compat[x + b] = t;
      if (t !== this.compat[x + a]) this.swapFitting(i * K + k, a, b);
    }
    for (let w = 0; w < W; w++) {
      const t = this.compatBits[(i * C + a) * W + w];
      this.compatBits[(i * C + a) * W + w] = this.compatBits[(i * C + b) * W + w];
      this.compatBits[(i * C + b) * W + w] = t;
    }
    const row = this.layout.positions[i];
    for (let j = 0; j < row.length; j++) {
      if (row[j].counter === a) row[j] = { ...row[j], counter: b };
      else if (row[j].counter === b) row[j] = { ...row[j], counter: a };
    }
  }
}
