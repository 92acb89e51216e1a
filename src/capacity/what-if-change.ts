import { check, QueuecastError } from '../errors.js';
import type { ServiceTarget } from '../queueing/index.js';

/**
 * One change to a scenario for {@link whatIf}:
 * - `counters` — `delta` > 0 adds that many counters serving `services` (default every service: one-stop
 *   counters); `delta` < 0 closes the last `−delta` counters listed;
 * - `staff` — `delta` > 0 adds that many people with `skills` (default every service), available from the earliest
 *   to the latest availability of the staff listed, for the longest `maxWorkMinutes` among them; `delta` < 0 removes
 *   the last `−delta` people listed;
 * - `close-counter` — the counter is closed (removed) for the whole horizon;
 * - `remove-staff` — the person does not work;
 * - `target` — `service`'s target (every service's when absent) becomes `target`;
 * - `demand` — the forecast of `service` (every service when absent) on `channel` (both when absent) is multiplied
 *   by `factor`: `expected` and its quantiles; bookings already made stay.
 */
export type WhatIfChange =
  | { readonly kind: 'counters'; readonly delta: number; readonly services?: readonly string[] }
  | { readonly kind: 'staff'; readonly delta: number; readonly skills?: readonly string[] }
  | { readonly kind: 'close-counter'; readonly counter: string }
  | { readonly kind: 'remove-staff'; readonly staff: string }
  | { readonly kind: 'target'; readonly service?: string; readonly target: ServiceTarget }
  | {
      readonly kind: 'demand';
      readonly service?: string;
      readonly channel?: 'walk_in' | 'appointment';
      readonly factor: number;
    };

const FN = 'parseWhatIfChange';

function bad(text: string, rule: string): never {
  throw new QueuecastError('INVALID_ARGUMENT', `${FN}: ${rule}, got ${JSON.stringify(text)}`);
}

/** `+20%` → 1.2, `-10%` → 0.9. */
function percent(text: string, value: string): number {
  const m = /^([+-]?\d+(?:\.\d+)?)%$/.exec(value.trim());
  if (m === null) bad(text, 'a demand change must be a signed percentage such as +20% or -10%');
  const factor = 1 + Number(m[1]) / 100;
  if (!(factor >= 0)) bad(text, 'a demand change cannot go below −100%');
  return factor;
}

/** `+1` → 1, `-2` → −2. */
function delta(text: string, value: string): number {
  const m = /^([+-]\d+)$/.exec(value.trim());
  if (m === null || Number(m[1]) === 0)
    bad(text, 'a count change must be a signed non-zero integer such as +1 or -2');
  return Number(m[1]);
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/**
 * Parse a what-if change written as `KIND=VALUE` (the CLI's `--change`):
 *
 * | text | change |
 * |---|---|
 * | `walk-ins=+20%`, `walk-ins.tax=+20%` | walk-in demand (of every service, or of tax) × 1.2 |
 * | `appointments=-10%`, `demand=+5%`, `demand.tax=+5%` | appointment demand, or both channels |
 * | `counters=+1`, `counters=+1:tax,permits`, `counters=-1` | one more one-stop counter (or one for tax and permits); close the last |
 * | `staff=+2`, `staff=+1:tax`, `staff=-1` | two more people with every skill (or one for tax); remove the last |
 * | `close-counter=C03`, `remove-staff=S07` | close counter C03; S07 does not work |
 * | `target=0.9/600`, `target.tax=0.9/600`, `target.tax=mean:300` | 90 % within 600 s (all, or tax); mean wait ≤ 300 s |
 *
 * @throws QueuecastError INVALID_ARGUMENT naming the rule and the text.
 * @example
 * parseWhatIfChange('walk-ins=+20%'); // => { kind: 'demand', channel: 'walk_in', factor: 1.2 }
 * parseWhatIfChange('target.tax=0.9/600'); // => { kind: 'target', service: 'tax', target: { fraction: 0.9, withinSeconds: 600 } }
 */
export function parseWhatIfChange(text: string): WhatIfChange {
  check(typeof text === 'string', FN, 'a change must be a string KIND=VALUE', text);
  const eq = text.indexOf('=');
  if (eq <= 0) bad(text, 'a change must be written KIND=VALUE, e.g. walk-ins=+20%');
  const key = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  const dot = key.indexOf('.');
  const kind = dot < 0 ? key : key.slice(0, dot);
  const service = dot < 0 ? undefined : key.slice(dot + 1);
  if (service === '') bad(text, 'a service must follow the dot, e.g. walk-ins.tax=+20%');
  const scoped = <T extends object>(x: T): T => (service === undefined ? x : { ...x, service });
  switch (kind) {
    case 'walk-ins':
      return scoped({ kind: 'demand', channel: 'walk_in', factor: percent(text, value) });
    case 'appointments':
      return scoped({ kind: 'demand', channel: 'appointment', factor: percent(text, value) });
    case 'demand':
      return scoped({ kind: 'demand', factor: percent(text, value) });
    case 'target': {
      const mean = /^mean:(\d+(?:\.\d+)?)$/.exec(value);
      if (mean !== null) return scoped({ kind: 'target', target: { meanWaitSeconds: Number(mean[1]) } });
      const m = /^(\d*\.?\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
      if (m === null || !(Number(m[1]) <= 1)) {
        bad(text, 'a target must be FRACTION/SECONDS (e.g. 0.9/600) or mean:SECONDS');
      }
      return scoped({ kind: 'target', target: { fraction: Number(m[1]), withinSeconds: Number(m[2]) } });
    }
    case 'counters':
    case 'staff': {
      if (service !== undefined)
        bad(text, `${kind} takes no service after a dot; list them after a colon (${kind}=+1:tax)`);
      const [count, names] = value.split(':', 2);
      const d = delta(text, count);
      const named = list(names);
      if (named !== undefined && d < 0) bad(text, `${kind}=-N removes the last N listed and takes no list`);
      if (kind === 'counters')
        return named === undefined ? { kind, delta: d } : { kind, delta: d, services: named };
      return named === undefined ? { kind, delta: d } : { kind, delta: d, skills: named };
    }
    case 'close-counter':
      if (value === '' || service !== undefined)
        bad(text, 'close-counter takes a counter id, e.g. close-counter=C03');
      return { kind, counter: value };
    case 'remove-staff':
      if (value === '' || service !== undefined)
        bad(text, 'remove-staff takes a staff id, e.g. remove-staff=S07');
      return { kind, staff: value };
    default:
      return bad(
        text,
        'KIND must be walk-ins, appointments, demand, counters, staff, close-counter, remove-staff or target',
      );
  }
}
