import { check } from '../errors.js';
import { addDays, parseDateKey } from '../time/zoned.js';
import {
  createHall,
  emptyTally,
  type GenerateTally,
  generateDay,
  type Hall,
  type SampleVisitRecord,
} from './hall-model.js';

/** Options of {@link generateVisits} and {@link writeSampleVisitsCsv}. */
export interface GenerateVisitsOptions {
  /** Seed of every random stream. Default 2026. */
  readonly seed?: number;
  /** Number of calendar days generated (closed days give no visits). Default 364 (52 weeks). */
  readonly days?: number;
  /** First date, `YYYY-MM-DD`. Default: the period ends on `end`. */
  readonly start?: string;
  /** Last date when `start` is not given, `YYYY-MM-DD`. Default `2026-11-20`, so a forecast of the following
   * week stays inside the holiday calendar's coverage (to 2026-12-31). */
  readonly end?: string;
  /** Visits (bookings included) of an ordinary Wednesday on 2026-01-01, before growth and calendar effects.
   * Default 1150 (about 290,000 visits a year). */
  readonly dailyVisits?: number;
  /** Plant dirty rows and personal data for ingest to catch. Default true. */
  readonly dirty?: boolean;
}

/**
 * Defaults of {@link generateVisits}: seed 2026, 364 days ending 2026-11-20, 1150 visits a day (ordinary
 * Wednesday before growth and calendar effects), dirty rows on.
 *
 * @example
 * defaultGenerateVisitsOptions.dailyVisits; // => 1150
 * generateVisits({ ...defaultGenerateVisitsOptions, days: 7, dirty: false });
 */
export const defaultGenerateVisitsOptions = {
  seed: 2026,
  days: 364,
  end: '2026-11-20',
  dailyVisits: 1150,
  dirty: true,
} as const satisfies GenerateVisitsOptions;

/** What a generator run produced. */
export interface GenerateSummary {
  readonly seed: number;
  /** First and last date of the period. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly openDays: number;
  /** Rows written (planted duplicates included). */
  readonly rows: number;
  /** Visits by channel (each booking is one appointment visit, whether or not the holder came). */
  readonly walkIns: number;
  readonly appointments: number;
  /** Visits that arrived. */
  readonly arrivals: number;
  readonly served: number;
  readonly abandoned: number;
  readonly noShows: number;
  readonly cancelled: number;
  /** Dirty rows and personal data planted. */
  readonly dirty: {
    readonly missingArrival: number;
    readonly duplicateIds: number;
    readonly calledBeforeArrived: number;
    readonly unknownChannel: number;
    readonly residentIdNotes: number;
    readonly mobileNotes: number;
    readonly customerNames: number;
  };
}

/** Rows and summary of {@link generateVisits}. */
export interface GeneratedVisits {
  readonly rows: readonly SampleVisitRecord[];
  readonly summary: GenerateSummary;
}

/** A resolved generator run: its hall, dates, and a tally to fill. */
export interface GeneratorRun {
  readonly hall: Hall;
  readonly dates: readonly string[];
  readonly tally: GenerateTally;
  readonly seed: number;
}

/** Validate options and lay out the dates of a run. */
export function prepareRun(options: GenerateVisitsOptions, fn: string): GeneratorRun {
  const o = { ...defaultGenerateVisitsOptions, ...options };
  check(Number.isFinite(o.seed), fn, 'seed must be a finite number', o.seed);
  check(
    Number.isInteger(o.days) && o.days >= 1 && o.days <= 3660,
    fn,
    'days must be an integer from 1 to 3660',
    o.days,
  );
  check(
    o.dailyVisits > 0 && o.dailyVisits <= 1e6,
    fn,
    'dailyVisits must be a positive number up to 1e6',
    o.dailyVisits,
  );
  const start = o.start ?? addDays(o.end, 1 - o.days);
  parseDateKey(start);
  const dates = Array.from({ length: o.days }, (_, i) => addDays(start, i));
  const hall = createHall(o.seed, o.dailyVisits, o.dirty);
  hall.calendar.day(dates[0]);
  hall.calendar.day(dates[dates.length - 1]);
  return { hall, dates, tally: emptyTally(), seed: o.seed };
}

/** The summary of a finished run. */
export function summarise(run: GeneratorRun): GenerateSummary {
  const t = run.tally;
  return {
    seed: run.seed,
    from: run.dates[0],
    to: run.dates[run.dates.length - 1],
    days: run.dates.length,
    openDays: t.openDays,
    rows: t.rows,
    walkIns: t.walkIns,
    appointments: t.appointments,
    arrivals: t.arrivals,
    served: t.served,
    abandoned: t.abandoned,
    noShows: t.noShows,
    cancelled: t.cancelled,
    dirty: {
      missingArrival: t.missingArrival,
      duplicateIds: t.duplicateIds,
      calledBeforeArrived: t.calledBeforeArrived,
      unknownChannel: t.unknownChannel,
      residentIdNotes: t.residentIdNotes,
      mobileNotes: t.mobileNotes,
      customerNames: t.customerNames,
    },
  };
}

/**
 * Generate the sample administrative service hall's visits in memory: one centre (`ovc`, Asia/Shanghai, the
 * default calendar with mainland holidays and make-up days) and the fifteen {@link sampleServices}.
 *
 * The model: a daily volume with slow growth, weekday effects (Monday surge), month effects, surges after long
 * breaks (strongest after Spring Festival) and before them, month-end peaks for tax; walk-ins arrive as a Poisson
 * process with a morning peak (09:30–10:30), a lunch dip and an afternoon peak (14:30–15:30); appointments are
 * booked 0–14 days ahead into 30-minute slots, 3 % are cancelled and 12–24 % of the rest do not come (rising with
 * lead time); each service's queue is a multi-counter queue staffed per hour by square-root staffing on the
 * expected load, appointment holders first, walk-ins abandoning after an exponential patience. Rows of a date
 * depend only on the seed and the date. See datasets/README.md for the planted dirty rows.
 *
 * Complexity O(visits); a year takes a few seconds. For files use {@link writeSampleVisitsCsv}, which streams.
 *
 * @example
 * const { rows, summary } = generateVisits({ seed: 7, start: '2026-03-02', days: 5 });
 * rows[0].visit_id; // => 'V20260302-00001'
 * summary.openDays; // => 5
 */
export function generateVisits(options: GenerateVisitsOptions = {}): GeneratedVisits {
  const run = prepareRun(options, 'generateVisits');
  const rows: SampleVisitRecord[] = [];
  for (const date of run.dates) for (const r of generateDay(run.hall, date, run.tally)) rows.push(r);
  return { rows, summary: summarise(run) };
}
