import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/index.js';
import type { QueuecastError } from '../../src/errors.js';
import {
  generateVisits,
  type SampleVisitRecord,
  sampleServices,
  sampleVisitColumns,
  writeSampleVisitsCsv,
} from '../../src/generate/index.js';
import { residentIdCheckChar } from '../../src/generate/pii.js';
import { noShowByLead, waitStats } from '../../src/history/index.js';
import { parseScenario } from '../../src/scenario/scenario.js';
import { toVisits } from './to-visits.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-generate-'));
const calendar = createCalendar();
const date = (iso: string) => iso.slice(0, 10);
const clock = (iso: string) => iso.slice(11, 16);

function perDate(rows: readonly SampleVisitRecord[], filter: (r: SampleVisitRecord) => boolean = () => true) {
  const m = new Map<string, number>();
  for (const r of rows)
    if (r.arrived_at !== null && filter(r)) m.set(date(r.arrived_at), (m.get(date(r.arrived_at)) ?? 0) + 1);
  return m;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('determinism', () => {
  const options = { start: '2026-03-02', days: 10 };

  it('gives identical bytes for the same seed and different bytes for another seed', () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const c = join(dir, 'c.csv');
    writeSampleVisitsCsv(a, { ...options, seed: 7 });
    writeSampleVisitsCsv(b, { ...options, seed: 7 });
    writeSampleVisitsCsv(c, { ...options, seed: 8 });
    const bytes = readFileSync(a);
    expect(bytes.equals(readFileSync(b))).toBe(true);
    expect(bytes.equals(readFileSync(c))).toBe(false);
  });

  it('writes what generateVisits returns, in the DESIGN.md Visits columns plus notes and customer_name', () => {
    const path = join(dir, 'd.csv');
    const summary = writeSampleVisitsCsv(path, { ...options, seed: 7 });
    const { rows, summary: s2 } = generateVisits({ ...options, seed: 7 });
    expect(summary).toEqual(s2);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'visit_id,centre,service,channel,booked_at,appointment_at,arrived_at,called_at,completed_at,outcome,counter,staff,notes,customer_name',
    );
    expect(lines).toHaveLength(rows.length + 1);
    expect(summary.rows).toBe(rows.length);
    const plain = rows.findIndex((r) => r.notes === null && r.customer_name === null);
    expect(lines[plain + 1]).toBe(sampleVisitColumns.map((c) => rows[plain][c] ?? '').join(','));
  });

  it('makes the rows of a date depend only on the seed and the date', () => {
    const long = generateVisits({ seed: 7, start: '2026-03-02', days: 5 }).rows;
    const short = generateVisits({ seed: 7, start: '2026-03-04', days: 1 }).rows;
    expect(long.filter((r) => r.visit_id.startsWith('V20260304-'))).toEqual(short);
  });
});

describe('defaults and options', () => {
  it('ends the default period on 2026-11-20 (52 weeks)', () => {
    const { summary } = generateVisits({ days: 1 });
    expect(summary).toMatchObject({ from: '2026-11-20', to: '2026-11-20', seed: 2026, openDays: 1 });
  });

  it('refuses dates past the holiday calendar and bad options', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as QueuecastError).code;
      }
      return undefined;
    };
    expect(code(() => generateVisits({ start: '2026-12-28', days: 7 }))).toBe('OUT_OF_COVERAGE');
    expect(code(() => generateVisits({ days: 0 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => generateVisits({ days: 2.5 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => generateVisits({ seed: Number.NaN }))).toBe('INVALID_ARGUMENT');
    expect(code(() => generateVisits({ start: '2026/03/02' }))).toBe('BAD_TIME');
  });

  it('can leave out dirty rows and personal data', () => {
    const { rows, summary } = generateVisits({ start: '2026-03-02', days: 5, dirty: false });
    expect(Object.values(summary.dirty).every((n) => n === 0)).toBe(true);
    expect(rows.every((r) => r.notes === null && r.customer_name === null)).toBe(true);
    expect(new Set(rows.map((r) => r.visit_id)).size).toBe(rows.length);
  });
});

describe('sampleServices', () => {
  it('has fifteen services with Chinese and English names, AHT 3–25 minutes and shares summing to 1', () => {
    expect(sampleServices).toHaveLength(15);
    expect(new Set(sampleServices.map((s) => s.id)).size).toBe(15);
    for (const s of sampleServices) {
      expect(s.name).toMatch(/[\u4e00-\u9fff]/);
      expect(s.nameEn).toMatch(/^[A-Z]/);
      expect(s.ahtSeconds).toBeGreaterThanOrEqual(180);
      expect(s.ahtSeconds).toBeLessThanOrEqual(1500);
      expect(s.noShowRate).toBeGreaterThanOrEqual(0.1);
      expect(s.noShowRate).toBeLessThanOrEqual(0.25);
    }
    expect(sampleServices.reduce((a, s) => a + s.dailyShare, 0)).toBeCloseTo(1, 9);
  });

  it('fits the Scenario schema as services', () => {
    const { scenario, warnings } = parseScenario({
      centre: { id: 'ovc', timezone: 'Asia/Shanghai', slotMinutes: 30 },
      services: sampleServices.map(
        ({ id, name, ahtSeconds, serviceCv, patienceSeconds, noShowRate, target }) => ({
          id,
          name,
          ahtSeconds,
          serviceCv,
          patienceSeconds,
          noShowRate,
          target,
        }),
      ),
    });
    expect(scenario.services).toHaveLength(15);
    expect(warnings).toEqual([]);
  });
});

describe('eight weeks around Spring Festival 2026 (default seed)', () => {
  const { rows, summary } = generateVisits({ start: '2026-01-26', days: 56 });
  const arrived = rows.filter((r) => r.arrived_at !== null);
  const daily = perDate(rows);

  it('has a plausible volume and mix', () => {
    expect(summary.openDays).toBe([...daily.keys()].length);
    for (const n of daily.values()) {
      expect(n).toBeGreaterThan(600);
      expect(n).toBeLessThan(2600);
    }
    const services = new Set(rows.map((r) => r.service));
    expect(services.size).toBe(15);
    const share = (id: string) => rows.filter((r) => r.service === id).length / rows.length;
    for (const s of sampleServices) {
      expect(share(s.id)).toBeGreaterThan(s.dailyShare * 0.6);
      expect(share(s.id)).toBeLessThan(s.dailyShare * 1.6);
    }
    const walkIn = rows.filter((r) => r.channel === 'walk_in').length / rows.length;
    expect(walkIn).toBeGreaterThan(0.5);
    expect(walkIn).toBeLessThan(0.75);
  });

  it('is closed on Spring Festival days and open on the make-up Saturdays', () => {
    for (const d of daily.keys()) expect(calendar.day(d).open).toBe(true);
    for (let k = 15; k <= 23; k++) expect(daily.has(`2026-02-${k}`)).toBe(false);
    expect(daily.get('2026-02-14')).toBeGreaterThan(300);
    expect(daily.get('2026-02-28')).toBeGreaterThan(300);
    expect(daily.has('2026-02-21')).toBe(false);
    expect(daily.has('2026-03-01')).toBe(false);
  });

  it('surges on Mondays and on the first days after Spring Festival', () => {
    const byWeekday = (w: number) =>
      [...daily].filter(
        ([d]) => calendar.day(d).kind === 'workday' && calendar.day(d).weekday === w && d !== '2026-02-24',
      );
    const monday = mean(byWeekday(1).map(([, n]) => n));
    const wednesday = mean(byWeekday(3).map(([, n]) => n));
    expect(monday / wednesday).toBeGreaterThan(1.1);
    const tuesdays = byWeekday(2)
      .filter(([d]) => d < '2026-02-14' || d > '2026-03-05')
      .map(([, n]) => n);
    expect(daily.get('2026-02-24')! / mean(tuesdays)).toBeGreaterThan(1.35);
  });

  it('peaks for tax at month end', () => {
    const taxShare = (pred: (d: string) => boolean) => {
      const all = arrived.filter((r) => pred(date(r.arrived_at!)));
      return all.filter((r) => r.service === 'tax').length / all.length;
    };
    const monthEnd = (d: string) =>
      ['01-28', '01-29', '01-30', '01-31', '02-25', '02-26', '02-27', '02-28'].includes(d.slice(5));
    expect(taxShare(monthEnd) / taxShare((d) => !monthEnd(d))).toBeGreaterThan(1.4);
  });

  it('has a morning peak, a lunch dip and an afternoon peak', () => {
    const walkIns = arrived.filter((r) => r.channel === 'walk_in');
    const between = (a: string, b: string) =>
      walkIns.filter((r) => clock(r.arrived_at!) >= a && clock(r.arrived_at!) < b).length;
    const morningPeak = between('09:30', '10:30');
    const afternoonPeak = between('14:30', '15:30');
    expect(morningPeak).toBeGreaterThan(1.5 * between('11:00', '12:00'));
    expect(morningPeak).toBeGreaterThan(1.5 * between('13:30', '14:30'));
    expect(afternoonPeak).toBeGreaterThan(1.5 * between('16:30', '17:30'));
    expect(between('12:00', '13:30')).toBe(0);
    expect(between('17:30', '24:00') + between('00:00', '09:00')).toBe(0);
  });

  it('books appointments 0–14 days ahead into 30-minute slots, with 10–25 % no-shows rising with lead', () => {
    const appts = rows.filter((r) => r.channel === 'appointment');
    const bad = appts.filter((r) => {
      const lead = (Date.parse(date(r.appointment_at!)) - Date.parse(date(r.booked_at!))) / 86_400_000;
      return (
        lead < 0 ||
        lead > 14 ||
        Date.parse(r.booked_at!) >= Date.parse(r.appointment_at!) ||
        !['00', '30'].includes(r.appointment_at!.slice(14, 16)) ||
        !calendar.isOpenAt(Date.parse(r.appointment_at!))
      );
    });
    expect(bad).toEqual([]);
    const { rows: leads, overall } = noShowByLead(toVisits(rows), { maxLeadDays: 14 });
    const pooled = (from: number, to: number) => {
      const part = leads.slice(from, to + 1);
      const noShows = part.reduce((a, r) => a + r.noShows, 0);
      return noShows / part.reduce((a, r) => a + r.noShows + r.shows, 0);
    };
    for (const r of leads) {
      expect(r.noShowRate).toBeGreaterThanOrEqual(0.08);
      expect(r.noShowRate).toBeLessThanOrEqual(0.3);
    }
    const groups = [pooled(0, 2), pooled(3, 6), pooled(7, 14)];
    for (const g of groups) {
      expect(g).toBeGreaterThanOrEqual(0.1);
      expect(g).toBeLessThanOrEqual(0.25);
    }
    for (let i = 1; i < groups.length; i++) expect(groups[i]).toBeGreaterThan(groups[i - 1]);
    expect(overall.cancelRate).toBeGreaterThan(0.01);
    expect(overall.cancelRate).toBeLessThan(0.06);
  });

  it('simulates plausible waits: appointments first, walk-ins sometimes leave, no one served twice at once', () => {
    const visits = toVisits(rows);
    const w = waitStats(visits, { withinSeconds: 900 });
    expect(w.overall.withinShare).toBeGreaterThan(0.6);
    expect(w.overall.withinShare).toBeLessThan(0.99);
    expect(w.overall.abandonShare).toBeGreaterThan(0.005);
    expect(w.overall.abandonShare).toBeLessThan(0.15);
    const appt = w.byServiceChannel.filter((r) => r.channel === 'appointment');
    expect(appt.every((r) => r.abandoned === 0)).toBe(true);
    const apptWait = mean(appt.map((r) => r.meanWaitSeconds));
    const walkWait = mean(
      w.byServiceChannel.filter((r) => r.channel === 'walk_in').map((r) => r.meanWaitSeconds),
    );
    expect(apptWait).toBeLessThan(walkWait);
    const byStaff = new Map<string, [number, number][]>();
    let nonPositive = 0;
    for (const v of visits) {
      if (v.staff === null || v.calledAt === null || v.completedAt === null) continue;
      if (v.completedAt <= v.calledAt) nonPositive++;
      const list = byStaff.get(v.staff) ?? [];
      list.push([v.calledAt, v.completedAt]);
      byStaff.set(v.staff, list);
    }
    expect(nonPositive).toBe(0);
    let overlaps = 0;
    for (const list of byStaff.values()) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++) if (list[i][0] < list[i - 1][1]) overlaps++;
    }
    expect(overlaps).toBe(0);
    const prefix = new Map(sampleServices.map((x) => [x.id, x.counterPrefix]));
    const wrongCounter = rows.filter(
      (r) => r.counter !== null && !new RegExp(`^${prefix.get(r.service)}\\d{2}$`).test(r.counter),
    );
    expect(wrongCounter).toEqual([]);
  });

  it('plants a few dirty rows (well under 1 %) and personal data for ingest to catch', () => {
    const d = summary.dirty;
    expect(d.missingArrival).toBeGreaterThan(0);
    expect(d.duplicateIds).toBeGreaterThan(0);
    expect(d.calledBeforeArrived).toBeGreaterThan(0);
    expect(d.unknownChannel).toBeGreaterThan(0);
    expect(d.residentIdNotes).toBeGreaterThan(0);
    expect(d.mobileNotes).toBeGreaterThan(0);
    expect(d.customerNames).toBeGreaterThan(0);
    const invalid = d.missingArrival + d.duplicateIds + d.calledBeforeArrived + d.unknownChannel;
    expect(invalid / summary.rows).toBeLessThan(0.005);

    const ids = rows.map((r) => r.visit_id);
    expect(ids.length - new Set(ids).size).toBe(d.duplicateIds);
    expect(rows.filter((r) => r.channel === 'phone')).toHaveLength(d.unknownChannel);
    expect(rows.filter((r) => r.outcome === 'served' && r.arrived_at === null)).toHaveLength(
      d.missingArrival,
    );
    const early = rows.filter(
      (r) => r.arrived_at && r.called_at && Date.parse(r.called_at) < Date.parse(r.arrived_at),
    );
    expect(new Set(early.map((r) => r.visit_id)).size).toBe(d.calledBeforeArrived);

    const idNumbers = rows.flatMap((r) => r.notes?.match(/\d{17}[\dX]/g) ?? []);
    expect(idNumbers.length).toBeGreaterThanOrEqual(d.residentIdNotes);
    for (const id of idNumbers) expect(id[17]).toBe(residentIdCheckChar(id.slice(0, 17)));
    const mobiles = rows.filter((r) => /(^|\D)1[3-9]\d{9}(\D|$)/.test(r.notes ?? ''));
    expect(mobiles.length).toBeGreaterThanOrEqual(d.mobileNotes);
    expect(rows.filter((r) => r.customer_name !== null).length).toBeGreaterThanOrEqual(d.customerNames);
  });
});

describe('Golden Week 2026 and growth', () => {
  it('closes 2026-10-01..07 and opens the make-up days 09-20 and 10-10', () => {
    const daily = perDate(generateVisits({ start: '2026-09-18', days: 24 }).rows);
    for (let k = 1; k <= 7; k++) expect(daily.has(`2026-10-0${k}`)).toBe(false);
    expect(daily.get('2026-09-20')).toBeGreaterThan(300);
    expect(daily.get('2026-10-10')).toBeGreaterThan(300);
    expect(daily.has('2026-09-25')).toBe(false);
    // The Thursday after Golden Week against an ordinary Thursday.
    expect(daily.get('2026-10-08')).toBeGreaterThan(1.2 * daily.get('2026-09-24')!);
  });

  it('grows slowly: the same November weeks are busier a year later', () => {
    // Monday 2025-11-24 and Monday 2026-11-23, three weeks each (the same weekdays and month end). Growth is 6 % a
    // year against about 8 % day-to-day noise, so three seeds are pooled.
    const perOpenDay = (start: string) => {
      let rows = 0;
      let days = 0;
      for (const seed of [1, 2, 3]) {
        const { summary } = generateVisits({ seed, start, days: 19, dirty: false });
        rows += summary.rows;
        days += summary.openDays;
      }
      return rows / days;
    };
    const ratio = perOpenDay('2026-11-23') / perOpenDay('2025-11-24');
    expect(ratio).toBeGreaterThan(1.02);
    expect(ratio).toBeLessThan(1.12);
  });
});

describe('residentIdCheckChar', () => {
  it('computes the GB 11643-1999 check character', () => {
    // The standard's own example: 11010519491231002X.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    // Worked example often quoted for the MOD 11-2 scheme: 440524188001010014.
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });
});
