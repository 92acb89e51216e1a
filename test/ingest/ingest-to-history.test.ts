import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestToHistory, ingestVisits, type SlotHistoryRow, type Visit } from '../../src/ingest/index.js';
import { createRng } from '../../src/random/index.js';
import { formatIsoInZone, utcOffsetMinutes } from '../../src/time/zoned.js';

const dir = mkdtempSync(join(tmpdir(), 'queuecast-ingest-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ZONE = 'America/New_York';
const SLOT_MIN = 15;

/** A seeded visits CSV spanning the March 2026 DST change, with offsets, appointments, no-shows and bad rows. */
function writeVisits(n: number): string {
  const rng = createRng(7);
  const start = Date.parse('2026-03-06T13:00:00Z');
  const lines = [
    'visit_id,centre,service,channel,booked_at,appointment_at,arrived_at,called_at,completed_at,outcome',
  ];
  const iso = (t: number, withOffset: boolean) =>
    withOffset ? formatIsoInZone(t, ZONE) : formatIsoInZone(t, ZONE).slice(0, 19).replace('T', ' ');
  for (let i = 0; i < n; i++) {
    const day = Math.floor(rng.next() * 5);
    const arrive = start + day * 86_400_000 + Math.floor(rng.next() * 9 * 3_600_000);
    const service = ['tax', 'permits', 'id-card'][Math.floor(rng.next() * 3)];
    const appointment = rng.next() < 0.4;
    const u = rng.next();
    const offset = rng.next() < 0.5;
    const appt = arrive + Math.floor((rng.next() - 0.5) * 1_800_000);
    const called = arrive + Math.floor(rng.next() * 1_200_000);
    const done = called + 60_000 + Math.floor(rng.next() * 900_000);
    let row: (string | number)[];
    if (appointment && u < 0.15) {
      row = [
        `v${i}`,
        'ovc',
        service,
        'appointment',
        iso(appt - 5 * 86_400_000, offset),
        iso(appt, offset),
        '',
        '',
        '',
        'no_show',
      ];
    } else if (u < 0.2) {
      row = [
        `v${i}`,
        'ovc',
        service,
        appointment ? 'appointment' : 'walk_in',
        '',
        appointment ? iso(appt, offset) : '',
        iso(arrive, offset),
        '',
        '',
        'abandoned',
      ];
    } else {
      const outcome = u < 0.25 ? '' : 'served';
      row = [
        `v${i}`,
        'ovc',
        service,
        appointment ? 'appointment' : 'walk_in',
        '',
        appointment ? iso(appt, offset) : '',
        iso(arrive, offset),
        iso(called, offset),
        iso(done, offset),
        outcome,
      ];
    }
    if (u > 0.97) row[7] = iso(arrive - 60_000, offset);
    if (u > 0.99) row[0] = `v${i - 1}`;
    lines.push(row.join(','));
  }
  const p = join(dir, 'visits.csv');
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

/** The slot rules of ingestToHistory (src/history's aggregateVisits without its calendar grid), in plain JS. */
function aggregate(visits: Iterable<Visit>): SlotHistoryRow[] {
  const S = SLOT_MIN * 60_000;
  const slot = (t: number) => {
    const local = t + utcOffsetMinutes(t, ZONE) * 60_000;
    return t - (((local % S) + S) % S);
  };
  const m = new Map<string, SlotHistoryRow & { sum: number; k: number }>();
  const at = (v: Visit, s: number) => {
    const key = `${v.centre}|${v.service}|${v.channel}|${s}`;
    let a = m.get(key);
    if (a === undefined) {
      a = {
        centre: v.centre ?? undefined,
        service: v.service,
        channel: v.channel,
        slotStart: s,
        arrivals: 0,
        booked: 0,
        noShows: 0,
        served: 0,
        abandoned: 0,
        sum: 0,
        k: 0,
      };
      m.set(key, a);
    }
    return a as { -readonly [K in keyof typeof a]: (typeof a)[K] };
  };
  for (const v of visits) {
    if (v.arrivedAt !== null) {
      const a = at(v, slot(v.arrivedAt));
      a.arrivals++;
      if (v.outcome === 'served' || (v.outcome === null && v.completedAt !== null)) {
        a.served++;
        if (v.calledAt !== null && v.completedAt !== null && v.completedAt >= v.calledAt) {
          a.sum += (v.completedAt - v.calledAt) / 1000;
          a.k++;
        }
      } else if (v.outcome === 'abandoned') a.abandoned++;
      if (v.channel === 'appointment') at(v, slot(v.appointmentAt ?? v.arrivedAt)).booked++;
    } else if (v.appointmentAt !== null) {
      const b = at(v, slot(v.appointmentAt));
      b.booked++;
      b.noShows++;
    }
  }
  return [...m.values()].map(({ sum, k, ...row }) => (k > 0 ? { ...row, meanServiceSeconds: sum / k } : row));
}

describe('ingestToHistory', () => {
  it('equals ingestVisits followed by the slot rules, across a DST change, with the same rejections', async () => {
    const p = writeVisits(3000);
    const [fast, slow] = await Promise.all([
      ingestToHistory(p, { timezone: ZONE, slotMinutes: SLOT_MIN }),
      ingestVisits(p, { timezone: ZONE }),
    ]);
    expect(fast.summary.rejectedByCode).toEqual(slow.summary.rejectedByCode);
    expect(fast.summary.rejectedByCode.duplicate_id).toBeGreaterThan(0);
    expect(fast.summary.rejectedByCode.called_before_arrived).toBeGreaterThan(0);
    expect(fast.summary.accepted + fast.summary.rejected).toBe(3000);
    const key = (r: SlotHistoryRow) => `${r.service}|${r.channel}|${r.slotStart}`;
    const expected = new Map(aggregate(slow.visits).map((r) => [key(r), r]));
    expect(fast.history.rows.length).toBe(expected.size);
    for (const row of fast.history.rows) {
      const e = expected.get(key(row));
      expect(e).toBeDefined();
      const { meanServiceSeconds, ...counts } = row;
      const { meanServiceSeconds: em, ...ecounts } = e as SlotHistoryRow;
      expect(counts).toEqual(ecounts);
      if (em === undefined) expect(meanServiceSeconds).toBeUndefined();
      else expect(meanServiceSeconds).toBeCloseTo(em, 9);
    }
    const sorted = [...fast.history.rows].sort(
      (a, b) =>
        a.service.localeCompare(b.service) || a.channel.localeCompare(b.channel) || a.slotStart - b.slotStart,
    );
    expect(fast.history.rows).toEqual(sorted);
  });

  it('flags arrivals when the centre is closed (minute resolution), like ingestVisits', async () => {
    const p = writeVisits(400);
    const calendar = { isOpenAt: (t: number) => new Date(t).getUTCHours() < 18 };
    const fast = await ingestToHistory(p, { timezone: ZONE, calendar });
    const slow = await ingestVisits(p, { timezone: ZONE, calendar });
    expect(fast.warnings.map((w) => [w.code, w.count])).toEqual(slow.warnings.map((w) => [w.code, w.count]));
    expect(fast.warnings[0].count).toBeGreaterThan(0);
  });

  it('gives a repeated id to its first row only, even when that row is rejected for another reason', async () => {
    const p = join(dir, 'repeats.csv');
    const rows = [
      'visit_id,service,channel,arrived_at,called_at,completed_at',
      'a,tax,walk_in,2026-03-02 09:00:00,2026-03-02 09:05:00,2026-03-02 09:10:00',
      'b,tax,walk_in,not a time,,',
      'a,tax,walk_in,2026-03-02 09:40:00,2026-03-02 09:45:00,2026-03-02 09:50:00',
      'b,tax,walk_in,2026-03-02 10:00:00,2026-03-02 10:05:00,2026-03-02 10:10:00',
      ',tax,walk_in,2026-03-02 10:00:00,,',
      ',tax,walk_in,2026-03-02 10:01:00,,',
      'a,tax,walk_in,2026-03-02 11:00:00,2026-03-02 11:05:00,2026-03-02 11:10:00',
    ];
    writeFileSync(p, `${rows.join('\n')}\n`);
    const [fast, slow] = await Promise.all([
      ingestToHistory(p, { timezone: ZONE, slotMinutes: 30 }),
      ingestVisits(p, { timezone: ZONE }),
    ]);
    expect(fast.summary.rejectedByCode).toEqual(slow.summary.rejectedByCode);
    // Rows 3, 4 and 7 repeat ids of rows 1 and 2; rows without an id are never duplicates.
    expect(fast.summary.rejectedByCode.duplicate_id).toBe(3);
    expect(fast.summary.rejectedByCode.bad_time).toBe(1);
    expect(fast.firstRejectedRow).toEqual({ duplicate_id: 3, bad_time: 2 });
    expect(slow.rejected.map((r) => [r.row, r.code])).toEqual([
      [2, 'bad_time'],
      [3, 'duplicate_id'],
      [4, 'duplicate_id'],
      [7, 'duplicate_id'],
    ]);
    expect(fast.history.rows.map((r) => [r.slotStart, r.arrivals])).toEqual([
      [Date.parse('2026-03-02T14:00:00Z'), 1],
      [Date.parse('2026-03-02T15:00:00Z'), 2],
    ]);
  });

  it('moves later repeats out of their groups, and skips them when finding the first row of another rule', async () => {
    const p = join(dir, 'repeats-first.csv');
    const rows = [
      'visit_id,service,channel,arrived_at,called_at,completed_at',
      'a,tax,walk_in,2026-03-02 09:00:00,2026-03-02 09:05:00,2026-03-02 09:10:00',
      'a,tax,walk_in,2026-03-02 09:40:00,2026-03-02 09:35:00,',
      'c,tax,walk_in,2026-03-02 09:40:00,2026-03-02 09:30:00,',
      'd,permits,walk_in,2026-03-02 10:00:00,2026-03-02 10:05:00,2026-03-02 10:20:00',
      'd,permits,walk_in,2026-03-02 10:01:00,2026-03-02 10:05:00,2026-03-02 10:25:00',
    ];
    writeFileSync(p, `${rows.join('\n')}\n`);
    const always = { isOpenAt: () => true };
    const [fast, withCalendar, slow] = await Promise.all([
      ingestToHistory(p, { timezone: ZONE, slotMinutes: 30 }),
      ingestToHistory(p, { timezone: ZONE, slotMinutes: 30, calendar: always }),
      ingestVisits(p, { timezone: ZONE }),
    ]);
    expect(slow.rejected.map((r) => [r.row, r.code])).toEqual([
      [2, 'duplicate_id'],
      [3, 'called_before_arrived'],
      [5, 'duplicate_id'],
    ]);
    for (const h of [fast, withCalendar]) {
      expect(h.summary.rejectedByCode).toEqual(slow.summary.rejectedByCode);
      expect(h.firstRejectedRow).toEqual({ duplicate_id: 2, called_before_arrived: 3 });
      expect(h.history.rows.map((r) => [r.service, r.arrivals, r.served, r.meanServiceSeconds])).toEqual([
        ['permits', 1, 1, 900],
        ['tax', 1, 1, 300],
      ]);
    }
  });

  it('refuses a slot length outside 5, 10, 15, 30, 60', async () => {
    await expect(ingestToHistory([], { slotMinutes: 20 as 30 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
