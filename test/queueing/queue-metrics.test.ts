import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { allenCunneen, erlangA, queueMetrics, serviceLevel } from '../../src/queueing/index.js';

describe('queueMetrics', () => {
  it('picks Erlang C, Allen–Cunneen or Erlang A from the queue', () => {
    expect(queueMetrics({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 20)).toEqual(
      allenCunneen({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 20),
    );
    expect(queueMetrics({ arrivalsPerHour: 200, ahtSeconds: 180, serviceCv: 0.5 }, 14, 20).model).toBe(
      'allen-cunneen',
    );
    const qa = { arrivalsPerHour: 200, ahtSeconds: 300, patienceSeconds: 300 };
    expect(queueMetrics(qa, 18, 20)).toEqual(erlangA(qa, 18, 20));
  });

  it('interpolates fractional servers linearly, occupancy exactly', () => {
    const q = { arrivalsPerHour: 200, ahtSeconds: 180 };
    const lo = queueMetrics(q, 13, 20);
    const hi = queueMetrics(q, 14, 20);
    const mid = queueMetrics(q, 13.25, 20);
    expect(mid.serviceLevel).toBeCloseTo(0.75 * lo.serviceLevel + 0.25 * hi.serviceLevel, 15);
    expect(mid.meanWaitSeconds).toBeCloseTo(0.75 * lo.meanWaitSeconds + 0.25 * hi.meanWaitSeconds, 12);
    expect(mid.occupancy).toBeCloseTo(10 / 13.25, 15);
    expect(mid.servers).toBe(13.25);
    // below stability the lower neighbour is unstable: the wait stays infinite
    expect(queueMetrics(q, 10.5, 20).meanWaitSeconds).toBe(Number.POSITIVE_INFINITY);
    expect(queueMetrics(q, 10.5, 20).stable).toBe(false);
  });

  it('serviceLevel is the reverse of fewestServers', () => {
    // callcentrehelper.com worked example: 13 agents → 79.56 %, 14 → 88.84 %
    expect(serviceLevel({ arrivalsPerHour: 200, ahtSeconds: 180 }, 13, 20)).toBeCloseTo(0.7956, 4);
    expect(serviceLevel({ arrivalsPerHour: 200, ahtSeconds: 180 }, 14, 20)).toBeCloseTo(0.8884, 4);
  });

  it('rejects invalid input, naming the function', () => {
    expect(() => queueMetrics({ arrivalsPerHour: 200, ahtSeconds: 180 }, -1, 20)).toThrow(
      /queueMetrics: servers must be a finite number ≥ 0, got -1/,
    );
    expect(() =>
      serviceLevel({ arrivalsPerHour: 200, ahtSeconds: 180 }, 3, Number.POSITIVE_INFINITY),
    ).toThrow(/serviceLevel: withinSeconds/);
    try {
      queueMetrics({ arrivalsPerHour: 200, ahtSeconds: -180 }, 3, 20);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QueuecastError);
      expect((e as QueuecastError).code).toBe('INVALID_ARGUMENT');
    }
  });
});
