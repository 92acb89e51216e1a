import type { ShiftRules } from '../scenario/scenario.js';
import { parseClock } from '../time/zoned.js';
import type { GridDay } from './grid.js';

/** A person's working window and limit, minutes of day. */
export interface Availability {
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly maxWorkMinutes: number;
}

/**
 * Shift patterns of one day for one availability, as flat arrays: pattern k works the open positions of
 * `[first[k], last[k]]` except its break `[breakStart[k], breakEnd[k])` (both −1 when it has none).
 */
export interface PatternSet {
  readonly count: number;
  readonly first: Int16Array;
  readonly last: Int16Array;
  readonly breakStart: Int16Array;
  readonly breakEnd: Int16Array;
  /** Worked positions (open, outside the break). */
  readonly worked: Int16Array;
  /** 1 where the break is the shortest allowed (none, `breakMinutes` rounded up, or the closure itself). */
  readonly shortest: Uint8Array;
  /**
   * Families: patterns with the same first and last positions are consecutive, family f being
   * `[familyStart[f], familyStart[f + 1])`; `familyWorked[f]` is the fewest positions one of them works.
   */
  readonly familyStart: Int32Array;
  readonly familyWorked: Int16Array;
}

/** Shift rules resolved for one day, in positions. */
export interface DayRules {
  readonly slotMinutes: number;
  /** `minShiftMinutes`, capped at the day's span so that a short day can still be worked. */
  readonly minShiftMinutes: number;
  readonly maxShiftMinutes: number;
  readonly breakMinutes: number;
  /** Break length in positions (breakMinutes rounded up). */
  readonly breakPositions: number;
  /**
   * Positions a break (or a lunch closure taken as the break) may run beyond its shortest in the enumerated
   * patterns: {@link BREAK_EXTENSION_MINUTES}, in whole positions.
   */
  readonly breakExtensionPositions: number;
  readonly windowFrom: number;
  readonly windowTo: number;
}

/**
 * The rules allow a break of any length from `breakMinutes` (DESIGN.md, "How a plan is operated"); the patterns
 * the solvers choose from let a break, or a lunch closure taken as the break, run up to this much longer. A longer
 * break is unpaid time where demand dips around lunch: on the large benchmark week, whose hall closes 12:00–13:30,
 * it saves about 6 % of staff-minutes. Every extra position multiplies the patterns, and so the solvers' time.
 */
export const BREAK_EXTENSION_MINUTES = 60;

/** Whether a break starting at `minute` (of day) starts inside the break window. */
function inWindow(minute: number, r: DayRules): boolean {
  return minute >= r.windowFrom && minute < r.windowTo;
}

/** Resolve the shift rules for one day of the grid. */
export function dayRules(day: GridDay, rules: ShiftRules, slotMinutes: number): DayRules {
  return {
    slotMinutes,
    minShiftMinutes: Math.min(rules.minShiftMinutes, day.length * slotMinutes),
    maxShiftMinutes: rules.maxShiftMinutes,
    breakMinutes: rules.breakMinutes,
    breakPositions: Math.ceil(rules.breakMinutes / slotMinutes),
    breakExtensionPositions: Math.floor(BREAK_EXTENSION_MINUTES / slotMinutes),
    windowFrom: parseClock(rules.breakWindow[0], 'allocate'),
    windowTo: parseClock(rules.breakWindow[1], 'allocate'),
  };
}

/**
 * Enumerate the shift patterns a person with `avail` may work on `day`: from a first to a last open position,
 * between the minimum and maximum length, inside the availability, at most `maxWorkMinutes` worked, with no gap
 * but one break. A closure of the hall inside the shift is its break, and may grow on either side into a longer
 * break that starts inside the break window; otherwise a break starting inside the window is taken when the shift
 * spans the whole window or would otherwise work too long. Breaks last from `breakMinutes` to
 * {@link BREAK_EXTENSION_MINUTES} more (a closure, from its own length).
 *
 * Complexity O(positions² × window positions × extension positions).
 */
export function enumeratePatterns(day: GridDay, r: DayRules, avail: Availability): PatternSet {
  const key = `${day.firstMinute}|${Array.prototype.join.call(day.open, '')}|${r.slotMinutes}|${r.minShiftMinutes}|${r.maxShiftMinutes}|${r.breakPositions}|${r.breakMinutes}|${r.windowFrom}|${r.windowTo}|${avail.fromMinute}|${avail.toMinute}|${avail.maxWorkMinutes}`;
  const hit = patternCache.get(key);
  if (hit !== undefined) return hit;
  const made = makePatterns(day, r, avail);
  if (patternCache.size >= 512) patternCache.clear();
  patternCache.set(key, made);
  return made;
}

/** Pattern sets by day layout, rules and availability: a city's centres share a few opening-hour shapes. */
const patternCache = new Map<string, PatternSet>();

function makePatterns(day: GridDay, r: DayRules, avail: Availability): PatternSet {
  const first: number[] = [];
  const last: number[] = [];
  const bs: number[] = [];
  const be: number[] = [];
  const worked: number[] = [];
  const shortest: number[] = [];
  const n = day.length;
  const sm = r.slotMinutes;
  const openPrefix = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) openPrefix[p + 1] = openPrefix[p] + day.open[p];
  const closureAt = new Int32Array(n).fill(-1);
  day.closures.forEach(([a, b], ci) => {
    for (let p = a; p < b; p++) closureAt[p] = ci;
  });
  const push = (i: number, j: number, b0: number, b1: number, w: number, least: boolean) => {
    first.push(i);
    last.push(j);
    bs.push(b0);
    be.push(b1);
    worked.push(w);
    shortest.push(least ? 1 : 0);
  };
  for (let i = 0; i < n; i++) {
    if (!day.open[i]) continue;
    const startMinute = day.firstMinute + i * sm;
    if (startMinute < avail.fromMinute) continue;
    let closures = 0;
    let closure = -1;
    for (let j = i; j < n; j++) {
      if (!day.open[j]) {
        if (closureAt[j] !== closure) {
          closures++;
          closure = closureAt[j];
        }
        continue;
      }
      if (closures > 1) break;
      const endMinute = day.firstMinute + (j + 1) * sm;
      const span = endMinute - startMinute;
      if (endMinute > avail.toMinute || span > r.maxShiftMinutes) break;
      if (span < r.minShiftMinutes) continue;
      const openCount = openPrefix[j + 1] - openPrefix[i];
      if (closures === 1) {
        // The closure is the break; it may grow into a longer break that starts inside the window.
        const [c0, c1] = day.closures[closure];
        const e = r.breakExtensionPositions;
        for (let b0 = c0; b0 > i && b0 >= c0 - e; b0--) {
          const startsInWindow = inWindow(day.firstMinute + b0 * sm, r);
          if (b0 < c0 && !startsInWindow) continue;
          for (let b1 = c1; b1 <= j && b1 <= c1 + e; b1++) {
            const extra = c0 - b0 + b1 - c1;
            if (extra > 0 && (!startsInWindow || (b1 - b0) * sm < r.breakMinutes)) continue;
            const w = openCount - extra;
            if (w > 0 && w * sm <= avail.maxWorkMinutes) push(i, j, b0, b1, w, extra === 0);
          }
        }
        continue;
      }
      const needsBreak =
        r.breakPositions > 0 &&
        startMinute <= r.windowFrom &&
        endMinute >= r.windowTo &&
        r.windowTo > r.windowFrom;
      if (!needsBreak && openCount * sm <= avail.maxWorkMinutes) push(i, j, -1, -1, openCount, true);
      if (r.breakPositions > 0 && (needsBreak || openCount * sm > avail.maxWorkMinutes)) {
        for (let b = i + 1; b + r.breakPositions <= j; b++) {
          const bm = day.firstMinute + b * sm;
          if (bm < r.windowFrom) continue;
          if (bm >= r.windowTo) break;
          const longest = Math.min(j - b, r.breakPositions + r.breakExtensionPositions);
          for (let len = r.breakPositions; len <= longest; len++) {
            const w = openCount - len;
            if (w > 0 && w * sm <= avail.maxWorkMinutes) push(i, j, b, b + len, w, len === r.breakPositions);
          }
        }
      }
    }
  }
  const familyStart: number[] = [];
  const familyWorked: number[] = [];
  for (let q = 0; q < first.length; q++) {
    if (q === 0 || first[q] !== first[q - 1] || last[q] !== last[q - 1]) {
      familyStart.push(q);
      familyWorked.push(worked[q]);
    } else familyWorked[familyWorked.length - 1] = Math.min(familyWorked[familyWorked.length - 1], worked[q]);
  }
  familyStart.push(first.length);
  return {
    count: first.length,
    first: Int16Array.from(first),
    last: Int16Array.from(last),
    breakStart: Int16Array.from(bs),
    breakEnd: Int16Array.from(be),
    worked: Int16Array.from(worked),
    shortest: Uint8Array.from(shortest),
    familyStart: Int32Array.from(familyStart),
    familyWorked: Int16Array.from(familyWorked),
  };
}

/**
 * Check a person's worked positions on one day against the shift rules (DESIGN.md, "How a plan is operated").
 * Returns the violated rules as short texts (empty when the shift is valid) and the break found, in positions.
 */
export function checkShift(
  day: GridDay,
  r: DayRules,
  avail: Availability,
  workedPositions: readonly number[],
): { problems: string[]; breakStart: number; breakEnd: number } {
  const problems: string[] = [];
  const sm = r.slotMinutes;
  const sorted = [...workedPositions].sort((a, b) => a - b);
  const i = sorted[0];
  const j = sorted[sorted.length - 1];
  const startMinute = day.firstMinute + i * sm;
  const endMinute = day.firstMinute + (j + 1) * sm;
  const span = endMinute - startMinute;
  if (startMinute < avail.fromMinute || endMinute > avail.toMinute) problems.push('outside availability');
  if (span < r.minShiftMinutes) problems.push(`shift of ${span} min is shorter than ${r.minShiftMinutes}`);
  if (span > r.maxShiftMinutes) problems.push(`shift of ${span} min is longer than ${r.maxShiftMinutes}`);
  if (sorted.length * sm > avail.maxWorkMinutes) {
    problems.push(`works ${sorted.length * sm} min, more than ${avail.maxWorkMinutes}`);
  }
  const worked = new Uint8Array(day.length);
  for (const p of sorted) worked[p] = 1;
  const gaps: [number, number][] = [];
  for (let p = i; p <= j; p++) {
    if (worked[p]) continue;
    const g = p;
    while (p <= j && !worked[p]) p++;
    gaps.push([g, p]);
  }
  let breakStart = -1;
  let breakEnd = -1;
  if (gaps.length > 1) problems.push(`${gaps.length} gaps in the shift, at most one break allowed`);
  else if (gaps.length === 1) {
    [breakStart, breakEnd] = gaps[0];
    // A gap of closed positions only is a closure of the hall, the break itself; any other gap is a break.
    let pure = true;
    for (let p = breakStart; p < breakEnd; p++) if (day.open[p]) pure = false;
    const bm = day.firstMinute + breakStart * sm;
    if (!pure) {
      if ((breakEnd - breakStart) * sm < r.breakMinutes) {
        problems.push(`break of ${(breakEnd - breakStart) * sm} min is shorter than ${r.breakMinutes}`);
      }
      if (bm < r.windowFrom || bm >= r.windowTo) problems.push('break starts outside the break window');
    }
  } else if (
    r.breakMinutes > 0 &&
    startMinute <= r.windowFrom &&
    endMinute >= r.windowTo &&
    r.windowTo > r.windowFrom
  ) {
    problems.push('shift spans the break window without a break');
  }
  return { problems, breakStart, breakEnd };
}
