import { describe, expect, it } from 'vitest';
import { allocate, defaultAllocateOptions } from '../../src/allocate/allocate.js';
import {
  allocationInstance,
  cityBatch,
  defaultCentreSpec,
  generateCentreScenario,
} from '../../src/allocate/instances.js';
import type { Plan } from '../../src/allocate/plan.js';
import { validatePlan } from '../../src/allocate/validate-plan.js';
import { QueuecastError } from '../../src/errors.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/scenario/scenario.js';
import { simulate } from '../../src/simulate/index.js';
import { staffingRequirements } from '../../src/staffing/index.js';
import { parseIsoTime } from '../../src/time/zoned.js';
import { knownOptimumScenario } from './fixtures.js';

const small = parseScenario(allocationInstance('small-day', 1)).scenario;
const medium = parseScenario(allocationInstance('medium-day', 1)).scenario;
const smallPlan = allocate(small);
const mediumPlan = allocate(medium);

function shortfallReasons(plan: Plan): Set<string> {
  return new Set(plan.shortfalls.map((f) => f.reason));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof QueuecastError ? e.code : 'not a QueuecastError';
  }
  return undefined;
}

/** Servers the plan gives each service in each slot, keyed `service|epochMs`. */
function planServers(plan: Plan, timezone: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of plan.expected) out.set(`${e.service}|${parseIsoTime(e.slotStart, timezone)}`, e.servers);
  return out;
}

describe('allocate', () => {
  it('plans the named small and medium days without breaking any rule', () => {
    for (const [scenario, plan] of [
      [small, smallPlan],
      [medium, mediumPlan],
    ] as const) {
      expect(validatePlan(scenario, plan)).toEqual([]);
      expect(plan.status).not.toBe('infeasible');
      expect(plan.shortfalls).toEqual([]);
      expect(plan.summary.targetsMetFraction).toBe(1);
      expect(plan.assignments.length).toBeGreaterThan(0);
    }
  });

  it('reports a summary consistent with its shifts and assignments', () => {
    const sm = medium.centre.slotMinutes;
    const s = mediumPlan.summary;
    expect(s.counterMinutes).toBe(mediumPlan.assignments.length * sm);
    // Every working minute of a shift is spent at a counter (no gap but the break).
    expect(s.staffMinutes).toBe(s.counterMinutes);
    const shiftMinutes = mediumPlan.shifts.reduce((a, sh) => {
      const span = (Date.parse(sh.end) - Date.parse(sh.start)) / 60_000;
      const br = sh.breaks.reduce((b, x) => b + (Date.parse(x.end) - Date.parse(x.start)) / 60_000, 0);
      return a + span - br;
    }, 0);
    expect(shiftMinutes).toBe(s.staffMinutes);
    expect(s.lowerBoundStaffMinutes).toBeGreaterThan(0);
    expect(s.lowerBoundStaffMinutes).toBeLessThanOrEqual(s.staffMinutes);
    expect(s.solveMilliseconds).toBeGreaterThan(0);
  });

  it('gives every service at least the servers staffingRequirements asks for in every slot', () => {
    for (const [scenario, plan] of [
      [small, smallPlan],
      [medium, mediumPlan],
    ] as const) {
      const { requirements } = staffingRequirements(scenario.demand, scenario.services, {
        slotMinutes: scenario.centre.slotMinutes,
        timezone: scenario.centre.timezone,
        priority: scenario.priority,
      });
      const got = planServers(plan, scenario.centre.timezone);
      let checked = 0;
      for (const r of requirements) {
        if (r.servers <= 0) continue;
        checked++;
        expect(got.get(`${r.service}|${r.slotStart}`) ?? 0).toBeGreaterThanOrEqual(r.servers - 1e-4);
      }
      expect(checked).toBeGreaterThan(50);
    }
  });

  it('writes expected service levels from the queueing formulas: within 0–1, higher with more servers', () => {
    for (const e of mediumPlan.expected) {
      expect(e.serviceLevel).toBeGreaterThanOrEqual(0);
      expect(e.serviceLevel).toBeLessThanOrEqual(1);
      expect(e.meanWaitSeconds).toBeGreaterThanOrEqual(0);
    }
    const served = mediumPlan.expected.filter((e) => e.arrivals > 0);
    expect(served.length).toBeGreaterThan(100);
    expect(served.every((e) => e.servers > 0)).toBe(true);
  });

  it('expects every target met where the plan has no shortfall: expected performance uses the staffing model', () => {
    // Staffing sizes appointments-first queues with the two-class priority model; a plan giving a service its
    // required servers must not then read below target by another formula (first-come-first-served read up to
    // 0.019 below on this day).
    const large = parseScenario(allocationInstance('large-day', 1)).scenario;
    for (const [scenario, plan] of [
      [medium, mediumPlan],
      [large, allocate(large)],
    ] as const) {
      const target = new Map(scenario.services.map((s) => [s.id, s.target.fraction ?? 0]));
      const short = new Set(plan.shortfalls.map((f) => `${f.service}|${f.slotStart}`));
      const served = plan.expected.filter((e) => e.arrivals > 0 && !short.has(`${e.service}|${e.slotStart}`));
      expect(served.length).toBeGreaterThan(150);
      for (const e of served) expect(e.serviceLevel).toBeGreaterThanOrEqual(target.get(e.service)! - 1e-4);
    }
  });

  it('is deterministic for a seed', () => {
    const again = allocate(medium);
    const strip = (p: Plan) => ({ ...p, summary: { ...p.summary, solveMilliseconds: 0 } });
    expect(strip(again)).toEqual(strip(mediumPlan));
  });

  it('solves an instance whose optimum is known by construction to that optimum', () => {
    const { scenario: json, requirements } = knownOptimumScenario();
    const { scenario } = parseScenario(json);
    const plan = allocate(scenario, { requirements });
    expect(validatePlan(scenario, plan, { requirements })).toEqual([]);
    expect(plan.summary.staffMinutes).toBe(1440);
    expect(plan.summary.lowerBoundStaffMinutes).toBe(1440);
    expect(plan.status).toBe('optimal');
  });

  it('keeps people on one counter for long stretches: most slot-to-slot steps stay put', () => {
    const sm = medium.centre.slotMinutes * 60_000;
    let steps = 0;
    let stays = 0;
    const last = new Map<string, { counter: string; at: number }>();
    for (const a of [...mediumPlan.assignments].sort(
      (x, y) => Date.parse(x.slotStart) - Date.parse(y.slotStart),
    )) {
      const at = Date.parse(a.slotStart);
      const prev = last.get(a.staff!);
      if (prev !== undefined && prev.at + sm === at) {
        steps++;
        if (prev.counter === a.counter) stays++;
      }
      last.set(a.staff!, { counter: a.counter, at });
    }
    expect(steps).toBeGreaterThan(150);
    // Moves left are mostly forced: a one-stop counter's service list changes between slots, or a counter closes
    // (the medium day's plan keeps 169 of 212 steps, 0.797).
    expect(stays / steps).toBeGreaterThanOrEqual(0.78);
  });
});

describe('allocate: targets that cannot be met', () => {
  const base = allocationInstance('small-day', 1);
  const plan = (json: ScenarioInput) => {
    const { scenario } = parseScenario(json);
    const p = allocate(scenario);
    expect(validatePlan(scenario, p)).toEqual([]);
    expect(p.status).toBe('infeasible');
    expect(p.summary.targetsMetFraction).toBeLessThan(1);
    return p;
  };

  it('reports no-counter for a service no counter serves', () => {
    const p = plan({ ...base, counters: base.counters!.filter((c) => !c.services.includes('svc04')) });
    expect(shortfallReasons(p)).toEqual(new Set(['no-counter']));
    expect(
      p.shortfalls.every((f) => f.service === 'svc04' && f.availableServers === 0 && f.neededServers > 0),
    ).toBe(true);
  });

  it('reports no-skilled-staff when nobody available has the skill', () => {
    const staff = base.staff!.map((p) => {
      const skills = p.skills.filter((s) => s !== 'svc04');
      return { ...p, skills: skills.length > 0 ? skills : ['svc01'] };
    });
    const p = plan({ ...base, staff });
    expect(shortfallReasons(p)).toEqual(new Set(['no-skilled-staff']));
  });

  it('reports no-staff when there is nobody', () => {
    const p = plan({ ...base, staff: [] });
    expect(shortfallReasons(p)).toEqual(new Set(['no-staff']));
    expect(p.assignments).toEqual([]);
    expect(p.summary.staffMinutes).toBe(0);
  });

  it('reports counters-exhausted when a service needs more counters than it has', () => {
    const counters = base.counters!.filter((c) => c.services.length === 1);
    const p = plan({
      ...base,
      counters,
      demand: base.demand!.map((d) => ({ ...d, expected: d.expected * 3 })),
    });
    expect(shortfallReasons(p).has('counters-exhausted')).toBe(true);
  });
});

describe('allocate: a day whose shifts leave positions open', () => {
  // Centres of cityBatch(200, 6, 1) that each fallback staffs in full (measured 2026-11-28):
  // - city-109: with one-stop counters swapped in and their lists narrowed, the shifts left 3 slot-services short
  //   (1.75 servers) that the layout of closing alone staffs;
  // - city-96: with breaks up to an hour longer, the local search left 12:30 on 2026-12-01 two slot-services short
  //   (0.90 servers) — everyone on a break — which the shortest breaks staff; the longer breaks save nothing there;
  // - city-76: one slot-service stays short with the LP on the shortest breaks (whatever the layout or breaks the
  //   local search then has); with the longer breaks as LP columns too, the rounded roster staffs it.
  it.each([
    ['the layout of closing alone', 109],
    ['the shortest breaks', 96],
    ['the LP rounding over the longer breaks too', 76],
  ])('falls back to %s where that staffs more (city-%i)', (_, n) => {
    const scenario = parseScenario(cityBatch(n, 6, 1)[n - 1]).scenario;
    const plan = allocate(scenario);
    expect(validatePlan(scenario, plan)).toEqual([]);
    expect(plan.shortfalls).toEqual([]);
  });
});

describe('allocate: metamorphic properties', () => {
  const base = allocationInstance('small-day', 2);
  const cost = (json: ScenarioInput) => allocate(parseScenario(json).scenario).summary.staffMinutes;
  const baseCost = cost(base);

  it('an unused counter does not increase cost', () => {
    const withIdle: ScenarioInput = {
      ...base,
      services: [...base.services, { id: 'closed-service', ahtSeconds: 600 }],
      counters: [...base.counters!, { id: 'C99', services: ['closed-service'] }],
    };
    expect(cost(withIdle)).toBeLessThanOrEqual(baseCost);
  });

  it('an unskilled extra person does not increase cost', () => {
    const withNewcomer: ScenarioInput = {
      ...base,
      services: [...base.services, { id: 'closed-service', ahtSeconds: 600 }],
      staff: [...base.staff!, { id: 'S999', skills: ['closed-service'] }],
    };
    expect(cost(withNewcomer)).toBeLessThanOrEqual(baseCost);
  });

  it('raising demand never lowers cost', () => {
    for (const seed of [1, 2, 3]) {
      const json = allocationInstance('small-day', seed);
      const before = cost(json);
      for (const factor of [1.25, 1.6]) {
        const more = { ...json, demand: json.demand!.map((d) => ({ ...d, expected: d.expected * factor })) };
        expect(cost(more)).toBeGreaterThanOrEqual(before);
      }
    }
  });

  it('a centre twice as busy in every slot never costs less, also for the medium centre', () => {
    const json = allocationInstance('medium-day', 2);
    const busier = { ...json, demand: json.demand!.map((d) => ({ ...d, expected: d.expected * 2 })) };
    expect(cost(busier)).toBeGreaterThan(cost(json));
  });
});

describe('allocate: objectives and options', () => {
  it('max-service uses the staff available to serve better than min-staff', () => {
    const json = allocationInstance('small-day', 1);
    const { scenario } = parseScenario(json);
    // Two starts: the one-start roster of this day fills all six counters from 10:30 to 14:00, which leaves no
    // seat for anyone else (max-service then equals min-staff); the two-start roster leaves one free.
    const lean = allocate(scenario, { starts: 2 });
    const best = allocate(scenario, { objective: 'max-service', starts: 2 });
    expect(validatePlan(scenario, best)).toEqual([]);
    expect(best.summary.staffMinutes).toBeGreaterThanOrEqual(lean.summary.staffMinutes);
    const lowest = (p: Plan) =>
      Math.min(...p.expected.filter((e) => e.arrivals > 0).map((e) => e.serviceLevel));
    const mean = (p: Plan) => {
      const busy = p.expected.filter((e) => e.arrivals > 0);
      return (
        busy.reduce((a, e) => a + e.serviceLevel * e.arrivals, 0) / busy.reduce((a, e) => a + e.arrivals, 0)
      );
    };
    expect(lowest(best)).toBeGreaterThanOrEqual(lowest(lean) - 1e-9);
    expect(mean(best)).toBeGreaterThan(mean(lean));
  });

  it('max-service shares scarce staff so that the worst service does better than under min-staff', () => {
    const json = allocationInstance('medium-day', 1);
    const scarce = { ...json, staff: json.staff!.filter((_, i) => i % 3 !== 0) };
    const { scenario } = parseScenario(scarce);
    const lean = allocate(scenario);
    const best = allocate(scenario, { objective: 'max-service' });
    expect(validatePlan(scenario, best)).toEqual([]);
    const share = (p: Plan) => {
      const target = new Map(scenario.services.map((s) => [s.id, s.target.fraction ?? 0.8]));
      const busy = p.expected.filter((e) => e.arrivals > 0);
      return Math.min(...busy.map((e) => e.serviceLevel / target.get(e.service)!));
    };
    expect(share(best)).toBeGreaterThanOrEqual(share(lean) - 1e-9);
    expect(best.shortfalls.length).toBeLessThanOrEqual(lean.shortfalls.length);
  });

  it('keeps dedicated counters on one service for the whole day', () => {
    const oneStop = medium.counters.filter((c) => c.services.length > 1).map((c) => c.id);
    const plan = allocate(medium, { dedicatedCounters: oneStop });
    expect(validatePlan(medium, plan)).toEqual([]);
    for (const id of oneStop) {
      const services = new Set(plan.assignments.filter((a) => a.counter === id).flatMap((a) => a.services));
      expect(services.size).toBeLessThanOrEqual(1);
    }
  });

  it('changes one-stop counters between service sets less under a switching penalty', () => {
    const changes = (plan: Plan) => {
      const sets = new Map<string, string>();
      let n = 0;
      for (const a of [...plan.assignments].sort(
        (x, y) => Date.parse(x.slotStart) - Date.parse(y.slotStart),
      )) {
        const key = [...a.services].sort().join('+');
        const prev = sets.get(a.counter);
        if (prev !== undefined && prev !== key) n++;
        sets.set(a.counter, key);
      }
      return n;
    };
    const strict = allocate(medium, { switchPenaltyMinutes: 1000 });
    expect(validatePlan(medium, strict)).toEqual([]);
    expect(changes(strict)).toBeLessThanOrEqual(changes(mediumPlan));
  });

  it('passes the appointment priority to the queueing model', () => {
    const fcfs = allocate(small, { priority: 'fcfs' });
    expect(validatePlan(small, fcfs, { priority: 'fcfs' })).toEqual([]);
    expect(fcfs.status).not.toBe('infeasible');
  });

  it('meets requirements given instead of computed', () => {
    const requirements = small.demand
      .filter((d) => d.channel === 'walk_in')
      .map((d) => ({ service: d.service, slotStart: d.slotStart, servers: 1.5 }));
    const plan = allocate(small, { requirements });
    expect(validatePlan(small, plan, { requirements })).toEqual([]);
    const got = planServers(plan, small.centre.timezone);
    for (const r of requirements) {
      const x = got.get(`${r.service}|${parseIsoTime(r.slotStart, small.centre.timezone)}`) ?? 0;
      const short = plan.shortfalls.some(
        (f) => f.service === r.service && f.slotStart === r.slotStart.replace('+08:00', '+08:00'),
      );
      expect(x >= 1.5 - 1e-4 || short).toBe(true);
    }
  });

  it('respects the dates staff work', () => {
    const json = allocationInstance('small-week', 1);
    const { scenario } = parseScenario(json);
    const plan = allocate(scenario);
    expect(validatePlan(scenario, plan)).toEqual([]);
    const dates = new Map(scenario.staff.map((p) => [p.id, p.dates]));
    for (const a of plan.assignments) expect(dates.get(a.staff!)).toContain(a.slotStart.slice(0, 10));
  });

  it('throws INVALID_ARGUMENT for bad options, and never for targets out of reach', () => {
    expect(codeOf(() => allocate(small, { objective: 'cheapest' as never }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => allocate(small, { solver: 'exact' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => allocate(small, { dedicatedCounters: ['nope'] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => allocate(small, { switchPenaltyMinutes: -1 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => allocate(small, { starts: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => allocate(small, { pairRounds: 0.5 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => allocate(small, { ejectionRounds: -1 }))).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() => allocate(small, { requirements: [{ service: 'x', slotStart: 0, servers: 1 }] })),
    ).toBe('INVALID_INPUT');
    const impossible = small.services.map((s) => ({ ...s, target: { fraction: 1, withinSeconds: 0 } }));
    expect(codeOf(() => allocate({ ...small, services: impossible } as Scenario))).toBeUndefined();
    expect(defaultAllocateOptions.objective).toBe('min-staff');
  });

  it('plans a generated centre with a lunch closure, taking the closure (maybe grown) as the break', () => {
    const json = generateCentreScenario({
      ...defaultCentreSpec,
      services: 5,
      counters: 8,
      staff: 14,
      hours: 'lunch',
      seed: 4,
    });
    const { scenario } = parseScenario(json);
    const plan = allocate(scenario);
    expect(validatePlan(scenario, plan)).toEqual([]);
    const spanning = plan.shifts.filter(
      (s) => s.start.slice(11, 16) < '12:00' && s.end.slice(11, 16) > '13:30',
    );
    expect(spanning.length).toBeGreaterThan(0);
    // The break holds the 12:00–13:30 closure; grown, it starts inside the 11:30–14:00 window, at most an hour
    // longer (BREAK_EXTENSION_MINUTES) on each side.
    for (const s of spanning) {
      expect(s.breaks).toHaveLength(1);
      const [from, to] = [s.breaks[0].start.slice(11, 16), s.breaks[0].end.slice(11, 16)];
      expect(from >= '11:30' && from <= '12:00').toBe(true);
      expect(to >= '13:30' && to <= '14:30').toBe(true);
    }
  });
});

describe('allocate: simulation', () => {
  it('a medium plan meets every service target in simulation', () => {
    // 100 replications of the medium day; the plan's counters as operated (DESIGN.md), walk-ins may abandon.
    const result = simulate(medium, mediumPlan, { replications: 100, seed: 11 });
    for (const s of result.services) {
      const target = medium.services.find((x) => x.id === s.service)!.target.fraction!;
      expect(s.serviceLevel! + (s.serviceLevelCI ?? 0)).toBeGreaterThanOrEqual(target);
    }
  });
});
