import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { allenCunneen, erlangA } from '../../src/queueing/index.js';
import { simulateQueue } from './helpers/queue-simulator.js';

/**
 * An independent Erlang A service level: the stationary distribution of the birth–death chain solved directly in
 * log space, then the tagged arrival's progress through the queue integrated as a Kolmogorov forward ODE (RK4).
 * State i = customers still ahead; from i, someone ahead leaves at nμ + iθ (to i − 1, or to "called" from 0), and
 * the tagged customer abandons at θ. No incomplete gamma function and no closed form is shared with erlangA.
 */
function serviceLevelByOde(
  arrivalsPerHour: number,
  ahtSeconds: number,
  patienceSeconds: number,
  n: number,
  t: number,
): number {
  const lambda = arrivalsPerHour / 3600;
  const mu = 1 / ahtSeconds;
  const theta = 1 / patienceSeconds;
  const logPi: number[] = [0];
  let top = 0;
  for (let k = 1; ; k++) {
    const rate = k <= n ? k * mu : n * mu + (k - n) * theta;
    logPi.push(logPi[k - 1] + Math.log(lambda / rate));
    top = Math.max(top, logPi[k]);
    if (k > n && logPi[k] < top - 50) break;
  }
  const pi = logPi.map((l) => Math.exp(l - top));
  const total = pi.reduce((s, x) => s + x, 0);
  let noWait = 0;
  for (let k = 0; k < n; k++) noWait += pi[k] / total;
  const J = pi.length - n;
  const q = Float64Array.from({ length: J }, (_, i) => pi[n + i] / total);
  const leave = Float64Array.from({ length: J + 1 }, (_, i) => n * mu + i * theta);
  const steps = Math.ceil((t * (leave[J] + theta)) / 0.25);
  const h = t / steps;
  const k = [0, 1, 2, 3].map(() => new Float64Array(J));
  const tmp = new Float64Array(J);
  // d q_i / ds = −(nμ + (i+1)θ) q_i + (nμ + (i+1)θ) q_(i+1); the called flow is nμ q_0.
  const deriv = (x: Float64Array, d: Float64Array): number => {
    for (let i = 0; i < J; i++) d[i] = -leave[i + 1] * x[i] + (i + 1 < J ? leave[i + 1] * x[i + 1] : 0);
    return n * mu * x[0];
  };
  let called = 0;
  for (let s = 0; s < steps; s++) {
    const c1 = deriv(q, k[0]);
    for (let i = 0; i < J; i++) tmp[i] = q[i] + (h / 2) * k[0][i];
    const c2 = deriv(tmp, k[1]);
    for (let i = 0; i < J; i++) tmp[i] = q[i] + (h / 2) * k[1][i];
    const c3 = deriv(tmp, k[2]);
    for (let i = 0; i < J; i++) tmp[i] = q[i] + h * k[2][i];
    const c4 = deriv(tmp, k[3]);
    for (let i = 0; i < J; i++) q[i] += (h / 6) * (k[0][i] + 2 * k[1][i] + 2 * k[2][i] + k[3][i]);
    called += (h / 6) * (c1 + 2 * c2 + 2 * c3 + c4);
  }
  return noWait + called;
}

describe('erlangA', () => {
  it('reproduces the abandonment example', () => {
    // 100 arrivals per 30 min, AHT 5 min, mean patience 5 min, 18 agents → P(abandon) = 6.37 % (Mandelbaum & Zeltyn,
    // 4CallCenters Erlang A calculator; with θ = μ the chain is M/M/∞, so P(ab) = E[(K − 18)⁺]/a, K ~ Poisson(16.67),
    // = 0.063652925970541 exactly).
    const m = erlangA({ arrivalsPerHour: 200, ahtSeconds: 300, patienceSeconds: 300 }, 18, 20);
    expect(m.abandonShare).toBeCloseTo(0.0637, 4);
    expect(m.abandonShare).toBeCloseTo(0.063652925970541, 13);
  });

  it('matches direct birth–death sums and a competing-risks service level (mpmath, 60 digits)', () => {
    // Reference: mpmath 1.3 — π by the chain, P(ab) = θ·E[Q]/λ, SL = P(no wait) + Σ_j π_(n+j)·P(served | j)·
    // P(hypoexponential with rates nμ + iθ, i = 1…j+1, ≤ t). Columns: probWait, abandonShare, serviceLevel, meanWait.
    const cases: [number, number, number, number, number, number[]][] = [
      [
        200,
        300,
        300,
        18,
        20,
        [0.4039174859722954, 0.06365292597054135, 0.6936916109872493, 19.09587779116241],
      ],
      [
        200,
        300,
        300,
        18,
        60,
        [0.4039174859722954, 0.06365292597054135, 0.829749470733882, 19.09587779116241],
      ],
      [
        240,
        300,
        600,
        15,
        120,
        [0.9622926252728868, 0.25450217953115656, 0.26001529420374014, 152.70130771869395],
      ],
      [
        100,
        600,
        900,
        8,
        600,
        [0.9986480957863578, 0.5201265743743573, 0.2308847553558332, 468.11391693692156],
      ],
    ];
    for (const [lam, aht, pat, n, t, [pw, ab, sl, w]] of cases) {
      const m = erlangA({ arrivalsPerHour: lam, ahtSeconds: aht, patienceSeconds: pat }, n, t);
      expect(m.probWait).toBeCloseTo(pw, 12);
      expect(m.abandonShare).toBeCloseTo(ab, 12);
      expect(m.serviceLevel).toBeCloseTo(sl, 12);
      expect(m.meanWaitSeconds / w).toBeCloseTo(1, 11);
    }
  });

  it('is right where arrival rate × target far exceeds 745 (exp(−λt) would underflow)', () => {
    // λ = 2/s with t = 640 s (λt = 1280, the service level mid-way up its S-curve: the queue of ~1,200 takes about
    // 656 s to pass) and t = 400 s (λt = 800, on the plateau where everyone served is served within t).
    const cases: [number, number, number, number, number, number, number][] = [
      [7200, 300, 3600, 500, 640, 0.2, 0.8],
      [7200, 300, 1200, 560, 400, 0.9, 0.95],
    ];
    for (const [lam, aht, pat, n, t, lo, hi] of cases) {
      expect((lam / 3600) * t).toBeGreaterThan(745);
      const m = erlangA({ arrivalsPerHour: lam, ahtSeconds: aht, patienceSeconds: pat }, n, t);
      const ode = serviceLevelByOde(lam, aht, pat, n, t);
      expect(m.serviceLevel).toBeGreaterThan(lo);
      expect(m.serviceLevel).toBeLessThan(hi);
      expect(Math.abs(m.serviceLevel - ode)).toBeLessThan(2e-6);
    }
  });

  it('infinite patience gives Erlang C; very long patience converges to it', () => {
    const q = { arrivalsPerHour: 200, ahtSeconds: 300 };
    const c = allenCunneen(q, 18, 600);
    const inf = erlangA({ ...q, patienceSeconds: Number.POSITIVE_INFINITY }, 18, 600);
    expect(inf).toEqual(c);
    const long = erlangA({ ...q, patienceSeconds: 1e9 }, 18, 600);
    expect(long.model).toBe('erlang-a');
    // the gap shrinks like θ = 1/patience: 7.4e-5 at 1e7 s, 7.4e-7 at 1e9 s
    expect(Math.abs(long.serviceLevel - c.serviceLevel)).toBeLessThan(1e-6);
    expect(Math.abs(long.probWait - c.probWait)).toBeLessThan(1e-6);
    expect(Math.abs(long.meanWaitSeconds / c.meanWaitSeconds - 1)).toBeLessThan(1e-5);
  });

  it('is stable for any load, with 0 arrivals, 0 or 1 server, 10,000 servers and t = 0', () => {
    const zero = erlangA({ arrivalsPerHour: 0, ahtSeconds: 300, patienceSeconds: 600 }, 4, 60);
    expect(zero).toMatchObject({ probWait: 0, serviceLevel: 1, abandonShare: 0, meanWaitSeconds: 0 });
    const none = erlangA({ arrivalsPerHour: 60, ahtSeconds: 300, patienceSeconds: 600 }, 0, 60);
    expect(none).toMatchObject({ probWait: 1, serviceLevel: 0, abandonShare: 1, meanWaitSeconds: 600 });
    // M/M/1+M with θ = μ is M/M/∞-like: P(wait) = 1 − e^{−a}, P(ab) = E[(K − 1)⁺]/a = (a − 1 + e^{−a})/a
    const one = erlangA({ arrivalsPerHour: 24, ahtSeconds: 300, patienceSeconds: 300 }, 1, 0);
    expect(one.probWait).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(one.abandonShare).toBeCloseTo((2 - 1 + Math.exp(-2)) / 2, 14);
    expect(one.serviceLevel).toBeCloseTo(Math.exp(-2), 14);
    // heavily overloaded: abandonment takes the excess, throughput → nμ
    const over = erlangA({ arrivalsPerHour: 20_000, ahtSeconds: 300, patienceSeconds: 60 }, 100, 600);
    expect(over.stable).toBe(true);
    expect(over.abandonShare).toBeCloseTo(1 - 100 / 300 / (20_000 / 3600), 9);
    const big = erlangA({ arrivalsPerHour: 10_000 * 12, ahtSeconds: 300, patienceSeconds: 600 }, 10_000, 20);
    expect(big.serviceLevel).toBeGreaterThan(0.5);
    expect(big.serviceLevel).toBeLessThanOrEqual(1);
    expect(Number.isFinite(big.meanWaitSeconds)).toBe(true);
    const t0 = erlangA({ arrivalsPerHour: 200, ahtSeconds: 300, patienceSeconds: 300 }, 18, 0);
    expect(t0.serviceLevel).toBeCloseTo(1 - t0.probWait, 15);
  });

  it('agrees with a seeded M/M/c+M simulation within its 99 % confidence interval', () => {
    const q = {
      arrivalsPerHour: 100,
      ahtSeconds: 600,
      serviceCv: 1,
      patienceSeconds: 900,
      servers: 15,
      withinSeconds: 300,
    };
    const sim = simulateQueue(q, 300_000, 7);
    const m = erlangA(q, 15, 300);
    expect(Math.abs(sim.probWait.mean - m.probWait)).toBeLessThan(sim.probWait.half);
    expect(Math.abs(sim.abandonShare.mean - m.abandonShare)).toBeLessThan(sim.abandonShare.half);
    expect(Math.abs(sim.serviceLevel.mean - m.serviceLevel)).toBeLessThan(sim.serviceLevel.half);
    expect(Math.abs(sim.meanWaitSeconds.mean - m.meanWaitSeconds)).toBeLessThan(sim.meanWaitSeconds.half);
  });

  it('rejects invalid input with INVALID_ARGUMENT', () => {
    expect(() => erlangA({ arrivalsPerHour: 10, ahtSeconds: 300, patienceSeconds: 0 }, 2, 10)).toThrow(
      /erlangA: patienceSeconds must be > 0/,
    );
    expect(() =>
      erlangA({ arrivalsPerHour: 10, ahtSeconds: 300, patienceSeconds: Number.NaN }, 2, 10),
    ).toThrow(QueuecastError);
    expect(() => erlangA({ arrivalsPerHour: 10, ahtSeconds: 300, patienceSeconds: 60 }, 1.5, 10)).toThrow(
      QueuecastError,
    );
    expect(() =>
      erlangA({ arrivalsPerHour: 10, ahtSeconds: 300, patienceSeconds: 60 }, 2, Number.NaN),
    ).toThrow(QueuecastError);
  });
});
