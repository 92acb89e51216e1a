import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIO } from './cli-io.js';

async function run(...argv: string[]) {
  const io = captureIO(process.cwd());
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('queuecast erlang', () => {
  it('finds the fewest servers for a target (the classic calculator example)', async () => {
    // callcentrehelper.com worked example: 100 calls/30 min, AHT 180 s, 80 % in 20 s → 14 agents, SL 88.84 %,
    // P(wait) 17.41 %, occupancy 71.4 %.
    const r = await run(
      'erlang',
      '--arrivals-per-hour',
      '200',
      '--aht-seconds',
      '180',
      '--within-seconds',
      '20',
      '--target',
      '0.8',
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(Object.keys(j).slice(0, 6)).toEqual([
      'servers',
      'serviceLevel',
      'probWait',
      'meanWaitSeconds',
      'occupancy',
      'abandonShare',
    ]);
    expect(j.servers).toBe(14);
    expect(j.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(j.probWait).toBeCloseTo(0.1741, 4);
    expect(j.occupancy).toBeCloseTo(0.714, 3);
    expect(j.abandonShare).toBe(0);
    expect(j.model).toBe('erlang-c');
  });

  it('evaluates given servers with Erlang A and Allen–Cunneen options', async () => {
    // Erlang A example: 100 arrivals/30 min, AHT 5 min, patience 5 min, 18 agents → P(abandon) 6.37 %
    const a = JSON.parse(
      (
        await run(
          'erlang',
          '--arrivals-per-hour',
          '200',
          '--aht-seconds',
          '300',
          '--within-seconds',
          '20',
          '--servers',
          '18',
          '--patience-seconds',
          '300',
        )
      ).out,
    );
    expect(a.abandonShare).toBeCloseTo(0.0637, 4);
    expect(a.model).toBe('erlang-a');
    const g = JSON.parse(
      (
        await run(
          'erlang',
          '--arrivals-per-hour',
          '200',
          '--aht-seconds',
          '180',
          '--within-seconds',
          '20',
          '--servers',
          '14',
          '--service-cv',
          '0',
        )
      ).out,
    );
    expect(g.model).toBe('allen-cunneen');
    expect(g.meanWaitSeconds).toBeCloseTo(7.835937011777241 / 2, 10);
  });

  it('prints an unstable queue as data (null wait) rather than failing', async () => {
    const r = await run(
      'erlang',
      '--arrivals-per-hour',
      '200',
      '--aht-seconds',
      '180',
      '--within-seconds',
      '20',
      '--servers',
      '10',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      servers: 10,
      serviceLevel: 0,
      probWait: 1,
      meanWaitSeconds: null,
      stable: false,
    });
  });

  it('reports usage errors (exit 2) and invalid values (exit 1) in one line', async () => {
    const both = await run(
      'erlang',
      '--arrivals-per-hour',
      '1',
      '--aht-seconds',
      '1',
      '--within-seconds',
      '1',
      '--servers',
      '2',
      '--target',
      '0.8',
    );
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/give exactly one of --servers and --target/);
    const missing = await run('erlang', '--aht-seconds', '180', '--within-seconds', '20', '--servers', '3');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing required option --arrivals-per-hour/);
    const nan = await run(
      'erlang',
      '--arrivals-per-hour',
      'many',
      '--aht-seconds',
      '180',
      '--within-seconds',
      '20',
      '--servers',
      '3',
    );
    expect(nan.code).toBe(2);
    const negative = await run(
      'erlang',
      '--arrivals-per-hour',
      '10',
      '--aht-seconds=-180',
      '--within-seconds',
      '20',
      '--servers',
      '3',
    );
    expect(negative.code).toBe(1);
    expect(negative.err).toMatch(/\[INVALID_ARGUMENT\].*ahtSeconds must be a finite number > 0, got -180/);
    expect(negative.err.trim().split('\n')).toHaveLength(1);
  });

  it('has --help', async () => {
    const r = await run('erlang', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: queuecast erlang/);
  });
});
