import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { fewestServers, fewestServersFractional } from '../../src/queueing/index.js';
import { parseScenario } from '../../src/scenario/scenario.js';
import {
  defaultStaffingOptions,
  type ForecastRow,
  poolsFromCounters,
  type StaffingService,
  staffingRequirements,
  staffingRequirementsToCSV,
} from '../../src/staffing/index.js';

const NINE = Date.parse('2026-12-01T09:00:00+08:00');
const HALF_HOUR = 30 * 60_000;
const tax: StaffingService = { id: 'tax', ahtSeconds: 600, target: { fraction: 0.8, withinSeconds: 600 } };
const reg: StaffingService = {
  id: 'reg',
  ahtSeconds: 900,
  serviceCv: 0.6,
  target: { fraction: 0.8, withinSeconds: 900 },
};

/** Walk-ins of one service, one row per slot from 09:00 (and, with `afternoon`, the same again from 13:30). */
function rows(
  service: string,
  counts: number[],
  extra: Partial<ForecastRow> = {},
  from = NINE,
): ForecastRow[] {
  return counts.map((expected, i) => ({ service, slotStart: from + i * HALF_HOUR, expected, ...extra }));
}

describe('staffingRequirements', () => {
  it('SIPP staffs each slot on its own: fewestServers at the slot rate, fractional included', () => {
    const counts = [10, 25, 40, 30, 15, 5];
    const { requirements, staffHours, slotMinutes } = staffingRequirements(rows('tax', counts), [tax], {
      method: 'sipp',
    });
    expect(slotMinutes).toBe(30);
    requirements.forEach((r, i) => {
      const queue = { arrivalsPerHour: counts[i] * 2, ahtSeconds: 600 };
      expect(r.serversInteger).toBe(fewestServers(queue, tax.target!));
      expect(r.servers).toBeCloseTo(fewestServersFractional(queue, tax.target!), 12);
      expect(r.arrivals).toBe(counts[i]);
      expect(r.slotStart).toBe(NINE + i * HALF_HOUR);
      expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
    });
    expect(staffHours).toBe(requirements.reduce((s, r) => s + r.serversInteger / 2, 0));
  });

  it('MOL starts each session from an empty hall, equals SIPP in a long flat run, and resets over lunch', () => {
    const flat = new Array(8).fill(30);
    const afternoon = Date.parse('2026-12-01T13:30:00+08:00');
    const forecast = [...rows('tax', flat), ...rows('tax', flat, {}, afternoon)];
    const mol = staffingRequirements(forecast, [tax]).requirements;
    const sipp = staffingRequirements(forecast, [tax], { method: 'sipp' }).requirements;
    expect(mol[0].offeredLoadErlangs).toBeLessThan(sipp[0].offeredLoadErlangs);
    expect(mol[0].serversInteger).toBeLessThanOrEqual(sipp[0].serversInteger);
    expect(mol[7].serversInteger).toBe(sipp[7].serversInteger);
    expect(mol[7].offeredLoadErlangs).toBeCloseTo(sipp[7].offeredLoadErlangs, 6);
    // the afternoon session repeats the morning exactly: nothing carried across the closed gap
    for (let i = 0; i < 8; i++) {
      expect(mol[8 + i].offeredLoadErlangs).toBeCloseTo(mol[i].offeredLoadErlangs, 12);
      expect(mol[8 + i].serversInteger).toBe(mol[i].serversInteger);
    }
  });

  it('MOL keeps staff after a peak, when the peak’s customers are still at the counters', () => {
    const counts = [10, 10, 60, 10, 10];
    const mol = staffingRequirements(rows('tax', counts), [tax]).requirements;
    const sipp = staffingRequirements(rows('tax', counts), [tax], { method: 'sipp' }).requirements;
    expect(mol[3].serversInteger).toBeGreaterThan(sipp[3].serversInteger);
    expect(mol[2].serversInteger).toBeLessThanOrEqual(sipp[2].serversInteger);
  });

  it('pools services into one queue with the mixture handling time; pooling needs no more servers', () => {
    const forecast = [...rows('tax', [20, 20, 20]), ...rows('reg', [10, 10, 10])];
    const apart = staffingRequirements(forecast, [tax, reg], { method: 'sipp' });
    const pooled = staffingRequirements(forecast, [tax, reg], { method: 'sipp', pools: [['tax', 'reg']] });
    expect(pooled.requirements).toHaveLength(3);
    const r = pooled.requirements[0];
    expect(r.service).toBe('tax+reg');
    expect(r.services).toEqual(['tax', 'reg']);
    expect(r.arrivals).toBe(30);
    // mixture mean: (40·600 + 20·900)/60 = 700 s at 60 arrivals per hour
    expect(r.offeredLoadErlangs).toBeCloseTo((60 * 700) / 3600, 12);
    expect(r.model).toBe('allen-cunneen');
    expect(pooled.staffHours).toBeLessThanOrEqual(apart.staffHours);
    // every member meets its own target: the stricter one (reg's 80 % in 900 s vs tax's 80 % in 600 s) decides
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('pools a dozen services (a one-stop hall) with every member’s service level reported', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const services = ids.map((id, i) => ({ id, ahtSeconds: 300 + 60 * i }));
    const forecast = ids.flatMap((id) => rows(id, [4, 6, 5]));
    const r = staffingRequirements(forecast, services, { method: 'sipp', pools: [ids] }).requirements;
    expect(r).toHaveLength(3);
    for (const q of r) {
      expect(Number.isFinite(q.serviceLevel)).toBe(true);
      expect(q.serviceLevel).toBeGreaterThanOrEqual(0.8);
      expect(q.serviceLevel).toBeLessThanOrEqual(1);
    }
  });

  it('appointments: smoother arrivals need fewer servers; served first, walk-ins still meet the target', () => {
    const walk = staffingRequirements(rows('tax', [30, 30]), [tax], { method: 'sipp' }).requirements[0];
    const appt = staffingRequirements(rows('tax', [30, 30], { channel: 'appointment' }), [tax], {
      method: 'sipp',
    }).requirements[0];
    expect(appt.servers).toBeLessThan(walk.servers);
    expect(appt.model).toBe('allen-cunneen');
    const mixed = [...rows('tax', [20, 20]), ...rows('tax', [10, 10], { channel: 'appointment' })];
    const first = staffingRequirements(mixed, [tax], { method: 'sipp' }).requirements[0];
    const fcfs = staffingRequirements(mixed, [tax], { method: 'sipp', priority: 'fcfs' }).requirements[0];
    expect(first.model).toBe('priority');
    expect(fcfs.model).toBe('allen-cunneen');
    expect(first.serviceLevel).toBeGreaterThanOrEqual(0.8);
    // A walk-in service pooled with an appointment service: serving appointments first can only lengthen the
    // walk-ins' waits, so with the same target the pool needs at least as many servers as under FCFS.
    const pooled = [...rows('reg', [20, 20]), ...rows('tax', [20, 20], { channel: 'appointment' })];
    const same = { fraction: 0.8, withinSeconds: 300 };
    const services = [
      { ...tax, target: same },
      { ...reg, target: same },
    ];
    const pri = staffingRequirements(pooled, services, { method: 'sipp', pools: [['tax', 'reg']] })
      .requirements[0];
    const fifo = staffingRequirements(pooled, services, {
      method: 'sipp',
      pools: [['tax', 'reg']],
      priority: 'fcfs',
    }).requirements[0];
    expect(pri.model).toBe('priority');
    expect(pri.servers).toBeGreaterThan(fifo.servers);
    expect(pri.serversInteger).toBeGreaterThanOrEqual(fifo.serversInteger);
  });

  it('staffs to a quantile when asked, and warns where the column is missing', () => {
    const forecast = rows('tax', [20, 20, 20]).map((r, i) => (i < 2 ? { ...r, p90: 30 } : r));
    const mean = staffingRequirements(forecast, [tax], { method: 'sipp' });
    const p90 = staffingRequirements(forecast, [tax], { method: 'sipp', quantity: 'p90' });
    expect(p90.requirements[0].serversInteger).toBeGreaterThan(mean.requirements[0].serversInteger);
    expect(p90.requirements[0].arrivals).toBe(30);
    expect(p90.requirements[2].serversInteger).toBe(mean.requirements[2].serversInteger);
    expect(p90.warnings).toEqual(['service tax: p90 missing on 1 row(s); staffed to the mean there']);
    expect(p90.quantity).toBe('p90');
    // forecast files say mean instead of expected
    const fromMean = staffingRequirements([{ service: 'tax', slotStart: NINE, mean: 20 }], [tax], {
      slotMinutes: 30,
    });
    expect(fromMean.requirements[0].arrivals).toBe(20);
  });

  it('uses Erlang A with abandonment, and reports targets out of reach as data', () => {
    const patient = {
      ...tax,
      patienceSeconds: 900,
      target: { fraction: 0.8, withinSeconds: 600, maxAbandonShare: 0.05 },
    };
    const plain = staffingRequirements(rows('tax', [40]), [patient], { slotMinutes: 30 });
    expect(plain.warnings[0]).toMatch(/maxAbandonShare target ignored/);
    const withA = staffingRequirements(rows('tax', [40]), [patient], { slotMinutes: 30, abandonment: true });
    expect(withA.requirements[0].model).toBe('erlang-a');
    expect(withA.warnings).toEqual([]);
    expect(withA.requirements[0].serversInteger).toBeLessThanOrEqual(plain.requirements[0].serversInteger);
    const hard = { ...tax, target: { fraction: 1, withinSeconds: 0 } };
    const out = staffingRequirements(rows('tax', [40]), [hard], { slotMinutes: 30, maxServers: 30 });
    expect(out.requirements[0]).toMatchObject({ serversInteger: 30, targetReachable: false });
    expect(out.warnings[0]).toMatch(
      /^tax: target out of reach within 30 servers in 1 slot\(s\), first at 2026-12-01T09:00:00\+08:00/,
    );
  });

  it('gives every queue a row for every slot of the grid, with 0 servers and no demand', () => {
    const forecast = [...rows('tax', [10, 10, 10]), ...rows('reg', [5], {}, NINE + HALF_HOUR)];
    const { requirements } = staffingRequirements(forecast, [tax, reg], { method: 'sipp' });
    expect(
      requirements.map((r) => `${r.service}@${(r.slotStart - NINE) / HALF_HOUR}:${r.serversInteger > 0}`),
    ).toEqual(['tax@0:true', 'tax@1:true', 'tax@2:true', 'reg@0:false', 'reg@1:true', 'reg@2:false']);
  });

  it('accepts Scenario demand and services', () => {
    const { scenario } = parseScenario({
      services: [{ id: 'tax', ahtSeconds: 600 }],
      demand: [
        { service: 'tax', slotStart: '2026-12-01T09:00:00', expected: 12.5, p90: 17 },
        { service: 'tax', channel: 'appointment', slotStart: '2026-12-01T09:00:00', expected: 4 },
        { service: 'tax', slotStart: '2026-12-01T09:30:00', expected: 15, p90: 20 },
      ],
    });
    const r = staffingRequirements(scenario.demand, scenario.services, {
      slotMinutes: scenario.centre.slotMinutes,
    });
    expect(r.requirements).toHaveLength(2);
    expect(r.requirements[0].slotStart).toBe(NINE);
    expect(r.requirements[0].arrivals).toBe(16.5);
  });

  it('rejects invalid input with a code and the path of the bad field', () => {
    const cases: [ForecastRow[], StaffingService[], object, string, string][] = [
      [rows('nope', [1]), [tax], {}, 'INVALID_INPUT', 'forecast.0.service: unknown service, got "nope"'],
      [
        [{ service: 'tax', slotStart: 'yesterday', expected: 1 }],
        [tax],
        {},
        'INVALID_INPUT',
        'forecast.0.slotStart',
      ],
      [rows('tax', [-1]), [tax], {}, 'INVALID_INPUT', 'forecast.0.expected: must be a number ≥ 0, got -1'],
      [rows('tax', [1, 1]), [tax], { slotMinutes: 60 }, 'INVALID_INPUT', 'closer than slotMinutes 60'],
      [rows('tax', [1]), [tax, tax], {}, 'INVALID_INPUT', 'services.1.id: duplicate service id'],
      [rows('tax', [1]), [{ id: 'tax', ahtSeconds: 0 }], {}, 'INVALID_INPUT', 'services.0.ahtSeconds'],
      [
        rows('tax', [1]),
        [{ id: 'tax', ahtSeconds: 60, target: { fraction: 0.8 } }],
        {},
        'INVALID_INPUT',
        'services.0.target',
      ],
      [
        rows('tax', [1]),
        [tax],
        { pools: [['tax', 'x']] },
        'INVALID_INPUT',
        'options.pools.0.1: unknown service',
      ],
      [
        rows('tax', [1]),
        [tax],
        { method: 'sbc' },
        'INVALID_ARGUMENT',
        'method must be one of mol, sipp, got "sbc"',
      ],
      [rows('tax', [1]), [tax], { quantity: 'p99' }, 'INVALID_ARGUMENT', 'quantity must be one of'],
      [rows('tax', [1]), [tax], { maxOccupancy: 1.5 }, 'INVALID_ARGUMENT', 'maxOccupancy'],
    ];
    for (const [forecast, services, options, code, message] of cases) {
      try {
        staffingRequirements(forecast, services, options as never);
        expect.unreachable(message);
      } catch (e) {
        expect(e).toBeInstanceOf(QueuecastError);
        expect((e as QueuecastError).code).toBe(code);
        expect((e as Error).message).toContain(message);
      }
    }
  });

  it('documents its defaults and leaves its inputs untouched', () => {
    expect(defaultStaffingOptions).toMatchObject({
      method: 'mol',
      quantity: 'mean',
      priority: 'appointments-first',
    });
    const forecast = Object.freeze(rows('tax', [5, 6]).map((r) => Object.freeze(r)));
    const services = Object.freeze([Object.freeze({ ...tax })]);
    expect(() => staffingRequirements(forecast, services)).not.toThrow();
    expect(staffingRequirements([], [tax]).requirements).toEqual([]);
  });
});

describe('staffingRequirementsToCSV', () => {
  it('writes the DESIGN format, with a pool column only when a row is a pool', () => {
    const single = staffingRequirements(rows('tax', [20]), [tax], { slotMinutes: 30 });
    expect(staffingRequirementsToCSV(single.requirements)).toBe(
      `service,slot_start,servers,servers_integer\ntax,2026-12-01T09:00:00+08:00,${Number(single.requirements[0].servers.toFixed(3))},${single.requirements[0].serversInteger}\n`,
    );
    const forecast = [...rows('tax', [20]), ...rows('reg', [10]), ...rows('solo', [3])];
    const solo = { id: 'solo', ahtSeconds: 300 };
    const pooled = staffingRequirements(forecast, [tax, reg, solo], {
      slotMinutes: 30,
      pools: [['tax', 'reg']],
    });
    const lines = staffingRequirementsToCSV(pooled.requirements, { timezone: 'UTC', decimals: 1 })
      .trim()
      .split('\n');
    expect(lines[0]).toBe('service,slot_start,servers,servers_integer,pool');
    expect(lines[1]).toMatch(/^tax\+reg,2026-12-01T01:00:00\+00:00,\d+(\.\d)?,\d+,tax\+reg$/);
    expect(lines[2]).toMatch(/^solo,2026-12-01T01:00:00\+00:00,\d+(\.\d)?,\d+,$/);
    expect(() => staffingRequirementsToCSV([], { decimals: -1 })).toThrow(QueuecastError);
  });
});

describe('poolsFromCounters', () => {
  it('joins services linked by shared counters, transitively', () => {
    expect(
      poolsFromCounters([
        { services: ['tax', 'reg'] },
        { services: ['permits'] },
        { services: ['reg', 'social'] },
        { services: ['tax'] },
        { services: ['id', 'passport'] },
      ]),
    ).toEqual([
      ['tax', 'reg', 'social'],
      ['id', 'passport'],
    ]);
    expect(poolsFromCounters([])).toEqual([]);
  });
});
