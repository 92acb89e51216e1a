import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { allocate, allocationInstance, planToJson } from '../../src/allocate/index.js';
import { appointmentCapacity, toJsonError, whatIf } from '../../src/capacity/index.js';
import { QueuecastError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/scenario.js';
import { simulate } from '../../src/simulate/index.js';
import { buildSchemas, schemaText } from '../../scripts/build-schemas.js';

const Ajv = AjvModule.default;
const schemaDir = new URL('../../schemas/', import.meta.url);
const NAMES = ['scenario', 'plan', 'simulation-result', 'capacity-result', 'whatif-result', 'error'];

function committed(name: string): string {
  return readFileSync(new URL(`${name}.schema.json`, schemaDir), 'utf8');
}

function validator(name: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(committed(name)));
}

/** A value as a JSON reader sees it (Infinity written as null, as the CLI writes it). */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

describe('JSON Schemas', () => {
  it('are up to date with the types (npx tsx scripts/build-schemas.ts)', () => {
    const built = buildSchemas();
    expect(Object.keys(built)).toEqual(NAMES);
    for (const name of NAMES) expect(committed(name), `schemas/${name}.schema.json`).toBe(schemaText(built[name]));
  });

  it('accept real inputs and outputs, and reject a broken one', () => {
    const input = allocationInstance('small-day');
    const { scenario } = parseScenario(input);
    const plan = allocate(scenario);
    const capacity = appointmentCapacity(scenario, plan);
    const cases: [string, unknown][] = [
      ['scenario', asJson(input)],
      ['scenario', asJson({ services: [{ id: 'tax', ahtSeconds: 600 }] })],
      ['plan', JSON.parse(planToJson(plan))],
      ['simulation-result', asJson(simulate(scenario, plan, { replications: 5, seed: 2 }))],
      ['capacity-result', asJson(capacity)],
      ['whatif-result', asJson(whatIf(scenario, [{ kind: 'demand', channel: 'walk_in', factor: 1.1 }], { basePlan: plan }))],
      ['error', toJsonError(new QueuecastError('INVALID_INPUT', 'parseScenario: services.0.ahtSeconds: …', ['services', 0, 'ahtSeconds']), 'scenario')],
      ['error', toJsonError(new Error('boom'))],
    ];
    for (const [name, value] of cases) {
      const validate = validator(name);
      expect(validate(value), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    const row = { ...(asJson(capacity) as { capacity: Record<string, unknown>[] }).capacity[0] };
    delete row.maxAppointments;
    expect(validator('capacity-result')({ ...(asJson(capacity) as object), capacity: [row] })).toBe(false);
    expect(validator('scenario')({ services: [{ id: 'tax', ahtSeconds: -1 }] })).toBe(false);
    expect(validator('error')({ error: { code: 'OOPS', path: [], message: 'x' } })).toBe(false);
  });
});
