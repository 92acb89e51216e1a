import { createCalendar, type DayInfo, type ServiceCalendar } from '../calendar/index.js';
import { QueuecastError } from '../errors.js';
import { createRng, type Rng, randomGamma, randomNormal, randomPoisson } from '../random/index.js';
import { addDays, daysBetween, parseDateKey, zonedToEpoch } from '../time/zoned.js';
import { simulateSession } from './hall-queue.js';
import { createIsoFormatter } from './iso-formatter.js';
import { noteWithMobile, noteWithResidentId, PLAIN_NOTES, pick, randomName } from './pii.js';
import {
  baseNoShowAtLead,
  cancelRate,
  leadDayWeights,
  type SampleService,
  sampleCentre,
  sampleServices,
} from './sample-services.js';

/** One row of the sample Visits CSV (DESIGN.md, Visits), as text; `null` is an empty field. */
export interface SampleVisitRecord {
  readonly visit_id: string;
  readonly centre: string;
  readonly service: string;
  /** `appointment` or `walk_in` (a planted dirty row says `phone`). */
  readonly channel: string;
  readonly booked_at: string | null;
  readonly appointment_at: string | null;
  readonly arrived_at: string | null;
  readonly called_at: string | null;
  readonly completed_at: string | null;
  /** `served`, `no_show`, `cancelled` or `abandoned`. */
  readonly outcome: string;
  readonly counter: string | null;
  readonly staff: string | null;
  /** Free text typed at the counter; a few rows hold a resident ID or mobile number. */
  readonly notes: string | null;
  /** Occasionally filled in (personal data for ingest to drop). */
  readonly customer_name: string | null;
}

/**
 * Column order of the sample Visits CSV (DESIGN.md, Visits, plus the `notes` and `customer_name` columns ingest
 * must drop); times in the columns ending `_at` are ISO 8601.
 *
 * @example
 * sampleVisitColumns.length; // => 14
 * sampleVisitColumns[0]; // => 'visit_id'
 */
export const sampleVisitColumns = [
  'visit_id',
  'centre',
  'service',
  'channel',
  'booked_at',
  'appointment_at',
  'arrived_at',
  'called_at',
  'completed_at',
  'outcome',
  'counter',
  'staff',
  'notes',
  'customer_name',
] as const satisfies readonly (keyof SampleVisitRecord)[];

/** Running counts of what the generator produced. */
export interface GenerateTally {
  openDays: number;
  rows: number;
  walkIns: number;
  appointments: number;
  arrivals: number;
  served: number;
  abandoned: number;
  noShows: number;
  cancelled: number;
  missingArrival: number;
  duplicateIds: number;
  calledBeforeArrived: number;
  unknownChannel: number;
  residentIdNotes: number;
  mobileNotes: number;
  customerNames: number;
}

/** A fresh tally of zeros. */
export function emptyTally(): GenerateTally {
  return {
    openDays: 0,
    rows: 0,
    walkIns: 0,
    appointments: 0,
    arrivals: 0,
    served: 0,
    abandoned: 0,
    noShows: 0,
    cancelled: 0,
    missingArrival: 0,
    duplicateIds: 0,
    calledBeforeArrived: 0,
    unknownChannel: 0,
    residentIdNotes: 0,
    mobileNotes: 0,
    customerNames: 0,
  };
}

/** Rates of the planted dirty rows and personal data, per visit. */
const DIRT = {
  missingArrival: 0.0006,
  calledBeforeArrived: 0.0004,
  unknownChannel: 0.0003,
  duplicate: 0.0004,
  plainNote: 0.02,
  residentIdNote: 0.0015,
  mobileNote: 0.0015,
  customerName: 0.01,
};

const WEEKDAY_FACTOR = [0, 1.22, 1.05, 1.0, 0.97, 0.9, 0.85, 0.85];
const MONTH_FACTOR = [1.04, 0.96, 1.02, 1.0, 0.98, 1.0, 1.04, 1.05, 1.0, 0.98, 1.0, 1.03];
const MAKEUP_FACTOR = 0.85;
const GROWTH_PER_YEAR = 0.06;
const GROWTH_ORIGIN = '2026-01-01';
const DAY_NOISE_CV = 0.07;
const SERVICE_NOISE_CV = 0.12;
/**
 * Staffing: servers = ceil(a + β√a) (square-root staffing) per clock hour, on a load `a` that blends the hour's
 * expected load with the session's average, as halls move staff between hours only partly; peaks queue up.
 */
const STAFFING_BETA = 0.3;
const STAFFING_SMOOTHING = 0.75;
const BIN_MINUTES = 5;
const APPOINTMENT_SLOT_MINUTES = 30;
const DAY_ORIGIN = '2000-01-01';

/** Relative arrival intensity of walk-ins at a local minute of day: a morning peak near 10:00, an afternoon peak
 * near 15:00, a rush at opening, and few arrivals just before lunch and closing. */
export function intradayIntensity(
  minuteOfDay: number,
  session: { startMinute: number; endMinute: number },
): number {
  const m = minuteOfDay;
  let f = 0.35 + Math.exp(-0.5 * ((m - 600) / 50) ** 2) + 0.85 * Math.exp(-0.5 * ((m - 900) / 55) ** 2);
  if (m - session.startMinute < 10 && session.startMinute < 720) f *= 1.3;
  if (session.endMinute - m <= 20) f *= 0.55;
  if (m - session.startMinute < 15 && session.startMinute >= 720) f *= 0.75;
  return f;
}

function factorAfterBreak(closedDays: number, holidayName: string, openDaysSince: number): number {
  if (holidayName.includes('Spring Festival')) return [1.65, 1.4, 1.2, 1.1][openDaysSince] ?? 1;
  if (closedDays >= 5) return [1.4, 1.18, 1.06][openDaysSince] ?? 1;
  if (closedDays >= 3) return [1.18, 1.04][openDaysSince] ?? 1;
  return 1;
}

/** Surge on the first open days after a break of three or more closed days (strongest after Spring Festival). */
function postBreakFactor(cal: ServiceCalendar, date: string): number {
  let cur = date;
  for (let j = 0; j < 4; j++) {
    const info = cal.day(cur);
    if (info.closedDaysBefore >= 3) {
      return factorAfterBreak(info.closedDaysBefore, cal.day(addDays(cur, -1)).name ?? '', j);
    }
    cur = addDays(cur, -1 - info.closedDaysBefore);
  }
  return 1;
}

/** Closed days right after `date` (0–14); dates past the calendar's coverage count as open. */
function closedDaysAfter(cal: ServiceCalendar, date: string): number {
  let k = 0;
  while (k < 14) {
    try {
      if (cal.day(addDays(date, k + 1)).open) break;
    } catch (e) {
      if (e instanceof QueuecastError && e.code === 'OUT_OF_COVERAGE') break;
      throw e;
    }
    k++;
  }
  return k;
}

function serviceFactor(s: SampleService, date: string, closedAfter: number): number {
  const { year, month, day } = parseDateKey(date);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const monthEnd = day > daysInMonth - 4;
  const md = date.slice(5);
  switch (s.id) {
    case 'tax':
      return monthEnd ? 1.9 : 1;
    case 'social-insurance':
    case 'housing-fund':
      return monthEnd ? 1.25 : 1;
    case 'marriage':
      return md === '05-20' ? 4 : md === '02-14' ? 2.5 : 1;
    case 'exit-entry':
      return (closedAfter >= 5 ? 1.35 : 1) * (month === 7 || month === 8 ? 1.2 : 1);
    case 'talent':
    case 'household-registration':
      return month === 7 ? 1.3 : 1;
    case 'real-estate':
      return month >= 3 && month <= 5 ? 1.1 : 1;
    default:
      return 1;
  }
}

function gammaNoise(rng: Rng, cv: number): number {
  const shape = 1 / (cv * cv);
  return randomGamma(rng, shape, 1 / shape);
}

function drawLead(rng: Rng): number {
  const total = leadDayWeights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let d = 0; d < leadDayWeights.length; d++) {
    u -= leadDayWeights[d];
    if (u < 0) return d;
  }
  return leadDayWeights.length - 1;
}

/** Settings and fixed draws (staff pools and speeds) of one generator run. */
export interface Hall {
  readonly calendar: ServiceCalendar;
  readonly seed: number;
  readonly dailyVisits: number;
  readonly dirty: boolean;
  readonly staffPools: readonly (readonly string[])[];
  readonly staffSpeed: ReadonlyMap<string, number>;
}

/** Set up a hall: the default Chinese calendar, and per service a pool of staff with their speeds. */
export function createHall(seed: number, dailyVisits: number, dirty: boolean): Hall {
  const rng = createRng(seed, 1);
  const staffSpeed = new Map<string, number>();
  let next = 1;
  const staffPools = sampleServices.map((s) => {
    const load = (dailyVisits * s.dailyShare * s.ahtSeconds) / (7 * 3600);
    const size = Math.ceil(2.5 * load) + 3;
    return Array.from({ length: size }, () => {
      const id = `S${String(next++).padStart(3, '0')}`;
      staffSpeed.set(id, 0.85 + 0.3 * rng.next());
      return id;
    });
  });
  return {
    calendar: createCalendar({ timezone: sampleCentre.timezone }),
    seed,
    dailyVisits,
    dirty,
    staffPools,
    staffSpeed,
  };
}

interface Customer {
  service: number;
  appointment: boolean;
  bookedAt: number;
  appointmentAt: number;
  arrivedAt: number;
  calledAt: number;
  completedAt: number;
  outcome: 'served' | 'no_show' | 'cancelled' | 'abandoned';
  counter: string | null;
  staff: string | null;
  order: number;
}

/**
 * Generate the visits of one date (none when the hall is closed), ordered by arrival (appointment time for
 * bookings that never arrived), and add them to `tally`. Deterministic given the hall's seed and the date.
 */
export function generateDay(hall: Hall, date: string, tally: GenerateTally): SampleVisitRecord[] {
  const cal = hall.calendar;
  const info: DayInfo = cal.day(date);
  if (!info.open) return [];
  tally.openDays++;
  const tz = sampleCentre.timezone;
  const dayNumber = daysBetween(DAY_ORIGIN, date);
  const rng = createRng(hall.seed, 1000 + dayNumber);
  const { year, month, day } = parseDateKey(date);
  const at = (minute: number) => zonedToEpoch(year, month, day, Math.floor(minute / 60), minute % 60, 0, tz);
  const midnight = at(0);
  const closedAfter = closedDaysAfter(cal, date);
  const growth = (1 + GROWTH_PER_YEAR) ** (daysBetween(GROWTH_ORIGIN, date) / 365);
  const expectedDay =
    hall.dailyVisits *
    growth *
    (info.kind === 'makeup' || info.kind === 'extra' ? MAKEUP_FACTOR : WEEKDAY_FACTOR[info.weekday]) *
    MONTH_FACTOR[month - 1] *
    postBreakFactor(cal, date) *
    (closedAfter >= 5 ? 1.12 : closedAfter >= 3 ? 1.05 : 1);
  const dayNoise = gammaNoise(rng, DAY_NOISE_CV);

  const bins: { start: number; minute: number; session: number; weight: number }[] = [];
  const apptSlots: { minute: number; session: number; weight: number }[] = [];
  info.sessions.forEach((s, si) => {
    for (let m = s.startMinute; m < s.endMinute; m += BIN_MINUTES) {
      bins.push({ start: at(m), minute: m, session: si, weight: intradayIntensity(m + BIN_MINUTES / 2, s) });
    }
    for (let m = s.startMinute; m + APPOINTMENT_SLOT_MINUTES <= s.endMinute; m += APPOINTMENT_SLOT_MINUTES) {
      apptSlots.push({
        minute: m,
        session: si,
        weight: intradayIntensity(m + APPOINTMENT_SLOT_MINUTES / 2, s),
      });
    }
  });
  const binTotal = bins.reduce((a, b) => a + b.weight, 0);
  const slotTotal = apptSlots.reduce((a, b) => a + b.weight, 0);
  const sessionBounds = info.sessions.map((s) => ({ start: at(s.startMinute), end: at(s.endMinute), s }));

  const customers: Customer[] = [];
  let order = 0;
  sampleServices.forEach((svc, si) => {
    const expected = expectedDay * svc.dailyShare * serviceFactor(svc, date, closedAfter);
    const realised = expected * dayNoise * gammaNoise(rng, SERVICE_NOISE_CV);
    const walkInMean = realised * (1 - svc.appointmentShare);
    const bookedMean = realised * svc.appointmentShare;
    const svcCustomers: Customer[] = [];
    const blank = (appointment: boolean): Customer => ({
      service: si,
      appointment,
      bookedAt: Number.NaN,
      appointmentAt: Number.NaN,
      arrivedAt: Number.NaN,
      calledAt: Number.NaN,
      completedAt: Number.NaN,
      outcome: 'served',
      counter: null,
      staff: null,
      order: order++,
    });
    for (const b of bins) {
      const k = randomPoisson(rng, (walkInMean * b.weight) / binTotal);
      for (let j = 0; j < k; j++) {
        const c = blank(false);
        c.arrivedAt = b.start + Math.floor(rng.next() * BIN_MINUTES * 60) * 1000;
        svcCustomers.push(c);
      }
    }
    const expectedShowsByMinute = new Map<number, number>();
    for (const slot of apptSlots) {
      const k = randomPoisson(rng, (bookedMean * slot.weight) / slotTotal);
      const slotStart = at(slot.minute);
      const bounds = sessionBounds[slot.session];
      for (let j = 0; j < k; j++) {
        const c = blank(true);
        c.appointmentAt = slotStart;
        const lead = drawLead(rng);
        const latestMinute = lead === 0 ? Math.max(7 * 60 + 1, slot.minute - 15) : 23 * 60 + 30;
        const bookSecond = Math.floor((7 * 60 + rng.next() * (latestMinute - 7 * 60)) * 60);
        const b = new Date(Date.UTC(year, month - 1, day - lead));
        c.bookedAt =
          zonedToEpoch(b.getUTCFullYear(), b.getUTCMonth() + 1, b.getUTCDate(), 0, 0, 0, tz) +
          bookSecond * 1000;
        if (rng.next() < cancelRate) c.outcome = 'cancelled';
        else if (rng.next() < baseNoShowAtLead(lead) * svc.noShowFactor) c.outcome = 'no_show';
        else {
          const offsetMinutes = Math.max(-25, Math.min(20, -6 + 8 * randomNormal(rng)));
          const t = slotStart + Math.round(offsetMinutes * 60) * 1000;
          // Early holders wait at the door and come in during the first minutes after opening.
          c.arrivedAt =
            t < bounds.start
              ? bounds.start + Math.floor(rng.next() * 180) * 1000
              : Math.min(bounds.end - 60_000, t);
        }
        svcCustomers.push(c);
      }
      expectedShowsByMinute.set(slot.minute, k * (1 - svc.noShowRate - cancelRate));
    }

    const expectedWalkInDay = expected * (1 - svc.appointmentShare);
    for (const { start, end, s } of sessionBounds) {
      const firstHour = Math.floor(s.startMinute / 60);
      const lastHour = Math.floor((s.endMinute - 1) / 60);
      const loads: number[] = [];
      for (let h = firstHour; h <= lastHour; h++) {
        const lo = Math.max(h * 60, s.startMinute);
        const hi = Math.min(h * 60 + 60, s.endMinute);
        let arrivals = 0;
        for (const b of bins)
          if (b.minute >= lo && b.minute < hi) arrivals += (expectedWalkInDay * b.weight) / binTotal;
        for (const [m, shows] of expectedShowsByMinute) if (m >= lo && m < hi) arrivals += shows;
        loads.push((arrivals * svc.ahtSeconds) / ((hi - lo) * 60));
      }
      const sessionLoad = loads.reduce((a, b) => a + b, 0) / loads.length;
      const servers = loads.map((hourLoad) => {
        const a = (1 - STAFFING_SMOOTHING) * hourLoad + STAFFING_SMOOTHING * sessionLoad;
        return Math.max(1, Math.ceil(a + STAFFING_BETA * Math.sqrt(a)));
      });
      const queue = svcCustomers
        .filter((c) => !Number.isNaN(c.arrivedAt) && c.arrivedAt >= start && c.arrivedAt < end)
        .sort((a, b) => a.arrivedAt - b.arrivedAt || a.order - b.order);
      const n = queue.length;
      const meanServiceMs = new Float64Array(n);
      queue.forEach((c, i) => {
        const minute = (c.arrivedAt - midnight) / 60_000;
        const hourEffect = minute < 600 ? 1.05 : minute >= 990 ? 0.92 : 1;
        meanServiceMs[i] = svc.ahtSeconds * 1000 * hourEffect;
      });
      const pool = hall.staffPools[si];
      const staffOf = (k: number) =>
        k < pool.length ? pool[(k + dayNumber) % pool.length] : `S9${String(si).padStart(2, '0')}${k}`;
      const out = simulateSession(
        {
          start,
          end,
          hourZero: at(firstHour * 60),
          servers,
          arrivals: Float64Array.from(queue, (c) => c.arrivedAt),
          appointment: Uint8Array.from(queue, (c) => (c.appointment ? 1 : 0)),
          meanServiceMs,
          serviceCv: svc.serviceCv,
          patienceMs: svc.patienceSeconds * 1000,
          speed: (k) => hall.staffSpeed.get(staffOf(k)) ?? 1,
        },
        rng,
      );
      queue.forEach((c, i) => {
        if (out.abandoned[i]) {
          c.outcome = 'abandoned';
          return;
        }
        c.calledAt = Math.round(out.calledAt[i] / 1000) * 1000;
        c.completedAt = Math.max(c.calledAt + 1000, Math.round(out.completedAt[i] / 1000) * 1000);
        const k = out.counter[i];
        c.counter = `${svc.counterPrefix}${String(k + 1).padStart(2, '0')}`;
        c.staff = staffOf(k);
      });
    }
    for (const c of svcCustomers) customers.push(c);
  });

  const timeKey = (c: Customer) => (Number.isNaN(c.arrivedAt) ? c.appointmentAt : c.arrivedAt);
  customers.sort((a, b) => timeKey(a) - timeKey(b) || a.order - b.order);
  const format = createIsoFormatter(tz);
  const iso = (t: number) => (Number.isNaN(t) ? null : format(t));
  const dirt = createRng(hall.seed, 500_000 + dayNumber);
  const idPrefix = `V${date.replace(/-/g, '')}-`;
  const rows: SampleVisitRecord[] = [];
  customers.forEach((c, i) => {
    const svc = sampleServices[c.service];
    if (c.appointment) tally.appointments++;
    else tally.walkIns++;
    if (!Number.isNaN(c.arrivedAt)) tally.arrivals++;
    if (c.outcome === 'served') tally.served++;
    else if (c.outcome === 'abandoned') tally.abandoned++;
    else if (c.outcome === 'no_show') tally.noShows++;
    else tally.cancelled++;
    let arrivedAt = iso(c.arrivedAt);
    let calledAt = iso(c.calledAt);
    let channel: string = c.appointment ? 'appointment' : 'walk_in';
    let notes: string | null = null;
    let name: string | null = null;
    let duplicate = false;
    if (hall.dirty) {
      const served = c.outcome === 'served';
      if (served && !c.appointment && dirt.next() < DIRT.missingArrival) {
        arrivedAt = null;
        tally.missingArrival++;
      } else if (served && dirt.next() < DIRT.calledBeforeArrived) {
        calledAt = iso(c.arrivedAt - (60 + Math.floor(dirt.next() * 540)) * 1000);
        tally.calledBeforeArrived++;
      }
      if (dirt.next() < DIRT.unknownChannel) {
        channel = 'phone';
        tally.unknownChannel++;
      }
      const u = dirt.next();
      if (u < DIRT.residentIdNote) {
        notes = noteWithResidentId(dirt);
        tally.residentIdNotes++;
      } else if (u < DIRT.residentIdNote + DIRT.mobileNote) {
        notes = noteWithMobile(dirt);
        tally.mobileNotes++;
      } else if (u < DIRT.residentIdNote + DIRT.mobileNote + DIRT.plainNote) notes = pick(dirt, PLAIN_NOTES);
      if (dirt.next() < DIRT.customerName) {
        name = randomName(dirt);
        tally.customerNames++;
      }
      duplicate = dirt.next() < DIRT.duplicate;
    }
    const row: SampleVisitRecord = {
      visit_id: `${idPrefix}${String(i + 1).padStart(5, '0')}`,
      centre: sampleCentre.id,
      service: svc.id,
      channel,
      booked_at: iso(c.bookedAt),
      appointment_at: iso(c.appointmentAt),
      arrived_at: arrivedAt,
      called_at: calledAt,
      completed_at: iso(c.completedAt),
      outcome: c.outcome,
      counter: c.counter,
      staff: c.staff,
      notes,
      customer_name: name,
    };
    rows.push(row);
    if (duplicate) {
      rows.push(row);
      tally.duplicateIds++;
    }
  });
  tally.rows += rows.length;
  return rows;
}
