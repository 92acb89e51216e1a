import { createRng, randomExponential, randomGamma } from '../../../src/random/rng.js';

/** A stationary G/G/c+M queue to simulate: Poisson arrivals, gamma handling times, exponential patience. */
export interface SimQueue {
  readonly arrivalsPerHour: number;
  readonly ahtSeconds: number;
  /** 1 = exponential, 0 = deterministic, otherwise gamma with this CV. */
  readonly serviceCv: number;
  /** Infinity = nobody abandons. */
  readonly patienceSeconds: number;
  readonly servers: number;
  readonly withinSeconds: number;
}

/** Batch-means estimates: mean and 99 % half-width of each measure. */
export interface SimEstimate {
  readonly probWait: { mean: number; half: number };
  readonly serviceLevel: { mean: number; half: number };
  readonly meanWaitSeconds: { mean: number; half: number };
  readonly abandonShare: { mean: number; half: number };
}

/**
 * Simulate a stationary FCFS multi-server queue by call times: customers are taken in arrival order and each is
 * called by the server that frees first (not before the previous customer's call), or abandons if that is later
 * than its patience. Exact for FCFS with identical servers. A warm-up of 10 % is discarded; the rest is cut into
 * `batches` batches for a 99 % confidence interval (t quantile for 19 degrees of freedom at 20 batches).
 */
export function simulateQueue(q: SimQueue, customers: number, seed: number, batches = 20): SimEstimate {
  const rng = createRng(seed);
  const free = new Float64Array(q.servers);
  const meanGap = 3600 / q.arrivalsPerHour;
  const shape = q.serviceCv > 0 ? 1 / (q.serviceCv * q.serviceCv) : 0;
  const warm = Math.floor(customers / 10);
  const perBatch = Math.floor((customers - warm) / batches);
  const sums = {
    wait: new Float64Array(batches),
    sl: new Float64Array(batches),
    w: new Float64Array(batches),
    ab: new Float64Array(batches),
  };
  let t = 0;
  let lastCall = 0;
  for (let c = 0; c < warm + perBatch * batches; c++) {
    t += randomExponential(rng, meanGap);
    let who = 0;
    for (let s = 1; s < q.servers; s++) if (free[s] < free[who]) who = s;
    const call = Math.max(t, lastCall, free[who]);
    const patience =
      q.patienceSeconds === Number.POSITIVE_INFINITY
        ? Number.POSITIVE_INFINITY
        : randomExponential(rng, q.patienceSeconds);
    const abandons = call - t > patience;
    if (!abandons) {
      lastCall = call;
      const service =
        q.serviceCv === 1
          ? randomExponential(rng, q.ahtSeconds)
          : q.serviceCv === 0
            ? q.ahtSeconds
            : randomGamma(rng, shape, q.ahtSeconds / shape);
      free[who] = call + service;
    }
    if (c < warm) continue;
    const b = Math.floor((c - warm) / perBatch);
    if (call > t) sums.wait[b]++;
    if (!abandons && call - t <= q.withinSeconds) sums.sl[b]++;
    sums.w[b] += abandons ? patience : call - t;
    if (abandons) sums.ab[b]++;
  }
  const est = (x: Float64Array) => {
    let m = 0;
    for (const v of x) m += v / perBatch;
    m /= batches;
    let ss = 0;
    for (const v of x) ss += (v / perBatch - m) ** 2;
    return { mean: m, half: 2.861 * Math.sqrt(ss / (batches - 1) / batches) };
  };
  return {
    probWait: est(sums.wait),
    serviceLevel: est(sums.sl),
    meanWaitSeconds: est(sums.w),
    abandonShare: est(sums.ab),
  };
}
