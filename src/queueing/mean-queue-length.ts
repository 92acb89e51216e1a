import { erlangC } from './erlang-c.js';

/**
 * Mean number of customers waiting in the M/M/c queue: Lq = C(c, a) · a / (c − a), with C from {@link erlangC};
 * `Infinity` when the offered load is at or above the servers (unstable), 0 with no load. For general service
 * times multiply by the Allen–Cunneen factor (ca² + cs²) / 2 (see {@link allenCunneen}).
 * Reference: Gross & Harris, *Fundamentals of Queueing Theory*, §2.3. Complexity O(servers).
 *
 * @param offeredLoadErlangs offered load a ≥ 0, Erlangs.
 * @param servers a non-negative integer.
 * @example
 * meanQueueLength(10, 14); // => 0.435 (to 3 decimals)
 */
export function meanQueueLength(offeredLoadErlangs: number, servers: number): number {
  const c = erlangC(offeredLoadErlangs, servers);
  if (offeredLoadErlangs === 0) return 0;
  if (servers <= offeredLoadErlangs) return Number.POSITIVE_INFINITY;
  return (c * offeredLoadErlangs) / (servers - offeredLoadErlangs);
}
