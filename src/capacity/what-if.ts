import { type AllocateOptions, allocate, type Plan } from '../allocate/index.js';
import { check, QueuecastError } from '../errors.js';
import { parseScenario, type Scenario } from '../scenario/scenario.js';
import { appointmentCapacity } from './appointment-capacity.js';
import type { CapacityOptions, CapacityResult } from './types.js';
import type { WhatIfChange } from './what-if-change.js';

/** Options of {@link whatIf}; every field has a default. */
export interface WhatIfOptions {
  /** Options of both re-plans (`allocate`). Default the allocator's (`min-staff`). */
  readonly allocate?: AllocateOptions;
  /** Options of both capacity runs. Default `appointmentCapacity`'s. */
  readonly capacity?: CapacityOptions;
  /** The base plan, when the caller has it already (it must be `allocate(scenario, options.allocate)`'s peer). */
  readonly basePlan?: Plan;
}

/**
 * Defaults of {@link WhatIfOptions}.
 *
 * @example
 * whatIf(scenario, changes, { ...defaultWhatIfOptions, allocate: { objective: 'max-service' } });
 */
export const defaultWhatIfOptions = {
  allocate: {},
  capacity: {},
  basePlan: undefined,
} as const satisfies WhatIfOptions;

/** One side (base or changed) of a what-if, over the whole horizon. */
export interface WhatIfSide {
  readonly status: Plan['status'];
  readonly staffMinutes: number;
  readonly counterMinutes: number;
  /** Share of (service, slot) pairs whose target the plan meets, 0–1. */
  readonly targetsMetFraction: number;
  /** Slots and services the plan falls short in. */
  readonly shortfalls: number;
  /** Arrival-weighted mean of the plan's expected service levels, 0–1 (null without arrivals). */
  readonly serviceLevel: number | null;
  /** Appointments the booking system may release in all. */
  readonly maxAppointments: number;
  /** Appointment holders expected when every slot is booked to capacity. */
  readonly expectedShows: number;
}

/** One service's numbers on one side. */
export interface WhatIfServiceSide {
  readonly arrivals: number;
  /** Arrival-weighted mean of the plan's expected service levels, 0–1 (null without arrivals). */
  readonly serviceLevel: number | null;
  /** Lowest expected service level over slots with arrivals (null without arrivals). */
  readonly lowestServiceLevel: number | null;
  /** Arrival-weighted mean wait, seconds (null without arrivals, or when some slot's queue grows without bound). */
  readonly meanWaitSeconds: number | null;
  readonly shortfallSlots: number;
  readonly maxAppointments: number;
}

/** A service's numbers side by side. */
export interface WhatIfServiceRow {
  readonly service: string;
  readonly base: WhatIfServiceSide;
  readonly changed: WhatIfServiceSide;
}

/** The What-if result JSON: the changes, the base and the changed plan side by side, per service. */
export interface WhatIfResult {
  readonly changes: readonly WhatIfChange[];
  readonly base: WhatIfSide;
  readonly changed: WhatIfSide;
  /** changed − base for the totals. */
  readonly difference: {
    readonly staffMinutes: number;
    readonly counterMinutes: number;
    readonly targetsMetFraction: number;
    readonly maxAppointments: number;
  };
  readonly services: readonly WhatIfServiceRow[];
  readonly warnings: readonly string[];
}

const FN = 'whatIf';

function invalid(path: (string | number)[], message: string): never {
  throw new QueuecastError('INVALID_INPUT', `${FN}: ${path.join('.')}: ${message}`, path);
}

/** A fresh id with `prefix` that no existing id uses. */
function freshId(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/**
 * The scenario with the changes applied, in order (see {@link WhatIfChange}); re-validated with `parseScenario`.
 * The input is not modified.
 *
 * @throws QueuecastError INVALID_INPUT with path `changes.i…` for a change naming an unknown service, counter or
 *   person, removing more than there is, or a bad target or factor.
 * @example
 * applyWhatIf(scenario, [{ kind: 'close-counter', counter: 'C03' }]).counters.some((c) => c.id === 'C03'); // => false
 */
export function applyWhatIf(scenario: Scenario, changes: readonly WhatIfChange[]): Scenario {
  check(Array.isArray(changes), FN, 'changes must be an array', changes);
  const serviceIds = new Set(scenario.services.map((s) => s.id));
  let services = scenario.services.map((s) => ({ ...s }));
  let counters = scenario.counters.map((c) => ({ ...c }));
  let staff = scenario.staff.map((p) => ({ ...p }));
  let demand = scenario.demand.map((d) => ({ ...d }));
  const counterIds = new Set(counters.map((c) => c.id));
  const staffIds = new Set(staff.map((p) => p.id));
  const known = (ids: readonly string[] | undefined, path: (string | number)[]) => {
    ids?.forEach((id, j) => {
      if (!serviceIds.has(id)) invalid([...path, j], `unknown service, got ${JSON.stringify(id)}`);
    });
  };
  changes.forEach((change, i) => {
    const at = ['changes', i];
    if (change === null || typeof change !== 'object')
      invalid(at, `must be a change object, got ${JSON.stringify(change)}`);
    switch (change.kind) {
      case 'counters': {
        if (!Number.isInteger(change.delta) || change.delta === 0)
          invalid([...at, 'delta'], `must be a non-zero integer, got ${change.delta}`);
        known(change.services, [...at, 'services']);
        if (change.delta < 0) {
          if (-change.delta > counters.length)
            invalid([...at, 'delta'], `cannot close ${-change.delta} of ${counters.length} counters`);
          counters = counters.slice(0, counters.length + change.delta);
        } else {
          const list = change.services ?? scenario.services.map((s) => s.id);
          if (list.length === 0) invalid([...at, 'services'], 'a new counter needs at least one service');
          for (let n = 0; n < change.delta; n++)
            counters.push({ id: freshId('new-counter-', counterIds), services: [...list] });
        }
        break;
      }
      case 'staff': {
        if (!Number.isInteger(change.delta) || change.delta === 0)
          invalid([...at, 'delta'], `must be a non-zero integer, got ${change.delta}`);
        known(change.skills, [...at, 'skills']);
        if (change.delta < 0) {
          if (-change.delta > staff.length)
            invalid([...at, 'delta'], `cannot remove ${-change.delta} of ${staff.length} people`);
          staff = staff.slice(0, staff.length + change.delta);
        } else {
          const skills = change.skills ?? scenario.services.map((s) => s.id);
          if (skills.length === 0) invalid([...at, 'skills'], 'a new person needs at least one skill');
          const from = staff.map((p) => p.availableFrom).sort()[0] ?? '08:30';
          const to =
            staff
              .map((p) => p.availableTo)
              .sort()
              .at(-1) ?? '17:30';
          const maxWork = Math.max(480, ...staff.map((p) => p.maxWorkMinutes));
          for (let n = 0; n < change.delta; n++) {
            staff.push({
              id: freshId('new-staff-', staffIds),
              skills: [...skills],
              availableFrom: from,
              availableTo: to,
              maxWorkMinutes: maxWork,
            });
          }
        }
        break;
      }
      case 'close-counter': {
        if (!counters.some((c) => c.id === change.counter))
          invalid([...at, 'counter'], `unknown counter, got ${JSON.stringify(change.counter)}`);
        counters = counters.filter((c) => c.id !== change.counter);
        break;
      }
      case 'remove-staff': {
        if (!staff.some((p) => p.id === change.staff))
          invalid([...at, 'staff'], `unknown staff, got ${JSON.stringify(change.staff)}`);
        staff = staff.filter((p) => p.id !== change.staff);
        break;
      }
      case 'target': {
        if (change.service !== undefined) known([change.service], [...at, 'service']);
        services = services.map((s) =>
          change.service === undefined || s.id === change.service
            ? { ...s, target: { ...change.target } }
            : s,
        );
        break;
      }
      case 'demand': {
        if (!(Number.isFinite(change.factor) && change.factor >= 0))
          invalid([...at, 'factor'], `must be a number ≥ 0, got ${change.factor}`);
        if (change.service !== undefined) known([change.service], [...at, 'service']);
        const f = change.factor;
        const scale = (x: number | undefined) => (x === undefined ? undefined : x * f);
        demand = demand.map((d) => {
          if (
            (change.service !== undefined && d.service !== change.service) ||
            (change.channel !== undefined && d.channel !== change.channel)
          )
            return d;
          const out = { ...d, expected: d.expected * f };
          for (const q of ['p10', 'p50', 'p80', 'p90', 'p95'] as const)
            if (d[q] !== undefined) out[q] = scale(d[q]);
          return out;
        });
        break;
      }
      default:
        invalid(
          [...at, 'kind'],
          `unknown change, got ${JSON.stringify((change as { kind?: unknown }).kind)}`,
        );
    }
  });
  try {
    return parseScenario({ ...scenario, services, counters, staff, demand }).scenario;
  } catch (e) {
    if (e instanceof QueuecastError)
      throw new QueuecastError(
        'INVALID_INPUT',
        `${FN}: the changed scenario is invalid: ${e.message}`,
        e.path,
      );
    throw e;
  }
}

function side(plan: Plan, capacity: CapacityResult): WhatIfSide {
  let weighted = 0;
  let arrivals = 0;
  for (const e of plan.expected) {
    weighted += e.arrivals * e.serviceLevel;
    arrivals += e.arrivals;
  }
  return {
    status: plan.status,
    staffMinutes: plan.summary.staffMinutes,
    counterMinutes: plan.summary.counterMinutes,
    targetsMetFraction: plan.summary.targetsMetFraction,
    shortfalls: plan.shortfalls.length,
    serviceLevel: arrivals > 0 ? round(weighted / arrivals) : null,
    maxAppointments: capacity.summary.maxAppointments,
    expectedShows: capacity.summary.expectedShows,
  };
}

function serviceSide(service: string, plan: Plan, capacity: CapacityResult): WhatIfServiceSide {
  let arrivals = 0;
  let level = 0;
  let wait = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (const e of plan.expected) {
    if (e.service !== service || !(e.arrivals > 0)) continue;
    arrivals += e.arrivals;
    level += e.arrivals * e.serviceLevel;
    wait += e.arrivals * e.meanWaitSeconds;
    lowest = Math.min(lowest, e.serviceLevel);
  }
  const summary = capacity.summary.services.find((s) => s.service === service);
  return {
    arrivals: round(arrivals),
    serviceLevel: arrivals > 0 ? round(level / arrivals) : null,
    lowestServiceLevel: arrivals > 0 ? round(lowest) : null,
    meanWaitSeconds: arrivals > 0 && Number.isFinite(wait) ? Math.round((wait / arrivals) * 10) / 10 : null,
    shortfallSlots: plan.shortfalls.filter((s) => s.service === service).length,
    maxAppointments: summary?.maxAppointments ?? 0,
  };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * What if the centre had one more counter or person, one fewer, a closed counter, a different target or more
 * demand? Applies the changes to the scenario ({@link applyWhatIf}), re-plans both the base and the changed
 * scenario with `allocate`, computes both plans' appointment capacity, and returns their staff-minutes, service
 * levels and capacity side by side, in total and per service.
 *
 * With the allocator's default `min-staff` objective, more counters or people change the plan only where the base
 * falls short (the plan uses no more staff than the targets need); use `allocate: { objective: 'max-service' }` to
 * see what the extra staff would buy in service level and capacity.
 *
 * Complexity: two `allocate` and two `appointmentCapacity` runs (one of each with `basePlan`).
 *
 * @param scenario a parsed Scenario; not modified.
 * @param changes applied in order; see {@link WhatIfChange} and {@link parseWhatIfChange} for the CLI's text form.
 * @param options see {@link WhatIfOptions}.
 * @throws QueuecastError INVALID_INPUT (path `changes.i…`) for a change that does not fit the scenario.
 * @example
 * const r = whatIf(scenario, [parseWhatIfChange('walk-ins=+20%')]);
 * r.difference.staffMinutes; // => e.g. 420 (more staff for the extra walk-ins)
 * r.services[0].changed.maxAppointments; // appointments the changed plan can take for the first service
 */
export function whatIf(
  scenario: Scenario,
  changes: readonly WhatIfChange[],
  options: WhatIfOptions = {},
): WhatIfResult {
  const o = { ...defaultWhatIfOptions, ...options };
  const changedScenario = applyWhatIf(scenario, changes);
  const basePlan = o.basePlan ?? allocate(scenario, o.allocate);
  const changedPlan = allocate(changedScenario, o.allocate);
  const baseCapacity = appointmentCapacity(scenario, basePlan, o.capacity);
  const changedCapacity = appointmentCapacity(changedScenario, changedPlan, o.capacity);
  const base = side(basePlan, baseCapacity);
  const changed = side(changedPlan, changedCapacity);
  const warnings = [
    ...(changedPlan.warnings ?? []).map((w) => `changed plan: ${w}`),
    ...changedCapacity.warnings.map((w) => `changed capacity: ${w}`),
  ];
  return {
    changes: changes.map((c) => ({ ...c })),
    base,
    changed,
    difference: {
      staffMinutes: changed.staffMinutes - base.staffMinutes,
      counterMinutes: changed.counterMinutes - base.counterMinutes,
      targetsMetFraction: round(changed.targetsMetFraction - base.targetsMetFraction),
      maxAppointments: changed.maxAppointments - base.maxAppointments,
    },
    services: scenario.services.map((s) => ({
      service: s.id,
      base: serviceSide(s.id, basePlan, baseCapacity),
      changed: serviceSide(s.id, changedPlan, changedCapacity),
    })),
    warnings,
  };
}
