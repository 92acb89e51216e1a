import { check } from '../errors.js';
import type { Rng } from '../random/rng.js';
import { randomBinomial, randomGamma, randomNegativeBinomial, randomPoisson } from '../random/rng.js';
import { EventHeap } from './event-heap.js';
import {
  APPOINTMENT,
  SERVICE_CONSTANT,
  SERVICE_EMPIRICAL,
  SERVICE_GAMMA,
  SERVICE_LOGNORMAL,
  type SimulationModel,
  WALK_IN,
} from './prepare-simulation.js';
import { WAIT_BINS, waitBin } from './wait-histogram.js';

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
 * only service completions and walk-in abandonments enter the {@link EventHeap}; queues are linked lists threaded
 * through customer indices (abandoners are skipped lazily); idle counters sit in one list per service ordered by
 * the time they became idle, so an arrival finds the longest-idle counter in O(1). The engine is a class so that
 * every engine shares the same optimised machine code.
 *
 * Complexity per replication: O(n log q + n·m + boundaries·counters), n customers, q the largest number of pending
 * events, m the services listed on a counter.
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
const KIND_CONSTANT = SERVICE_CONSTANT;
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

class TypedArrayEngine implements SimulationEngine {
  readonly model: SimulationModel;
  private readonly S: number;
  private readonly K: number;
  private readonly C: number;
  private readonly L: number;
  private readonly cellCount: number;
  private readonly appointmentsFirst: boolean;
  private readonly dailyShape: number;
  private readonly earlySeconds: number;
  private readonly lateSeconds: number;

  // Customers (grown on demand).
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
  private n = 0;

  // Generation scratch.
  private labels = new Int32Array(256);
  private spacing = new Float64Array(257);
  private readonly dayMultiplier: Float64Array;
  private spareNormal = 0;
  private hasSpare = false;

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
  private readonly qWait: Int32Array;
  private readonly qLen: Int32Array;
  private readonly qLast: Float64Array;
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
  private readonly wasIdle: Uint8Array;
  private readonly heap: EventHeap;

  // Run state.
  private curSlot = -1;
  private qTotal = 0;
  private qTotalLast = 0;
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
    this.appointmentsFirst = model.appointmentsFirst === 1;
    const opts = model.options;
    this.dailyShape =
      opts.overDispersion === 'daily-gamma' && opts.dailyRateCv > 0
        ? 1 / (opts.dailyRateCv * opts.dailyRateCv)
        : 0;
    this.earlySeconds = opts.punctuality === null ? 0 : opts.punctuality.earlyMinutes * 60;
    this.lateSeconds = opts.punctuality === null ? 0 : opts.punctuality.lateMinutes * 60;

    const cap = Math.max(1024, Math.ceil(model.expectedCustomers * 1.5 + 64));
    this.capacity = cap;
    this.arrT = new Float64Array(cap);
    this.cSvc = new Int32Array(cap);
    this.cCh = new Uint8Array(cap);
    this.cCell = new Int32Array(cap);
    this.cPat = new Float64Array(cap);
    this.cDur = new Float64Array(cap);
    this.cNext = new Int32Array(cap);
    this.cState = new Uint8Array(cap);
    this.cCalled = new Float64Array(cap);
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
    this.qWait = new Int32Array(S * 2);
    this.qLen = new Int32Array(S);
    this.qLast = new Float64Array(S);
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
    this.wasIdle = new Uint8Array(C);
    this.heap = new EventHeap(C + 256);
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

  /** Standard normal by the polar method, keeping the second value of each pair. */
  private normal(r: Rng): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * r.next() - 1;
      v = 2 * r.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    this.hasSpare = true;
    return u * f;
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
    this.cState = new Uint8Array(cap);
    this.cCalled = new Float64Array(cap);
    this.capacity = cap;
  }

  private drawService(r: Rng, s: number): number {
    const m = this.model;
    switch (m.serviceKind[s]) {
      case KIND_LOGNORMAL:
        return Math.exp(m.serviceParamA[s] + m.serviceParamB[s] * this.normal(r));
      case KIND_GAMMA:
        return gamma(r, m.serviceParamA[s], m.serviceParamB[s]);
      case KIND_EMPIRICAL:
        return m.empiricalSeconds[m.empiricalOffset[s] + Math.floor(r.next() * m.empiricalLength[s])];
      case KIND_CONSTANT:
        return m.serviceParamA[s];
      default:
        return m.serviceParamA[s];
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
    const { S, K, L } = this;
    const {
      rowService,
      rowChannel,
      rowSlot,
      rowExpected,
      rowVariance,
      rowBooked,
      rowShowProbability,
      rowSlotStart,
    } = m;
    const { slotStart, slotDay, slotSession, sessionStart, sessionEnd } = m;
    const patienceMean = m.patienceSeconds;
    const warmup = m.warmupSeconds;
    const punctual = m.options.punctuality !== null;
    const early = this.earlySeconds;
    const spread = this.earlySeconds + this.lateSeconds;
    const dayMultiplier = this.dayMultiplier;
    this.hasSpare = false;
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
        cum -= Math.log(1 - r.next());
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
        cCell[c] = t < warmup ? -1 : (rowSlot[row] * S + s) * 2 + ch;
        const pm = patienceMean[s];
        cPat[c] = ch === WALK && pm < INF ? -pm * Math.log(1 - r.next()) : INF;
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

  /** Record a change of the queue of service s at time t: integrate its length over the current slot first. */
  private queueChange(s: number, t: number, delta: number): void {
    const qLen = this.qLen;
    const slot = this.curSlot;
    if (slot >= 0) {
      const qa = s * this.K + slot;
      this.queueArea[qa] += qLen[s] * (t - this.qLast[s]);
      this.totalQueueArea[slot] += this.qTotal * (t - this.qTotalLast);
      qLen[s] += delta;
      this.qTotal += delta;
      if (delta > 0) {
        if (qLen[s] > this.queueMax[qa]) this.queueMax[qa] = qLen[s];
        if (this.qTotal > this.totalQueueMax[slot]) this.totalQueueMax[slot] = this.qTotal;
      }
    } else {
      qLen[s] += delta;
      this.qTotal += delta;
    }
    this.qLast[s] = t;
    this.qTotalLast = t;
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

  /**
   * Counter c (open, free, its person free) calls the next customer by the priority rule — appointment queues first
   * under appointments-first, then the longest waiting among its services — and starts serving them. Returns false
   * when nobody waits for it.
   */
  private callNext(c: number, t: number): boolean {
    const { qHead, qTail, qWait, cNext, cState, arrT } = this;
    const { assignServiceStart, assignServices } = this.model;
    const appointmentsFirst = this.appointmentsFirst;
    const a = this.ctrAssign[c];
    const j0 = assignServiceStart[a];
    const j1 = assignServiceStart[a + 1];
    let best = -1;
    let bestT = INF;
    let bestQ = -1;
    const passes = appointmentsFirst ? 2 : 1;
    for (let pass = 0; pass < passes && best < 0; pass++) {
      for (let j = j0; j < j1; j++) {
        const base = assignServices[j] * 2;
        const qFrom = appointmentsFirst ? base + (pass === 0 ? APPT : WALK) : base;
        const qTo = appointmentsFirst ? qFrom + 1 : base + 2;
        for (let q = qFrom; q < qTo; q++) {
          if (qWait[q] > 0) {
            let h = qHead[q];
            while (cState[h] !== CUSTOMER_WAITING) h = cNext[h];
            qHead[q] = h;
            if (arrT[h] < bestT) {
              bestT = arrT[h];
              best = h;
              bestQ = q;
            }
          }
        }
      }
    }
    if (best < 0) return false;
    const nx = cNext[best];
    qHead[bestQ] = nx;
    if (nx < 0) qTail[bestQ] = -1;
    qWait[bestQ]--;
    this.queueChange(bestQ >> 1, t, -1);
    const w = t - bestT;
    cState[best] = CUSTOMER_SERVED;
    this.cCalled[best] = t;
    const cell = this.cCell[best];
    if (cell >= 0) {
      const cells = this.cells;
      const o = cell * CELL_FIELDS;
      cells[o + CELL_SERVED]++;
      cells[o + CELL_WAIT_SUM] += w;
      if (w <= this.model.withinSeconds[this.cSvc[best]]) cells[o + CELL_WITHIN]++;
      if (w > 0) this.waitHistogram[cell * BINS + binOf(w)]++;
      else cells[o + CELL_IMMEDIATE]++;
    }
    const p = this.ctrStaff[c];
    this.ctrBusy[c] = 1;
    this.staffBusy[p] = 1;
    this.ctrServing[c] = p;
    this.ctrBusyMark[c] = t;
    const d = this.cDur[best];
    this.counterBusySeconds[c] += d;
    this.heap.push(t + d, -1 - c);
    return true;
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

  /** Close the current slot's books at time t: queue integrals and counter busy time. */
  private flush(t: number): void {
    for (let s = 0; s < this.S; s++) this.queueChange(s, t, 0);
    const slot = this.curSlot;
    for (let c = 0; c < this.C; c++) {
      if (this.ctrBusy[c] === 1) {
        if (slot >= 0) this.slotBusySeconds[slot] += t - this.ctrBusyMark[c];
        this.ctrBusyMark[c] = t;
      }
    }
  }

  private startSlot(k: number, t: number): void {
    const { S, K, openList, wasIdle, ctrStaff, ctrAssign, ctrIdleSince, staffCounter } = this;
    const { assignSlotStart, assignCounter, assignStaff } = this.model;
    this.flush(t);
    if (this.inOvertime) this.finishOvertime();
    this.curSlot = k;
    for (let s = 0; s < S; s++) this.queueMax[s * K + k] = this.qLen[s];
    this.totalQueueMax[k] = this.qTotal;
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
    let open = 0;
    for (let a = assignSlotStart[k]; a < assignSlotStart[k + 1]; a++) {
      const c = assignCounter[a];
      const p = assignStaff[a];
      ctrStaff[c] = p;
      ctrAssign[c] = a;
      staffCounter[p] = c;
      if (wasIdle[c] !== 1) ctrIdleSince[c] = t;
      // Insertion by idle-since keeps "idle longest first" across the boundary.
      let x = open++;
      while (x > 0 && ctrIdleSince[openList[x - 1]] > ctrIdleSince[c]) {
        openList[x] = openList[x - 1];
        x--;
      }
      openList[x] = c;
    }
    this.openCount = open;
    for (let x = 0; x < open; x++) {
      const c = openList[x];
      if (this.ctrBusy[c] === 1 || this.staffBusy[ctrStaff[c]] === 1) continue;
      if (!this.callNext(c, t)) this.link(c);
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
    this.qWait.fill(0);
    this.qLen.fill(0);
    this.qLast.fill(0);
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
    this.qTotal = 0;
    this.qTotalLast = 0;
    this.inOvertime = false;
    this.openCount = 0;
    this.cState.fill(0, 0, this.n);
    this.cCalled.fill(Number.NaN, 0, this.n);
  }

  /**
   * The event loop. Arrivals and abandonments are handled inline, completions call `callNext` for the counter and
   * for the counter its person now belongs to; slot boundaries, rare, go through `startSlot` and `stopTickets`. The
   * engine is checked customer by customer against an independent naive implementation in the tests.
   */
  run(): void {
    this.reset();
    const {
      K,
      heap,
      cells,
      qHead,
      qTail,
      qWait,
      qLen,
      qLast,
      queueArea,
      queueMax,
      totalQueueArea,
      totalQueueMax,
    } = this;
    const { idleHead, ctrStaff, ctrBusy, ctrServing, ctrBusyMark, ctrLinkedAssign, staffBusy, staffCounter } =
      this;
    const { boundaryTime, boundaryKind } = this.model;
    const arr = this.arrT;
    const svc = this.cSvc;
    const chan = this.cCh;
    const cellOf = this.cCell;
    const pat = this.cPat;
    const dur = this.cDur;
    const nextOf = this.cNext;
    const state = this.cState;
    const called = this.cCalled;
    const n = this.n;
    const nb = boundaryTime.length;
    let i = 0;
    let b = 0;
    let tA = n > 0 ? arr[0] : INF;
    let tB = nb > 0 ? boundaryTime[0] : INF;
    for (;;) {
      const tH = heap.size > 0 ? heap.topTime() : INF;
      if (tB <= tH && tB <= tA) {
        if (tB === INF) break;
        const kind = boundaryKind[b++];
        if (kind >= 0) this.startSlot(kind, tB);
        else this.stopTickets(-1 - kind, tB);
        tB = b < nb ? boundaryTime[b] : INF;
        continue;
      }
      if (tA < tH) {
        // Arrival: the longest-idle counter serving the service calls the customer at once, or they queue.
        const t = tA;
        const x = i++;
        tA = i < n ? arr[i] : INF;
        const cell = cellOf[x];
        if (cell >= 0) cells[cell * CELL_FIELDS + CELL_ARRIVALS]++;
        const s = svc[x];
        const c = idleHead[s];
        if (c >= 0) {
          this.unlink(c);
          state[x] = CUSTOMER_SERVED;
          called[x] = t;
          if (cell >= 0) {
            // Counted here, added to the histogram's zero bin once per replication (a small array stays in cache).
            const o = cell * CELL_FIELDS;
            cells[o + CELL_SERVED]++;
            cells[o + CELL_WITHIN]++;
            cells[o + CELL_IMMEDIATE]++;
          }
          const p = ctrStaff[c];
          ctrBusy[c] = 1;
          staffBusy[p] = 1;
          ctrServing[c] = p;
          ctrBusyMark[c] = t;
          this.counterBusySeconds[c] += dur[x];
          heap.push(t + dur[x], -1 - c);
          continue;
        }
        const q = s * 2 + chan[x];
        nextOf[x] = -1;
        const tail = qTail[q];
        if (tail >= 0) nextOf[tail] = x;
        else qHead[q] = x;
        qTail[q] = x;
        qWait[q]++;
        state[x] = CUSTOMER_WAITING;
        const slot = this.curSlot;
        if (slot >= 0) {
          const qa = s * K + slot;
          queueArea[qa] += qLen[s] * (t - qLast[s]);
          totalQueueArea[slot] += this.qTotal * (t - this.qTotalLast);
          if (qLen[s] + 1 > queueMax[qa]) queueMax[qa] = qLen[s] + 1;
          if (this.qTotal + 1 > totalQueueMax[slot]) totalQueueMax[slot] = this.qTotal + 1;
        }
        qLen[s]++;
        this.qTotal++;
        qLast[s] = t;
        this.qTotalLast = t;
        if (pat[x] < INF) heap.push(t + pat[x], x);
        continue;
      }
      const id = heap.pop();
      if (id >= 0) {
        // Abandonment, unless already called.
        if (state[id] !== CUSTOMER_WAITING) continue;
        state[id] = CUSTOMER_ABANDONED;
        const s = svc[id];
        qWait[s * 2 + chan[id]]--;
        this.queueChange(s, tH, -1);
        const cell = cellOf[id];
        if (cell >= 0) cells[cell * CELL_FIELDS + CELL_ABANDONED]++;
        continue;
      }
      // Completion at counter c0 by person p0; then c0, and the counter p0 now belongs to, call their next customers.
      const t = tH;
      const c0 = -1 - id;
      const p0 = ctrServing[c0];
      ctrBusy[c0] = 0;
      staffBusy[p0] = 0;
      if (this.curSlot >= 0) this.slotBusySeconds[this.curSlot] += t - ctrBusyMark[c0];
      if (this.inOvertime) this.ctrOvertimeEnd[c0] = t;
      const p = ctrStaff[c0];
      if (p >= 0 && staffBusy[p] === 0 && ctrLinkedAssign[c0] < 0 && !this.callNext(c0, t)) {
        this.ctrIdleSince[c0] = t;
        this.link(c0);
      }
      const c1 = staffCounter[p0];
      if (
        c1 >= 0 &&
        c1 !== c0 &&
        ctrBusy[c1] === 0 &&
        staffBusy[p0] === 0 &&
        ctrLinkedAssign[c1] < 0 &&
        !this.callNext(c1, t)
      ) {
        this.ctrIdleSince[c1] = t;
        this.link(c1);
      }
    }
    if (this.inOvertime) this.finishOvertime();
    for (let q = 0; q < 2 * this.S; q++) {
      for (let h = qHead[q]; h >= 0; h = nextOf[h]) {
        if (state[h] === CUSTOMER_WAITING && cellOf[h] >= 0) cells[cellOf[h] * CELL_FIELDS + CELL_UNSERVED]++;
      }
    }
    const hist = this.waitHistogram;
    for (let c = 0; c < this.cellCount; c++) hist[c * BINS] += cells[c * CELL_FIELDS + CELL_IMMEDIATE];
  }
}
