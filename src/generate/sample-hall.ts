import type { CounterSpec, ScenarioInput, StaffSpec } from '../scenario/scenario.js';
import { sampleCentre, sampleServices } from './sample-services.js';

/** Dedicated counters per service of the sample hall, sized to its peak load. */
const dedicatedCounters: Readonly<Record<string, number>> = {
  'business-registration': 6,
  tax: 8,
  'social-insurance': 6,
  'medical-insurance': 4,
  'housing-fund': 4,
  'real-estate': 8,
  'household-registration': 4,
  'exit-entry': 2,
  'vehicle-admin': 3,
  marriage: 2,
  'construction-permit': 3,
  'market-regulation': 3,
  talent: 2,
  'civil-affairs': 3,
  'general-enquiry': 2,
};

/** One-stop counters (综合窗口): each serves a group of related services. */
const oneStopGroups: readonly (readonly string[])[] = [
  ['business-registration', 'tax', 'market-regulation'],
  ['business-registration', 'tax', 'market-regulation'],
  ['social-insurance', 'medical-insurance', 'housing-fund'],
  ['social-insurance', 'medical-insurance', 'housing-fund'],
  ['household-registration', 'exit-entry', 'vehicle-admin'],
  ['talent', 'civil-affairs', 'general-enquiry'],
  ['real-estate', 'construction-permit'],
  ['marriage', 'civil-affairs', 'household-registration'],
];

/**
 * The counters of the sample hall: 60 dedicated counters named by the service's letter (`B03` is tax counter 3)
 * and 8 one-stop counters `Z01`–`Z08` serving groups of related services.
 *
 * @example
 * sampleCounters.find((c) => c.id === 'Z03')?.services; // => ['social-insurance', 'medical-insurance', 'housing-fund']
 */
export const sampleCounters: readonly CounterSpec[] = [
  ...sampleServices.flatMap((s) =>
    Array.from({ length: dedicatedCounters[s.id] ?? 1 }, (_, i) => ({
      id: `${s.counterPrefix}${String(i + 1).padStart(2, '0')}`,
      services: [s.id],
    })),
  ),
  ...oneStopGroups.map((services, i) => ({
    id: `Z${String(i + 1).padStart(2, '0')}`,
    services: [...services],
  })),
];

/**
 * The staff of the sample hall: for each dedicated counter one person skilled in its service and, every second
 * person, the next service of the counter's one-stop group; plus two generalists per one-stop group, who cover
 * the Monday and post-holiday peaks. Early and late starters and a few part-timers give the shift planner real
 * choices.
 *
 * @example
 * sampleStaff.length; // => 76
 */
export const sampleStaff: readonly StaffSpec[] = (() => {
  const out: StaffSpec[] = [];
  const starts = ['08:30', '08:30', '09:00', '08:30', '12:30'];
  const ends = ['17:30', '17:30', '17:30', '17:00', '17:30'];
  let n = 0;
  const add = (skills: string[]) => {
    const k = n % starts.length;
    n++;
    out.push({
      id: `S${String(n).padStart(3, '0')}`,
      skills,
      availableFrom: starts[k],
      availableTo: ends[k],
      maxWorkMinutes: k === 4 ? 240 : 480,
    });
  };
  for (const s of sampleServices) {
    const group = oneStopGroups.find((g) => g.includes(s.id)) ?? [s.id];
    const next = group[(group.indexOf(s.id) + 1) % group.length];
    for (let i = 0; i < (dedicatedCounters[s.id] ?? 1); i++)
      add(i % 2 === 1 && next !== s.id ? [s.id, next] : [s.id]);
  }
  for (const g of oneStopGroups) {
    add([...g]);
    add([...g]);
  }
  return out;
})();

/**
 * A Scenario for the sample centre with the given demand rows: the sample's services, counters, staff and the
 * default shift rules (DESIGN.md, Scenario).
 *
 * @param demand Scenario demand rows (`service`, `channel`, `slotStart` ISO, `expected`, quantiles).
 * @example
 * const scenario = sampleScenario([{ service: 'tax', channel: 'walk_in', slotStart: '2026-11-23T09:00:00+08:00', expected: 6 }]);
 * scenario.counters?.length; // => 68
 */
export function sampleScenario(demand: NonNullable<ScenarioInput['demand']>): ScenarioInput {
  return {
    centre: {
      id: sampleCentre.id,
      name: sampleCentre.name,
      timezone: sampleCentre.timezone,
      slotMinutes: 30,
    },
    services: sampleServices.map((s) => ({
      id: s.id,
      name: s.name,
      ahtSeconds: s.ahtSeconds,
      serviceCv: s.serviceCv,
      patienceSeconds: s.patienceSeconds,
      noShowRate: s.noShowRate,
      target: s.target,
    })),
    counters: sampleCounters.map((c) => ({ id: c.id, services: [...c.services] })),
    staff: sampleStaff.map((p) => ({ ...p, skills: [...p.skills] })),
    shiftRules: {
      minShiftMinutes: 240,
      maxShiftMinutes: 540,
      breakMinutes: 60,
      breakWindow: ['11:30', '14:00'],
    },
    priority: 'appointments-first',
    demand,
  };
}
