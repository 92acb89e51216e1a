import { resolve } from 'node:path';
import { parsePlan } from '../../allocate/index.js';
import { appointmentCapacity } from '../../capacity/appointment-capacity.js';
import { QueuecastError } from '../../errors.js';
import { parseScenario } from '../../scenario/scenario.js';
import { type CliCommand, parseCommandArgs, requireOption } from '../command.js';
import {
  capacityOptionSpec,
  capacityOptions,
  readJsonInput,
  runWithJsonErrors,
  wantsJsonErrors,
  writeJsonOutput,
} from '../json-io.js';

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
        ...capacityOptionSpec,
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
      const capacity = capacityOptions(NAME, values);
      const { scenario, warnings } = await readJsonInput(NAME, io, scenarioPath, 'scenario', parseScenario);
      const plan = await readJsonInput(NAME, io, planPath, 'plan', parsePlan);
      const result = appointmentCapacity(scenario, plan, capacity);
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
