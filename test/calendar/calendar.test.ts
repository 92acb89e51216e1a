import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chinaHolidays,
  createCalendar,
  defaultOpeningHours,
  holidayCalendarFromFile,
  loadHolidayCalendar,
  noHolidays,
  type SlotMinutes,
} from '../../src/calendar/index.js';
import { QueuecastError } from '../../src/errors.js';
import { addDays, epochToZoned, formatIsoInZone } from '../../src/time/zoned.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof QueuecastError) return e.code;
    throw e;
  }
  return undefined;
}

const cal = createCalendar();

describe('default opening hours', () => {
  it('opens Monday to Friday 09:00–12:00 and 13:30–17:30, closed at the weekend', () => {
    // 2026-12-07 is a Monday with no public holiday in its week (chinese-days 2026 data).
    for (let i = 0; i < 5; i++) {
      const d = cal.day(addDays('2026-12-07', i));
      expect(d.open).toBe(true);
      expect(d.kind).toBe('workday');
      expect(d.weekday).toBe(i + 1);
      expect(d.sessions).toEqual([
        { startMinute: 540, endMinute: 720 },
        { startMinute: 810, endMinute: 1050 },
      ]);
    }
    for (const date of ['2026-12-12', '2026-12-13']) {
      expect(cal.day(date)).toMatchObject({ open: false, kind: 'weekend', sessions: [] });
    }
    expect(defaultOpeningHours[6]).toBeUndefined();
    expect(defaultOpeningHours[7]).toBeUndefined();
  });

  it('is open at 09:00 and 17:29:59, closed at lunch, at 08:59 and at 17:30 (local time)', () => {
    const at = (clock: string) => Date.parse(`2026-12-08T${clock}+08:00`);
    expect(cal.isOpenAt(at('09:00:00'))).toBe(true);
    expect(cal.isOpenAt(at('11:59:59'))).toBe(true);
    expect(cal.isOpenAt(at('12:00:00'))).toBe(false);
    expect(cal.isOpenAt(at('13:29:59'))).toBe(false);
    expect(cal.isOpenAt(at('13:30:00'))).toBe(true);
    expect(cal.isOpenAt(at('17:29:59'))).toBe(true);
    expect(cal.isOpenAt(at('17:30:00'))).toBe(false);
    expect(cal.isOpenAt(at('08:59:59'))).toBe(false);
    expect(cal.isOpenAt(Date.parse('2026-12-12T10:00:00+08:00'))).toBe(false);
  });

  it('counts closed days before a date: 0 mid-week, 2 on a Monday', () => {
    expect(cal.day('2026-12-09').closedDaysBefore).toBe(0);
    expect(cal.day('2026-12-07').closedDaysBefore).toBe(2);
  });

  it('treats an explicit undefined option as absent (the default applies)', () => {
    const c = createCalendar({ timezone: undefined, holidays: undefined });
    expect(c.timezone).toBe('Asia/Shanghai');
    expect(c.day('2026-10-01').open).toBe(false);
  });
});

// Reference values: the `holidays` and `workdays` tables of the chinese-days package (its 2026 entries).
describe('mainland China 2026 (chinese-days)', () => {
  it('closes Spring Festival 2026-02-15..23 and opens the make-up Saturdays 02-14 and 02-28', () => {
    for (let i = 0; i <= 8; i++) {
      const d = cal.day(addDays('2026-02-15', i));
      expect(d.open).toBe(false);
      expect(d.kind).toBe('holiday');
      expect(d.name).toContain('Spring Festival');
    }
    for (const date of ['2026-02-14', '2026-02-28']) {
      const d = cal.day(date);
      expect(d.weekday).toBe(6);
      expect(d.open).toBe(true);
      expect(d.kind).toBe('makeup');
      expect(d.sessions).toEqual(cal.day('2026-02-09').sessions);
    }
    expect(cal.day('2026-02-13')).toMatchObject({ open: true, kind: 'workday' });
    expect(cal.day('2026-02-24')).toMatchObject({ open: true, kind: 'workday', closedDaysBefore: 9 });
    expect(cal.day('2026-03-01')).toMatchObject({ open: false, kind: 'weekend' });
  });

  it('closes Golden Week 2026-10-01..07 and opens the make-up days 09-20 (Sunday) and 10-10 (Saturday)', () => {
    for (let i = 0; i <= 6; i++) {
      expect(cal.day(addDays('2026-10-01', i))).toMatchObject({ open: false, kind: 'holiday' });
    }
    // chinese-days ends the 2026 National Day holiday on 10-07: 10-08 (Thursday) is an ordinary working day.
    expect(cal.day('2026-10-08')).toMatchObject({ open: true, kind: 'workday', closedDaysBefore: 7 });
    expect(cal.day('2026-09-20')).toMatchObject({ weekday: 7, open: true, kind: 'makeup' });
    expect(cal.day('2026-10-10')).toMatchObject({ weekday: 6, open: true, kind: 'makeup' });
    expect(cal.day('2026-10-11')).toMatchObject({ open: false, kind: 'weekend' });
    // Mid-Autumn 2026-09-25..27 closes the Friday before.
    expect(cal.day('2026-09-25')).toMatchObject({ open: false, kind: 'holiday' });
    expect(cal.day('2026-09-28').closedDaysBefore).toBe(3);
  });

  it('lays out make-up days on the slot grid and leaves holidays off it', () => {
    const slots = cal.slots('2026-02-13', '2026-03-02', 30);
    const dates = [...new Set(slots.map((s) => s.date))];
    expect(dates).toEqual([
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-02',
    ]);
    expect(slots.length).toBe(dates.length * 14);
  });

  it('refuses dates past the coverage (2027) with OUT_OF_COVERAGE instead of guessing', () => {
    expect(chinaHolidays.lastDate).toBe('2026-12-31');
    expect(codeOf(() => cal.day('2027-01-04'))).toBe('OUT_OF_COVERAGE');
    expect(codeOf(() => cal.slots('2026-12-28', '2027-01-05', 30))).toBe('OUT_OF_COVERAGE');
    expect(codeOf(() => cal.isOpenAt(Date.parse('2027-03-01T10:00:00+08:00')))).toBe('OUT_OF_COVERAGE');
    expect(codeOf(() => chinaHolidays.mark('2003-12-31'))).toBe('OUT_OF_COVERAGE');
    expect(cal.day('2026-12-31').open).toBe(true);
  });

  it('works as a detached function (no reliance on `this`)', () => {
    const { mark } = chinaHolidays;
    expect(mark('2026-10-01')?.kind).toBe('holiday');
    const file = holidayCalendarFromFile({ closed: ['2026-12-25'] });
    const fileMark = file.mark;
    expect(fileMark('2026-12-25')?.kind).toBe('holiday');
  });
});

describe('other holiday calendars', () => {
  it('none: no holidays and no coverage limit', () => {
    const c = createCalendar({ holidays: 'none' });
    expect(c.day('2026-10-01')).toMatchObject({ open: true, kind: 'workday' });
    expect(c.day('2027-01-04')).toMatchObject({ open: true, kind: 'workday' });
    expect(c.day('2026-02-14')).toMatchObject({ open: false, kind: 'weekend' });
    expect(noHolidays.mark('2099-06-01')).toBeUndefined();
  });

  it('a holiday file closes and opens dates and refuses dates outside its stated coverage', () => {
    const file = holidayCalendarFromFile({
      closed: ['2027-12-24'],
      extraWorking: ['2027-12-18'],
      firstDate: '2027-01-01',
      lastDate: '2027-12-31',
    });
    const c = createCalendar({ holidays: file });
    expect(c.day('2027-12-24')).toMatchObject({ open: false, kind: 'holiday' });
    expect(c.day('2027-12-18')).toMatchObject({ open: true, kind: 'makeup' });
    expect(codeOf(() => c.day('2028-01-03'))).toBe('OUT_OF_COVERAGE');
    expect(codeOf(() => holidayCalendarFromFile({ closed: ['2027-13-01'] }))).toBe('INVALID_INPUT');
    expect(
      codeOf(() => holidayCalendarFromFile({ closed: ['2027-05-01'], extraWorking: ['2027-05-01'] })),
    ).toBe('INVALID_INPUT');
  });

  it('loadHolidayCalendar reads cn, none and a JSON file, and names a missing or bad file', () => {
    expect(loadHolidayCalendar('cn')).toBe(chinaHolidays);
    expect(loadHolidayCalendar('none')).toBe(noHolidays);
    const dir = mkdtempSync(join(tmpdir(), 'qc-cal-'));
    const good = join(dir, 'h.json');
    writeFileSync(good, JSON.stringify({ closed: ['2030-01-01'] }));
    expect(loadHolidayCalendar(good).mark('2030-01-01')?.kind).toBe('holiday');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(codeOf(() => loadHolidayCalendar(bad))).toBe('INVALID_INPUT');
    expect(codeOf(() => loadHolidayCalendar(join(dir, 'missing.json')))).toBe('FILE_NOT_FOUND');
  });
});

describe('local closures and extra openings', () => {
  const local = createCalendar({
    closures: ['2026-12-09', '2026-02-14'],
    extraOpenings: ['2026-12-12', '2026-10-02'],
  });

  it('closes a local closure even on a workday or make-up day', () => {
    expect(local.day('2026-12-09')).toMatchObject({ open: false, kind: 'closure', sessions: [] });
    expect(local.day('2026-02-14')).toMatchObject({ open: false, kind: 'closure' });
    expect(local.day('2026-12-10').closedDaysBefore).toBe(1);
  });

  it('opens an extra opening on a Saturday or a public holiday, with Monday hours', () => {
    expect(local.day('2026-12-12')).toMatchObject({ open: true, kind: 'extra' });
    expect(local.day('2026-10-02')).toMatchObject({ open: true, kind: 'extra' });
    expect(local.day('2026-12-12').sessions).toEqual(local.day('2026-12-07').sessions);
    expect(local.slots('2026-12-12', '2026-12-13', 30).length).toBe(14);
  });

  it('custom weekday hours and a make-up weekday', () => {
    const c = createCalendar({
      openingHours: { 2: [['08:30', '12:00']], 6: [['09:00', '12:00']] },
      makeUpDayWeekday: 2,
    });
    expect(c.day('2026-12-07').open).toBe(false);
    expect(c.day('2026-12-08').sessions).toEqual([{ startMinute: 510, endMinute: 720 }]);
    expect(c.day('2026-12-12').sessions).toEqual([{ startMinute: 540, endMinute: 720 }]);
    // A make-up Sunday follows the make-up weekday's (Tuesday's) hours.
    expect(c.day('2026-09-20').sessions).toEqual([{ startMinute: 510, endMinute: 720 }]);
  });

  it('refuses bad sessions and bad dates', () => {
    expect(codeOf(() => createCalendar({ openingHours: { 1: [['12:00', '09:00']] } }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      codeOf(() =>
        createCalendar({
          openingHours: {
            1: [
              ['09:00', '12:00'],
              ['11:00', '13:00'],
            ],
          },
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => createCalendar({ openingHours: { 1: [['9am', '12:00']] } }))).toBe('BAD_TIME');
    expect(codeOf(() => createCalendar({ closures: ['2026/12/09'] }))).toBe('BAD_TIME');
    expect(codeOf(() => cal.day('2026-02-30'))).toBe('BAD_TIME');
    expect(codeOf(() => createCalendar({ timezone: 'Mars/Olympus' }))).toBe('UNKNOWN_TIMEZONE');
  });
});

describe('slot grid', () => {
  // Default hours: morning 180 minutes, afternoon 240 minutes.
  const expected: [SlotMinutes, number][] = [
    [5, 36 + 48],
    [10, 18 + 24],
    [15, 12 + 16],
    [30, 6 + 8],
    [60, 3 + 5],
  ];

  it.each(expected)('%i-minute slots: %i a day, aligned to local midnight, inside opening hours', (m, n) => {
    const slots = cal.slots('2026-12-08', '2026-12-08', m);
    expect(slots.length).toBe(n);
    for (const s of slots) {
      expect(s.minuteOfDay % m).toBe(0);
      expect(epochToZoned(s.start, 'Asia/Shanghai').minuteOfDay).toBe(s.minuteOfDay);
      expect(s.openMinutes).toBeGreaterThan(0);
      expect(s.openMinutes).toBeLessThanOrEqual(m);
      expect(s.date).toBe('2026-12-08');
      expect(s.weekday).toBe(2);
    }
    const openMinutes = slots.reduce((a, s) => a + s.openMinutes, 0);
    expect(openMinutes).toBe(180 + 240);
    expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort((a, b) => a - b));
  });

  it('60-minute slots: 13:00 and 17:00 are half open; sessions are numbered', () => {
    const slots = cal.slots('2026-12-08', '2026-12-08', 60);
    expect(
      slots.map((s) => [formatIsoInZone(s.start, 'Asia/Shanghai').slice(11, 16), s.openMinutes, s.session]),
    ).toEqual([
      ['09:00', 60, 0],
      ['10:00', 60, 0],
      ['11:00', 60, 0],
      ['13:00', 30, 1],
      ['14:00', 60, 1],
      ['15:00', 60, 1],
      ['16:00', 60, 1],
      ['17:00', 30, 1],
    ]);
  });

  it('a slot straddling a short lunch belongs to the morning and adds up its open minutes', () => {
    const c = createCalendar({
      openingHours: {
        1: [
          ['09:00', '12:15'],
          ['12:45', '17:00'],
        ],
      },
    });
    const slots = c.slots('2026-12-07', '2026-12-07', 60);
    const noon = slots.find((s) => s.minuteOfDay === 720)!;
    expect(noon).toMatchObject({ session: 0, openMinutes: 30 });
    expect(slots.filter((s) => s.minuteOfDay === 720)).toHaveLength(1);
  });

  it('refuses other slot lengths and reversed ranges', () => {
    expect(codeOf(() => cal.slots('2026-12-08', '2026-12-08', 20 as SlotMinutes))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cal.slots('2026-12-09', '2026-12-08', 30))).toBe('INVALID_ARGUMENT');
    expect(cal.slots('2026-12-12', '2026-12-13', 30)).toEqual([]);
  });
});

describe('time zones', () => {
  it('aligns slots to local wall-clock time in the centre zone', () => {
    const s = cal.slots('2026-12-08', '2026-12-08', 30)[0];
    expect(new Date(s.start).toISOString()).toBe('2026-12-08T01:00:00.000Z');
    const utc = createCalendar({ timezone: 'UTC', holidays: 'none' });
    expect(new Date(utc.slots('2026-12-08', '2026-12-08', 30)[0].start).toISOString()).toBe(
      '2026-12-08T09:00:00.000Z',
    );
  });

  it('keeps 09:00 local across a daylight-saving change (America/New_York, 2026-03-08)', () => {
    const ny = createCalendar({ timezone: 'America/New_York', holidays: 'none' });
    const first = (date: string) => new Date(ny.slots(date, date, 15)[0].start).toISOString();
    expect(first('2026-03-06')).toBe('2026-03-06T14:00:00.000Z');
    expect(first('2026-03-09')).toBe('2026-03-09T13:00:00.000Z');
    expect(ny.isOpenAt(Date.parse('2026-03-09T13:00:00Z'))).toBe(true);
    expect(ny.isOpenAt(Date.parse('2026-03-06T13:00:00Z'))).toBe(false);
    expect(ny.slots('2026-03-06', '2026-03-09', 30).length).toBe(2 * 14);
  });

  it('a half-hour zone (Asia/Kolkata) still lays 60-minute slots on the local hour', () => {
    const c = createCalendar({ timezone: 'Asia/Kolkata', holidays: 'none' });
    const s = c.slots('2026-12-08', '2026-12-08', 60)[0];
    expect(new Date(s.start).toISOString()).toBe('2026-12-08T03:30:00.000Z');
    expect(formatIsoInZone(s.start, 'Asia/Kolkata')).toBe('2026-12-08T09:00:00+05:30');
  });
});
