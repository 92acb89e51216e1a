import { check } from '../errors.js';
import { createRng, type Rng } from '../random/rng.js';
import type { ScenarioInput } from '../scenario/scenario.js';
import { staffingRequirements } from '../staffing/index.js';
import { addDays, formatClock, parseClock, parseIsoTime, weekdayOf } from '../time/zoned.js';

/** Size and shape of a generated centre (see {@link generateCentreScenario}). */
export interface CentreSpec {
  readonly services: number;
  readonly counters: number;
  readonly staff: number;
  /** Open days, starting Monday 2026-11-30 (a sixth day is a Saturday morning). */
  readonly days: number;
  readonly slotMinutes: 15 | 30;
  /** Opening hours on weekdays. `lunch`: 09:00–12:00 and 13:30–17:30; `continuous`: 09:00–17:00. */
  readonly hours: 'lunch' | 'continuous';
  /** Share of counters beyond one per service that are one-stop counters (serve 2–4 services). */
  readonly oneStopShare: number;
  /**
   * Peak servers needed (all services, backlog-carrying requirements) as a share of the smaller of the counters and
   * 70 % of the staff working a day.
   */
  readonly peakShare: number;
  readonly seed: number;
  readonly id?: string;
}

/**
 * Defaults of {@link CentreSpec}: the medium centre (12 services, 24 counters of which half one-stop, 40 staff),
 * one day of 30-minute slots.
 *
 * @example
 * generateCentreScenario({ ...defaultCentreSpec, days: 5, slotMinutes: 15 });
 * defaultCentreSpec.counters; // => 24
 */
export const defaultCentreSpec: CentreSpec = {
  services: 12,
  counters: 24,
  staff: 40,
  days: 1,
  slotMinutes: 30,
  hours: 'continuous',
  oneStopShare: 0.5,
  peakShare: 0.8,
  seed: 1,
};

/** Names of the benchmark instances of {@link allocationInstance}. */
export type AllocationInstanceName =
  | 'small-day'
  | 'small-week'
  | 'medium-day'
  | 'medium-week'
  | 'large-day'
  | 'large-week';

const SIZES = {
  small: { services: 4, counters: 6, staff: 10, hours: 'lunch' },
  medium: { services: 12, counters: 24, staff: 40, hours: 'continuous' },
  large: { services: 30, counters: 80, staff: 140, hours: 'lunch' },
} as const;

/**
 * A named, seeded benchmark centre: `small` (4 services, 6 counters, 10 staff), `medium` (12, 24 with one-stop
 * counters, 40) or `large` (30, 80, 140); `-day` is one day of 30-minute slots, `-week` six days (Monday–Saturday
 * morning) of 15-minute slots.
 *
 * @example
 * const s = allocationInstance('medium-day');
 * s.counters?.length; // => 24
 */
export function allocationInstance(name: AllocationInstanceName, seed = 1): ScenarioInput {
  const [size, span] = name.split('-') as [keyof typeof SIZES, 'day' | 'week'];
  check(
    size in SIZES && (span === 'day' || span === 'week'),
    'allocationInstance',
    'unknown instance name',
    name,
  );
  return generateCentreScenario({
    ...defaultCentreSpec,
    ...SIZES[size],
    days: span === 'day' ? 1 : 6,
    slotMinutes: span === 'day' ? 30 : 15,
    seed,
    id: `${name}-${seed}`,
  });
}

/**
 * The city batch: `centres` generated centres of mixed size (3–12 services), each open `days` days with 30-minute
 * slots, seeded from `seed`.
 *
 * @example
 * cityBatch(200, 6).length; // => 200
 */
export function cityBatch(centres: number, days: number, seed = 1): ScenarioInput[] {
  check(Number.isInteger(centres) && centres > 0, 'cityBatch', 'centres must be a positive integer', centres);
  const rng = createRng(seed, 7);
  const out: ScenarioInput[] = [];
  for (let i = 0; i < centres; i++) {
    const services = 3 + Math.floor(rng.next() * 10);
    const counters = services + 2 + Math.floor(rng.next() * services);
    out.push(
      generateCentreScenario({
        ...defaultCentreSpec,
        services,
        counters,
        staff: Math.round(counters * (1.4 + rng.next() * 0.5)),
        days,
        hours: rng.next() < 0.5 ? 'lunch' : 'continuous',
        seed: seed * 1000 + i,
        id: `city-${i + 1}`,
      }),
    );
  }
  return out;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng.next() * xs.length)];
}

/**
 * Generate a seeded service-hall scenario of the given size: services with handling times of 4–20 minutes and a
 * 15-minute target, single-service and one-stop counters, staff with one to three skills and full-day or
 * part-day availability, and walk-in and appointment demand with a morning and an afternoon peak, scaled (by a
 * few `staffingRequirements` runs) so that the peak requirement is `peakShare` of the capacity.
 *
 * @example
 * const s = generateCentreScenario({ ...defaultCentreSpec, services: 4, counters: 6, staff: 10, seed: 3 });
 * s.services.length; // => 4
 */
export function generateCentreScenario(spec: CentreSpec): ScenarioInput {
  const fn = 'generateCentreScenario';
  check(
    Number.isInteger(spec.services) && spec.services > 0,
    fn,
    'services must be a positive integer',
    spec.services,
  );
  check(spec.counters >= spec.services, fn, 'counters must be at least services', spec.counters);
  check(
    Number.isInteger(spec.staff) && spec.staff >= spec.services,
    fn,
    'staff must be at least services',
    spec.staff,
  );
  check(Number.isInteger(spec.days) && spec.days >= 1 && spec.days <= 7, fn, 'days must be 1–7', spec.days);
  const rng = createRng(spec.seed);
  const S = spec.services;
  const ids = Array.from({ length: S }, (_, i) => `svc${String(i + 1).padStart(2, '0')}`);
  const weight = ids.map((_, i) => 1 / (i + 1) ** 0.7);
  const wsum = weight.reduce((a, b) => a + b, 0);
  const services = ids.map((id, i) => ({
    id,
    ahtSeconds: Math.round(240 + rng.next() * 960),
    serviceCv: Math.round((0.6 + rng.next() * 0.6) * 100) / 100,
    ...(rng.next() < 0.5 ? { patienceSeconds: Math.round(1800 + rng.next() * 1800) } : {}),
    noShowRate: 0.1,
    target: { fraction: 0.8, withinSeconds: i % 3 === 2 ? 600 : 900 },
  }));

  const weekday: [string, string][] =
    spec.hours === 'lunch'
      ? [
          ['09:00', '12:00'],
          ['13:30', '17:30'],
        ]
      : [['09:00', '17:00']];
  const openingHours: Record<string, [string, string][]> = { 6: [['09:00', '12:00']] };
  for (let w = 1; w <= 5; w++) openingHours[String(w)] = weekday;
  const firstDate = '2026-11-30';
  const dates = Array.from({ length: spec.days }, (_, i) => addDays(firstDate, spec.days === 1 ? 1 : i));

  const onDay = spec.staff * (spec.days > 1 ? spec.days / (spec.days + 1) : 1);
  const capacity = spec.peakShare * Math.min(spec.counters - 0.3 * S, 0.7 * onDay);
  const unit: { service: string; channel: 'walk_in' | 'appointment'; slotStart: string; base: number }[] = [];
  const sm = spec.slotMinutes;
  for (const date of dates) {
    const wd = weekdayOf(date);
    const dayFactor = wd === 6 ? 0.8 : wd === 1 ? 1.15 : 1 - 0.03 * (wd - 2) + (rng.next() - 0.5) * 0.1;
    for (const [a, b] of openingHours[String(wd)] ?? []) {
      for (let m = parseClock(a); m < parseClock(b); m += sm) {
        const h = (m + sm / 2) / 60;
        const profile =
          0.45 + Math.exp(-(((h - 10.2) / 1.1) ** 2)) + 0.8 * Math.exp(-(((h - 14.8) / 1.3) ** 2));
        const slotStart = `${date}T${formatClock(m)}:00+08:00`;
        services.forEach((svc, i) => {
          const perSlot = (weight[i] * profile * dayFactor * sm * 60) / (wsum * svc.ahtSeconds);
          const noise = 0.85 + rng.next() * 0.3;
          unit.push({ service: svc.id, channel: 'walk_in', slotStart, base: perSlot * 0.7 * noise });
          unit.push({ service: svc.id, channel: 'appointment', slotStart, base: perSlot * 0.3 * noise });
        });
      }
    }
  }
  const scaled = (scale: number) =>
    unit.map((u) => ({
      service: u.service,
      channel: u.channel,
      slotStart: u.slotStart,
      expected: Math.round(u.base * scale * 100) / 100,
    }));
  const epochOf = new Map<string, number>();
  for (const u of unit)
    if (!epochOf.has(u.slotStart)) epochOf.set(u.slotStart, parseIsoTime(u.slotStart, 'UTC'));
  const needs = (scale: number) => {
    const rows = unit.map((u) => ({
      service: u.service,
      channel: u.channel,
      slotStart: epochOf.get(u.slotStart)!,
      expected: Math.round(u.base * scale * 100) / 100,
    }));
    const { requirements } = staffingRequirements(rows, services, { slotMinutes: sm });
    const bySlot = new Map<number, number>();
    const peakOf = new Float64Array(S);
    const index = new Map(ids.map((id, i) => [id, i]));
    for (const r of requirements) {
      bySlot.set(r.slotStart, (bySlot.get(r.slotStart) ?? 0) + r.servers);
      const i = index.get(r.service)!;
      peakOf[i] = Math.max(peakOf[i], r.servers);
    }
    return { peak: Math.max(0, ...bySlot.values()), peakOf };
  };
  let lo = 0;
  let hi = capacity;
  while (needs(hi).peak < capacity && hi < 1e6) {
    lo = hi;
    hi *= 2;
  }
  for (let k = 0; k < 12; k++) {
    const mid = (lo + hi) / 2;
    if (needs(mid).peak < capacity) lo = mid;
    else hi = mid;
  }
  const demand = scaled(lo);
  const { peakOf } = needs(lo);

  // Counters: one single-service counter each, more for the services whose peak needs them, then one-stop counters
  // over neighbouring services.
  const counters: { id: string; services: string[] }[] = [];
  const singles = new Float64Array(S).fill(1);
  for (let i = 0; i < S; i++) counters.push({ id: '', services: [ids[i]] });
  const extra = spec.counters - S;
  const oneStop = Math.round(extra * spec.oneStopShare);
  for (let n = 0; n < extra - oneStop; n++) {
    let best = 0;
    const deficit = (i: number) => Math.ceil(peakOf[i] - 0.05) - singles[i] + peakOf[i] / 100;
    for (let i = 1; i < S; i++) if (deficit(i) > deficit(best)) best = i;
    singles[best]++;
    counters.push({ id: '', services: [ids[best]] });
  }
  const groups: string[][] = [];
  for (let n = 0; n < oneStop; n++) {
    const size = Math.min(S, 2 + Math.floor(rng.next() * 3));
    let start = 0;
    for (let i = 1; i < S; i++) if (peakOf[i] - singles[i] > peakOf[start] - singles[start]) start = i;
    if (rng.next() < 0.5) start = Math.floor(rng.next() * S);
    const set = Array.from({ length: size }, (_, k) => ids[(start + k) % S]);
    for (let k = 0; k < size; k++) singles[(start + k) % S] += 1 / size;
    groups.push(set);
    counters.push({ id: '', services: set });
  }
  counters.forEach((c, i) => {
    c.id = `C${String(i + 1).padStart(2, '0')}`;
  });

  // Staff: primary skills where the peak need per skilled person is highest; a second or third skill, often one of
  // a one-stop counter's services.
  const staff: {
    id: string;
    skills: string[];
    availableFrom: string;
    availableTo: string;
    maxWorkMinutes: number;
    dates?: string[];
  }[] = [];
  const skilled = new Float64Array(S);
  for (let p = 0; p < spec.staff; p++) {
    let primary = p < S ? p : 0;
    if (p >= S) {
      for (let i = 1; i < S; i++)
        if ((peakOf[i] + 0.5) / skilled[i] > (peakOf[primary] + 0.5) / skilled[primary]) primary = i;
    }
    const skills = new Set([ids[primary]]);
    skilled[primary]++;
    const more = rng.next();
    const n = more < 0.35 ? 0 : more < 0.8 ? 1 : 2;
    for (let k = 0; k < n; k++) {
      const own = groups.filter((set) => set.includes(ids[primary]));
      const pickFrom = own.length > 0 && rng.next() < 0.7 ? pick(rng, own) : ids;
      const s = pick(rng, pickFrom);
      if (!skills.has(s)) {
        skills.add(s);
        skilled[ids.indexOf(s)] += 0.5;
      }
    }
    const shape = rng.next();
    const [from, to, max] =
      shape < 0.76
        ? ['08:30', '17:30', 480]
        : shape < 0.88
          ? ['08:30', '14:30', 300]
          : ['12:30', '17:30', 300];
    const person: (typeof staff)[number] = {
      id: `S${String(p + 1).padStart(3, '0')}`,
      skills: [...skills].sort(),
      availableFrom: from,
      availableTo: to,
      maxWorkMinutes: max,
    };
    staff.push(person);
  }
  if (spec.days > 1) {
    // One day off each (or none), on a day where each of the person's skills keeps another person, and another
    // full-day person when this one works full days.
    const all = ids.map(() => new Int32Array(spec.days));
    const full = ids.map(() => new Int32Array(spec.days));
    const isFull = (p: (typeof staff)[number]) => p.availableFrom === '08:30' && p.availableTo === '17:30';
    for (const p of staff) {
      for (const sk of p.skills) {
        for (let d = 0; d < spec.days; d++) {
          all[ids.indexOf(sk)][d]++;
          if (isFull(p)) full[ids.indexOf(sk)][d]++;
        }
      }
    }
    for (const p of staff) {
      let off = spec.days;
      let best = 0;
      const start = Math.floor(rng.next() * spec.days);
      for (let k = 0; k < spec.days; k++) {
        const d = (start + k) % spec.days;
        let left = Number.POSITIVE_INFINITY;
        for (const sk of p.skills) {
          const i = ids.indexOf(sk);
          left = Math.min(left, all[i][d] - 1, isFull(p) ? full[i][d] - 1 : Number.POSITIVE_INFINITY);
        }
        if (left > best) {
          best = left;
          off = d;
        }
      }
      if (off < spec.days) {
        for (const sk of p.skills) {
          all[ids.indexOf(sk)][off]--;
          if (isFull(p)) full[ids.indexOf(sk)][off]--;
        }
      }
      p.dates = dates.filter((_, i) => i !== off);
    }
  }
  return {
    centre: {
      id: spec.id ?? `centre-${spec.seed}`,
      timezone: 'Asia/Shanghai',
      slotMinutes: sm,
      openingHours,
    },
    services,
    counters,
    staff,
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
