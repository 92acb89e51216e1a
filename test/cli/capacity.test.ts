import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allocate, planToJson } from '../../src/allocate/index.js';
import type { CapacityResult, JsonErrorDocument, WhatIfResult } from '../../src/capacity/index.js';
import { runCli } from '../../src/cli/main.js';
import { hallScenario } from '../capacity/fixtures.js';
import { captureIO } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-cli-capacity-'));
const scenario = hallScenario('mixed');
const scenarioText = JSON.stringify(scenario);
const planText = planToJson(allocate(scenario));
writeFileSync(join(dir, 'scenario.json'), scenarioText);
writeFileSync(join(dir, 'plan.json'), planText);
const broken = structuredClone(scenario) as { services: { ahtSeconds: number }[] };
broken.services[0].ahtSeconds = -5;
writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));

async function run(argv: string[], stdin?: string) {
  const io = captureIO(dir);
  if (stdin !== undefined) (io.stdin as PassThrough).end(stdin);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('queuecast capacity', () => {
  it('writes the Capacity JSON to a file and a summary line to stdout', async () => {
    const r = await run([
      'capacity',
      '--scenario',
      'scenario.json',
      '--plan',
      'plan.json',
      '--out',
      'capacity.json',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'capacity.json'), 'utf8')) as CapacityResult;
    expect(result.capacity).toHaveLength(42);
    expect(r.out).toMatch(new RegExp(`^${result.summary.maxAppointments} appointments in 42 service-slots`));
    expect(r.err).toBe('');
  });

  it('reads the plan from stdin and writes JSON to stdout, with the options given', async () => {
    const r = await run(
      [
        'capacity',
        '--scenario',
        'scenario.json',
        '--plan',
        '-',
        '--walk-in-quantile',
        'p90',
        '--walk-in-reserve',
        '0.5',
        '--overbook',
      ],
      planText,
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as CapacityResult;
    expect(result.summary).toMatchObject({ walkInQuantile: 'p90', walkInReserveShare: 0.5, overbook: true });
  });

  it('reports an invalid scenario from stdin as JSON with the path to the bad field', async () => {
    const r = await run(['capacity', '--scenario', '-', '--plan', 'plan.json'], JSON.stringify(broken));
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonErrorDocument;
    expect(doc).toEqual({
      error: {
        code: 'INVALID_INPUT',
        input: 'scenario',
        path: ['services', 0, 'ahtSeconds'],
        message: expect.stringMatching(/^parseScenario: services\.0\.ahtSeconds: .*got -5$/),
      },
    });
    expect(r.err).toMatch(
      /^queuecast capacity: error \[INVALID_INPUT\] parseScenario: services\.0\.ahtSeconds/,
    );
  });

  it('reports JSON errors for files with --json-errors: unreadable, not JSON, a bad plan, a bad option', async () => {
    const missing = await run([
      'capacity',
      '--scenario',
      'nope.json',
      '--plan',
      'plan.json',
      '--json-errors',
    ]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).error).toMatchObject({
      code: 'FILE_NOT_FOUND',
      input: 'scenario',
      path: [],
    });
    writeFileSync(join(dir, 'text.json'), '{ not json');
    const text = await run([
      'capacity',
      '--scenario',
      'scenario.json',
      '--plan',
      'text.json',
      '--json-errors',
    ]);
    expect(JSON.parse(text.out).error).toMatchObject({
      code: 'INVALID_INPUT',
      input: 'plan',
      message: expect.stringMatching(/is not JSON/),
    });
    const plan = JSON.parse(planText);
    plan.assignments[2].services = ['permits'];
    const bad = await run(['capacity', '--scenario', 'scenario.json', '--plan', '-'], JSON.stringify(plan));
    expect(JSON.parse(bad.out).error).toMatchObject({
      code: 'INVALID_INPUT',
      input: 'plan',
      path: ['assignments', 2, 'services', 0],
    });
    const usage = await run([
      'capacity',
      '--scenario',
      'scenario.json',
      '--plan',
      'plan.json',
      '--walk-in-reserve',
      '2',
      '--json-errors',
    ]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.out).error).toMatchObject({
      code: 'USAGE',
      input: 'options',
      path: ['walkInReserveShare'],
    });
  });

  it('without JSON errors, an error is one line on stderr', async () => {
    const r = await run(['capacity', '--scenario', 'broken.json', '--plan', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^queuecast capacity: error \[INVALID_INPUT\] parseScenario: services\.0\.ahtSeconds: .*\n$/,
    );
    const both = await run(['capacity', '--scenario', '-', '--plan', '-']);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.out).error.message).toMatch(/only one of --scenario and --plan can be -/);
  });
});

describe('queuecast whatif', () => {
  it('compares the base and changed plans as JSON on stdout', async () => {
    const r = await run(
      ['whatif', '--scenario', '-', '--change', 'walk-ins=+20%', '--change', 'close-counter=T1'],
      scenarioText,
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as WhatIfResult;
    expect(result.changes).toEqual([
      { kind: 'demand', channel: 'walk_in', factor: 1.2 },
      { kind: 'close-counter', counter: 'T1' },
    ]);
    expect(result.changed.staffMinutes).toBeGreaterThan(result.base.staffMinutes);
    expect(result.services).toHaveLength(3);
  });

  it('prints the comparison as a table when writing to a file', async () => {
    const r = await run([
      'whatif',
      '--scenario',
      'scenario.json',
      '--change',
      'target.tax=0.9/600',
      '--out',
      'whatif.json',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\s+base\s+changed$/m);
    expect(r.out).toMatch(/^staff-minutes\s+\d+\s+\d+$/m);
    expect(r.out).toMatch(/^tax: service level \/ appointments\s+/m);
    expect((JSON.parse(readFileSync(join(dir, 'whatif.json'), 'utf8')) as WhatIfResult).changes).toHaveLength(
      1,
    );
  });

  it('reports a bad --change as a usage error naming its index', async () => {
    const r = await run([
      'whatif',
      '--scenario',
      'scenario.json',
      '--change',
      'walk-ins=+20%',
      '--change',
      'queues=+1',
      '--json-errors',
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatchObject({
      code: 'USAGE',
      input: 'changes',
      path: [1],
      message: expect.stringMatching(/KIND must be/),
    });
    const unknown = await run([
      'whatif',
      '--scenario',
      'scenario.json',
      '--change',
      'close-counter=C99',
      '--json-errors',
    ]);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.out).error).toMatchObject({
      code: 'INVALID_INPUT',
      input: 'changes',
      path: [0, 'counter'],
    });
    const none = await run(['whatif', '--scenario', 'scenario.json']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/give at least one --change/);
  });
});
