import { relative, resolve } from 'node:path';
import { QueuecastError } from '../../errors.js';
import { buildReport } from '../../report/build-report.js';
import { readReportInputs } from '../../report/read-report-inputs.js';
import { reportKeyNumbers } from '../../report/report-key-numbers.js';
import {
  type CliCommand,
  formatTable,
  numberOption,
  Progress,
  parseCommandArgs,
  requireOption,
} from '../command.js';

const DATA_FILES = ['forecast', 'history', 'requirements', 'plan', 'simulation', 'capacity'] as const;

const usage = `Usage: queuecast report --out DIR [--forecast FILE] [--history FILE] [--requirements FILE]
                        [--plan FILE] [--simulation FILE] [--capacity FILE] [--scenario FILE]
                        [--centre ID] [--timezone TZ] [--scale N]

Build the report of a run from its files (DESIGN.md formats) into DIR:
  DIR/report.html   one self-contained page (charts, key numbers, plan tables; no network needed)
  DIR/<chart>.png   one PNG per chart
  DIR/plan.csv, DIR/plan.json   the plan, when --plan is given

Options:
  --out DIR            folder to write into (created when missing)
  --forecast FILE      forecast CSV: series keys, slot_start, mean, p05, p10, p50, p90, p95
  --history FILE       history CSV of actual arrivals (forecast accuracy, forecast chart)
  --requirements FILE  staffing requirements CSV: service, slot_start, servers
  --plan FILE          plan JSON
  --simulation FILE    simulation result JSON
  --capacity FILE      appointment capacity JSON
  --scenario FILE      scenario JSON: centre, time zone, service names and targets
  --centre ID          centre id when there is no scenario
  --timezone TZ        IANA time zone when there is no scenario (default Asia/Shanghai)
  --scale N            pixel density of the PNGs (default 2)

Chinese service names need a CJK font for the PNGs (Debian: apt-get install -y fonts-noto-cjk).`;

/** `queuecast report`: build the HTML report, PNGs and plan files of a run. */
export const command: CliCommand = {
  name: 'report',
  summary: 'build the self-contained HTML report, chart PNGs and plan CSV/JSON of a run',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs('report', argv, {
      out: { type: 'string' },
      forecast: { type: 'string' },
      history: { type: 'string' },
      requirements: { type: 'string' },
      plan: { type: 'string' },
      simulation: { type: 'string' },
      capacity: { type: 'string' },
      scenario: { type: 'string' },
      centre: { type: 'string' },
      timezone: { type: 'string' },
      scale: { type: 'string' },
    });
    const out = resolve(io.cwd, requireOption('report', values.out, 'out'));
    if (!DATA_FILES.some((k) => values[k] !== undefined)) {
      throw new QueuecastError(
        'USAGE',
        `queuecast report: give at least one of ${DATA_FILES.map((k) => `--${k}`).join(', ')}`,
      );
    }
    const scale = numberOption('report', values.scale, 'scale');
    const path = (p: string | undefined) => (p === undefined ? undefined : resolve(io.cwd, p));
    const { data, warnings } = readReportInputs(
      {
        forecast: path(values.forecast),
        history: path(values.history),
        requirements: path(values.requirements),
        plan: path(values.plan),
        simulation: path(values.simulation),
        capacity: path(values.capacity),
        scenario: path(values.scenario),
      },
      {
        ...(values.centre === undefined ? {} : { centreId: values.centre }),
        ...(values.timezone === undefined ? {} : { timezone: values.timezone }),
      },
    );
    const progress = new Progress(io, 'report');
    const result = await buildReport(data, {
      outDir: out,
      ...(scale === undefined ? {} : { pngScale: scale }),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.done();
    for (const w of [...warnings, ...result.warnings]) io.stderr.write(`queuecast report: warning: ${w}\n`);
    const keyNumbers = reportKeyNumbers(data);
    if (keyNumbers.length > 0) {
      io.stdout.write(
        `${formatTable(
          ['key number', 'value'],
          keyNumbers.map((k) => [k.label, k.display]),
        )}\n\n`,
      );
    }
    io.stdout.write(`wrote ${result.files.length} files to ${relative(io.cwd, out) || '.'}:\n`);
    for (const f of result.files) io.stdout.write(`  ${relative(out, f)}\n`);
    return 0;
  },
};
