import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QueuecastError } from '../errors.js';
import type { CliCommand, CliIO } from './command.js';

/** Subcommands, loaded on demand so that `queuecast erlang` does not load DuckDB. */
const commands: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  generate: {
    summary: 'generate the sample service-hall visits (deterministic, seeded)',
    load: async () => (await import('./commands/generate.js')).command,
  },
  ingest: {
    summary: 'validate visit records, quarantine bad rows, drop personal identifiers',
    load: async () => (await import('./commands/ingest.js')).command,
  },
  history: {
    summary: 'aggregate visits (or a plain series) to arrivals per slot',
    load: async () => (await import('./commands/history.js')).command,
  },
  forecast: {
    summary: 'forecast arrivals per series and slot with calibrated quantiles; writes the Forecast CSV',
    load: async () => (await import('./commands/forecast.js')).command,
  },
  backtest: {
    summary: 'rolling-origin backtest of a forecasting model: WAPE, MASE, RMSE, pinball loss, coverage',
    load: async () => (await import('./commands/backtest.js')).command,
  },
  erlang: {
    summary: 'queueing calculator: service level, waits, abandonment, or the fewest servers for a target',
    load: async () => (await import('./commands/erlang.js')).command,
  },
  staffing: {
    summary: 'servers needed per service (or pool) and slot for each target; writes the requirements CSV',
    load: async () => (await import('./commands/staffing.js')).command,
  },
  plan: {
    summary: 'plan counters, staff and shifts that meet every wait target at the fewest staff-minutes',
    load: async () => (await import('./commands/plan.js')).command,
  },
  simulate: {
    summary:
      'simulate a plan against random demand: waits, service levels with confidence intervals, overtime',
    load: async () => (await import('./commands/simulate.js')).command,
  },
  capacity: {
    summary:
      'appointments the booking system may release per service and slot (Capacity JSON, stdin/stdout capable)',
    load: async () => (await import('./commands/capacity.js')).command,
  },
  whatif: {
    summary:
      'what if: re-plan with more or fewer counters or staff, other targets or demand; compare with the base',
    load: async () => (await import('./commands/whatif.js')).command,
  },
  report: {
    summary: 'build the self-contained HTML report, chart PNGs and plan CSV/JSON of a run',
    load: async () => (await import('./commands/report.js')).command,
  },
  demo: {
    summary: 'run the pipeline on the embedded sample centre',
    load: async () => (await import('./commands/demo.js')).command,
  },
};

function mainUsage(): string {
  const names = Object.keys(commands);
  const w = Math.max(...names.map((n) => n.length));
  return [
    'queuecast — forecast demand at public-service centres and plan counters, staff and appointment capacity',
    '',
    'Usage: queuecast <command> [options]     (queuecast <command> --help for its options)',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(w)}  ${commands[n].summary}`),
  ].join('\n');
}

/** Run the CLI with `argv` (without node and script) and return the exit code. Errors print one line. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${mainUsage()}\n`);
    return name === undefined ? 1 : 0;
  }
  const entry = commands[name];
  if (entry === undefined) {
    io.stderr.write(`queuecast: unknown command ${JSON.stringify(name)} (try queuecast --help)\n`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof QueuecastError) {
      io.stderr.write(`queuecast ${name}: error [${e.code}] ${e.message}\n`);
      return e.code === 'USAGE' ? 2 : 1;
    }
    const err = e as Error;
    io.stderr.write(`queuecast ${name}: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.QUEUECAST_DEBUG) io.stderr.write(`${err?.stack}\n`);
    return 1;
  }
}

function isMain(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** A reader that closed the pipe early (`queuecast … | head`) is not an error: stop quietly. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

if (isMain()) {
  exitQuietlyOnClosedPipe();
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
