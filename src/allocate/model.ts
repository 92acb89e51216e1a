import type { Scenario } from '../scenario/scenario.js';
import { parseClock } from '../time/zoned.js';
import type { SlotGrid } from './grid.js';
import { type DayRules, dayRules, enumeratePatterns, type PatternSet } from './shift-rules.js';

/** A group of interchangeable people on one day: same skills, same shift patterns, same cost. */
export interface PersonGroup {
  readonly skillClass: number;
  readonly patterns: PatternSet;
  readonly costPerMinute: number;
  /** Staff indices, in scenario order. */
  readonly members: readonly number[];
  /** 1 for each day position some pattern of the group works. */
  readonly coverable: Uint8Array;
}

/** Everything the solvers need about one day. */
export interface DayModel {
  readonly index: number;
  readonly rules: DayRules;
  readonly groups: readonly PersonGroup[];
  /** Group of each staff member on this day, −1 when they do not work it. */
  readonly groupOf: Int32Array;
  /**
   * Capability used on this day per counter × service: a dedicated counter is narrowed to the one service it keeps
   * all day.
   */
  readonly cap: Uint8Array;
}

/** The scenario in flat arrays: indices for services, counters and staff; skill classes; the slot grid. */
export interface AllocationModel {
  readonly scenario: Scenario;
  readonly grid: SlotGrid;
  readonly serviceCount: number;
  readonly counterCount: number;
  readonly staffCount: number;
  /** Counter × service capability, 1 = the counter can serve the service. */
  readonly cap: Uint8Array;
  /** Staff × service skill. */
  readonly skill: Uint8Array;
  /** Distinct skill sets; staff with equal skills share a class. */
  readonly skillClassOf: Int32Array;
  readonly skillClasses: readonly (readonly number[])[];
  /** Skill class × service membership. */
  readonly classSkill: Uint8Array;
  readonly days: readonly DayModel[];
  readonly dayIndex: ReadonlyMap<string, number>;
}

/**
 * Build the flat model of a scenario. `dedicated` names counters that keep one service for each whole day;
 * `dailyLoad` (slot × service requirements) picks that service for a counter that could serve several.
 */
export function buildModel(
  scenario: Scenario,
  grid: SlotGrid,
  requirements: Float64Array,
  dedicated: ReadonlySet<string>,
): AllocationModel {
  const S = scenario.services.length;
  const C = scenario.counters.length;
  const P = scenario.staff.length;
  const serviceIndex = new Map(scenario.services.map((s, i) => [s.id, i]));
  const cap = new Uint8Array(C * S);
  scenario.counters.forEach((c, ci) => {
    for (const s of c.services) cap[ci * S + serviceIndex.get(s)!] = 1;
  });
  const skill = new Uint8Array(P * S);
  const classKey = new Map<string, number>();
  const skillClasses: number[][] = [];
  const skillClassOf = new Int32Array(P);
  scenario.staff.forEach((p, pi) => {
    const set: number[] = [];
    for (const s of p.skills) {
      const si = serviceIndex.get(s);
      if (si !== undefined && skill[pi * S + si] === 0) {
        skill[pi * S + si] = 1;
        set.push(si);
      }
    }
    set.sort((a, b) => a - b);
    const key = set.join(',');
    let k = classKey.get(key);
    if (k === undefined) {
      k = skillClasses.length;
      classKey.set(key, k);
      skillClasses.push(set);
    }
    skillClassOf[pi] = k;
  });
  const classSkill = new Uint8Array(skillClasses.length * S);
  skillClasses.forEach((set, k) => {
    for (const s of set) classSkill[k * S + s] = 1;
  });
  const avail = scenario.staff.map((p) => ({
    fromMinute: parseClock(p.availableFrom, 'allocate'),
    toMinute: parseClock(p.availableTo, 'allocate'),
    maxWorkMinutes: p.maxWorkMinutes,
  }));
  const dates = scenario.staff.map((p) => (p.dates === undefined ? undefined : new Set(p.dates)));
  const days: DayModel[] = grid.days.map((day, d) => {
    const rules = dayRules(day, scenario.shiftRules, grid.slotMinutes);
    const patternCache = new Map<string, PatternSet>();
    const groupKey = new Map<string, number>();
    const groups: {
      skillClass: number;
      patterns: PatternSet;
      costPerMinute: number;
      members: number[];
      coverable: Uint8Array;
    }[] = [];
    const groupOf = new Int32Array(P).fill(-1);
    for (let p = 0; p < P; p++) {
      if (dates[p] !== undefined && !dates[p]!.has(day.date)) continue;
      const a = avail[p];
      const aKey = `${a.fromMinute}|${a.toMinute}|${a.maxWorkMinutes}`;
      let patterns = patternCache.get(aKey);
      if (patterns === undefined) {
        patterns = enumeratePatterns(day, rules, a);
        patternCache.set(aKey, patterns);
      }
      if (patterns.count === 0) continue;
      const cost = scenario.staff[p].costPerMinute ?? 1;
      const key = `${skillClassOf[p]}|${aKey}|${cost}`;
      let g = groupKey.get(key);
      if (g === undefined) {
        g = groups.length;
        groupKey.set(key, g);
        groups.push({
          skillClass: skillClassOf[p],
          patterns,
          costPerMinute: cost,
          members: [],
          coverable: coverableOf(patterns, day.length),
        });
      }
      groups[g].members.push(p);
      groupOf[p] = g;
    }
    return {
      index: d,
      rules,
      groups,
      groupOf,
      cap: dayCapability(scenario, grid, d, cap, requirements, dedicated),
    };
  });
  return {
    scenario,
    grid,
    serviceCount: S,
    counterCount: C,
    staffCount: P,
    cap,
    skill,
    skillClassOf,
    skillClasses,
    classSkill,
    days,
    dayIndex: new Map(grid.days.map((d, i) => [d.date, i])),
  };
}

/**
 * Capability of each counter on day `d`. A dedicated counter that could serve several services keeps the one whose
 * day's requirement per dedicated counter is largest, so dedicated counters spread over the busiest services.
 */
function dayCapability(
  scenario: Scenario,
  grid: SlotGrid,
  d: number,
  cap: Uint8Array,
  requirements: Float64Array,
  dedicated: ReadonlySet<string>,
): Uint8Array {
  const S = scenario.services.length;
  const C = scenario.counters.length;
  const out = cap.slice();
  const isDedicated = scenario.counters.map((c) => c.dedicated === true || dedicated.has(c.id));
  if (!isDedicated.some(Boolean)) return out;
  const load = new Float64Array(S);
  for (let t = 0; t < grid.slotDay.length; t++) {
    if (grid.slotDay[t] !== d) continue;
    for (let s = 0; s < S; s++) load[s] += requirements[t * S + s];
  }
  const kept = new Float64Array(S);
  const order = [...Array(C).keys()]
    .filter((c) => isDedicated[c])
    .sort((a, b) => capSize(cap, a, S) - capSize(cap, b, S) || a - b);
  for (const c of order) {
    let best = -1;
    for (let s = 0; s < S; s++) {
      if (!cap[c * S + s]) continue;
      if (best < 0 || load[s] / (kept[s] + 1) > load[best] / (kept[best] + 1)) best = s;
    }
    for (let s = 0; s < S; s++) out[c * S + s] = s === best ? 1 : 0;
    kept[best]++;
  }
  return out;
}

function capSize(cap: Uint8Array, c: number, S: number): number {
  let n = 0;
  for (let s = 0; s < S; s++) n += cap[c * S + s];
  return n;
}

/** Coverable positions by pattern set: groups of one availability share a set, and sets are cached across days. */
const coverableCache = new WeakMap<PatternSet, Uint8Array>();

function coverableOf(pat: PatternSet, length: number): Uint8Array {
  const hit = coverableCache.get(pat);
  if (hit !== undefined && hit.length === length) return hit;
  const out = new Uint8Array(length);
  for (let q = 0; q < pat.count; q++) {
    for (let pos = pat.first[q]; pos <= pat.last[q]; pos++) {
      if (pat.breakStart[q] >= 0 && pos >= pat.breakStart[q] && pos < pat.breakEnd[q]) continue;
      out[pos] = 1;
    }
  }
  coverableCache.set(pat, out);
  return out;
}
