import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocate/index.js';
import { appointmentCapacity, type CapacityResult } from '../../src/capacity/index.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { type ChannelLevel, channelLevels, type SlotGroup } from './channel-simulation.js';
import { bookedScenario, hallScenario } from './fixtures.js';

// Enough that a miss of about 3 points in three busy slots (~21 customers each) shows outside the 95 % interval:
// at 200 the soc walk-ins at +20 % read 82.8 % ± 2.7 against their 85 % target.
const REPLICATIONS = 400;

function target(scenario: Scenario, service: string): number {
  return scenario.services.find((s) => s.id === service)!.target.fraction!;
}

/** The three slots of each service with the highest planned occupancy whose capacity the targets bound. */
function busySlots(scenario: Scenario, capacity: CapacityResult): SlotGroup[] {
  return scenario.services.map((svc) => {
    const rows = capacity.capacity
      .filter(
        (r) => r.service === svc.id && (r.limit === 'target' || r.limit === 'later-slot') && r.servers > 0,
      )
      .map((r) => ({
        slot: r.slotStart,
        load: ((r.walkInReserve + r.expectedShows) * svc.ahtSeconds) / (r.servers * 1800),
      }))
      .sort((a, b) => b.load - a.load);
    return { service: svc.id, slotStarts: rows.slice(0, 3).map((r) => r.slot) };
  });
}

function show(label: string, levels: readonly ChannelLevel[]): string {
  return `${label}\n${levels
    .map(
      (l) =>
        `  ${l.service.padEnd(4)} ${l.channel.padEnd(12)} ${l.slotStarts.length === 0 ? 'day' : l.slotStarts.map((s) => s.slice(11, 16)).join(',')}` +
        `  ${(100 * l.serviceLevel).toFixed(1)}% ± ${(100 * l.halfWidth).toFixed(1)}  (${l.arrivals.toFixed(1)} customers)`,
    )
    .join('\n')}`;
}

describe('appointment capacity, checked by simulation', () => {
  it('fully booked with the default options, every service meets its target for walk-ins and holders', () => {
    const scenario = hallScenario('mixed');
    const plan = allocate(scenario);
    const capacity = appointmentCapacity(scenario, plan);
    expect(capacity.summary.maxAppointments).toBeGreaterThan(0);
    const full = channelLevels(bookedScenario(scenario, capacity, 1), plan, {
      replications: REPLICATIONS,
      seed: 11,
    });
    const more = channelLevels(bookedScenario(scenario, capacity, 1.2), plan, {
      replications: REPLICATIONS,
      seed: 11,
    });
    console.log(
      `${show('mixed hall, default options (walk-ins at p80, no overbooking, 30 % reserve): capacity fully booked', full.horizon)}\n` +
        show(
          '… and with 20 % more appointments (absorbed by the p80, no-show and reserve margins)',
          more.horizon,
        ),
    );
    for (const l of full.horizon) {
      expect(l.arrivals).toBeGreaterThan(10);
      expect(l.serviceLevel + l.halfWidth, `${l.service} ${l.channel}`).toBeGreaterThanOrEqual(
        target(scenario, l.service),
      );
    }
  });

  it('without margins, fully booked meets the targets and 20 % more visibly misses them in the busy slots', () => {
    // Exponential handling and patient walk-ins: the queue model is exact there, so the capacity is tight.
    const scenario = hallScenario('exponential');
    const plan = allocate(scenario);
    const capacity = appointmentCapacity(scenario, plan, {
      walkInQuantile: 'expected',
      overbook: true,
      walkInReserveShare: 0,
    });
    const busy = busySlots(scenario, capacity);
    const sim = { replications: REPLICATIONS, seed: 5, serviceTime: 'gamma' as const };
    const full = channelLevels(bookedScenario(scenario, capacity, 1), plan, sim, busy);
    const more = channelLevels(bookedScenario(scenario, capacity, 1.2), plan, sim, busy);
    const walkInsBusy = (x: typeof full) => x.groups.filter((l) => l.channel === 'walk_in');
    console.log(
      `${show('exponential hall, no margins: capacity fully booked', [...full.horizon, ...walkInsBusy(full)])}\n` +
        show('… with 20 % more appointments', [...more.horizon, ...walkInsBusy(more)]),
    );
    for (const l of full.horizon) {
      expect(l.serviceLevel + l.halfWidth, `${l.service} ${l.channel}`).toBeGreaterThanOrEqual(
        target(scenario, l.service),
      );
    }
    for (const l of walkInsBusy(full)) {
      expect(l.serviceLevel + l.halfWidth, `${l.service} busy slots at capacity`).toBeGreaterThanOrEqual(
        target(scenario, l.service),
      );
    }
    for (const l of walkInsBusy(more)) {
      expect(l.serviceLevel + l.halfWidth, `${l.service} busy slots at +20 %`).toBeLessThan(
        target(scenario, l.service),
      );
    }
  });

  it('keeps the walk-in reserve in every slot, and the reserved walk-ins are served to target', () => {
    const scenario = hallScenario('mixed');
    const plan = allocate(scenario);
    // Half the hall's customers walk in; a 60 % share makes the reserve bind where appointments would crowd them.
    const share = 0.6;
    const capacity = appointmentCapacity(scenario, plan, { walkInReserveShare: share });
    let bound = 0;
    for (const r of capacity.capacity) {
      // Without overbooking a slot is sized for maxAppointments holders: walk-ins keep ≥ 60 % of its customers.
      expect(
        r.walkInReserve / (r.walkInReserve + r.maxAppointments),
        `${r.service} ${r.slotStart}`,
      ).toBeGreaterThanOrEqual(share - 1e-9);
      expect(r.walkInReserve).toBeGreaterThanOrEqual(r.plannedWalkIns);
      if (r.limit === 'walk-in-reserve') bound++;
    }
    expect(bound).toBeGreaterThan(0);
    const reserved = channelLevels(bookedScenario(scenario, capacity, 1, 'reserve'), plan, {
      replications: REPLICATIONS,
      seed: 3,
    });
    console.log(
      show('mixed hall: capacity fully booked, walk-ins at the reserve of every slot', reserved.horizon),
    );
    for (const l of reserved.horizon) {
      expect(l.serviceLevel + l.halfWidth, `${l.service} ${l.channel}`).toBeGreaterThanOrEqual(
        target(scenario, l.service),
      );
    }
  });
});
