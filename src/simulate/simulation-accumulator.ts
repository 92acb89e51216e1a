import { formatIsoInZone } from '../time/zoned.js';
import { type Estimate, meanEstimate, ratioEstimate } from './confidence.js';
import type { SimulationModel } from './prepare-simulation.js';
import {
  CELL_ABANDONED,
  CELL_ARRIVALS,
  CELL_FIELDS,
  CELL_SERVED,
  CELL_UNSERVED,
  CELL_WAIT_SUM,
  CELL_WITHIN,
  type SimulationEngine,
} from './simulation-engine.js';
import type {
  ChannelOutcome,
  CounterOutcome,
  ExpectedComparison,
  HallSlot,
  OutcomeSummary,
  ServiceOutcome,
  SessionOvertime,
  SimulationResult,
  SlotOutcome,
} from './simulation-result.js';
import { WAIT_BINS, waitQuantile } from './wait-histogram.js';

// Sums kept per group across replications.
const A = 0; // Σ arrivals
const AA = 1;
const SV = 2; // Σ served
const SVSV = 3;
const W = 4; // Σ within
const WW = 5;
const WA = 6;
const AB = 7; // Σ abandoned
const ABAB = 8;
const ABA = 9;
const WS = 10; // Σ wait sum
const WSWS = 11;
const WSSV = 12;
const UN = 13; // Σ unserved
const G = 14;

function fold(sums: Float64Array, g: number, cells: Float64Array, c: number): void {
  const o = g * G;
  const arr = cells[c + CELL_ARRIVALS];
  const sv = cells[c + CELL_SERVED];
  const wi = cells[c + CELL_WITHIN];
  const ab = cells[c + CELL_ABANDONED];
  const ws = cells[c + CELL_WAIT_SUM];
  sums[o + A] += arr;
  sums[o + AA] += arr * arr;
  sums[o + SV] += sv;
  sums[o + SVSV] += sv * sv;
  sums[o + W] += wi;
  sums[o + WW] += wi * wi;
  sums[o + WA] += wi * arr;
  sums[o + AB] += ab;
  sums[o + ABAB] += ab * ab;
  sums[o + ABA] += ab * arr;
  sums[o + WS] += ws;
  sums[o + WSWS] += ws * ws;
  sums[o + WSSV] += ws * sv;
  sums[o + UN] += cells[c + CELL_UNSERVED];
}

/** Add the WAIT_BINS bins of `from` starting at `offset` into `into`. */
function addBins(into: Float64Array, from: ArrayLike<number>, offset: number): void {
  for (let b = 0; b < WAIT_BINS; b++) into[b] += from[offset + b];
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const roundOrNull = (x: number | null, digits: number): number | null =>
  x === null ? null : round(x, digits);

/**
 * Collects each replication's statistics from a {@link SimulationEngine} into running sums, and turns them into a
 * {@link SimulationResult}. Memory is O(services × slots), whatever the number of replications.
 *
 * @example
 * const acc = new SimulationAccumulator(model);
 * for (let r = 0; r < 100; r++) { engine.replicate(createRng(1, r)); acc.add(engine); }
 * acc.summarize(engine.waitHistogram, 1).services[0].serviceLevel;
 */
export class SimulationAccumulator {
  /** Replications added so far. */
  replications = 0;
  /** Customers simulated so far. */
  customers = 0;
  private readonly S: number;
  private readonly K: number;
  private readonly totals: Float64Array;
  private readonly slotSums: Float64Array;
  private readonly channelSums: Float64Array;
  private readonly serviceSums: Float64Array;
  private readonly queueMeanSum: Float64Array;
  private readonly queueMeanSq: Float64Array;
  private readonly queueMaxSum: Float64Array;
  private readonly hallQueueSum: Float64Array;
  private readonly hallQueueMaxSum: Float64Array;
  private readonly hallBusySum: Float64Array;
  private readonly counterBusySum: Float64Array;
  private readonly counterOvertimeSum: Float64Array;
  private readonly sessionOvertimeSum: Float64Array;
  private readonly sessionOvertimeSq: Float64Array;
  private readonly sessionOvertimeMax: Float64Array;
  private readonly sessionCounterSum: Float64Array;

  constructor(private readonly model: SimulationModel) {
    const S = model.serviceIds.length;
    const K = model.slotIso.length;
    const C = model.counterIds.length;
    const nSessions = model.sessionStart.length;
    this.S = S;
    this.K = K;
    this.totals = new Float64Array(4 * CELL_FIELDS);
    this.slotSums = new Float64Array(S * K * G);
    this.channelSums = new Float64Array(S * 2 * G);
    this.serviceSums = new Float64Array(S * G);
    this.queueMeanSum = new Float64Array(S * K);
    this.queueMeanSq = new Float64Array(S * K);
    this.queueMaxSum = new Float64Array(S * K);
    this.hallQueueSum = new Float64Array(K);
    this.hallQueueMaxSum = new Float64Array(K);
    this.hallBusySum = new Float64Array(K);
    this.counterBusySum = new Float64Array(C);
    this.counterOvertimeSum = new Float64Array(C);
    this.sessionOvertimeSum = new Float64Array(nSessions);
    this.sessionOvertimeSq = new Float64Array(nSessions);
    this.sessionOvertimeMax = new Float64Array(nSessions);
    this.sessionCounterSum = new Float64Array(nSessions);
  }

  /** Add the replication the engine has just run. */
  add(engine: SimulationEngine): void {
    const { S, K, totals } = this;
    const cells = engine.cells;
    const L = this.model.slotSeconds;
    const F = CELL_FIELDS;
    // One pass over each service's cells: totals holds the walk-in, appointment and service totals, then the slot.
    for (let s = 0; s < S; s++) {
      totals.fill(0);
      for (let k = 0; k < K; k++) {
        const c = (k * S + s) * 2 * F;
        for (let f = 0; f < F; f++) {
          const walkIn = cells[c + f];
          const appointment = cells[c + F + f];
          totals[f] += walkIn;
          totals[F + f] += appointment;
          totals[3 * F + f] = walkIn + appointment;
        }
        fold(this.slotSums, s * K + k, totals, 3 * F);
        const q = engine.queueArea[s * K + k] / L;
        this.queueMeanSum[s * K + k] += q;
        this.queueMeanSq[s * K + k] += q * q;
        this.queueMaxSum[s * K + k] += engine.queueMax[s * K + k];
      }
      for (let f = 0; f < F; f++) totals[2 * F + f] = totals[f] + totals[F + f];
      fold(this.channelSums, s * 2, totals, 0);
      fold(this.channelSums, s * 2 + 1, totals, F);
      fold(this.serviceSums, s, totals, 2 * F);
    }
    for (let k = 0; k < K; k++) {
      this.hallQueueSum[k] += engine.totalQueueArea[k] / L;
      this.hallQueueMaxSum[k] += engine.totalQueueMax[k];
      this.hallBusySum[k] += engine.slotBusySeconds[k];
    }
    for (let c = 0; c < this.counterBusySum.length; c++) {
      this.counterBusySum[c] += engine.counterBusySeconds[c];
      this.counterOvertimeSum[c] += engine.counterOvertimeSeconds[c];
    }
    for (let s = 0; s < this.sessionOvertimeSum.length; s++) {
      const ot = engine.sessionOvertimeSeconds[s];
      this.sessionOvertimeSum[s] += ot;
      this.sessionOvertimeSq[s] += ot * ot;
      if (ot > this.sessionOvertimeMax[s]) this.sessionOvertimeMax[s] = ot;
      this.sessionCounterSum[s] += engine.sessionOvertimeCounterSeconds[s];
    }
    this.replications++;
    this.customers += engine.customerCount;
  }

  private outcome(sums: Float64Array, g: number, hist: Float64Array): OutcomeSummary {
    const n = this.replications;
    const o = g * G;
    const sl: Estimate = ratioEstimate(n, sums[o + A], sums[o + W], sums[o + AA], sums[o + WW], sums[o + WA]);
    const ab: Estimate = ratioEstimate(
      n,
      sums[o + A],
      sums[o + AB],
      sums[o + AA],
      sums[o + ABAB],
      sums[o + ABA],
    );
    const wait: Estimate = ratioEstimate(
      n,
      sums[o + SV],
      sums[o + WS],
      sums[o + SVSV],
      sums[o + WSWS],
      sums[o + WSSV],
    );
    return {
      arrivals: round(sums[o + A] / n, 3),
      served: round(sums[o + SV] / n, 3),
      abandoned: round(sums[o + AB] / n, 3),
      unserved: round(sums[o + UN] / n, 3),
      serviceLevel: roundOrNull(sl.value, 4),
      serviceLevelCI: roundOrNull(sl.halfWidth, 4),
      meanWaitSeconds: roundOrNull(wait.value, 1),
      meanWaitCI: roundOrNull(wait.halfWidth, 1),
      p50WaitSeconds: roundOrNull(waitQuantile(hist, 0, 0.5), 1),
      p90WaitSeconds: roundOrNull(waitQuantile(hist, 0, 0.9), 1),
      abandonShare: roundOrNull(ab.value, 4),
      abandonShareCI: roundOrNull(ab.halfWidth, 4),
    };
  }

  /**
   * The result so far. `waitHistogram` is the engine's pooled histogram; `seed` is echoed into the result.
   */
  summarize(waitHistogram: Int32Array, seed: number): SimulationResult {
    const { S, K, model } = this;
    const n = this.replications;
    const hist = new Float64Array(WAIT_BINS);
    const serviceHist = new Float64Array(WAIT_BINS);
    const addHist = (s: number, ch: number, k: number) =>
      addBins(hist, waitHistogram, ((k * S + s) * 2 + ch) * WAIT_BINS);

    const services: ServiceOutcome[] = [];
    for (let s = 0; s < S; s++) {
      const channels: ChannelOutcome[] = [];
      serviceHist.fill(0);
      for (let ch = 0; ch < 2; ch++) {
        hist.fill(0);
        for (let k = 0; k < K; k++) addHist(s, ch, k);
        addBins(serviceHist, hist, 0);
        const out = this.outcome(this.channelSums, s * 2 + ch, hist);
        if (out.arrivals > 0) channels.push({ channel: ch === 0 ? 'walk_in' : 'appointment', ...out });
      }
      services.push({
        service: model.serviceIds[s],
        ...this.outcome(this.serviceSums, s, serviceHist),
        channels,
      });
    }

    const slots: SlotOutcome[] = [];
    for (let s = 0; s < S; s++) {
      for (let k = 0; k < K; k++) {
        if (model.hasDemand[s * K + k] !== 1) continue;
        hist.fill(0);
        addHist(s, 0, k);
        addHist(s, 1, k);
        slots.push({
          service: model.serviceIds[s],
          slotStart: model.slotIso[k],
          ...this.outcome(this.slotSums, s * K + k, hist),
          meanQueueLength: round(this.queueMeanSum[s * K + k] / n, 3),
          maxQueueLength: round(this.queueMaxSum[s * K + k] / n, 3),
        });
      }
    }

    const L = model.slotSeconds;
    const hall: HallSlot[] = [];
    for (let k = 0; k < K; k++) {
      const open = model.slotOpenCounters[k];
      hall.push({
        slotStart: model.slotIso[k],
        openCounters: open,
        utilisation: open > 0 ? round(this.hallBusySum[k] / n / (open * L), 4) : null,
        meanQueueLength: round(this.hallQueueSum[k] / n, 3),
        maxQueueLength: round(this.hallQueueMaxSum[k] / n, 3),
      });
    }

    const counters: CounterOutcome[] = model.counterIds.map((id, c) => {
      const scheduled = model.counterScheduledSeconds[c];
      const overtime = this.counterOvertimeSum[c] / n;
      const busy = this.counterBusySum[c] / n;
      return {
        counter: id,
        scheduledMinutes: round(scheduled / 60, 2),
        overtimeMinutes: round(overtime / 60, 2),
        busyMinutes: round(busy / 60, 2),
        utilisation: scheduled + overtime > 0 ? round(busy / (scheduled + overtime), 4) : null,
      };
    });

    const overtime: SessionOvertime[] = [];
    for (let s = 0; s < model.sessionStart.length; s++) {
      const e = meanEstimate(n, this.sessionOvertimeSum[s] / 60, this.sessionOvertimeSq[s] / 3600);
      overtime.push({
        start: model.slotIso[model.sessionFirstSlot[s]],
        end: formatIsoInZone(model.originMs + model.sessionEnd[s] * 1000, model.timezone),
        meanOvertimeMinutes: round(e.value ?? 0, 2),
        overtimeCI: roundOrNull(e.halfWidth, 2),
        maxOvertimeMinutes: round(this.sessionOvertimeMax[s] / 60, 2),
        meanCounterMinutes: round(this.sessionCounterSum[s] / n / 60, 2),
      });
    }

    const comparison: ExpectedComparison[] = [];
    let inside = 0;
    let decided = 0;
    for (const e of model.expected) {
      const g = e.service * K + e.slot;
      const o = g * G;
      const sl = ratioEstimate(
        n,
        this.slotSums[o + A],
        this.slotSums[o + W],
        this.slotSums[o + AA],
        this.slotSums[o + WW],
        this.slotSums[o + WA],
      );
      const wait = ratioEstimate(
        n,
        this.slotSums[o + SV],
        this.slotSums[o + WS],
        this.slotSums[o + SVSV],
        this.slotSums[o + WSWS],
        this.slotSums[o + WSSV],
      );
      const ok =
        sl.value === null || sl.halfWidth === null
          ? null
          : Math.abs(e.serviceLevel - sl.value) <= sl.halfWidth;
      if (ok !== null) {
        decided++;
        if (ok) inside++;
      }
      comparison.push({
        service: model.serviceIds[e.service],
        slotStart: model.slotIso[e.slot],
        expectedServiceLevel: e.serviceLevel,
        simulatedServiceLevel: roundOrNull(sl.value, 4),
        serviceLevelCI: roundOrNull(sl.halfWidth, 4),
        insideCI: ok,
        expectedMeanWaitSeconds: e.meanWaitSeconds,
        simulatedMeanWaitSeconds: roundOrNull(wait.value, 1),
        meanWaitCI: roundOrNull(wait.halfWidth, 1),
      });
    }

    return {
      replications: n,
      seed,
      customersSimulated: this.customers,
      services,
      slots,
      hall,
      counters,
      overtime,
      comparison,
      comparisonInsideShare: decided > 0 ? round(inside / decided, 4) : null,
      warnings: model.warnings,
    };
  }
}
