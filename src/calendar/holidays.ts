import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { QueuecastError } from '../errors.js';
import { parseDateKey } from '../time/zoned.js';

/** What a holiday calendar says of one date; `undefined` means an ordinary day (weekday or weekend). */
export interface HolidayMark {
  /** `holiday`: a public holiday, closed. `makeup`: a make-up working day (China's 调休), open. */
  readonly kind: 'holiday' | 'makeup';
  /** E.g. `Spring Festival,春节,4`. */
  readonly name: string;
}

/**
 * A country's public holidays and make-up working days. Plug in other countries by implementing this interface.
 * Dates are local `YYYY-MM-DD`; asking outside `[firstDate, lastDate]` must throw `OUT_OF_COVERAGE`.
 */
export interface HolidayCalendar {
  readonly id: string;
  /** First covered date, `YYYY-MM-DD`, or `null` for unbounded. */
  readonly firstDate: string | null;
  /** Last covered date, `YYYY-MM-DD`, or `null` for unbounded. */
  readonly lastDate: string | null;
  /** The mark of `date`, or `undefined` for an ordinary day. */
  mark(date: string): HolidayMark | undefined;
}

function assertCovered(cal: HolidayCalendar, date: string): void {
  parseDateKey(date);
  if ((cal.firstDate !== null && date < cal.firstDate) || (cal.lastDate !== null && date > cal.lastDate)) {
    throw new QueuecastError(
      'OUT_OF_COVERAGE',
      `calendar ${cal.id}: date ${date} is outside its coverage ${cal.firstDate ?? '…'} to ${cal.lastDate ?? '…'}; ` +
        'supply a holiday file for it or use --calendar none',
    );
  }
}

const cnData = chineseDays as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const cnYears = Object.keys(cnData.holidays).map((d) => Number(d.slice(0, 4)));

/**
 * Mainland China's public holidays and make-up working days (调休), from the `chinese-days` package. It covers
 * the years that package publishes (2004–2026); dates past its coverage are refused, not guessed.
 *
 * @example
 * chinaHolidays.mark('2026-02-16'); // => { kind: 'holiday', name: 'Spring Festival,春节,4' }
 * chinaHolidays.mark('2026-02-28'); // => { kind: 'makeup', name: 'Spring Festival,春节,4' }
 */
export const chinaHolidays: HolidayCalendar = {
  id: 'cn',
  firstDate: `${Math.min(...cnYears)}-01-01`,
  lastDate: `${Math.max(...cnYears)}-12-31`,
  mark(date: string): HolidayMark | undefined {
    assertCovered(chinaHolidays, date);
    const h = cnData.holidays[date];
    if (h !== undefined) return { kind: 'holiday', name: h };
    const w = cnData.workdays[date];
    if (w !== undefined) return { kind: 'makeup', name: w };
    return undefined;
  },
};

/**
 * No public holidays at all: every date is ordinary. The default for plain series, whose weekly pattern comes
 * from the history itself.
 *
 * @example
 * noHolidays.mark('2030-01-01'); // => undefined
 */
export const noHolidays: HolidayCalendar = {
  id: 'none',
  firstDate: null,
  lastDate: null,
  mark(date: string): HolidayMark | undefined {
    parseDateKey(date);
    return undefined;
  },
};

/** A holiday file: closed dates and extra working dates, optionally with a coverage range. */
export interface HolidayFile {
  readonly id?: string;
  readonly closed?: readonly string[];
  readonly extraWorking?: readonly string[];
  readonly firstDate?: string;
  readonly lastDate?: string;
}

/**
 * A holiday calendar from explicit lists (the `--calendar FILE` JSON of DESIGN.md).
 *
 * @example
 * const cal = holidayCalendarFromFile({ closed: ['2026-12-25'], extraWorking: ['2026-12-27'] });
 * cal.mark('2026-12-25')?.kind; // => 'holiday'
 */
export function holidayCalendarFromFile(file: HolidayFile): HolidayCalendar {
  const closed = new Set(file.closed ?? []);
  const extra = new Set(file.extraWorking ?? []);
  for (const d of [...closed, ...extra]) {
    try {
      parseDateKey(d);
    } catch {
      throw new QueuecastError(
        'INVALID_INPUT',
        `holidayCalendarFromFile: dates must be YYYY-MM-DD, got ${JSON.stringify(d)}`,
      );
    }
  }
  for (const d of closed) {
    if (extra.has(d)) {
      throw new QueuecastError(
        'INVALID_INPUT',
        `holidayCalendarFromFile: a date cannot be both closed and extra working, got ${JSON.stringify(d)}`,
      );
    }
  }
  const cal: HolidayCalendar = {
    id: file.id ?? 'file',
    firstDate: file.firstDate ?? null,
    lastDate: file.lastDate ?? null,
    mark(date: string): HolidayMark | undefined {
      assertCovered(cal, date);
      if (closed.has(date)) return { kind: 'holiday', name: 'closed' };
      if (extra.has(date)) return { kind: 'makeup', name: 'extra working day' };
      return undefined;
    },
  };
  return cal;
}
