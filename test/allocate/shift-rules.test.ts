import { describe, expect, it } from 'vitest';
import type { GridDay } from '../../src/allocate/grid.js';
import {
  BREAK_EXTENSION_MINUTES,
  checkShift,
  dayRules,
  enumeratePatterns,
} from '../../src/allocate/shift-rules.js';

const rules = {
  minShiftMinutes: 240,
  maxShiftMinutes: 540,
  breakMinutes: 60,
  breakWindow: ['11:30', '14:00'] as [string, string],
};
const fullDay = { fromMinute: 8 * 60 + 30, toMinute: 17 * 60 + 30, maxWorkMinutes: 480 };

/** A day of 30-minute positions from 09:00; `closed` lists closed positions. */
function day(length: number, closed: number[] = []): GridDay {
  const open = new Uint8Array(length).fill(1);
  for (const p of closed) open[p] = 0;
  const slot = new Int32Array(length).fill(-1);
  let t = 0;
  for (let p = 0; p < length; p++) if (open[p]) slot[p] = t++;
  const closures: [number, number][] = [];
  if (closed.length > 0) closures.push([closed[0], closed[closed.length - 1] + 1]);
  return { date: '2026-12-01', firstMinute: 9 * 60, length, open, slot, closures };
}

describe('enumeratePatterns', () => {
  it('on a continuous 09:00–17:00 day: no break unless the shift spans 11:30–14:00, then one of 1–2 hours in it', () => {
    const d = day(16);
    const r = dayRules(d, rules, 30);
    const pats = enumeratePatterns(d, r, fullDay);
    expect(pats.count).toBeGreaterThan(50);
    const lengths = new Set<number>();
    for (let q = 0; q < pats.count; q++) {
      const start = 540 + pats.first[q] * 30;
      const end = 540 + (pats.last[q] + 1) * 30;
      expect(end - start).toBeGreaterThanOrEqual(240);
      const spans = start <= 690 && end >= 840;
      expect(pats.breakStart[q] >= 0).toBe(spans);
      const length = pats.breakEnd[q] - pats.breakStart[q];
      if (spans) {
        const b = 540 + pats.breakStart[q] * 30;
        expect(b).toBeGreaterThanOrEqual(690);
        expect(b).toBeLessThan(840);
        // breakMinutes (60) up to BREAK_EXTENSION_MINUTES (60) more, ending before the shift does.
        expect(length * 30).toBeGreaterThanOrEqual(60);
        expect(length * 30).toBeLessThanOrEqual(60 + BREAK_EXTENSION_MINUTES);
        expect(pats.breakEnd[q]).toBeLessThanOrEqual(pats.last[q]);
        expect(pats.shortest[q]).toBe(length === 2 ? 1 : 0);
        lengths.add(length);
      } else expect(pats.shortest[q]).toBe(1);
      const worked = pats.last[q] - pats.first[q] + 1 - (pats.breakStart[q] >= 0 ? length : 0);
      expect(pats.worked[q]).toBe(worked);
      expect(worked * 30).toBeLessThanOrEqual(480);
    }
    expect([...lengths].sort()).toEqual([2, 3, 4]);
    // Families: each run of equal first and last positions, with its least worked.
    const { familyStart, familyWorked } = pats;
    expect(familyStart[0]).toBe(0);
    expect(familyStart[familyStart.length - 1]).toBe(pats.count);
    for (let f = 0; f + 1 < familyStart.length; f++) {
      let least = Number.POSITIVE_INFINITY;
      for (let q = familyStart[f]; q < familyStart[f + 1]; q++) {
        expect([pats.first[q], pats.last[q]]).toEqual([
          pats.first[familyStart[f]],
          pats.last[familyStart[f]],
        ]);
        least = Math.min(least, pats.worked[q]);
      }
      expect(familyWorked[f]).toBe(least);
      if (f > 0) {
        const prev = familyStart[f - 1];
        expect([pats.first[prev], pats.last[prev]]).not.toEqual([
          pats.first[familyStart[f]],
          pats.last[familyStart[f]],
        ]);
      }
    }
    // 09:00–13:00 and 13:00–17:00 need no break (hand count).
    const has = (a: number, b: number) =>
      Array.from({ length: pats.count }, (_, q) => q).some(
        (q) => pats.first[q] === a && pats.last[q] === b && pats.breakStart[q] < 0,
      );
    expect(has(0, 7)).toBe(true);
    expect(has(8, 15)).toBe(true);
  });

  it('takes the lunch closure as the break, maybe grown into the window, and caps the minimum length at a short day', () => {
    // Closed 12:00–13:30 (positions 6–8). The break holds the closure; it may start at 11:30 (position 5, in the
    // window; 11:00 is not) and end up to an hour after 13:30, before the shift's last position.
    const d = day(17, [6, 7, 8]);
    const r = dayRules(d, rules, 30);
    const pats = enumeratePatterns(d, r, fullDay);
    const gaps = new Set<string>();
    for (let q = 0; q < pats.count; q++) {
      if (pats.first[q] < 6 && pats.last[q] > 8) {
        const [b0, b1] = [pats.breakStart[q], pats.breakEnd[q]];
        expect(b0 === 6 || (b0 === 5 && pats.first[q] < 5)).toBe(true);
        expect(b1).toBeGreaterThanOrEqual(9);
        expect(b1).toBeLessThanOrEqual(Math.min(11, pats.last[q]));
        expect(pats.shortest[q]).toBe(b0 === 6 && b1 === 9 ? 1 : 0);
        const worked: number[] = [];
        for (let p = pats.first[q]; p <= pats.last[q]; p++)
          if ((p < b0 || p >= b1) && d.open[p]) worked.push(p);
        expect(checkShift(d, r, fullDay, worked).problems).toEqual([]);
        gaps.add(`${b0}-${b1}`);
      }
    }
    expect([...gaps].sort()).toEqual(['5-10', '5-11', '5-9', '6-10', '6-11', '6-9']);
    const saturday = day(6);
    const short = dayRules(saturday, rules, 30);
    expect(short.minShiftMinutes).toBe(180);
    expect(enumeratePatterns(saturday, short, fullDay).count).toBe(1);
  });

  it('respects availability', () => {
    const d = day(16);
    const pats = enumeratePatterns(d, dayRules(d, rules, 30), {
      fromMinute: 12 * 60 + 30,
      toMinute: 17 * 60 + 30,
      maxWorkMinutes: 300,
    });
    for (let q = 0; q < pats.count; q++) expect(540 + pats.first[q] * 30).toBeGreaterThanOrEqual(750);
    expect(pats.count).toBeGreaterThan(0);
  });
});

describe('checkShift', () => {
  const d = day(16);
  const r = dayRules(d, rules, 30);
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

  it('accepts a full day with an hour off at 12:00', () => {
    const res = checkShift(d, r, fullDay, [...range(0, 5), ...range(8, 15)]);
    expect(res.problems).toEqual([]);
    expect([res.breakStart, res.breakEnd]).toEqual([6, 8]);
  });

  it('rejects a shift spanning the window without a break, two gaps, a short break, a break too early', () => {
    expect(checkShift(d, r, fullDay, range(0, 12)).problems.join()).toContain('without a break');
    expect(
      checkShift(d, r, fullDay, [...range(0, 3), ...range(5, 6), ...range(8, 15)]).problems.join(),
    ).toContain('gaps');
    expect(checkShift(d, r, fullDay, [...range(0, 5), ...range(7, 15)]).problems.join()).toContain(
      'shorter than 60',
    );
    expect(checkShift(d, r, fullDay, [...range(0, 1), ...range(4, 15)]).problems.join()).toContain(
      'outside the break window',
    );
  });

  it('accepts a break of any length from an hour, and a closure grown into a break that starts in the window', () => {
    // DESIGN.md: one break of at least breakMinutes starting inside breakWindow; a lunch closure counts as it.
    expect(checkShift(d, r, fullDay, [...range(0, 4), ...range(10, 15)]).problems).toEqual([]);
    const lunch = day(17, [6, 7, 8]);
    const lr = dayRules(lunch, rules, 30);
    expect(checkShift(lunch, lr, fullDay, [...range(0, 5), ...range(9, 15)]).problems).toEqual([]);
    expect(checkShift(lunch, lr, fullDay, [...range(0, 4), ...range(10, 15)]).problems).toEqual([]);
    // Grown back to 11:00, the break starts before the window: the closure no longer excuses it.
    expect(checkShift(lunch, lr, fullDay, [...range(0, 3), ...range(9, 15)]).problems.join()).toContain(
      'outside the break window',
    );
  });

  it('rejects a short shift, a long one, too much work, and work outside availability', () => {
    expect(checkShift(d, r, fullDay, range(0, 5)).problems.join()).toContain('shorter than 240');
    const long = dayRules(day(20), rules, 30);
    expect(
      checkShift(day(20), long, { ...fullDay, toMinute: 24 * 60 }, [
        ...range(0, 5),
        ...range(8, 19),
      ]).problems.join(),
    ).toContain('longer than 540');
    expect(
      checkShift(d, r, { ...fullDay, maxWorkMinutes: 300 }, [
        ...range(0, 5),
        ...range(8, 15),
      ]).problems.join(),
    ).toContain('more than 300');
    expect(checkShift(d, r, { ...fullDay, fromMinute: 600 }, range(0, 7)).problems).toContain(
      'outside availability',
    );
  });
});
