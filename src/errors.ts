/**
 * Error codes thrown by queuecast. Expected outcomes (infeasible targets, rejected rows) are returned as data;
 * only invalid input or misuse throws.
 */
export type QueuecastErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_INPUT'
  | 'FILE_NOT_FOUND'
  | 'EMPTY_FILE'
  | 'TRUNCATED_FILE'
  | 'WRONG_DELIMITER'
  | 'BAD_TIME'
  | 'AMBIGUOUS_TIME_FORMAT'
  | 'MISSING_COLUMN'
  | 'OUT_OF_COVERAGE'
  | 'UNKNOWN_TIMEZONE'
  | 'NOT_FITTED'
  | 'SOLVER_FAILED'
  | 'USAGE';

/**
 * The one error class of queuecast. The message names the function, the rule and the offending value:
 * `erlangC: servers must be a positive integer, got 2.5`.
 *
 * @example
 * try { erlangC(10, 2.5); } catch (e) { if (e instanceof QueuecastError) console.log(e.code); } // => 'INVALID_ARGUMENT'
 */
export class QueuecastError extends Error {
  /** Machine-readable error code. */
  readonly code: QueuecastErrorCode;
  /** Path to the offending field in a JSON input, when there is one (e.g. `services.0.ahtSeconds`). */
  readonly path: readonly (string | number)[] | undefined;

  constructor(code: QueuecastErrorCode, message: string, path?: readonly (string | number)[]) {
    super(message);
    this.name = 'QueuecastError';
    this.code = code;
    this.path = path;
  }
}

/**
 * Throw an `INVALID_ARGUMENT` error unless `cond` holds; the message names the function, the rule and the value.
 *
 * @example
 * check(servers > 0, 'erlangC', 'servers must be a positive integer', servers);
 * // throws QueuecastError: erlangC: servers must be a positive integer, got 0   (when servers = 0)
 */
export function check(cond: boolean, fn: string, rule: string, value: unknown): asserts cond {
  if (!cond) {
    throw new QueuecastError('INVALID_ARGUMENT', `${fn}: ${rule}, got ${formatValue(value)}`);
  }
}

/** Quote a value for an error message (strings JSON-quoted, objects cut at 120 characters). */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(value);
  }
}
