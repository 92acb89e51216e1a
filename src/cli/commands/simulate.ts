import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plan } from '../../allocate/plan.js';
import { QueuecastError } from '../../errors.js';
import { parseScenario } from '../../scenario/scenario.js';
import { type ServersRow, simulate } from '../../simulate/index.js';
import {
  type CliCommand,
  formatTable,
  numberOption,
  Progress,
  parseCommandArgs,
  readJsonFile,
  requireOption,
} from '../command.js';

const NAME = 'simulate';

const usage = `Usage: queuecast simulate --scenario FILE --plan FILE --out FILE [--replications 100] [--seed 1]
                          [--service-time lognormal|gamma] [--over-dispersion none|daily-gamma|p90]
                          [--appointments expected|booked]

Discrete-event simulation of a plan as DESIGN.md says it is operated (priority rule, longest-idle counter, people
finishing their customer before moving, ticket stops with overtime, walk-in abandonment), against random demand.
Writes the Simulation result JSON (per service, channel and slot: arrivals, served, abandoned, waits, service level
with 95 % confidence half-widths; queue lengths, counter utilisation, overtime, and the plan's expected values
against the simulation) and prints one line per service.

  --scenario FILE        Scenario JSON (services, demand, priority)
  --plan FILE            Plan JSON, or a JSON array of { service | services, slotStart, servers } rows
  --out FILE             where to write the result JSON
  --replications N       independent replications (default 100)
  --seed S               seed; equal seeds give identical results (default 1)
  --service-time F       lognormal (default) or gamma, from ahtSeconds and serviceCv
  --over-dispersion M    none (default, Poisson walk-ins), daily-gamma, or p90 (negative binomial from p90)
  --appointments M       expected (default: Poisson holders who come) or booked (binomial with noShowRate)

Example:
  queuecast simulate --scenario scenario.json --plan plan.json --replications 200 --out simulation.json`;

function choice<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!allowed.includes(value as T)) {
    throw new QueuecastError(
      'USAGE',
      `queuecast ${NAME}: --${option} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/** `queuecast simulate`: run a plan against random demand and write the Simulation result JSON. */
export const command: CliCommand = {
  name: NAME,
  summary: 'simulate a plan against random demand: waits, service levels with confidence intervals, overtime',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      scenario: { type: 'string' },
      plan: { type: 'string' },
      out: { type: 'string' },
      replications: { type: 'string' },
      seed: { type: 'string' },
      'service-time': { type: 'string', default: 'lognormal' },
      'over-dispersion': { type: 'string', default: 'none' },
      appointments: { type: 'string', default: 'expected' },
    });
    const scenarioPath = resolve(io.cwd, requireOption(NAME, values.scenario, 'scenario'));
    const planPath = resolve(io.cwd, requireOption(NAME, values.plan, 'plan'));
    const outPath = resolve(io.cwd, requireOption(NAME, values.out, 'out'));
    const replications = numberOption(NAME, values.replications, 'replications') ?? 100;
    if (!Number.isInteger(replications) || replications < 1) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --replications must be a positive integer, got ${values.replications}`,
      );
    }
    const seed = numberOption(NAME, values.seed, 'seed') ?? 1;
    const serviceTime = choice(values['service-time'], ['lognormal', 'gamma'] as const, 'service-time');
    const overDispersion = choice(
      values['over-dispersion'],
      ['none', 'daily-gamma', 'p90'] as const,
      'over-dispersion',
    );
    const appointments = choice(values.appointments, ['expected', 'booked'] as const, 'appointments');

    const { scenario, warnings } = parseScenario(readJsonFile(NAME, scenarioPath, 'scenario'));
    const planJson = readJsonFile(NAME, planPath, 'plan');
    if (
      !Array.isArray(planJson) &&
      (planJson === null || typeof planJson !== 'object' || !Array.isArray((planJson as Plan).assignments))
    ) {
      throw new QueuecastError(
        'INVALID_INPUT',
        `queuecast ${NAME}: plan ${planPath} needs an assignments array (or be an array of servers rows)`,
      );
    }
    const plan: Plan | ServersRow[] = Array.isArray(planJson)
      ? (planJson as ServersRow[])
      : { ...(planJson as Plan), expected: (planJson as Partial<Plan>).expected ?? [] };

    const progress = new Progress(io, 'simulate');
    const started = Date.now();
    const result = simulate(scenario, plan, {
      replications,
      seed,
      serviceTime,
      overDispersion,
      appointments,
      onProgress: (done, total) => progress.update(done, total, 'replications'),
    });
    progress.done();
    const seconds = (Date.now() - started) / 1000;
    writeFileSync(outPath, `${JSON.stringify(result, null, 2)}\n`);
    for (const w of [...warnings, ...result.warnings]) io.stderr.write(`queuecast ${NAME}: warning: ${w}\n`);

    const rows = result.services.map((s) => [
      s.service,
      s.arrivals,
      pct(s.serviceLevel),
      s.serviceLevelCI === null ? '—' : `±${(100 * s.serviceLevelCI).toFixed(1)}`,
      s.meanWaitSeconds === null ? '—' : Math.round(s.meanWaitSeconds),
      s.p90WaitSeconds === null ? '—' : Math.round(s.p90WaitSeconds),
      pct(s.abandonShare),
    ]);
    io.stdout.write(
      `${formatTable(['service', 'arrivals', 'service level', '95% CI', 'mean wait s', 'p90 wait s', 'abandoned'], rows)}\n`,
    );
    const overtime = result.overtime.reduce((a, o) => a + o.meanOvertimeMinutes, 0);
    const inside =
      result.comparisonInsideShare === null
        ? ''
        : `; plan's expected service level inside the 95% CI in ${pct(result.comparisonInsideShare)} of slots`;
    io.stdout.write(
      `${replications} replications (seed ${seed}), ${result.customersSimulated.toLocaleString('en-US')} customers in ${seconds.toFixed(1)} s; ` +
        `overtime after ticket stops ${overtime.toFixed(1)} min in all${inside}; wrote ${outPath}\n`,
    );
    return 0;
  },
};
