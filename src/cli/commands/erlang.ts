import { QueuecastError } from '../../errors.js';
import { fewestServers } from '../../queueing/fewest-servers.js';
import { queueMetrics } from '../../queueing/queue-metrics.js';
import type { QueueSpec } from '../../queueing/types.js';
import { type CliCommand, numberOption, parseCommandArgs, requireOption } from '../command.js';

const NAME = 'erlang';

const usage = `Usage: queuecast erlang --arrivals-per-hour X --aht-seconds Y --within-seconds T (--servers N | --target F)
                       [--patience-seconds P] [--service-cv CV] [--arrival-cv CV]

Queueing calculator, like the online Erlang calculators. Prints JSON:
  { servers, serviceLevel, probWait, meanWaitSeconds, occupancy, abandonShare, offeredLoadErlangs, model, stable }

  --arrivals-per-hour X   mean arrival rate, customers per hour
  --aht-seconds Y         average handling time, seconds
  --within-seconds T      wait limit of the service level, seconds
  --servers N             servers (fractional values interpolate between neighbours)
  --target F              instead of --servers: find the fewest servers with service level ≥ F (0–1)
  --patience-seconds P    mean patience; selects Erlang A (abandonment)
  --service-cv CV         handling-time CV (default 1); with --arrival-cv selects Allen–Cunneen
  --arrival-cv CV         inter-arrival CV (default 1, Poisson)

Service level = customers called within T ÷ all arrivals (abandoners count as misses).
An unstable queue (load ≥ servers, no patience) prints serviceLevel 0 and meanWaitSeconds null.

Example:
  queuecast erlang --arrivals-per-hour 200 --aht-seconds 180 --within-seconds 20 --target 0.8`;

/** Largest server count `--target` searches, so that an unreachable target answers promptly. */
const MAX_SERVERS = 100_000;

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** `queuecast erlang`: the queueing calculator of DESIGN.md. */
export const command: CliCommand = {
  name: NAME,
  summary: 'queueing calculator: service level, waits, abandonment, or the fewest servers for a target',
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(NAME, argv, {
      'arrivals-per-hour': { type: 'string' },
      'aht-seconds': { type: 'string' },
      'within-seconds': { type: 'string' },
      servers: { type: 'string' },
      target: { type: 'string' },
      'patience-seconds': { type: 'string' },
      'service-cv': { type: 'string' },
      'arrival-cv': { type: 'string' },
    });
    const num = (name: string, v: string | undefined) => numberOption(NAME, v, name);
    const arrivalsPerHour = num(
      'arrivals-per-hour',
      requireOption(NAME, values['arrivals-per-hour'], 'arrivals-per-hour'),
    );
    const ahtSeconds = num('aht-seconds', requireOption(NAME, values['aht-seconds'], 'aht-seconds'));
    const withinSeconds = num(
      'within-seconds',
      requireOption(NAME, values['within-seconds'], 'within-seconds'),
    ) as number;
    const servers = num('servers', values.servers);
    const target = num('target', values.target);
    if ((servers === undefined) === (target === undefined)) {
      throw new QueuecastError('USAGE', `queuecast ${NAME}: give exactly one of --servers and --target`);
    }
    const queue: QueueSpec = {
      arrivalsPerHour: arrivalsPerHour as number,
      ahtSeconds: ahtSeconds as number,
      patienceSeconds: num('patience-seconds', values['patience-seconds']),
      serviceCv: num('service-cv', values['service-cv']),
      arrivalCv: num('arrival-cv', values['arrival-cv']),
    };
    let n = servers;
    if (target !== undefined) {
      n = fewestServers(queue, { fraction: target, withinSeconds }, { maxServers: MAX_SERVERS });
      if (!Number.isFinite(n)) {
        io.stdout.write(
          `${JSON.stringify({ servers: null, reachable: false, reason: `no count up to ${MAX_SERVERS} servers reaches ${target}` }, null, 2)}\n`,
        );
        return 1;
      }
    }
    const m = queueMetrics(queue, n as number, withinSeconds);
    const result = {
      servers: m.servers,
      serviceLevel: m.serviceLevel,
      probWait: m.probWait,
      meanWaitSeconds: finiteOrNull(m.meanWaitSeconds),
      occupancy: m.occupancy,
      abandonShare: m.abandonShare,
      offeredLoadErlangs: m.offeredLoadErlangs,
      model: m.model,
      stable: m.stable,
    };
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};
