import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { writeReportFiles } from '../report/report-files.js';
import { captureIO } from './cli-io.js';

const files = writeReportFiles('qc-cli-report-');

async function run(...argv: string[]) {
  const io = captureIO(files.dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('queuecast report', () => {
  it('builds the report from plan, requirements, simulation and scenario files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'qc-cli-report-out-'));
    const r = await run(
      'report',
      '--out',
      out,
      '--plan',
      'plan.json',
      '--requirements',
      'requirements.csv',
      '--simulation',
      'simulation.json',
      '--scenario',
      'scenario.json',
      '--scale',
      '1',
    );
    expect(r.err).toBe(
      'queuecast report: warning: simulation.json: unknown field hall ignored\n' +
        'queuecast report: warning: simulation.json: unknown field extra ignored\n',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Staff-hours\s+143\.0 h/);
    expect(r.out).toContain('wrote 6 files');
    for (const f of [
      'report.html',
      'staffing.png',
      'counter-timeline.png',
      'wait-outcomes.png',
      'plan.csv',
      'plan.json',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('示范政务服务中心');
  });

  it('prints its usage', async () => {
    const r = await run('report', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: queuecast report --out DIR');
  });

  it('is a usage error without --out or without any data file', async () => {
    const noOut = await run('report', '--plan', 'plan.json');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('missing required option --out');
    const noData = await run('report', '--out', 'x', '--scenario', 'scenario.json');
    expect(noData.code).toBe(2);
    expect(noData.err).toContain('give at least one of --forecast');
  });

  it('reports a bad file with its error code', async () => {
    const r = await run('report', '--out', 'x', '--plan', 'missing.json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^queuecast report: error \[FILE_NOT_FOUND\] readReportInputs: no such file/);
  });
});
