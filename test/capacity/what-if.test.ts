import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/index.js';
import { applyWhatIf, parseWhatIfChange, whatIf } from '../../src/capacity/index.js';
import { hallScenario } from './fixtures.js';

const scenario = hallScenario('mixed');

describe('parseWhatIfChange', () => {
  it.each([
    ['walk-ins=+20%', { kind: 'demand', channel: 'walk_in', factor: 1.2 }],
    ['walk-ins.tax=-10%', { kind: 'demand', channel: 'walk_in', factor: 0.9, service: 'tax' }],
    ['appointments=+5%', { kind: 'demand', channel: 'appointment', factor: 1.05 }],
    ['demand.soc=+12.5%', { kind: 'demand', factor: 1.125, service: 'soc' }],
    ['counters=+1', { kind: 'counters', delta: 1 }],
    ['counters=+2:tax,biz', { kind: 'counters', delta: 2, services: ['tax', 'biz'] }],
    ['counters=-1', { kind: 'counters', delta: -1 }],
    ['staff=+1:soc', { kind: 'staff', delta: 1, skills: ['soc'] }],
    ['staff=-2', { kind: 'staff', delta: -2 }],
    ['close-counter=C03', { kind: 'close-counter', counter: 'C03' }],
    ['remove-staff=P07', { kind: 'remove-staff', staff: 'P07' }],
    ['target=0.9/600', { kind: 'target', target: { fraction: 0.9, withinSeconds: 600 } }],
    ['target.tax=mean:300', { kind: 'target', service: 'tax', target: { meanWaitSeconds: 300 } }],
  ])('reads %s', (text, change) => {
    expect(parseWhatIfChange(text)).toEqual(change);
  });

  it.each([
    ['walk-ins', /KIND=VALUE/],
    ['walk-ins=20', /signed percentage/],
    ['walk-ins=-120%', /below −100%/],
    ['counters=1', /signed non-zero integer/],
    ['counters=-1:tax', /takes no list/],
    ['counters.tax=+1', /after a colon/],
    ['target=1.2/600', /FRACTION\/SECONDS/],
    ['close-counter=', /counter id/],
    ['queues=+1', /KIND must be/],
  ])('rejects %s', (text, rule) => {
    expect(() => parseWhatIfChange(text)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(rule) }),
    );
  });
});

describe('applyWhatIf', () => {
  it('applies each kind of change without touching the input', () => {
    const copy = structuredClone(scenario);
    const changed = applyWhatIf(scenario, [
      { kind: 'counters', delta: 1 },
      { kind: 'counters', delta: -2 },
      { kind: 'staff', delta: 1, skills: ['tax'] },
      { kind: 'remove-staff', staff: 'P01' },
      { kind: 'close-counter', counter: 'T1' },
      { kind: 'target', service: 'tax', target: { fraction: 0.9, withinSeconds: 600 } },
      { kind: 'demand', channel: 'walk_in', service: 'soc', factor: 1.2 },
    ]);
    expect(scenario).toEqual(copy);
    expect(changed.counters).toHaveLength(scenario.counters.length + 1 - 2 - 1);
    expect(changed.counters.some((c) => c.id === 'T1')).toBe(false);
    expect(changed.staff.at(-1)).toMatchObject({
      id: 'new-staff-1',
      skills: ['tax'],
      availableFrom: '08:30',
      availableTo: '17:30',
    });
    expect(changed.staff.some((p) => p.id === 'P01')).toBe(false);
    expect(changed.services[0].target).toEqual({ fraction: 0.9, withinSeconds: 600 });
    expect(changed.services[1].target).toEqual(scenario.services[1].target);
    scenario.demand.forEach((d, i) => {
      const factor = d.service === 'soc' && d.channel === 'walk_in' ? 1.2 : 1;
      expect(changed.demand[i].expected).toBeCloseTo(d.expected * factor, 9);
      if (d.p80 !== undefined) expect(changed.demand[i].p80).toBeCloseTo(d.p80 * factor, 9);
    });
    const added = applyWhatIf(scenario, [{ kind: 'counters', delta: 2 }]).counters.slice(-2);
    expect(added).toEqual([
      { id: 'new-counter-1', services: ['tax', 'biz', 'soc'] },
      { id: 'new-counter-2', services: ['tax', 'biz', 'soc'] },
    ]);
  });

  it('names the change that does not fit', () => {
    expect(() =>
      applyWhatIf(scenario, [
        { kind: 'counters', delta: 1 },
        { kind: 'close-counter', counter: 'C99' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', path: ['changes', 1, 'counter'] }));
    expect(() => applyWhatIf(scenario, [{ kind: 'demand', service: 'permits', factor: 2 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['changes', 0, 'service', 0] }),
    );
    expect(() => applyWhatIf(scenario, [{ kind: 'staff', delta: -31 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['changes', 0, 'delta'] }),
    );
    expect(() => applyWhatIf(scenario, [{ kind: 'target', target: { fraction: 0.9 } }])).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/changed scenario is invalid/),
      }),
    );
  });
});

describe('whatIf', () => {
  const basePlan = allocate(scenario);

  it('re-plans for 20 % more walk-ins: more staff, the same targets met', () => {
    const r = whatIf(scenario, [parseWhatIfChange('walk-ins=+20%')], { basePlan });
    expect(r.base.staffMinutes).toBe(basePlan.summary.staffMinutes);
    expect(r.changed.staffMinutes).toBeGreaterThan(r.base.staffMinutes);
    expect(r.difference.staffMinutes).toBe(r.changed.staffMinutes - r.base.staffMinutes);
    expect(r.changed.targetsMetFraction).toBe(1);
    expect(r.services.map((s) => s.service)).toEqual(['tax', 'biz', 'soc']);
    for (const s of r.services) {
      expect(s.changed.arrivals).toBeGreaterThan(s.base.arrivals);
      expect(s.base.serviceLevel).toBeGreaterThan(0.8);
    }
    expect(r.changes).toEqual([{ kind: 'demand', channel: 'walk_in', factor: 1.2 }]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('with everyone working, one more person buys appointment capacity; a stricter target costs staff', () => {
    const maxService = { objective: 'max-service' as const };
    const more = whatIf(
      scenario,
      [
        { kind: 'staff', delta: 1 },
        { kind: 'counters', delta: 1 },
      ],
      { allocate: maxService },
    );
    expect(more.changed.staffMinutes).toBeGreaterThan(more.base.staffMinutes);
    expect(more.changed.maxAppointments).toBeGreaterThan(more.base.maxAppointments);
    const strict = whatIf(scenario, [parseWhatIfChange('target.tax=0.95/600')], { basePlan });
    expect(strict.changed.staffMinutes).toBeGreaterThan(strict.base.staffMinutes);
    const tax = strict.services.find((s) => s.service === 'tax')!;
    expect(tax.changed.serviceLevel).toBeGreaterThan(tax.base.serviceLevel!);
  });
});
