import { describe, expect, it } from 'vitest';
import { twoClassPriorityMetrics } from '../../src/capacity/index.js';
import { queueMetrics } from '../../src/queueing/index.js';
import { parseScenario } from '../../src/scenario/scenario.js';
import { simulate } from '../../src/simulate/index.js';

const queue = { appointmentsPerHour: 24, walkInsPerHour: 18, ahtSeconds: 600 };

describe('twoClassPriorityMetrics', () => {
  it('with no appointment holders is Erlang C (reference: queueMetrics)', () => {
    const only = twoClassPriorityMetrics(
      { appointmentsPerHour: 0, walkInsPerHour: 42, ahtSeconds: 600 },
      8,
      900,
    );
    const erlang = queueMetrics({ arrivalsPerHour: 42, ahtSeconds: 600 }, 8, 900);
    expect(only.walkIn.serviceLevel).toBeCloseTo(erlang.serviceLevel, 10);
    expect(only.walkIn.meanWaitSeconds).toBeCloseTo(erlang.meanWaitSeconds, 8);
    expect(only.probWait).toBeCloseTo(erlang.probWait, 12);
  });

  it('keeps the low-priority wait exact: the inverted distribution has Cobham’s mean', () => {
    // Cobham (1954): W₂ = C·c·AHT / ((c − a₁)(c − a)); the mean of the inverted distribution is ∫ P(W > t) dt.
    const m = twoClassPriorityMetrics(queue, 8, 900);
    let integral = 0;
    const dt = 10;
    for (let t = dt / 2; t < 40_000; t += dt)
      integral += (1 - twoClassPriorityMetrics(queue, 8, t).walkIn.serviceLevel) * dt;
    expect(integral / m.walkIn.meanWaitSeconds).toBeCloseTo(1, 4);
    const a = 7;
    const a1 = 4;
    expect(m.walkIn.meanWaitSeconds).toBeCloseTo((m.probWait * 8 * 600) / ((8 - a1) * (8 - a)), 8);
    expect(m.appointment.meanWaitSeconds).toBeCloseTo((m.probWait * 600) / (8 - a1), 8);
  });

  it('conserves work: the arrival-weighted mean wait equals first come, first served (Kleinrock’s conservation law)', () => {
    const priority = twoClassPriorityMetrics(queue, 8, 900);
    const fcfs = twoClassPriorityMetrics(queue, 8, 900, { priority: 'fcfs' });
    const mean = (24 * priority.appointment.meanWaitSeconds + 18 * priority.walkIn.meanWaitSeconds) / 42;
    expect(mean).toBeCloseTo(fcfs.walkIn.meanWaitSeconds, 8);
    expect(fcfs.walkIn.serviceLevel).toBeCloseTo(fcfs.appointment.serviceLevel, 12);
    expect(priority.appointment.serviceLevel).toBeGreaterThan(fcfs.appointment.serviceLevel);
    expect(priority.walkIn.serviceLevel).toBeLessThan(fcfs.walkIn.serviceLevel);
  });

  it('counts impatient walk-ins as misses and abandoners', () => {
    const patient = twoClassPriorityMetrics(queue, 8, 900);
    const impatient = twoClassPriorityMetrics({ ...queue, walkInPatienceSeconds: 1800 }, 8, 900);
    expect(impatient.walkIn.serviceLevel).toBeLessThan(patient.walkIn.serviceLevel);
    expect(impatient.walkIn.abandonShare).toBeGreaterThan(0);
    expect(impatient.walkIn.abandonShare).toBeLessThan(impatient.probWait);
    expect(impatient.appointment).toEqual(patient.appointment);
  });

  it('interpolates fractional servers and reports instability', () => {
    const lo = twoClassPriorityMetrics(queue, 8, 900);
    const hi = twoClassPriorityMetrics(queue, 9, 900);
    const mid = twoClassPriorityMetrics(queue, 8.25, 900);
    expect(mid.walkIn.serviceLevel).toBeCloseTo(
      0.75 * lo.walkIn.serviceLevel + 0.25 * hi.walkIn.serviceLevel,
      12,
    );
    const unstable = twoClassPriorityMetrics(queue, 7, 900);
    expect(unstable.stable).toBe(false);
    expect(unstable.walkIn.serviceLevel).toBe(0);
    expect(unstable.walkIn.meanWaitSeconds).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects invalid input with INVALID_ARGUMENT', () => {
    expect(() => twoClassPriorityMetrics({ ...queue, ahtSeconds: -1 }, 8, 900)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => twoClassPriorityMetrics(queue, Number.NaN, 900)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => twoClassPriorityMetrics(queue, 8, 900, { priority: 'lifo' as 'fcfs' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('agrees with a long steady simulation inside its confidence interval', () => {
    // 7 counters, 18 holders and 18 walk-ins an hour, exponential 10-minute handling: ρ = 0.86, 15 hours, the
    // first two not counted.
    const slots = Array.from({ length: 30 }, (_, k) => {
      const m = 7 * 60 + 30 * k;
      return `2026-12-01T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+08:00`;
    });
    const { scenario } = parseScenario({
      centre: { slotMinutes: 30 },
      services: [{ id: 'x', ahtSeconds: 600, serviceCv: 1, target: { fraction: 0.8, withinSeconds: 600 } }],
      demand: slots.flatMap((slotStart) => [
        { service: 'x', channel: 'walk_in', slotStart, expected: 9 },
        { service: 'x', channel: 'appointment', slotStart, expected: 9 },
      ]),
    });
    const sim = simulate(
      scenario,
      slots.map((slotStart) => ({ service: 'x', slotStart, servers: 7 })),
      { replications: 40, seed: 3, serviceTime: 'gamma', abandonment: false, warmupMinutes: 120 },
    );
    const m = twoClassPriorityMetrics(
      { appointmentsPerHour: 18, walkInsPerHour: 18, ahtSeconds: 600 },
      7,
      600,
    );
    const channel = (c: 'walk_in' | 'appointment') => sim.services[0].channels.find((x) => x.channel === c)!;
    const walk = channel('walk_in');
    const appt = channel('appointment');
    expect(Math.abs(m.walkIn.serviceLevel - walk.serviceLevel!)).toBeLessThan(walk.serviceLevelCI!);
    expect(Math.abs(m.appointment.serviceLevel - appt.serviceLevel!)).toBeLessThan(
      appt.serviceLevelCI! + 0.002,
    );
  });
});
