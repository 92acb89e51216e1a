/** One person at one counter in one slot, and the effective servers they give each service listed. */
export interface Seat {
  readonly counter: number;
  readonly person: number;
  readonly services: readonly number[];
  readonly loads: readonly number[];
}

/** A solved day, whichever solver produced it: a pattern per person and the seats of each slot. */
export interface DaySolution {
  /** Pattern index inside the person's day group, −1 when they do not work. */
  readonly patternOf: Int32Array;
  /** Seats per local slot of the day. */
  readonly seats: readonly (readonly Seat[])[];
}
