import { check } from '../errors.js';

/**
 * A seeded pseudo-random stream: xoshiro128** (Blackman & Vigna, 2018) seeded through splitmix32.
 * Period 2^128 − 1; passes BigCrush. Every random stream in queuecast is one of these.
 *
 * @example
 * const rng = createRng(42);
 * rng.next(); // a number in [0, 1), the same for every run with seed 42
 */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of randomness. */
  next(): number;
  /** The seed the stream started from. */
  readonly seed: number;
}

/**
 * Create a seeded stream. Different seeds give independent-looking streams; `stream` derives a sub-stream
 * (e.g. one per replication) without correlation with the parent.
 *
 * @param seed any finite number; non-integers are truncated.
 * @example
 * const a = createRng(1); const b = createRng(1); a.next() === b.next(); // => true
 */
export function createRng(seed: number, stream = 0): Rng {
  check(Number.isFinite(seed), 'createRng', 'seed must be a finite number', seed);
  let x = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state = Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return new Xoshiro128StarStar(seed, state);
}

/**
 * The stream behind {@link createRng}. A class, so that every stream shares one `next` that hot loops can inline;
 * the state lives in an Int32Array, since 32-bit words held in ordinary variables or fields may be boxed.
 */
class Xoshiro128StarStar implements Rng {
  constructor(
    readonly seed: number,
    private readonly s: Int32Array,
  ) {}

  next(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return r / 4294967296;
  }
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/**
 * Exponential with the given mean (any unit; the draw is in the same unit), by inversion.
 *
 * @example
 * randomExponential(createRng(1), 300); // a patience in seconds, mean 300
 */
export function randomExponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

/**
 * Standard normal (mean 0, variance 1) by the polar Box–Muller method.
 *
 * @example
 * randomNormal(createRng(1)); // e.g. -0.43
 */
export function randomNormal(rng: Rng): number {
  let u: number;
  let v: number;
  let s: number;
  do {
    u = 2 * rng.next() - 1;
    v = 2 * rng.next() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return u * Math.sqrt((-2 * Math.log(s)) / s);
}

/**
 * Gamma with `shape` and `scale` (mean = shape × scale, in the unit of `scale`), Marsaglia & Tsang (2000), with
 * the shape < 1 boost.
 *
 * @example
 * randomGamma(createRng(1), 2, 300); // a service time in seconds with mean 600 and CV 0.71
 */
export function randomGamma(rng: Rng, shape: number, scale: number): number {
  if (shape < 1) {
    const u = rng.next();
    return randomGamma(rng, shape + 1, scale) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = randomNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/**
 * Poisson with mean `lambda`: inversion by sequential search below 30, the PTRS transformed rejection
 * method (Hörmann, 1993) above. O(λ) below 30, O(1) expected above.
 *
 * @example
 * randomPoisson(createRng(1), 12.5); // arrivals in a slot with mean 12.5
 */
export function randomPoisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const u = rng.next();
    while (u > cdf && k < 1000) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - logFactorial(k)
    ) {
      return k;
    }
  }
}

/**
 * Negative binomial as a gamma–Poisson mixture with the given mean and variance (variance > mean;
 * otherwise Poisson): over-dispersed counts.
 *
 * @example
 * randomNegativeBinomial(createRng(1), 10, 30); // a count with mean 10 and variance 30
 */
export function randomNegativeBinomial(rng: Rng, mean: number, variance: number): number {
  if (!(mean > 0)) return 0;
  if (variance <= mean * (1 + 1e-9)) return randomPoisson(rng, mean);
  const shape = (mean * mean) / (variance - mean);
  return randomPoisson(rng, randomGamma(rng, shape, mean / shape));
}

/**
 * Binomial(n, p) by summing n Bernoulli draws; O(n), meant for the small n of one slot's bookings.
 *
 * @example
 * randomBinomial(createRng(1), 20, 0.85); // holders who come out of 20 bookings with a 15 % no-show rate
 */
export function randomBinomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

/**
 * Lognormal with the given mean (in its unit) and coefficient of variation.
 *
 * @example
 * randomLognormal(createRng(1), 600, 0.8); // a handling time in seconds, mean 600, CV 0.8
 */
export function randomLognormal(rng: Rng, mean: number, cv: number): number {
  if (cv <= 0) return mean;
  const s2 = Math.log(1 + cv * cv);
  return mean * Math.exp(Math.sqrt(s2) * randomNormal(rng) - s2 / 2);
}

const LOG_FACT_TABLE: number[] = [0];
for (let i = 1; i < 256; i++) LOG_FACT_TABLE[i] = LOG_FACT_TABLE[i - 1] + Math.log(i);

/**
 * ln(k!) exactly from a table below 256, by Stirling's series above (relative error < 1e-12).
 *
 * @example
 * logFactorial(5); // => 4.787491742782046 (ln 120)
 */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACT_TABLE[k];
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}
