import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/allocate/plan.js';
import { QueuecastError } from '../../src/errors.js';
import { createRng } from '../../src/random/rng.js';
import { parseScenario, type ScenarioInput } from '../../src/scenario/scenario.js';
import {
  createSimulationEngine,
  defaultSimulateOptions,
  prepareSimulation,
  type ServersRow,
  type SimulateOptions,
  simulate,
} from '../../src/simulate/index.js';
import { syntheticCentre } from './fixtures.js';
import { naiveSimulate } from './naive-simulator.js';

const at = (hm: string) => `2026-12-01T${hm}:00+08:00`;
const MORNING = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map(at);

/** Three services, walk-ins and appointments, four morning slots of demand and two quiet ones. */
function threeServices(extra: Partial<ScenarioInput> = {}) {
  return parseScenario({
    centre: { id: 'x', timezone: 'Asia/Shanghai', slotMinutes: 30 },
    services: [
      { id: 'tax', ahtSeconds: 600, serviceCv: 0.8, patienceSeconds: 1800, noShowRate: 0.1 },
      { id: 'id', ahtSeconds: 300, serviceCv: 0.5, patienceSeconds: 1200 },
      { id: 'biz', ahtSeconds: 900, serviceCv: 1.2 },
    ],
    demand: MORNING.flatMap((slotStart, k) => [
      { service: 'tax', channel: 'walk_in', slotStart, expected: k < 4 ? 12 : 2, p90: k < 4 ? 19 : 4 },
      { service: 'tax', channel: 'appointment', slotStart, expected: 4, booked: 5 },
      { service: 'id', channel: 'walk_in', slotStart, expected: k < 4 ? 20 : 3 },
      { service: 'biz', channel: 'walk_in', slotStart, expected: k < 4 ? 5 : 1 },
    ]),
    ...extra,
  } as ScenarioInput).scenario;
}

function servers(counts: { tax: number; id: number; biz: number }): ServersRow[] {
  return MORNING.flatMap((slotStart) => [
    { service: 'tax', slotStart, servers: counts.tax },
    { service: 'id', slotStart, servers: counts.id },
    { service: 'biz', slotStart, servers: counts.biz },
  ]);
}

describe('simulate: result format and reproducibility', () => {
  const sc = threeServices();
  const rows = servers({ tax: 4, id: 3, biz: 3 });

  it('returns the Simulation result of DESIGN.md', () => {
    const r = simulate(sc, rows, { replications: 20, seed: 7 });
    expect(r.replications).toBe(20);
    expect(r.seed).toBe(7);
    expect(r.services.map((s) => s.service)).toEqual(['tax', 'id', 'biz']);
    for (const s of r.services) {
      for (const key of [
        'arrivals',
        'serviceLevel',
        'serviceLevelCI',
        'meanWaitSeconds',
        'abandonShare',
      ] as const) {
        expect(typeof s[key]).toBe('number');
      }
      expect(s.serviceLevel!).toBeGreaterThanOrEqual(0);
      expect(s.serviceLevel!).toBeLessThanOrEqual(1);
      expect(s.p90WaitSeconds!).toBeGreaterThanOrEqual(s.p50WaitSeconds!);
    }
    expect(r.services[0].channels.map((c) => c.channel)).toEqual(['walk_in', 'appointment']);
    expect(r.slots).toHaveLength(3 * MORNING.length);
    expect(r.slots[0]).toMatchObject({ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00' });
    expect(r.hall).toHaveLength(MORNING.length);
    expect(r.counters.map((c) => c.counter)).toContain('tax#4');
    expect(r.overtime).toHaveLength(1);
    expect(r.overtime[0].end).toBe('2026-12-01T12:00:00+08:00');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('identical seeds give identical results; different seeds differ', () => {
    const a = simulate(sc, rows, { replications: 10, seed: 42 });
    const b = simulate(sc, rows, { replications: 10, seed: 42 });
    const c = simulate(sc, rows, { replications: 10, seed: 43 });
    expect(b).toEqual(a);
    expect(c.services).not.toEqual(a.services);
    expect(c.services[0].arrivals).not.toBe(a.services[0].arrivals);
  });

  it('exports its defaults and rejects bad options with INVALID_ARGUMENT', () => {
    expect(defaultSimulateOptions.replications).toBe(100);
    expect(defaultSimulateOptions.seed).toBe(1);
    for (const bad of [
      { replications: 0 },
      { replications: 2.5 },
      { seed: Number.NaN },
      { warmupMinutes: -1 },
    ] as Partial<SimulateOptions>[]) {
      expect(() => simulate(sc, rows, bad)).toThrowError(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(() => simulate(sc, rows, { punctuality: { earlyMinutes: -5, lateMinutes: 0 } })).toThrowError(
      QueuecastError,
    );
  });

  it('reports progress once per replication', () => {
    const seen: number[] = [];
    simulate(sc, rows, { replications: 5, onProgress: (done, total) => seen.push(done / total) });
    expect(seen).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('simulate: input validation', () => {
  const sc = threeServices();
  const bad = (input: Plan | ServersRow[]) => {
    try {
      simulate(sc, input, { replications: 1 });
    } catch (e) {
      return (e as QueuecastError).code;
    }
    return 'no error';
  };
  const base: Plan = {
    status: 'feasible',
    assignments: [],
    shifts: [],
    expected: [],
    shortfalls: [],
    summary: {
      staffMinutes: 0,
      counterMinutes: 0,
      lowerBoundStaffMinutes: 0,
      targetsMetFraction: 0,
      solveMilliseconds: 0,
    },
  };

  it('rejects unknown services, bad times, double bookings, overlapping slots and fractional servers', () => {
    expect(bad([{ service: 'nope', slotStart: at('09:00'), servers: 1 }])).toBe('INVALID_INPUT');
    expect(bad([{ service: 'tax', slotStart: 'tomorrow', servers: 1 }])).toBe('INVALID_INPUT');
    expect(bad([{ service: 'tax', slotStart: at('09:00'), servers: 1.5 }])).toBe('INVALID_INPUT');
    expect(bad([{ service: 'tax', services: ['id'], slotStart: at('09:00'), servers: 1 }])).toBe(
      'INVALID_INPUT',
    );
    expect(bad([{ service: 'tax', slotStart: at('09:10'), servers: 1 }])).toBe('INVALID_INPUT');
    const seat = (counter: string, staff: string) => ({
      slotStart: at('09:00'),
      counter,
      staff,
      services: ['tax'],
    });
    expect(bad({ ...base, assignments: [seat('C1', 'P1'), seat('C1', 'P2')] })).toBe('INVALID_INPUT');
    expect(bad({ ...base, assignments: [seat('C1', 'P1'), seat('C2', 'P1')] })).toBe('INVALID_INPUT');
    expect(bad({ ...base, assignments: [{ ...seat('C1', 'P1'), services: ['ghost'] }] })).toBe(
      'INVALID_INPUT',
    );
    expect(
      bad({
        ...base,
        assignments: [seat('C1', 'P1')],
        expected: [
          {
            service: 'ghost',
            slotStart: at('09:00'),
            arrivals: 1,
            servers: 1,
            serviceLevel: 1,
            meanWaitSeconds: 0,
          },
        ],
      }),
    ).toBe('INVALID_INPUT');
  });

  it('warns about services with demand and no counter', () => {
    const r = simulate(sc, servers({ tax: 2, id: 2, biz: 0 }), { replications: 2 });
    expect(r.warnings.some((w) => w.includes('"biz" has demand but no counter'))).toBe(true);
    expect(r.services[2].served).toBe(0);
    expect(r.services[2].unserved).toBeGreaterThan(0);
  });

  it('rejects an unsorted customer trace', () => {
    const engine = createSimulationEngine(prepareSimulation(sc, servers({ tax: 1, id: 1, biz: 1 })));
    expect(() =>
      engine.loadCustomers({ arrivalSeconds: [5, 1], service: [0, 0], serviceSeconds: [1, 1] }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('simulate: properties', () => {
  it('zero demand gives zero arrivals and undefined service levels', () => {
    const sc = parseScenario({
      centre: { timezone: 'Asia/Shanghai', slotMinutes: 30 },
      services: [{ id: 'tax', ahtSeconds: 600, patienceSeconds: 900 }],
      demand: MORNING.map((slotStart) => ({ service: 'tax', slotStart, expected: 0 })),
    }).scenario;
    const r = simulate(
      sc,
      MORNING.map((slotStart) => ({ service: 'tax', slotStart, servers: 2 })),
      { replications: 5 },
    );
    expect(r.customersSimulated).toBe(0);
    expect(r.services[0]).toMatchObject({
      arrivals: 0,
      served: 0,
      abandoned: 0,
      serviceLevel: null,
      meanWaitSeconds: null,
    });
    expect(r.slots.every((s) => s.arrivals === 0 && s.meanQueueLength === 0)).toBe(true);
    expect(r.counters.every((c) => c.busyMinutes === 0 && c.overtimeMinutes === 0)).toBe(true);
  });

  it('conserves customers: arrivals = served + abandoned + unserved, per service and slot', () => {
    const { scenario, plan } = syntheticCentre({
      services: 12,
      counters: 30,
      customersPerDay: 1500,
      seed: 2,
    });
    const r = simulate(scenario, plan, { replications: 10 });
    for (const group of [...r.services, ...r.slots, ...r.services.flatMap((s) => s.channels)]) {
      expect(group.served + group.abandoned + group.unserved).toBeCloseTo(group.arrivals, 2);
    }
    expect(r.services.reduce((a, s) => a + s.unserved, 0)).toBe(0);
    expect(r.customersSimulated).toBeCloseTo(r.services.reduce((a, s) => a + s.arrivals, 0) * 10, 0);
  });

  it('more servers never worsen the mean wait (same seed: common random numbers)', () => {
    const sc = threeServices();
    let previous = Number.POSITIVE_INFINITY;
    let previousAbandon = Number.POSITIVE_INFINITY;
    for (const c of [2, 3, 4, 5, 6, 8]) {
      const r = simulate(sc, servers({ tax: c, id: c, biz: c }), { replications: 30, seed: 3 });
      const waitSum = r.services.reduce((a, s) => a + (s.meanWaitSeconds ?? 0) * s.served, 0);
      const served = r.services.reduce((a, s) => a + s.served, 0);
      const meanWait = waitSum / served;
      const abandon = r.services.reduce((a, s) => a + s.abandoned, 0);
      expect(meanWait).toBeLessThanOrEqual(previous);
      expect(abandon).toBeLessThanOrEqual(previousAbandon);
      previous = meanWait;
      previousAbandon = abandon;
    }
    expect(previous).toBeLessThan(30);
  });

  it('opening one more counter in a plan never worsens any service (common random numbers)', () => {
    const { scenario, plan } = syntheticCentre({
      services: 8,
      counters: 16,
      customersPerDay: 900,
      seed: 4,
      rotateStaff: false,
    });
    const extra: Plan = {
      ...plan,
      assignments: [
        ...plan.assignments,
        ...[...new Set(plan.assignments.map((a) => a.slotStart))].map((slotStart) => ({
          slotStart,
          counter: 'EXTRA',
          staff: 'EXTRA',
          services: scenario.services.map((s) => s.id),
        })),
      ],
    };
    const base = simulate(scenario, plan, { replications: 30, seed: 9 });
    const more = simulate(scenario, extra, { replications: 30, seed: 9 });
    base.services.forEach((s, i) => {
      expect(more.services[i].arrivals).toBe(s.arrivals);
      expect(more.services[i].meanWaitSeconds!).toBeLessThanOrEqual(s.meanWaitSeconds! + 1e-9);
      expect(more.services[i].serviceLevel!).toBeGreaterThanOrEqual(s.serviceLevel! - 1e-9);
    });
  });

  it('doubling patience does not increase abandonment', () => {
    const scaled = (factor: number) =>
      threeServices({
        services: [
          { id: 'tax', ahtSeconds: 600, serviceCv: 0.8, patienceSeconds: 1800 * factor },
          { id: 'id', ahtSeconds: 300, serviceCv: 0.5, patienceSeconds: 1200 * factor },
          { id: 'biz', ahtSeconds: 900, serviceCv: 1.2, patienceSeconds: 600 * factor },
        ],
      });
    const rows = servers({ tax: 3, id: 2, biz: 2 });
    const once = simulate(scaled(1), rows, { replications: 40, seed: 5 });
    const twice = simulate(scaled(2), rows, { replications: 40, seed: 5 });
    once.services.forEach((s, i) => {
      expect(s.abandonShare!).toBeGreaterThan(0);
      expect(twice.services[i].abandonShare!).toBeLessThanOrEqual(s.abandonShare! + s.abandonShareCI!);
    });
    const total = (r: typeof once) => r.services.reduce((a, s) => a + s.abandoned, 0);
    expect(total(twice)).toBeLessThan(total(once));
  });

  it('appointment holders wait less than walk-ins under appointments-first, as long under fcfs', () => {
    // Both channels with the same profile over the morning, so that only the priority rule tells them apart.
    const hall = (priority: 'appointments-first' | 'fcfs', patienceSeconds?: number) =>
      parseScenario({
        centre: { timezone: 'Asia/Shanghai', slotMinutes: 30 },
        services: [
          { id: 'tax', ahtSeconds: 300, serviceCv: 1, ...(patienceSeconds ? { patienceSeconds } : {}) },
        ],
        priority,
        demand: MORNING.flatMap((slotStart) => [
          { service: 'tax', channel: 'walk_in', slotStart, expected: 14 },
          { service: 'tax', channel: 'appointment', slotStart, expected: 7 },
        ]),
      }).scenario;
    const rows = MORNING.map((slotStart) => ({ service: 'tax', slotStart, servers: 4 }));
    const first = simulate(hall('appointments-first', 900), rows, { replications: 60, seed: 2 }).services[0]
      .channels;
    expect(first[1].meanWaitSeconds! + first[1].meanWaitCI!).toBeLessThan(
      first[0].meanWaitSeconds! - first[0].meanWaitCI!,
    );
    expect(first[1].serviceLevel!).toBeGreaterThan(first[0].serviceLevel!);
    expect(first[1].abandonShare).toBe(0);
    expect(first[0].abandonShare!).toBeGreaterThan(0);
    // Without abandonment (which would select the short waits among walk-ins), FCFS treats both channels alike.
    const fcfs = simulate(hall('fcfs'), rows, { replications: 60, seed: 2 }).services[0].channels;
    expect(Math.abs(fcfs[1].meanWaitSeconds! - fcfs[0].meanWaitSeconds!)).toBeLessThan(
      fcfs[0].meanWaitCI! + fcfs[1].meanWaitCI!,
    );
  });

  it('queue length obeys Little’s law: time-average queue × slot length = total wait', () => {
    const sc = threeServices({
      services: [
        { id: 'tax', ahtSeconds: 600, serviceCv: 0.8 },
        { id: 'id', ahtSeconds: 300, serviceCv: 0.5 },
        { id: 'biz', ahtSeconds: 900, serviceCv: 1.2 },
      ],
    });
    // Plenty of counters in the quiet last slots so that queues are empty at the ticket stop (with 8, the tax
    // backlog of the busy slots is still there at the stop in most seeds, and waits after it fall outside every slot).
    const rows = MORNING.flatMap((slotStart, k) =>
      (['tax', 'id', 'biz'] as const).map((service) => ({ service, slotStart, servers: k < 4 ? 3 : 12 })),
    );
    const r = simulate(sc, rows, { replications: 40, seed: 6 });
    for (const s of r.services) {
      const area = r.slots
        .filter((x) => x.service === s.service)
        .reduce((a, x) => a + x.meanQueueLength * 1800, 0);
      expect(area).toBeCloseTo(s.served * s.meanWaitSeconds!, -2);
      expect(Math.abs(area / (s.served * s.meanWaitSeconds!) - 1)).toBeLessThan(0.01);
    }
    const maxSlot = r.slots.reduce((m, x) => Math.max(m, x.maxQueueLength), 0);
    expect(maxSlot).toBeGreaterThan(1);
  });

  it('counter busy time equals the work served (served × mean handling time)', () => {
    const sc = threeServices();
    const r = simulate(sc, servers({ tax: 4, id: 4, biz: 4 }), {
      replications: 60,
      seed: 12,
      serviceTime: 'gamma',
    });
    sc.services.forEach((svc) => {
      const busy = r.counters
        .filter((c) => c.counter.startsWith(`${svc.id}#`))
        .reduce((a, c) => a + c.busyMinutes * 60, 0);
      const served = r.services.find((s) => s.service === svc.id)!.served;
      expect(busy / (served * svc.ahtSeconds)).toBeGreaterThan(0.93);
      expect(busy / (served * svc.ahtSeconds)).toBeLessThan(1.07);
    });
    for (const h of r.hall.slice(0, 4)) {
      expect(h.utilisation!).toBeGreaterThan(0.2);
      expect(h.utilisation!).toBeLessThanOrEqual(1.05);
    }
  });

  it('compares the plan’s expected service levels with the simulation', () => {
    const { scenario, plan } = syntheticCentre({ services: 5, counters: 12, customersPerDay: 500, seed: 8 });
    const r = simulate(scenario, plan, { replications: 20 });
    expect(r.comparison).toHaveLength(plan.expected.length);
    const row = r.comparison[0];
    expect(row.expectedServiceLevel).toBe(0.8);
    expect(row.insideCI).toBe(
      Math.abs(row.expectedServiceLevel - row.simulatedServiceLevel!) <= row.serviceLevelCI!,
    );
    expect(r.comparisonInsideShare).toBeGreaterThanOrEqual(0);
    expect(r.comparisonInsideShare).toBeLessThanOrEqual(1);
    const outside = simulate(
      scenario,
      { ...plan, expected: [{ ...plan.expected[0], slotStart: at('20:00') }] },
      { replications: 2 },
    );
    expect(outside.comparison).toHaveLength(0);
    expect(outside.warnings.some((w) => w.includes('outside the simulated grid'))).toBe(true);
  });
});

describe('simulate: demand and service-time models', () => {
  const slotCounts = (options: Partial<SimulateOptions>, channel: 0 | 1, reps = 400) => {
    const sc = threeServices();
    const engine = createSimulationEngine(prepareSimulation(sc, servers({ tax: 3, id: 3, biz: 3 }), options));
    const counts: number[] = [];
    for (let r = 0; r < reps; r++) {
      const n = engine.generate(createRng(1, r));
      let c = 0;
      for (let i = 0; i < n; i++) {
        if (
          engine.customerService[i] === 0 &&
          engine.customerChannel[i] === channel &&
          engine.arrivalSeconds[i] < 1800
        )
          c++;
      }
      counts.push(c);
    }
    const mean = counts.reduce((a, b) => a + b, 0) / reps;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1);
    return { mean, variance };
  };

  it('walk-ins are Poisson by default (variance ≈ mean)', () => {
    const { mean, variance } = slotCounts({}, 0);
    expect(mean).toBeCloseTo(12, 0);
    expect(variance / mean).toBeGreaterThan(0.8);
    expect(variance / mean).toBeLessThan(1.2);
  });

  it('p90 over-dispersion draws negative binomial counts with the matching variance', () => {
    // p90 = 19 at mean 12: sd = 7 / 1.2816 = 5.46, variance 29.8.
    const { mean, variance } = slotCounts({ overDispersion: 'p90' }, 0, 1500);
    expect(mean).toBeCloseTo(12, 0);
    expect(variance).toBeGreaterThan(25);
    expect(variance).toBeLessThan(35);
  });

  it('daily-gamma over-dispersion raises the variance of walk-in counts', () => {
    const { mean, variance } = slotCounts({ overDispersion: 'daily-gamma', dailyRateCv: 0.3 }, 0, 1500);
    // Var = λ + λ²·cv² = 12 + 144 × 0.09 = 24.96.
    expect(mean).toBeCloseTo(12, 0);
    expect(variance).toBeGreaterThan(20);
    expect(variance).toBeLessThan(30);
  });

  it('booked appointments come by a binomial draw with the service’s no-show rate', () => {
    const { mean, variance } = slotCounts({ appointments: 'booked' }, 1, 1500);
    // 5 booked, show probability 0.9: mean 4.5, variance 0.45.
    expect(mean).toBeCloseTo(4.5, 1);
    expect(variance).toBeGreaterThan(0.35);
    expect(variance).toBeLessThan(0.55);
  });

  it('punctuality spreads appointment arrivals around the slot and keeps them inside the session, in time order', () => {
    const sc = threeServices();
    const engine = createSimulationEngine(
      prepareSimulation(sc, servers({ tax: 3, id: 3, biz: 3 }), {
        punctuality: { earlyMinutes: 20, lateMinutes: 10 },
      }),
    );
    // About 0.9 holders per replication come before opening (4 in the first slot, each early with probability 2/9).
    let early = 0;
    for (let r = 0; r < 10; r++) {
      const n = engine.generate(createRng(3, r));
      for (let i = 0; i < n; i++) {
        expect(engine.arrivalSeconds[i]).toBeGreaterThanOrEqual(0);
        expect(engine.arrivalSeconds[i]).toBeLessThan(6 * 1800);
        if (i > 0) expect(engine.arrivalSeconds[i]).toBeGreaterThanOrEqual(engine.arrivalSeconds[i - 1]);
        if (engine.customerChannel[i] === 1 && engine.arrivalSeconds[i] === 0) early++;
      }
      engine.run();
    }
    expect(early).toBeGreaterThan(3);
    expect(early).toBeLessThan(20);
  });

  it('service times follow the chosen family’s mean and CV, or the empirical values', () => {
    const moments = (options: Partial<SimulateOptions>) => {
      const sc = threeServices();
      const engine = createSimulationEngine(
        prepareSimulation(sc, servers({ tax: 3, id: 3, biz: 3 }), options),
      );
      const xs: number[] = [];
      for (let r = 0; r < 60; r++) {
        const n = engine.generate(createRng(2, r));
        for (let i = 0; i < n; i++) if (engine.customerService[i] === 0) xs.push(engine.serviceSeconds[i]);
      }
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
      return { mean, cv: sd / mean, xs };
    };
    for (const family of ['lognormal', 'gamma'] as const) {
      const m = moments({ serviceTime: family });
      expect(m.mean / 600).toBeGreaterThan(0.96);
      expect(m.mean / 600).toBeLessThan(1.04);
      expect(m.cv).toBeGreaterThan(0.74);
      expect(m.cv).toBeLessThan(0.86);
    }
    const empirical = moments({ empiricalServiceSeconds: { tax: [100, 200, 900] } });
    expect(new Set(empirical.xs)).toEqual(new Set([100, 200, 900]));
    expect(empirical.mean).toBeCloseTo(400, -1);
    expect(() => moments({ empiricalServiceSeconds: { tax: [] } })).toThrowError(QueuecastError);
    expect(() => moments({ empiricalServiceSeconds: { ghost: [1] } })).toThrowError(QueuecastError);
  });
});

describe('engine against the naive reference simulator', () => {
  // Same customers in, same outcome out, customer by customer: the typed-array engine and an object-and-array
  // event-list simulator written independently from the same rules.
  const cases = [
    { seed: 1, priority: 'appointments-first' as const, rotateStaff: true },
    { seed: 2, priority: 'fcfs' as const, rotateStaff: true },
    { seed: 3, priority: 'appointments-first' as const, rotateStaff: false },
  ];
  for (const c of cases) {
    it(`agrees exactly (seed ${c.seed}, ${c.priority}, rotating staff ${c.rotateStaff})`, () => {
      const { scenario, plan } = syntheticCentre({
        services: 10,
        counters: 24,
        customersPerDay: 1200,
        seed: c.seed,
        rotateStaff: c.rotateStaff,
      });
      const model = prepareSimulation({ ...scenario, priority: c.priority }, plan);
      const engine = createSimulationEngine(model);
      const states = ['', 'waiting', 'served', 'abandoned'];
      for (let r = 0; r < 4; r++) {
        const n = engine.replicate(createRng(c.seed, r));
        const ref = naiveSimulate(model, {
          arrivalSeconds: engine.arrivalSeconds,
          service: engine.customerService,
          channel: engine.customerChannel,
          patienceSeconds: engine.patienceSeconds,
          serviceSeconds: engine.serviceSeconds,
          count: n,
        });
        let mismatches = 0;
        let abandoned = 0;
        for (let i = 0; i < n; i++) {
          if (
            states[engine.customerState[i]] !== ref.state[i] ||
            !Object.is(engine.calledSeconds[i], ref.called[i])
          )
            mismatches++;
          if (ref.state[i] === 'abandoned') abandoned++;
        }
        expect(mismatches).toBe(0);
        expect(n).toBeGreaterThan(900);
        expect(abandoned).toBeGreaterThan(0);
      }
    });
  }
});

describe('queue statistics against a direct count', () => {
  // The engine replays queue lengths after its event loop (abandonments are found late); here they are counted
  // directly from the naive simulator's outcomes: each customer who waited is in the queue from arrival until
  // called, or until arrival + patience if they abandoned, or for ever if unserved.
  it('queue area and maximum per service and slot, and for the hall, match', () => {
    const { scenario, plan } = syntheticCentre({ services: 8, counters: 20, customersPerDay: 1100, seed: 4 });
    const model = prepareSimulation(scenario, plan);
    const engine = createSimulationEngine(model);
    const S = model.serviceIds.length;
    const K = model.slotIso.length;
    const L = model.slotSeconds;
    for (let r = 0; r < 3; r++) {
      const n = engine.replicate(createRng(4, r));
      const ref = naiveSimulate(model, {
        arrivalSeconds: engine.arrivalSeconds,
        service: engine.customerService,
        channel: engine.customerChannel,
        patienceSeconds: engine.patienceSeconds,
        serviceSeconds: engine.serviceSeconds,
        count: n,
      });
      // Queue changes (time, service, ±1), departures before arrivals at equal times.
      const changes: [number, number, number][] = [];
      for (let i = 0; i < n; i++) {
        const a = engine.arrivalSeconds[i];
        if (ref.state[i] === 'served' && ref.called[i] === a) continue;
        const s = engine.customerService[i];
        changes.push([a, s, 1]);
        if (ref.state[i] === 'served') changes.push([ref.called[i], s, -1]);
        if (ref.state[i] === 'abandoned') changes.push([a + engine.patienceSeconds[i], s, -1]);
      }
      changes.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
      const area = new Float64Array(S * K);
      const max = new Float64Array(S * K);
      const hallMax = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        const from = model.slotStart[k];
        const to = from + L;
        const len = new Float64Array(S);
        let hall = 0;
        let last = from;
        let j = 0;
        for (; j < changes.length && changes[j][0] < from; j++) {
          len[changes[j][1]] += changes[j][2];
          hall += changes[j][2];
        }
        for (let s = 0; s < S; s++) max[s * K + k] = len[s];
        hallMax[k] = hall;
        for (; j < changes.length && changes[j][0] < to; j++) {
          const [t, s, d] = changes[j];
          for (let x = 0; x < S; x++) area[x * K + k] += len[x] * (t - last);
          last = t;
          len[s] += d;
          hall += d;
          max[s * K + k] = Math.max(max[s * K + k], len[s]);
          hallMax[k] = Math.max(hallMax[k], hall);
        }
        for (let x = 0; x < S; x++) area[x * K + k] += len[x] * (to - last);
      }
      for (let g = 0; g < S * K; g++) {
        expect(engine.queueArea[g]).toBeCloseTo(area[g], 6);
        expect(engine.queueMax[g]).toBe(max[g]);
      }
      for (let k = 0; k < K; k++) {
        let hallArea = 0;
        for (let s = 0; s < S; s++) hallArea += area[s * K + k];
        expect(engine.totalQueueArea[k]).toBeCloseTo(hallArea, 6);
        expect(engine.totalQueueMax[k]).toBe(hallMax[k]);
      }
      expect(Math.max(...hallMax)).toBeGreaterThan(3);
    }
  });
});
