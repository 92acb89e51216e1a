import { resolve } from 'node:path';
import { whatIf } from '../../capacity/what-if.js';
import { parseWhatIfChange, type WhatIfChange } from '../../capacity/what-if-change.js';
import { QueuecastError } from '../../errors.js';
import { parseScenario } from '../../scenario/scenario.js';
import { type CliCommand, formatTable, parseCommandArgs, requireOption } from '../command.js';
import {
  capacityOptionSpec,
  capacityOptions,
  readJsonInput,
  runWithJsonErrors,
  wantsJsonErrors,
  writeJsonOutput,
} from '../json-io.js';

const NAME = 'whatif';

const usage = `Usage: queuecast whatif --scenario FILE --change KIND=VALUE [--change …] [--out FILE]
                        [--objective min-staff|max-service] [--walk-in-quantile p80] [--walk-in-reserve 0.3]
                        [--overbook] [--json-errors]

Re-plan the centre with the changes applied and compare with the base plan: staff-minutes, service levels and
appointment capacity side by side, in total and per service. Writes the What-if result JSON (schema
schemas/whatif-result.schema.json); with --out FILE, prints a table instead.

  --scenario FILE        Scenario JSON, or - for stdin
  --change KIND=VALUE    a change, applied in order; repeat for several:
                           walk-ins=+20%  walk-ins.tax=+20%  appointments=-10%  demand=+5%  demand.tax=+5%
                           counters=+1  counters=+1:tax,permits  counters=-1  close-counter=C03
                           staff=+2  staff=+1:tax  staff=-1  remove-staff=S07
                           target=0.9/600  target.tax=0.9/600  target.tax=mean:300
  --out FILE             where to write the JSON; - or absent: stdout
  --objective O          the allocator's objective: min-staff (default: extra staff is used only where the base
                         falls short) or max-service (everyone available works)
  --walk-in-quantile Q   capacity: expected, p10, p50, p80 (default), p90 or p95
  --walk-in-reserve S    capacity: share of each slot kept for walk-ins (default 0.3)
  --overbook             capacity: overbook by the no-show rate
  --json-errors          report errors as JSON on stdout (always on when the scenario is stdin); the exit status
                         is 2 for a usage error (a bad --change: input "changes", path [its index]), 1 otherwise

Example:
  queuecast whatif --scenario scenario.json --change walk-ins=+20% --change counters=+1 --objective max-service`;

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/** `queuecast whatif`: re-plan with changes and compare with the base. */
export const command: CliCommand = {
  name: NAME,
  summary:
    'what if: re-plan with more or fewer counters or staff, other targets or demand; compare with the base',
  usage,
  async run(argv, io) {
    return runWithJsonErrors(NAME, io, wantsJsonErrors(argv, ['scenario']), async () => {
      const { values } = parseCommandArgs(NAME, argv, {
        scenario: { type: 'string' },
        change: { type: 'string', multiple: true },
        out: { type: 'string', default: '-' },
        objective: { type: 'string', default: 'min-staff' },
        ...capacityOptionSpec,
        'json-errors': { type: 'boolean', default: false },
      });
      const scenarioPath = requireOption(NAME, values.scenario, 'scenario');
      const texts = values.change ?? [];
      if (texts.length === 0)
        throw new QueuecastError('USAGE', `queuecast ${NAME}: give at least one --change KIND=VALUE`);
      const changes: WhatIfChange[] = texts.map((text, i) => {
        try {
          return parseWhatIfChange(text);
        } catch (e) {
          throw new QueuecastError('USAGE', `queuecast ${NAME}: --change ${(e as Error).message}`, [
            'changes',
            i,
          ]);
        }
      });
      const objective = values.objective;
      if (objective !== 'min-staff' && objective !== 'max-service') {
        throw new QueuecastError(
          'USAGE',
          `queuecast ${NAME}: --objective must be min-staff or max-service, got ${JSON.stringify(objective)}`,
          ['options', 'objective'],
        );
      }
      const { scenario, warnings } = await readJsonInput(NAME, io, scenarioPath, 'scenario', parseScenario);
      const result = whatIf(scenario, changes, {
        allocate: { objective },
        capacity: capacityOptions(NAME, values),
      });
      const out = values.out ?? '-';
      writeJsonOutput(io, out, result);
      for (const w of [...warnings, ...result.warnings])
        io.stderr.write(`queuecast ${NAME}: warning: ${w}\n`);
      if (out !== '-') {
        const { base, changed } = result;
        const rows: (string | number)[][] = [
          ['status', base.status, changed.status],
          ['staff-minutes', base.staffMinutes, changed.staffMinutes],
          ['counter-minutes', base.counterMinutes, changed.counterMinutes],
          ['targets met', pct(base.targetsMetFraction), pct(changed.targetsMetFraction)],
          ['service level', pct(base.serviceLevel), pct(changed.serviceLevel)],
          ['appointments', base.maxAppointments, changed.maxAppointments],
          ...result.services.map((s) => [
            `${s.service}: service level / appointments`,
            `${pct(s.base.serviceLevel)} / ${s.base.maxAppointments}`,
            `${pct(s.changed.serviceLevel)} / ${s.changed.maxAppointments}`,
          ]),
        ];
        io.stdout.write(`${formatTable(['', 'base', 'changed'], rows)}\nwrote ${resolve(io.cwd, out)}\n`);
      }
      return 0;
    });
  },
};
