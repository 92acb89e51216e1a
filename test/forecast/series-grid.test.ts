import { describe, expect, it } from 'vitest';
import { buildSeriesGrid, SeriesGrid } from '../../src/forecast/index.js';
import { syntheticHall, syntheticPlain } from './synthetic.js';

const indexOf = (grid: SeriesGrid, date: string): number => {
  for (let d = -10; d < grid.dayCount + 400; d++) if (grid.dateOf(d) === date) return d;
  throw new Error(date);
};

describe('SeriesGrid on the Chinese calendar', () => {
  // History up to Friday 2026-02-13, just before the 2026 Spring Festival holiday (chinese-days: 02-15 … 02-23
  // closed, make-up working days Saturday 02-14 and Saturday 02-28).
  const grid = buildSeriesGrid(syntheticHall({ seed: 1, from: '2025-11-03', to: '2026-02-13' }));
  const f = grid.days(grid.dayCount + 30);

  it('infers the opening hours from the slots seen and lays out future open slots from the calendar', () => {
    expect(grid.openingHours[3]).toEqual([
      ['09:00', '12:00'],
      ['13:30', '17:30'],
    ]);
    expect(grid.openingHours[6]).toEqual([]);
    const wed = indexOf(grid, '2026-03-04');
    expect(grid.openSlots(wed, wed + 1).length).toBe(14);
  });

  it('closes the holiday, opens the make-up Saturdays with the pattern of an ordinary weekday', () => {
    const holiday = indexOf(grid, '2026-02-17');
    expect(f.open[holiday]).toBe(0);
    expect(grid.openSlots(holiday, holiday + 1)).toEqual([]);
    for (const date of ['2026-02-14', '2026-02-28']) {
      const d = indexOf(grid, date);
      expect(f.open[d]).toBe(1);
      expect(f.makeup[d]).toBe(1);
      expect(f.weekday[d]).toBe(6);
      expect(f.pattern[d]).toBe(3);
      expect(grid.openSlots(d, d + 1).length).toBe(14);
    }
  });

  it('flags the two days after the break with its length, the eve of the break and month ends', () => {
    const first = indexOf(grid, '2026-02-24');
    // 02-15 … 02-23 closed: nine days.
    expect([f.afterBreak[first], f.breakDays[first]]).toEqual([1, 9]);
    expect([f.afterBreak[first + 1], f.breakDays[first + 1]]).toEqual([2, 9]);
    expect(f.beforeBreak[indexOf(grid, '2026-02-14')]).toBe(1);
    // The last three open days of February 2026: 02-26, 02-27, 02-28 (make-up Saturday).
    expect(
      ['2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28'].map((d) => f.monthEnd[indexOf(grid, d)]),
    ).toEqual([0, 1, 1, 1]);
    // An ordinary Monday after a weekend is not "after a long break".
    expect(f.afterBreak[indexOf(grid, '2026-03-02')]).toBe(0);
  });

  it('refuses dates past the holiday calendar instead of guessing', () => {
    expect(() => grid.days(grid.dayCount + 400)).toThrow(
      expect.objectContaining({ code: 'OUT_OF_COVERAGE' }),
    );
  });
});

describe('SeriesGrid of a plain series (calendar none)', () => {
  it('treats days absent from the history as closed and keeps the weekly pattern of open days', () => {
    const base = syntheticPlain(3, 56);
    // Drop Saturdays and Sundays everywhere, and one Wednesday (a holiday of the series).
    const rows = base.rows.filter((r) => {
      const day = Math.floor(r.slotStart / 86_400_000);
      const wd = ((day + 3) % 7) + 1;
      return wd <= 5 && new Date(r.slotStart).toISOString().slice(0, 10) !== '2024-01-17';
    });
    const grid = buildSeriesGrid({ ...base, rows });
    const f = grid.days(grid.dayCount + 7);
    expect(f.open[indexOf(grid, '2024-01-17')]).toBe(0);
    expect(f.afterBreak[indexOf(grid, '2024-01-18')]).toBe(0);
    const next = grid.openSlots(grid.dayCount, grid.dayCount + 7);
    expect(next.length).toBe(5 * 24);
    expect(grid.warnings).toEqual([]);
  });

  it('aligns slots to local wall-clock time across a daylight-saving change', () => {
    // America/New_York springs forward on 2024-03-10 (02:00 → 03:00): that day has 23 hourly slots.
    const start = Date.parse('2024-03-04T05:00:00Z');
    const slotStart: number[] = [];
    for (let t = start; t < Date.parse('2024-03-16T05:00:00Z'); t += 3_600_000) slotStart.push(t);
    const grid = SeriesGrid.fromArrays(
      {},
      slotStart,
      slotStart.map(() => 1),
      {
        slotMinutes: 60,
        timezone: 'America/New_York',
        calendar: 'none',
      },
    );
    const d = indexOf(grid, '2024-03-10');
    expect(grid.dayTotal[d]).toBe(23);
    expect(Number.isNaN(grid.values[d * 24 + 2])).toBe(true);
    expect(grid.dayTotal[d + 1]).toBe(24);
    const day = new Int32Array(1);
    const pos = new Int32Array(1);
    grid.locate([grid.slotStartOf(d + 1, 9)], day, pos);
    expect([day[0], pos[0]]).toEqual([d + 1, 9]);
  });
});
