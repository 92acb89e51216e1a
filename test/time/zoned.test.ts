import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import {
  addDays,
  daysBetween,
  epochToZoned,
  formatIsoInZone,
  parseClock,
  parseIsoTime,
  utcOffsetMinutes,
  weekdayOf,
  zonedToEpoch,
} from '../../src/time/zoned.js';

describe('zoned time', () => {
  it('converts Shanghai wall-clock time to UTC (UTC+8, no DST)', () => {
    expect(zonedToEpoch(2026, 12, 1, 9, 0, 0, 'Asia/Shanghai')).toBe(Date.parse('2026-12-01T01:00:00Z'));
    expect(utcOffsetMinutes(Date.UTC(2026, 6, 1), 'Asia/Shanghai')).toBe(480);
  });

  it('round-trips through a DST zone on both sides of the change (Asia/Jerusalem, IANA tzdb)', () => {
    for (const iso of [
      '1999-02-01T10:00:00',
      '2023-03-24T10:00:00',
      '2023-07-01T23:30:00',
      '2023-10-29T12:00:00',
    ]) {
      const ms = parseIsoTime(iso, 'Asia/Jerusalem');
      const p = epochToZoned(ms, 'Asia/Jerusalem');
      expect(`${p.date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}:00`).toBe(
        iso,
      );
    }
    // Israel is UTC+2 in winter and UTC+3 in summer.
    expect(utcOffsetMinutes(Date.parse('2023-01-15T12:00:00Z'), 'Asia/Jerusalem')).toBe(120);
    expect(utcOffsetMinutes(Date.parse('2023-07-15T12:00:00Z'), 'Asia/Jerusalem')).toBe(180);
  });

  it('respects explicit offsets and treats offset-less times as local', () => {
    const a = parseIsoTime('2026-12-01T09:00:00+08:00', 'Europe/London');
    const b = parseIsoTime('2026-12-01T09:00:00', 'Asia/Shanghai');
    const c = parseIsoTime('2026-12-01T01:00:00Z', 'Asia/Shanghai');
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(parseIsoTime('2026-12-01 09:00', 'Asia/Shanghai')).toBe(b);
  });

  it('returns NaN for non-ISO or impossible times instead of guessing', () => {
    for (const bad of ['01/02/2026 09:00', '2026-02-30T09:00:00', '2026-12-01T25:00', 'yesterday', '']) {
      expect(parseIsoTime(bad, 'Asia/Shanghai')).toBeNaN();
    }
  });

  it('formats local time with its offset', () => {
    expect(formatIsoInZone(Date.parse('2026-12-01T01:00:00Z'), 'Asia/Shanghai')).toBe(
      '2026-12-01T09:00:00+08:00',
    );
    expect(formatIsoInZone(Date.parse('2026-12-01T01:00:00Z'), 'America/New_York')).toBe(
      '2026-11-30T20:00:00-05:00',
    );
  });

  it('does date arithmetic across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(weekdayOf('2026-12-01')).toBe(2); // a Tuesday
    expect(weekdayOf('2026-11-29')).toBe(7); // a Sunday
  });

  it('rejects bad clock times and unknown zones with a coded error', () => {
    expect(parseClock('13:30')).toBe(810);
    expect(() => parseClock('25:00')).toThrow(QueuecastError);
    try {
      zonedToEpoch(2026, 1, 1, 0, 0, 0, 'Mars/Olympus');
      expect.unreachable();
    } catch (e) {
      expect((e as QueuecastError).code).toBe('UNKNOWN_TIMEZONE');
    }
  });
});
