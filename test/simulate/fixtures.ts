import type { Assignment, Plan } from '../../src/allocate/plan.js';
import { createRng } from '../../src/random/rng.js';
import { parseScenario, type Scenario } from '../../src/scenario/scenario.js';

/** Shape of a synthetic service hall built by {@link syntheticCentre}. */
export interface CentreShape {
  readonly services: number;
  readonly counters: number;
  /** Expected customers over the day (walk-ins and appointment holders who come). */
  readonly customersPerDay: number;
  readonly seed: number;
  /** Local date of the day, default 2026-12-01 (a Tuesday). */
  readonly date?: string;
  /** Share of counters that are one-stop (serve a group of 6 services), default 0.25. */
  readonly oneStopShare?: number;
  /** Share of demand that holds an appointment, default 0.3. */
  readonly appointmentShare?: number;
  /** Rotate the one-stop counters' people every slot (each person moves counter each slot), default true. */
  readonly rotateStaff?: boolean;
  /** Close every 7th counter for one slot mid-morning (a staff break), default true. */
  readonly breaks?: boolean;
  /** Mean handling time over services, seconds, default 240. */
  readonly meanAhtSeconds?: number;
}

const MORNING = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
const AFTERNOON = ['13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00'];
/** Relative arrival intensity per slot: a morning peak at 10:00 and an afternoon one at 14:30. */
const PROFILE = [0.6, 0.9, 1.2, 1.1, 0.9, 0.6, 0.7, 1.0, 1.2, 1.1, 0.9, 0.8, 0.6, 0.4];

/**
 * A seeded synthetic service hall for one day (Asia/Shanghai, 30-minute slots, 09:00–12:00 and 13:30–17:30):
 * services with varied handling times and patience, walk-in and appointment demand with p90 and bookings,
 * dedicated and one-stop counters, people rotating between one-stop counters, breaks, and a Plan opening
 * counters by square-root staffing (capped by the counters there are).
 */
export function syntheticCentre(shape: CentreShape): { scenario: Scenario; plan: Plan } {
  const rng = createRng(shape.seed, 7);
  const date = shape.date ?? '2026-12-01';
  const oneStopShare = shape.oneStopShare ?? 0.25;
  const appointmentShare = shape.appointmentShare ?? 0.3;
  const rotate = shape.rotateStaff ?? true;
  const breaks = shape.breaks ?? true;
  const meanAht = shape.meanAhtSeconds ?? 240;
  const slots = [...MORNING, ...AFTERNOON].map((hm) => `${date}T${hm}:00+08:00`);
  const profileSum = PROFILE.reduce((a, b) => a + b, 0);

  const weights = Array.from({ length: shape.services }, () => 0.3 + rng.next());
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const services = weights.map((_, i) => ({
    id: `s${String(i + 1).padStart(2, '0')}`,
    ahtSeconds: Math.round(meanAht * (0.5 + rng.next())),
    serviceCv: Math.round((0.5 + 0.7 * rng.next()) * 100) / 100,
    ...(i % 4 === 3 ? {} : { patienceSeconds: 1200 + Math.round(1200 * rng.next()) }),
    noShowRate: 0.1,
    target: { fraction: 0.8, withinSeconds: 900 },
  }));

  const demand: {
    service: string;
    channel: 'walk_in' | 'appointment';
    slotStart: string;
    expected: number;
    p90: number;
    booked?: number;
  }[] = [];
  const load: number[][] = services.map(() => slots.map(() => 0));
  services.forEach((s, i) => {
    slots.forEach((slot, k) => {
      const total = (shape.customersPerDay * weights[i] * PROFILE[k]) / (weightSum * profileSum);
      load[i][k] = (total * s.ahtSeconds) / 1800;
      const walkIn = total * (1 - appointmentShare);
      const appt = total * appointmentShare;
      demand.push({
        service: s.id,
        channel: 'walk_in',
        slotStart: slot,
        expected: walkIn,
        p90: walkIn + 1.6 * Math.sqrt(walkIn),
      });
      demand.push({
        service: s.id,
        channel: 'appointment',
        slotStart: slot,
        expected: appt,
        p90: appt + 1.3 * Math.sqrt(appt),
        booked: Math.round(appt / 0.9),
      });
    });
  });

  // Counters: dedicated ones spread over services by load, then one-stop counters serving groups of 6 services.
  const oneStop = Math.round(shape.counters * oneStopShare);
  const dedicated = shape.counters - oneStop;
  const dailyLoad = load.map((row) => row.reduce((a, b) => a + b, 0));
  const loadSum = dailyLoad.reduce((a, b) => a + b, 0);
  const perService = dailyLoad.map((l) => Math.max(1, Math.floor((dedicated * l) / loadSum)));
  let extra = dedicated - perService.reduce((a, b) => a + b, 0);
  for (let i = 0; extra > 0; i = (i + 1) % shape.services, extra--) perService[i]++;
  for (let i = shape.services - 1; extra < 0; i = (i + shape.services - 1) % shape.services) {
    if (perService[i] > 1) {
      perService[i]--;
      extra++;
    }
  }
  const counters: { id: string; services: string[]; group: number }[] = [];
  services.forEach((s, i) => {
    for (let j = 0; j < perService[i]; j++)
      counters.push({ id: `C${String(counters.length + 1).padStart(3, '0')}`, services: [s.id], group: -1 });
  });
  for (let j = 0; j < oneStop; j++) {
    const first = (j * 6) % shape.services;
    const group = Array.from(
      { length: Math.min(6, shape.services) },
      (_, g) => services[(first + g) % shape.services].id,
    );
    counters.push({ id: `C${String(counters.length + 1).padStart(3, '0')}`, services: group, group: j });
  }
  const staff = counters.map((c, j) => ({ id: `P${String(j + 1).padStart(3, '0')}`, skills: c.services }));

  const assignments: Assignment[] = [];
  slots.forEach((slot, k) => {
    const open = new Set<number>();
    services.forEach((s, i) => {
      const a = load[i][k];
      const need = Math.ceil(a + 1.5 * Math.sqrt(a));
      let left = need;
      counters.forEach((c, j) => {
        if (left > 0 && c.group < 0 && c.services[0] === s.id) {
          open.add(j);
          left--;
        }
      });
    });
    counters.forEach((c, j) => {
      if (c.group >= 0) open.add(j);
    });
    const firstOneStop = counters.length - oneStop;
    for (const j of [...open].sort((a, b) => a - b)) {
      if (breaks && k === 2 && j % 7 === 0) continue;
      const c = counters[j];
      const person = rotate && c.group >= 0 ? firstOneStop + ((j - firstOneStop + k) % oneStop) : j;
      assignments.push({ slotStart: slot, counter: c.id, staff: staff[person].id, services: c.services });
    }
  });

  const expected = services.flatMap((s) =>
    slots.map((slot) => ({
      service: s.id,
      slotStart: slot,
      arrivals: 0,
      servers: 0,
      serviceLevel: 0.8,
      meanWaitSeconds: 120,
    })),
  );
  const { scenario } = parseScenario({
    centre: { id: 'synthetic', timezone: 'Asia/Shanghai', slotMinutes: 30 },
    services,
    counters: counters.map((c) => ({ id: c.id, services: c.services })),
    staff: staff.map((p) => ({ id: p.id, skills: [...new Set(counters.flatMap((c) => c.services))] })),
    priority: 'appointments-first',
    demand,
  });
  const plan: Plan = {
    status: 'feasible',
    assignments,
    shifts: [],
    expected,
    shortfalls: [],
    summary: {
      staffMinutes: assignments.length * 30,
      counterMinutes: assignments.length * 30,
      lowerBoundStaffMinutes: 0,
      targetsMetFraction: 0,
      solveMilliseconds: 0,
    },
  };
  return { scenario, plan };
}
