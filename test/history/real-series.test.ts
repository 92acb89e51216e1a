import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/index.js';
import { readHistoryCsv, resampleHistory } from '../../src/history/index.js';

const bankPath = fileURLToPath(
  new URL('../../../shared/datasets/bank-calls-5min-2003-mar-aug.csv', import.meta.url),
);
const iowaPath = fileURLToPath(
  new URL('../../../shared/datasets/iowa-ed-arrivals-hourly-2013-2016.csv', import.meta.url),
);

/** Column totals computed independently of the library: a plain split of the file's lines. */
function columnSum(path: string, column: string): number {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const i = header.indexOf(column);
  return lines.slice(1).reduce((a, l) => a + Number(l.split(',')[i]), 0);
}

describe('the 5-minute bank series (Weinberg, Brown & Stroud 2007)', () => {
  // SOURCES.md: local clock times written with a spurious Z; business days only, 07:00–21:00.
  const bank = readHistoryCsv(bankPath, {
    timezone: 'America/New_York',
    offsets: 'ignore',
    columns: { slot_start: 'DateTime', arrivals: 'Calls' },
  });
  const total = columnSum(bankPath, 'Calls');

  it('reads all 19,604 rows as one 5-minute series on local wall-clock time', () => {
    expect(bank.rows).toHaveLength(19_604);
    expect(bank.slotMinutes).toBe(5);
    expect(bank.rows.reduce((a, r) => a + r.arrivals, 0)).toBe(total);
    expect(bank.rows[0]).toEqual({ slotStart: Date.parse('2003-03-03T07:00:00-05:00'), arrivals: 111 });
    // After the 2003-04-06 change to daylight time, 07:00 local is 11:00 UTC (04-04 and 04-07 are absent days).
    const april = bank.rows.find((r) => r.slotStart === Date.parse('2003-04-08T07:00:00-04:00'));
    expect(april).toBeDefined();
  });

  it('resamples 5 → 30 minutes preserving the total and each day’s total', () => {
    const b30 = resampleHistory(bank, 30);
    expect(b30.slotMinutes).toBe(30);
    expect(b30.rows.reduce((a, r) => a + r.arrivals, 0)).toBe(total);
    // 116 business days × 29 half-hours (07:00 … 20:30, and the 21:00 slot holding the last 5 minutes).
    expect(b30.rows).toHaveLength(116 * 29);
    const byDay = (rows: readonly { slotStart: number; arrivals: number }[]) => {
      const m = new Map<string, number>();
      for (const r of rows) {
        const d = new Date(r.slotStart - 5 * 3_600_000).toISOString().slice(0, 10);
        m.set(d, (m.get(d) ?? 0) + r.arrivals);
      }
      return m;
    };
    expect(byDay(b30.rows)).toEqual(byDay(bank.rows));
    // Calendar none: the series' own days are its open days, all of them weekdays.
    const none = createCalendar({ timezone: 'America/New_York', holidays: 'none' });
    for (const d of byDay(b30.rows).keys()) expect(none.day(d).open).toBe(true);
    const first = b30.rows.slice(0, 2).map((r) => r.arrivals);
    // File rows 1–6 (07:00–07:25) sum to 560 and rows 7–12 (07:30–07:55) to 609.
    expect(first).toEqual([560, 609]);
  });

  it('reads the same counts in UTC with the offsets respected', () => {
    const utc = readHistoryCsv(bankPath, {
      timezone: 'UTC',
      columns: { slot_start: 'DateTime', arrivals: 'Calls' },
    });
    expect(utc.rows.map((r) => r.arrivals)).toEqual(bank.rows.map((r) => r.arrivals));
  });
});

describe('the hourly Iowa emergency-department series', () => {
  const columns = { slot_start: { date: 'Date', hour: 'Hour' }, arrivals: 'Arrivals' } as const;

  it('reads date + hour columns as hourly slots (fixed-offset zone: the file has 24 hours every day)', () => {
    const iowa = readHistoryCsv(iowaPath, { timezone: 'UTC', columns });
    expect(iowa.rows).toHaveLength(30_720);
    expect(iowa.slotMinutes).toBe(60);
    expect(iowa.rows.reduce((a, r) => a + r.arrivals, 0)).toBe(columnSum(iowaPath, 'Arrivals'));
    const daily = resampleHistory(iowa, 1440);
    expect(daily.rows).toHaveLength(30_720 / 24);
  });

  it('refuses America/Chicago on the spring-forward hour rather than doubling a slot', () => {
    expect(() => readHistoryCsv(iowaPath, { timezone: 'America/Chicago', columns })).toThrow(
      /line \d+: 2014-03-09 02:00 is not a local time in America\/Chicago/,
    );
  });
});
