import { type Rng, randomExponential, randomLognormal } from '../random/index.js';

const HOUR_MS = 3_600_000;

/** One opening session of one service's queue. */
export interface SessionQueue {
  /** Epoch ms the session opens and stops issuing tickets. */
  readonly start: number;
  readonly end: number;
  /** Epoch ms of the local clock hour holding `start`; `servers[h]` staff the hour starting `hourZero + h` hours. */
  readonly hourZero: number;
  /** Counters staffed per clock hour of the session (at least one); the last hour's stay until the queue is empty. */
  readonly servers: readonly number[];
  /** Arrivals, ascending, epoch ms. */
  readonly arrivals: Float64Array;
  /** 1 for an appointment holder (called first, never leaves), 0 for a walk-in. */
  readonly appointment: Uint8Array;
  /** Mean handling time, ms, per arrival (hour effects applied). */
  readonly meanServiceMs: Float64Array;
  readonly serviceCv: number;
  /** Mean walk-in patience, ms. */
  readonly patienceMs: number;
  /** Speed factor (multiplies handling time) of whoever staffs counter `k`. */
  readonly speed: (k: number) => number;
}

/** What became of each arrival: called and completed times (NaN when abandoned) and the counter index. */
export interface SessionOutcome {
  readonly calledAt: Float64Array;
  readonly completedAt: Float64Array;
  readonly counter: Int32Array;
  readonly abandoned: Uint8Array;
}

/**
 * A multi-counter queue for one service and session, as DESIGN.md operates a plan: appointment holders are called
 * before walk-ins, the longest waiting first within a class; an arrival finding idle counters goes to the one idle
 * longest; a walk-in whose wait exceeds an exponential patience leaves; tickets stop at the session's end and the
 * counters of its last hour serve everyone already holding one. Staffing changes on clock hours; a counter going
 * off duty finishes its customer first.
 */
export function simulateSession(q: SessionQueue, rng: Rng): SessionOutcome {
  const n = q.arrivals.length;
  const calledAt = new Float64Array(n).fill(Number.NaN);
  const completedAt = new Float64Array(n).fill(Number.NaN);
  const counter = new Int32Array(n).fill(-1);
  const abandoned = new Uint8Array(n);
  const hours = q.servers.length;
  const last = q.servers[hours - 1];
  let maxServers = 0;
  for (const c of q.servers) maxServers = Math.max(maxServers, c);
  const freeAt = new Float64Array(maxServers).fill(q.start);

  const onDutyFrom = (k: number, t: number): number => {
    if (t >= q.end) return k < last ? t : Number.POSITIVE_INFINITY;
    for (let h = Math.max(0, Math.floor((t - q.hourZero) / HOUR_MS)); h < hours; h++) {
      const hourStart = q.hourZero + h * HOUR_MS;
      if (hourStart >= q.end) break;
      if (k < q.servers[h]) return Math.max(t, hourStart);
    }
    return Number.POSITIVE_INFINITY;
  };

  const patience = new Float64Array(n);
  for (let i = 0; i < n; i++)
    patience[i] = q.appointment[i] ? Number.POSITIVE_INFINITY : randomExponential(rng, q.patienceMs);
  const apptQ = new Int32Array(n);
  const walkQ = new Int32Array(n);
  let apptHead = 0;
  let apptTail = 0;
  let walkHead = 0;
  let walkTail = 0;
  let next = 0;
  let clock = q.start;
  while (next < n || apptHead < apptTail || walkHead < walkTail) {
    let best = -1;
    let t = Number.POSITIVE_INFINITY;
    for (let k = 0; k < maxServers; k++) {
      const a = onDutyFrom(k, Math.max(freeAt[k], clock));
      if (a < t) {
        t = a;
        best = k;
      }
    }
    while (next < n && q.arrivals[next] <= t) {
      if (q.appointment[next]) apptQ[apptTail++] = next;
      else walkQ[walkTail++] = next;
      next++;
    }
    if (apptHead === apptTail && walkHead === walkTail) {
      clock = q.arrivals[next];
      continue;
    }
    let i: number;
    if (apptHead < apptTail) i = apptQ[apptHead++];
    else {
      i = walkQ[walkHead++];
      if (t - q.arrivals[i] > patience[i]) {
        abandoned[i] = 1;
        continue;
      }
    }
    const duration = Math.max(20_000, randomLognormal(rng, q.meanServiceMs[i], q.serviceCv)) * q.speed(best);
    calledAt[i] = t;
    completedAt[i] = t + Math.min(duration, 6 * q.meanServiceMs[i]);
    counter[i] = best;
    freeAt[best] = completedAt[i];
  }
  return { calledAt, completedAt, counter, abandoned };
}
