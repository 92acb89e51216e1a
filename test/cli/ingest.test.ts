import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'queuecast-cli-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bank = fileURLToPath(
  new URL('../../../shared/datasets/anonymous-bank-calls-1999-02.tsv', import.meta.url),
);

class Sink extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(argv: string[], tty = false) {
  const stdout = new Sink(tty);
  const stderr = new Sink(tty);
  const io: CliIO = { stdout, stderr, stdin: process.stdin, cwd: dir };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('queuecast ingest', () => {
  it('ingests the anonymous bank file with its preset and writes the three files', async () => {
    const r = await run(['ingest', bank, '--preset', 'anonymous-bank', '--out', 'bank']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('rows 33344: accepted 31050, rejected 2294');
    expect(r.stdout).toMatch(/excluded_value\s+278/);
    expect(r.stdout).toMatch(/customer_id\s+identifier\s+dropped/);
    for (const f of ['visits.parquet', 'rejected.csv', 'summary.json'])
      expect(existsSync(join(dir, 'bank', f))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'bank', 'summary.json'), 'utf8'));
    expect(summary.accepted + summary.rejected).toBe(33_344);
    const rejected = readFileSync(join(dir, 'bank', 'rejected.csv'), 'utf8').split('\n');
    expect(rejected[0]).toBe(
      'row,vru+line,call_id,priority,type,date,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server,reason,reason_code',
    );
    expect(
      rejected.filter((l) => l.endsWith(',"phantom call (outcome ""PHANTOM"")",excluded_value')).length,
    ).toBe(278);
    expect(rejected.some((l) => l.includes('customer_id'))).toBe(false);
  });

  it('maps columns, sets the time zone, and prints JSON on request', async () => {
    const f = file(
      'tickets.csv',
      'Ticket,Svc,TicketTime\nT1,tax,2026-12-01 09:00\nT2,tax,2026-12-01 09:10\n',
    );
    const r = await run([
      'ingest',
      f,
      '--map',
      'arrived_at=TicketTime',
      '--map',
      'service=Svc',
      '--map',
      'visit_id=Ticket',
      '--timezone',
      'Asia/Tokyo',
      '--out',
      'tickets',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({
      accepted: 2,
      rejected: 0,
      timezone: 'Asia/Tokyo',
      mapping: { arrived_at: 'TicketTime' },
    });
  });

  it('shows a progress bar on a terminal and nothing extra when piped', async () => {
    const f = file('small.csv', 'service,arrived_at\ntax,2026-12-01 09:00\n');
    const piped = await run(['ingest', f, '--out', 'small']);
    expect(piped.stderr).toBe('');
    const ci = process.env.CI;
    delete process.env.CI;
    try {
      const tty = await run(['ingest', f, '--out', 'small-tty'], true);
      expect(tty.code).toBe(0);
      expect(tty.stderr).toContain('ingest [');
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
  });

  const broken: [string, string, string | null, RegExp][] = [
    ['a missing file', 'missing.csv', null, /error \[FILE_NOT_FOUND\] .*missing\.csv: no such file/],
    ['an empty file', 'empty.csv', '', /error \[EMPTY_FILE\] .*empty\.csv: the file is empty/],
    [
      'a truncated file',
      'cut.csv',
      'service,arrived_at,called_at\ntax,2026-12-01 09:00,2026-12-01 09:05\ntax,2026-12',
      /error \[TRUNCATED_FILE\] .*cut\.csv: line 3 \(the last\): the file ends mid-row/,
    ],
    [
      'a wrong delimiter',
      'semi.csv',
      'service;arrived_at\ntax;2026-12-01 09:00\n',
      /error \[WRONG_DELIMITER\] .*semi\.csv: line 1 \(header\): only 1 column with delimiter ","/,
    ],
    [
      'text where times belong',
      'text.csv',
      'service,arrived_at\ntax,hello\ntax,world\n',
      /error \[BAD_TIME\] .*text\.csv: row 1: arrived_at \(arrived_at\): text where times belong, got "hello"/,
    ],
  ];
  for (const [what, name, text, message] of broken) {
    it(`fails with one error line and exit 1 on ${what}`, async () => {
      if (text !== null) file(name, text);
      const r = await run(['ingest', name, '--out', `out-${name}`]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  }

  it('is a usage error (exit 2) without --out or with a bad --map', async () => {
    expect((await run(['ingest', 'x.csv'])).code).toBe(2);
    const bad = await run(['ingest', 'x.csv', '--out', 'o', '--map', 'arrival=Ticket']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--map names unknown field "arrival"');
  });

  it('prints its help', async () => {
    const r = await run(['ingest', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: queuecast ingest FILE --out DIR');
  });
});
