import { describe, expect, it } from 'vitest';
import { type DayLayout, layoutDay, RoleTable } from '../../src/allocate/counters.js';
import { buildSlotGrid } from '../../src/allocate/grid.js';
import { allocationInstance } from '../../src/allocate/instances.js';
import { type AllocationModel, buildModel } from '../../src/allocate/model.js';
import { slotRequirements } from '../../src/allocate/requirements.js';
import { SlotMatching } from '../../src/allocate/slot-matching.js';
import { createRng } from '../../src/random/rng.js';
import { parseScenario } from '../../src/scenario/scenario.js';

/**
 * A benchmark day laid out as `allocate` lays it out: by default the medium day (12 services, 24 counters, 40 staff,
 * 26 skill classes); the large day has 90 skill classes, so class sets span three 32-bit words.
 */
function benchDay(name: 'medium-day' | 'large-day' = 'medium-day'): {
  model: AllocationModel;
  layout: DayLayout;
  roles: RoleTable;
} {
  const { scenario } = parseScenario(allocationInstance(name));
  const grid = buildSlotGrid(scenario);
  const req = slotRequirements(scenario, grid, scenario.priority, undefined);
  const model = buildModel(scenario, grid, req.servers, new Set());
  const roles = new RoleTable(model);
  const day = model.days[0];
  const available = (t: number, out: Int32Array) => {
    const pos = model.grid.slotPosition[t];
    out.fill(0);
    for (const g of day.groups) if (g.coverable[pos]) out[g.skillClass] += g.members.length;
  };
  const layout = layoutDay(model, day, req.servers, roles, available, { switchPenaltyMinutes: 0 });
  return { model, layout, roles };
}

/** Positions held in local slot `i`. */
function held(m: SlotMatching, model: AllocationModel, i: number): number {
  let n = 0;
  for (let c = 0; c < model.counterCount; c++)
    if (m.role(i, c) >= 0 && m.personAt[i * model.counterCount + c] >= 0) n++;
  return n;
}

/**
 * Most positions of local slot `i` that the people `onDuty` can hold while all of them stay seated: a minimum-cost
 * assignment of people to counters (−1 at a position, 0 at a spare counter, barred where they do not fit) by the
 * Hungarian method (Kuhn 1955; the O(n²m) potentials form), independent of the augmenting paths under test.
 */
function bestHeld(m: SlotMatching, model: AllocationModel, i: number, onDuty: readonly number[]): number {
  const C = model.counterCount;
  const fits = (p: number, c: number) => m.fits(i, model.skillClassOf[p], c);
  const n = onDuty.length;
  const INF = 1e9;
  // Min-cost assignment of people to counters (cost −1 at a position, 0 at a spare), each person seated.
  const cost = (p: number, c: number) => (fits(p, c) ? (m.role(i, c) >= 0 ? -1 : 0) : INF);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(C + 1);
  const way = new Int32Array(C + 1);
  const match = new Int32Array(C + 1);
  for (let r = 1; r <= n; r++) {
    match[0] = r;
    let j0 = 0;
    const minv = new Float64Array(C + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(C + 1);
    do {
      used[j0] = 1;
      const r0 = match[j0];
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= C; j++) {
        if (used[j]) continue;
        const cur = cost(onDuty[r0 - 1], j - 1) - u[r0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= C; j++) {
        if (used[j]) {
          u[match[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= C; j++) if (match[j] > 0) total += cost(onDuty[match[j] - 1], j - 1);
  return 0 - total;
}

/** Outcomes a random walk met: positions gained by probes, positions lost by removals, probe values seen. */
interface Walked {
  probes: number;
  losses: number;
  /** Values probe gave in the full checks (1, 0, −1). */
  outcomes: Set<number>;
}

/**
 * Seeded random changes, people coming on and going off duty slot by slot, checking after each that probe and
 * wouldLose agree with what add and remove do and that open positions are counted right, and every `checkEvery`
 * steps that the matching holds the most positions and that probe gives, for every class, what one more person
 * of it adds to that optimum. Every 37th step a slot's seating is saved, changed and loaded back, as
 * the local search undoes a move, and every other time the whole day's is (`setAll`, as it returns to a snapshot);
 * halfway everyone goes off duty (`clearAll`). The walk goes on from each.
 */
function walk(
  m: SlotMatching,
  model: AllocationModel,
  onDuty: number[][],
  steps: number,
  rng: { next(): number },
  checkEvery = 50,
): Walked {
  const roundTripEvery = 37;
  const P = model.staffCount;
  const C = model.counterCount;
  const out = { probes: 0, losses: 0, outcomes: new Set<number>() };
  const saved = new Int32Array(m.slotStateLength);
  const probed = new Int8Array(model.skillClasses.length);
  for (let step = 0; step < steps; step++) {
    const i = Math.floor(rng.next() * onDuty.length);
    const p = Math.floor(rng.next() * P);
    if (step % roundTripEvery === 0) {
      const whole = step % (2 * roundTripEvery) === 0;
      const person = m.personAt.slice();
      const counter = m.counterOf.slice();
      m.save(i, saved, 0);
      const kept = [...onDuty[i]];
      for (const q of kept.slice(0, 3)) m.remove(i, q);
      for (let x = 0; x < 3; x++) {
        const q = Math.floor(rng.next() * P);
        if (m.counterOf[i * P + q] < 0) m.add(i, q);
      }
      // Probing the changed slot brings its internal lists up to date for the seating about to be replaced.
      m.probeAll(i, probed, 0);
      if (whole) m.setAll(person, counter);
      else m.load(i, saved, 0);
      expect(Array.from(m.personAt)).toEqual(Array.from(person));
      expect(Array.from(m.counterOf)).toEqual(Array.from(counter));
      onDuty[i] = kept;
    }
    if (step === steps >> 1) {
      for (let x = 0; x < onDuty.length; x++) m.probeAll(x, probed, 0);
      m.clearAll();
      for (const list of onDuty) list.length = 0;
      expect(m.personAt.every((q) => q === -1) && m.counterOf.every((c) => c === -1)).toBe(true);
      for (let x = 0; x < onDuty.length; x++) {
        m.probeAll(x, probed, 0);
        for (let k = 0; k < probed.length; k++) expect(probed[k]).toBe(m.probe(x, k));
      }
    }
    const seated = m.counterOf[i * P + p];
    if (seated < 0 && !onDuty[i].includes(p)) {
      const predicted = m.probe(i, model.skillClassOf[p]);
      const before = held(m, model, i);
      const got = m.add(i, p);
      expect(got).toBe(predicted);
      if (got < 0) continue;
      expect(held(m, model, i) - before).toBe(got);
      onDuty[i].push(p);
    } else if (seated >= 0) {
      const lose = m.wouldLose(i, seated);
      const before = held(m, model, i);
      expect(m.remove(i, p)).toBe(lose ? 1 : 0);
      expect(before - held(m, model, i)).toBe(lose ? 1 : 0);
      onDuty[i].splice(onDuty[i].indexOf(p), 1);
      if (lose) out.losses++;
    }
    if (step % checkEvery === 0) {
      const best = bestHeld(m, model, i, onDuty[i]);
      expect(held(m, model, i)).toBe(best);
      // What one more person of each class gives, against the optimum with them (where they can be seated), and
      // probeAll's backward search gives the same for every class at once.
      const all = new Int8Array(model.skillClasses.length + 2).fill(9);
      m.probeAll(i, all, 1);
      expect(all[0]).toBe(9);
      expect(all[all.length - 1]).toBe(9);
      for (let k = 0; k < model.skillClasses.length; k++) {
        const x = model.skillClassOf.findIndex((c, q) => c === k && !onDuty[i].includes(q));
        const gain = m.probe(i, k);
        expect(all[1 + k]).toBe(gain);
        out.outcomes.add(gain);
        if (gain === 1) out.probes++;
        if (x >= 0 && gain >= 0) expect(gain).toBe(bestHeld(m, model, i, [...onDuty[i], x]) - best);
      }
    }
    // Open positions counted by the matching's own lists, against the roles.
    let open = 0;
    for (let c = 0; c < C; c++) if (m.role(i, c) >= 0 && m.personAt[i * C + c] < 0) open++;
    expect(m.freeCount(i)).toBe(open);
    // Everyone on duty in the slot sits where their skills fit, and the two views of the seating agree.
    for (const q of onDuty[i]) {
      const c = m.counterOf[i * P + q];
      expect(m.personAt[i * C + c]).toBe(q);
      expect(m.fits(i, model.skillClassOf[q], c)).toBe(true);
    }
  }
  return out;
}

describe('SlotMatching', () => {
  it('keeps the most positions held, and probe and wouldLose agree with what adding or removing does', () => {
    const { model, layout, roles } = benchDay();
    const m = new SlotMatching(model, layout, roles);
    const onDuty: number[][] = layout.slots.map(() => []);
    const walked = walk(m, model, onDuty, 1500, createRng(7));
    // The walk met both outcomes, so the checks above compared something.
    expect(walked.probes).toBeGreaterThan(0);
    expect(walked.losses).toBeGreaterThan(0);
    expect([...walked.outcomes].sort()).toEqual([-1, 0, 1]);
  });

  it('probeAll agrees with probe for every class where class sets span several words (large day, 90 classes)', () => {
    const { model, layout, roles } = benchDay('large-day');
    const m = new SlotMatching(model, layout, roles);
    const onDuty: number[][] = layout.slots.map(() => []);
    const walked = walk(m, model, onDuty, 2000, createRng(5), 400);
    expect([...walked.outcomes].sort()).toEqual([-1, 0, 1]);
  });

  it('re-seats people at their former counters, trading roles between equal counters, and stays consistent', () => {
    const { model, layout, roles } = benchDay();
    const m = new SlotMatching(model, layout, roles);
    const rng = createRng(11);
    const P = model.staffCount;
    const C = model.counterCount;
    const onDuty: number[][] = layout.slots.map(() => []);
    walk(m, model, onDuty, 1200, rng);
    const rolesBefore = layout.roleOf.slice();
    const lastCounter = new Int32Array(P);
    for (let i = 0; i < onDuty.length; i++) {
      for (let p = 0; p < P; p++) lastCounter[p] = Math.floor(rng.next() * C);
      const before = held(m, model, i);
      m.reseat(i, onDuty[i], lastCounter);
      expect(held(m, model, i)).toBe(before);
      for (const q of onDuty[i]) {
        const c = m.counterOf[i * P + q];
        expect(m.personAt[i * C + c]).toBe(q);
        expect(m.fits(i, model.skillClassOf[q], c)).toBe(true);
      }
    }
    // Some roles moved to an equal counter, so the walk below runs on lists the swaps rewrote.
    expect(layout.roleOf.some((r, x) => r !== rolesBefore[x])).toBe(true);
    // A position left open while someone who suits it sits at an equal spare counter: the role moves to them.
    const S = model.serviceCount;
    const cap = model.days[0].cap;
    const twins = (a: number, b: number) => {
      for (let s = 0; s < S; s++) if (cap[a * S + s] !== cap[b * S + s]) return false;
      return true;
    };
    let moved = 0;
    for (let i = 0; i < onDuty.length; i++) {
      for (const q of [...onDuty[i]]) m.remove(i, q);
      onDuty[i] = [];
      for (let a = 0; a < C && onDuty[i].length === 0; a++) {
        for (let b = 0; b < C && onDuty[i].length === 0; b++) {
          if (a === b || m.role(i, a) < 0 || m.role(i, b) >= 0 || !twins(a, b)) continue;
          // Only counters whose fitting classes differ as position and as spare change the per-class lists.
          if (!model.skillClasses.some((_, k) => m.fits(i, k, a) !== m.fits(i, k, b))) continue;
          const p = [...Array(P).keys()].find(
            (x) => m.fits(i, model.skillClassOf[x], a) && m.fits(i, model.skillClassOf[x], b),
          );
          if (p === undefined) continue;
          lastCounter[p] = b;
          onDuty[i] = [p];
          m.reseat(i, onDuty[i], lastCounter);
          expect(m.counterOf[i * P + p]).toBe(b);
          expect(m.role(i, b)).toBeGreaterThanOrEqual(0);
          expect(m.role(i, a)).toBe(-1);
          moved++;
        }
      }
    }
    expect(moved).toBeGreaterThan(0);
    walk(m, model, onDuty, 800, rng, 1);
  });
});
