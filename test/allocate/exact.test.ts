import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/allocate.js';
import { loadHighs } from '../../src/allocate/load-highs.js';
import { validatePlan } from '../../src/allocate/validate-plan.js';
import { parseScenario } from '../../src/scenario/scenario.js';
import { knownOptimumScenario } from './fixtures.js';

describe('allocate with HiGHS (the exact reference)', () => {
  it('solves the known-optimum instance to 1440 staff-minutes and proves it', async () => {
    const highs = await loadHighs();
    const { scenario: json, requirements } = knownOptimumScenario();
    const { scenario } = parseScenario(json);
    const exact = allocate(scenario, { requirements, solver: 'exact', highs, exactTimeLimitSeconds: 30 });
    expect(validatePlan(scenario, exact, { requirements })).toEqual([]);
    expect(exact.status).toBe('optimal');
    expect(exact.summary.staffMinutes).toBe(1440);
    expect(exact.summary.modelLowerBoundStaffMinutes).toBeCloseTo(1440, 3);
    const fast = allocate(scenario, { requirements });
    expect(fast.summary.staffMinutes).toBe(exact.summary.staffMinutes);
  });

  it('keeps the cheaper plan with solver both, starting HiGHS from the fast plan', async () => {
    const highs = await loadHighs();
    const { scenario: json, requirements } = knownOptimumScenario();
    const tighter = { ...json, staff: json.staff!.filter((p) => p.id !== 'A2' && p.id !== 'A3') };
    const { scenario } = parseScenario(tighter);
    const both = allocate(scenario, { requirements, solver: 'both', highs, exactTimeLimitSeconds: 30 });
    const fast = allocate(scenario, { requirements });
    expect(validatePlan(scenario, both, { requirements })).toEqual([]);
    expect(both.summary.staffMinutes).toBeLessThanOrEqual(fast.summary.staffMinutes);
    expect(both.summary.modelLowerBoundStaffMinutes!).toBeLessThanOrEqual(both.summary.staffMinutes + 1e-6);
  });
});
