import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { writeSampleVisitsCsv } from '../../src/generate/index.js';
import { parseHistoryCsv, readHistoryCsv } from '../../src/history/index.js';
import { ingestVisitsToFiles } from '../../src/ingest/index.js';
import { captureIO } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-cli-history-'));
const bank = fileURLToPath(
  new URL('../../../shared/datasets/bank-calls-5min-2003-mar-aug.csv', import.meta.url),
);
const visits = join(dir, 'visits.csv');
const summary = writeSampleVisitsCsv(visits, { seed: 9, start: '2026-02-26', days: 7 });

async function run(...argv: string[]) {
  const io = captureIO(dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const total = (rows: readonly { arrivals: number }[]) => rows.reduce((a, r) => a + r.arrivals, 0);

describe('queuecast history VISITS', () => {
  it('ingests a visits file and writes 30-minute History CSV with zero rows for open slots', async () => {
    const r = await run('history', 'visits.csv', '--slot-minutes', '30', '--out', 'history.csv');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(`ingest .*visits\\.csv: ${summary.rows.toLocaleString('en-US')} rows, [\\d,]+ accepted`),
    );
    expect(r.out).toMatch(/duplicate_id \d+/);
    // 2026-02-26..03-04: Thu, Fri, the make-up Saturday 02-28, Mon, Tue, Wed = 6 open days × 14 slots.
    expect(r.out).toMatch(
      /history: 29 series × 84 open 30-minute slots = 2,436 rows \(Asia\/Shanghai, calendar cn/,
    );
    const h = readHistoryCsv(join(dir, 'history.csv'));
    expect(h.slotMinutes).toBe(30);
    expect(h.rows).toHaveLength(2436);
    const arrivals = Number(/arrivals ([\d,]+)/.exec(r.out)![1].replace(/,/g, ''));
    expect(total(h.rows)).toBe(arrivals);
    expect(h.rows.some((x) => x.arrivals === 0)).toBe(true);
    expect(r.out).toMatch(/^service\s+walk_in\s+appointment\s+booked\s+no_shows\s+mean_service_s$/m);
  });

  it('reads the directory written by ingest, and honours --calendar none', async () => {
    await ingestVisitsToFiles(visits, join(dir, 'ingested'));
    const r = await run(
      'history',
      'ingested',
      '--slot-minutes',
      '60',
      '--calendar',
      'none',
      '--out',
      'h60.csv',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ingest .*visits\.parquet/);
    // With no holidays, 02-28 is an ordinary Saturday: closed, so its arrivals fall outside opening hours.
    expect(r.out).toMatch(/history: 29 series × 40 open 60-minute slots/);
    expect(r.err).toMatch(/warning: \d+ arrival\(s\) outside opening hours/);
  });

  it('fails with one clear line for a missing file, a bare directory or bad options', async () => {
    const missing = await run('history', 'nope.csv', '--out', 'x.csv');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^queuecast history: error \[FILE_NOT_FOUND\] .*nope\.csv/);
    const bare = await run('history', '.', '--out', 'x.csv');
    expect(bare.code).toBe(1);
    expect(bare.err).toMatch(/is a directory without visits\.parquet/);
    const slot = await run('history', 'visits.csv', '--slot-minutes', '20', '--out', 'x.csv');
    expect(slot.code).toBe(2);
    expect(slot.err).toMatch(/--slot-minutes must be 5, 10, 15, 30 or 60, got 20/);
    const none = await run('history', '--out', 'x.csv');
    expect(none.code).toBe(2);
    const noOut = await run('history', 'visits.csv');
    expect(noOut.err).toMatch(/missing required option --out/);
  });
});

describe('queuecast history --series', () => {
  it('re-aggregates the 5-minute bank series to 30 minutes, preserving the total', async () => {
    const r = await run(
      'history',
      '--series',
      bank,
      '--timezone',
      'America/New_York',
      '--ignore-offsets',
      '--map',
      'slot_start=DateTime',
      '--map',
      'arrivals=Calls',
      '--slot-minutes',
      '30',
      '--out',
      'bank30.csv',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/19,604 rows of 5-minute slots/);
    expect(r.out).toMatch(/history: 3,364 rows of 30-minute slots, 3,770,783 arrivals in all/);
    const text = readFileSync(join(dir, 'bank30.csv'), 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual(['slot_start,arrivals', '2003-03-03T07:00:00-05:00,560']);
    expect(total(parseHistoryCsv(text, { timezone: 'America/New_York' }).rows)).toBe(3_770_783);
  });

  it('writes CSV to standard output with --out - and the summary to standard error', async () => {
    writeFileSync(join(dir, 'small.csv'), 'Day,Hr,N\n2026-12-01,9,3\n2026-12-01,10,4\n2026-12-02,9,5\n');
    const r = await run(
      'history',
      '--series',
      'small.csv',
      '--timezone',
      'UTC',
      '--map',
      'slot_start=Day+Hr',
      '--map',
      'arrivals=N',
      '--out',
      '-',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'slot_start,arrivals\n2026-12-01T09:00:00+00:00,3\n2026-12-01T10:00:00+00:00,4\n2026-12-02T09:00:00+00:00,5\n',
    );
    expect(r.err).toMatch(/wrote standard output/);
  });

  it('names the file, the line and the rule for a bad series, and refuses bad combinations', async () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      'slot_start,arrivals\n2026-12-01T09:00:00,1\n2026-12-01T09:30:00,-4\n',
    );
    const bad = await run('history', '--series', 'bad.csv', '--out', 'x.csv');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /^queuecast history: error \[INVALID_INPUT\] readHistoryCsv: .*bad\.csv line 3: arrivals must be a non-negative number, got "-4"\n$/,
    );
    const finer = await run('history', '--series', 'bad.csv', '--slot-minutes', '10', '--out', 'x.csv');
    expect(finer.code).toBe(1);
    const both = await run('history', 'visits.csv', '--series', 'bad.csv', '--out', 'x.csv');
    expect(both.code).toBe(2);
    const map = await run('history', '--series', 'bad.csv', '--map', 'when=slot', '--out', 'x.csv');
    expect(map.code).toBe(2);
    expect(map.err).toMatch(/--map field must be one of/);
    const eq = await run('history', '--series', 'bad.csv', '--map', 'slot_start', '--out', 'x.csv');
    expect(eq.err).toMatch(/--map must be field=column, got "slot_start"/);
  });
});
