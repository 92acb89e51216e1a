import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import {
  defaultFewestServersOptions,
  fewestServers,
  fewestServersFractional,
  type QueueSpec,
  queueMetrics,
  type ServiceTarget,
  squareRootStaffing,
} from '../../src/queueing/index.js';
import { createRng } from '../../src/random/rng.js';

/** The definition: walk up from 0 servers until every bound holds (no square-root start, no tables). */
function bruteForce(queue: QueueSpec, target: ServiceTarget, maxOccupancy = 1): number {
  for (let n = 0; n < 100_000; n++) {
    const m = queueMetrics(queue, n, target.withinSeconds ?? 0);
    if (queue.patienceSeconds === undefined && !m.stable) continue;
    if (target.fraction !== undefined && m.serviceLevel < target.fraction) continue;
    if (target.meanWaitSeconds !== undefined && m.meanWaitSeconds > target.meanWaitSeconds) continue;
    if (target.maxAbandonShare !== undefined && m.abandonShare > target.maxAbandonShare) continue;
    if (m.occupancy > maxOccupancy) continue;
    return n;
  }
  return Number.POSITIVE_INFINITY;
}

describe('fewestServers', () => {
  it('reproduces the classic calculator answers', () => {
    // callcentrehelper.com worked example: 100 calls/30 min, AHT 180 s, 80 % in 20 s → 14 agents.
    expect(
      fewestServers({ arrivalsPerHour: 200, ahtSeconds: 180 }, { fraction: 0.8, withinSeconds: 20 }),
    ).toBe(14);
    // 12 Erlangs at AHT 120 s: ASA 12.8 s with 15, 6.14 s with 16 → 16 for ASA ≤ 10 s, 15 for ASA ≤ 13 s.
    const q = { arrivalsPerHour: 360, ahtSeconds: 120 };
    expect(fewestServers(q, { meanWaitSeconds: 10 })).toBe(16);
    expect(fewestServers(q, { meanWaitSeconds: 13 })).toBe(15);
    // Erlang A example: P(ab) = 6.37 % at 18 agents, so 18 is the fewest for ≤ 6.37 % (17 gives more).
    const qa = { arrivalsPerHour: 200, ahtSeconds: 300, patienceSeconds: 300 };
    expect(fewestServers(qa, { maxAbandonShare: 0.0637 })).toBe(18);
  });

  it('equals the brute-force definition on random Erlang C, Allen–Cunneen and Erlang A queues', () => {
    const rng = createRng(20260301);
    for (let i = 0; i < 400; i++) {
      const queue: QueueSpec = {
        arrivalsPerHour: Math.exp(rng.next() * Math.log(500)),
        ahtSeconds: 60 + rng.next() * 1140,
        ...(i % 3 === 1 ? { serviceCv: rng.next() * 1.5, arrivalCv: 0.5 + rng.next() * 0.5 } : {}),
        ...(i % 3 === 2 ? { patienceSeconds: 60 + rng.next() * 1800 } : {}),
      };
      const kind = i % 4;
      const target: ServiceTarget =
        kind === 0
          ? { fraction: 0.5 + rng.next() * 0.45, withinSeconds: rng.next() * 1200 }
          : kind === 1
            ? { meanWaitSeconds: 5 + rng.next() * 300 }
            : kind === 2 && queue.patienceSeconds !== undefined
              ? { maxAbandonShare: 0.01 + rng.next() * 0.1 }
              : { fraction: 0.8, withinSeconds: 600, meanWaitSeconds: 120 };
      const maxOccupancy = i % 5 === 0 ? 0.85 : 1;
      expect(fewestServers(queue, target, { maxOccupancy })).toBe(bruteForce(queue, target, maxOccupancy));
    }
  });

  it('edge cases: 0 arrivals, t = 0, 10,000 Erlangs, unreachable targets', () => {
    expect(fewestServers({ arrivalsPerHour: 0, ahtSeconds: 300 }, { fraction: 0.9, withinSeconds: 60 })).toBe(
      0,
    );
    // t = 0: the target is P(no wait) ≥ 0.8; C(10, 14) = 0.174 and C(10, 13) = 0.285, so 14
    const q = { arrivalsPerHour: 200, ahtSeconds: 180 };
    expect(fewestServers(q, { fraction: 0.8, withinSeconds: 0 })).toBe(14);
    // 10,000 Erlangs, 80 % in 20 s at AHT 300 s: the answer is a little above the load (square-root staffing)
    const big = fewestServers(
      { arrivalsPerHour: 120_000, ahtSeconds: 300 },
      { fraction: 0.8, withinSeconds: 20 },
    );
    expect(big).toBeGreaterThan(10_000);
    expect(big).toBeLessThan(10_100);
    expect(
      queueMetrics({ arrivalsPerHour: 120_000, ahtSeconds: 300 }, big, 20).serviceLevel,
    ).toBeGreaterThanOrEqual(0.8);
    expect(
      queueMetrics({ arrivalsPerHour: 120_000, ahtSeconds: 300 }, big - 1, 20).serviceLevel,
    ).toBeLessThan(0.8);
    // out of reach within the cap → Infinity (data, not an exception)
    expect(fewestServers(q, { fraction: 0.99, withinSeconds: 20 }, { maxServers: 12 })).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(fewestServers(q, { fraction: 0.8, withinSeconds: 20 }, { maxOccupancy: 0.5 })).toBe(20);
    // without patience an abandonment bound only asks for a stable queue
    expect(fewestServers(q, { maxAbandonShare: 0 })).toBe(11);
    expect(defaultFewestServersOptions).toEqual({ maxOccupancy: 1, maxServers: 1_000_000 });
  });

  it('rejects invalid input with INVALID_ARGUMENT', () => {
    const q = { arrivalsPerHour: 200, ahtSeconds: 180 };
    const bad: ServiceTarget[] = [
      {},
      { fraction: 0.8 },
      { fraction: 1.2, withinSeconds: 20 },
      { meanWaitSeconds: -1 },
    ];
    for (const t of bad) expect(() => fewestServers(q, t)).toThrow(QueuecastError);
    expect(() => fewestServers(q, { fraction: 0.8, withinSeconds: 20 }, { maxOccupancy: 0 })).toThrow(
      /fewestServers: maxOccupancy must be in \(0, 1\], got 0/,
    );
    expect(() =>
      fewestServers({ arrivalsPerHour: -5, ahtSeconds: 180 }, { fraction: 0.8, withinSeconds: 20 }),
    ).toThrow(QueuecastError);
  });
});

describe('fewestServersFractional', () => {
  it('lies in (n − 1, n] and inverts the fractional interpolation of queueMetrics', () => {
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      const queue: QueueSpec = {
        arrivalsPerHour: 5 + rng.next() * 300,
        ahtSeconds: 120 + rng.next() * 900,
        ...(i % 2 === 1 ? { patienceSeconds: 120 + rng.next() * 1200 } : {}),
      };
      const target = { fraction: 0.6 + rng.next() * 0.35, withinSeconds: 30 + rng.next() * 600 };
      const n = fewestServers(queue, target);
      const x = fewestServersFractional(queue, target);
      expect(Math.ceil(x)).toBe(n);
      if (x < n)
        expect(queueMetrics(queue, x, target.withinSeconds).serviceLevel).toBeCloseTo(target.fraction, 10);
    }
  });

  it('reproduces the worked example between 13 (79.56 %) and 14 (88.84 %) servers', () => {
    const x = fewestServersFractional(
      { arrivalsPerHour: 200, ahtSeconds: 180 },
      { fraction: 0.8, withinSeconds: 20 },
    );
    // 13 + (0.8 − 0.79559)/(0.88835 − 0.79559)
    expect(x).toBeCloseTo(13 + (0.8 - 0.795594788417783) / (0.8883500191794669 - 0.795594788417783), 12);
    expect(
      fewestServersFractional(
        { arrivalsPerHour: 200, ahtSeconds: 180 },
        { fraction: 0.5, withinSeconds: 20 },
        { maxOccupancy: 0.6 },
      ),
    ).toBeCloseTo(10 / 0.6, 12);
    expect(
      fewestServersFractional({ arrivalsPerHour: 0, ahtSeconds: 180 }, { fraction: 0.8, withinSeconds: 20 }),
    ).toBe(0);
  });
});

describe('squareRootStaffing', () => {
  it('is a + β√a', () => {
    expect(squareRootStaffing(100, 1)).toBe(110);
    expect(squareRootStaffing(100)).toBe(110);
    expect(squareRootStaffing(16, -0.5)).toBe(14);
    expect(squareRootStaffing(0, 2)).toBe(0);
    expect(() => squareRootStaffing(4, Number.NaN)).toThrow(QueuecastError);
  });
});
