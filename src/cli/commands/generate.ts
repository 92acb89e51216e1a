import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { QueuecastError } from '../../errors.js';
import { defaultGenerateVisitsOptions, sampleCentre, writeSampleVisitsCsv } from '../../generate/index.js';
import { type CliCommand, numberOption, Progress, parseCommandArgs, requireOption } from '../command.js';

const NAME = 'generate';

const usage = `Usage: queuecast generate --out FILE [--seed N] [--days D] [--start YYYY-MM-DD] [--clean]

Generate the sample administrative service hall (政务服务中心 "${sampleCentre.id}", ${sampleCentre.timezone}): fifteen
services, appointments and walk-ins, holidays and make-up days of the mainland calendar, queues and waits, and a
few dirty rows (missing times, duplicate ids, called before arrived, an unknown channel, ID and mobile numbers in
notes) for ingest to catch. Writes a Visits CSV (DESIGN.md) and prints a summary. The same seed gives the same bytes.

  --out FILE           where to write the CSV
  --seed N             seed of every random stream (default ${defaultGenerateVisitsOptions.seed})
  --days D             calendar days to generate (default ${defaultGenerateVisitsOptions.days}: 52 weeks)
  --start YYYY-MM-DD   first date (default: the period ends on ${defaultGenerateVisitsOptions.end})
  --clean              leave out the dirty rows and personal data

Example:
  queuecast generate --seed 2026 --out datasets/sample-visits.csv`;

/** `queuecast generate`: write the sample service hall's visits. */
export const command: CliCommand = {
  name: NAME,
  summary: 'generate the sample service-hall visits (deterministic, seeded)',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      out: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      start: { type: 'string' },
      clean: { type: 'boolean' },
    });
    const out = resolve(io.cwd, requireOption(NAME, values.out, 'out'));
    const seed = numberOption(NAME, values.seed, 'seed');
    const days = numberOption(NAME, values.days, 'days');
    if (days !== undefined && !(Number.isInteger(days) && days >= 1)) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --days must be a positive integer, got ${JSON.stringify(values.days)}`,
      );
    }
    const progress = new Progress(io, 'generating');
    const started = Date.now();
    const summary = writeSampleVisitsCsv(out, {
      ...(seed !== undefined && { seed }),
      ...(days !== undefined && { days }),
      ...(values.start !== undefined && { start: values.start }),
      dirty: values.clean !== true,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.done();
    const seconds = (Date.now() - started) / 1000;
    const mb = statSync(out).size / 1e6;
    const d = summary.dirty;
    const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)} %` : '–');
    const kept = summary.appointments - summary.cancelled;
    io.stdout.write(
      `${[
        `wrote ${out} (${summary.rows.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB, ${seconds.toFixed(1)} s)`,
        `centre ${sampleCentre.id} (${sampleCentre.timezone}), seed ${summary.seed}, ${summary.from} to ${summary.to}: ` +
          `${summary.openDays} open days of ${summary.days}`,
        `visits: ${summary.walkIns.toLocaleString('en-US')} walk-ins, ` +
          `${summary.appointments.toLocaleString('en-US')} appointments ` +
          `(no-shows ${pct(summary.noShows, kept)} of kept bookings, cancelled ${pct(summary.cancelled, summary.appointments)})`,
        `outcomes: ${summary.served.toLocaleString('en-US')} served, ${summary.abandoned.toLocaleString('en-US')} abandoned ` +
          `(${pct(summary.abandoned, summary.arrivals)} of arrivals)`,
        values.clean === true
          ? 'dirty rows: none (--clean)'
          : `dirty rows: ${d.missingArrival} missing arrival, ${d.duplicateIds} duplicate id, ` +
            `${d.calledBeforeArrived} called before arrived, ${d.unknownChannel} unknown channel; ` +
            `personal data: ${d.residentIdNotes} ID numbers and ${d.mobileNotes} mobile numbers in notes, ` +
            `${d.customerNames} names`,
      ].join('\n')}\n`,
    );
    return 0;
  },
};
