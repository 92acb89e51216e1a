import { describe, expect, it } from 'vitest';
import { TransientQueue, transientWaits } from '../../src/capacity/transient-queue.js';
import {
  PROB_WAIT,
  SL_APPOINTMENT,
  SL_WALK_IN,
  twoClassPriorityMetrics,
  WAIT_WALK_IN,
} from '../../src/capacity/two-class-priority.js';
import { erlangC } from '../../src/queueing/index.js';

const sum = (x: Float64Array, n: number) => x.subarray(0, n).reduce((a, b) => a + b, 0);

describe('TransientQueue', () => {
  it('keeps probability mass, in the end and in the time average', () => {
    const q = new TransientQueue();
    q.pass(Float64Array.of(1), 1, 30 / 1800, 6, 1 / 600, 1800);
    expect(sum(q.end, q.endLength)).toBeCloseTo(1, 9);
    expect(sum(q.average, q.averageLength)).toBeCloseTo(1, 9);
  });

  it('from an empty hall with ample servers is the M/M/∞ transient: Poisson with mean λ·AHT·(1 − e^(−t/AHT))', () => {
    // Reference: the M/M/∞ queue started empty has a Poisson number present (Takács; e.g. Gross & Harris §2.11).
    const q = new TransientQueue();
    const lambda = 20 / 1800;
    const aht = 600;
    q.pass(Float64Array.of(1), 1, lambda, 200, 1 / aht, 1800);
    const mean = lambda * aht * (1 - Math.exp(-1800 / aht));
    let p = Math.exp(-mean);
    for (let k = 0; k < 20; k++) {
      expect(q.end[k]).toBeCloseTo(p, 9);
      p *= mean / (k + 1);
    }
  });

  it('settles to the stationary M/M/c queue: P(wait) = Erlang C', () => {
    const q = new TransientQueue();
    let start = Float64Array.of(1);
    for (let slot = 0; slot < 120; slot++) {
      q.pass(start, start.length, 36 / 3600, 7, 1 / 600, 1800);
      start = q.end.slice(0, q.endLength);
    }
    // 36 an hour × 10 minutes = 6 Erlangs on 7 servers; P(N ≥ 7) in steady state.
    const waiting = start.subarray(7).reduce((a, b) => a + b, 0);
    expect(waiting).toBeCloseTo(erlangC(6, 7), 6);
  });

  it('gives the stationary two-class waits from the stationary distribution', () => {
    // Stationary M/M/c distribution of 7 servers at 6 Erlangs, then the waits of the arrivals that see it.
    const q = new TransientQueue();
    let start = Float64Array.of(1);
    for (let slot = 0; slot < 120; slot++) {
      q.pass(start, start.length, 36 / 3600, 7, 1 / 600, 1800);
      start = q.end.slice(0, q.endLength);
    }
    const out = new Float64Array(6);
    transientWaits(
      start,
      start.length,
      7,
      7 / 600,
      18 / 3600,
      600,
      1,
      Number.POSITIVE_INFINITY,
      true,
      true,
      out,
    );
    const m = twoClassPriorityMetrics(
      { appointmentsPerHour: 18, walkInsPerHour: 18, ahtSeconds: 600 },
      7,
      600,
    );
    expect(out[PROB_WAIT]).toBeCloseTo(m.probWait, 6);
    expect(out[SL_WALK_IN]).toBeCloseTo(m.walkIn.serviceLevel, 5);
    expect(out[WAIT_WALK_IN]).toBeCloseTo(m.walkIn.meanWaitSeconds, 2);
    // Holders: the no-overtaking bound (Erlang waits for everyone ahead) sits between the two classes.
    expect(out[SL_APPOINTMENT]).toBeLessThanOrEqual(m.appointment.serviceLevel + 1e-9);
    expect(out[SL_APPOINTMENT]).toBeGreaterThanOrEqual(m.walkIn.serviceLevel);
  });

  it('under fcfs, appointment holders and patient walk-ins wait alike', () => {
    const q = new TransientQueue();
    q.pass(Float64Array.of(1), 1, 40 / 1800, 6, 1 / 600, 1800);
    const out = new Float64Array(6);
    transientWaits(
      q.average,
      q.averageLength,
      6,
      6 / 600,
      20 / 1800,
      900,
      1,
      Number.POSITIVE_INFINITY,
      false,
      true,
      out,
    );
    expect(out[SL_WALK_IN]).toBeCloseTo(out[SL_APPOINTMENT], 12);
    expect(out[SL_WALK_IN]).toBeLessThan(1);
    expect(out[SL_WALK_IN]).toBeGreaterThan(1 - out[PROB_WAIT]);
  });
});
