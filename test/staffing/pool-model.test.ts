import { describe, expect, it } from 'vitest';
import { poolMember, poolPerformance, solvePoolSlot } from '../../src/staffing/pool-model.js';

const settings = {
  appointmentsFirst: true,
  appointmentArrivalScv: 0.49,
  abandonment: false,
  maxOccupancy: 1,
  maxServers: 10_000,
};
const tax = poolMember({
  id: 'tax',
  ahtSeconds: 600,
  serviceCv: 0.8,
  target: { fraction: 0.8, withinSeconds: 600 },
});
const rates = (app: number, walk: number) => [Float64Array.of(app), Float64Array.of(walk)] as const;

describe('poolPerformance', () => {
  it('meets the target exactly at the fractional requirement, by the model the requirement came from', () => {
    for (const [appointments, walkIns, appointmentsFirst] of [
      [12, 18, true],
      [0, 30, true],
      [25, 5, false],
      [40, 70, true],
    ] as const) {
      const s = { ...settings, appointmentsFirst };
      const [app, walk] = rates(appointments, walkIns);
      const req = solvePoolSlot([tax], app, walk, s);
      expect(Number.isInteger(req.servers)).toBe(false);
      const at = poolPerformance([tax], app, walk, s, req.servers);
      expect(at.serviceLevel).toBeCloseTo(0.8, 6);
      // At the whole count the requirement rounds up to, both report the same figures.
      const whole = poolPerformance([tax], app, walk, s, req.serversInteger);
      expect(whole.serviceLevel).toBeCloseTo(req.serviceLevel, 12);
      expect(whole.meanWaitSeconds).toBeCloseTo(req.meanWaitSeconds, 9);
    }
  });

  it('improves with every server added and reads an unstable queue as never served in time', () => {
    const [app, walk] = rates(12, 18);
    let last = poolPerformance([tax], app, walk, settings, 0);
    expect(last.serviceLevel).toBe(0);
    expect(last.meanWaitSeconds).toBe(Number.POSITIVE_INFINITY);
    for (let x = 0.25; x <= 12; x += 0.25) {
      const p = poolPerformance([tax], app, walk, settings, x);
      expect(p.serviceLevel).toBeGreaterThanOrEqual(last.serviceLevel - 1e-12);
      if (Number.isFinite(last.meanWaitSeconds))
        expect(p.meanWaitSeconds).toBeLessThanOrEqual(last.meanWaitSeconds);
      last = p;
    }
    expect(last.serviceLevel).toBeGreaterThan(0.99);
    expect(poolPerformance([tax], ...rates(0, 0), settings, 0)).toEqual({
      serviceLevel: 1,
      meanWaitSeconds: 0,
    });
  });
});
