import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocationInstance } from '../../src/allocate/instances.js';
import { parsePlan } from '../../src/allocate/plan-json.js';
import { validatePlan } from '../../src/allocate/validate-plan.js';
import { runCli } from '../../src/cli/main.js';
import { parseScenario } from '../../src/scenario/scenario.js';
import { knownOptimumScenario } from '../allocate/fixtures.js';
import { captureIO } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-cli-plan-'));

async function run(...argv: string[]) {
  const io = captureIO(dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const small = allocationInstance('small-day', 1);
writeFileSync(join(dir, 'small.json'), JSON.stringify({ ...small, note: 'ignored' }));
const known = knownOptimumScenario().scenario;
writeFileSync(join(dir, 'known.json'), JSON.stringify(known));
writeFileSync(join(dir, 'broken.json'), '{ not json');

describe('queuecast plan', () => {
  it('writes a valid Plan JSON and prints a table per service', async () => {
    const r = await run('plan', '--scenario', 'small.json', '--out', 'plan.json');
    expect(r.code).toBe(0);
    const plan = parsePlan(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')));
    const { scenario } = parseScenario(small);
    expect(validatePlan(scenario, plan)).toEqual([]);
    expect(plan.status).not.toBe('infeasible');
    expect(r.out).toMatch(/^service\s+arrivals\s+peak servers\s+lowest SL\s+short slots/);
    for (const s of scenario.services) expect(r.out).toContain(s.id);
    expect(r.out).toMatch(/(optimal|feasible): \d+ shifts, [\d.]+ staff-hours \(lower bound [\d.]+\)/);
    expect(r.err).toContain('unknown field note ignored');
  });

  it('plans for the best service with --objective max-service', async () => {
    const lean = await run('plan', '--scenario', 'small.json', '--out', 'lean.json');
    const best = await run(
      'plan',
      '--scenario',
      'small.json',
      '--out',
      'best.json',
      '--objective',
      'max-service',
    );
    expect(lean.code).toBe(0);
    expect(best.code).toBe(0);
    const minutes = (f: string) =>
      parsePlan(JSON.parse(readFileSync(join(dir, f), 'utf8'))).summary.staffMinutes;
    expect(minutes('best.json')).toBeGreaterThanOrEqual(minutes('lean.json'));
  });

  it('takes options: dedicated counters, switch penalty, priority', async () => {
    const r = await run(
      'plan',
      '--scenario',
      'small.json',
      '--out',
      'opts.json',
      '--dedicated',
      'C05,C06',
      '--switch-penalty',
      '60',
      '--priority',
      'fcfs',
    );
    expect(r.code).toBe(0);
    const plan = parsePlan(JSON.parse(readFileSync(join(dir, 'opts.json'), 'utf8')));
    for (const id of ['C05', 'C06']) {
      expect(
        new Set(plan.assignments.filter((a) => a.counter === id).flatMap((a) => a.services)).size,
      ).toBeLessThanOrEqual(1);
    }
  });

  it('solves with HiGHS too under --exact', async () => {
    const r = await run(
      'plan',
      '--scenario',
      'known.json',
      '--out',
      'exact.json',
      '--exact',
      '--time-limit',
      '30',
    );
    expect(r.code).toBe(0);
    const plan = parsePlan(JSON.parse(readFileSync(join(dir, 'exact.json'), 'utf8')));
    expect(plan.summary.modelLowerBoundStaffMinutes).toBeDefined();
    expect(plan.summary.staffMinutes).toBeGreaterThanOrEqual(
      plan.summary.modelLowerBoundStaffMinutes! - 1e-6,
    );
  });

  it('reports an infeasible plan without failing', async () => {
    writeFileSync(join(dir, 'nobody.json'), JSON.stringify({ ...small, staff: [] }));
    const r = await run('plan', '--scenario', 'nobody.json', '--out', 'nobody-plan.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/infeasible: 0 shifts/);
    expect(
      parsePlan(JSON.parse(readFileSync(join(dir, 'nobody-plan.json'), 'utf8'))).shortfalls.length,
    ).toBeGreaterThan(0);
  });

  it('rejects bad usage with exit code 2 and bad files with 1', async () => {
    expect((await run('plan', '--out', 'x.json')).code).toBe(2);
    expect((await run('plan', '--scenario', 'small.json')).code).toBe(2);
    const objective = await run(
      'plan',
      '--scenario',
      'small.json',
      '--out',
      'x.json',
      '--objective',
      'cheapest',
    );
    expect(objective.code).toBe(2);
    expect(objective.err).toContain('--objective must be min-staff or max-service, got "cheapest"');
    expect(
      (await run('plan', '--scenario', 'small.json', '--out', 'x.json', '--dedicated', 'C99')).code,
    ).toBe(2);
    expect(
      (await run('plan', '--scenario', 'small.json', '--out', 'x.json', '--time-limit', '-3')).code,
    ).toBe(2);
    expect(
      (
        await run(
          'plan',
          '--scenario',
          'small.json',
          '--out',
          'x.json',
          '--exact',
          '--objective',
          'max-service',
        )
      ).code,
    ).toBe(2);
    const missing = await run('plan', '--scenario', 'missing.json', '--out', 'x.json');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('[FILE_NOT_FOUND]');
    const broken = await run('plan', '--scenario', 'broken.json', '--out', 'x.json');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('[INVALID_INPUT]');
  });

  it('prints its usage with --help', async () => {
    const r = await run('plan', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: queuecast plan --scenario FILE --out FILE');
  });
});
