import { logGamma } from './special-functions.js';
import { checkIntegerServers, checkLoad } from './validate.js';

/** Below this, Erlang B continues in logarithms instead of underflowing. */
const LOG_SWITCH = 1e-250;

/**
 * ln of Erlang B without input checks (internal). The ratio recursion B(k) = a·B(k−1) / (k + a·B(k−1)) from
 * B(0) = 1 is stable; once B < 1e-250 the a·B term in the denominator is below rounding and the remaining steps
 * are the closed form ln B(n) = ln B(k) + (n − k) ln a − ln(n! / k!).
 */
export function logErlangB(offeredLoadErlangs: number, servers: number): number {
  if (servers === 0) return 0;
  if (offeredLoadErlangs === 0) return Number.NEGATIVE_INFINITY;
  const a = offeredLoadErlangs;
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = a * b;
    b = ab / (k + ab);
    if (b < LOG_SWITCH && k < servers) {
      return Math.log(b) + (servers - k) * Math.log(a) - (logGamma(servers + 1) - logGamma(k + 1));
    }
  }
  return Math.log(b);
}

/**
 * Erlang B: the probability that an arrival finds all servers busy in the M/M/c/c loss system, where blocked
 * customers are lost. Offered load a = λ × AHT in Erlangs; the result depends on the service-time distribution
 * only through its mean (insensitivity).
 *
 * Computed by the ratio recursion B(k) = a·B(k−1) / (k + a·B(k−1)), which never overflows (no factorials or
 * powers), and continued in logarithms below 1e-250, so it is exact to rounding for 10,000 servers and beyond.
 * Reference: A. K. Erlang (1917); recursion e.g. in Cooper, *Introduction to Queueing Theory* (1981), §3.
 * Complexity: O(servers) time, O(1) memory.
 *
 * @param offeredLoadErlangs offered load a ≥ 0, Erlangs.
 * @param servers number of servers, a non-negative integer.
 * @returns blocking probability, 0–1 (1 for zero servers with a > 0).
 * @throws QueuecastError INVALID_ARGUMENT for a negative or non-finite load, or non-integer servers.
 * @example
 * erlangB(10, 14); // => 0.0568 (to 4 decimals)
 * erlangB(10_000, 10_000); // => 0.00794 — no overflow
 */
export function erlangB(offeredLoadErlangs: number, servers: number): number {
  checkLoad('erlangB', offeredLoadErlangs);
  checkIntegerServers('erlangB', servers);
  return Math.exp(logErlangB(offeredLoadErlangs, servers));
}
