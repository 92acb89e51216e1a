import type { Assignment, Plan } from '../../src/allocate/index.js';
import type { CapacityResult } from '../../src/capacity/index.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/scenario/scenario.js';

const SLOTS = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '13:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
  '17:00',
];
/** Arrivals per slot relative to the day's mean: a morning peak at 10:00 and an afternoon one at 14:30. */
const PROFILE = [0.6, 0.9, 1.3, 1.2, 0.9, 0.6, 0.7, 1.0, 1.3, 1.2, 0.9, 0.8, 0.6, 0.4];

/**
 * A one-day service hall (Tuesday 2026-12-01, 09:00–12:00 and 13:30–17:30, 30-minute slots) with three services,
 * half of their forecast customers holding appointments, dedicated counters and multi-skilled staff. `mixed`
 * services have the sample centre's handling variability (CV 0.6–1.0) and walk-in patience; `exponential` ones
 * have exponential handling and patient walk-ins — the case the capacity model is exact for. Walk-in rows carry
 * Poisson p80 and p90.
 */
export function hallScenario(kind: 'mixed' | 'exponential', date = '2026-12-01'): Scenario {
  const exp = kind === 'exponential';
  const services = [
    {
      id: 'tax',
      ahtSeconds: 600,
      serviceCv: exp ? 1 : 0.8,
      ...(exp ? {} : { patienceSeconds: 2400 }),
      noShowRate: 0.1,
      target: { fraction: 0.8, withinSeconds: 900 },
    },
    {
      id: 'biz',
      ahtSeconds: 900,
      serviceCv: exp ? 1 : 0.6,
      noShowRate: 0.15,
      target: { fraction: 0.8, withinSeconds: 900 },
    },
    {
      id: 'soc',
      ahtSeconds: 420,
      serviceCv: 1,
      ...(exp ? {} : { patienceSeconds: 1800 }),
      noShowRate: 0.05,
      target: { fraction: 0.85, withinSeconds: 600 },
    },
  ];
  const perDay: Record<string, number> = { tax: 160, biz: 90, soc: 200 };
  const profileSum = PROFILE.reduce((a, b) => a + b, 0);
  const demand: ScenarioInput['demand'] = [];
  for (const s of services) {
    SLOTS.forEach((hm, k) => {
      const total = (perDay[s.id] * PROFILE[k]) / profileSum;
      const w = total / 2;
      const slotStart = `${date}T${hm}:00+08:00`;
      const round = (x: number) => Math.round(x * 1000) / 1000;
      demand.push({
        service: s.id,
        channel: 'walk_in',
        slotStart,
        expected: round(w),
        p80: round(w + 0.8416 * Math.sqrt(w)),
        p90: round(w + 1.2816 * Math.sqrt(w)),
      });
      demand.push({ service: s.id, channel: 'appointment', slotStart, expected: round(total / 2) });
    });
  }
  const counters = [
    ...Array.from({ length: 8 }, (_, i) => ({ id: `T${i + 1}`, services: ['tax'] })),
    ...Array.from({ length: 7 }, (_, i) => ({ id: `B${i + 1}`, services: ['biz'] })),
    ...Array.from({ length: 6 }, (_, i) => ({ id: `S${i + 1}`, services: ['soc'] })),
  ];
  const skills = [
    ['tax', 'biz', 'soc'],
    ['tax', 'soc'],
    ['biz', 'soc'],
  ];
  const staff = Array.from({ length: 30 }, (_, i) => ({
    id: `P${String(i + 1).padStart(2, '0')}`,
    skills: skills[i % 3],
  }));
  return parseScenario({
    centre: {
      id: `hall-${kind}`,
      timezone: 'Asia/Shanghai',
      slotMinutes: 30,
      openingHours: {
        '2': [
          ['09:00', '12:00'],
          ['13:30', '17:30'],
        ],
      },
    },
    services,
    counters,
    staff,
    priority: 'appointments-first',
    demand,
  }).scenario;
}

/**
 * The scenario with every slot booked to `scale` × its capacity: appointment rows with `booked` = round(scale ×
 * maxAppointments) and `expected` = booked × (1 − noShowRate); walk-in rows as forecast, or (`walkIns: 'reserve'`)
 * at the walk-ins each slot keeps room for.
 */
export function bookedScenario(
  scenario: Scenario,
  capacity: CapacityResult,
  scale: number,
  walkIns: 'forecast' | 'reserve' = 'forecast',
): Scenario {
  const noShow = new Map(scenario.services.map((s) => [s.id, s.noShowRate]));
  const reserve = new Map(
    capacity.capacity.map((r) => [`${r.service}|${Date.parse(r.slotStart)}`, r.walkInReserve]),
  );
  const demand = scenario.demand
    .filter((d) => d.channel === 'walk_in')
    .map((d) =>
      walkIns === 'forecast'
        ? d
        : { ...d, expected: reserve.get(`${d.service}|${Date.parse(d.slotStart)}`) ?? d.expected },
    );
  for (const r of capacity.capacity) {
    const booked = Math.round(r.maxAppointments * scale);
    if (booked === 0) continue;
    demand.push({
      service: r.service,
      channel: 'appointment',
      slotStart: r.slotStart,
      expected: booked * (1 - (noShow.get(r.service) ?? 0)),
      booked,
    });
  }
  return { ...scenario, demand };
}

/**
 * A hand-made plan: `servers[service][k]` dedicated counters of each service in the k-th open slot of the day (the
 * counters named `<service><n>` or the scenario's counters of that service in order), each staffed by its own
 * person; no `expected` rows.
 */
export function handPlan(scenario: Scenario, servers: Readonly<Record<string, readonly number[]>>): Plan {
  const slots = [...new Set(scenario.demand.map((d) => d.slotStart))].sort();
  const assignments: Assignment[] = [];
  for (const [service, counts] of Object.entries(servers)) {
    const counters = scenario.counters.filter((c) => c.services.length === 1 && c.services[0] === service);
    counts.forEach((n, k) => {
      for (let j = 0; j < n; j++) {
        const counter = counters[j]?.id ?? `${service}-${j + 1}`;
        assignments.push({ slotStart: slots[k], counter, staff: `${counter}-person`, services: [service] });
      }
    });
  }
  return {
    status: 'feasible',
    assignments,
    shifts: [],
    expected: [],
    shortfalls: [],
    summary: {
      staffMinutes: 0,
      counterMinutes: 0,
      lowerBoundStaffMinutes: 0,
      targetsMetFraction: 1,
      solveMilliseconds: 0,
    },
  };
}
