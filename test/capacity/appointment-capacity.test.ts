import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/allocate/index.js';
import { appointmentCapacity, type CapacityResult } from '../../src/capacity/index.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { hallScenario, handPlan } from './fixtures.js';

const SERVERS = {
  tax: [3, 5, 6, 6, 6, 5, 5, 6, 6, 6, 5, 5, 4, 3],
  biz: [3, 4, 5, 5, 4, 3, 3, 4, 5, 5, 4, 4, 3, 2],
  soc: [3, 4, 5, 5, 4, 3, 3, 4, 5, 5, 4, 4, 3, 3],
};
const scenario = hallScenario('mixed');
const plan = handPlan(scenario, SERVERS);
const base = appointmentCapacity(scenario, plan);

const total = (r: CapacityResult, service: string) =>
  r.summary.services.find((s) => s.service === service)!.maxAppointments;
const row = (r: CapacityResult, service: string, hm: string) =>
  r.capacity.find((x) => x.service === service && x.slotStart.slice(11, 16) === hm)!;

function withServers(change: Partial<Record<keyof typeof SERVERS, number[]>>): Plan {
  return handPlan(scenario, { ...SERVERS, ...change });
}

describe('appointmentCapacity', () => {
  it('writes one row per service and open slot, by slot then service, with totals that add up', () => {
    expect(base.capacity).toHaveLength(3 * 14);
    expect(base.capacity.slice(0, 3).map((r) => r.service)).toEqual(['tax', 'biz', 'soc']);
    expect(base.capacity[0].slotStart).toBe('2026-12-01T09:00:00+08:00');
    for (const s of base.summary.services) {
      const rows = base.capacity.filter((r) => r.service === s.service);
      expect(s.maxAppointments).toBe(rows.reduce((a, r) => a + r.maxAppointments, 0));
      expect(s.expectedWalkIns).toBeCloseTo(
        rows.reduce((a, r) => a + r.expectedWalkIns, 0),
        6,
      );
    }
    expect(base.summary.maxAppointments).toBeGreaterThan(0);
    expect(base.summary).toMatchObject({
      walkInQuantile: 'p80',
      walkInReserveShare: 0.3,
      overbook: false,
      priority: 'appointments-first',
    });
    for (const r of base.capacity) {
      expect(Number.isInteger(r.maxAppointments)).toBe(true);
      expect(r.remaining).toBe(r.maxAppointments);
      expect(r.expectedShows).toBeCloseTo(
        r.maxAppointments * (1 - scenario.services.find((s) => s.id === r.service)!.noShowRate),
        4,
      );
      expect(r.plannedWalkIns).toBeGreaterThan(r.expectedWalkIns);
      if (r.maxAppointments > 0) expect(r.walkInServiceLevel).toBeGreaterThanOrEqual(0.8 - 1e-3);
    }
    // JSON-safe: nothing is lost in a round trip (no Infinity or NaN).
    expect(JSON.parse(JSON.stringify(base))).toEqual(base);
  });

  it('releases more with more servers, and less with a higher walk-in quantile', () => {
    const more = appointmentCapacity(scenario, withServers({ tax: SERVERS.tax.map((n) => n + 1) }));
    expect(total(more, 'tax')).toBeGreaterThan(total(base, 'tax'));
    expect(total(more, 'biz')).toBe(total(base, 'biz'));
    const expected = appointmentCapacity(scenario, plan, { walkInQuantile: 'expected' });
    const p90 = appointmentCapacity(scenario, plan, { walkInQuantile: 'p90' });
    for (const s of ['tax', 'biz', 'soc']) {
      expect(total(expected, s)).toBeGreaterThanOrEqual(total(base, s));
      expect(total(p90, s)).toBeLessThanOrEqual(total(base, s));
    }
    expect(total(expected, 'tax') + total(expected, 'soc')).toBeGreaterThan(
      total(p90, 'tax') + total(p90, 'soc'),
    );
  });

  it('overbooks by the no-show rate only when asked', () => {
    const over = appointmentCapacity(scenario, plan, { overbook: true });
    for (const s of ['tax', 'biz', 'soc']) expect(total(over, s)).toBeGreaterThan(total(base, s));
    const r = row(over, 'biz', '10:00');
    expect(r.expectedShows).toBeCloseTo(r.maxAppointments * 0.85, 4);
  });

  it('keeps everything for walk-ins with a reserve share of 1, and nothing with 0', () => {
    const all = appointmentCapacity(scenario, plan, { walkInReserveShare: 1 });
    expect(all.summary.maxAppointments).toBe(0);
    // Where even one holder would miss the target without a reserve, the target is named instead.
    expect(all.capacity.filter((r) => r.limit === 'walk-in-reserve').length).toBeGreaterThan(35);
    const none = appointmentCapacity(scenario, plan, { walkInReserveShare: 0 });
    expect(none.summary.maxAppointments).toBeGreaterThanOrEqual(base.summary.maxAppointments);
    expect(none.capacity.some((r) => r.limit === 'walk-in-reserve')).toBe(false);
  });

  it('says why a slot takes nothing: no counter, or walk-ins alone already miss — also from the backlog left', () => {
    const tax = [...SERVERS.tax];
    tax[2] = 0;
    tax[8] = 1;
    const r = appointmentCapacity(scenario, withServers({ tax }));
    expect(row(r, 'tax', '10:00')).toMatchObject({
      maxAppointments: 0,
      limit: 'no-servers',
      walkInServiceLevel: 0,
    });
    expect(row(r, 'tax', '14:30')).toMatchObject({ maxAppointments: 0, limit: 'walk-ins-short' });
    // The queue left by the slots without enough counters makes the next slot miss as well.
    expect(row(r, 'tax', '10:30')).toMatchObject({ maxAppointments: 0, limit: 'walk-ins-short' });
    expect(row(r, 'tax', '15:00')).toMatchObject({ maxAppointments: 0, limit: 'walk-ins-short' });
    expect(row(base, 'tax', '10:30').maxAppointments).toBeGreaterThan(0);
    expect(r.summary.services.find((s) => s.service === 'tax')!.shortSlots).toBe(4);
  });

  it('carries bookings beyond capacity into the later slots of the session only', () => {
    const first = row(base, 'tax', '09:00');
    const booked: Scenario = {
      ...scenario,
      demand: scenario.demand.map((d) =>
        d.service === 'tax' && d.channel === 'appointment' && d.slotStart.includes('T09:00')
          ? { ...d, booked: first.maxAppointments + 6 }
          : d,
      ),
    };
    const r = appointmentCapacity(booked, plan);
    expect(row(r, 'tax', '09:00')).toMatchObject({
      limit: 'overbooked',
      remaining: 0,
      booked: first.maxAppointments + 6,
    });
    const morning = (x: CapacityResult) =>
      ['09:30', '10:00', '10:30', '11:00', '11:30'].reduce(
        (a, hm) => a + row(x, 'tax', hm).maxAppointments,
        0,
      );
    expect(morning(r)).toBeLessThan(morning(base));
    for (const hm of ['13:30', '14:00', '17:00'])
      expect(row(r, 'tax', hm).maxAppointments).toBe(row(base, 'tax', hm).maxAppointments);
    expect(total(r, 'biz')).toBe(total(base, 'biz'));
  });

  it('splits shared counters as the plan’s expected servers say, or equally when they do not add up', () => {
    const slot = '2026-12-01T10:00:00+08:00';
    const shared: Plan = {
      ...plan,
      assignments: [
        ...plan.assignments,
        { slotStart: slot, counter: 'X1', staff: 'PX', services: ['tax', 'biz'] },
      ],
    };
    const equal = appointmentCapacity(scenario, shared);
    expect(row(equal, 'tax', '10:00').servers).toBe(6.5);
    expect(row(equal, 'biz', '10:00').servers).toBe(5.5);
    expect(equal.warnings).toEqual([]);
    const staffed = { tax: 6, biz: 5, soc: 5 };
    const expected = (['tax', 'biz', 'soc'] as const).map((service) => ({
      service,
      slotStart: slot,
      arrivals: 1,
      servers: staffed[service] + (service === 'tax' ? 0.8 : service === 'biz' ? 0.2 : 0),
      serviceLevel: 1,
      meanWaitSeconds: 0,
    }));
    const split = appointmentCapacity(scenario, { ...shared, expected });
    expect(row(split, 'tax', '10:00').servers).toBe(6.8);
    expect(row(split, 'biz', '10:00').servers).toBe(5.2);
    const wrong = appointmentCapacity(scenario, {
      ...shared,
      expected: expected.map((e) => ({ ...e, servers: e.servers + 1 })),
    });
    expect(row(wrong, 'tax', '10:00').servers).toBe(6.5);
    expect(wrong.warnings[0]).toMatch(/expected servers do not add up to the staffed counters in 1 slot/);
  });

  it('treats an assignment without a person as closed', () => {
    const unstaffed: Plan = {
      ...plan,
      assignments: plan.assignments.map((a) =>
        a.counter === 'T1' && a.slotStart.includes('T10:00') ? { ...a, staff: null } : a,
      ),
    };
    expect(row(appointmentCapacity(scenario, unstaffed), 'tax', '10:00').servers).toBe(5);
  });

  it('warns when the walk-in quantile is missing and sizes at expected there', () => {
    const r = appointmentCapacity(scenario, plan, { walkInQuantile: 'p95' });
    expect(r.warnings).toEqual([
      'service tax: p95 missing on 14 walk-in row(s); sized at expected there',
      'service biz: p95 missing on 14 walk-in row(s); sized at expected there',
      'service soc: p95 missing on 14 walk-in row(s); sized at expected there',
    ]);
    expect(r.capacity[0].plannedWalkIns).toBe(r.capacity[0].expectedWalkIns);
  });

  it('rejects bad options and plans that do not fit the scenario', () => {
    expect(() => appointmentCapacity(scenario, plan, { walkInReserveShare: 1.5 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/walkInReserveShare must be in \[0, 1\], got 1.5/),
      }),
    );
    expect(() => appointmentCapacity(scenario, plan, { walkInQuantile: 'p99' as 'p90' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    const unknown: Plan = { ...plan, assignments: [{ ...plan.assignments[0], services: ['permits'] }] };
    expect(() => appointmentCapacity(scenario, unknown)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['plan', 'assignments', 0, 'services', 0] }),
    );
    const badTime: Plan = { ...plan, assignments: [{ ...plan.assignments[0], slotStart: 'tomorrow' }] };
    expect(() => appointmentCapacity(scenario, badTime)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['plan', 'assignments', 0, 'slotStart'] }),
    );
  });
});
