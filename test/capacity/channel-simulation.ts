import type { Plan } from '../../src/allocate/index.js';
import { createRng } from '../../src/random/rng.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { createSimulationEngine, prepareSimulation, ratioEstimate } from '../../src/simulate/index.js';
import { CELL_ARRIVALS, CELL_FIELDS, CELL_WITHIN } from '../../src/simulate/simulation-engine.js';

/** Simulated service level of one channel of one service over a set of slots, with its 95 % half-width. */
export interface ChannelLevel {
  readonly service: string;
  readonly channel: 'walk_in' | 'appointment';
  /** The slots pooled (ISO starts); empty means the whole horizon. */
  readonly slotStarts: readonly string[];
  /** Mean arrivals per replication. */
  readonly arrivals: number;
  readonly serviceLevel: number;
  readonly halfWidth: number;
}

/** A group of slots of one service to pool. */
export interface SlotGroup {
  readonly service: string;
  readonly slotStarts: readonly string[];
}

/**
 * Service level per service and channel, over the horizon and over given groups of slots, from the simulator's
 * public engine (the Simulation result splits channels over the horizon only). Appointment counts are drawn from
 * each row's `booked` with the service's show rate (`appointments: 'booked'`). Ratios are pooled over replications
 * with delta-method half-widths (`ratioEstimate`).
 */
export function channelLevels(
  scenario: Scenario,
  plan: Plan,
  options: {
    readonly replications: number;
    readonly seed: number;
    readonly serviceTime?: 'lognormal' | 'gamma';
  },
  groups: readonly SlotGroup[] = [],
): { horizon: ChannelLevel[]; groups: ChannelLevel[] } {
  const { replications, seed } = options;
  const model = prepareSimulation(scenario, plan, {
    appointments: 'booked',
    replications,
    seed,
    serviceTime: options.serviceTime ?? 'lognormal',
  });
  const engine = createSimulationEngine(model);
  const S = model.serviceIds.length;
  const slotOf = new Map(model.slotIso.map((iso, t) => [iso, t]));
  const serviceOf = new Map(model.serviceIds.map((id, s) => [id, s]));
  // Sets to pool: each service's whole horizon, then each group; per channel ΣX, ΣY, ΣX², ΣY², ΣXY.
  const sets: { service: number; slots: number[]; starts: readonly string[] }[] = model.serviceIds.map(
    (_, s) => ({
      service: s,
      slots: model.slotIso.map((_, t) => t),
      starts: [],
    }),
  );
  for (const g of groups) {
    sets.push({
      service: serviceOf.get(g.service)!,
      slots: g.slotStarts.map((x) => slotOf.get(x)!),
      starts: g.slotStarts,
    });
  }
  const sums = new Float64Array(sets.length * 2 * 5);
  for (let r = 0; r < replications; r++) {
    engine.replicate(createRng(seed, r));
    sets.forEach((set, k) => {
      for (let ch = 0; ch < 2; ch++) {
        let a = 0;
        let w = 0;
        for (const t of set.slots) {
          const cell = ((t * S + set.service) * 2 + ch) * CELL_FIELDS;
          a += engine.cells[cell + CELL_ARRIVALS];
          w += engine.cells[cell + CELL_WITHIN];
        }
        const o = (k * 2 + ch) * 5;
        sums[o] += a;
        sums[o + 1] += w;
        sums[o + 2] += a * a;
        sums[o + 3] += w * w;
        sums[o + 4] += a * w;
      }
    });
  }
  const levels = sets.flatMap((set, k) =>
    (['walk_in', 'appointment'] as const).map((channel, ch) => {
      const o = (k * 2 + ch) * 5;
      const e = ratioEstimate(replications, sums[o], sums[o + 1], sums[o + 2], sums[o + 3], sums[o + 4]);
      return {
        service: model.serviceIds[set.service],
        channel,
        slotStarts: set.starts,
        arrivals: sums[o] / replications,
        serviceLevel: e.value ?? Number.NaN,
        halfWidth: e.halfWidth ?? Number.NaN,
      };
    }),
  );
  return { horizon: levels.slice(0, 2 * S), groups: levels.slice(2 * S) };
}
