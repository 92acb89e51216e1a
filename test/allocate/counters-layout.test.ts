import { describe, expect, it } from 'vitest';
import { allocate, availableClasses } from '../../src/allocate/allocate.js';
import { type DayLayout, layoutDay, RoleTable } from '../../src/allocate/counters.js';
import { buildSlotGrid } from '../../src/allocate/grid.js';
import { allocationInstance, cityBatch } from '../../src/allocate/instances.js';
import { seatsLowerBound } from '../../src/allocate/lower-bound.js';
import { type AllocationModel, buildModel, type DayModel } from '../../src/allocate/model.js';
import { type RequirementRow, slotRequirements } from '../../src/allocate/requirements.js';
import { validatePlan } from '../../src/allocate/validate-plan.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/scenario/scenario.js';
import { slotStarts } from './fixtures.js';

/**
 * Three services needing 0.6 servers each in every slot, a single-service counter each and two one-stop counters
 * {a, b} and {b, c} with people to staff them. Whole remainders fit no one-stop counter (0.6 + 0.6 > 1), so
 * without splitting each service takes a counter (3 seats); splitting b over both one-stop counters
 * (a 0.6 + b 0.4, b 0.2 + c 0.6) needs 2, the counting bound ⌈1.8⌉.
 */
function splitScenario(): { scenario: Scenario; requirements: RequirementRow[] } {
  const starts = slotStarts('2026-12-01', '09:00', '17:00');
  const person = (id: string, skills: string[]) => ({
    id,
    skills,
    availableFrom: '08:30',
    availableTo: '17:30',
  });
  const input: ScenarioInput = {
    centre: { id: 'split', timezone: 'Asia/Shanghai', slotMinutes: 30 },
    services: ['a', 'b', 'c'].map((id) => ({ id, ahtSeconds: 600 })),
    counters: [
      { id: 'CA', services: ['a'] },
      { id: 'CB', services: ['b'] },
      { id: 'CC', services: ['c'] },
      { id: 'AB', services: ['a', 'b'] },
      { id: 'BC', services: ['b', 'c'] },
    ],
    staff: [
      person('P1', ['a', 'b']),
      person('P2', ['a', 'b']),
      person('P3', ['b', 'c']),
      person('P4', ['b', 'c']),
      person('P5', ['a']),
      person('P6', ['c']),
    ],
    shiftRules: {
      minShiftMinutes: 240,
      maxShiftMinutes: 540,
      breakMinutes: 60,
      breakWindow: ['11:30', '14:00'],
    },
    demand: starts.flatMap((slotStart) =>
      ['a', 'b', 'c'].map((service) => ({ service, slotStart, expected: 1 })),
    ),
  };
  const requirements = starts.flatMap((slotStart) =>
    ['a', 'b', 'c'].map((service) => ({ service, slotStart, servers: 0.6 })),
  );
  return { scenario: parseScenario(input).scenario, requirements };
}

/** Lay out every day of `scenario` as `allocate` does; returns the model, its requirements and the layouts. */
function layouts(
  scenario: Scenario,
  given: readonly RequirementRow[] | undefined,
  switchPenaltyMinutes = 0,
): { model: AllocationModel; servers: Float64Array; days: DayLayout[] } {
  const grid = buildSlotGrid(scenario);
  const req = slotRequirements(scenario, grid, scenario.priority, given);
  const model = buildModel(scenario, grid, req.servers, new Set());
  const roles = new RoleTable(model);
  const available = (day: DayModel) => (t: number, out: Int32Array) => {
    const pos = model.grid.slotPosition[t];
    out.fill(0);
    for (const g of day.groups) if (g.coverable[pos]) out[g.skillClass] += g.members.length;
  };
  const days = model.days.map((day) =>
    layoutDay(model, day, req.servers, roles, available(day), { switchPenaltyMinutes }),
  );
  return { model, servers: req.servers, days };
}

/** Largest shortfall of effective servers (a position's load share of its one person) below the requirement. */
function worstShortfall(model: AllocationModel, servers: Float64Array, days: readonly DayLayout[]): number {
  const S = model.serviceCount;
  let worst = 0;
  for (const layout of days) {
    layout.slots.forEach((t, i) => {
      const given = new Float64Array(S);
      for (const p of layout.positions[i]) {
        const total = p.loads.reduce((a, b) => a + b, 0);
        expect(total).toBeLessThanOrEqual(1 + 1e-9);
        expect(p.loads.every((x) => x > 0)).toBe(true);
        expect([...p.services].sort((a, b) => a - b)).toEqual(p.services);
        p.services.forEach((s, j) => {
          given[s] += p.loads[j] / total;
        });
      }
      const unplaced = new Float64Array(S);
      for (const u of layout.unplaced) if (u.slot === t) unplaced[u.service] += u.servers;
      for (let s = 0; s < S; s++) {
        worst = Math.max(worst, servers[t * S + s] - unplaced[s] - given[s]);
      }
    });
  }
  return worst;
}

describe('layoutDay: remainders split across one-stop counters', () => {
  const { scenario, requirements } = splitScenario();

  it('seats three 0.6-server remainders at two one-stop counters by splitting one', () => {
    const { model, servers, days } = layouts(scenario, requirements);
    for (const row of days[0].positions) {
      expect(row).toHaveLength(2);
      expect(row.map((p) => p.services)).toEqual([
        [0, 1],
        [1, 2],
      ]);
    }
    expect(days[0].unplaced).toEqual([]);
    expect(worstShortfall(model, servers, days)).toBeLessThanOrEqual(1e-9);
  });

  it('keeps whole remainders apart when a change of a counter’s set costs a slot or more', () => {
    const { days } = layouts(scenario, requirements, 30);
    for (const row of days[0].positions) expect(row).toHaveLength(3);
  });

  it('gives a valid plan below what three seats per slot cost', () => {
    const plan = allocate(scenario, { requirements });
    expect(validatePlan(scenario, plan, { requirements })).toEqual([]);
    expect(plan.shortfalls).toEqual([]);
    // Without splitting every slot needs 3 seats: at least 3 × 16 slots × 30 minutes = 1440 (counting bound).
    expect(plan.summary.staffMinutes).toBeLessThan(1440);
  });

  it('meets every requirement with fewer positions on the large benchmark day', () => {
    const { scenario: large } = parseScenario(allocationInstance('large-day'));
    const { model, servers, days } = layouts(large, undefined);
    const positions = days.reduce((n, d) => n + d.positions.reduce((m, row) => m + row.length, 0), 0);
    // 706 positions without splitting (whole remainders only), 678 with it, 669 closing seated positions too
    // (measured 2026-11-27).
    expect(positions).toBeLessThanOrEqual(690);
    expect(days.flatMap((d) => d.unplaced)).toEqual([]);
    expect(worstShortfall(model, servers, days)).toBeLessThanOrEqual(1e-9);
  });
});

/** Whether the people available in slot `t` can take every position of `row` (augmenting paths over classes). */
function seatable(row: readonly { role: number }[], roles: RoleTable, available: Int32Array): boolean {
  const load = new Int32Array(available.length);
  const classOf = new Int32Array(row.length).fill(-1);
  const place = (j: number, seen: Uint8Array): boolean => {
    for (const k of roles.compat[row[j].role]) {
      if (seen[k]) continue;
      seen[k] = 1;
      if (load[k] < available[k]) {
        load[k]++;
        classOf[j] = k;
        return true;
      }
      for (let other = 0; other < row.length; other++) {
        if (classOf[other] !== k) continue;
        classOf[other] = -1;
        if (place(other, seen)) {
          classOf[j] = k;
          return true;
        }
        classOf[other] = k;
      }
    }
    return false;
  };
  return row.every((_, j) => place(j, new Uint8Array(available.length)));
}

describe('layoutDay: closing positions knowing who sits where', () => {
  it('needs fewer positions on the large week, never below the counting bound, and everyone can be seated', () => {
    const { scenario } = parseScenario(allocationInstance('large-week'));
    const grid = buildSlotGrid(scenario);
    const req = slotRequirements(scenario, grid, scenario.priority, undefined);
    const model = buildModel(scenario, grid, req.servers, new Set());
    const roles = new RoleTable(model);
    let positions = 0;
    let oneStop = 0;
    const days: DayLayout[] = [];
    for (const day of model.days) {
      const available = availableClasses(model, day);
      const layout = layoutDay(model, day, req.servers, roles, available, { switchPenaltyMinutes: 0 });
      const fewest = seatsLowerBound(model, day.index, req.servers);
      const count = new Int32Array(model.skillClasses.length);
      layout.slots.forEach((t, i) => {
        const row = layout.positions[i];
        positions += row.length;
        oneStop += row.filter((p) => p.services.length > 1).length;
        expect(row.length).toBeGreaterThanOrEqual(fewest[i]);
        expect(new Set(row.map((p) => p.counter)).size).toBe(row.length);
        for (const p of row) expect(layout.roleOf[i * model.counterCount + p.counter]).toBe(p.role);
        available(t, count);
        expect(seatable(row, roles, count)).toBe(true);
      });
      days.push(layout);
    }
    // 6789 positions before seated closing, 6748 with rerouting alone, 6650 opening free one-stop counters for free
    // people too (measured 2026-11-27), 6610 with swaps where that leaves more than the fewest (2026-11-28; 6606
    // when each swap searched on for a second closure).
    expect(positions).toBeLessThanOrEqual(6630);
    // Positions serving several services (each needs someone with all their skills): 1559 before their lists were
    // narrowed, 1119 after (2026-11-28).
    expect(oneStop).toBeLessThanOrEqual(1150);
    expect(days.flatMap((d) => d.unplaced)).toEqual([]);
    expect(worstShortfall(model, req.servers, days)).toBeLessThanOrEqual(1e-9);
  });
});

describe('layoutDay: invariants on seeded random centres', () => {
  it('meets or reports every requirement, fills no position past one server, and seats everyone', () => {
    const inputs = [
      ...cityBatch(8, 2, 5),
      ...[2, 3, 4].map((seed) => allocationInstance('large-day', seed)),
      allocationInstance('large-week', 2),
    ];
    for (const input of inputs) {
      const { scenario } = parseScenario(input);
      const { model, servers, days } = layouts(scenario, undefined);
      const roles = new RoleTable(model);
      for (const [d, layout] of days.entries()) {
        const available = availableClasses(model, model.days[d]);
        const fewest = seatsLowerBound(model, d, servers);
        const count = new Int32Array(model.skillClasses.length);
        layout.slots.forEach((t, i) => {
          const row = layout.positions[i];
          if (!layout.unplaced.some((u) => u.slot === t))
            expect(row.length).toBeGreaterThanOrEqual(fewest[i]);
          available(t, count);
          expect(
            seatable(
              row.map((p) => ({ role: roles.id(p.services) })),
              roles,
              count,
            ),
          ).toBe(true);
        });
      }
      expect(worstShortfall(model, servers, days)).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe('layoutDay: the switching penalty against positions saved', () => {
  it('trades positions for fewer service-list changes as the penalty grows, meeting every requirement', () => {
    const { scenario } = parseScenario(allocationInstance('large-day'));
    const runs = [0, 10, 20, 30].map((penalty) => {
      const { model, servers, days } = layouts(scenario, undefined, penalty);
      const layout = days[0];
      let positions = 0;
      let switches = 0;
      layout.positions.forEach((row, i) => {
        positions += row.length;
        if (i === 0) return;
        for (const p of row) {
          const before = layout.roleOf[(i - 1) * model.counterCount + p.counter];
          if (before >= 0 && before !== p.role) switches++;
        }
      });
      expect(layout.unplaced).toEqual([]);
      expect(worstShortfall(model, servers, days)).toBeLessThanOrEqual(1e-9);
      return { positions, switches };
    });
    for (let x = 1; x < runs.length; x++) {
      expect(runs[x].positions).toBeGreaterThanOrEqual(runs[x - 1].positions);
      expect(runs[x].switches).toBeLessThanOrEqual(runs[x - 1].switches);
    }
    // Measured 2026-11-27: 669 positions with 35 changes at no penalty, 671 with 22 at 20 minutes, 713 with 11 at a
    // whole slot (30 minutes, where one-stop counters keep their sets unless the requirement cannot be placed:
    // 0.31 servers of one service in one slot were left unplaced before packing was tried there too).
    expect(runs[2].switches).toBeLessThan(runs[0].switches);
    expect(runs[3].switches).toBeLessThan(runs[2].switches);
  });
});
