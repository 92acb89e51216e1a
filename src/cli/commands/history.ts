import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCalendar, loadHolidayCalendar, type SlotMinutes } from '../../calendar/index.js';
import { QueuecastError } from '../../errors.js';
import {
  type AggregatedHistory,
  aggregateVisits,
  formatHistoryCsv,
  type History,
  type HistoryColumnMap,
  readHistoryCsv,
  resampleHistory,
  writeHistoryCsv,
} from '../../history/index.js';
import type { CliIO } from '../command.js';
import { type CliCommand, formatTable, numberOption, Progress, parseCommandArgs } from '../command.js';

const NAME = 'history';

const usage = `Usage: queuecast history VISITS --out FILE [--slot-minutes 30] [--timezone TZ] [--calendar cn|none|FILE]
                         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--preset NAME] [--map field=column ...]
       queuecast history --series FILE --out FILE [--slot-minutes M] [--timezone TZ] [--map field=column ...]
                         [--ignore-offsets]

Aggregate visits to arrivals per (centre, service, channel, slot) and write the History CSV of DESIGN.md
(centre, service, channel, slot_start, arrivals, booked, no_shows, served, abandoned, mean_service_seconds).
Open slots with no arrivals are zero rows; closed slots are absent; arrivals outside opening hours are counted
in the summary, not moved into a slot.

  VISITS               a visits file (CSV, TSV, Parquet, JSON lines), validated by ingest (bad rows are left
                       out and counted), or a directory written by \`queuecast ingest --out DIR\` (DIR/visits.parquet)
  --out FILE           where to write the History CSV (- for standard output)
  --slot-minutes M     slot length: 5, 10, 15, 30 or 60 (default 30; for --series: the series' own)
  --timezone TZ        IANA time zone of the centre (default Asia/Shanghai)
  --calendar C         holidays: cn (default), none, or a JSON file { "closed": [...], "extraWorking": [...] }
  --from, --to         first and last date of the slot grid (default: the dates of the visits)
  --preset NAME        ingest preset for the visits file (e.g. anonymous-bank)
  --map field=column   column mapping, repeatable: visits fields for ingest (--map arrived_at=TicketTime);
                       with --series, History columns (--map slot_start=DateTime --map arrivals=Calls, or
                       --map slot_start=Date+Hour for a date column plus an hour column)
  --series FILE        instead of VISITS: a plain arrival series (slot_start, arrivals) or History CSV to
                       re-aggregate to --slot-minutes
  --ignore-offsets     with --series: read times as local clock times even when they carry an offset or Z

Examples:
  queuecast history sample-visits.csv --slot-minutes 30 --out history.csv
  queuecast history --series ../shared/datasets/bank-calls-5min-2003-mar-aug.csv --timezone America/New_York \\
      --ignore-offsets --map slot_start=DateTime --map arrivals=Calls --slot-minutes 30 --out bank-30min.csv`;

function parseMaps(values: readonly string[] | undefined): [string, string][] {
  return (values ?? []).map((m) => {
    const eq = m.indexOf('=');
    if (eq <= 0 || eq === m.length - 1) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --map must be field=column, got ${JSON.stringify(m)}`,
      );
    }
    return [m.slice(0, eq).trim(), m.slice(eq + 1).trim()];
  });
}

const SERIES_FIELDS = new Set([
  'centre',
  'service',
  'channel',
  'slot_start',
  'arrivals',
  'booked',
  'no_shows',
  'served',
  'abandoned',
  'mean_service_seconds',
]);

function seriesColumns(maps: readonly [string, string][]): HistoryColumnMap {
  const out: Record<string, unknown> = {};
  for (const [field, column] of maps) {
    if (!SERIES_FIELDS.has(field)) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --map field must be one of ${[...SERIES_FIELDS].join(', ')}, got ${JSON.stringify(field)}`,
      );
    }
    if (field === 'slot_start' && column.includes('+')) {
      const [date, hour, minute] = column.split('+');
      out.slot_start = { date, hour, ...(minute !== undefined && { minute }) };
    } else out[field] = column;
  }
  return out as HistoryColumnMap;
}

function writeOut(history: History, out: string, io: CliIO): string {
  if (out === '-') {
    io.stdout.write(formatHistoryCsv(history));
    return 'standard output';
  }
  writeHistoryCsv(history, out);
  return out;
}

const n = (x: number) => x.toLocaleString('en-US');

async function runSeries(
  file: string,
  out: string,
  slotMinutes: number | undefined,
  timezone: string,
  maps: readonly [string, string][],
  ignoreOffsets: boolean,
  io: CliIO,
): Promise<number> {
  const series = readHistoryCsv(file, {
    timezone,
    columns: seriesColumns(maps),
    offsets: ignoreOffsets ? 'ignore' : 'respect',
  });
  const result = slotMinutes === undefined ? series : resampleHistory(series, slotMinutes);
  const total = result.rows.reduce((a, r) => a + r.arrivals, 0);
  const where = writeOut(result, out, io);
  const report = out === '-' ? io.stderr : io.stdout;
  report.write(
    `${[
      `series ${file}: ${n(series.rows.length)} rows of ${series.slotMinutes}-minute slots (${timezone})`,
      `history: ${n(result.rows.length)} rows of ${result.slotMinutes}-minute slots, ${n(total)} arrivals in all`,
      `wrote ${where}`,
    ].join('\n')}\n`,
  );
  return 0;
}

function visitsSummary(h: AggregatedHistory, calendarName: string): string {
  const s = h.summary;
  const sum = (f: (r: AggregatedHistory['rows'][number]) => number | undefined) =>
    h.rows.reduce((a, r) => a + (f(r) ?? 0), 0);
  const byService = new Map<
    string,
    { walkIn: number; appointment: number; booked: number; noShows: number; svc: number; served: number }
  >();
  for (const r of h.rows) {
    const key = r.service ?? '';
    const e = byService.get(key) ?? { walkIn: 0, appointment: 0, booked: 0, noShows: 0, svc: 0, served: 0 };
    if (r.channel === 'appointment') e.appointment += r.arrivals;
    else e.walkIn += r.arrivals;
    e.booked += r.booked ?? 0;
    e.noShows += r.noShows ?? 0;
    if (r.meanServiceSeconds !== undefined && r.served !== undefined) {
      e.svc += r.meanServiceSeconds * r.served;
      e.served += r.served;
    }
    byService.set(key, e);
  }
  const table = formatTable(
    ['service', 'walk_in', 'appointment', 'booked', 'no_shows', 'mean_service_s'],
    [...byService].map(([service, e]) => [
      service,
      e.walkIn,
      e.appointment,
      e.booked,
      e.noShows,
      e.served > 0 ? Math.round(e.svc / e.served) : '',
    ]),
  );
  return [
    `history: ${n(s.series)} series × ${n(s.slots)} open ${h.slotMinutes}-minute slots = ${n(h.rows.length)} rows ` +
      `(${h.timezone}, calendar ${calendarName}, ${s.from ?? '–'} to ${s.to ?? '–'})`,
    `arrivals ${n(s.arrivals)} · outside opening hours ${n(s.outsideHours)} · booked ${n(sum((r) => r.booked))} · ` +
      `no-shows ${n(sum((r) => r.noShows))} · served ${n(sum((r) => r.served))} · abandoned ${n(sum((r) => r.abandoned))}`,
    table,
  ].join('\n');
}

/** `queuecast history`: visits (or a plain series) to arrivals per slot, as History CSV. */
export const command: CliCommand = {
  name: NAME,
  summary: 'aggregate visits (or a plain series) to arrivals per slot',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      NAME,
      argv,
      {
        out: { type: 'string' },
        'slot-minutes': { type: 'string' },
        timezone: { type: 'string' },
        calendar: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        preset: { type: 'string' },
        map: { type: 'string', multiple: true },
        series: { type: 'string' },
        'ignore-offsets': { type: 'boolean' },
      },
      true,
    );
    if (values.out === undefined || values.out === '') {
      throw new QueuecastError('USAGE', `queuecast ${NAME}: missing required option --out`);
    }
    const out = values.out === '-' ? '-' : resolve(io.cwd, values.out);
    const slotMinutes = numberOption(NAME, values['slot-minutes'], 'slot-minutes');
    const timezone = values.timezone ?? 'Asia/Shanghai';
    const maps = parseMaps(values.map);
    if (values.series !== undefined) {
      if (positionals.length > 0) {
        throw new QueuecastError('USAGE', `queuecast ${NAME}: give either VISITS or --series, not both`);
      }
      return runSeries(
        resolve(io.cwd, values.series),
        out,
        slotMinutes,
        timezone,
        maps,
        values['ignore-offsets'] === true,
        io,
      );
    }
    if (positionals.length !== 1) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: give one VISITS file or directory (or --series FILE), got ${positionals.length}`,
      );
    }
    if (values['ignore-offsets'] === true) {
      throw new QueuecastError('USAGE', `queuecast ${NAME}: --ignore-offsets applies to --series only`);
    }
    const m = slotMinutes ?? 30;
    if (![5, 10, 15, 30, 60].includes(m)) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --slot-minutes must be 5, 10, 15, 30 or 60, got ${m}`,
      );
    }
    let source = resolve(io.cwd, positionals[0]);
    if (existsSync(source) && statSync(source).isDirectory()) {
      const parquet = join(source, 'visits.parquet');
      if (!existsSync(parquet)) {
        throw new QueuecastError(
          'FILE_NOT_FOUND',
          `queuecast ${NAME}: ${source} is a directory without visits.parquet (write one with queuecast ingest --out DIR)`,
        );
      }
      source = parquet;
    }
    const calendarName = values.calendar ?? 'cn';
    const calendar = createCalendar({ timezone, holidays: loadHolidayCalendar(calendarName) });
    const { ingestVisits } = await import('../../ingest/index.js');
    const progress = new Progress(io, 'reading visits');
    const ingested = await ingestVisits(source, {
      timezone,
      ...(values.preset !== undefined && { preset: values.preset }),
      ...(maps.length > 0 && { columns: Object.fromEntries(maps) }),
      onProgress: (f) => progress.update(Math.round(f * 100), 100),
    });
    progress.done();
    const history = aggregateVisits(ingested.visits.toArray(), {
      calendar,
      slotMinutes: m as SlotMinutes,
      ...(values.from !== undefined && { from: values.from }),
      ...(values.to !== undefined && { to: values.to }),
    });
    const where = writeOut(history, out, io);
    const s = ingested.summary;
    const rejected = Object.entries(s.rejectedByCode)
      .filter(([, k]) => k > 0)
      .map(([code, k]) => `${code} ${n(k)}`);
    const report = out === '-' ? io.stderr : io.stdout;
    for (const w of history.warnings) io.stderr.write(`queuecast ${NAME}: warning: ${w}\n`);
    report.write(
      `${[
        `ingest ${s.source}: ${n(s.inputRows)} rows, ${n(s.accepted)} accepted, ${n(s.rejected)} rejected` +
          (rejected.length > 0 ? ` (${rejected.join(', ')})` : ''),
        visitsSummary(history, calendarName),
        `wrote ${where}`,
      ].join('\n')}\n`,
    );
    return 0;
  },
};
