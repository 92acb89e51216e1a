/**
 * What customers of one group (a service, a service's channel, or a service in one slot) experienced, averaged over
 * replications. Counts are means per replication. Ratios are pooled over replications (ΣY / ΣX) with a 95 %
 * half-width across replications (delta method); they are null when no customer arrived in any replication.
 * Waits are those of served customers, from arrival to being called; abandoners count as misses of the service level.
 */
export interface OutcomeSummary {
  readonly arrivals: number;
  readonly served: number;
  readonly abandoned: number;
  /** Customers still waiting when the horizon ended because no counter served their service again. */
  readonly unserved: number;
  /** Customers called within `withinSeconds` ÷ arrivals, 0–1. */
  readonly serviceLevel: number | null;
  /** 95 % half-width of `serviceLevel` across replications. */
  readonly serviceLevelCI: number | null;
  readonly meanWaitSeconds: number | null;
  readonly meanWaitCI: number | null;
  /** Median wait of served customers, pooled over replications (histogram with ≤ 3.2 % or 1 s error). */
  readonly p50WaitSeconds: number | null;
  readonly p90WaitSeconds: number | null;
  /** Abandoners ÷ arrivals, 0–1. */
  readonly abandonShare: number | null;
  readonly abandonShareCI: number | null;
}

/** One channel of a service over the horizon. */
export interface ChannelOutcome extends OutcomeSummary {
  readonly channel: 'walk_in' | 'appointment';
}

/** One service over the whole horizon, with its channels. */
export interface ServiceOutcome extends OutcomeSummary {
  readonly service: string;
  readonly channels: readonly ChannelOutcome[];
}

/** One service in one slot (customers attributed to the slot of their demand row). */
export interface SlotOutcome extends OutcomeSummary {
  readonly service: string;
  /** ISO 8601 start of the slot in the centre's zone. */
  readonly slotStart: string;
  /** Time-average number waiting for the service during the slot (mean over replications). */
  readonly meanQueueLength: number;
  /** Longest queue of the service during the slot (mean over replications of each one's maximum). */
  readonly maxQueueLength: number;
}

/** The whole hall in one slot. */
export interface HallSlot {
  readonly slotStart: string;
  readonly openCounters: number;
  /** Counter-seconds serving ÷ open counter-seconds in the slot (may exceed 1 slightly when closing counters finish). */
  readonly utilisation: number | null;
  readonly meanQueueLength: number;
  readonly maxQueueLength: number;
}

/** One counter over the horizon. */
export interface CounterOutcome {
  readonly counter: string;
  /** Minutes staffed in the plan. */
  readonly scheduledMinutes: number;
  /** Mean minutes kept open past ticket stops to serve everyone holding a ticket. */
  readonly overtimeMinutes: number;
  readonly busyMinutes: number;
  /** Busy ÷ (scheduled + overtime), 0–1. */
  readonly utilisation: number | null;
}

/** Overtime of one opening session: counters stay open past the ticket stop until everyone is served. */
export interface SessionOvertime {
  readonly start: string;
  /** The ticket stop. */
  readonly end: string;
  /** Mean minutes from the ticket stop to the last completion. */
  readonly meanOvertimeMinutes: number;
  readonly overtimeCI: number | null;
  readonly maxOvertimeMinutes: number;
  /** Mean counter-minutes kept open past the ticket stop. */
  readonly meanCounterMinutes: number;
}

/** The plan's expected performance of a service in a slot against the simulation. */
export interface ExpectedComparison {
  readonly service: string;
  readonly slotStart: string;
  readonly expectedServiceLevel: number;
  readonly simulatedServiceLevel: number | null;
  readonly serviceLevelCI: number | null;
  /** Whether the expected service level lies inside the simulated 95 % interval (null when undefined). */
  readonly insideCI: boolean | null;
  readonly expectedMeanWaitSeconds: number;
  readonly simulatedMeanWaitSeconds: number | null;
  readonly meanWaitCI: number | null;
}

/** The Simulation result JSON of DESIGN.md (`services`, `slots`, `replications`, `seed`) and more. */
export interface SimulationResult {
  readonly replications: number;
  readonly seed: number;
  /** Customers simulated over all replications. */
  readonly customersSimulated: number;
  readonly services: readonly ServiceOutcome[];
  readonly slots: readonly SlotOutcome[];
  readonly hall: readonly HallSlot[];
  readonly counters: readonly CounterOutcome[];
  readonly overtime: readonly SessionOvertime[];
  /** Present when the input was a Plan with `expected` rows. */
  readonly comparison: readonly ExpectedComparison[];
  /** Share of compared rows whose expected service level lies inside the simulated interval (null if none). */
  readonly comparisonInsideShare: number | null;
  readonly warnings: readonly string[];
}
