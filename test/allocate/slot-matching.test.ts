import { describe, expect, it } from 'vitest';
import { type DayLayout, layoutDay, RoleTable } from '../../src/allocate/counters.js';
import { buildSlotGrid } from '../../src/allocate/grid.js';
import { allocationInstance } from '../../src/allocate/instances.js';
import { type AllocationModel, buildModel } from '../../src/allocate/model.js';
import { slotRequirements } from '../../src/allocate/requirements.js';
import { SlotMatching } from '../../src/allocate/slot-matching.js';
import { createRng } from '../../src/random/rng.js';
import { parseScenario } from '../../src/scenario/scenario.js';

/** The medium benchmark day laid out as `allocate` lays it out (12 services, 24 counters, 40 staff). */
function mediumDay(): { model: AllocationModel; layout: DayLayout; roles: RoleTable } {
  const { scenario } = parseScenario(allocationInstance('medium-day'));
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
  return -total;
}

describe('SlotMatching', () => {
  // Seeded random changes on the medium benchmark day: people come on and go off duty slot by slot.
  it('keeps the most positions held, and probe and wouldLose agree with what adding or removing does', () => {
    const { model, layout, roles } = mediumDay();
    const m = new SlotMatching(model, layout, roles);
    const rng = createRng(7);
    const P = model.staffCount;
    const C = model.counterCount;
    const K = model.skillClasses.length;
    const onDuty: number[][] = layout.slots.map(() => []);
    let probes = 0;
    let losses = 0;
    for (let step = 0; step < 1500; step++) {
      const i = Math.floor(rng.next() * layout.slots.length);
      const p = Math.floor(rng.next() * P);
      const seated = m.counterOf[i * P + p];
      if (seated < 0 && !onDuty[i].includes(p)) {
        const k = model.skillClassOf[p];
        const predicted = m.probe(i, k);
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
        if (lose) losses++;
      }
      if (step % 50 === 0) {
        for (let k = 0; k < K; k++) if (m.probe(i, k) === 1) probes++;
        expect(held(m, model, i)).toBe(bestHeld(m, model, i, onDuty[i]));
        for (const q of onDuty[i]) expect(m.personAt[i * C + m.counterOf[i * P + q]]).toBe(q);
      }
    }
    // The walk met both outcomes, so the checks above compared something.
    expect(probes).toBeGreaterThan(0);
    expect(losses).toBeGreaterThan(0);
  });
});
