import { closeSync, openSync, writeSync } from 'node:fs';
import { QueuecastError } from '../errors.js';
import { csvField } from '../history/csv.js';
import {
  type GenerateSummary,
  type GenerateVisitsOptions,
  prepareRun,
  summarise,
} from './generate-visits.js';
import { generateDay, sampleVisitColumns } from './hall-model.js';

/** Options of {@link writeSampleVisitsCsv}: the generator's, plus a progress callback. */
export interface WriteSampleVisitsOptions extends GenerateVisitsOptions {
  /** Called after each generated date with the dates done and the total. */
  readonly onProgress?: (doneDays: number, totalDays: number) => void;
}

/**
 * Generate the sample hall's visits (see {@link generateVisits}) and stream them to `path` as a Visits CSV
 * (DESIGN.md) with `notes` and `customer_name` columns, times ISO 8601 with the +08:00 offset. Rows are written
 * date by date, so memory stays flat whatever the period. Returns the summary.
 *
 * @example
 * writeSampleVisitsCsv('visits.csv', { seed: 2026 }).rows; // => about 300,000
 */
export function writeSampleVisitsCsv(path: string, options: WriteSampleVisitsOptions = {}): GenerateSummary {
  const run = prepareRun(options, 'writeSampleVisitsCsv');
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new QueuecastError(
      'FILE_NOT_FOUND',
      `writeSampleVisitsCsv: cannot write ${path}: ${(e as Error).message}`,
    );
  }
  try {
    let chunk = `${sampleVisitColumns.join(',')}\n`;
    run.dates.forEach((date, i) => {
      for (const r of generateDay(run.hall, date, run.tally)) {
        chunk += `${sampleVisitColumns.map((c) => (r[c] === null ? '' : csvField(r[c]))).join(',')}\n`;
      }
      if (chunk.length > 1 << 16) {
        writeSync(fd, chunk);
        chunk = '';
      }
      options.onProgress?.(i + 1, run.dates.length);
    });
    if (chunk !== '') writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return summarise(run);
}
