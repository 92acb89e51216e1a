import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/allocate.js';
import { buildSlotGrid } from '../../src/allocate/grid.js';
import {
  allocationInstance,
  defaultCentreSpec,
  generateCentreScenario,
} from '../../src/allocate/instances.js';
import { loadHighs } from '../../src/allocate/load-highs.js';
import { seatsLowerBound } from '../../src/allocate/lower-bound.js';
import { buildModel } from '../../src/allocate/model.js';
import { slotRequirements } from '../../src/allocate/requirements.js';
import { validatePlan } from '../../src/allocate/validate-plan.js';
import { parseScenario, type ScenarioInput } from '../../src/scenario/scenario.js';
import { slotStarts } from './fixtures.js';

/** One service, one counter, two full-day people; requirements of 1 server in the slots `busy` selects. */
function oneService(busy: (slotStart: string) => boolean) {
  const starts = slotStarts('2026-12-01', '09:00', '17:00');
  const scenario: ScenarioInput = {
    centre: { id: 'one', timezone: 'Asia/Shanghai', slotMinutes: 30 },
    services: [{ id: 'a', ahtSeconds: 600 }],
    counters: [{ id: 'C1', services: ['a'] }],
    staff: ['P1', 'P2'].map((id) => ({
      id,
      skills: ['a'],
      availableFrom: '08:30',
      availableTo: '17:30',
      maxWorkMinutes: 480,
    })),
    shiftRules: {
      minShiftMinutes: 240,
      maxShiftMinutes: 540,
      breakMinutes: 60,
      breakWindow: ['11:30', '14:00'],
    },
    demand: starts.map((slotStart) => ({ service: 'a', slotStart, expected: 0.5 })),
  };
  const requirements = starts.map((slotStart) => ({
    service: 'a',
    slotStart,
    servers: busy(slotStart) ? 1 : 0,
  }));
  return { scenario: parseScenario(scenario).scenario, requirements };
}

describe('summary.lowerBoundStaffMinutes', () => {
  it('counts the minimum shift length: an hour of demand costs a four-hour shift less its break', () => {
    // Hand count: 1 server 09:00–10:00 only. A shift lasts at least minShiftMinutes = 240 and may take one break of
    // at least 60 min starting in 11:30–14:00: 09:00–11:30 and 13:30–14:00 (a two-hour break; the shift spans the
    // window, so it must take one) works 180 minutes, and no allowed shift covering 09:00 works less (the break
    // cannot start before 11:30). The fast plan finds it: its patterns take breaks up to an hour longer.
    const { scenario, requirements } = oneService((s) => s < '2026-12-01T10:00');
    const plan = allocate(scenario, { requirements });
    expect(validatePlan(scenario, plan, { requirements })).toEqual([]);
    expect(plan.summary.lowerBoundStaffMinutes).toBe(180);
    expect(plan.summary.staffMinutes).toBe(180);
  });

  it('allows breaks longer than breakMinutes: it stays below a plan with a 2½-hour break', () => {
    // Demand 09:00–11:30 and 14:00–17:00. One person working both with the break 11:30–14:00 (at least 60 min,
    // starting in the window) is a valid shift of 330 minutes, fewer than any shift with a break of exactly an hour
    // (420): the bound must allow it. 11 busy slots × 30 min = 330 is also the counting bound.
    const { scenario, requirements } = oneService((s) => s < '2026-12-01T11:30' || s >= '2026-12-01T14:00');
    const plan = allocate(scenario, { requirements });
    expect(plan.summary.lowerBoundStaffMinutes).toBe(330);
    const starts = slotStarts('2026-12-01', '09:00', '17:00').filter(
      (s) => s < '2026-12-01T11:30' || s >= '2026-12-01T14:00',
    );
    const longBreak = {
      ...plan,
      status: 'feasible' as const,
      assignments: starts.map((slotStart) => ({ slotStart, counter: 'C1', staff: 'P1', services: ['a'] })),
      shifts: [
        {
          staff: 'P1',
          start: '2026-12-01T09:00:00+08:00',
          end: '2026-12-01T17:00:00+08:00',
          breaks: [{ start: '2026-12-01T11:30:00+08:00', end: '2026-12-01T14:00:00+08:00' }],
        },
      ],
      expected: plan.expected.map((e) => ({ ...e, servers: starts.includes(e.slotStart) ? 1 : 0 })),
      shortfalls: [],
    };
    expect(validatePlan(scenario, longBreak, { requirements })).toEqual([]);
    expect(plan.summary.lowerBoundStaffMinutes).toBeLessThanOrEqual(starts.length * 30);
  });

  it('never exceeds the fast plan, nor HiGHS’s proven optimum, on seeded random small centres', async () => {
    const highs = await loadHighs();
    let proven = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const services = 2 + (seed % 2);
      const json = generateCentreScenario({
        ...defaultCentreSpec,
        services,
        counters: services + 1 + (seed % 3),
        staff: services + 3 + (seed % 3),
        hours: seed % 2 === 0 ? 'lunch' : 'continuous',
        seed,
      });
      const { scenario } = parseScenario(json);
      const fast = allocate(scenario);
      expect(fast.summary.lowerBoundStaffMinutes).toBeGreaterThan(0);
      expect(fast.summary.lowerBoundStaffMinutes).toBeLessThanOrEqual(fast.summary.staffMinutes);
      const exact = allocate(scenario, { solver: 'exact', highs, exactTimeLimitSeconds: 2 });
      expect(exact.summary.lowerBoundStaffMinutes).toBeLessThanOrEqual(exact.summary.staffMinutes);
      if (exact.status === 'optimal') {
        proven++;
        expect(fast.summary.lowerBoundStaffMinutes).toBeLessThanOrEqual(exact.summary.staffMinutes);
      }
    }
    expect(proven).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('is at least the counting bound and at most the staff-minutes on the named instances', () => {
    for (const name of ['small-day', 'medium-day', 'small-week'] as const) {
      const { scenario } = parseScenario(allocationInstance(name, 1));
      const plan = allocate(scenario);
      const people = new Map<string, Set<string>>();
      for (const a of plan.assignments) {
        if (a.staff === null) continue;
        const set = people.get(a.slotStart) ?? new Set<string>();
        set.add(a.staff);
        people.set(a.slotStart, set);
      }
      expect(plan.summary.lowerBoundStaffMinutes).toBeLessThanOrEqual(plan.summary.staffMinutes);
      // Seats per slot never exceed the people the plan seats there (the plan has no shortfall).
      expect(plan.shortfalls).toEqual([]);
      const grid = buildSlotGrid(scenario);
      const req = slotRequirements(scenario, grid, scenario.priority, undefined);
      const model = buildModel(scenario, grid, req.servers, new Set());
      let counted = 0;
      grid.days.forEach((gd, d) => {
        const seats = seatsLowerBound(model, d, req.servers);
        let i = 0;
        for (let pos = 0; pos < gd.length; pos++) {
          const t = gd.slot[pos];
          if (t < 0) continue;
          expect(seats[i]).toBeLessThanOrEqual(people.get(grid.slotIso[t])?.size ?? 0);
          counted += seats[i++] * grid.slotMinutes;
        }
      });
      expect(plan.summary.lowerBoundStaffMinutes).toBeGreaterThanOrEqual(counted);
    }
  });
});
