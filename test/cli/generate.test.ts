import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIO } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-cli-generate-'));

async function run(...argv: string[]) {
  const io = captureIO(dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('queuecast generate', () => {
  it('writes the sample visits and prints a summary', async () => {
    const r = await run('generate', '--seed', '3', '--start', '2026-02-26', '--days', '7', '--out', 'a.csv');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^wrote .*a\.csv \([\d,]+ rows, [\d.]+ MB, [\d.]+ s\)/);
    expect(r.out).toMatch(/seed 3, 2026-02-26 to 2026-03-04: 6 open days of 7/);
    expect(r.out).toMatch(/dirty rows: \d+ missing arrival, \d+ duplicate id/);
    const text = readFileSync(join(dir, 'a.csv'), 'utf8');
    expect(text.startsWith('visit_id,centre,service,channel,booked_at,appointment_at,arrived_at,')).toBe(
      true,
    );
    const rows = Number(/\(([\d,]+) rows/.exec(r.out)![1].replace(/,/g, ''));
    expect(text.trimEnd().split('\n')).toHaveLength(rows + 1);
  });

  it('gives the same bytes for the same seed, others for another, none dirty with --clean', async () => {
    await run('generate', '--seed', '3', '--start', '2026-02-26', '--days', '7', '--out', 'b.csv');
    await run('generate', '--seed', '4', '--start', '2026-02-26', '--days', '7', '--out', 'c.csv');
    const clean = await run(
      'generate',
      '--seed',
      '3',
      '--start',
      '2026-02-26',
      '--days',
      '7',
      '--clean',
      '--out',
      'd.csv',
    );
    const bytes = (f: string) => readFileSync(join(dir, f));
    expect(bytes('b.csv').equals(bytes('a.csv'))).toBe(true);
    expect(bytes('c.csv').equals(bytes('a.csv'))).toBe(false);
    expect(clean.out).toMatch(/dirty rows: none \(--clean\)/);
    expect(bytes('d.csv').toString()).not.toMatch(/phone/);
  });

  it('fails with one clear line and a non-zero exit', async () => {
    const noOut = await run('generate', '--days', '3');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toBe(
      'queuecast generate: error [USAGE] queuecast generate: missing required option --out\n',
    );
    const badDays = await run('generate', '--days', '2.5', '--out', 'x.csv');
    expect(badDays.code).toBe(2);
    expect(badDays.err).toMatch(/--days must be a positive integer, got "2.5"/);
    const late = await run('generate', '--start', '2027-01-04', '--days', '3', '--out', 'x.csv');
    expect(late.code).toBe(1);
    expect(late.err).toMatch(
      /^queuecast generate: error \[OUT_OF_COVERAGE\] calendar cn: date 2027-01-04 is outside/,
    );
    expect(late.err.trim().split('\n')).toHaveLength(1);
    const unknown = await run('generate', '--sed', '3', '--out', 'x.csv');
    expect(unknown.code).toBe(2);
  });

  it('prints its usage with --help', async () => {
    const r = await run('generate', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: queuecast generate --out FILE/);
  });
});
