import type { DayFeatures } from './series-grid.js';

/** Calendar effects the models know: first and second day after a long break, make-up day, month end, eve. */
export const CALENDAR_FLAGS = 5;

/**
 * Calendar flags of a day as a bit set: 1 first day after a long break, 2 second day, 4 make-up day, 8 month end,
 * 16 last open day before a long break.
 */
export function calendarFlags(f: DayFeatures, d: number): number {
  return (
    (f.afterBreak[d] === 1 ? 1 : 0) |
    (f.afterBreak[d] === 2 ? 2 : 0) |
    (f.makeup[d] ? 4 : 0) |
    (f.monthEnd[d] ? 8 : 0) |
    (f.beforeBreak[d] ? 16 : 0)
  );
}

/**
 * Size of flag `k` on day `d`: for the days after a break, log(closed days ∕ 2), so that a break of three days
 * weighs 0.41 and the nine of Spring Festival 1.5 (a weekend, 2 days, is the baseline); 1 for the other flags.
 */
export function calendarDose(f: DayFeatures, d: number, k: number): number {
  return k <= 1 ? Math.log(Math.max(f.breakDays[d], 2) / 2) : 1;
}
