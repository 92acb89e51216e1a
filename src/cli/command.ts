import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { QueuecastError } from '../errors.js';

/** Streams a command writes to; tests pass their own. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly cwd: string;
}

/** One `queuecast` subcommand. `run` returns the exit code; it throws QueuecastError for bad input. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** Option declarations of a subcommand, as `node:util` parseArgs takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandArgs} returns: typed `values` and the `positionals`. */
export type ParsedCommandArgs<T extends CommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>
>;

/** Parse a subcommand's arguments strictly; unknown options are a usage error naming the command. */
export function parseCommandArgs<T extends CommandOptions>(
  command: string,
  argv: readonly string[],
  options: T,
  allowPositionals = false,
): ParsedCommandArgs<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (e) {
    throw new QueuecastError('USAGE', `queuecast ${command}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Read a required option, or throw a usage error naming it. */
export function requireOption(command: string, value: string | undefined, name: string): string {
  if (value === undefined || value === '') {
    throw new QueuecastError('USAGE', `queuecast ${command}: missing required option --${name}`);
  }
  return value;
}

/** Parse a numeric option, or throw a usage error naming it and the value. */
export function numberOption(command: string, value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new QueuecastError(
      'USAGE',
      `queuecast ${command}: --${name} must be a number, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * A progress bar on a terminal; silent when stderr is not a TTY (piped output stays clean).
 * Redraws at most every 100 ms.
 */
export class Progress {
  private readonly enabled: boolean;
  private last = 0;
  private label: string;

  constructor(
    private readonly io: CliIO,
    label: string,
  ) {
    this.enabled = io.stderr.isTTY === true && process.env.CI !== 'true';
    this.label = label;
  }

  /** Show `done` of `total` (or a spinner-less counter when total is unknown). */
  update(done: number, total?: number, label?: string): void {
    if (label !== undefined) this.label = label;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && (total === undefined || done < total)) return;
    this.last = now;
    let line: string;
    if (total !== undefined && total > 0) {
      const f = Math.min(1, done / total);
      const width = 28;
      const filled = Math.round(f * width);
      line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(f * 100).toFixed(0)}%`;
    } else {
      line = `${this.label} ${done.toLocaleString('en-US')}`;
    }
    this.io.stderr.write(`\r\x1b[2K${line}`);
  }

  /** Clear the bar. */
  done(): void {
    if (this.enabled) this.io.stderr.write('\r\x1b[2K');
  }
}

/** Write a simple aligned text table. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => {
          const s = String(c ?? '');
          return typeof rows[0]?.[i] === 'number' ? s.padStart(widths[i]) : s.padEnd(widths[i]);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(1) : n.toFixed(3);
}

/**
 * Read and parse a JSON input file of a subcommand; a missing file or bad JSON is a one-line error naming the
 * command, what the file is and its path.
 */
export function readJsonFile(command: string, path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new QueuecastError(
      'FILE_NOT_FOUND',
      `queuecast ${command}: cannot read ${what} ${JSON.stringify(path)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new QueuecastError(
      'INVALID_INPUT',
      `queuecast ${command}: ${what} ${path} is not JSON: ${(e as Error).message}`,
    );
  }
}
