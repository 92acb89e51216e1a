import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import {
  bookingCurves,
  noShowByLead,
  serviceTimeStats,
  type Visit,
  waitStats,
} from '../../src/history/index.js';

const t = (local: string) => Date.parse(`${local}+08:00`);
const MIN = 60_000;

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

/** A served walk-in: arrived at `arrive`, waited `waitMin`, served `serviceSec` seconds. */
function served(service: string, arrive: string, waitMin: number, serviceSec: number): Visit {
  const a = t(arrive);
  return visit({
    service,
    channel: 'walk_in',
    arrivedAt: a,
    calledAt: a + waitMin * MIN,
    completedAt: a + waitMin * MIN + serviceSec * 1000,
    outcome: 'served',
  });
}

describe('serviceTimeStats', () => {
  const visits = [
    served('tax', '2026-12-08T09:05:00', 0, 60),
    served('tax', '2026-12-08T09:10:00', 0, 120),
    served('tax', '2026-12-08T09:20:00', 0, 180),
    served('tax', '2026-12-08T10:10:00', 0, 240),
    served('tax', '2026-12-08T10:20:00', 0, 300),
    served('marriage', '2026-12-08T14:00:00', 5, 900),
    visit({ service: 'tax', channel: 'walk_in', arrivedAt: t('2026-12-08T09:00:00'), outcome: 'abandoned' }),
    visit({
      service: 'tax',
      channel: 'walk_in',
      calledAt: t('2026-12-08T09:00:00'),
      completedAt: t('2026-12-08T08:59:00'),
      outcome: 'served',
    }),
  ];
  const s = serviceTimeStats(visits);

  it('gives mean, CV and type-7 quantiles per service', () => {
    // R: x <- c(60,120,180,240,300); mean(x) = 180; sd(x)/mean(x) = 0.5270463;
    //    quantile(x, 0.5) = 180; quantile(x, 0.9) = 276.
    const tax = s.byService.find((r) => r.service === 'tax')!;
    expect(tax.count).toBe(5);
    expect(tax.meanSeconds).toBe(180);
    expect(tax.cv).toBeCloseTo(0.5270463, 6);
    expect(tax.p50Seconds).toBe(180);
    expect(tax.p90Seconds).toBeCloseTo(276, 9);
    expect(s.byService.map((r) => r.service)).toEqual(['marriage', 'tax']);
    expect(s.byService[0].cv).toBeNaN();
  });

  it('splits by local hour of the call and leaves out negative durations', () => {
    const hours = s.byServiceHour.filter((r) => r.service === 'tax');
    expect(hours.map((r) => [r.hour, r.count, r.meanSeconds])).toEqual([
      [9, 3, 120],
      [10, 2, 270],
    ]);
    expect(s.byServiceHour.find((r) => r.service === 'marriage')?.hour).toBe(14);
    expect(s.negativeDurations).toBe(1);
  });

  it('uses the given time zone for the hour', () => {
    const utc = serviceTimeStats(visits, { timezone: 'UTC' });
    expect(utc.byServiceHour.filter((r) => r.service === 'tax').map((r) => r.hour)).toEqual([1, 2]);
  });
});

describe('waitStats', () => {
  const visits = [
    served('tax', '2026-12-08T09:00:00', 0, 60),
    served('tax', '2026-12-08T09:00:00', 10, 60),
    served('tax', '2026-12-08T09:00:00', 20, 60),
    visit({ service: 'tax', channel: 'walk_in', arrivedAt: t('2026-12-08T09:00:00'), outcome: 'abandoned' }),
    visit({
      service: 'tax',
      channel: 'appointment',
      arrivedAt: t('2026-12-08T09:00:00'),
      calledAt: t('2026-12-08T09:02:00'),
      completedAt: t('2026-12-08T09:10:00'),
      outcome: 'served',
    }),
    visit({
      service: 'tax',
      channel: 'walk_in',
      arrivedAt: t('2026-12-08T09:30:00'),
      calledAt: t('2026-12-08T09:20:00'),
      outcome: 'served',
    }),
    visit({
      service: 'tax',
      channel: 'appointment',
      appointmentAt: t('2026-12-08T10:00:00'),
      outcome: 'no_show',
    }),
  ];
  const w = waitStats(visits, { withinSeconds: 900 });

  it('counts called within the limit over all arrivals, abandoners as misses', () => {
    // Waits 0, 600, 1200, 120 s plus one abandoner: 3 of 5 within 900 s.
    expect(w.overall).toMatchObject({ arrivals: 5, called: 4, abandoned: 1 });
    expect(w.overall.withinShare).toBeCloseTo(3 / 5, 12);
    expect(w.overall.abandonShare).toBeCloseTo(1 / 5, 12);
    expect(w.overall.meanWaitSeconds).toBeCloseTo((0 + 600 + 1200 + 120) / 4, 9);
    // R: quantile(c(0, 120, 600, 1200), c(0.5, 0.9)) = 360, 1020.
    expect(w.overall.p50WaitSeconds).toBeCloseTo(360, 9);
    expect(w.overall.p90WaitSeconds).toBeCloseTo(1020, 9);
    expect(w.negativeWaits).toBe(1);
  });

  it('splits by service and channel', () => {
    expect(w.byService).toHaveLength(1);
    expect(w.byServiceChannel.map((r) => [r.channel, r.arrivals, r.called])).toEqual([
      ['appointment', 1, 1],
      ['walk_in', 4, 3],
    ]);
    expect(waitStats(visits, { withinSeconds: 1200 }).overall.withinShare).toBeCloseTo(4 / 5, 12);
  });
});

describe('noShowByLead', () => {
  const appt = (booked: string, at: string, arrived: boolean, outcome: Visit['outcome'] = null) =>
    visit({
      service: 'tax',
      channel: 'appointment',
      bookedAt: t(booked),
      appointmentAt: t(at),
      arrivedAt: arrived ? t(at) : null,
      outcome: outcome ?? (arrived ? 'served' : 'no_show'),
    });
  const visits = [
    appt('2026-12-08T07:30:00', '2026-12-08T10:00:00', true),
    appt('2026-12-07T23:50:00', '2026-12-08T10:00:00', false),
    appt('2026-12-07T08:00:00', '2026-12-08T10:00:00', true),
    appt('2026-12-01T08:00:00', '2026-12-08T10:00:00', false, 'cancelled'),
    appt('2026-12-01T08:00:00', '2026-12-08T10:00:00', false),
    appt('2026-12-01T08:00:00', '2026-12-08T10:00:00', true),
    appt('2026-11-01T08:00:00', '2026-12-08T10:00:00', false),
    visit({
      service: 'tax',
      channel: 'appointment',
      appointmentAt: t('2026-12-08T10:00:00'),
      outcome: 'no_show',
    }),
    appt('2026-12-09T08:00:00', '2026-12-08T10:00:00', true),
  ];

  it('groups by local calendar days of lead and pools long leads into the last row', () => {
    const r = noShowByLead(visits, { maxLeadDays: 7 });
    expect(r.rows).toHaveLength(8);
    expect(r.rows[0]).toMatchObject({ leadDays: 0, booked: 1, shows: 1, noShows: 0, noShowRate: 0 });
    // Booked at 23:50 the evening before: lead 1 day in local time.
    expect(r.rows[1]).toMatchObject({ leadDays: 1, booked: 2, shows: 1, noShows: 1, noShowRate: 0.5 });
    expect(r.rows[7]).toMatchObject({
      leadDays: 7,
      booked: 4,
      shows: 1,
      noShows: 2,
      cancelled: 1,
      cancelRate: 0.25,
    });
    expect(r.rows[7].noShowRate).toBeCloseTo(2 / 3, 12);
    expect(r.rows[3].noShowRate).toBeNaN();
    expect(r.overall).toMatchObject({
      leadDays: -1,
      booked: 7,
      shows: 3,
      noShows: 3,
      cancelled: 1,
      noShowRate: 0.5,
    });
    expect(r.skipped).toBe(2);
  });

  it('uses the time zone for calendar days', () => {
    // In UTC the 23:50 (+08:00) booking falls on 12-07 15:50 and the 10:00 appointment on 12-08 02:00: still 1 day;
    // the 07:30 same-day booking is 12-07 23:30 UTC, a day before.
    const r = noShowByLead(visits, { timezone: 'UTC', maxLeadDays: 7 });
    expect(r.rows[0].booked).toBe(0);
    expect(r.rows[1].booked).toBe(3);
  });

  it('refuses a bad maxLeadDays', () => {
    expect(() => noShowByLead(visits, { maxLeadDays: -1 })).toThrow(QueuecastError);
  });
});

describe('bookingCurves', () => {
  const appt = (booked: string | null, at: string, arrived: boolean) =>
    visit({
      service: 'tax',
      channel: 'appointment',
      bookedAt: booked === null ? null : t(booked),
      appointmentAt: t(at),
      arrivedAt: arrived ? t(at) : null,
      outcome: arrived ? 'served' : 'no_show',
    });
  const visits = [
    appt('2026-12-08T07:00:00', '2026-12-08T10:00:00', true),
    appt('2026-12-06T12:00:00', '2026-12-08T10:10:00', true),
    appt('2026-12-05T12:00:00', '2026-12-08T10:20:00', false),
    appt('2026-11-01T12:00:00', '2026-12-08T10:00:00', true),
    appt(null, '2026-12-08T10:00:00', false),
    appt('2026-12-07T12:00:00', '2026-12-08T10:30:00', true),
    visit({ service: 'tax', channel: 'walk_in', arrivedAt: t('2026-12-08T10:00:00') }),
  ];

  it('gives cumulative bookings on hand by lead day per appointment slot', () => {
    const curves = bookingCurves(visits, { slotMinutes: 30, maxLeadDays: 4 });
    expect(curves).toHaveLength(2);
    expect(curves[0]).toEqual({
      centre: 'ovc',
      service: 'tax',
      slotStart: t('2026-12-08T10:00:00'),
      // Leads: 0, 2, 3, 38 (pooled at 4), and one without a booking time (lead 0).
      bookedByLead: [5, 3, 3, 2, 1],
      shows: 3,
    });
    expect(curves[1]).toMatchObject({
      slotStart: t('2026-12-08T10:30:00'),
      bookedByLead: [1, 1, 0, 0, 0],
      shows: 1,
    });
    for (const c of curves) {
      for (let d = 1; d < c.bookedByLead.length; d++)
        expect(c.bookedByLead[d]).toBeLessThanOrEqual(c.bookedByLead[d - 1]);
    }
  });

  it('refuses a slot length that does not divide a day', () => {
    expect(() => bookingCurves(visits, { slotMinutes: 7 })).toThrow(
      /slotMinutes must be a positive divisor of 1440/,
    );
  });
});
