import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlan } from '../../allocate/index.js';
import { appointmentCapacity } from '../../capacity/appointment-capacity.js';
import { type JsonErrorInput, toJsonError } from '../../capacity/json-error.js';
import type { WalkInQuantile } from '../../capacity/types.js';
import { QueuecastError } from '../../errors.js';
import { parseScenario } from '../../scenario/scenario.js';
import { type CliCommand, type CliIO, numberOption, parseCommandArgs, requireOption } from '../command.js';

const NAME = 'capacity';

const usage = `Usage: queuecast capacity --scenario FILE --plan FILE [--out FILE] [--walk-in-quantile p80]
                          [--walk-in-reserve 0.3] [--overbook] [--json-errors]

How many appointments the booking system may release per service and slot so that the plan still meets every
target for walk-ins and appointment holders: walk-ins at a forecast quantile, the expected no-shows allowed for,
a share of each slot kept for walk-ins, each slot's leftover queue carried into the next. Scenario appointment
rows' "booked" are bookings already made. Writes the Capacity JSON: "capacity" (one row per service and slot:
maxAppointments, booked, remaining, expectedShows, expectedWalkIns, walkInReserve, predicted service levels, limit)
and "summary". Its JSON Schema is schemas/capacity-result.schema.json in the package.

  --scenario FILE          Scenario JSON, or - for stdin
  --plan FILE              Plan JSON (the output of queuecast plan), or - for stdin (one input at most)
  --out FILE               where to write the Capacity JSON; - or absent: stdout
  --walk-in-quantile Q     expected, p10, p50, p80 (default), p90 or p95 of the walk-in demand rows
  --walk-in-reserve S      share of each slot's customers kept for walk-ins, 0–1 (default 0.3)
  --overbook               release floor(shows / (1 − noShowRate)) instead of floor(shows)
  --json-errors            report errors as JSON (always on when an input is stdin)

Errors: with --json-errors, or when an input is read from stdin, an error is one JSON document on stdout
  {"error":{"code":"INVALID_INPUT","input":"scenario","path":["services",0,"ahtSeconds"],"message":"…"}}
(schema: schemas/error.schema.json) and the same message as a line on stderr; the exit status is 2 for a usage
error and 1 for any other. Otherwise an error is one line on stderr.

Examples:
  queuecast capacity --scenario scenario.json --plan plan.json --out capacity.json
  cat plan.json | queuecast capacity --scenario scenario.json --plan - --walk-in-quantile p90 > capacity.json`;

const QUANTILES: readonly WalkInQuantile[] = ['expected', 'p10', 'p50', 'p80', 'p90', 'p95'];

/** Tag a QueuecastError from reading one input with that input's name in front of its path. */
function tagged(input: JsonErrorInput, e: unknown): unknown {
  if (!(e instanceof QueuecastError)) return e;
  return new QueuecastError(e.code, e.message, [input, ...(e.path ?? [])]);
}

/** Read all of stdin as text. */
export async function readStdin(io: CliIO): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/**
 * Read and parse one JSON input, a file or `-` for stdin, and hand it to `parse`; any error comes back tagged with
 * the input's name (see {@link toJsonError}).
 */
export async function readJsonInput<T>(
  command: string,
  io: CliIO,
  path: string,
  input: JsonErrorInput,
  parse: (value: unknown) => T,
): Promise<T> {
  let text: string;
  if (path === '-') text = await readStdin(io);
  else {
    try {
      text = readFileSync(resolve(io.cwd, path), 'utf8');
    } catch {
      throw tagged(
        input,
        new QueuecastError(
          'FILE_NOT_FOUND',
          `queuecast ${command}: cannot read ${input} ${JSON.stringify(path)}`,
        ),
      );
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const where = path === '-' ? 'stdin' : path;
    throw tagged(
      input,
      new QueuecastError(
        'INVALID_INPUT',
        `queuecast ${command}: ${input} ${where} is not JSON: ${(e as Error).message}`,
      ),
    );
  }
  try {
    return parse(value);
  } catch (e) {
    throw tagged(input, e);
  }
}

/** Write a JSON document to `out` (a file, or `-` for stdout). */
export function writeJsonOutput(io: CliIO, out: string, value: unknown): void {
  const text = `${JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
  if (out === '-') io.stdout.write(text);
  else writeFileSync(resolve(io.cwd, out), text);
}

/** Whether errors are JSON: `--json-errors`, or an input option given as `-` (stdin). */
export function wantsJsonErrors(argv: readonly string[], inputs: readonly string[]): boolean {
  if (argv.includes('--json-errors')) return true;
  return argv.some((a, i) =>
    inputs.some((name) => (a === `--${name}` && argv[i + 1] === '-') || a === `--${name}=-`),
  );
}

/**
 * Run a command body; in JSON-error mode an error becomes the JSON error document on stdout (and its message on
 * stderr), with exit status 2 for usage errors and 1 otherwise. Without it, errors propagate to the CLI's usual
 * one-line report.
 */
export async function runWithJsonErrors(
  command: string,
  io: CliIO,
  json: boolean,
  body: () => Promise<number>,
): Promise<number> {
  if (!json) return body();
  try {
    return await body();
  } catch (e) {
    const doc = toJsonError(e);
    io.stdout.write(`${JSON.stringify(doc)}\n`);
    io.stderr.write(`queuecast ${command}: error [${doc.error.code}] ${doc.error.message}\n`);
    return doc.error.code === 'USAGE' ? 2 : 1;
  }
}

/** `queuecast capacity`: the Capacity JSON of a scenario and plan. */
export const command: CliCommand = {
  name: NAME,
  summary:
    'appointments the booking system may release per service and slot (Capacity JSON, stdin/stdout capable)',
  usage,
  async run(argv, io) {
    return runWithJsonErrors(NAME, io, wantsJsonErrors(argv, ['scenario', 'plan']), async () => {
      const { values } = parseCommandArgs(NAME, argv, {
        scenario: { type: 'string' },
        plan: { type: 'string' },
        out: { type: 'string', default: '-' },
        'walk-in-quantile': { type: 'string', default: 'p80' },
        'walk-in-reserve': { type: 'string' },
        overbook: { type: 'boolean', default: false },
        'json-errors': { type: 'boolean', default: false },
      });
      const scenarioPath = requireOption(NAME, values.scenario, 'scenario');
      const planPath = requireOption(NAME, values.plan, 'plan');
      if (scenarioPath === '-' && planPath === '-') {
        throw new QueuecastError(
          'USAGE',
          `queuecast ${NAME}: only one of --scenario and --plan can be - (stdin)`,
        );
      }
      const quantile = values['walk-in-quantile'] as WalkInQuantile;
      if (!QUANTILES.includes(quantile)) {
        throw new QueuecastError(
          'USAGE',
          `queuecast ${NAME}: --walk-in-quantile must be one of ${QUANTILES.join(', ')}, got ${JSON.stringify(quantile)}`,
          ['options', 'walkInQuantile'],
        );
      }
      const reserve = numberOption(NAME, values['walk-in-reserve'], 'walk-in-reserve') ?? 0.3;
      if (!(reserve >= 0 && reserve <= 1)) {
        throw new QueuecastError(
          'USAGE',
          `queuecast ${NAME}: --walk-in-reserve must be in [0, 1], got ${reserve}`,
          ['options', 'walkInReserveShare'],
        );
      }
      const { scenario, warnings } = await readJsonInput(NAME, io, scenarioPath, 'scenario', parseScenario);
      const plan = await readJsonInput(NAME, io, planPath, 'plan', parsePlan);
      const result = appointmentCapacity(scenario, plan, {
        walkInQuantile: quantile,
        walkInReserveShare: reserve,
        overbook: values.overbook,
      });
      const out = values.out ?? '-';
      writeJsonOutput(io, out, result);
      for (const w of [...warnings, ...result.warnings])
        io.stderr.write(`queuecast ${NAME}: warning: ${w}\n`);
      if (out !== '-') {
        const s = result.summary;
        io.stdout.write(
          `${s.maxAppointments} appointments in ${result.capacity.length} service-slots (${s.remaining} still open, ${s.booked} booked); ` +
            `${s.shortSlots} slot(s) where walk-ins alone miss the target; wrote ${resolve(io.cwd, out)}\n`,
        );
      }
      return 0;
    });
  },
};
