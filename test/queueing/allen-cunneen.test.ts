import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { allenCunneen } from '../../src/queueing/index.js';
import { simulateQueue } from './helpers/queue-simulator.js';

describe('allenCunneen (Erlang C when both CVs are 1)', () => {
  it('reproduces the classic Erlang C calculator example', () => {
    // 100 calls per 30 min, AHT 180 s, 80 % within 20 s: 14 agents → SL 88.84 %, P(wait) 17.41 %, occupancy 71.4 %;
    // 13 agents → SL 79.56 % (callcentrehelper.com, "Erlang C formula – made simple with an easy worked example").
    const q = { arrivalsPerHour: 200, ahtSeconds: 180 };
    const m14 = allenCunneen(q, 14, 20);
    expect(m14.model).toBe('erlang-c');
    expect(m14.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(m14.probWait).toBeCloseTo(0.1741, 4);
    expect(m14.occupancy).toBeCloseTo(0.714, 3);
    expect(allenCunneen(q, 13, 20).serviceLevel).toBeCloseTo(0.7956, 4);
  });

  it('reproduces the mean waits of the 12-Erlang example', () => {
    // Offered load 12 Erlangs, AHT 120 s: 16 agents → ASA 6.14 s, 15 agents → 12.8 s (Erlang C tables, e.g.
    // Koole, "Call Center Optimization" (2013), §5 examples; exact by mpmath: 6.1372157530722, 12.76761700450239).
    const q = { arrivalsPerHour: 360, ahtSeconds: 120 };
    expect(allenCunneen(q, 16, 0).meanWaitSeconds).toBeCloseTo(6.1372157530722, 10);
    expect(allenCunneen(q, 15, 0).meanWaitSeconds).toBeCloseTo(12.76761700450239, 10);
    expect(allenCunneen(q, 15, 0).meanWaitSeconds).toBeCloseTo(12.8, 1);
  });

  it('scales the wait by (ca² + cs²)/2', () => {
    const base = allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 20);
    const det = allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180, serviceCv: 0 }, 14, 20);
    expect(det.model).toBe('allen-cunneen');
    expect(det.meanWaitSeconds).toBeCloseTo(base.meanWaitSeconds / 2, 12);
    expect(det.probWait).toBe(base.probWait);
    expect(det.serviceLevel).toBeGreaterThan(base.serviceLevel);
    // deterministic arrivals and service: the conditional wait collapses; only P(wait) remains at t = 0
    const dd = allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180, serviceCv: 0, arrivalCv: 0 }, 14, 20);
    expect(dd.serviceLevel).toBe(1);
    expect(
      allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180, serviceCv: 0, arrivalCv: 0 }, 14, 0).serviceLevel,
    ).toBeCloseTo(1 - base.probWait, 15);
  });

  it('edge cases: 0 arrivals, load at/above servers, 1 server, 10,000 servers, t = 0', () => {
    const zero = allenCunneen({ arrivalsPerHour: 0, ahtSeconds: 300 }, 3, 60);
    expect(zero).toMatchObject({
      probWait: 0,
      serviceLevel: 1,
      meanWaitSeconds: 0,
      occupancy: 0,
      stable: true,
    });
    const over = allenCunneen({ arrivalsPerHour: 120, ahtSeconds: 300 }, 10, 60);
    expect(over).toMatchObject({
      probWait: 1,
      serviceLevel: 0,
      meanWaitSeconds: Number.POSITIVE_INFINITY,
      stable: false,
    });
    // M/M/1 at ρ = 0.5, AHT 60 s: Wq = ρ/(μ − λ) = 60 s; P(W ≤ 30) = 1 − ρ e^{−(μ−λ)·30} = 1 − 0.5 e^{−0.25}
    const mm1 = allenCunneen({ arrivalsPerHour: 30, ahtSeconds: 60 }, 1, 30);
    expect(mm1.meanWaitSeconds).toBeCloseTo(60, 12);
    expect(mm1.serviceLevel).toBeCloseTo(1 - 0.5 * Math.exp(-0.25), 14);
    // 10,000 servers at 9,800 Erlangs, AHT 300 s, 20 s: mpmath 1.3 gives SL = 0.9999999576187157
    const big = allenCunneen({ arrivalsPerHour: 9800 * 12, ahtSeconds: 300 }, 10_000, 20);
    expect(big.serviceLevel).toBeCloseTo(0.9999999576187157, 13);
    expect(allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 0).serviceLevel).toBeCloseTo(
      1 - 0.1741319335950498,
      14,
    );
  });

  it('rejects invalid input with INVALID_ARGUMENT', () => {
    const bad: [object, number, number][] = [
      [{ arrivalsPerHour: -1, ahtSeconds: 100 }, 2, 10],
      [{ arrivalsPerHour: 1, ahtSeconds: 0 }, 2, 10],
      [{ arrivalsPerHour: 1, ahtSeconds: 100, serviceCv: -0.5 }, 2, 10],
      [{ arrivalsPerHour: 1, ahtSeconds: 100 }, 2.5, 10],
      [{ arrivalsPerHour: 1, ahtSeconds: 100 }, 2, -1],
      [{ arrivalsPerHour: Number.NaN, ahtSeconds: 100 }, 2, 10],
    ];
    for (const [q, n, t] of bad) {
      expect(() => allenCunneen(q as never, n, t)).toThrow(QueuecastError);
    }
    expect(() => allenCunneen({ arrivalsPerHour: 1, ahtSeconds: 0 }, 2, 10)).toThrow(
      /allenCunneen: ahtSeconds must be a finite number > 0, got 0/,
    );
  });

  it('agrees with a seeded M/G/c simulation within its 99 % confidence interval', () => {
    // Mean wait and service level of gamma handling times (CV 0, 0.5, 1.5) at 83–90 % occupancy. Allen–Cunneen keeps
    // Erlang C's P(wait), which is not exact for non-exponential service, so P(wait) is not compared.
    const cases = [
      { serviceCv: 0, servers: 12, arrivalsPerHour: 60 },
      { serviceCv: 0.5, servers: 20, arrivalsPerHour: 108 },
      { serviceCv: 1.5, servers: 12, arrivalsPerHour: 60 },
    ];
    cases.forEach((c, i) => {
      const q = { ...c, ahtSeconds: 600, patienceSeconds: Number.POSITIVE_INFINITY, withinSeconds: 300 };
      const sim = simulateQueue(q, 300_000, 100 + i);
      const m = allenCunneen(q, c.servers, 300);
      expect(Math.abs(sim.meanWaitSeconds.mean - m.meanWaitSeconds)).toBeLessThan(sim.meanWaitSeconds.half);
      expect(Math.abs(sim.serviceLevel.mean - m.serviceLevel)).toBeLessThan(sim.serviceLevel.half);
    });
  });
});
