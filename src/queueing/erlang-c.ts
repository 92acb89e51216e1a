import { logErlangB } from './erlang-b.js';
import { checkIntegerServers, checkLoad } from './validate.js';

/**
 * Erlang C from a known Erlang B value (internal): C = n·B / (n − a·(1 − B)) for a < n; 1 when a ≥ n > 0 or n = 0.
 */
export function erlangCFromLogB(offeredLoadErlangs: number, servers: number, logB: number): number {
  if (offeredLoadErlangs === 0) return 0;
  if (servers <= offeredLoadErlangs) return 1;
  const b = Math.exp(logB);
  return Math.exp(Math.log(servers) + logB - Math.log(servers - offeredLoadErlangs * (1 - b)));
}

/**
 * Erlang C: the probability that an arrival has to wait in the M/M/c queue (every server busy), for offered load
 * a = λ × AHT Erlangs. When a ≥ servers the queue is unstable and every arrival eventually waits: the result is 1,
 * not an error.
 *
 * Computed from Erlang B by C = n·B / (n − a·(1 − B)), with B from the stable ratio recursion (see
 * {@link erlangB}); exact to rounding up to 10,000 servers and beyond.
 * Reference: A. K. Erlang (1917); Gross & Harris, *Fundamentals of Queueing Theory*, §2.3.
 * Complexity: O(servers).
 *
 * @param offeredLoadErlangs offered load a ≥ 0, Erlangs.
 * @param servers number of servers, a non-negative integer.
 * @returns probability of waiting, 0–1.
 * @throws QueuecastError INVALID_ARGUMENT for a negative or non-finite load, or non-integer servers.
 * @example
 * // 100 arrivals per 30 min, AHT 180 s: a = 10 Erlangs
 * erlangC(10, 14); // => 0.1741 (to 4 decimals)
 * erlangC(10, 10); // => 1 (unstable)
 */
export function erlangC(offeredLoadErlangs: number, servers: number): number {
  checkLoad('erlangC', offeredLoadErlangs);
  checkIntegerServers('erlangC', servers);
  return erlangCFromLogB(offeredLoadErlangs, servers, logErlangB(offeredLoadErlangs, servers));
}
