import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { SimulationResult } from '../../src/simulate/index.js';
import { syntheticCentre } from '../simulate/fixtures.js';
import { captureIO } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-cli-simulate-'));
const { scenario, plan } = syntheticCentre({ services: 4, counters: 10, customersPerDay: 400, seed: 3 });
writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ ...scenario, extraField: 1 }));
writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
writeFileSync(
  join(dir, 'servers.json'),
  JSON.stringify(
    [...new Set(plan.assignments.map((a) => a.slotStart))].flatMap((slotStart) =>
      scenario.services.map((s) => ({ service: s.id, slotStart, servers: 2 })),
    ),
  ),
);
writeFileSync(join(dir, 'broken.json'), '{ not json');

async function run(...argv: string[]) {
  const io = captureIO(dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('queuecast simulate', () => {
  it('writes the Simulation result JSON and prints one line per service', async () => {
    const r = await run(
      'simulate',
      '--scenario',
      'scenario.json',
      '--plan',
      'plan.json',
      '--replications',
      '20',
      '--seed',
      '4',
      '--out',
      'sim.json',
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'sim.json'), 'utf8')) as SimulationResult;
    expect(result.replications).toBe(20);
    expect(result.seed).toBe(4);
    expect(result.services).toHaveLength(4);
    expect(result.slots.length).toBeGreaterThan(0);
    expect(result.comparison.length).toBe(plan.expected.length);
    expect(r.out).toMatch(
      /^service\s+arrivals\s+service level\s+95% CI\s+mean wait s\s+p90 wait s\s+abandoned$/m,
    );
    for (const s of result.services) expect(r.out).toMatch(new RegExp(`^${s.service}\\s`, 'm'));
    expect(r.out).toMatch(/20 replications \(seed 4\), [\d,]+ customers/);
    expect(r.err).toMatch(/warning: unknown field extraField ignored/);
  });

  it('gives the same file for the same seed', async () => {
    await run(
      'simulate',
      '--scenario',
      'scenario.json',
      '--plan',
      'plan.json',
      '--replications',
      '5',
      '--out',
      'a.json',
    );
    await run(
      'simulate',
      '--scenario',
      'scenario.json',
      '--plan',
      'plan.json',
      '--replications',
      '5',
      '--out',
      'b.json',
    );
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
  });

  it('accepts servers rows instead of a plan, and the model options', async () => {
    const r = await run(
      'simulate',
      '--scenario',
      'scenario.json',
      '--plan',
      'servers.json',
      '--replications',
      '5',
      '--service-time',
      'gamma',
      '--over-dispersion',
      'p90',
      '--appointments',
      'booked',
      '--out',
      'servers-sim.json',
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'servers-sim.json'), 'utf8')) as SimulationResult;
    expect(result.counters.map((c) => c.counter)).toContain('s01#2');
    expect(result.comparison).toEqual([]);
  });

  it('draws a progress bar on a terminal', async () => {
    const io = captureIO(dir);
    const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
    stderr.isTTY = true;
    let err = '';
    stderr.on('data', (c) => {
      err += String(c);
    });
    const previous = process.env.CI;
    delete process.env.CI;
    try {
      const code = await runCli(
        [
          'simulate',
          '--scenario',
          'scenario.json',
          '--plan',
          'plan.json',
          '--replications',
          '3',
          '--out',
          'tty.json',
        ],
        {
          ...io,
          stderr,
        },
      );
      expect(code).toBe(0);
    } finally {
      if (previous !== undefined) process.env.CI = previous;
    }
    expect(err).toMatch(/replications \[#+\] 100%/);
  });

  it('reports usage errors and bad files with their codes', async () => {
    expect((await run('simulate', '--plan', 'plan.json', '--out', 'x.json')).err).toMatch(
      /missing required option --scenario/,
    );
    const bad = await run(
      'simulate',
      '--scenario',
      'scenario.json',
      '--plan',
      'plan.json',
      '--out',
      'x.json',
      '--replications',
      '0',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--replications must be a positive integer/);
    expect(
      (
        await run(
          'simulate',
          '--scenario',
          'scenario.json',
          '--plan',
          'plan.json',
          '--out',
          'x.json',
          '--service-time',
          'weibull',
        )
      ).code,
    ).toBe(2);
    const missing = await run(
      'simulate',
      '--scenario',
      'nope.json',
      '--plan',
      'plan.json',
      '--out',
      'x.json',
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/\[FILE_NOT_FOUND\]/);
    expect(
      (await run('simulate', '--scenario', 'scenario.json', '--plan', 'broken.json', '--out', 'x.json')).err,
    ).toMatch(/\[INVALID_INPUT\].*not JSON/);
    expect(
      (await run('simulate', '--scenario', 'scenario.json', '--plan', 'scenario.json', '--out', 'x.json'))
        .err,
    ).toMatch(/needs an assignments array/);
    const help = await run('simulate', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: queuecast simulate --scenario FILE --plan FILE --out FILE/);
  });
});
