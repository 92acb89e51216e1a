import { QueuecastError, type QueuecastErrorCode } from '../errors.js';

/** Which input of a command an error is about. */
export type JsonErrorInput = 'scenario' | 'plan' | 'changes' | 'options';

/**
 * The JSON error document of `queuecast capacity` and `queuecast whatif` (with `--json-errors`, or when an input is
 * read from stdin): exactly one such object is written to stdout instead of the result, and the exit status is 2
 * for a usage error, 1 otherwise. Example:
 * `{"error":{"code":"INVALID_INPUT","input":"scenario","path":["services",0,"ahtSeconds"],"message":"…"}}`.
 */
export interface JsonErrorDocument {
  readonly error: {
    /** The QueuecastError code (`INVALID_INPUT`, `USAGE`, `FILE_NOT_FOUND`…), or `INTERNAL` for a bug. */
    readonly code: QueuecastErrorCode | 'INTERNAL';
    /** The input the path points into, when known. */
    readonly input?: JsonErrorInput;
    /** Path to the bad field inside `input` (object keys and array indices); empty when there is none. */
    readonly path: readonly (string | number)[];
    /** One line naming the function or command, the rule and the offending value. */
    readonly message: string;
  };
}

const INPUTS: readonly JsonErrorInput[] = ['scenario', 'plan', 'changes', 'options'];

/**
 * The JSON error document for a thrown error. A QueuecastError keeps its code and path; a path that starts with an
 * input's name (`['plan', 'assignments', 3, …]`, as `prepareCapacity` throws) is split into `input` and the rest,
 * otherwise `input` is the one given. Anything else is `INTERNAL`.
 *
 * @example
 * toJsonError(new QueuecastError('INVALID_INPUT', 'parseScenario: services.0.ahtSeconds: …', ['services', 0, 'ahtSeconds']), 'scenario');
 * // => { error: { code: 'INVALID_INPUT', input: 'scenario', path: ['services', 0, 'ahtSeconds'], message: '…' } }
 */
export function toJsonError(error: unknown, input?: JsonErrorInput): JsonErrorDocument {
  if (!(error instanceof QueuecastError)) {
    return {
      error: { code: 'INTERNAL', path: [], message: error instanceof Error ? error.message : String(error) },
    };
  }
  let path = [...(error.path ?? [])];
  let where = input;
  if (typeof path[0] === 'string' && (INPUTS as readonly string[]).includes(path[0])) {
    where = path[0] as JsonErrorInput;
    path = path.slice(1);
  }
  return {
    error: {
      code: error.code,
      ...(where === undefined ? {} : { input: where }),
      path,
      message: error.message,
    },
  };
}
