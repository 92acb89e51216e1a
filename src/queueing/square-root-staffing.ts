import { check } from '../errors.js';
import { checkLoad } from './validate.js';

/**
 * Square-root staffing: a + β·√a servers for offered load a. With β ≈ 0.5–2 this is within a server or two of the
 * optimum for Erlang C targets at any scale (Halfin–Whitt regime), which is why the fewest-server searches start here.
 * Reference: Halfin & Whitt (1981), "Heavy-traffic limits for queues with many exponential servers", Operations
 * Research 29:567; Borst, Mandelbaum & Reiman (2004), Operations Research 52:17. Complexity O(1).
 *
 * @param offeredLoadErlangs offered load a ≥ 0, Erlangs.
 * @param beta quality-of-service parameter β (any finite number; negative values suit Erlang A). Default 1.
 * @returns fractional servers a + β√a (not rounded, never below 0).
 * @example
 * squareRootStaffing(100, 1); // => 110
 */
export function squareRootStaffing(offeredLoadErlangs: number, beta = 1): number {
  checkLoad('squareRootStaffing', offeredLoadErlangs);
  check(Number.isFinite(beta), 'squareRootStaffing', 'beta must be a finite number', beta);
  return Math.max(0, offeredLoadErlangs + beta * Math.sqrt(offeredLoadErlangs));
}
