import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/allocate.js';
import { allocationInstance } from '../../src/allocate/instances.js';
import { validatePlan } from '../../src/allocate/validate-plan.js';
import { parseScenario } from '../../src/scenario/scenario.js';

describe('coverDay through allocate', () => {
  it('plans the medium day within 2 % of the pattern-model bound', () => {
    // 7410 staff-minutes: the pattern-model lower bound proven by HiGHS in bench/allocate.bench.ts (exact fewest
    // seats per slot, then the fewest staff-minutes of the enumerated patterns putting them on duty).
    const { scenario } = parseScenario(allocationInstance('medium-day', 1));
    const plan = allocate(scenario);
    expect(validatePlan(scenario, plan)).toEqual([]);
    expect(plan.shortfalls).toEqual([]);
    expect(plan.summary.staffMinutes).toBeLessThanOrEqual(7410 * 1.02);
  });

  it('gives a valid plan from every construction; from two starts on, the small day at its optimum', () => {
    const { scenario } = parseScenario(allocationInstance('small-day', 1));
    for (let starts = 1; starts <= 6; starts++) {
      const plan = allocate(scenario, { starts });
      expect(validatePlan(scenario, plan)).toEqual([]);
      expect(plan.shortfalls).toEqual([]);
      // 1860: HiGHS's proven optimum of this day (bench/allocate.bench.ts); one start stays within 2 % of it.
      expect(plan.summary.staffMinutes).toBeLessThanOrEqual(starts === 1 ? 1860 * 1.02 : 1860);
    }
  });

  it('merges part-day shifts into others by ejection: the small week at its optimum, the medium week within 2 %', () => {
    // 9225: HiGHS's proven optimum of the small week; 38250: the medium week's pattern-model bound, proven by HiGHS
    // for the servers the plan gives (both from bench/allocate.bench.ts, with breaks up to an hour longer). Without
    // ejections the local search stops at 9255 and 39060.
    for (const [name, optimum, bound] of [
      ['small-week', 9225, 9225],
      ['medium-week', null, 38250],
    ] as const) {
      const { scenario } = parseScenario(allocationInstance(name, 1));
      const without = allocate(scenario, { ejectionRounds: 0 });
      const withEjections = allocate(scenario);
      expect(validatePlan(scenario, withEjections)).toEqual([]);
      expect(withEjections.shortfalls.length).toBe(without.shortfalls.length);
      if (optimum !== null) expect(withEjections.summary.staffMinutes).toBe(optimum);
      expect(withEjections.summary.staffMinutes).toBeLessThanOrEqual(bound * 1.02);
      expect(withEjections.summary.staffMinutes).toBeLessThan(without.summary.staffMinutes);
    }
  });

  it('finds more merges in a second ejection round on the medium week, and none in a third', () => {
    // Round 2 retries the shifts whose slots a kept ejection of round 1 changed.
    const { scenario } = parseScenario(allocationInstance('medium-week', 1));
    const one = allocate(scenario, { ejectionRounds: 1 });
    const two = allocate(scenario, { ejectionRounds: 2 });
    const three = allocate(scenario, { ejectionRounds: 3 });
    expect(two.summary.staffMinutes).toBeLessThan(one.summary.staffMinutes);
    expect(three.summary.staffMinutes).toBe(two.summary.staffMinutes);
  });

  it('never makes a day dearer by ejections, on random centres', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const { scenario } = parseScenario(allocationInstance('medium-day', seed));
      const without = allocate(scenario, { ejectionRounds: 0 });
      const withEjections = allocate(scenario, { ejectionRounds: 2 });
      expect(validatePlan(scenario, withEjections)).toEqual([]);
      expect(withEjections.shortfalls.length).toBeLessThanOrEqual(without.shortfalls.length);
      expect(withEjections.summary.staffMinutes).toBeLessThanOrEqual(without.summary.staffMinutes);
    }
  });
});
