import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AllocateObjective, type AllocateOptions, allocate } from '../../allocate/allocate.js';
import { loadHighs } from '../../allocate/load-highs.js';
import { planToJson } from '../../allocate/plan-json.js';
import { QueuecastError } from '../../errors.js';
import { parseScenario } from '../../scenario/scenario.js';
import {
  type CliCommand,
  formatTable,
  numberOption,
  parseCommandArgs,
  readJsonFile,
  requireOption,
} from '../command.js';

const NAME = 'plan';

const usage = `Usage: queuecast plan --scenario FILE --out FILE [--objective min-staff|max-service] [--exact]
                      [--time-limit SECONDS] [--priority appointments-first|fcfs] [--dedicated C01,C02]
                      [--switch-penalty MINUTES]

Plan counters, staff and shifts for a scenario: which counters open in each slot and which services each serves,
who sits where, each person's shift and break, the expected service level per service and slot, and every slot
and service that cannot meet its target (shortfalls, with the reason). Writes the Plan JSON and prints one line
per service.

  --scenario FILE         Scenario JSON (services with targets, counters, staff, shift rules, demand)
  --out FILE              where to write the Plan JSON
  --objective O           min-staff (default): fewest staff-minutes meeting every target;
                          max-service: best service with the staff available (everyone works)
  --exact                 also solve each day as an integer programme with HiGHS and keep the cheaper plan
                          (the exact reference; seconds to minutes, min-staff only)
  --time-limit SECONDS    HiGHS time limit over all days (default 60)
  --priority P            appointment priority for the queueing model (default: the scenario's)
  --dedicated IDS         counters that keep one service all day, comma-separated
  --switch-penalty MIN    staff-minutes a change of a one-stop counter's services between slots is worth (default 0)

Example:
  queuecast plan --scenario scenario.json --out plan.json`;

/** `queuecast plan`: counters, staff and shifts that meet the targets. */
export const command: CliCommand = {
  name: NAME,
  summary: 'plan counters, staff and shifts that meet every wait target at the fewest staff-minutes',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      scenario: { type: 'string' },
      out: { type: 'string' },
      objective: { type: 'string', default: 'min-staff' },
      exact: { type: 'boolean', default: false },
      'time-limit': { type: 'string' },
      priority: { type: 'string' },
      dedicated: { type: 'string' },
      'switch-penalty': { type: 'string' },
    });
    const scenarioPath = resolve(io.cwd, requireOption(NAME, values.scenario, 'scenario'));
    const outPath = resolve(io.cwd, requireOption(NAME, values.out, 'out'));
    const objective = values.objective as AllocateObjective;
    if (objective !== 'min-staff' && objective !== 'max-service') {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --objective must be min-staff or max-service, got ${JSON.stringify(values.objective)}`,
      );
    }
    if (values.exact && objective !== 'min-staff') {
      throw new QueuecastError('USAGE', `queuecast ${NAME}: --exact works with --objective min-staff only`);
    }
    const priority = values.priority;
    if (priority !== undefined && priority !== 'appointments-first' && priority !== 'fcfs') {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --priority must be appointments-first or fcfs, got ${JSON.stringify(priority)}`,
      );
    }
    const timeLimit = numberOption(NAME, values['time-limit'], 'time-limit');
    if (timeLimit !== undefined && !(timeLimit > 0)) {
      throw new QueuecastError('USAGE', `queuecast ${NAME}: --time-limit must be > 0, got ${timeLimit}`);
    }
    const penalty = numberOption(NAME, values['switch-penalty'], 'switch-penalty');
    if (penalty !== undefined && !(penalty >= 0)) {
      throw new QueuecastError('USAGE', `queuecast ${NAME}: --switch-penalty must be ≥ 0, got ${penalty}`);
    }
    const { scenario, warnings } = parseScenario(readJsonFile(NAME, scenarioPath, 'scenario'));
    const dedicated =
      values.dedicated === undefined
        ? []
        : values.dedicated
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    const known = new Set(scenario.counters.map((c) => c.id));
    for (const id of dedicated) {
      if (!known.has(id)) {
        throw new QueuecastError(
          'USAGE',
          `queuecast ${NAME}: --dedicated names an unknown counter, got ${JSON.stringify(id)}`,
        );
      }
    }
    const options: AllocateOptions = {
      objective,
      dedicatedCounters: dedicated,
      ...(priority !== undefined ? { priority } : {}),
      ...(penalty !== undefined ? { switchPenaltyMinutes: penalty } : {}),
      ...(timeLimit !== undefined ? { exactTimeLimitSeconds: timeLimit } : {}),
    };
    if (values.exact) {
      const highs = await loadHighs();
      Object.assign(options, { solver: 'both', highs });
    }
    const plan = allocate(scenario, options);
    writeFileSync(outPath, `${planToJson(plan)}\n`);
    for (const w of [...warnings, ...(plan.warnings ?? [])])
      io.stderr.write(`queuecast ${NAME}: warning: ${w}\n`);

    const rows = scenario.services.map((s) => {
      const mine = plan.expected.filter((e) => e.service === s.id);
      const arrivals = mine.reduce((a, e) => a + e.arrivals, 0);
      const peak = mine.reduce((a, e) => Math.max(a, e.servers), 0);
      const busy = mine.filter((e) => e.arrivals > 0);
      const worst = busy.length === 0 ? 1 : Math.min(...busy.map((e) => e.serviceLevel));
      const short = plan.shortfalls.filter((f) => f.service === s.id).length;
      return [
        s.id,
        Math.round(arrivals * 10) / 10,
        Math.round(peak * 100) / 100,
        Math.round(worst * 1000) / 1000,
        short,
      ];
    });
    io.stdout.write(
      `${formatTable(['service', 'arrivals', 'peak servers', 'lowest SL', 'short slots'], rows)}\n`,
    );
    const sm = plan.summary;
    io.stdout.write(
      `${plan.status}: ${plan.shifts.length} shifts, ${(sm.staffMinutes / 60).toFixed(1)} staff-hours ` +
        `(lower bound ${(sm.lowerBoundStaffMinutes / 60).toFixed(1)}), ${(sm.targetsMetFraction * 100).toFixed(1)}% of ` +
        `slot targets met, ${sm.solveMilliseconds.toFixed(0)} ms; wrote ${outPath}\n`,
    );
    return 0;
  },
};
