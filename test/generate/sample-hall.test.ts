import { describe, expect, it } from 'vitest';
import { sampleCounters, sampleScenario, sampleServices, sampleStaff } from '../../src/generate/index.js';
import { parseScenario } from '../../src/scenario/scenario.js';

describe('sample hall', () => {
  it('gives every service at least one dedicated counter and one skilled person', () => {
    for (const s of sampleServices) {
      expect(sampleCounters.some((c) => c.services.length === 1 && c.services[0] === s.id)).toBe(true);
      expect(sampleStaff.some((p) => p.skills.includes(s.id))).toBe(true);
    }
    expect(new Set(sampleCounters.map((c) => c.id)).size).toBe(sampleCounters.length);
    expect(new Set(sampleStaff.map((p) => p.id)).size).toBe(sampleStaff.length);
  });

  it('builds a scenario that parses without warnings', () => {
    const { scenario, warnings } = parseScenario(
      sampleScenario([
        { service: 'tax', channel: 'walk_in', slotStart: '2026-11-23T09:00:00+08:00', expected: 6 },
      ]),
    );
    expect(warnings).toEqual([]);
    expect(scenario.services).toHaveLength(15);
    expect(scenario.counters).toHaveLength(68);
    expect(scenario.staff).toHaveLength(76);
    expect(scenario.demand[0].expected).toBe(6);
  });
});
