import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import {
  EventHeap,
  meanEstimate,
  ratioEstimate,
  studentT975,
  waitBin,
  waitBinLower,
  waitBinUpper,
  waitQuantile,
} from '../../src/simulate/index.js';
import { WAIT_BINS } from '../../src/simulate/wait-histogram.js';

describe('EventHeap', () => {
  it('pops events in time order, growing past its initial capacity', () => {
    const rng = createRng(3);
    const heap = new EventHeap(4);
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = Math.floor(rng.next() * 1000);
      times.push(t);
      heap.push(t, i);
    }
    const popped: number[] = [];
    while (heap.size > 0) {
      const t = heap.topTime();
      const id = heap.pop();
      expect(times[id]).toBe(t);
      popped.push(t);
    }
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(heap.topTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('interleaves pushes and pops like a sorted list', () => {
    const rng = createRng(9);
    const heap = new EventHeap(2);
    const ref: number[] = [];
    for (let i = 0; i < 2000; i++) {
      if (ref.length > 0 && rng.next() < 0.45) {
        ref.sort((a, b) => a - b);
        const expected = ref.shift()!;
        expect(heap.topTime()).toBe(expected);
        heap.pop();
      } else {
        const t = rng.next();
        ref.push(t);
        heap.push(t, i);
      }
    }
    expect(heap.size).toBe(ref.length);
    heap.clear();
    expect(heap.size).toBe(0);
  });

  it('replaceTop equals a pop followed by a push', () => {
    const rng = createRng(4);
    const a = new EventHeap(2);
    const b = new EventHeap(2);
    for (let i = 0; i < 300; i++) {
      const t = rng.next();
      a.push(t, i);
      b.push(t, i);
    }
    for (let i = 0; i < 3000; i++) {
      const t = a.topTime() + rng.next();
      a.replaceTop(t, i);
      b.pop();
      b.push(t, i);
      expect(a.topTime()).toBe(b.topTime());
    }
    const drain = (h: EventHeap) => {
      const times: number[] = [];
      while (h.size > 0) {
        times.push(h.topTime());
        h.pop();
      }
      return times;
    };
    const times = drain(a);
    expect(times).toEqual(drain(b));
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });
});

describe('wait histogram', () => {
  it('bins are contiguous and contain their values', () => {
    for (let b = 1; b < WAIT_BINS - 1; b++) expect(waitBinUpper(b)).toBeCloseTo(waitBinLower(b + 1), 9);
    for (const w of [0.001, 0.999, 1, 59.9, 60, 61, 899, 900, 3600, 86_400]) {
      const b = waitBin(w);
      expect(waitBinLower(b)).toBeLessThanOrEqual(w + 1e-9);
      expect(waitBinUpper(b)).toBeGreaterThan(w);
      expect(waitBinUpper(b) - waitBinLower(b)).toBeLessThanOrEqual(Math.max(1, w / 32));
    }
    expect(waitBin(0)).toBe(0);
    expect(waitBin(1e9)).toBe(WAIT_BINS - 1);
  });

  it('quantiles are within 3.2 % (or 1 s) of the exact sample quantile', () => {
    const rng = createRng(5);
    const hist = new Float64Array(WAIT_BINS);
    const waits: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const w = rng.next() < 0.3 ? 0 : -400 * Math.log(1 - rng.next());
      waits.push(w);
      hist[waitBin(w)]++;
    }
    waits.sort((a, b) => a - b);
    for (const q of [0.2, 0.5, 0.9, 0.99]) {
      const exact = waits[Math.ceil(q * waits.length) - 1];
      const approx = waitQuantile(hist, 0, q)!;
      expect(Math.abs(approx - exact)).toBeLessThanOrEqual(Math.max(1, 0.032 * exact));
    }
    expect(waitQuantile(hist, 0, 0.2)).toBe(0);
    expect(waitQuantile(new Float64Array(WAIT_BINS), 0, 0.5)).toBeNull();
  });
});

describe('confidence intervals', () => {
  it('t quantiles match the table (NIST/SEMATECH e-Handbook 1.3.6.7.2)', () => {
    expect(studentT975(1)).toBeCloseTo(12.706, 3);
    expect(studentT975(5)).toBeCloseTo(2.571, 3);
    expect(studentT975(20)).toBeCloseTo(2.086, 3);
    expect(studentT975(30)).toBeCloseTo(2.042, 3);
    expect(studentT975(99)).toBeCloseTo(1.984, 3);
    expect(studentT975(1000)).toBeCloseTo(1.962, 3);
    expect(studentT975(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('mean estimate: mean ± t·s/√n', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const e = meanEstimate(
      xs.length,
      xs.reduce((a, b) => a + b),
      xs.reduce((a, b) => a + b * b, 0),
    );
    // sample sd = 2.138 (R: sd(c(2,4,4,4,5,5,7,9))), t(0.975, 7) = 2.365
    expect(e.value).toBe(5);
    expect(e.halfWidth!).toBeCloseTo((2.3646 * 2.13809) / Math.sqrt(8), 3);
    expect(meanEstimate(1, 3, 9).halfWidth).toBeNull();
  });

  it('ratio estimate: ΣY/ΣX with a zero half-width when every replication has the same ratio', () => {
    // X = (10, 20), Y = (5, 10): every replication has ratio 0.5.
    const e = ratioEstimate(2, 30, 15, 500, 125, 250);
    expect(e.value).toBe(0.5);
    expect(e.halfWidth).toBeCloseTo(0, 12);
    expect(ratioEstimate(3, 0, 0, 0, 0, 0).value).toBeNull();
  });

  it('ratio estimate half-width covers the true ratio about 95 % of the time', () => {
    const rng = createRng(12);
    let covered = 0;
    const trials = 400;
    for (let k = 0; k < trials; k++) {
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      const n = 20;
      for (let i = 0; i < n; i++) {
        const x = 50 + Math.floor(rng.next() * 50);
        let y = 0;
        for (let j = 0; j < x; j++) if (rng.next() < 0.3) y++;
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
      }
      const e = ratioEstimate(n, sx, sy, sxx, syy, sxy);
      if (Math.abs(e.value! - 0.3) <= e.halfWidth!) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.91);
    expect(covered / trials).toBeLessThan(0.99);
  });
});
