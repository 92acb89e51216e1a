import { checkLoad, checkServers } from './validate.js';

/**
 * Occupancy: the mean share of time a server is busy, a / servers, capped at 1 (an overloaded queue keeps every
 * server busy). For a queue with abandonment pass the carried load λ·(1 − abandonShare)·AHT instead of a.
 * Complexity O(1).
 *
 * @param offeredLoadErlangs offered (or carried) load, Erlangs, ≥ 0.
 * @param servers servers, ≥ 0 (fractional allowed).
 * @returns occupancy 0–1 (0 with no load; 1 with load and no servers).
 * @example
 * occupancy(10, 14); // => 0.714 (to 3 decimals)
 */
export function occupancy(offeredLoadErlangs: number, servers: number): number {
  checkLoad('occupancy', offeredLoadErlangs);
  checkServers('occupancy', servers);
  if (offeredLoadErlangs === 0) return 0;
  if (servers === 0) return 1;
  return Math.min(1, offeredLoadErlangs / servers);
}
