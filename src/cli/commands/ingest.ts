import { resolve } from 'node:path';
import { QueuecastError } from '../../errors.js';
import {
  type IngestOptions,
  ingestPresets,
  ingestVisitsToFiles,
  REJECT_CODES,
  TIME_FIELDS,
  type TimeField,
  VISIT_FIELDS,
  type VisitField,
} from '../../ingest/index.js';
import {
  type CliCommand,
  type CliIO,
  formatTable,
  numberOption,
  Progress,
  parseCommandArgs,
  requireOption,
} from '../command.js';

const usage = `Usage: queuecast ingest FILE --out DIR [options]

Validate visit records (CSV, TSV, Parquet or JSON lines), quarantine bad rows with a reason, drop personal
identifiers, and write DIR/visits.parquet (accepted visits), DIR/rejected.csv (original fields + reason) and
DIR/summary.json. Prints the summary.

Options:
  --out DIR                  output directory (created if needed)            (required)
  --map FIELD=COLUMN         read visit field FIELD from source column COLUMN; repeatable
                             (fields: ${VISIT_FIELDS.join(', ')})
  --preset NAME              a named source layout (${Object.keys(ingestPresets).join(', ')})
  --timezone TZ              IANA time zone of times without an offset (default Asia/Shanghai)
  --delimiter C              CSV field delimiter (default , and tab for .tsv); \\t for tab
  --time-format FIELD=FMT    strptime format of a time field (e.g. arrived_at=%d/%m/%Y %H:%M); repeatable
  --max-duration-hours N     longest plausible wait or handling time (default 12)
  --json                     print the summary as JSON instead of a table

Exit status: 0 when the file was read (rejected rows are data, not failure); 1 with one error line naming the
file, the line and the rule when it cannot be read (missing, empty, truncated, wrong delimiter, no times).`;

function pairs(command: string, flag: string, values: readonly string[] | undefined): [string, string][] {
  return (values ?? []).map((v) => {
    const i = v.indexOf('=');
    if (i <= 0 || i === v.length - 1) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${command}: --${flag} takes NAME=VALUE, got ${JSON.stringify(v)}`,
      );
    }
    return [v.slice(0, i), v.slice(i + 1)];
  });
}

function printSummary(io: CliIO, r: Awaited<ReturnType<typeof ingestVisitsToFiles>>): void {
  const s = r.summary;
  const lines = [
    `ingest: ${s.source}${s.preset === null ? '' : ` (preset ${s.preset})`}, times in ${s.timezone}`,
    `rows ${s.inputRows}: accepted ${s.accepted}, rejected ${s.rejected}`,
  ];
  const rejected = REJECT_CODES.filter((c) => s.rejectedByCode[c] > 0).map(
    (c) => [c, s.rejectedByCode[c]] as const,
  );
  if (rejected.length > 0) lines.push('', formatTable(['rejected because', 'rows'], rejected));
  lines.push(
    '',
    formatTable(
      ['field', 'from'],
      Object.entries(s.mapping).map(([f, c]) => [
        f,
        `${c}${s.timeFormats[f as TimeField] ? ` [${s.timeFormats[f as TimeField]}]` : ''}`,
      ]),
    ),
  );
  if (s.personalData.length > 0) {
    lines.push(
      '',
      formatTable(
        ['personal data', 'kind', 'action', 'why'],
        s.personalData.map((p) => [p.column, p.kind, p.action, p.reason]),
      ),
    );
  }
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  lines.push('', `wrote ${r.files.visits}, ${r.files.rejected}, ${r.files.summary}`);
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** `queuecast ingest FILE --out DIR`: validate visits and write Parquet, rejected rows and a summary. */
export const command: CliCommand = {
  name: 'ingest',
  summary: 'validate visit records, quarantine bad rows, drop personal identifiers',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      'ingest',
      argv,
      {
        out: { type: 'string' },
        map: { type: 'string', multiple: true },
        preset: { type: 'string' },
        timezone: { type: 'string' },
        delimiter: { type: 'string' },
        'time-format': { type: 'string', multiple: true },
        'max-duration-hours': { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (positionals.length !== 1) {
      throw new QueuecastError('USAGE', `queuecast ingest: expected one FILE, got ${positionals.length}`);
    }
    const out = requireOption('ingest', values.out, 'out');
    const columns: Partial<Record<VisitField, string>> = {};
    for (const [field, column] of pairs('ingest', 'map', values.map)) {
      if (!VISIT_FIELDS.includes(field as VisitField)) {
        throw new QueuecastError(
          'USAGE',
          `queuecast ingest: --map names unknown field ${JSON.stringify(field)} (fields: ${VISIT_FIELDS.join(', ')})`,
        );
      }
      columns[field as VisitField] = column;
    }
    const timeFormats: Partial<Record<TimeField, string>> = {};
    for (const [field, format] of pairs('ingest', 'time-format', values['time-format'])) {
      if (!TIME_FIELDS.includes(field as TimeField)) {
        throw new QueuecastError(
          'USAGE',
          `queuecast ingest: --time-format names unknown time field ${JSON.stringify(field)} (${TIME_FIELDS.join(', ')})`,
        );
      }
      timeFormats[field as TimeField] = format;
    }
    const progress = new Progress(io, 'ingest');
    const options: IngestOptions = {
      preset: values.preset,
      timezone: values.timezone,
      delimiter: values.delimiter === '\\t' ? '\t' : values.delimiter,
      maxDurationHours: numberOption('ingest', values['max-duration-hours'], 'max-duration-hours'),
      ...(Object.keys(columns).length > 0 ? { columns } : {}),
      ...(Object.keys(timeFormats).length > 0 ? { timeFormats } : {}),
      onProgress: (f) => progress.update(Math.round(f * 1000), 1000),
    };
    try {
      const r = await ingestVisitsToFiles(resolve(io.cwd, positionals[0]), resolve(io.cwd, out), options);
      progress.done();
      if (values.json === true)
        io.stdout.write(`${JSON.stringify({ ...r.summary, warnings: r.warnings }, null, 2)}\n`);
      else printSummary(io, r);
      return 0;
    } finally {
      progress.done();
    }
  },
};
