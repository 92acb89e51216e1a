import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/allocate.js';
import { allocationInstance } from '../../src/allocate/instances.js';
import type { Plan } from '../../src/allocate/plan.js';
import { parsePlan, planToJson } from '../../src/allocate/plan-json.js';
import type { QueuecastError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/scenario.js';

describe('planToJson / parsePlan', () => {
  const { scenario } = parseScenario(allocationInstance('small-day', 1));
  const plan = allocate(scenario);

  it('round-trips a plan', () => {
    expect(parsePlan(JSON.parse(planToJson(plan)))).toEqual(plan);
  });

  it('writes an unstable queue’s infinite mean wait as null and reads it back as Infinity', () => {
    const unstable: Plan = {
      ...plan,
      expected: [{ ...plan.expected[0], meanWaitSeconds: Number.POSITIVE_INFINITY }],
    };
    const text = planToJson(unstable);
    expect(text).toContain('"meanWaitSeconds": null');
    expect(parsePlan(JSON.parse(text)).expected[0].meanWaitSeconds).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects a malformed plan with INVALID_INPUT and the path', () => {
    try {
      parsePlan({ ...JSON.parse(planToJson(plan)), status: 'great' });
      expect.unreachable();
    } catch (e) {
      expect((e as QueuecastError).code).toBe('INVALID_INPUT');
      expect((e as QueuecastError).path).toEqual(['status']);
    }
  });
});
