import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/allocate.js';
import { allocationInstance } from '../../src/allocate/instances.js';
import type { Assignment, Plan } from '../../src/allocate/plan.js';
import { type PlanRule, validatePlan } from '../../src/allocate/validate-plan.js';
import { parseScenario } from '../../src/scenario/scenario.js';

const { scenario } = parseScenario(allocationInstance('small-day', 1));
const plan = allocate(scenario);

function rules(p: Plan): Set<PlanRule> {
  return new Set(validatePlan(scenario, p).map((v) => v.rule));
}

type Editable = { -readonly [K in keyof Assignment]: Assignment[K] };

function withAssignments(fn: (a: Editable[]) => Editable[]): Plan {
  return { ...plan, assignments: fn(plan.assignments.map((a) => ({ ...a }))) };
}

/** The person with the longest shift, and their assignments in time order. */
function busiest(): { staff: string; mine: Assignment[] } {
  const by = new Map<string, Assignment[]>();
  for (const a of plan.assignments) by.set(a.staff!, [...(by.get(a.staff!) ?? []), a]);
  const [staff, mine] = [...by].sort((x, y) => y[1].length - x[1].length)[0];
  return { staff, mine: mine.sort((x, y) => Date.parse(x.slotStart) - Date.parse(y.slotStart)) };
}

describe('validatePlan', () => {
  it('accepts the plan allocate made', () => {
    expect(validatePlan(scenario, plan)).toEqual([]);
  });

  it('flags a counter listing a service it cannot serve', () => {
    const single = scenario.counters.find((c) => c.services.length === 1)!;
    const other = scenario.services.find((s) => s.id !== single.services[0])!.id;
    const bad = withAssignments((as) => {
      const a = as.find((x) => x.counter === single.id)!;
      a.services = [other];
      return as;
    });
    expect(rules(bad).has('capability')).toBe(true);
  });

  it('flags a person without the skill', () => {
    const bad = withAssignments((as) => {
      const a = as[0];
      const person = scenario.staff.find((p) => p.id === a.staff)!;
      const lacking = scenario.counters.find((c) => c.services.some((s) => !person.skills.includes(s)))!;
      a.counter = lacking.id;
      a.services = [lacking.services.find((s) => !person.skills.includes(s))!];
      return as;
    });
    expect(rules(bad).has('skill')).toBe(true);
  });

  it('flags somebody at two counters at once, and a counter with two people', () => {
    const twice = withAssignments((as) => {
      const a = as[0];
      const free = scenario.counters.find(
        (c) => !as.some((x) => x.slotStart === a.slotStart && x.counter === c.id),
      )!;
      return [...as, { ...a, counter: free.id, services: [free.services[0]] }];
    });
    expect(rules(twice).has('double-booked')).toBe(true);
    const crowded = withAssignments((as) => {
      const a = as[0];
      const idle = scenario.staff.find(
        (p) => !as.some((x) => x.slotStart === a.slotStart && x.staff === p.id),
      )!;
      return [...as, { ...a, staff: idle.id }];
    });
    expect(rules(crowded).has('counter-twice')).toBe(true);
  });

  it('flags work outside availability or on a date off', () => {
    const person = scenario.staff.find((p) => p.id === plan.assignments[0].staff)!;
    const late = {
      ...scenario,
      staff: scenario.staff.map((p) => (p.id === person.id ? { ...p, availableFrom: '16:30' } : p)),
    };
    expect(validatePlan(late, plan).some((v) => v.rule === 'availability')).toBe(true);
    const off = {
      ...scenario,
      staff: scenario.staff.map((p) => (p.id === person.id ? { ...p, dates: ['2026-12-24'] } : p)),
    };
    expect(validatePlan(off, plan).some((v) => v.rule === 'availability')).toBe(true);
  });

  it('flags a second gap in a shift, a short shift, too much work and a missing break', () => {
    const { staff, mine } = busiest();
    const middle = mine[2];
    const gapped = withAssignments((as) =>
      as.filter((a) => !(a.staff === staff && a.slotStart === middle.slotStart)),
    );
    expect(rules(gapped).has('shift-rules')).toBe(true);
    const strict = {
      ...scenario,
      shiftRules: { ...scenario.shiftRules, minShiftMinutes: 600, maxShiftMinutes: 600 },
    };
    expect(
      validatePlan(strict, plan).some((v) => v.rule === 'shift-rules' && v.message.includes('shorter')),
    ).toBe(true);
    const tired = {
      ...scenario,
      staff: scenario.staff.map((p) => (p.id === staff ? { ...p, maxWorkMinutes: 60 } : p)),
    };
    expect(
      validatePlan(tired, plan).some((v) => v.rule === 'shift-rules' && v.message.includes('works')),
    ).toBe(true);
  });

  it('flags shift records that do not match the assignments', () => {
    const moved = { ...plan, shifts: plan.shifts.map((s, i) => (i === 0 ? { ...s, end: s.start } : s)) };
    expect(rules(moved).has('shift-record')).toBe(true);
    const missing = { ...plan, shifts: plan.shifts.slice(1) };
    expect(rules(missing).has('shift-record')).toBe(true);
  });

  it('flags unknown counters and staff, and closed slots', () => {
    const unknown = withAssignments((as) => {
      as[0].counter = 'C-none';
      as[1].staff = 'S-none';
      as[2].slotStart = '2026-12-01T03:00:00+08:00';
      return as;
    });
    const r = rules(unknown);
    expect(r.has('unknown-counter')).toBe(true);
    expect(r.has('unknown-staff')).toBe(true);
    expect(r.has('closed-slot')).toBe(true);
  });

  it('flags expected servers the counters cannot give', () => {
    const inflated = {
      ...plan,
      expected: plan.expected.map((e, i) => (i === 0 ? { ...e, servers: e.servers + 5 } : e)),
    };
    expect(rules(inflated).has('servers')).toBe(true);
  });

  it('requires every slot and service below its requirement to be listed, and only those', () => {
    const json = allocationInstance('small-day', 1);
    const scarce = parseScenario({ ...json, staff: json.staff!.slice(0, 3) }).scenario;
    const short = allocate(scarce);
    expect(short.shortfalls.length).toBeGreaterThan(0);
    expect(validatePlan(scarce, short)).toEqual([]);
    const hidden = { ...short, shortfalls: short.shortfalls.slice(1) };
    expect(validatePlan(scarce, hidden).map((v) => v.rule)).toEqual(['unlisted-shortfall']);
    const invented = {
      ...plan,
      shortfalls: [
        { ...short.shortfalls[0], service: plan.expected[0].service, slotStart: plan.expected[0].slotStart },
      ],
    };
    expect(rules(invented).has('false-shortfall')).toBe(true);
  });
});
