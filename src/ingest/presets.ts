import { QueuecastError } from '../errors.js';
import type { IngestPreset } from './ingest-options.js';

/**
 * The "Anonymous Bank" call-centre records (Technion SEE Lab; Brown et al. 2005, JASA 100:36): one row per call,
 * tab-separated, CRLF, date `yymmdd` and times `h:mm:ss` in separate columns, Israel local time.
 *
 * Decisions (see ../shared/datasets/SOURCES.md):
 * - visit id = `vru+line` + `call_id` (call ids repeat across VRU lines; the pair is unique);
 * - service = `type`; channel = `walk_in` (nobody books a call);
 * - arrival = `q_start`, the call joining the agents' queue; a call that never queued (`q_start` 0:00:00) and
 *   was answered arrives when answered (`ser_start`, a zero wait). A call that never queued and never reached an
 *   agent hung up inside the voice menu: it was no demand on the agents, and is rejected as `missing_time`
 *   (`q_start` and `ser_start` empty);
 * - called = `ser_start`, completed = `ser_exit`; 0:00:00 means "no time" in every column;
 * - outcome `AGENT` = served, `HANG` = abandoned, `PHANTOM` = rejected with the reason "phantom call";
 * - staff = `server` (`NO_SERVER` = none); `customer_id` is a personal identifier and is dropped;
 * - a time more than 12 hours before `vru_entry` is on the next day (calls crossing midnight).
 *
 * @example
 * await ingestVisits('../shared/datasets/anonymous-bank-calls-1999-02.tsv', { preset: 'anonymous-bank' });
 */
export const anonymousBankPreset: IngestPreset = {
  name: 'anonymous-bank',
  description:
    'Anonymous Bank call-centre records (Israel, 1999): type = service, q_start (else ser_start) = arrival, ' +
    'ser_start = called, ser_exit = completed, AGENT = served, HANG = abandoned, PHANTOM rejected, ' +
    'customer_id dropped; times Asia/Jerusalem',
  format: 'tsv',
  delimiter: '\t',
  timezone: 'Asia/Jerusalem',
  columns: {
    visit_id: { concat: ['vru+line', 'call_id'], separator: '-' },
    service: 'type',
    channel: { value: 'walk_in' },
    arrived_at: { coalesce: ['q_start', 'ser_start'] },
    called_at: 'ser_start',
    completed_at: 'ser_exit',
    outcome: 'outcome',
    staff: 'server',
  },
  dateColumn: { column: 'date', format: '%y%m%d', anchorColumn: 'vru_entry' },
  nullValues: ['', '0:00:00', 'NO_SERVER'],
  outcomeValues: { AGENT: 'served', HANG: 'abandoned', PHANTOM: { exclude: 'phantom call' } },
  personalColumns: ['customer_id'],
};

/**
 * Presets by name, for `ingestVisits(file, { preset: name })`; see {@link ingestPreset}.
 *
 * @example
 * Object.keys(ingestPresets); // => ['anonymous-bank']
 * ingestPresets['anonymous-bank'].timezone; // => 'Asia/Jerusalem'
 */
export const ingestPresets: Readonly<Record<string, IngestPreset>> = {
  [anonymousBankPreset.name]: anonymousBankPreset,
};

/**
 * The preset called `name`; throws INVALID_ARGUMENT naming the known presets otherwise.
 *
 * @example
 * ingestPreset('anonymous-bank').timezone; // => 'Asia/Jerusalem'
 */
export function ingestPreset(name: string): IngestPreset {
  const p = ingestPresets[name];
  if (p === undefined) {
    throw new QueuecastError(
      'INVALID_ARGUMENT',
      `ingest: unknown preset ${JSON.stringify(name)} (known: ${Object.keys(ingestPresets).join(', ')})`,
    );
  }
  return p;
}
