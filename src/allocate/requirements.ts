import { QueuecastError } from '../errors.js';
import type { Scenario } from '../scenario/scenario.js';
import { staffingRequirements } from '../staffing/index.js';
import { type SlotGrid, slotIndexOf, slotOfDemand } from './grid.js';

/** Servers a service needs in a slot, as given by the caller instead of computed (e.g. a staffing CSV). */
export interface RequirementRow {
  readonly service: string;
  /** ISO 8601 (local time of the centre without an offset) or epoch ms. */
  readonly slotStart: string | number;
  /** Effective servers needed, fractional allowed. */
  readonly servers: number;
}

/** Per slot × service: servers needed, arrivals, and the offered load the queueing model sees. */
export interface SlotRequirements {
  /** Effective servers needed (slot × service). */
  readonly servers: Float64Array;
  /** Expected arrivals in the slot, all channels (slot × service). */
  readonly arrivals: Float64Array;
  /** Arrivals per hour for the stationary formulas: the modified offered load ÷ AHT (slot × service). */
  readonly ratePerHour: Float64Array;
  /** Share of those arrivals that hold an appointment (slot × service): the class served first. */
  readonly appointmentShare: Float64Array;
  readonly warnings: readonly string[];
}

/**
 * Requirements for every open slot and service: from `staffingRequirements` (backlog-carrying modified offered
 * load, priority as given) unless the caller supplies `given` rows. Demand outside the open slots is dropped with a
 * warning.
 */
export function slotRequirements(
  scenario: Scenario,
  grid: SlotGrid,
  priority: 'appointments-first' | 'fcfs',
  given: readonly RequirementRow[] | undefined,
): SlotRequirements {
  const S = scenario.services.length;
  const T = grid.slotEpoch.length;
  const tz = scenario.centre.timezone;
  const serviceIndex = new Map(scenario.services.map((s, i) => [s.id, i]));
  const dayIndex = new Map(grid.days.map((d, i) => [d.date, i]));
  const arrivals = new Float64Array(T * S);
  const appointments = new Float64Array(T * S);
  const warnings: string[] = [];
  const rows: { service: string; channel: 'walk_in' | 'appointment'; slotStart: number; expected: number }[] =
    [];
  let outside = 0;
  for (let r = 0; r < scenario.demand.length; r++) {
    const d = scenario.demand[r];
    const t = grid.demandSlot[r];
    if (t < 0) {
      if (d.expected > 0) outside++;
      continue;
    }
    const s = serviceIndex.get(d.service)!;
    arrivals[t * S + s] += d.expected;
    if (d.channel === 'appointment') appointments[t * S + s] += d.expected;
    rows.push({ service: d.service, channel: d.channel, slotStart: grid.slotEpoch[t], expected: d.expected });
  }
  if (outside > 0) warnings.push(`${outside} demand row(s) outside opening hours ignored`);
  const appointmentShare = new Float64Array(T * S);
  for (let i = 0; i < T * S; i++) appointmentShare[i] = arrivals[i] > 0 ? appointments[i] / arrivals[i] : 0;
  const servers = new Float64Array(T * S);
  const ratePerHour = new Float64Array(T * S);
  const perHour = 60 / grid.slotMinutes;
  for (let i = 0; i < T * S; i++) ratePerHour[i] = arrivals[i] * perHour;
  if (rows.length > 0) {
    const res = staffingRequirements(rows, scenario.services, {
      slotMinutes: grid.slotMinutes,
      timezone: tz,
      priority,
    });
    for (const w of res.warnings) warnings.push(w);
    for (const r of res.requirements) {
      const t = slotIndexOf(grid, r.slotStart);
      const s = serviceIndex.get(r.service);
      if (t < 0 || s === undefined) continue;
      servers[t * S + s] = r.servers;
      ratePerHour[t * S + s] = (r.offeredLoadErlangs * 3600) / scenario.services[s].ahtSeconds;
      appointmentShare[t * S + s] = r.appointmentShare;
    }
  }
  if (given !== undefined) {
    servers.fill(0);
    given.forEach((g, j) => {
      const s = serviceIndex.get(g.service);
      if (s === undefined) {
        throw new QueuecastError(
          'INVALID_INPUT',
          `allocate: requirements.${j}.service: unknown service, got ${JSON.stringify(g.service)}`,
          ['requirements', j, 'service'],
        );
      }
      if (!(Number.isFinite(g.servers) && g.servers >= 0)) {
        throw new QueuecastError(
          'INVALID_INPUT',
          `allocate: requirements.${j}.servers: must be a number ≥ 0, got ${JSON.stringify(g.servers)}`,
          ['requirements', j, 'servers'],
        );
      }
      const t =
        typeof g.slotStart === 'number'
          ? slotIndexOf(grid, g.slotStart)
          : slotOfDemand(grid, dayIndex, g.slotStart);
      if (t < 0) {
        if (g.servers > 0)
          warnings.push(`requirements.${j}: slot ${String(g.slotStart)} is not an open slot; ignored`);
        return;
      }
      servers[t * S + s] = g.servers;
    });
  }
  return { servers, arrivals, ratePerHour, appointmentShare, warnings };
}
