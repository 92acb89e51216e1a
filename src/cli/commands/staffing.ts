import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { QueuecastError } from '../../errors.js';
import { parseScenario } from '../../scenario/scenario.js';
import { poolsFromCounters } from '../../staffing/pools-from-counters.js';
import { staffingRequirementsToCSV } from '../../staffing/requirements-csv.js';
import { staffingRequirements } from '../../staffing/staffing-requirements.js';
import type { ForecastQuantity, StaffingMethod } from '../../staffing/types.js';
import { type CliCommand, formatTable, parseCommandArgs, readJsonFile, requireOption } from '../command.js';

const NAME = 'staffing';

const usage = `Usage: queuecast staffing --scenario FILE --out FILE [--method mol|sipp] [--quantity mean|p50|p80|p90|p95]
                         [--pools counters|none] [--abandonment]

Servers needed per service (or pool of services sharing counters) per slot, for each service's target, from the
scenario's demand rows. Writes the requirements CSV (service, slot_start, servers, servers_integer[, pool]) and
prints one line per service or pool.

  --scenario FILE     Scenario JSON (services with targets, counters, demand)
  --out FILE          where to write the requirements CSV
  --method M          mol (default): modified offered load, carries work across slots — right for 10–15 minute
                      targets and handling times that are not short next to the slot;
                      sipp: each slot on its own (short handling, slowly changing demand)
  --quantity Q        forecast quantity to staff to: mean (default) or a quantile column such as p90
  --pools P           counters (default): services that share a counter form one queue; none: every service alone
  --abandonment       use Erlang A with walk-in patience (default: ignore abandonment, which errs towards more staff)

Example:
  queuecast staffing --scenario scenario.json --out requirements.csv --quantity p80`;

const METHODS: readonly StaffingMethod[] = ['mol', 'sipp'];
const QUANTITIES: readonly ForecastQuantity[] = ['mean', 'p05', 'p10', 'p50', 'p80', 'p90', 'p95'];

/** `queuecast staffing`: staffing requirements per service or pool and slot. */
export const command: CliCommand = {
  name: NAME,
  summary: 'servers needed per service (or pool) and slot for each target; writes the requirements CSV',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      scenario: { type: 'string' },
      out: { type: 'string' },
      method: { type: 'string', default: 'mol' },
      quantity: { type: 'string', default: 'mean' },
      pools: { type: 'string', default: 'counters' },
      abandonment: { type: 'boolean', default: false },
    });
    const scenarioPath = resolve(io.cwd, requireOption(NAME, values.scenario, 'scenario'));
    const outPath = resolve(io.cwd, requireOption(NAME, values.out, 'out'));
    const method = values.method as StaffingMethod;
    if (!METHODS.includes(method)) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --method must be mol or sipp, got ${JSON.stringify(method)}`,
      );
    }
    const quantity = values.quantity as ForecastQuantity;
    if (!QUANTITIES.includes(quantity)) {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --quantity must be one of ${QUANTITIES.join(', ')}, got ${JSON.stringify(quantity)}`,
      );
    }
    if (values.pools !== 'counters' && values.pools !== 'none') {
      throw new QueuecastError(
        'USAGE',
        `queuecast ${NAME}: --pools must be counters or none, got ${JSON.stringify(values.pools)}`,
      );
    }
    const { scenario, warnings } = parseScenario(readJsonFile(NAME, scenarioPath, 'scenario'));
    const result = staffingRequirements(scenario.demand, scenario.services, {
      method,
      quantity,
      slotMinutes: scenario.centre.slotMinutes,
      timezone: scenario.centre.timezone,
      pools: values.pools === 'counters' ? poolsFromCounters(scenario.counters) : [],
      priority: scenario.priority,
      abandonment: values.abandonment,
    });
    writeFileSync(
      outPath,
      staffingRequirementsToCSV(result.requirements, { timezone: scenario.centre.timezone }),
    );
    for (const w of [...warnings, ...result.warnings]) io.stderr.write(`queuecast ${NAME}: warning: ${w}\n`);

    const byQueue = new Map<string, { slots: number; peak: number; hours: number; arrivals: number }>();
    for (const r of result.requirements) {
      const q = byQueue.get(r.service) ?? { slots: 0, peak: 0, hours: 0, arrivals: 0 };
      q.slots += r.serversInteger > 0 ? 1 : 0;
      q.peak = Math.max(q.peak, r.serversInteger);
      q.hours += (r.serversInteger * r.slotMinutes) / 60;
      q.arrivals += r.arrivals;
      byQueue.set(r.service, q);
    }
    const rows = [...byQueue].map(([id, q]) => [id, q.arrivals, q.slots, q.peak, q.hours]);
    io.stdout.write(
      `${formatTable(['service', 'arrivals', 'staffed slots', 'peak servers', 'staff-hours'], rows)}\n`,
    );
    io.stdout.write(
      `method ${method}, quantity ${quantity}: ${result.staffHours.toFixed(1)} staff-hours; wrote ${result.requirements.length} rows to ${outPath}\n`,
    );
    return 0;
  },
};
