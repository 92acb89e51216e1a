import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/scenario.js';
import { type SimulateOptions, simulate } from '../../src/simulate/index.js';
import { allenCunneenMeanWait, erlangA, erlangC } from './queueing-reference.js';

/**
 * Long-run agreement of the simulator with exact queueing results. One session of `hours` hourly slots at constant
 * demand and servers; the first two hours are warm-up and not counted. A check passes when the exact value lies
 * inside the simulated 95 % interval widened by 1.3 (≈ a 99 % interval), so that the several checks of this file do
 * not fail by chance once in a while.
 */
const WIDEN = 1.3;

interface Station {
  readonly arrivalsPerHour: number;
  readonly ahtSeconds: number;
  readonly serviceCv: number;
  readonly servers: number;
  readonly withinSeconds: number;
  readonly patienceSeconds?: number;
  readonly hours: number;
}

function steadyState(st: Station, options: Partial<SimulateOptions>) {
  const start = Date.UTC(2026, 0, 5, 0, 0);
  const slots = Array.from({ length: st.hours }, (_, h) => new Date(start + h * 3_600_000).toISOString());
  const { scenario } = parseScenario({
    centre: { timezone: 'UTC', slotMinutes: 60 },
    services: [
      {
        id: 'q',
        ahtSeconds: st.ahtSeconds,
        serviceCv: st.serviceCv,
        ...(st.patienceSeconds === undefined ? {} : { patienceSeconds: st.patienceSeconds }),
        target: { fraction: 0.8, withinSeconds: st.withinSeconds },
      },
    ],
    priority: 'fcfs',
    demand: slots.map((slotStart) => ({ service: 'q', slotStart, expected: st.arrivalsPerHour })),
  });
  const servers = slots.map((slotStart) => ({ service: 'q', slotStart, servers: st.servers }));
  return simulate(scenario, servers, { warmupMinutes: 120, ...options }).services[0];
}

/** Exponential service times: a gamma with CV 1. (A lognormal with CV 1 has the same mean and variance but is not exponential.) */
const EXPONENTIAL: Partial<SimulateOptions> = { serviceTime: 'gamma' };

describe('simulate agrees with queueing theory in steady state', () => {
  it('M/M/c matches Erlang C (c = 10, ρ = 0.8)', () => {
    // Exact values: C(10, 8) = 0.4092 (any Erlang C table), SL(60 s) = 0.7257, E[W] = 61.38 s.
    const st = {
      arrivalsPerHour: 96,
      ahtSeconds: 300,
      serviceCv: 1,
      servers: 10,
      withinSeconds: 60,
      hours: 100,
    };
    const exact = erlangC(96 / 3600, 1 / 300, 10, 60);
    const sim = steadyState(st, { ...EXPONENTIAL, replications: 40, seed: 11 });
    expect(Math.abs(sim.serviceLevel! - exact.serviceLevel)).toBeLessThanOrEqual(WIDEN * sim.serviceLevelCI!);
    expect(Math.abs(sim.meanWaitSeconds! - exact.meanWait)).toBeLessThanOrEqual(WIDEN * sim.meanWaitCI!);
    expect(sim.serviceLevelCI!).toBeLessThan(0.02);
    expect(sim.abandonShare).toBe(0);
  });

  it('M/M/c matches Erlang C with many servers in heavy traffic (c = 60, ρ = 0.95)', () => {
    const lambda = (0.95 * 60) / 240;
    const st = {
      arrivalsPerHour: lambda * 3600,
      ahtSeconds: 240,
      serviceCv: 1,
      servers: 60,
      withinSeconds: 20,
      hours: 60,
    };
    const exact = erlangC(lambda, 1 / 240, 60, 20);
    const sim = steadyState(st, { ...EXPONENTIAL, replications: 30, seed: 5 });
    expect(Math.abs(sim.serviceLevel! - exact.serviceLevel)).toBeLessThanOrEqual(WIDEN * sim.serviceLevelCI!);
    expect(Math.abs(sim.meanWaitSeconds! - exact.meanWait)).toBeLessThanOrEqual(WIDEN * sim.meanWaitCI!);
  });

  it('M/M/c+M matches Erlang A (c = 10, offered load 10, mean patience 600 s)', () => {
    // Erlang A from its birth–death chain: SL(60 s) = 0.5720, abandonment 0.1039, E[W | served] = 59.87 s.
    const st = {
      arrivalsPerHour: 120,
      ahtSeconds: 300,
      serviceCv: 1,
      servers: 10,
      withinSeconds: 60,
      patienceSeconds: 600,
      hours: 100,
    };
    const exact = erlangA(120 / 3600, 1 / 300, 1 / 600, 10, 60);
    const sim = steadyState(st, { ...EXPONENTIAL, replications: 40, seed: 3 });
    expect(Math.abs(sim.serviceLevel! - exact.serviceLevel)).toBeLessThanOrEqual(WIDEN * sim.serviceLevelCI!);
    expect(Math.abs(sim.abandonShare! - exact.abandonShare)).toBeLessThanOrEqual(WIDEN * sim.abandonShareCI!);
    expect(Math.abs(sim.meanWaitSeconds! - exact.meanWaitServed)).toBeLessThanOrEqual(
      WIDEN * sim.meanWaitCI!,
    );
  });

  it('M/M/c+M matches Erlang A when overloaded (offered load 14 on 12 servers, patience 300 s)', () => {
    const lambda = 14 / 400;
    const st = {
      arrivalsPerHour: lambda * 3600,
      ahtSeconds: 400,
      serviceCv: 1,
      servers: 12,
      withinSeconds: 30,
      patienceSeconds: 300,
      hours: 60,
    };
    const exact = erlangA(lambda, 1 / 400, 1 / 300, 12, 30);
    const sim = steadyState(st, { ...EXPONENTIAL, replications: 30, seed: 8 });
    expect(Math.abs(sim.serviceLevel! - exact.serviceLevel)).toBeLessThanOrEqual(WIDEN * sim.serviceLevelCI!);
    expect(Math.abs(sim.abandonShare! - exact.abandonShare)).toBeLessThanOrEqual(WIDEN * sim.abandonShareCI!);
    expect(Math.abs(sim.meanWaitSeconds! - exact.meanWaitServed)).toBeLessThanOrEqual(
      WIDEN * sim.meanWaitCI!,
    );
  });

  // Allen–Cunneen is an approximation, not an exact result: for M/G/c with cs² ≤ 1 at ρ ≈ 0.85 its error on the mean
  // wait is typically a few per cent (Tijms 2003, *A First Course in Stochastic Models*, §5.7). We allow 10 % of the
  // approximation plus the simulation's own 95 % half-width.
  for (const family of ['lognormal', 'gamma'] as const) {
    it(`M/G/c (${family}, cv 0.5) is within 10 % of Allen–Cunneen`, () => {
      const lambda = (0.85 * 5) / 300;
      const st = {
        arrivalsPerHour: lambda * 3600,
        ahtSeconds: 300,
        serviceCv: 0.5,
        servers: 5,
        withinSeconds: 60,
        hours: 150,
      };
      const approx = allenCunneenMeanWait(lambda, 1 / 300, 5, 1, 0.25);
      const sim = steadyState(st, { replications: 30, seed: 21, serviceTime: family });
      expect(Math.abs(sim.meanWaitSeconds! - approx)).toBeLessThanOrEqual(0.1 * approx + sim.meanWaitCI!);
    });
  }

  // Cosmetatos (1976) corrects Allen–Cunneen's factor 1/2 for M/D/c to ≈ 0.515 at c = 5, ρ = 0.85.
  it('M/D/c (constant service) waits about half as long as M/M/c (Allen–Cunneen with Cosmetatos)', () => {
    const lambda = (0.85 * 5) / 300;
    const st = {
      arrivalsPerHour: lambda * 3600,
      ahtSeconds: 300,
      serviceCv: 0,
      servers: 5,
      withinSeconds: 60,
      hours: 150,
    };
    const sim = steadyState(st, { replications: 30, seed: 4 });
    const mmc = erlangC(lambda, 1 / 300, 5, 60).meanWait;
    const ratio = sim.meanWaitSeconds! / mmc;
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.6);
  });
});
