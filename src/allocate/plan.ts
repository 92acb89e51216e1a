/** One open counter in one slot (DESIGN.md, Plan). */
export interface Assignment {
  /** ISO 8601 local time with offset. */
  readonly slotStart: string;
  readonly counter: string;
  /** Staff id, or null when the plan opens a counter nobody could be found for. */
  readonly staff: string | null;
  readonly services: readonly string[];
}

/** A person's working day: first to last assigned slot, with breaks. */
export interface Shift {
  readonly staff: string;
  /** ISO 8601 local time with offset. */
  readonly start: string;
  readonly end: string;
  readonly breaks: readonly { readonly start: string; readonly end: string }[];
}

/**
 * Expected performance of one service in one slot under the plan: the queueing model staffing sized the service
 * with (two-class priority when appointments go first, else Allen–Cunneen), not simulation; fractional servers
 * interpolate between whole counts, so a service given its required servers reads at or above its target.
 */
export interface ExpectedPerformance {
  readonly service: string;
  readonly slotStart: string;
  readonly arrivals: number;
  /** Effective servers given to the service (fractional when counters are shared). */
  readonly servers: number;
  /** Share of arrivals called within the target wait, 0–1. */
  readonly serviceLevel: number;
  readonly meanWaitSeconds: number;
}

/** Why a service falls short of its target in a slot. */
export type ShortfallReason = 'no-counter' | 'no-skilled-staff' | 'no-staff' | 'counters-exhausted';

/** A slot and service that cannot meet its target. */
export interface Shortfall {
  readonly service: string;
  readonly slotStart: string;
  readonly neededServers: number;
  readonly availableServers: number;
  readonly reason: ShortfallReason;
}

/** The Plan JSON of DESIGN.md: the output of `plan`, the input of `simulate` and `capacity`. */
export interface Plan {
  /** Notes on the input (ignored demand, requirements out of reach); absent when there are none. */
  readonly warnings?: readonly string[];
  readonly status: 'optimal' | 'feasible' | 'infeasible';
  readonly assignments: readonly Assignment[];
  readonly shifts: readonly Shift[];
  readonly expected: readonly ExpectedPerformance[];
  readonly shortfalls: readonly Shortfall[];
  readonly summary: {
    readonly staffMinutes: number;
    readonly counterMinutes: number;
    /**
     * A proven lower bound on staff-minutes for the same targets (for the servers the plan reaches where it falls
     * short), valid for any plan that follows the shift rules: the fewest people who can sit in each slot (counting
     * arguments on counters and skills), then the shift structure through the Lagrangian of the covering LP priced
     * over every allowed shift (see `staffMinutesLowerBound` in src/allocate/lower-bound.ts).
     */
    readonly lowerBoundStaffMinutes: number;
    /**
     * HiGHS's proven lower bound for the shift-pattern model (breaks exactly `breakMinutes`, or the hall's closure),
     * present when the exact solver ran.
     */
    readonly modelLowerBoundStaffMinutes?: number;
    /** Share of (service, slot) pairs whose target is met, 0–1. */
    readonly targetsMetFraction: number;
    readonly solveMilliseconds: number;
  };
}
