/**
 * Small exact queueing formulas used as references by the simulator's validation tests. They are written here on
 * purpose, independently of src/queueing/, so that the simulator is checked against a second implementation.
 *
 * Rates are per second; times in seconds.
 */

function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/**
 * Erlang C probability of waiting, C(c, a) with offered load a = λ/μ < c, computed in log space so that it is stable
 * for large c and a (Gans, Koole & Mandelbaum 2003, "Telephone call centers: tutorial, review and research
 * prospects", MSOM 5(2), §4.1 eq. (1)).
 */
export function erlangCProbWait(c: number, a: number): number {
  const terms: number[] = [];
  for (let k = 0; k < c; k++) terms.push(k * Math.log(a) - logFactorial(k));
  const last = c * Math.log(a) - logFactorial(c) + Math.log(c / (c - a));
  return Math.exp(last - logSumExp([...terms, last]));
}

/** M/M/c steady state: share called within `t`, and mean wait (Gans, Koole & Mandelbaum 2003, §4.1). */
export function erlangC(
  lambda: number,
  mu: number,
  c: number,
  t: number,
): { serviceLevel: number; meanWait: number } {
  const pw = erlangCProbWait(c, lambda / mu);
  return { serviceLevel: 1 - pw * Math.exp(-(c * mu - lambda) * t), meanWait: pw / (c * mu - lambda) };
}

/**
 * M/M/c+M (Erlang A, Palm's queue) solved numerically from its birth–death chain: state n customers in the system,
 * births λ, deaths min(n, c)·μ + max(n − c, 0)·θ, truncated where the stationary mass is below 1e-15 (Mandelbaum &
 * Zeltyn 2007, "Service engineering in action: the Palm/Erlang-A queue", §2; Gans, Koole & Mandelbaum 2003, §4.2).
 *
 * By PASTA an arrival sees the stationary state. One who finds n ≥ c present has m = n − c customers ahead; while m
 * are ahead the line moves at rate cμ + mθ and the customer leaves at rate θ, so the stage is Exp(cμ + mθ + θ) and is
 * left forward with probability (cμ + mθ)/(cμ + mθ + θ). P(served within t) multiplies those probabilities with the
 * hypoexponential distribution of the stage times, computed by uniformization.
 *
 * Returns the share of arrivals called within `t` (abandoners are misses), the abandonment share, and the mean wait
 * of those served.
 */
export function erlangA(
  lambda: number,
  mu: number,
  theta: number,
  c: number,
  t: number,
): { serviceLevel: number; abandonShare: number; meanWaitServed: number } {
  // Stationary distribution in log space.
  const logPi: number[] = [0];
  for (let n = 1; ; n++) {
    const death = Math.min(n, c) * mu + Math.max(n - c, 0) * theta;
    logPi.push(logPi[n - 1] + Math.log(lambda) - Math.log(death));
    if (n > c && logPi[n] < logPi[c] - 40) break;
  }
  const norm = logSumExp(logPi);
  const pi = logPi.map((x) => Math.exp(x - norm));
  const N = pi.length - 1;
  const J = N - c + 1;
  const rate = (m: number) => c * mu + m * theta + theta;
  const forward = (m: number) => (c * mu + m * theta) / rate(m);
  // P(all j stages done by t) for j = 0..J by uniformization: u[j] = P(absorbed within k steps | j stages left).
  const Lambda = rate(J);
  let u = new Float64Array(J + 1);
  u[0] = 1;
  const done = new Float64Array(J + 1);
  let pois = Math.exp(-Lambda * t);
  let cum = 0;
  for (let k = 0; cum < 1 - 1e-13 && k < 100_000; k++) {
    if (k > 0) pois *= (Lambda * t) / k;
    for (let j = 0; j <= J; j++) done[j] += pois * u[j];
    cum += pois;
    const next = new Float64Array(J + 1);
    next[0] = 1;
    for (let j = 1; j <= J; j++) {
      const p = rate(j - 1) / Lambda;
      next[j] = p * u[j - 1] + (1 - p) * u[j];
    }
    u = next;
  }
  let within = 0;
  let served = 0;
  let waitServed = 0;
  for (let n = 0; n <= N; n++) {
    if (n < c) {
      within += pi[n];
      served += pi[n];
      continue;
    }
    const j = n - c + 1;
    let pServe = 1;
    let meanStages = 0;
    for (let m = 0; m < j; m++) {
      pServe *= forward(m);
      meanStages += 1 / rate(m);
    }
    served += pi[n] * pServe;
    waitServed += pi[n] * pServe * meanStages;
    within += pi[n] * pServe * done[j];
  }
  return { serviceLevel: within, abandonShare: 1 - served, meanWaitServed: waitServed / served };
}

/**
 * Allen–Cunneen approximation of the mean wait in G/G/c: E[Wq] ≈ E[Wq(M/M/c)] · (ca² + cs²)/2 (Allen 1990,
 * *Probability, Statistics and Queueing Theory*, 2nd ed., §6; Gans, Koole & Mandelbaum 2003, §4.3).
 */
export function allenCunneenMeanWait(
  lambda: number,
  mu: number,
  c: number,
  ca2: number,
  cs2: number,
): number {
  return erlangC(lambda, mu, c, 0).meanWait * ((ca2 + cs2) / 2);
}
