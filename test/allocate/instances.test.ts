import { describe, expect, it } from 'vitest';
import {
  allocationInstance,
  cityBatch,
  defaultCentreSpec,
  generateCentreScenario,
} from '../../src/allocate/instances.js';
import type { QueuecastError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/scenario.js';

describe('allocation instances', () => {
  it('have the sizes the benchmark names', () => {
    const sizes = {
      small: [4, 6, 10],
      medium: [12, 24, 40],
      large: [30, 80, 140],
    } as const;
    for (const [size, [services, counters, staff]] of Object.entries(sizes)) {
      const json = allocationInstance(`${size}-day` as 'small-day');
      const { scenario, warnings } = parseScenario(json);
      expect(warnings).toEqual([]);
      expect([scenario.services.length, scenario.counters.length, scenario.staff.length]).toEqual([
        services,
        counters,
        staff,
      ]);
      expect(scenario.centre.slotMinutes).toBe(30);
      expect(new Set(scenario.demand.map((d) => d.slotStart.slice(0, 10))).size).toBe(1);
    }
    const week = parseScenario(allocationInstance('small-week')).scenario;
    expect(week.centre.slotMinutes).toBe(15);
    expect(new Set(week.demand.map((d) => d.slotStart.slice(0, 10))).size).toBe(6);
  });

  it('have one-stop counters in the medium centre', () => {
    const { scenario } = parseScenario(allocationInstance('medium-day'));
    expect(scenario.counters.filter((c) => c.services.length > 1).length).toBeGreaterThan(3);
  });

  it('are deterministic for a seed and differ between seeds', () => {
    expect(allocationInstance('small-day', 3)).toEqual(allocationInstance('small-day', 3));
    expect(allocationInstance('small-day', 3)).not.toEqual(allocationInstance('small-day', 4));
  });

  it('make a city batch of the requested size', () => {
    const batch = cityBatch(4, 2, 9);
    expect(batch.length).toBe(4);
    for (const json of batch)
      expect(new Set(parseScenario(json).scenario.demand.map((d) => d.slotStart.slice(0, 10))).size).toBe(2);
  });

  it('reject impossible specs with INVALID_ARGUMENT', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as QueuecastError).code;
      }
      return undefined;
    };
    expect(code(() => generateCentreScenario({ ...defaultCentreSpec, counters: 3, services: 5 }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code(() => allocationInstance('huge-day' as never))).toBe('INVALID_ARGUMENT');
    expect(code(() => cityBatch(0, 6))).toBe('INVALID_ARGUMENT');
  });
});
