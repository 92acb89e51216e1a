import { allenCunneenMetrics } from './allen-cunneen.js';
import { logErlangB } from './erlang-b.js';
import { gammaQ, gammaSeries, logGammaP, logPoissonTerm } from './special-functions.js';
import type { QueueMetrics, QueueSpec } from './types.js';
import { checkIntegerServers, checkQueue, checkWithin } from './validate.js';

/**
 * Erlang A metrics without input checks (internal), from a known ln Erlang B(servers, a).
 *
 * Notation (Mandelbaum & Zeltyn): μ = 1/AHT, θ = 1/patience, x = nμ/θ, y = λ/θ, z = y·e^(−θt).
 * Relative to state n of the birth–death chain, the states below n sum to 1/B − 1 and the states n + j to
 * A = Σ_j y^j / ((x+1)…(x+j)) = P(x, y) / (y^x e^(−y) / Γ(x+1)), with P the regularized lower incomplete gamma.
 * Summed over the queue an arrival finds, the density of its offered wait V is π_n · nμ · e^(−nμs) · e^(y(1 − e^(−θs)));
 * it is called by t when V ≤ t and its own patience exceeds V, which integrates to
 * P(called within t | wait) = (x/y) · [P(x+1, y) − P(x+1, z)] / P(x, y).
 * Nothing here evaluates e^(−λt): the only exponential of time is e^(−θt) inside z, carried as ln z.
 */
export function erlangAMetrics(
  arrivalsPerHour: number,
  ahtSeconds: number,
  patienceSeconds: number,
  servers: number,
  withinSeconds: number,
  logB: number,
): QueueMetrics {
  const lambda = arrivalsPerHour / 3600;
  const a = lambda * ahtSeconds;
  const base = { model: 'erlang-a' as const, servers, offeredLoadErlangs: a, withinSeconds, stable: true };
  if (a === 0) {
    return {
      ...base,
      probWait: 0,
      serviceLevel: 1,
      meanWaitSeconds: 0,
      abandonShare: 0,
      occupancy: 0,
      meanQueueLength: 0,
    };
  }
  if (servers === 0) {
    return {
      ...base,
      probWait: 1,
      serviceLevel: 0,
      meanWaitSeconds: patienceSeconds,
      abandonShare: 1,
      occupancy: 1,
      meanQueueLength: lambda * patienceSeconds,
    };
  }
  const theta = 1 / patienceSeconds;
  const x = (servers * patienceSeconds) / ahtSeconds;
  const y = lambda * patienceSeconds;
  const thetaT = theta * withinSeconds;
  const logY = Math.log(y);
  const logZ = logY - thetaT;
  const z = Math.exp(logZ);
  const eb = Math.exp(logB);
  let probWait: number;
  let servedGivenWait: number;
  let abandonGivenWait: number;
  let calledWithinGivenWait: number;
  if (y < x + 1) {
    // Light side: A and Σ j·r_j by their series directly; every term positive, no cancellation.
    let r = 1;
    let sumA = 1;
    let sumJ = 0;
    for (let j = 1; j < 100_000_000; j++) {
      r *= y / (x + j);
      sumA += r;
      sumJ += j * r;
      if (r * (j + 1) < sumJ * 1e-17 && r < sumA * 1e-17) break;
    }
    probWait = (sumA * eb) / (1 + (sumA - 1) * eb);
    const k = x / (x + 1) / sumA;
    servedGivenWait = k * gammaSeries(x + 1, y);
    abandonGivenWait = sumJ / (y * sumA);
    const exponent = -thetaT * (x + 1) - y * Math.expm1(-thetaT);
    calledWithinGivenWait =
      withinSeconds === 0 ? 0 : k * (gammaSeries(x + 1, y) - Math.exp(exponent) * gammaSeries(x + 1, z));
  } else {
    // Heavy side: A may be astronomically large; keep it in logarithms.
    const logPx = logGammaP(x, y, logY);
    const logA = logPx - logPoissonTerm(x, y, logY);
    probWait = eb >= 1 ? 1 : 1 / (1 + Math.exp(Math.log1p(-eb) - logA - logB));
    servedGivenWait = (x / y) * Math.exp(logGammaP(x + 1, y, logY) - logPx);
    abandonGivenWait = 1 - servedGivenWait;
    const s = x + 1;
    let diff: number;
    if (withinSeconds === 0) diff = 0;
    else if (y < s + 1) diff = Math.exp(logGammaP(s, y, logY)) - Math.exp(logGammaP(s, z, logZ));
    else diff = gammaQ(s, z, logZ) - gammaQ(s, y, logY);
    calledWithinGivenWait = ((x / y) * diff) / Math.exp(logPx);
  }
  const abandonShare = probWait * abandonGivenWait;
  const meanWaitSeconds = abandonShare * patienceSeconds;
  return {
    ...base,
    probWait,
    serviceLevel: Math.min(1, Math.max(0, 1 - probWait + probWait * calledWithinGivenWait)),
    meanWaitSeconds,
    abandonShare,
    occupancy: Math.min(1, (a * (1 - abandonShare)) / servers),
    meanQueueLength: lambda * meanWaitSeconds,
  };
}

/**
 * Erlang A: the M/M/c+M queue, where a waiting customer abandons after an exponential patience. Stable for any
 * load (abandonment bounds the queue). Returns the probability of waiting, the abandonment share, the mean wait, and
 * the service level P(called within t).
 *
 * **Service level counts all arrivals**: customers called within `withinSeconds` ÷ all arrivals; a customer who
 * abandons is a miss whenever they abandon (DESIGN.md). The mean wait is over all arrivals, abandoners counted until
 * they leave (= abandonShare × patience, by Little's law).
 *
 * Exact and stable for thousands of servers and targets of hours: Erlang B by its ratio recursion, the
 * abandonment sums by their positive series on the light side (λ < nμ + θ) and by regularized incomplete gamma
 * functions in log space on the heavy side; the service level uses e^(−θt) only inside the gamma argument, carried
 * in logarithms, and never e^(−λt) — so λ·t far above 745 is fine (a widely used library underflows there).
 * `patienceSeconds: Infinity` gives Erlang C exactly; handling times are taken as exponential (`serviceCv` is not
 * used: with abandonment, performance depends far less on the service distribution; Whitt 2005).
 * Reference: Garnett, Mandelbaum & Reiman (2002), "Designing a call center with impatient customers", MSOM 4:208;
 * Mandelbaum & Zeltyn (2007), "The M/M/n+G queue: summary of performance measures" (4CallCenters notes).
 * Complexity: O(servers) for Erlang B plus O(√(n·patience/AHT)) series or continued-fraction terms.
 *
 * @param queue arrival rate, AHT and `patienceSeconds` (mean patience, seconds).
 * @param servers a non-negative integer.
 * @param withinSeconds wait limit for the service level, seconds.
 * @throws QueuecastError INVALID_ARGUMENT for invalid input.
 * @example
 * // 100 arrivals per 30 min, AHT 5 min, mean patience 5 min, 18 servers
 * erlangA({ arrivalsPerHour: 200, ahtSeconds: 300, patienceSeconds: 300 }, 18, 20).abandonShare; // => 0.0637
 */
export function erlangA(queue: QueueSpec, servers: number, withinSeconds: number): QueueMetrics {
  checkQueue('erlangA', queue);
  checkIntegerServers('erlangA', servers);
  checkWithin('erlangA', withinSeconds);
  const patience = queue.patienceSeconds ?? Number.POSITIVE_INFINITY;
  const a = (queue.arrivalsPerHour * queue.ahtSeconds) / 3600;
  const logB = logErlangB(a, servers);
  if (patience === Number.POSITIVE_INFINITY) {
    return allenCunneenMetrics(
      queue.arrivalsPerHour,
      queue.ahtSeconds,
      1,
      servers,
      withinSeconds,
      logB,
      'erlang-c',
    );
  }
  return erlangAMetrics(queue.arrivalsPerHour, queue.ahtSeconds, patience, servers, withinSeconds, logB);
}
