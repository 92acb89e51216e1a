import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/scenario.js';

// The example Scenario of DESIGN.md ("Scenario").
const designExample = {
  centre: { id: 'ovc', timezone: 'Asia/Shanghai', slotMinutes: 30 },
  services: [
    {
      id: 'tax',
      ahtSeconds: 600,
      serviceCv: 0.8,
      patienceSeconds: 2400,
      noShowRate: 0.15,
      target: { fraction: 0.8, withinSeconds: 900 },
    },
    { id: 'business-registration', ahtSeconds: 900 },
  ],
  counters: [{ id: 'C01', services: ['tax', 'business-registration'] }],
  staff: [{ id: 'S01', skills: ['tax'], availableFrom: '08:30', availableTo: '17:30', maxWorkMinutes: 480 }],
  shiftRules: {
    minShiftMinutes: 240,
    maxShiftMinutes: 540,
    breakMinutes: 60,
    breakWindow: ['11:30', '14:00'],
  },
  priority: 'appointments-first',
  demand: [
    { service: 'tax', channel: 'walk_in', slotStart: '2026-12-01T09:00:00+08:00', expected: 12.5, p90: 17 },
  ],
};

function codeOf(fn: () => unknown): {
  code: string;
  path: readonly (string | number)[] | undefined;
  message: string;
} {
  try {
    fn();
  } catch (e) {
    if (e instanceof QueuecastError) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
  throw new Error('expected a QueuecastError');
}

describe('parseScenario', () => {
  it('accepts the DESIGN.md example and applies defaults', () => {
    const { scenario, warnings } = parseScenario(designExample);
    expect(warnings).toEqual([]);
    expect(scenario.services[1].serviceCv).toBe(1);
    expect(scenario.services[1].noShowRate).toBe(0);
    expect(scenario.services[1].target).toEqual({ fraction: 0.8, withinSeconds: 900 });
    expect(scenario.demand[0].p90).toBe(17);
  });

  it('fills a whole default centre and shift rules', () => {
    const { scenario } = parseScenario({ services: [{ id: 'tax', ahtSeconds: 600 }] });
    expect(scenario.centre).toEqual({ id: 'centre', timezone: 'Asia/Shanghai', slotMinutes: 30 });
    expect(scenario.shiftRules.breakWindow).toEqual(['11:30', '14:00']);
    expect(scenario.priority).toBe('appointments-first');
  });

  it('reports unknown fields as warnings, not errors', () => {
    const { warnings } = parseScenario({
      ...designExample,
      colour: 'blue',
      services: [{ id: 'a', ahtSeconds: 60, x: 1 }],
      counters: [],
      staff: [],
      demand: [],
    });
    expect(warnings).toContain('unknown field colour ignored');
    expect(warnings).toContain('unknown field services.0.x ignored');
  });

  it('names the path and the value of a bad field', () => {
    const e = codeOf(() => parseScenario({ services: [{ id: 'tax', ahtSeconds: -5 }] }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['services', 0, 'ahtSeconds']);
    expect(e.message).toContain('-5');
  });

  it('refuses cross-references to unknown services and bad times', () => {
    const badCounter = { ...designExample, counters: [{ id: 'C1', services: ['passport'] }] };
    expect(codeOf(() => parseScenario(badCounter)).path).toEqual(['counters', 0, 'services', 0]);
    const badTime = {
      ...designExample,
      demand: [{ service: 'tax', slotStart: '01/12/2026 09:00', expected: 1 }],
    };
    expect(codeOf(() => parseScenario(badTime)).path).toEqual(['demand', 0, 'slotStart']);
    const badZone = { ...designExample, centre: { id: 'x', timezone: 'Moon/Base' } };
    expect(codeOf(() => parseScenario(badZone)).path).toEqual(['centre', 'timezone']);
  });

  it('refuses a half-specified fraction target and duplicate ids', () => {
    const half = { services: [{ id: 'tax', ahtSeconds: 600, target: { fraction: 0.8 } }] };
    expect(codeOf(() => parseScenario(half)).path).toEqual(['services', 0, 'target']);
    const dup = {
      services: [
        { id: 'tax', ahtSeconds: 600 },
        { id: 'tax', ahtSeconds: 300 },
      ],
    };
    expect(codeOf(() => parseScenario(dup)).path).toEqual(['services', 1, 'id']);
  });

  it('does not mutate its input', () => {
    const input = structuredClone(designExample);
    parseScenario(input);
    expect(input).toEqual(designExample);
  });
});
