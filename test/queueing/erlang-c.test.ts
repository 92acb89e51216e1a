import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { erlangC, meanQueueLength, occupancy } from '../../src/queueing/index.js';

describe('erlangC', () => {
  it('reproduces the classic calculator example', () => {
    // 100 calls per 30 min, AHT 180 s → 10 Erlangs; 14 agents: P(wait) = 0.1741 (callcentrehelper.com, "Erlang C
    // formula – made simple with an easy worked example"); exact value by mpmath 1.3: 0.17413193359504983.
    expect(erlangC(10, 14)).toBeCloseTo(0.17413193359504983, 14);
    expect(erlangC(10, 14)).toBeCloseTo(0.1741, 4);
    expect(erlangC(10, 13)).toBeCloseTo(0.28527045303649295, 14);
  });

  it('is exact at 10,000 servers', () => {
    // mpmath 1.3, 60 digits: C(9800, 10000) = 0.02616779959022297
    expect(erlangC(9800, 10_000) / 0.02616779959022297).toBeCloseTo(1, 11);
  });

  it('returns 1 (not an error) when load is at or above the servers, and handles edges', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(12, 10)).toBe(1);
    expect(erlangC(0, 3)).toBe(0);
    expect(erlangC(2, 0)).toBe(1);
    // one server: M/M/1 P(wait) = ρ
    expect(erlangC(0.7, 1)).toBeCloseTo(0.7, 15);
  });

  it('rejects invalid input with INVALID_ARGUMENT', () => {
    expect(() => erlangC(10, 2.5)).toThrow(/erlangC: servers must be a non-negative integer, got 2.5/);
    expect(() => erlangC(-1, 2)).toThrow(QueuecastError);
    expect(() => erlangC(Number.NaN, 2)).toThrow(QueuecastError);
  });
});

describe('occupancy and meanQueueLength', () => {
  it('occupancy is load ÷ servers, capped at 1', () => {
    // callcentrehelper worked example: 14 agents at 10 Erlangs → 71.4 %
    expect(occupancy(10, 14)).toBeCloseTo(0.714, 3);
    expect(occupancy(10, 8)).toBe(1);
    expect(occupancy(0, 0)).toBe(0);
    expect(occupancy(3, 0)).toBe(1);
    expect(occupancy(5, 12.5)).toBeCloseTo(0.4, 15);
    expect(() => occupancy(-1, 3)).toThrow(QueuecastError);
  });

  it('meanQueueLength is C·a/(c − a); Infinity when unstable', () => {
    // M/M/1 at ρ = 0.5: Lq = ρ²/(1 − ρ) = 0.5
    expect(meanQueueLength(0.5, 1)).toBeCloseTo(0.5, 15);
    expect(meanQueueLength(10, 14)).toBeCloseTo((0.17413193359504983 * 10) / 4, 14);
    expect(meanQueueLength(10, 10)).toBe(Number.POSITIVE_INFINITY);
    expect(meanQueueLength(0, 4)).toBe(0);
    expect(() => meanQueueLength(1, 1.5)).toThrow(QueuecastError);
  });
});
