import { check } from '../errors.js';
import { erlangAMetrics } from './erlang-a.js';
import type { QueueSpec, ServiceTarget } from './types.js';
import { checkQueue, checkTarget } from './validate.js';

/**
 * Options of {@link fewestServers} and {@link fewestServersFractional}.
 *
 * @example
 * fewestServers({ arrivalsPerHour: 200, ahtSeconds: 180 }, { fraction: 0.8, withinSeconds: 20 }, { maxOccupancy: 0.6 }); // => 17
 */
export interface FewestServersOptions {
  /** Highest mean occupancy allowed, in (0, 1]. Default 1 (no bound). */
  readonly maxOccupancy?: number;
  /** Search limit: when no count up to this reaches the target the result is `Infinity`. Default 1,000,000. */
  readonly maxServers?: number;
}

/**
 * Defaults of {@link FewestServersOptions}.
 *
 * @example
 * defaultFewestServersOptions.maxOccupancy; // => 1
 */
export const defaultFewestServersOptions: Required<FewestServersOptions> = {
  maxOccupancy: 1,
  maxServers: 1_000_000,
};

/** Relative slack on target comparisons, so that a target met to rounding counts as met. */
const SLACK = 1e-12;

/**
 * 1 / Erlang B by server count for the current search, by the recursion 1/B(k) = 1 + (k/a)·1/B(k − 1): a
 * multiply-add per step (no division in the chain), all terms positive so rounding errors stay relative. Overflow
 * to Infinity only where B < 1e-308, which reads as B = 0 — exact to double precision. Grown on demand and reused
 * across calls (no allocation).
 */
let table = new Float64Array(1024);

function ensureTable(n: number): void {
  if (n < table.length) return;
  let len = table.length;
  while (len <= n) len *= 2;
  const next = new Float64Array(len);
  next.set(table);
  table = next;
}

/**
 * Fill the shared table with 1 / B(k, a) for k = 0…n and return it (internal; the array is overwritten by the next
 * search).
 */
export function inverseErlangBTable(offeredLoadErlangs: number, servers: number): Float64Array {
  ensureTable(servers + 1);
  const ia = 1 / offeredLoadErlangs;
  let inv = 1;
  table[0] = 1;
  for (let k = 1; k <= servers; k++) {
    inv = 1 + k * ia * inv;
    table[k] = inv;
  }
  return table;
}

/** Extend the shared table to `servers` (internal): 1 / B(servers − 1) must be in place. */
export function extendInverseErlangBTable(offeredLoadErlangs: number, servers: number): Float64Array {
  ensureTable(servers + 1);
  table[servers] = 1 + (servers / offeredLoadErlangs) * table[servers - 1];
  return table;
}

/**
 * Where the linear interpolation of a margin (metric − bound, ≥ 0 when met) crosses 0 between n − 1 servers (not
 * met) and n (met); n itself when the margin at n − 1 is not finite (an unstable queue).
 */
export function marginCrossing(n: number, marginBelow: number, marginAt: number): number {
  if (!Number.isFinite(marginBelow) || marginAt === marginBelow) return n;
  return n - 1 + Math.min(1, Math.max(0, -marginBelow / (marginAt - marginBelow)));
}

/** Whether a margin meets its bound to rounding. */
export function marginMet(margin: number, bound: number): boolean {
  return margin >= -Math.abs(bound) * SLACK;
}

/** Erlang C / Allen–Cunneen margins at n servers (1 / Erlang B in the table), written as [service level, mean wait]. */
function erlangCMargins(
  n: number,
  a: number,
  ahtSeconds: number,
  variability: number,
  withinSeconds: number,
  tailScale: number,
  fraction: number,
  meanWaitSeconds: number,
  margins: Float64Array,
): void {
  if (n <= a) {
    margins[0] = -fraction;
    margins[1] = Number.NEGATIVE_INFINITY;
    return;
  }
  const b = 1 / table[n];
  const c = (n * b) / (n - a * (1 - b));
  margins[0] = (withinSeconds === 0 ? 1 - c : 1 - c * Math.exp(-(n - a) * tailScale)) - fraction;
  margins[1] = meanWaitSeconds - (c * variability * ahtSeconds) / (n - a);
}

const below = new Float64Array(2);
const at = new Float64Array(2);

function metC(
  m: Float64Array,
  hasFraction: boolean,
  fraction: number,
  hasWait: boolean,
  wait: number,
): boolean {
  return (!hasFraction || marginMet(m[0], fraction)) && (!hasWait || marginMet(m[1], wait));
}

/**
 * The search behind {@link fewestServers} (internal; scalar arguments, no checks, no allocation on the Erlang C /
 * Allen–Cunneen path). Absent bounds are NaN. `variability` is (ca² + cs²) / 2. When `out` is given, `out[0]`
 * receives the fractional servers of {@link fewestServersFractional}.
 */
export function searchFewestServers(
  arrivalsPerHour: number,
  ahtSeconds: number,
  patienceSeconds: number,
  variability: number,
  fraction: number,
  withinSeconds: number,
  meanWaitSeconds: number,
  maxAbandonShare: number,
  maxOccupancy: number,
  maxServers: number,
  out?: Float64Array,
): number {
  const a = (arrivalsPerHour * ahtSeconds) / 3600;
  if (out !== undefined) out[0] = 0;
  if (a === 0) return 0;
  const hasFraction = !Number.isNaN(fraction) && fraction > 0;
  const hasWait = !Number.isNaN(meanWaitSeconds);
  if (patienceSeconds !== Number.POSITIVE_INFINITY) {
    return searchErlangA(
      arrivalsPerHour,
      ahtSeconds,
      patienceSeconds,
      [hasFraction ? fraction : Number.NaN, meanWaitSeconds, maxAbandonShare, maxOccupancy],
      withinSeconds,
      maxServers,
      out,
    );
  }
  const occupancyBound = Math.ceil((a / maxOccupancy) * (1 - SLACK));
  const lower = Math.max(Math.floor(a) + 1, occupancyBound);
  if (lower > maxServers) {
    if (out !== undefined) out[0] = Number.POSITIVE_INFINITY;
    return Number.POSITIVE_INFINITY;
  }
  const f = hasFraction ? fraction : 0;
  const w = hasWait ? meanWaitSeconds : Number.POSITIVE_INFINITY;
  const tailScale = withinSeconds / (ahtSeconds * variability);
  let n = Math.min(maxServers, Math.max(lower, Math.ceil(a + 0.5 * Math.sqrt(a))));
  inverseErlangBTable(a, n);
  erlangCMargins(n, a, ahtSeconds, variability, withinSeconds, tailScale, f, w, at);
  if (metC(at, hasFraction, f, hasWait, w)) {
    for (;;) {
      erlangCMargins(n - 1, a, ahtSeconds, variability, withinSeconds, tailScale, f, w, below);
      if (n === lower || !metC(below, hasFraction, f, hasWait, w)) break;
      n--;
      at[0] = below[0];
      at[1] = below[1];
    }
  } else {
    for (;;) {
      below[0] = at[0];
      below[1] = at[1];
      n++;
      if (n > maxServers) {
        if (out !== undefined) out[0] = Number.POSITIVE_INFINITY;
        return Number.POSITIVE_INFINITY;
      }
      extendInverseErlangBTable(a, n);
      erlangCMargins(n, a, ahtSeconds, variability, withinSeconds, tailScale, f, w, at);
      if (metC(at, hasFraction, f, hasWait, w)) break;
    }
  }
  if (out !== undefined) {
    let x = Number.NEGATIVE_INFINITY;
    if (hasFraction && !marginMet(below[0], f)) x = Math.max(x, marginCrossing(n, below[0], at[0]));
    if (hasWait && !marginMet(below[1], w)) x = Math.max(x, marginCrossing(n, below[1], at[1]));
    if (maxOccupancy < 1 && occupancyBound === n) x = Math.max(x, a / maxOccupancy);
    out[0] = x === Number.NEGATIVE_INFINITY ? n : x;
  }
  return n;
}

/** Erlang A search: margins [service level, mean wait, abandonment, occupancy]; NaN bounds are skipped. */
function searchErlangA(
  arrivalsPerHour: number,
  ahtSeconds: number,
  patienceSeconds: number,
  bounds: readonly number[],
  withinSeconds: number,
  maxServers: number,
  out: Float64Array | undefined,
): number {
  const a = (arrivalsPerHour * ahtSeconds) / 3600;
  const margins = (n: number): number[] => {
    const x = erlangAMetrics(
      arrivalsPerHour,
      ahtSeconds,
      patienceSeconds,
      n,
      withinSeconds,
      -Math.log(table[n]),
    );
    return [
      x.serviceLevel - bounds[0],
      bounds[1] - x.meanWaitSeconds,
      bounds[2] - x.abandonShare,
      bounds[3] - x.occupancy,
    ];
  };
  const ok = (m: readonly number[]): boolean =>
    m.every((v, i) => Number.isNaN(bounds[i]) || marginMet(v, bounds[i]));
  let n = Math.min(maxServers, Math.max(0, Math.round(a)));
  inverseErlangBTable(a, n);
  let mAt = margins(n);
  let mBelow: number[] | undefined;
  if (ok(mAt)) {
    while (n > 0) {
      const m = margins(n - 1);
      if (!ok(m)) {
        mBelow = m;
        break;
      }
      n--;
      mAt = m;
    }
  } else {
    for (;;) {
      mBelow = mAt;
      n++;
      if (n > maxServers) {
        if (out !== undefined) out[0] = Number.POSITIVE_INFINITY;
        return Number.POSITIVE_INFINITY;
      }
      extendInverseErlangBTable(a, n);
      mAt = margins(n);
      if (ok(mAt)) break;
    }
  }
  if (out !== undefined) {
    let x = n;
    if (mBelow !== undefined) {
      x = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < 4; i++) {
        if (!Number.isNaN(bounds[i]) && !marginMet(mBelow[i], bounds[i])) {
          x = Math.max(x, marginCrossing(n, mBelow[i], mAt[i]));
        }
      }
    }
    out[0] = x;
  }
  return n;
}

/** Validate a queue, target and options and run the search (internal, shared with the fractional form). */
export function checkedSearch(
  fn: string,
  queue: QueueSpec,
  target: ServiceTarget,
  options: FewestServersOptions,
  out?: Float64Array,
): number {
  checkQueue(fn, queue);
  checkTarget(fn, target);
  const o = { ...defaultFewestServersOptions, ...options };
  check(
    Number.isFinite(o.maxOccupancy) && o.maxOccupancy > 0 && o.maxOccupancy <= 1,
    fn,
    'maxOccupancy must be in (0, 1]',
    o.maxOccupancy,
  );
  check(
    Number.isInteger(o.maxServers) && o.maxServers >= 0,
    fn,
    'maxServers must be a non-negative integer',
    o.maxServers,
  );
  const ca = queue.arrivalCv ?? 1;
  const cs = queue.serviceCv ?? 1;
  return searchFewestServers(
    queue.arrivalsPerHour,
    queue.ahtSeconds,
    queue.patienceSeconds ?? Number.POSITIVE_INFINITY,
    (ca * ca + cs * cs) / 2,
    target.fraction ?? Number.NaN,
    target.withinSeconds ?? 0,
    target.meanWaitSeconds ?? Number.NaN,
    target.maxAbandonShare ?? Number.NaN,
    o.maxOccupancy,
    o.maxServers,
    out,
  );
}

/**
 * The fewest servers that reach a target: a share called within a time, a mean wait, an abandonment share (with
 * finite patience), and optionally a maximum occupancy — every bound given must hold. The model is chosen as in
 * {@link queueMetrics}: Erlang A with finite patience, else Allen–Cunneen (exactly Erlang C with both CVs 1).
 * Without patience the answer is always above the offered load (a stable queue).
 *
 * The search starts from square-root staffing a + ½√a (see {@link squareRootStaffing}) and walks one server at a
 * time, extending the Erlang B ratio recursion incrementally, so a search costs O(a) arithmetic and, on the
 * Erlang C / Allen–Cunneen path, no allocation (millions of searches per second: bench/queueing.bench.ts).
 * Complexity: O(a + steps); Erlang A adds a few series evaluations per step.
 *
 * @param queue arrival rate, AHT, optional patience and CVs.
 * @param target `{ fraction, withinSeconds }`, `{ meanWaitSeconds }`, `{ maxAbandonShare }` or a combination.
 * @param options `maxOccupancy` (default 1), `maxServers` (default 1,000,000).
 * @returns an integer ≥ 0 (0 with no arrivals), or `Infinity` when no count up to `maxServers` reaches the target.
 * @throws QueuecastError INVALID_ARGUMENT for invalid input.
 * @example
 * // 100 arrivals per 30 min, AHT 180 s, 80 % within 20 s
 * fewestServers({ arrivalsPerHour: 200, ahtSeconds: 180 }, { fraction: 0.8, withinSeconds: 20 }); // => 14
 * fewestServers({ arrivalsPerHour: 360, ahtSeconds: 120 }, { meanWaitSeconds: 10 }); // => 16
 */
export function fewestServers(
  queue: QueueSpec,
  target: ServiceTarget,
  options: FewestServersOptions = defaultFewestServersOptions,
): number {
  return checkedSearch('fewestServers', queue, target, options);
}
