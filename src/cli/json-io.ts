import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type JsonErrorInput, toJsonError } from '../capacity/json-error.js';
import type { CapacityOptions, WalkInQuantile } from '../capacity/types.js';
import { QueuecastError } from '../errors.js';
import { type CliIO, numberOption } from './command.js';

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

/** Options shared by the capacity and whatif commands (for `parseCommandArgs`). */
export const capacityOptionSpec = {
  'walk-in-quantile': { type: 'string', default: 'p80' },
  'walk-in-reserve': { type: 'string' },
  overbook: { type: 'boolean', default: false },
} as const;

const QUANTILES: readonly WalkInQuantile[] = ['expected', 'p10', 'p50', 'p80', 'p90', 'p95'];

/** Check the capacity options; a bad value is a usage error naming the option. */
export function capacityOptions(
  command: string,
  values: {
    readonly 'walk-in-quantile'?: string;
    readonly 'walk-in-reserve'?: string;
    readonly overbook?: boolean;
  },
): CapacityOptions {
  const quantile = (values['walk-in-quantile'] ?? 'p80') as WalkInQuantile;
  if (!QUANTILES.includes(quantile)) {
    throw new QueuecastError(
      'USAGE',
      `queuecast ${command}: --walk-in-quantile must be one of ${QUANTILES.join(', ')}, got ${JSON.stringify(quantile)}`,
      ['options', 'walkInQuantile'],
    );
  }
  const reserve = numberOption(command, values['walk-in-reserve'], 'walk-in-reserve') ?? 0.3;
  if (!(reserve >= 0 && reserve <= 1)) {
    throw new QueuecastError(
      'USAGE',
      `queuecast ${command}: --walk-in-reserve must be in [0, 1], got ${reserve}`,
      ['options', 'walkInReserveShare'],
    );
  }
  return { walkInQuantile: quantile, walkInReserveShare: reserve, overbook: values.overbook ?? false };
}
