import { beforeAll, describe, expect, it } from 'vitest';
import {
  auto,
  bookingPickup,
  buildSeriesGrid,
  forecastMany,
  type SeriesGrid,
  weekdayAverage,
} from '../../src/forecast/index.js';
import { type BookingCurve, bookingCurves, type History, type Visit } from '../../src/history/index.js';
import { formatIsoInZone } from '../../src/time/zoned.js';
import { hallHistory, hallVisits, seriesOf } from './hall-data.js';

// Generated hall (src/generate, seed 7, 400 visits a day) from 2025-06-02 to 2026-03-28. The forecasts are made
// on Friday 2026-02-13, the last working day before the 2026 Spring Festival holiday (chinese-days: 02-15 … 02-23
// closed; Saturdays 02-14 and 02-28 are make-up working days). The generator's surge after Spring Festival is
// ×1.65 on the first day.
const TZ = 'Asia/Shanghai';
const AS_OF = Date.parse('2026-02-14T00:00:00+08:00');
let visits: Visit[];
let full: History;
let past: History;
let curves: BookingCurve[];

const dateOf = (t: number) => formatIsoInZone(t, TZ).slice(0, 10);

function dailyTotals(slotStart: ArrayLike<number>, values: ArrayLike<number>): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < slotStart.length; i++)
    m.set(dateOf(slotStart[i]), (m.get(dateOf(slotStart[i])) ?? 0) + values[i]);
  return m;
}

beforeAll(() => {
  visits = hallVisits(7, '2025-06-02', 300, 400);
  full = hallHistory(visits);
  past = { ...full, rows: full.rows.filter((r) => r.slotStart < AS_OF) };
  curves = bookingCurves(visits, { slotMinutes: 30, timezone: TZ });
}, 60_000);

describe('generated service hall: calendar', () => {
  let grid: SeriesGrid;
  let byDay: Map<string, number>;
  let actual: Map<string, number>;
  beforeAll(() => {
    const walkIns = seriesOf(past, '*', 'walk_in');
    grid = buildSeriesGrid(walkIns);
    const fitted = auto().fitGrid(grid);
    const slots = grid.openSlots(grid.dayCount, grid.dayCount + 21);
    byDay = dailyTotals(slots, fitted.predict(slots).mean);
    const after = seriesOf(full, '*', 'walk_in').rows.filter((r) => r.slotStart >= AS_OF);
    actual = dailyTotals(
      after.map((r) => r.slotStart),
      after.map((r) => r.arrivals),
    );
  });

  it('forecasts the holiday closure as closed: no slots, and 0 for slots asked for', () => {
    for (let d = 15; d <= 23; d++) expect(byDay.has(`2026-02-${d}`)).toBe(false);
    const p = auto()
      .fitGrid(grid)
      .predict([Date.parse('2026-02-17T10:00:00+08:00')]);
    expect(p.mean[0]).toBe(0);
    expect(p.quantiles[5][0]).toBe(0);
  });

  it('forecasts the make-up Saturdays as open working days', () => {
    for (const date of ['2026-02-14', '2026-02-28']) {
      expect(byDay.get(date)).toBeGreaterThan(0.6 * (byDay.get('2026-03-04') as number));
      expect(actual.get(date)).toBeGreaterThan(0);
    }
    expect(byDay.has('2026-03-07')).toBe(false);
  });

  it('forecasts the first days after Spring Festival as a surge, close to what came', () => {
    const surge = (byDay.get('2026-02-24') as number) / (byDay.get('2026-03-03') as number);
    expect(surge).toBeGreaterThan(1.2);
    expect((byDay.get('2026-02-25') as number) / (byDay.get('2026-03-04') as number)).toBeGreaterThan(1.05);
    const truth = actual.get('2026-02-24') as number;
    expect(Math.abs((byDay.get('2026-02-24') as number) - truth) / truth).toBeLessThan(0.25);
  });
});

describe('generated service hall: every service through forecastMany', () => {
  it("shares the centre's surge after Spring Festival with services too small to show it alone", () => {
    const out = forecastMany(past, auto(), { horizonDays: 21 });
    let services = 0;
    out.keys.forEach((k, s) => {
      if (k.channel !== 'walk_in') return;
      const days = dailyTotals(
        out.slotStart.subarray(out.offsets[s], out.offsets[s + 1]),
        out.mean.subarray(out.offsets[s], out.offsets[s + 1]),
      );
      expect(days.has('2026-02-17')).toBe(false);
      expect(days.get('2026-02-14')).toBeGreaterThan(0);
      expect((days.get('2026-02-24') as number) / (days.get('2026-03-03') as number)).toBeGreaterThan(1.2);
      services++;
    });
    expect(services).toBe(15);
  });
});

describe('generated service hall: appointments from bookings on hand', () => {
  // Forecasts made on Monday 2026-03-09 for that week, from the bookings on hand then (leads 0–4 days).
  const asOf = Date.parse('2026-03-09T00:00:00+08:00');
  let before: History;
  let actual: Map<string, number>;
  beforeAll(() => {
    before = { ...full, rows: full.rows.filter((r) => r.slotStart < asOf && r.channel === 'appointment') };
    actual = new Map(
      full.rows
        .filter((r) => r.channel === 'appointment')
        .map((r) => [`${r.service}|${r.slotStart}`, r.arrivals]),
    );
  });

  it('beats the same-weekday average of arrivals, which ignores the bookings, over every service', () => {
    const wape = (model: 'pickup' | 'average') => {
      const out =
        model === 'pickup'
          ? forecastMany(before, auto(), { horizonDays: 5, bookings: curves, asOf })
          : forecastMany(before, weekdayAverage(), { horizonDays: 5 });
      let e = 0;
      let y = 0;
      out.keys.forEach((k, s) => {
        for (let i = out.offsets[s]; i < out.offsets[s + 1]; i++) {
          const a = actual.get(`${k.service}|${out.slotStart[i]}`) ?? 0;
          e += Math.abs(a - out.mean[i]);
          y += a;
        }
      });
      return e / y;
    };
    expect(wape('pickup')).toBeLessThan(0.92 * wape('average'));
  });

  it('raises the forecast around a slot by its extra bookings on hand times their show rate', () => {
    const service = 'social-insurance';
    const appointments = seriesOf(before, service, 'appointment');
    const grid = buildSeriesGrid(appointments);
    const day = grid.dayIndexOf(Date.parse('2026-03-11T00:00:00+08:00'));
    const slots = grid.openSlots(day, day + 1);
    const target = slots[8];
    const hit = (c: BookingCurve) => c.service === service && c.slotStart === target;
    const more = curves.some(hit)
      ? curves.map((c) => (hit(c) ? { ...c, bookedByLead: c.bookedByLead.map((b) => b + 10) } : c))
      : [
          ...curves,
          { centre: 'ovc', service, slotStart: target, bookedByLead: new Array(15).fill(10), shows: 0 },
        ];
    const base = bookingPickup().fit(appointments, { bookings: curves, asOf }).predict(slots);
    const moved = bookingPickup().fit(appointments, { bookings: more, asOf }).predict(slots);
    const delta = moved.mean.reduce((a, b) => a + b, 0) - base.mean.reduce((a, b) => a + b, 0);
    // Ten bookings made ≥ 14 days ahead, times the learnt show rate (the generator's is 75–90 %), spread over the
    // arrival slots around the appointment slot (holders come early).
    expect(delta).toBeGreaterThan(6);
    expect(delta).toBeLessThan(12);
    expect(moved.mean[8] + moved.mean[7]).toBeGreaterThan(base.mean[8] + base.mean[7] + 5);
    expect(moved.mean[5]).toBeCloseTo(base.mean[5], 9);
    expect(moved.mean[11]).toBeCloseTo(base.mean[11], 9);
  });

  it('forecastMany uses booking pickup for appointment series with curves, and auto for walk-ins', () => {
    const pastAll = full.rows.filter((r) => r.slotStart < asOf);
    const out = forecastMany({ ...full, rows: pastAll }, auto(), { horizonDays: 7, bookings: curves, asOf });
    out.keys.forEach((k, i) => {
      if (k.channel === 'appointment') expect(out.models[i]).toMatch(/^booking-pickup/);
      else expect(out.models[i]).not.toMatch(/^booking-pickup/);
    });
    expect(Array.from(out.mean).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});
