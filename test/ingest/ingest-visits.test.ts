import { tableFromJSON } from 'apache-arrow';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { generateVisits, type SampleVisitRecord } from '../../src/generate/index.js';
import { ingestVisits, REJECT_CODES, type RejectCode, VisitTable } from '../../src/ingest/index.js';
import { parseIsoTime, zonedToEpoch } from '../../src/time/zoned.js';

const base = {
  visit_id: 'v1',
  service: 'tax',
  channel: 'walk_in',
  arrived_at: '2026-12-01 09:00:00',
  called_at: '2026-12-01 09:05:00',
  completed_at: '2026-12-01 09:15:00',
  outcome: 'served',
};

function expectInvariant(s: { accepted: number; rejected: number; inputRows: number }, rows: number) {
  expect(s.accepted + s.rejected).toBe(s.inputRows);
  expect(s.inputRows).toBe(rows);
}

async function codeOf(err: Promise<unknown>): Promise<string> {
  try {
    await err;
  } catch (e) {
    if (e instanceof QueuecastError) return e.code;
    throw e;
  }
  throw new Error('expected a QueuecastError');
}

describe('ingestVisits: rejection rules', () => {
  const rows: Record<string, string | null>[] = [
    base,
    { ...base },
    { ...base, visit_id: 'v3', service: '' },
    { ...base, visit_id: 'v4', channel: 'phone' },
    { ...base, visit_id: 'v5', outcome: 'lost' },
    { ...base, visit_id: 'v6', called_at: 'soon' },
    { ...base, visit_id: 'v7', arrived_at: '' },
    { ...base, visit_id: 'v8', called_at: '2026-12-01 08:55:00' },
    { ...base, visit_id: 'v9', completed_at: '2026-12-01 09:01:00' },
    { ...base, visit_id: 'v10', called_at: null, completed_at: '2026-12-01 08:00:00' },
    {
      ...base,
      visit_id: 'v11',
      channel: 'appointment',
      booked_at: '2026-12-02 10:00:00',
      appointment_at: '2026-12-01 09:00:00',
    },
    { ...base, visit_id: 'v12', completed_at: '2026-12-01 22:00:00' },
    { ...base, visit_id: 'v13', outcome: 'PHANTOM' },
    {
      visit_id: 'v14',
      service: 'tax',
      channel: 'appointment',
      appointment_at: '2026-12-01 10:00',
      arrived_at: null,
      outcome: 'no_show',
    },
  ];
  const expected: [number, RejectCode, string][] = [
    [2, 'duplicate_id', 'duplicate visit id "v1" (first at row 1)'],
    [3, 'missing_service', 'missing service'],
    [4, 'unknown_channel', 'unknown channel "phone" (expected appointment or walk_in)'],
    [5, 'unknown_outcome', 'unknown outcome "lost" (expected served, no_show, cancelled or abandoned)'],
    [6, 'bad_time', 'unparseable called_at "soon"'],
    [7, 'missing_time', 'missing arrived_at'],
    [
      8,
      'called_before_arrived',
      'called_at "2026-12-01 08:55:00" is before arrived_at "2026-12-01 09:00:00"',
    ],
    [
      9,
      'completed_before_called',
      'completed_at "2026-12-01 09:01:00" is before called_at "2026-12-01 09:05:00"',
    ],
    [
      10,
      'negative_duration',
      'completed_at "2026-12-01 08:00:00" is before arrived_at "2026-12-01 09:00:00"',
    ],
    [
      11,
      'negative_duration',
      'booked_at "2026-12-02 10:00:00" is after appointment_at "2026-12-01 09:00:00"',
    ],
    [12, 'absurd_duration', 'handling time of 12.9 h exceeds maxDurationHours 12'],
    [13, 'excluded_value', 'phantom call (outcome "PHANTOM")'],
  ];

  it('gives every rejected row its rule and a reason naming the value, and keeps the rest', async () => {
    const r = await ingestVisits(rows, { outcomeValues: { PHANTOM: { exclude: 'phantom call' } } });
    expectInvariant(r.summary, rows.length);
    expect(r.rejected.map((x) => [x.row, x.code, x.reason])).toEqual(expected);
    expect(r.visits.toArray().map((v) => v.visitId)).toEqual(['v1', 'v14']);
    for (const c of REJECT_CODES) {
      expect(r.summary.rejectedByCode[c]).toBe(expected.filter((e) => e[1] === c).length);
    }
    expect(r.rejected[0].fields).toEqual({ ...base, booked_at: null, appointment_at: null });
  });

  it('accepts a no-show without arrival, but not a served visit without one', async () => {
    const r = await ingestVisits([rows[13], { ...rows[13], visit_id: 'x', outcome: 'served' }]);
    expect(r.visits.get(0).outcome).toBe('no_show');
    expect(r.visits.get(0).appointmentAt).toBe(Date.parse('2026-12-01T02:00:00Z'));
    expect(r.rejected.map((x) => x.code)).toEqual(['missing_time']);
  });

  it('makes the duration limit configurable', async () => {
    const long = [{ ...base, completed_at: '2026-12-01 13:05:00' }];
    expect((await ingestVisits(long)).summary.accepted).toBe(1);
    const r = await ingestVisits(long, { maxDurationHours: 2 });
    expect(r.rejected[0].reason).toBe('handling time of 4.0 h exceeds maxDurationHours 2');
    await expect(ingestVisits(long, { maxDurationHours: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('keeps arrivals while the centre is closed, with a warning', async () => {
    const calendar = {
      isOpenAt: (t: number) => new Date(t).getUTCHours() >= 1 && new Date(t).getUTCHours() < 9,
    };
    const r = await ingestVisits(
      [
        base,
        { ...base, visit_id: 'late', arrived_at: '2026-12-01 19:00', called_at: null, completed_at: null },
      ],
      { calendar },
    );
    expect(r.summary.accepted).toBe(2);
    expect(r.warnings).toEqual([
      {
        code: 'outside_opening_hours',
        message: '1 arrival(s) while the centre is closed, kept (e.g. 2026-12-01T19:00:00+08:00)',
        count: 1,
        rows: [2],
      },
    ]);
  });
});

describe('ingestVisits: sources and mapping', () => {
  it('reads arquero and Arrow tables, with Dates and epoch ms as instants', async () => {
    const t = aq.table({
      id: ['a', 'b'],
      service: ['tax', 'tax'],
      TicketTime: [new Date('2026-12-01T01:00:00Z'), new Date('2026-12-01T02:00:00Z')],
      called: [Date.parse('2026-12-01T01:10:00Z'), null],
    });
    const mapping = { visit_id: 'id', arrived_at: 'TicketTime', called_at: 'called' } as const;
    const fromArquero = await ingestVisits(t, { columns: mapping });
    expectInvariant(fromArquero.summary, 2);
    expect(fromArquero.visits.get(0)).toMatchObject({
      visitId: 'a',
      arrivedAt: Date.parse('2026-12-01T01:00:00Z'),
      calledAt: Date.parse('2026-12-01T01:10:00Z'),
      channel: 'walk_in',
    });
    const fromArrow = await ingestVisits(tableFromJSON(t.objects() as Record<string, unknown>[]), {
      columns: mapping,
    });
    expect(fromArrow.visits.toArray()).toEqual(fromArquero.visits.toArray());
    expect(fromArquero.summary.mapping).toMatchObject({ arrived_at: 'TicketTime', service: 'service' });
  });

  it('maps columns, finds unmapped fields by name in any spelling, and infers the channel', async () => {
    const r = await ingestVisits(
      [
        {
          'Service Name': 'tax',
          TicketTime: '2026-12-01 09:00',
          CalledAt: '2026-12-01 09:03',
          Appointment_At: '2026-12-01 09:00',
        },
      ],
      { columns: { service: 'Service Name', arrived_at: 'TicketTime' } },
    );
    expect(r.summary.mapping).toEqual({
      service: 'Service Name',
      arrived_at: 'TicketTime',
      called_at: 'CalledAt',
      appointment_at: 'Appointment_At',
    });
    expect(r.visits.get(0)).toMatchObject({ channel: 'appointment', outcome: null });
  });

  it('joins and coalesces columns, and takes constants', async () => {
    const r = await ingestVisits([{ line: 'A', call: '1', q: null, s: '2026-12-01 09:00', type: 'PS' }], {
      columns: {
        visit_id: { concat: ['line', 'call'], separator: '/' },
        arrived_at: { coalesce: ['q', 's'] },
        service: 'type',
        centre: { value: 'hall-1' },
      },
    });
    expect(r.visits.get(0)).toMatchObject({
      visitId: 'A/1',
      centre: 'hall-1',
      arrivedAt: Date.parse('2026-12-01T01:00:00Z'),
    });
  });

  it('refuses a mapping to a missing column or an unknown field', async () => {
    expect(await codeOf(ingestVisits([base], { columns: { arrived_at: 'TicketTime' } }))).toBe(
      'MISSING_COLUMN',
    );
    expect(await codeOf(ingestVisits([{ service: 'tax' }]))).toBe('MISSING_COLUMN');
    expect(
      await codeOf(ingestVisits([base], { columns: { arrival: 'x' } as unknown as Record<string, string> })),
    ).toBe('INVALID_ARGUMENT');
  });

  it('reads an empty array as no visits, with a warning', async () => {
    const r = await ingestVisits([]);
    expect(r.summary).toMatchObject({ inputRows: 0, accepted: 0, rejected: 0 });
    expect(r.warnings.map((w) => w.code)).toEqual(['no_data_rows']);
  });

  it('round-trips through plain objects', async () => {
    const r = await ingestVisits([base, { ...base, visit_id: 'v2', staff: 'S1', counter: 'C1' }]);
    const again = VisitTable.fromVisits(r.visits.toArray());
    expect([...again]).toEqual(r.visits.toArray());
    expect(r.visits.columns.service.dictionary).toEqual(['tax']);
  });
});

describe('ingestVisits: time zones and formats', () => {
  const times = [
    '2026-12-01 09:00:00',
    '2026-12-01T09:00',
    '2026-12-01T09:00:00+09:00',
    '2026-12-01T09:00:00Z',
    '2026-12-01 09:00:00-05:00',
    '2026-03-08 02:30:00',
    '2026-11-01 01:30:00',
    '1988-06-01 12:00:00',
  ];

  for (const zone of ['Asia/Shanghai', 'America/New_York', 'Asia/Jerusalem']) {
    it(`parses like parseIsoTime (src/time/zoned.ts) in ${zone}, DST gaps and repeats included`, async () => {
      const rows = times.map((t, i) => ({ visit_id: String(i), service: 'tax', arrived_at: t }));
      const r = await ingestVisits(rows, { timezone: zone });
      expectInvariant(r.summary, rows.length);
      expect(r.visits.toArray().map((v) => v.arrivedAt)).toEqual(times.map((t) => parseIsoTime(t, zone)));
    });
  }

  it('reads local times in the centre zone, default Asia/Shanghai, and respects offsets', async () => {
    const r = await ingestVisits([
      { service: 'tax', arrived_at: '2026-12-01 09:00' },
      { service: 'tax', arrived_at: '2026-12-01T09:00:00+09:00' },
    ]);
    expect(r.summary.timezone).toBe('Asia/Shanghai');
    expect(r.visits.get(0).arrivedAt).toBe(zonedToEpoch(2026, 12, 1, 9, 0, 0, 'Asia/Shanghai'));
    expect(r.visits.get(1).arrivedAt).toBe(Date.parse('2026-12-01T00:00:00Z'));
  });

  it('reads YYYY/MM/DD and explicit formats', async () => {
    const r = await ingestVisits(
      [{ service: 'tax', arrived_at: '2026/12/01 09:00:00', called_at: '01.12.2026 09:05' }],
      {
        timeFormats: { called_at: '%d.%m.%Y %H:%M' },
      },
    );
    expect(r.visits.get(0)).toMatchObject({
      arrivedAt: Date.parse('2026-12-01T01:00:00Z'),
      calledAt: Date.parse('2026-12-01T01:05:00Z'),
    });
  });

  it('refuses an ambiguous day/month format with the offending value, never guessing', async () => {
    const rows = [{ service: 'tax', arrived_at: '01/02/2026 09:00' }];
    await expect(ingestVisits(rows)).rejects.toThrow(/ambiguous time format "01\/02\/2026 09:00"/);
    expect(await codeOf(ingestVisits(rows))).toBe('AMBIGUOUS_TIME_FORMAT');
    const r = await ingestVisits(rows, { timeFormats: { arrived_at: '%d/%m/%Y %H:%M' } });
    expect(r.visits.get(0).arrivedAt).toBe(Date.parse('2026-02-01T01:00:00Z'));
  });

  it('refuses mixed formats in one column and bare numbers', async () => {
    const mixed = [
      { service: 'tax', arrived_at: '2026-01-02 09:00' },
      { service: 'tax', arrived_at: '2026/01/03 09:00' },
    ];
    await expect(ingestVisits(mixed)).rejects.toThrow(
      /row 2: arrived_at \(arrived_at\): mixed time formats in one column, "2026-01-02 09:00" \(row 1, ISO 8601\) and "2026\/01\/03 09:00"/,
    );
    expect(await codeOf(ingestVisits([{ service: 'tax', arrived_at: '1764550800' }]))).toBe(
      'AMBIGUOUS_TIME_FORMAT',
    );
  });

  it('errors when no value of a time column is a time, but rejects a few bad ones', async () => {
    const text = [
      { service: 'tax', arrived_at: 'morning' },
      { service: 'tax', arrived_at: 'noon' },
    ];
    await expect(ingestVisits(text)).rejects.toThrow(
      /row 1: arrived_at \(arrived_at\): text where times belong, got "morning"/,
    );
    expect(await codeOf(ingestVisits(text))).toBe('BAD_TIME');
    const few = await ingestVisits([...text, { service: 'tax', arrived_at: '2026-12-01 09:00' }]);
    expect(few.rejected.map((x) => x.code)).toEqual(['bad_time', 'bad_time']);
  });

  it('refuses an unknown time zone', async () => {
    expect(await codeOf(ingestVisits([base], { timezone: 'Mars/Olympus' }))).toBe('UNKNOWN_TIMEZONE');
  });
});

describe('ingestVisits: typed records', () => {
  it('takes the generator rows (an interface type, no index signature) as they are', async () => {
    const { rows } = generateVisits({ days: 2, end: '2026-11-20', seed: 3, dirty: false });
    const typed: readonly SampleVisitRecord[] = rows;
    const { summary: s } = await ingestVisits(typed, { timezone: 'Asia/Shanghai' });
    expect(s.inputRows).toBe(rows.length);
    expect(s.rejected).toBe(0);
    expect(s.accepted).toBeGreaterThan(1000);
  });
});
