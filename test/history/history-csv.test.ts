import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/index.js';
import { QueuecastError } from '../../src/errors.js';
import { generateVisits } from '../../src/generate/index.js';
import {
  aggregateVisits,
  formatHistoryCsv,
  type History,
  parseHistoryCsv,
  readHistoryCsv,
  resampleHistory,
  writeHistoryCsv,
} from '../../src/history/index.js';
import { toVisits } from '../generate/to-visits.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-history-'));
const t = (local: string) => Date.parse(`${local}+08:00`);

function errorOf(f: () => unknown): QueuecastError {
  try {
    f();
  } catch (e) {
    if (e instanceof QueuecastError) return e;
    throw e;
  }
  throw new Error('expected a QueuecastError');
}

describe('History CSV round trip', () => {
  const visits = toVisits(generateVisits({ seed: 5, start: '2026-03-02', days: 7 }).rows);
  const h = aggregateVisits(visits, { calendar: createCalendar(), slotMinutes: 30 });
  const path = join(dir, 'history.csv');
  const written = writeHistoryCsv(h, path);
  const text = readFileSync(path, 'utf8');

  it('writes the DESIGN.md header and ISO slot starts with the +08:00 offset', () => {
    expect(written).toBe(h.rows.length);
    const [header, first] = text.split('\n');
    expect(header).toBe(
      'centre,service,channel,slot_start,arrivals,booked,no_shows,served,abandoned,mean_service_seconds',
    );
    expect(first).toMatch(
      /^ovc,business-registration,appointment,2026-03-02T09:00:00\+08:00,\d+,\d+,\d+,\d+,\d+,[\d.]*$/,
    );
    expect(text).toBe(formatHistoryCsv(h));
  });

  it('reads back the same rows, slot length inferred', () => {
    const back = readHistoryCsv(path);
    expect(back.slotMinutes).toBe(30);
    expect(back.timezone).toBe('Asia/Shanghai');
    expect(back.rows).toHaveLength(h.rows.length);
    back.rows.forEach((r, i) => {
      const { meanServiceSeconds, ...rest } = h.rows[i];
      const { meanServiceSeconds: m2, ...rest2 } = r;
      expect(rest2).toEqual(rest);
      if (meanServiceSeconds === undefined) expect(m2).toBeUndefined();
      else expect(m2).toBeCloseTo(meanServiceSeconds, 3);
    });
  });

  it('writes and reads a plain series without key columns', () => {
    const plain: History = {
      slotMinutes: 15,
      timezone: 'Asia/Shanghai',
      rows: [
        { slotStart: t('2026-12-01T09:00:00'), arrivals: 4 },
        { slotStart: t('2026-12-01T09:15:00'), arrivals: 0 },
        { slotStart: t('2026-12-01T10:00:00'), arrivals: 2.5 },
      ],
    };
    const csv = formatHistoryCsv(plain);
    expect(csv).toBe(
      'slot_start,arrivals\n2026-12-01T09:00:00+08:00,4\n2026-12-01T09:15:00+08:00,0\n2026-12-01T10:00:00+08:00,2.5\n',
    );
    expect(parseHistoryCsv(csv)).toEqual(plain);
  });

  it('quotes a service name holding a comma', () => {
    const h2: History = {
      slotMinutes: 30,
      timezone: 'UTC',
      rows: [
        { service: 'tax, vat', slotStart: Date.UTC(2026, 0, 5, 9), arrivals: 1 },
        { service: 'tax, vat', slotStart: Date.UTC(2026, 0, 5, 9, 30), arrivals: 2 },
      ],
    };
    const csv = formatHistoryCsv(h2);
    expect(csv.split('\n')[1]).toBe('"tax, vat",2026-01-05T09:00:00+00:00,1');
    expect(parseHistoryCsv(csv, { timezone: 'UTC' })).toEqual(h2);
  });
});

describe('reading History CSV', () => {
  it('takes local times without an offset in the given zone, and ignores offsets on request', () => {
    const csv = 'slot_start,arrivals\n2026-12-01T09:00:00,1\n2026-12-01 09:30,2\n';
    expect(parseHistoryCsv(csv).rows[0].slotStart).toBe(t('2026-12-01T09:00:00'));
    expect(parseHistoryCsv(csv).rows[1].slotStart).toBe(t('2026-12-01T09:30:00'));
    const z = 'slot_start,arrivals\n2003-03-03T07:00:00Z,1\n2003-03-03T07:05:00Z,2\n';
    const ny = parseHistoryCsv(z, { timezone: 'America/New_York', offsets: 'ignore' });
    expect(ny.rows[0].slotStart).toBe(Date.parse('2003-03-03T07:00:00-05:00'));
    expect(ny.slotMinutes).toBe(5);
    expect(parseHistoryCsv(z, { timezone: 'America/New_York' }).rows[0].slotStart).toBe(
      Date.parse('2003-03-03T07:00:00Z'),
    );
  });

  it('maps columns, including a date column plus an hour column', () => {
    const csv = 'Day,Hr,Count,Other\n2026-12-01,9,3,x\n2026-12-01,10,4,y\n2026-12-02,9,5,z\n';
    const h = parseHistoryCsv(csv, {
      timezone: 'UTC',
      columns: { slot_start: { date: 'Day', hour: 'Hr' }, arrivals: 'Count' },
    });
    expect(h.slotMinutes).toBe(60);
    expect(h.rows.map((r) => [new Date(r.slotStart).toISOString(), r.arrivals])).toEqual([
      ['2026-12-01T09:00:00.000Z', 3],
      ['2026-12-01T10:00:00.000Z', 4],
      ['2026-12-02T09:00:00.000Z', 5],
    ]);
  });

  it('uses slotMinutes when given and infers the greatest common gap otherwise', () => {
    const csv = 'slot_start,arrivals\n2026-12-01T09:00:00,1\n2026-12-01T10:00:00,1\n2026-12-01T10:30:00,1\n';
    expect(parseHistoryCsv(csv).slotMinutes).toBe(30);
    expect(parseHistoryCsv(csv, { slotMinutes: 15 }).slotMinutes).toBe(15);
    const one = 'slot_start,arrivals\n2026-12-01T09:00:00,1\n';
    expect(errorOf(() => parseHistoryCsv(one)).message).toMatch(/give slotMinutes explicitly/);
    expect(parseHistoryCsv(one, { slotMinutes: 30 }).rows).toHaveLength(1);
  });

  const bad: [string, string, string, RegExp][] = [
    [
      'an unparseable time',
      'slot_start,arrivals\n2026-12-01T09:00:00,1\nyesterday,2\n',
      'BAD_TIME',
      /line 3: slot_start must be an ISO 8601 date-time, got "yesterday"/,
    ],
    [
      'negative arrivals',
      'slot_start,arrivals\n2026-12-01T09:00:00,-1\n',
      'INVALID_INPUT',
      /line 2: arrivals must be a non-negative number, got "-1"/,
    ],
    [
      'non-numeric arrivals',
      'slot_start,arrivals\n2026-12-01T09:00:00,many\n',
      'INVALID_INPUT',
      /line 2: arrivals must be a non-negative number, got "many"/,
    ],
    [
      'empty arrivals',
      'slot_start,arrivals\n2026-12-01T09:00:00,\n',
      'INVALID_INPUT',
      /line 2: arrivals must be/,
    ],
    [
      'a negative optional count',
      'slot_start,arrivals,booked\n2026-12-01T09:00:00,1,-2\n',
      'INVALID_INPUT',
      /line 2: booked must be a non-negative number/,
    ],
    [
      'an unknown channel',
      'service,channel,slot_start,arrivals\ntax,phone,2026-12-01T09:00:00,1\n',
      'INVALID_INPUT',
      /line 2: channel must be appointment or walk_in, got "phone"/,
    ],
    [
      'a duplicate slot',
      'service,slot_start,arrivals\ntax,2026-12-01T09:00:00,1\ntax,2026-12-01T09:30:00,1\ntax,2026-12-01T09:00:00+08:00,2\n',
      'INVALID_INPUT',
      /line 4: a second row for the same series and slot \(first on line 2\)/,
    ],
    [
      'a slot off the grid',
      'slot_start,arrivals\n2026-12-01T09:05:00,1\n2026-12-01T09:35:00,1\n',
      'BAD_TIME',
      /line 2: slot_start must lie on the 30-minute grid from local midnight, got "2026-12-01T09:05:00"/,
    ],
    [
      'a missing column',
      'slot,arrivals\n2026-12-01T09:00:00,1\n',
      'MISSING_COLUMN',
      /has no column "slot_start" \(columns: slot, arrivals\)/,
    ],
    [
      'a semicolon delimiter',
      'slot_start;arrivals\n2026-12-01T09:00:00;1\n',
      'WRONG_DELIMITER',
      /line 1: .* holds no comma/,
    ],
    [
      'a row with too few fields',
      'slot_start,arrivals\n2026-12-01T09:00:00,1\n2026-12-01T09:30:00\n',
      'TRUNCATED_FILE',
      /line 3: expected 2 fields like the header, got 1/,
    ],
    [
      'an unclosed quote',
      'slot_start,arrivals\n2026-12-01T09:00:00,"1\n',
      'TRUNCATED_FILE',
      /line 2: a quoted field is never closed/,
    ],
    ['a header and no rows', 'slot_start,arrivals\n', 'EMPTY_FILE', /has a header but no rows/],
    ['an empty text', '  \n', 'EMPTY_FILE', /is empty/],
  ];
  it.each(bad)('names the file, the line and the rule for %s', (_, csv, code, message) => {
    const e = errorOf(() => parseHistoryCsv(csv, {}, 'h.csv'));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/^readHistoryCsv: h\.csv/);
    expect(e.message).toMatch(message);
  });

  it('refuses a slot length that does not divide a day', () => {
    const csv = 'slot_start,arrivals\n2026-12-01T09:00:00,1\n2026-12-01T09:07:00,1\n';
    expect(errorOf(() => parseHistoryCsv(csv)).message).toMatch(/positive divisor of 1440.*got 7/);
  });

  it('refuses a local time in a daylight-saving gap instead of shifting it', () => {
    const csv = 'Date,Hour,Arrivals\n2014-03-09,1,3\n2014-03-09,2,0\n2014-03-09,3,4\n';
    const columns = { slot_start: { date: 'Date', hour: 'Hour' }, arrivals: 'Arrivals' } as const;
    const e = errorOf(() => parseHistoryCsv(csv, { timezone: 'America/Chicago', columns }, 'iowa.csv'));
    expect(e.code).toBe('BAD_TIME');
    expect(e.message).toMatch(/iowa\.csv line 3: 2014-03-09 02:00 is not a local time in America\/Chicago/);
    const iso = 'slot_start,arrivals\n2014-03-09T02:00:00,1\n2014-03-09T03:00:00,1\n';
    expect(errorOf(() => parseHistoryCsv(iso, { timezone: 'America/Chicago' })).message).toMatch(
      /daylight-saving gap/,
    );
    expect(parseHistoryCsv(csv, { timezone: 'UTC', columns }).rows).toHaveLength(3);
  });

  it('names a missing file or a directory', () => {
    expect(errorOf(() => readHistoryCsv(join(dir, 'nope.csv'))).code).toBe('FILE_NOT_FOUND');
    expect(errorOf(() => readHistoryCsv(dir)).message).toMatch(/is a directory/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect(errorOf(() => readHistoryCsv(empty)).code).toBe('EMPTY_FILE');
  });
});

describe('resampleHistory', () => {
  const h: History = {
    slotMinutes: 15,
    timezone: 'Asia/Shanghai',
    rows: [
      {
        service: 'tax',
        slotStart: t('2026-12-01T09:00:00'),
        arrivals: 2,
        served: 2,
        meanServiceSeconds: 100,
      },
      {
        service: 'tax',
        slotStart: t('2026-12-01T09:15:00'),
        arrivals: 3,
        served: 1,
        meanServiceSeconds: 400,
      },
      { service: 'tax', slotStart: t('2026-12-01T09:30:00'), arrivals: 1, served: 0 },
      { service: 'vat', slotStart: t('2026-12-01T09:15:00'), arrivals: 5 },
    ],
  };

  it('sums counts and weights means by served', () => {
    const r = resampleHistory(h, 30);
    expect(r.slotMinutes).toBe(30);
    expect(r.rows).toEqual([
      {
        service: 'tax',
        slotStart: t('2026-12-01T09:00:00'),
        arrivals: 5,
        served: 3,
        meanServiceSeconds: 200,
      },
      { service: 'tax', slotStart: t('2026-12-01T09:30:00'), arrivals: 1, served: 0 },
      { service: 'vat', slotStart: t('2026-12-01T09:00:00'), arrivals: 5 },
    ]);
  });

  it('aligns coarse slots to local midnight', () => {
    const r = resampleHistory(h, 60);
    expect(r.rows.map((x) => x.slotStart)).toEqual([t('2026-12-01T09:00:00'), t('2026-12-01T09:00:00')]);
  });

  it('is the identity at the same slot length and refuses finer or non-multiple targets', () => {
    expect(resampleHistory(h, 15).rows).toEqual(h.rows);
    expect(errorOf(() => resampleHistory(h, 5)).message).toMatch(
      /cannot resample to slots finer than the history's 15 minutes, got 5/,
    );
    expect(errorOf(() => resampleHistory(h, 20)).message).toMatch(
      /must be a multiple of the history's 15 minutes, got 20/,
    );
    expect(errorOf(() => resampleHistory(h, 105)).code).toBe('INVALID_ARGUMENT');
  });
});
