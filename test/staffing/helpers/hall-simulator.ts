import { createRng, randomExponential, randomGamma, randomPoisson } from '../../../src/random/rng.js';

/** One day (or part of one) of a single FCFS queue with a server count that changes per slot. */
export interface HallDay {
  /** Slot length, seconds. */
  readonly slotSeconds: number;
  /** Start of each slot, seconds from an arbitrary origin, ascending; a gap between slots is a closure. */
  readonly slotStarts: readonly number[];
  /** Expected walk-in arrivals per slot (Poisson, uniform within the slot). */
  readonly expectedArrivals: readonly number[];
  /** Servers per slot (integers). */
  readonly servers: readonly number[];
  readonly ahtSeconds: number;
  /** Handling-time CV: 1 = exponential, otherwise gamma with this CV (0 = deterministic). */
  readonly serviceCv: number;
  /** Mean exponential patience, seconds; Infinity = nobody abandons. */
  readonly patienceSeconds: number;
  readonly withinSeconds: number;
}

/** Per-slot totals over all replications, by the slot a customer arrived in. */
export interface HallDayResult {
  readonly arrivals: Float64Array;
  readonly calledWithin: Float64Array;
  /** Per replication and slot, for confidence intervals: [rep * slots + slot]. */
  readonly perRepArrivals: Float64Array;
  readonly perRepCalled: Float64Array;
  readonly replications: number;
}

function serviceTime(rng: ReturnType<typeof createRng>, aht: number, cv: number): number {
  if (cv === 1) return randomExponential(rng, aht);
  if (cv === 0) return aht;
  const shape = 1 / (cv * cv);
  return randomGamma(rng, shape, aht / shape);
}

/**
 * A compact seeded discrete-event simulation of the operating rules of DESIGN.md for one queue: FCFS, servers
 * per slot (a server leaving finishes its customer; new servers start idle), tickets stop at each session end and
 * the last slot's servers stay until the queue is empty. Customers are taken in arrival order; each is called by
 * the server that can start them first, so no event heap is needed for a single FCFS class.
 */
export function simulateHallDay(day: HallDay, replications: number, seed: number): HallDayResult {
  const slots = day.slotStarts.length;
  const T = day.slotSeconds;
  const sessionOf = new Int32Array(slots);
  for (let i = 1; i < slots; i++) {
    sessionOf[i] = sessionOf[i - 1] + (day.slotStarts[i] > day.slotStarts[i - 1] + T ? 1 : 0);
  }
  const sessionLast: number[] = [];
  for (let i = 0; i < slots; i++) sessionLast[sessionOf[i]] = i;
  const maxServers = Math.max(...day.servers, 1);
  const free = new Float64Array(maxServers);
  const arrivals = new Float64Array(slots);
  const calledWithin = new Float64Array(slots);
  const perRepArrivals = new Float64Array(slots * replications);
  const perRepCalled = new Float64Array(slots * replications);
  const times: number[] = [];
  const slotOf: number[] = [];

  // Earliest time ≥ t at which server s may start a customer of session `session`.
  const nextActive = (s: number, t: number, session: number): number => {
    const last = sessionLast[session];
    let i = 0;
    while (i < last && day.slotStarts[i + 1] <= t) i++;
    for (; i <= last; i++) {
      if (sessionOf[i] !== session) continue;
      const end = i === last ? Number.POSITIVE_INFINITY : day.slotStarts[i] + T;
      if (s < day.servers[i] && t < end) return Math.max(t, day.slotStarts[i]);
    }
    return Number.POSITIVE_INFINITY;
  };

  for (let r = 0; r < replications; r++) {
    const rng = createRng(seed, r);
    times.length = 0;
    slotOf.length = 0;
    for (let i = 0; i < slots; i++) {
      const k = randomPoisson(rng, day.expectedArrivals[i]);
      const start = day.slotStarts[i];
      const batch: number[] = [];
      for (let j = 0; j < k; j++) batch.push(start + rng.next() * T);
      batch.sort((x, y) => x - y);
      for (const t of batch) {
        times.push(t);
        slotOf.push(i);
      }
    }
    free.fill(Number.NEGATIVE_INFINITY);
    let lastCall = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < times.length; c++) {
      const t = times[c];
      const slot = slotOf[c];
      const session = sessionOf[slot];
      const from = Math.max(t, lastCall);
      let best = Number.POSITIVE_INFINITY;
      let who = -1;
      for (let s = 0; s < maxServers; s++) {
        const start = nextActive(s, Math.max(from, free[s]), session);
        if (start < best) {
          best = start;
          who = s;
        }
      }
      arrivals[slot]++;
      perRepArrivals[r * slots + slot]++;
      const patience =
        day.patienceSeconds === Number.POSITIVE_INFINITY
          ? Number.POSITIVE_INFINITY
          : randomExponential(rng, day.patienceSeconds);
      if (who < 0 || best - t > patience) continue;
      lastCall = best;
      free[who] = best + serviceTime(rng, day.ahtSeconds, day.serviceCv);
      if (best - t <= day.withinSeconds) {
        calledWithin[slot]++;
        perRepCalled[r * slots + slot]++;
      }
    }
  }
  return { arrivals, calledWithin, perRepArrivals, perRepCalled, replications };
}

/** Ratio estimate Σcalled / Σarrivals for one slot with its 95 % half-width (delta method over replications). */
export function slotServiceLevel(res: HallDayResult, slot: number): { sl: number; half: number } {
  const slots = res.arrivals.length;
  const n = res.replications;
  const sl = res.calledWithin[slot] / res.arrivals[slot];
  const meanA = res.arrivals[slot] / n;
  let ss = 0;
  for (let r = 0; r < n; r++) {
    const d = res.perRepCalled[r * slots + slot] - sl * res.perRepArrivals[r * slots + slot];
    ss += d * d;
  }
  const se = Math.sqrt(ss / (n - 1) / n) / meanA;
  return { sl, half: 1.96 * se };
}
