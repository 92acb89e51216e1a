import { describe, expect, it } from 'vitest';
import type { Assignment, Plan } from '../../src/allocate/plan.js';
import { parseScenario, type ScenarioInput } from '../../src/scenario/scenario.js';
import {
  createSimulationEngine,
  prepareSimulation,
  type SimulateOptions,
  type SimulationEngine,
} from '../../src/simulate/index.js';
import { CELL_FIELDS, CELL_UNSERVED } from '../../src/simulate/simulation-engine.js';

/**
 * The operating rules of DESIGN.md ("How a plan is operated"), checked on hand-made customer traces where every
 * call time is known in advance. Times are seconds from 09:00 on 2026-12-01 (Asia/Shanghai); slots are 30 minutes.
 */
const at = (hm: string) => `2026-12-01T${hm}:00+08:00`;

function scenario(extra: Partial<ScenarioInput> = {}) {
  return parseScenario({
    centre: { id: 'test', timezone: 'Asia/Shanghai', slotMinutes: 30 },
    services: [
      { id: 'a', ahtSeconds: 60, serviceCv: 0 },
      { id: 'b', ahtSeconds: 60, serviceCv: 0 },
    ],
    ...extra,
  }).scenario;
}

function plan(assignments: Assignment[]): Plan {
  return {
    status: 'feasible',
    assignments,
    shifts: [],
    expected: [],
    shortfalls: [],
    summary: {
      staffMinutes: 0,
      counterMinutes: 0,
      lowerBoundStaffMinutes: 0,
      targetsMetFraction: 0,
      solveMilliseconds: 0,
    },
  };
}

const seat = (hm: string, counter: string, staff: string | null, services: string[] = ['a']): Assignment => ({
  slotStart: at(hm),
  counter,
  staff,
  services,
});

interface Trace {
  readonly t: number;
  readonly dur: number;
  readonly service?: number;
  readonly appointment?: boolean;
  readonly patience?: number;
}

function play(
  p: Plan,
  trace: Trace[],
  extra: Partial<ScenarioInput> = {},
  options: Partial<SimulateOptions> = {},
): SimulationEngine {
  const model = prepareSimulation(scenario(extra), p, options);
  const engine = createSimulationEngine(model);
  engine.loadCustomers({
    arrivalSeconds: trace.map((c) => c.t),
    service: trace.map((c) => c.service ?? 0),
    channel: trace.map((c) => (c.appointment ? 1 : 0)),
    patienceSeconds: trace.map((c) => c.patience ?? Number.POSITIVE_INFINITY),
    serviceSeconds: trace.map((c) => c.dur),
  });
  engine.run();
  return engine;
}

const calledAt = (e: SimulationEngine) => Array.from(e.calledSeconds.subarray(0, e.customerCount));
const counterIndex = (e: SimulationEngine, id: string) => e.model.counterIds.indexOf(id);

describe('operating rules', () => {
  it('an arriving customer goes to the counter idle longest', () => {
    const p = plan([seat('09:00', 'C1', 'P1'), seat('09:00', 'C2', 'P2')]);
    // A at 60 s takes C1 (both idle since opening; C1 listed first); C1 is idle again from 120 s, C2 since 0 s.
    const e = play(p, [
      { t: 60, dur: 60 },
      { t: 300, dur: 45 },
    ]);
    expect(calledAt(e)).toEqual([60, 300]);
    expect(e.counterBusySeconds[counterIndex(e, 'C1')]).toBe(60);
    expect(e.counterBusySeconds[counterIndex(e, 'C2')]).toBe(45);
  });

  it('a counter calls appointment holders first under appointments-first, the longest waiting under fcfs', () => {
    const p = plan([seat('09:00', 'C1', 'P1')]);
    const trace = [
      { t: 10, dur: 100 },
      { t: 20, dur: 100 },
      { t: 30, dur: 100, appointment: true },
      { t: 40, dur: 100, appointment: true },
    ];
    expect(calledAt(play(p, trace, { priority: 'appointments-first' }))).toEqual([10, 310, 110, 210]);
    expect(calledAt(play(p, trace, { priority: 'fcfs' }))).toEqual([10, 110, 210, 310]);
  });

  it('a one-stop counter calls the longest-waiting customer among its services', () => {
    const p = plan([seat('09:00', 'C1', 'P1', ['a', 'b'])]);
    const e = play(p, [
      { t: 10, dur: 100, service: 0 },
      { t: 20, dur: 100, service: 1 },
      { t: 30, dur: 100, service: 0 },
    ]);
    expect(calledAt(e)).toEqual([10, 110, 210]);
  });

  it('a counter serves only the services it lists in the slot', () => {
    const p = plan([seat('09:00', 'C1', 'P1', ['a']), seat('09:30', 'C1', 'P1', ['a', 'b'])]);
    const e = play(p, [
      { t: 10, dur: 60, service: 1 },
      { t: 20, dur: 60, service: 0 },
    ]);
    // b waits for the 09:30 slot, when C1 adds b.
    expect(calledAt(e)).toEqual([1800, 20]);
  });

  it('a person moving counter finishes their customer first; the new counter waits for them', () => {
    const p = plan([seat('09:00', 'C1', 'P1'), seat('09:30', 'C2', 'P1')]);
    const e = play(p, [
      { t: 1700, dur: 300 },
      { t: 1850, dur: 60 },
    ]);
    // P1 serves the first customer at C1 until 2000 s, then starts at C2 with the second.
    expect(calledAt(e)).toEqual([1700, 2000]);
    expect(e.counterBusySeconds[counterIndex(e, 'C1')]).toBe(300);
    expect(e.counterBusySeconds[counterIndex(e, 'C2')]).toBe(60);
  });

  it('a counter handed to a new person opens once the previous person has finished there', () => {
    const p = plan([seat('09:00', 'C1', 'P1'), seat('09:30', 'C1', 'P2'), seat('09:30', 'C2', 'P1')]);
    const e = play(p, [
      { t: 1700, dur: 300 },
      { t: 1850, dur: 60 },
    ]);
    // At 2000 s P1 leaves C1: P2 takes C1 and calls the waiting customer.
    expect(calledAt(e)).toEqual([1700, 2000]);
    expect(e.counterBusySeconds[counterIndex(e, 'C1')]).toBe(360);
  });

  it('a person on a break (not assigned) leaves the counter closed for the slot', () => {
    const p = plan([seat('09:00', 'C1', 'P1'), seat('10:00', 'C1', 'P1')]);
    // 09:30 is missing from the plan but present in the demand grid, so the hall is open and C1 is closed.
    const e = play(p, [{ t: 1900, dur: 60 }], {
      demand: [{ service: 'a', slotStart: at('09:30'), expected: 0 }],
    });
    expect(calledAt(e)).toEqual([3600]);
    expect(e.model.sessionStart.length).toBe(1);
  });

  it('tickets stop at the end of the session; everyone holding one is served and overtime is reported', () => {
    const p = plan([seat('09:00', 'C1', 'P1')]);
    const e = play(p, [
      { t: 1790, dur: 600 },
      { t: 1795, dur: 600 },
    ]);
    expect(calledAt(e)).toEqual([1790, 2390]);
    expect(e.sessionOvertimeSeconds[0]).toBe(2990 - 1800);
    expect(e.counterOvertimeSeconds[counterIndex(e, 'C1')]).toBe(2990 - 1800);
  });

  it('a lunch closure splits sessions; a customer nobody could serve before lunch is served after it', () => {
    const p = plan([seat('09:00', 'C1', 'P1'), seat('13:30', 'C2', 'P2', ['b'])]);
    const e = play(p, [{ t: 100, dur: 60, service: 1, appointment: true }]);
    expect(e.model.sessionStart.length).toBe(2);
    expect(calledAt(e)).toEqual([4.5 * 3600]);
  });

  it('walk-ins abandon when their wait exceeds their patience; appointment holders wait', () => {
    const p = plan([seat('09:00', 'C1', 'P1')]);
    const e = play(p, [
      { t: 0, dur: 600 },
      { t: 10, dur: 60, patience: 100 },
      { t: 20, dur: 60, appointment: true },
    ]);
    expect(Array.from(e.customerState.subarray(0, 3))).toEqual([2, 3, 2]);
    expect(calledAt(e)).toEqual([0, Number.NaN, 600]);
  });

  it('customers still waiting when no counter will serve them again are counted as unserved', () => {
    const p = plan([seat('09:00', 'C1', 'P1'), seat('09:30', 'C2', 'P2', ['b'])]);
    const e = play(p, [{ t: 1900, dur: 60, appointment: true }]);
    expect(e.customerState[0]).toBe(1);
    let unserved = 0;
    for (let c = 0; c < e.cells.length / CELL_FIELDS; c++)
      unserved += e.cells[c * CELL_FIELDS + CELL_UNSERVED];
    expect(unserved).toBe(1);
  });

  it('assignments without staff keep the counter closed unless unstaffedCounters is open', () => {
    const p = plan([seat('09:00', 'C1', null)]);
    const closed = play(p, [{ t: 10, dur: 60, appointment: true }]);
    expect(closed.customerState[0]).toBe(1);
    expect(closed.model.warnings[0]).toMatch(/no staff/);
    const open = play(p, [{ t: 10, dur: 60, appointment: true }], {}, { unstaffedCounters: 'open' });
    expect(calledAt(open)).toEqual([10]);
  });

  it('warm-up customers are simulated but not counted', () => {
    const p = plan([seat('09:00', 'C1', 'P1')]);
    const e = play(
      p,
      [
        { t: 10, dur: 600 },
        { t: 700, dur: 60 },
      ],
      {},
      { warmupMinutes: 10 },
    );
    expect(calledAt(e)).toEqual([10, 700]);
    let arrivals = 0;
    for (let c = 0; c < e.cells.length / CELL_FIELDS; c++) arrivals += e.cells[c * CELL_FIELDS];
    expect(arrivals).toBe(1);
  });
});
