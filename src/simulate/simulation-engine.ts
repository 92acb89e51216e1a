import { check } from '../errors.js';
import type { Rng } from '../random/rng.js';
import { randomBinomial, randomGamma, randomNegativeBinomial, randomPoisson } from '../random/rng.js';
import { EventHeap } from './event-heap.js';
import {
  APPOINTMENT,
  SERVICE_EMPIRICAL,
  SERVICE_GAMMA,
  SERVICE_LOGNORMAL,
  type SimulationModel,
  WALK_IN,
} from './prepare-simulation.js';
import { WAIT_BINS, waitBin } from './wait-histogram.js';
import { zigguratExponential, zigguratNormal } from './ziggurat.js';

/** Fields of one cell (service × channel × slot) in {@link SimulationEngine.cells}: customers who arrived. */
export const CELL_ARRIVALS = 0;
/** Customers called to a counter. */
export const CELL_SERVED = 1;
/** Served customers called within the service's `withinSeconds`. */
export const CELL_WITHIN = 2;
/** Sum of waits of served customers, seconds. */
export const CELL_WAIT_SUM = 3;
/** Walk-ins who left before being called. */
export const CELL_ABANDONED = 4;
/** Customers still waiting when the horizon ends (no counter served their service again). */
export const CELL_UNSERVED = 5;
/** Customers called on arrival (wait 0). */
export const CELL_IMMEDIATE = 6;
/** Number of fields per cell. */
export const CELL_FIELDS = 7;

/** Customer states in {@link SimulationEngine.customerState}: waiting (unserved when the run ends). */
export const CUSTOMER_WAITING = 1;
/** Called to a counter. */
export const CUSTOMER_SERVED = 2;
/** Left before being called. */
export const CUSTOMER_ABANDONED = 3;

/** Customers given explicitly to {@link SimulationEngine.loadCustomers}. */
export interface CustomerTrace {
  readonly arrivalSeconds: ArrayLike<number>;
  readonly service: ArrayLike<number>;
  readonly channel?: ArrayLike<number>;
  readonly patienceSeconds?: ArrayLike<number>;
  readonly serviceSeconds: ArrayLike<number>;
}

/**
 * The hot-path simulator of one compiled model: `generate` draws one replication's customers from a seeded stream,
 * `run` plays them through the plan's counters. All state lives in typed arrays allocated once (they grow only when a
 * replication has more customers than any before); no event allocates.
 *
 * Per-replication statistics are overwritten by each `run`; `waitHistogram` pools every replication run so far.
 * Cells are indexed `(slot × services + service) × 2 + channel`, channel 0 = walk-in, 1 = appointment.
 */
export interface SimulationEngine {
  readonly model: SimulationModel;
  /** Draw the customers of one replication (arrival, service, channel, patience, service time). Returns their number. */
  generate(rng: Rng): number;
  /** Play the generated customers through the counters (deterministic). */
  run(): void;
  /**
   * Use given customers instead of random ones (trace-driven simulation): arrival times in seconds from the model
   * origin, in non-decreasing order; service indices into `model.serviceIds`; channel 0 = walk-in (default),
   * 1 = appointment; patience (default Infinity) and service seconds. Each customer is counted in the slot that
   * contains its arrival (the last slot starting at or before it). Returns the number of customers.
   */
  loadCustomers(trace: CustomerTrace): number;
  /** `generate` then `run`; returns the number of customers. */
  replicate(rng: Rng): number;
  /** Customers of the last `generate`. */
  readonly customerCount: number;
  /** Per customer, valid up to `customerCount`: arrival time, seconds from the model origin. */
  readonly arrivalSeconds: Float64Array;
  readonly customerService: Int32Array;
  readonly customerChannel: Uint8Array;
  /** Patience, seconds (Infinity = waits for ever). */
  readonly patienceSeconds: Float64Array;
  readonly serviceSeconds: Float64Array;
  /** After `run`: 2 = served, 3 = abandoned, 1 = still waiting (unserved). */
  readonly customerState: Uint8Array;
  /** After `run`: time the customer was called, seconds from origin (NaN if never). */
  readonly calledSeconds: Float64Array;
  /**
   * Per-replication counts, 7 fields per cell in this order: arrivals, served, served within `withinSeconds`, sum of
   * waits of the served (seconds), abandoned, unserved at the horizon, called on arrival.
   */
  readonly cells: Float64Array;
  /** Per replication, index service × slots + slot: time-integral of the queue length, customer·seconds. */
  readonly queueArea: Float64Array;
  /** Per replication, index service × slots + slot: the longest queue. */
  readonly queueMax: Float64Array;
  /** Per replication and slot, all services together. */
  readonly totalQueueArea: Float64Array;
  readonly totalQueueMax: Float64Array;
  /** Per replication and slot: counter-seconds spent serving. */
  readonly slotBusySeconds: Float64Array;
  /** Per replication and counter: seconds spent serving, and seconds kept open past a ticket stop. */
  readonly counterBusySeconds: Float64Array;
  readonly counterOvertimeSeconds: Float64Array;
  /** Per replication and session: time from the ticket stop to the last customer's completion, seconds. */
  readonly sessionOvertimeSeconds: Float64Array;
  /** Per replication and session: counter-seconds kept open past the ticket stop. */
  readonly sessionOvertimeCounterSeconds: Float64Array;
  /** Waits of served customers pooled over all replications run: 641 bins per cell (see {@link waitBin}). */
  readonly waitHistogram: Int32Array;
}

/**
 * Create the engine for a model (see {@link prepareSimulation}).
 *
 * Event handling: arrivals are read in time order from the generated arrays and slot boundaries from the model, so
 * only service completions (at most one per counter) enter the {@link EventHeap}. Queues are linked lists threaded
 * through customer indices; a walk-in whose patience ran out is found when a counter reaches them at the head of
 * their queue, which gives the same outcomes as an abandonment event at arrival + patience (nobody behind them is
 * called earlier or later). Idle counters sit in one list per service ordered by the time they became idle, so an
 * arrival finds the longest-idle counter in O(1). Counts, waits and queue lengths are computed after the event loop
 * from the customers' outcomes and a log of queue changes. The engine is a class so that every engine shares the
 * same optimised machine code.
 *
 * Random draws per customer: one uniform for its place among the slot's customers, ziggurat exponentials for the
 * spacing of arrival times and the patience, a ziggurat normal (lognormal) or gamma draw for the handling time.
 *
 * Complexity per replication: O(n log C + n·m + a log a + boundaries·(counters + services)), n customers, C
 * counters, m the queues a counter looks at, a the walk-ins who abandon.
 *
 * @example
 * const engine = createSimulationEngine(prepareSimulation(scenario, plan));
 * engine.replicate(createRng(1, 0)); // => number of customers simulated
 * engine.cells[1]; // served walk-ins of service 0 in slot 0 (cell 0, field 1)
 */
export function createSimulationEngine(model: SimulationModel): SimulationEngine {
  return new TypedArrayEngine(model);
}

// Imported constants and functions bound in this module: module transforms (test runners, bundlers) may turn imported
// names into property reads, which the hot loops should not pay for.
const APPT = APPOINTMENT;
const WALK = WALK_IN;
const KIND_EMPIRICAL = SERVICE_EMPIRICAL;
const KIND_GAMMA = SERVICE_GAMMA;
const KIND_LOGNORMAL = SERVICE_LOGNORMAL;
const BINS = WAIT_BINS;
const binOf = waitBin;
const gamma = randomGamma;
const poisson = randomPoisson;
const binomial = randomBinomial;
const negativeBinomial = randomNegativeBinomial;
const INF = Number.POSITIVE_INFINITY;
const standardExponential = zigguratExponential;
const standardNormal = zigguratNormal;

class TypedArrayEngine implements SimulationEngine {
  readonly model: SimulationModel;
  private readonly S: number;
  private readonly K: number;
  private readonly C: number;
  private readonly L: number;
  private readonly cellCount: number;
  private readonly dailyShape: number;
  private readonly earlySeconds: number;
  private readonly lateSeconds: number;
  /**
   * Queues a counter looks at under assignment a, in calling order: assignQueues[assignQueueStart[a] ..
   * assignQueueSplit[a]) first (appointment queues under appointments-first), then the rest up to
   * assignQueueStart[a + 1]; queue q = service × 2 + channel.
   */
  private readonly assignQueueStart: Int32Array;
  private readonly assignQueueSplit: Int32Array;
  private readonly assignQueues: Int32Array;
  /** Per demand row: the cell its customers are counted in, and their mean patience (Infinity for appointments). */
  private readonly rowCell: Int32Array;
  private readonly rowPatience: Float64Array;

  // Customers (grown on demand); queues are linked lists threaded through cNext.
  private capacity: number;
  private arrT: Float64Array;
  private cSvc: Int32Array;
  private cCh: Uint8Array;
  private cCell: Int32Array;
  private cPat: Float64Array;
  private cDur: Float64Array;
  private cNext: Int32Array;
  private cState: Uint8Array;
  private cCalled: Float64Array;
  /** Scratch of `tally`: histogram index of each served customer who waited. */
  private histIndex: Int32Array;
  private n = 0;
  /**
   * Queue changes in the order the event loop made them, at queueLogTime: a customer of service s joined (s) or
   * was called (−1 − s, that is ~s).
   */
  private queueLog: Int32Array;
  private queueLogTime: Float64Array;
  private logLength = 0;

  // Generation scratch.
  private labels = new Int32Array(256);
  private spacing = new Float64Array(257);
  private readonly dayMultiplier: Float64Array;

  // Per-replication statistics.
  readonly cells: Float64Array;
  readonly queueArea: Float64Array;
  readonly queueMax: Float64Array;
  readonly totalQueueArea: Float64Array;
  readonly totalQueueMax: Float64Array;
  readonly slotBusySeconds: Float64Array;
  readonly counterBusySeconds: Float64Array;
  readonly counterOvertimeSeconds: Float64Array;
  readonly sessionOvertimeSeconds: Float64Array;
  readonly sessionOvertimeCounterSeconds: Float64Array;
  readonly waitHistogram: Int32Array;

  // Queue and counter state.
  private readonly qHead: Int32Array;
  private readonly qTail: Int32Array;
  /** Arrival time of each queue's first customer (Infinity when empty): a counter compares queues without touching customers. */
  private readonly qHeadT: Float64Array;
  /** Arrival + patience of each queue's first customer (Infinity when empty or patient). */
  private readonly qHeadDeadline: Float64Array;
  private readonly ctrStaff: Int32Array;
  private readonly ctrAssign: Int32Array;
  private readonly ctrLinkedAssign: Int32Array;
  private readonly ctrBusy: Uint8Array;
  private readonly ctrServing: Int32Array;
  private readonly ctrIdleSince: Float64Array;
  private readonly ctrBusyMark: Float64Array;
  private readonly ctrOvertimeEnd: Float64Array;
  private readonly staffBusy: Uint8Array;
  private readonly staffCounter: Int32Array;
  private readonly idlePrev: Int32Array;
  private readonly idleNext: Int32Array;
  private readonly idleHead: Int32Array;
  private readonly idleTail: Int32Array;
  private readonly openList: Int32Array;
  /** Scratch of `startSlot`: counters opening idle since the boundary. */
  private readonly openLater: Int32Array;
  private readonly wasIdle: Uint8Array;
  /** Completions: counter c finishes at the time keyed with id c. */
  private readonly heap: EventHeap;

  // Queue statistics, replayed from the queue log after the event loop.
  private readonly qLen: Int32Array;
  private readonly qLast: Float64Array;
  /** The replication's abandoners, keyed by the time they left, id = service: the replay takes them in order. */
  private readonly leaving: EventHeap;
  private qTotal = 0;

  // Run state.
  private curSlot = -1;
  private inOvertime = false;
  private overtimeSession = 0;
  private overtimeStart = 0;
  private openCount = 0;

  constructor(model: SimulationModel) {
    this.model = model;
    const S = model.serviceIds.length;
    const K = model.slotIso.length;
    const C = model.counterIds.length;
    const P = model.staffIds.length;
    const nSessions = model.sessionStart.length;
    this.S = S;
    this.K = K;
    this.C = C;
    this.L = model.slotSeconds;
    this.cellCount = S * 2 * K;
    const opts = model.options;
    this.dailyShape =
      opts.overDispersion === 'daily-gamma' && opts.dailyRateCv > 0
        ? 1 / (opts.dailyRateCv * opts.dailyRateCv)
        : 0;
    this.earlySeconds = opts.punctuality === null ? 0 : opts.punctuality.earlyMinutes * 60;
    this.lateSeconds = opts.punctuality === null ? 0 : opts.punctuality.lateMinutes * 60;

    const { assignServiceStart, assignServices } = model;
    const A = model.assignCounter.length;
    this.assignQueueStart = new Int32Array(A + 1);
    this.assignQueueSplit = new Int32Array(A);
    this.assignQueues = new Int32Array(2 * assignServices.length);
    for (let a = 0, at = 0; a < A; a++) {
      const j0 = assignServiceStart[a];
      const j1 = assignServiceStart[a + 1];
      this.assignQueueStart[a] = at;
      if (model.appointmentsFirst === 1) {
        for (let j = j0; j < j1; j++) this.assignQueues[at++] = assignServices[j] * 2 + APPT;
        this.assignQueueSplit[a] = at;
        for (let j = j0; j < j1; j++) this.assignQueues[at++] = assignServices[j] * 2 + WALK;
      } else {
        this.assignQueueSplit[a] = at;
        for (let j = j0; j < j1; j++) {
          this.assignQueues[at++] = assignServices[j] * 2 + WALK;
          this.assignQueues[at++] = assignServices[j] * 2 + APPT;
        }
      }
      this.assignQueueStart[a + 1] = at;
    }

    const { rowService, rowChannel, rowSlot } = model;
    this.rowCell = new Int32Array(rowService.length);
    this.rowPatience = new Float64Array(rowService.length);
    for (let row = 0; row < rowService.length; row++) {
      const s = rowService[row];
      this.rowCell[row] = (rowSlot[row] * S + s) * 2 + rowChannel[row];
      this.rowPatience[row] = rowChannel[row] === WALK ? model.patienceSeconds[s] : INF;
    }

    const cap = Math.max(1024, Math.ceil(model.expectedCustomers * 1.5 + 64));
    this.capacity = cap;
    this.arrT = new Float64Array(cap);
    this.cSvc = new Int32Array(cap);
    this.cCh = new Uint8Array(cap);
    this.cCell = new Int32Array(cap);
    this.cPat = new Float64Array(cap);
    this.cDur = new Float64Array(cap);
    this.cNext = new Int32Array(cap);
    this.queueLog = new Int32Array(2 * cap);
    this.queueLogTime = new Float64Array(2 * cap);
    this.cState = new Uint8Array(cap);
    this.cCalled = new Float64Array(cap);
    this.histIndex = new Int32Array(cap);
    this.dayMultiplier = new Float64Array(model.dayCount).fill(1);

    this.cells = new Float64Array(this.cellCount * CELL_FIELDS);
    this.queueArea = new Float64Array(S * K);
    this.queueMax = new Float64Array(S * K);
    this.totalQueueArea = new Float64Array(K);
    this.totalQueueMax = new Float64Array(K);
    this.slotBusySeconds = new Float64Array(K);
    this.counterBusySeconds = new Float64Array(C);
    this.counterOvertimeSeconds = new Float64Array(C);
    this.sessionOvertimeSeconds = new Float64Array(nSessions);
    this.sessionOvertimeCounterSeconds = new Float64Array(nSessions);
    this.waitHistogram = new Int32Array(this.cellCount * BINS);

    this.qHead = new Int32Array(S * 2);
    this.qTail = new Int32Array(S * 2);
    this.qHeadT = new Float64Array(S * 2);
    this.qHeadDeadline = new Float64Array(S * 2);
    this.ctrStaff = new Int32Array(C);
    this.ctrAssign = new Int32Array(C);
    this.ctrLinkedAssign = new Int32Array(C);
    this.ctrBusy = new Uint8Array(C);
    this.ctrServing = new Int32Array(C);
    this.ctrIdleSince = new Float64Array(C);
    this.ctrBusyMark = new Float64Array(C);
    this.ctrOvertimeEnd = new Float64Array(C);
    this.staffBusy = new Uint8Array(P);
    this.staffCounter = new Int32Array(P);
    this.idlePrev = new Int32Array(C * S);
    this.idleNext = new Int32Array(C * S);
    this.idleHead = new Int32Array(S);
    this.idleTail = new Int32Array(S);
    this.openList = new Int32Array(C);
    this.openLater = new Int32Array(C);
    this.wasIdle = new Uint8Array(C);
    this.heap = new EventHeap(C + 1);
    this.qLen = new Int32Array(S);
    this.qLast = new Float64Array(S);
    this.leaving = new EventHeap(256);
  }

  get customerCount(): number {
    return this.n;
  }
  get arrivalSeconds(): Float64Array {
    return this.arrT;
  }
  get customerService(): Int32Array {
    return this.cSvc;
  }
  get customerChannel(): Uint8Array {
    return this.cCh;
  }
  get patienceSeconds(): Float64Array {
    return this.cPat;
  }
  get serviceSeconds(): Float64Array {
    return this.cDur;
  }
  get customerState(): Uint8Array {
    return this.cState;
  }
  get calledSeconds(): Float64Array {
    return this.cCalled;
  }

  replicate(r: Rng): number {
    const count = this.generate(r);
    this.run();
    return count;
  }

  private grow(need: number): void {
    let cap = this.capacity;
    while (cap < need) cap *= 2;
    const n = this.n;
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    const g8 = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    this.arrT = g64(this.arrT);
    this.cSvc = g32(this.cSvc);
    this.cCh = g8(this.cCh);
    this.cCell = g32(this.cCell);
    this.cPat = g64(this.cPat);
    this.cDur = g64(this.cDur);
    this.cNext = new Int32Array(cap);
    this.queueLog = new Int32Array(2 * cap);
    this.queueLogTime = new Float64Array(2 * cap);
    this.cState = new Uint8Array(cap);
    this.cCalled = new Float64Array(cap);
    this.histIndex = new Int32Array(cap);
    this.capacity = cap;
  }

  /** A handling time of service s, seconds. Small, so that `generate` inlines the common lognormal case. */
  private drawService(r: Rng, s: number): number {
    const m = this.model;
    if (m.serviceKind[s] === KIND_LOGNORMAL)
      return Math.exp(m.serviceParamA[s] + m.serviceParamB[s] * standardNormal(r));
    return this.drawOtherService(r, s);
  }

  private drawOtherService(r: Rng, s: number): number {
    const m = this.model;
    switch (m.serviceKind[s]) {
      case KIND_GAMMA:
        return gamma(r, m.serviceParamA[s], m.serviceParamB[s]);
      case KIND_EMPIRICAL:
        return m.empiricalSeconds[m.empiricalOffset[s] + Math.floor(r.next() * m.empiricalLength[s])];
      default:
        return m.serviceParamA[s]; // SERVICE_CONSTANT
    }
  }

  private sortByArrival(): void {
    const n = this.n;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const t = this.arrT;
    idx.sort((a, b) => t[a] - t[b] || a - b);
    const permute = (a: Float64Array | Int32Array | Uint8Array) => {
      const tmp = a.slice(0, n);
      for (let i = 0; i < n; i++) a[i] = tmp[idx[i]];
    };
    permute(this.arrT);
    permute(this.cSvc);
    permute(this.cCh);
    permute(this.cCell);
    permute(this.cPat);
    permute(this.cDur);
  }

  generate(r: Rng): number {
    const m = this.model;
    const { K, L, rowCell, rowPatience } = this;
    const { rowService, rowChannel, rowExpected, rowVariance, rowBooked, rowShowProbability, rowSlotStart } =
      m;
    const { slotStart, slotDay, slotSession, sessionStart, sessionEnd } = m;
    const warmup = m.warmupSeconds;
    const punctual = m.options.punctuality !== null;
    const early = this.earlySeconds;
    const spread = this.earlySeconds + this.lateSeconds;
    const dayMultiplier = this.dayMultiplier;
    this.n = 0;
    if (this.dailyShape > 0) {
      for (let d = 0; d < dayMultiplier.length; d++)
        dayMultiplier[d] = gamma(r, this.dailyShape, 1 / this.dailyShape);
    }
    for (let k = 0; k < K; k++) {
      const r0 = rowSlotStart[k];
      const r1 = rowSlotStart[k + 1];
      if (r0 === r1) continue;
      let total = 0;
      for (let row = r0; row < r1; row++) {
        let count: number;
        const booked = rowBooked[row];
        if (!Number.isNaN(booked)) {
          count = binomial(r, booked, rowShowProbability[row]);
        } else {
          const mean =
            rowChannel[row] === WALK ? rowExpected[row] * dayMultiplier[slotDay[k]] : rowExpected[row];
          const variance = rowVariance[row];
          count = Number.isNaN(variance) ? poisson(r, mean) : negativeBinomial(r, mean, variance);
        }
        if (total + count > this.labels.length) {
          let len = this.labels.length;
          while (len < total + count) len *= 2;
          const next = new Int32Array(len);
          next.set(this.labels.subarray(0, total));
          this.labels = next;
          this.spacing = new Float64Array(len + 1);
        }
        const labels = this.labels;
        for (let j = 0; j < count; j++) labels[total + j] = row;
        total += count;
      }
      if (total === 0) continue;
      if (this.n + total > this.capacity) this.grow(this.n + total);
      const labels = this.labels;
      const spacing = this.spacing;
      // Random order of the rows' customers, then sorted uniform times by exponential spacings.
      for (let i = r1 - r0 > 1 ? total - 1 : 0; i > 0; i--) {
        const j = Math.floor(r.next() * (i + 1));
        const tmp = labels[i];
        labels[i] = labels[j];
        labels[j] = tmp;
      }
      let cum = 0;
      for (let i = 0; i <= total; i++) {
        cum += standardExponential(r);
        spacing[i] = cum;
      }
      const t0 = slotStart[k];
      const scale = L / cum;
      const session = slotSession[k];
      const arrT = this.arrT;
      const cSvc = this.cSvc;
      const cCh = this.cCh;
      const cCell = this.cCell;
      const cPat = this.cPat;
      const cDur = this.cDur;
      for (let i = 0; i < total; i++) {
        const row = labels[i];
        const s = rowService[row];
        const ch = rowChannel[row];
        let t = t0 + spacing[i] * scale;
        if (ch === APPT && punctual) {
          t += r.next() * spread - early;
          t = Math.max(sessionStart[session], Math.min(t, sessionEnd[session] - 1e-6));
        }
        const c = this.n++;
        arrT[c] = t;
        cSvc[c] = s;
        cCh[c] = ch;
        cCell[c] = t < warmup ? -1 : rowCell[row];
        const pm = rowPatience[row];
        cPat[c] = pm < INF ? pm * standardExponential(r) : INF;
        cDur[c] = this.drawService(r, s);
      }
    }
    if (punctual && this.n > 1) this.sortByArrival();
    return this.n;
  }

  loadCustomers(trace: CustomerTrace): number {
    const { S, K } = this;
    const slotStart = this.model.slotStart;
    const warmup = this.model.warmupSeconds;
    const count = trace.arrivalSeconds.length;
    const fn = 'SimulationEngine.loadCustomers';
    for (const key of ['service', 'channel', 'patienceSeconds', 'serviceSeconds'] as const) {
      const a = trace[key];
      check(a === undefined || a.length === count, fn, `${key} must have one value per arrival`, a?.length);
    }
    this.n = 0;
    if (count > this.capacity) this.grow(count);
    let k = 0;
    for (let i = 0; i < count; i++) {
      const t = trace.arrivalSeconds[i];
      check(
        Number.isFinite(t) && (i === 0 || t >= this.arrT[i - 1]),
        fn,
        'arrivalSeconds must be finite and non-decreasing',
        t,
      );
      const s = trace.service[i];
      check(Number.isInteger(s) && s >= 0 && s < S, fn, `service must be an index below ${S}`, s);
      const ch = trace.channel === undefined ? WALK : trace.channel[i];
      check(ch === WALK || ch === APPT, fn, 'channel must be 0 (walk-in) or 1 (appointment)', ch);
      const pat = trace.patienceSeconds === undefined ? INF : trace.patienceSeconds[i];
      const dur = trace.serviceSeconds[i];
      check(
        pat > 0 && dur >= 0 && Number.isFinite(dur),
        fn,
        'patience must be > 0 and service seconds finite ≥ 0',
        [pat, dur],
      );
      while (k + 1 < K && slotStart[k + 1] <= t) k++;
      this.arrT[i] = t;
      this.cSvc[i] = s;
      this.cCh[i] = ch;
      this.cCell[i] = t < warmup ? -1 : (k * S + s) * 2 + ch;
      this.cPat[i] = pat;
      this.cDur[i] = dur;
      this.n = i + 1;
    }
    return this.n;
  }

  /** Append counter c to the idle list of each service it serves. */
  private link(c: number): void {
    const { S, idlePrev, idleNext, idleHead, idleTail } = this;
    const { assignServiceStart, assignServices } = this.model;
    const a = this.ctrAssign[c];
    this.ctrLinkedAssign[c] = a;
    for (let j = assignServiceStart[a], j1 = assignServiceStart[a + 1]; j < j1; j++) {
      const s = assignServices[j];
      const node = c * S + s;
      const prev = idleTail[s];
      idlePrev[node] = prev;
      idleNext[node] = -1;
      if (prev >= 0) idleNext[prev * S + s] = c;
      else idleHead[s] = c;
      idleTail[s] = c;
    }
  }

  /** Remove counter c from the idle lists it was linked into. */
  private unlink(c: number): void {
    const { S, idlePrev, idleNext, idleHead, idleTail } = this;
    const { assignServiceStart, assignServices } = this.model;
    const a = this.ctrLinkedAssign[c];
    this.ctrLinkedAssign[c] = -1;
    for (let j = assignServiceStart[a], j1 = assignServiceStart[a + 1]; j < j1; j++) {
      const s = assignServices[j];
      const node = c * S + s;
      const p = idlePrev[node];
      const x = idleNext[node];
      if (p >= 0) idleNext[p * S + s] = x;
      else idleHead[s] = x;
      if (x >= 0) idlePrev[x * S + s] = p;
      else idleTail[s] = p;
    }
  }

  /** Remove the first customer of queue q (not empty) and return them. */
  private popHead(q: number): number {
    const x = this.qHead[q];
    const nx = this.cNext[x];
    this.qHead[q] = nx;
    if (nx >= 0) {
      this.qHeadT[q] = this.arrT[nx];
      this.qHeadDeadline[q] = this.arrT[nx] + this.cPat[nx];
    } else {
      this.qTail[q] = -1;
      this.qHeadT[q] = INF;
      this.qHeadDeadline[q] = INF;
    }
    return x;
  }

  /**
   * Take the customer counter c calls at time t by the priority rule out of their queue: the longest waiting among
   * the first group of its queues (appointment holders under appointments-first), else among the rest. Returns -1
   * when nobody waits for the counter.
   */
  private next(c: number, t: number): number {
    const a = this.ctrAssign[c];
    let q = this.earliestHead(this.assignQueueStart[a], this.assignQueueSplit[a], t);
    if (q < 0) q = this.earliestHead(this.assignQueueSplit[a], this.assignQueueStart[a + 1], t);
    if (q < 0) return -1;
    this.log(~(q >> 1), t);
    return this.popHead(q);
  }

  /**
   * The queue among assignQueues[from .. to) whose first customer arrived earliest (the first such queue on equal
   * times), or -1 if all are empty. Walk-ins whose patience ran out before t are found here, at the head of their
   * queue, and leave.
   */
  private earliestHead(from: number, to: number, t: number): number {
    const { assignQueues, qHeadT, qHeadDeadline } = this;
    let best = -1;
    let bestT = INF;
    for (let j = from; j < to; j++) {
      const q = assignQueues[j];
      while (qHeadDeadline[q] < t) this.leave(this.popHead(q));
      if (qHeadT[q] < bestT) {
        bestT = qHeadT[q];
        best = q;
      }
    }
    return best;
  }

  /** Walk-in x, waiting, has left at arrival + patience (found out now or at the end of the run). */
  private leave(x: number): void {
    this.cState[x] = CUSTOMER_ABANDONED;
    this.leaving.push(this.arrT[x] + this.cPat[x], this.cSvc[x]);
  }

  /** Append a queue change at time t to the queue log. */
  private log(entry: number, t: number): void {
    this.queueLog[this.logLength] = entry;
    this.queueLogTime[this.logLength++] = t;
  }

  /** Counter c starts serving customer x at time t; returns the completion time. */
  private start(c: number, x: number, t: number): number {
    const p = this.ctrStaff[c];
    this.cState[x] = CUSTOMER_SERVED;
    this.cCalled[x] = t;
    this.ctrBusy[c] = 1;
    this.staffBusy[p] = 1;
    this.ctrServing[c] = p;
    this.ctrBusyMark[c] = t;
    const d = this.cDur[x];
    this.counterBusySeconds[c] += d;
    return t + d;
  }

  /** Counter c (open, free, its person free) calls its next customer at time t, or becomes idle since `idleSince`. */
  private activate(c: number, t: number, idleSince: number): void {
    const x = this.next(c, t);
    if (x >= 0) {
      this.heap.push(this.start(c, x, t), c);
    } else {
      this.ctrIdleSince[c] = idleSince;
      this.link(c);
    }
  }

  /** Customer x arrives at time t: the longest-idle counter serving their service calls them at once, or they queue. */
  private arrive(x: number, t: number): void {
    const c = this.idleHead[this.cSvc[x]];
    if (c >= 0) {
      this.unlink(c);
      this.heap.push(this.start(c, x, t), c);
    } else {
      this.enqueue(x, t);
    }
  }

  /** Customer x joins the back of their queue at time t. */
  private enqueue(x: number, t: number): void {
    const q = this.cSvc[x] * 2 + this.cCh[x];
    const tail = this.qTail[q];
    this.cNext[x] = -1;
    if (tail >= 0) this.cNext[tail] = x;
    else {
      this.qHead[q] = x;
      this.qHeadT[q] = t;
      this.qHeadDeadline[q] = t + this.cPat[x];
    }
    this.qTail[q] = x;
    this.cState[x] = CUSTOMER_WAITING;
    this.log(this.cSvc[x], t);
  }

  /**
   * The completion at the top of the heap, at time t, at counter c0: c0 calls its next customer if its (possibly
   * new) person is free, and the counter its former person now belongs to calls too.
   */
  private complete(c0: number, t: number): void {
    const { ctrBusy, staffBusy, heap } = this;
    const p0 = this.ctrServing[c0];
    ctrBusy[c0] = 0;
    staffBusy[p0] = 0;
    if (this.curSlot >= 0) this.slotBusySeconds[this.curSlot] += t - this.ctrBusyMark[c0];
    if (this.inOvertime) this.ctrOvertimeEnd[c0] = t;
    // As activate, but the completion handled is still the heap's top: the next one replaces it in one pass.
    const p = this.ctrStaff[c0];
    const x = p >= 0 && staffBusy[p] === 0 ? this.next(c0, t) : -1;
    if (x >= 0) {
      heap.replaceTop(this.start(c0, x, t), c0);
    } else {
      heap.pop();
      if (p >= 0 && staffBusy[p] === 0) {
        this.ctrIdleSince[c0] = t;
        this.link(c0);
      }
    }
    const c1 = this.staffCounter[p0];
    if (c1 >= 0 && c1 !== c0 && ctrBusy[c1] === 0 && staffBusy[p0] === 0 && this.ctrLinkedAssign[c1] < 0) {
      this.activate(c1, t, t);
    }
  }

  private finishOvertime(): void {
    let longest = 0;
    let total = 0;
    for (let c = 0; c < this.C; c++) {
      const extra = this.ctrOvertimeEnd[c] - this.overtimeStart;
      if (extra > 0) {
        this.counterOvertimeSeconds[c] += extra;
        total += extra;
        if (extra > longest) longest = extra;
      }
      this.ctrOvertimeEnd[c] = 0;
    }
    this.sessionOvertimeSeconds[this.overtimeSession] = longest;
    this.sessionOvertimeCounterSeconds[this.overtimeSession] = total;
    this.inOvertime = false;
  }

  /** Close the current slot's books at time t: counter-seconds spent serving. */
  private flush(t: number): void {
    const slot = this.curSlot;
    for (let c = 0; c < this.C; c++) {
      if (this.ctrBusy[c] === 1) {
        if (slot >= 0) this.slotBusySeconds[slot] += t - this.ctrBusyMark[c];
        this.ctrBusyMark[c] = t;
      }
    }
  }

  private startSlot(k: number, t: number): void {
    const { openList, openLater, wasIdle, ctrStaff, ctrAssign, ctrIdleSince, staffCounter } = this;
    const { assignSlotStart, assignCounter, assignStaff } = this.model;
    this.flush(t);
    if (this.inOvertime) this.finishOvertime();
    this.curSlot = k;
    // Close the previous slot's counters (remembering which were idle), then open this slot's.
    for (let x = 0; x < this.openCount; x++) {
      const c = openList[x];
      wasIdle[c] = this.ctrLinkedAssign[c] >= 0 ? 1 : 0;
      if (wasIdle[c] === 1) this.unlink(c);
      const p = ctrStaff[c];
      if (p >= 0 && staffCounter[p] === c) staffCounter[p] = -1;
      ctrStaff[c] = -1;
      ctrAssign[c] = -1;
    }
    // Open counters in order of idle-since, ties in plan order, so that "idle longest first" holds across the
    // boundary: those idle from before t (few) by insertion, then the others (idle since t) as they come.
    let open = 0;
    let later = 0;
    for (let a = assignSlotStart[k]; a < assignSlotStart[k + 1]; a++) {
      const c = assignCounter[a];
      const p = assignStaff[a];
      ctrStaff[c] = p;
      ctrAssign[c] = a;
      staffCounter[p] = c;
      if (wasIdle[c] !== 1) ctrIdleSince[c] = t;
      if (ctrIdleSince[c] < t) {
        let x = open++;
        while (x > 0 && ctrIdleSince[openList[x - 1]] > ctrIdleSince[c]) {
          openList[x] = openList[x - 1];
          x--;
        }
        openList[x] = c;
      } else {
        openLater[later++] = c;
      }
    }
    for (let x = 0; x < later; x++) openList[open++] = openLater[x];
    this.openCount = open;
    for (let x = 0; x < open; x++) {
      const c = openList[x];
      if (this.ctrBusy[c] === 0 && this.staffBusy[ctrStaff[c]] === 0) this.activate(c, t, ctrIdleSince[c]);
    }
    wasIdle.fill(0);
  }

  private stopTickets(session: number, t: number): void {
    this.flush(t);
    this.curSlot = -1;
    this.inOvertime = true;
    this.overtimeSession = session;
    this.overtimeStart = t;
  }

  private reset(): void {
    this.cells.fill(0);
    this.queueArea.fill(0);
    this.queueMax.fill(0);
    this.totalQueueArea.fill(0);
    this.totalQueueMax.fill(0);
    this.slotBusySeconds.fill(0);
    this.counterBusySeconds.fill(0);
    this.counterOvertimeSeconds.fill(0);
    this.sessionOvertimeSeconds.fill(0);
    this.sessionOvertimeCounterSeconds.fill(0);
    this.qHead.fill(-1);
    this.qTail.fill(-1);
    this.qHeadT.fill(INF);
    this.qHeadDeadline.fill(INF);
    this.ctrStaff.fill(-1);
    this.ctrAssign.fill(-1);
    this.ctrLinkedAssign.fill(-1);
    this.ctrBusy.fill(0);
    this.ctrOvertimeEnd.fill(0);
    this.ctrIdleSince.fill(0);
    this.staffBusy.fill(0);
    this.staffCounter.fill(-1);
    this.idleHead.fill(-1);
    this.idleTail.fill(-1);
    this.wasIdle.fill(0);
    this.heap.clear();
    this.curSlot = -1;
    this.inOvertime = false;
    this.openCount = 0;
    this.logLength = 0;
    this.leaving.clear();
    this.cState.fill(0, 0, this.n);
    this.cCalled.fill(Number.NaN, 0, this.n);
  }

  /**
   * The event loop. Arrivals come in time order from the customer arrays and boundaries from the model; the heap
   * holds only completions. The loop moves customers and logs queue changes; abandonments are found when a counter
   * reaches the abandoner, and counts, waits and queue statistics are computed from the outcomes afterwards. The
   * engine is checked customer by customer against an independent naive implementation in the tests.
   */
  run(): void {
    this.reset();
    const { heap } = this;
    const { boundaryTime, boundaryKind } = this.model;
    const arr = this.arrT;
    const n = this.n;
    const nb = boundaryTime.length;
    let i = 0;
    let b = 0;
    let tA = n > 0 ? arr[0] : INF;
    let tB = nb > 0 ? boundaryTime[0] : INF;
    for (;;) {
      const tH = heap.topTime();
      if (tB <= tH && tB <= tA) {
        if (tB === INF) break;
        const kind = boundaryKind[b++];
        if (kind >= 0) this.startSlot(kind, tB);
        else this.stopTickets(-1 - kind, tB);
        tB = b < nb ? boundaryTime[b] : INF;
      } else if (tA < tH) {
        this.arrive(i++, tA);
        tA = i < n ? arr[i] : INF;
      } else {
        this.complete(heap.topId(), tH);
      }
    }
    if (this.inOvertime) this.finishOvertime();
    this.tally();
    this.replayQueues();
  }

  /**
   * Per-replication counts from the customers' outcomes, in one pass after the event loop: cells and the wait
   * histogram. Walk-ins still waiting at the end leave when their patience runs out, as if the hall stayed open.
   */
  private tally(): void {
    const { cells, waitHistogram } = this;
    const { withinSeconds } = this.model;
    const arr = this.arrT;
    const svc = this.cSvc;
    const cellOf = this.cCell;
    const state = this.cState;
    const called = this.cCalled;
    const pat = this.cPat;
    const histIndex = this.histIndex;
    let waited = 0;
    for (let x = 0; x < this.n; x++) {
      if (state[x] === CUSTOMER_WAITING && pat[x] < INF) this.leave(x);
      const st = state[x];
      const cell = cellOf[x];
      if (cell < 0) continue;
      const o = cell * CELL_FIELDS;
      cells[o + CELL_ARRIVALS]++;
      if (st === CUSTOMER_SERVED) {
        const w = called[x] - arr[x];
        cells[o + CELL_SERVED]++;
        cells[o + CELL_WAIT_SUM] += w;
        if (w <= withinSeconds[svc[x]]) cells[o + CELL_WITHIN]++;
        if (w > 0) histIndex[waited++] = cell * BINS + binOf(w);
        else cells[o + CELL_IMMEDIATE]++;
      } else if (st === CUSTOMER_ABANDONED) cells[o + CELL_ABANDONED]++;
      else cells[o + CELL_UNSERVED]++;
    }
    // A separate tight loop: the scattered increments overlap their cache misses. Waits of 0 go to bin 0 once per
    // replication rather than once per customer.
    for (let i = 0; i < waited; i++) waitHistogram[histIndex[i]]++;
    for (let c = 0; c < this.cellCount; c++)
      waitHistogram[c * BINS] += cells[c * CELL_FIELDS + CELL_IMMEDIATE];
  }

  /**
   * Record a change of the queue of service s at time t: integrate its length over the current slot first. The
   * maxima are updated whatever the sign of the change (a decrease never raises them): no unpredictable branch.
   */
  private queueChange(s: number, t: number, delta: number): void {
    const { qLen, queueMax, totalQueueMax } = this;
    const slot = this.curSlot;
    const len = qLen[s] + delta;
    const total = this.qTotal + delta;
    if (slot >= 0) {
      const qa = s * this.K + slot;
      this.queueArea[qa] += qLen[s] * (t - this.qLast[s]);
      queueMax[qa] = Math.max(queueMax[qa], len);
      totalQueueMax[slot] = Math.max(totalQueueMax[slot], total);
    }
    qLen[s] = len;
    this.qTotal = total;
    this.qLast[s] = t;
  }

  /**
   * Queue length per service and for the hall, replayed from the queue log, the abandonments (collected in a heap
   * by the time they happened) and the boundaries: its integral and maximum per slot. At equal times boundaries
   * come first and departures before arrivals, as in the event loop.
   */
  private replayQueues(): void {
    const {
      S,
      K,
      qLen,
      queueArea,
      queueMax,
      totalQueueArea,
      totalQueueMax,
      queueLog,
      queueLogTime,
      leaving,
    } = this;
    const { boundaryTime, boundaryKind } = this.model;
    const m = this.logLength;
    const nb = boundaryTime.length;
    qLen.fill(0);
    this.qLast.fill(0);
    this.qTotal = 0;
    this.curSlot = -1;
    let i = 0;
    let tQ = m > 0 ? queueLogTime[0] : INF;
    // Nothing is recorded after the last boundary (a ticket stop).
    for (let b = 0; b < nb; ) {
      const tB = boundaryTime[b];
      const tL = leaving.topTime();
      if (tB <= tL && tB <= tQ) {
        for (let s = 0; s < S; s++) this.queueChange(s, tB, 0);
        const k = boundaryKind[b++];
        this.curSlot = k >= 0 ? k : -1;
        if (k >= 0) {
          for (let s = 0; s < S; s++) queueMax[s * K + k] = qLen[s];
          totalQueueMax[k] = this.qTotal;
        }
      } else if (tL <= tQ) {
        this.queueChange(leaving.pop(), tL, -1);
      } else {
        // Entry s (joined) or ~s (called): service e ^ (e >> 31), change 1 or −1, without a branch.
        const e = queueLog[i++];
        this.queueChange(e ^ (e >> 31), tQ, 2 * (e >> 31) + 1);
        tQ = i < m ? queueLogTime[i] : INF;
      }
    }
    for (let s = 0; s < S; s++) for (let k = 0; k < K; k++) totalQueueArea[k] += queueArea[s * K + k];
  }
}
