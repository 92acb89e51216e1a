import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/index.js';
import { QueuecastError } from '../../src/errors.js';
import { generateVisits } from '../../src/generate/index.js';
import { aggregateVisits, type Visit } from '../../src/history/index.js';
import { toVisits } from '../generate/to-visits.js';

const t = (local: string) => Date.parse(`${local}+08:00`);

function visit(v: Partial<Visit> & Pick<Visit, 'service' | 'channel'>): Visit {
  return {
    visitId: null,
    centre: 'ovc',
    bookedAt: null,
    appointmentAt: null,
    arrivedAt: null,
    calledAt: null,
    completedAt: null,
    outcome: null,
    counter: null,
    staff: null,
    ...v,
  };
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof QueuecastError) return e.code;
    throw e;
  }
  return undefined;
}

describe('aggregateVisits on hand-made visits', () => {
  const visits: Visit[] = [
    visit({
      service: 'tax',
      channel: 'walk_in',
      arrivedAt: t('2026-12-08T09:10:00'),
      calledAt: t('2026-12-08T09:15:00'),
      completedAt: t('2026-12-08T09:25:00'),
      outcome: 'served',
    }),
    visit({
      service: 'tax',
      channel: 'walk_in',
      arrivedAt: t('2026-12-08T09:20:00'),
      calledAt: t('2026-12-08T09:40:00'),
      completedAt: t('2026-12-08T10:00:00'),
      outcome: 'served',
    }),
    visit({ service: 'tax', channel: 'walk_in', arrivedAt: t('2026-12-08T09:29:59'), outcome: 'abandoned' }),
    visit({
      service: 'tax',
      channel: 'appointment',
      bookedAt: t('2026-12-01T20:00:00'),
      appointmentAt: t('2026-12-08T10:00:00'),
      arrivedAt: t('2026-12-08T09:50:00'),
      calledAt: t('2026-12-08T10:01:00'),
      completedAt: t('2026-12-08T10:11:00'),
      outcome: 'served',
    }),
    visit({
      service: 'tax',
      channel: 'appointment',
      appointmentAt: t('2026-12-08T10:00:00'),
      outcome: 'no_show',
    }),
    visit({
      service: 'tax',
      channel: 'appointment',
      appointmentAt: t('2026-12-08T10:00:00'),
      outcome: 'cancelled',
    }),
    visit({ service: 'tax', channel: 'walk_in', arrivedAt: t('2026-12-08T12:30:00'), outcome: 'served' }),
    visit({ service: 'tax', channel: 'walk_in', arrivedAt: t('2026-12-12T10:00:00'), outcome: 'served' }),
    visit({ service: 'tax', channel: 'walk_in', outcome: 'served' }),
  ];
  const h = aggregateVisits(visits, { calendar: createCalendar(), slotMinutes: 30 });
  const row = (channel: string, local: string) =>
    h.rows.find((r) => r.channel === channel && r.slotStart === t(local));

  it('counts arrivals, served, abandoned and mean service time in the arrival slot', () => {
    expect(row('walk_in', '2026-12-08T09:00:00')).toEqual({
      centre: 'ovc',
      service: 'tax',
      channel: 'walk_in',
      slotStart: t('2026-12-08T09:00:00'),
      arrivals: 3,
      booked: 0,
      noShows: 0,
      served: 2,
      abandoned: 1,
      meanServiceSeconds: (600 + 1200) / 2,
    });
  });

  it('counts bookings and no-shows (cancellations included) in the appointment slot', () => {
    expect(row('appointment', '2026-12-08T09:30:00')).toMatchObject({
      arrivals: 1,
      booked: 0,
      noShows: 0,
      served: 1,
    });
    expect(row('appointment', '2026-12-08T10:00:00')).toMatchObject({ arrivals: 0, booked: 3, noShows: 2 });
  });

  it('gives every series a zero row for every open slot, and no closed slot', () => {
    // The grid runs from the first to the last date seen: 2026-12-08..12 has four open days of 14 slots.
    expect(h.summary).toMatchObject({ from: '2026-12-08', to: '2026-12-12', slots: 56, series: 2 });
    expect(h.rows).toHaveLength(2 * 56);
    expect(row('walk_in', '2026-12-10T15:00:00')).toMatchObject({ arrivals: 0, served: 0 });
    expect(row('walk_in', '2026-12-08T12:00:00')).toBeUndefined();
    expect(h.rows.some((r) => r.slotStart >= t('2026-12-12T00:00:00'))).toBe(false);
    expect(h.rows.filter((r) => r.meanServiceSeconds !== undefined)).toHaveLength(2);
  });

  it('keeps arrivals outside opening hours out of the slots and reports them', () => {
    expect(h.summary).toMatchObject({
      visits: 9,
      arrivals: 4,
      outsideHours: 2,
      withoutTime: 1,
      outsideRange: 0,
    });
    expect(h.warnings[0]).toMatch(/^2 arrival\(s\) outside opening hours.*2026-12-08T12:30:00\+08:00/);
    expect(h.warnings.some((w) => w.includes('neither an arrival nor an appointment time'))).toBe(true);
  });

  it('orders rows by series then slot', () => {
    expect(h.rows[0].channel).toBe('appointment');
    expect(h.rows[56].channel).toBe('walk_in');
    for (let i = 1; i < 56; i++) expect(h.rows[i].slotStart).toBeGreaterThan(h.rows[i - 1].slotStart);
  });

  it('honours from/to, counting visits outside as outsideRange', () => {
    const d = aggregateVisits(visits, { from: '2026-12-09', to: '2026-12-09' });
    expect(d.summary).toMatchObject({ slots: 14, arrivals: 0, outsideRange: 8, series: 0 });
    expect(d.rows).toEqual([]);
  });

  it('does not mutate its input and refuses bad options', () => {
    const frozen = Object.freeze(visits.map((v) => Object.freeze({ ...v })));
    expect(aggregateVisits(frozen).rows.length).toBe(h.rows.length);
    expect(codeOf(() => aggregateVisits(visits, { slotMinutes: 20 as 30 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => aggregateVisits(visits, { from: '2026-12-09', to: '2026-12-08' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => aggregateVisits(visits, { from: '9 Dec', to: '2026-12-08' }))).toBe('BAD_TIME');
  });

  it('returns an empty history for no visits', () => {
    const e = aggregateVisits([]);
    expect(e.rows).toEqual([]);
    expect(e.summary).toMatchObject({ visits: 0, slots: 0, from: null, to: null });
  });

  it('leaves centre absent when visits have none', () => {
    const e = aggregateVisits([
      visit({ centre: null, service: 'tax', channel: 'walk_in', arrivedAt: t('2026-12-08T09:10:00') }),
    ]);
    expect('centre' in e.rows[0]).toBe(false);
  });
});

describe('aggregateVisits invariants on the generated sample', () => {
  const calendar = createCalendar();
  // Four weeks around Spring Festival 2026: holidays, make-up days and a surge.
  const visits = toVisits(generateVisits({ seed: 11, start: '2026-02-09', days: 28 }).rows);
  const h = aggregateVisits(visits, { calendar, slotMinutes: 30 });

  it('sums arrivals to the number of arriving visits inside opening hours', () => {
    const inside = visits.filter((v) => v.arrivedAt !== null && calendar.isOpenAt(v.arrivedAt)).length;
    expect(h.rows.reduce((a, r) => a + r.arrivals, 0)).toBe(inside);
    expect(h.summary.arrivals).toBe(inside);
    expect(h.summary.outsideHours).toBe(visits.filter((v) => v.arrivedAt !== null).length - inside);
  });

  it('has exactly one row per series and open slot, and only open slots', () => {
    const grid = calendar.slots(h.summary.from!, h.summary.to!, 30).map((s) => s.start);
    const series = new Set(h.rows.map((r) => `${r.service}|${r.channel}`));
    expect(h.rows.length).toBe(series.size * grid.length);
    const open = new Set(grid);
    for (const r of h.rows) expect(open.has(r.slotStart)).toBe(true);
    const keys = new Set(h.rows.map((r) => `${r.service}|${r.channel}|${r.slotStart}`));
    expect(keys.size).toBe(h.rows.length);
    expect(h.rows.some((r) => r.arrivals === 0)).toBe(true);
  });

  it('has no slots on Spring Festival days and slots on the make-up Saturdays', () => {
    const dates = new Set(
      h.rows.map((r) => new Date(r.slotStart + 8 * 3_600_000).toISOString().slice(0, 10)),
    );
    expect(dates.has('2026-02-16')).toBe(false);
    expect(dates.has('2026-02-14')).toBe(true);
    expect(dates.has('2026-02-28')).toBe(true);
  });

  it('counts every missed booking once and bookings only in the appointment channel', () => {
    const missed = visits.filter((v) => v.channel === 'appointment' && v.arrivedAt === null).length;
    expect(h.rows.reduce((a, r) => a + (r.noShows ?? 0), 0)).toBe(missed);
    const booked = visits.filter((v) => v.channel === 'appointment').length;
    expect(h.rows.reduce((a, r) => a + (r.booked ?? 0), 0)).toBe(booked);
    expect(h.rows.filter((r) => r.channel === 'walk_in').every((r) => r.booked === 0)).toBe(true);
  });

  it('gives the same totals at 5, 15 and 60 minutes', () => {
    const total = (m: 5 | 15 | 60) =>
      aggregateVisits(visits, { calendar, slotMinutes: m }).rows.reduce((a, r) => a + r.arrivals, 0);
    const base = h.summary.arrivals;
    expect(total(5)).toBe(base);
    expect(total(15)).toBe(base);
    expect(total(60)).toBe(base);
  });
});
