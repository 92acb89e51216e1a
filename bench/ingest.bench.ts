/**
 * Ingest benchmark: a 10-million-row visits CSV → 30-minute history with ingestToHistory (validation and
 * aggregation inside DuckDB), in a child process so its peak RSS is its own. Checks the answer (accepted, rejected
 * per rule, arrivals, bookings, no-shows, served, abandoned, mean handling time) against counts computed here
 * from the generator's formulas, then compares with arquero (fromCSV + derive + groupby/rollup, no validation) on
 * a 1-million-row slice, where queuecast runs too.
 *
 * Usage: npx tsx bench/ingest.bench.ts [rows]   (default 10,000,000; the CSV is generated once into ./.bench-data)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import * as aq from 'arquero';
import { ingestToHistory, REJECT_CODES, type RejectCode } from '../src/ingest/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '.bench-data');
const SLICE = 1_000_000;
const PER_DAY = 40_000;

/** The generator, as SQL over row index i (integers only, so the expectations below can replay it exactly). */
function generatorSql(n: number): string {
  const arr = `(TIMESTAMP '2025-01-06 09:00:00' + to_days((i // ${PER_DAY})::INT) + to_seconds((i * 7919) % 28800))`;
  const fmt = (t: string) => `strftime(${t}, '%Y-%m-%d %H:%M:%S')`;
  const wait = 'to_seconds((i * 31) % 1200)';
  const handle = 'to_seconds(60 + (i * 17) % 900)';
  const called = `CASE WHEN i % 1000 = 999 THEN ${arr} - to_seconds(60) ELSE ${arr} + ${wait} END`;
  const appt = `time_bucket(INTERVAL 30 MINUTE, ${arr})`;
  return `
    SELECT CASE WHEN i % 100003 = 100002 THEN 'V' || (i - 1) ELSE 'V' || i END AS visit_id,
      'ovc' AS centre,
      'svc' || ((i * 13 + i // ${PER_DAY}) % 15) AS service,
      CASE WHEN appt THEN 'appointment' ELSE 'walk_in' END AS channel,
      CASE WHEN appt THEN ${fmt(`${appt} - to_days((1 + i % 7)::INT)`)} END AS booked_at,
      CASE WHEN appt THEN ${fmt(appt)} END AS appointment_at,
      CASE WHEN bad THEN 'n/a' WHEN noshow THEN NULL ELSE ${fmt(arr)} END AS arrived_at,
      CASE WHEN noshow OR abandoned THEN NULL ELSE ${fmt(called)} END AS called_at,
      CASE WHEN noshow OR abandoned THEN NULL ELSE ${fmt(`(${called}) + ${handle}`)} END AS completed_at,
      CASE WHEN noshow THEN 'no_show' WHEN abandoned THEN 'abandoned' ELSE 'served' END AS outcome,
      'C' || (i % 40 + 1) AS counter, 'S' || (i % 60 + 1) AS staff
    FROM (SELECT i, i % 3 = 0 AS appt, i % 100000 = 12345 AS bad,
            i % 3 = 0 AND i % 41 = 5 AND i % 100000 <> 12345 AS noshow,
            NOT (i % 3 = 0 AND i % 41 = 5 AND i % 100000 <> 12345) AND i % 50 = 7 AS abandoned
          FROM range(${n}) t(i))`;
}

interface Expected {
  /** Rows with an arrival text, valid or not (what a peer without validation counts). */
  withArrival: number;
  accepted: number;
  byCode: Record<RejectCode, number>;
  arrivals: number;
  booked: number;
  noShows: number;
  served: number;
  abandoned: number;
  handleSeconds: number;
}

/** Replay the generator's formulas and the documented rules (no SQL, no ingest code). */
function expected(n: number): Expected {
  const e: Expected = {
    withArrival: 0,
    accepted: 0,
    byCode: Object.fromEntries(REJECT_CODES.map((c) => [c, 0])) as Record<RejectCode, number>,
    arrivals: 0,
    booked: 0,
    noShows: 0,
    served: 0,
    abandoned: 0,
    handleSeconds: 0,
  };
  for (let i = 0; i < n; i++) {
    const appt = i % 3 === 0;
    const bad = i % 100000 === 12345;
    const noshow = appt && i % 41 === 5 && !bad;
    const abandoned = !noshow && i % 50 === 7;
    if (!noshow) e.withArrival++;
    if (i % 100003 === 100002) e.byCode.duplicate_id++;
    else if (bad) e.byCode.bad_time++;
    else if (!noshow && !abandoned && i % 1000 === 999) e.byCode.called_before_arrived++;
    else {
      e.accepted++;
      if (appt) e.booked++;
      if (noshow) e.noShows++;
      else {
        e.arrivals++;
        if (abandoned) e.abandoned++;
        else {
          e.served++;
          e.handleSeconds += 60 + ((i * 17) % 900);
        }
      }
    }
  }
  return e;
}

async function writeCsv(path: string, n: number): Promise<number> {
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const tmp = `${path}.tmp`;
  await conn.run(`COPY (${generatorSql(n)}) TO '${tmp}' (FORMAT csv, HEADER true)`);
  conn.closeSync();
  inst.closeSync();
  renameSync(tmp, path);
  return (performance.now() - t0) / 1000;
}

interface ChildResult {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  accepted: number;
  rejected: number;
  byCode: Record<RejectCode, number>;
  rows: number;
  arrivals: number;
  booked: number;
  noShows: number;
  served: number;
  abandoned: number;
  meanServiceSeconds: number;
}

/** In the child: ingest to 30-minute history and report time, CPU, peak RSS and totals as JSON. */
async function child(file: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const h = await ingestToHistory(file, { slotMinutes: 30 });
  const cpu = process.cpuUsage(c0);
  const rows = h.history.rows;
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  const served = sum((r) => r.served);
  const out: ChildResult = {
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    accepted: h.summary.accepted,
    rejected: h.summary.rejected,
    byCode: { ...h.summary.rejectedByCode },
    rows: rows.length,
    arrivals: sum((r) => r.arrivals),
    booked: sum((r) => r.booked),
    noShows: sum((r) => r.noShows),
    served,
    abandoned: sum((r) => r.abandoned),
    meanServiceSeconds: sum((r) => (r.meanServiceSeconds ?? 0) * r.served) / served,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(file: string): ChildResult {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
}

function check(label: string, got: ChildResult, want: Expected): void {
  const problems: string[] = [];
  const eq = (what: string, a: number, b: number) => {
    if (a !== b) problems.push(`${what}: got ${a}, expected ${b}`);
  };
  eq('accepted', got.accepted, want.accepted);
  for (const c of REJECT_CODES) eq(`rejected ${c}`, got.byCode[c], want.byCode[c]);
  eq('arrivals', got.arrivals, want.arrivals);
  eq('booked', got.booked, want.booked);
  eq('noShows', got.noShows, want.noShows);
  eq('served', got.served, want.served);
  eq('abandoned', got.abandoned, want.abandoned);
  if (Math.abs(got.meanServiceSeconds - want.handleSeconds / want.served) > 1e-6) {
    problems.push(
      `mean service: got ${got.meanServiceSeconds}, expected ${want.handleSeconds / want.served}`,
    );
  }
  if (problems.length > 0) throw new Error(`${label}: wrong answer\n${problems.join('\n')}`);
}

/** The peer: arquero reads the slice and counts arrivals per (service, channel, 30-minute slot), no validation. */
function arqueroPeer(file: string): { seconds: number; groups: number; arrivals: number } {
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  const shanghaiMs = 8 * 3_600_000;
  const t = aq
    .fromCSV(text, {
      parse: {
        arrived_at: (s: string) => (s === '' ? null : Date.parse(`${s.replace(' ', 'T')}Z`) - shanghaiMs),
      },
    })
    .filter((d: { arrived_at: number | null }) => d.arrived_at !== null)
    .derive({ slot: (d: { arrived_at: number }) => aq.op.floor(d.arrived_at / 1_800_000) * 1_800_000 })
    .groupby('service', 'channel', 'slot')
    .rollup({ arrivals: aq.op.count() });
  const seconds = (performance.now() - t0) / 1000;
  const arrivals = (t.array('arrivals') as number[]).reduce((a, b) => a + b, 0);
  return { seconds, groups: t.numRows(), arrivals };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10_000_000);
  mkdirSync(dataDir, { recursive: true });
  const big = join(dataDir, `visits-${n}-v1.csv`);
  const slice = join(dataDir, `visits-${SLICE}-v1.csv`);
  const genBig = existsSync(big) ? null : await writeCsv(big, n);
  if (!existsSync(slice)) await writeCsv(slice, SLICE);
  const load0 = loadavg()[0];

  const wantBig = expected(n);
  const wantSlice = expected(SLICE);
  const gotBig = runChild(big);
  check(`${n} rows`, gotBig, wantBig);
  const gotSlice = runChild(slice);
  check(`${SLICE} rows`, gotSlice, wantSlice);
  const peer = arqueroPeer(slice);
  if (peer.arrivals !== wantSlice.withArrival) {
    throw new Error(`arquero peer counted ${peer.arrivals} arrivals`);
  }
  const load1 = loadavg()[0];

  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en-US');
  const ours = SLICE / gotSlice.seconds;
  const theirs = SLICE / peer.seconds;
  const lines = [
    '## ingest: visits CSV → 30-minute history (ingestToHistory, DuckDB)',
    '',
    `Input: ${n.toLocaleString('en-US')} synthetic visits, 12 columns, ${mb(statSync(big).size)} MB (` +
      `${genBig === null ? 'reused from ./.bench-data' : `generated in ${genBig.toFixed(1)} s by DuckDB COPY`}), with ` +
      'duplicates, unparseable times and calls before arrival. Answers checked against counts replayed from the ' +
      'generator formulas: accepted, rejected per rule, arrivals, booked, no-shows, served, abandoned, mean service.',
    '',
    '| run | rows | wall s | CPU s | rows/s (wall) | peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
    `| queuecast ingestToHistory (child process) | ${n.toLocaleString('en-US')} | ${gotBig.seconds.toFixed(1)} | ` +
      `${gotBig.cpuSeconds.toFixed(1)} | ${rate(n, gotBig.seconds)} | ${gotBig.maxRssMB.toFixed(0)} MB |`,
    `| queuecast ingestToHistory (child process) | ${SLICE.toLocaleString('en-US')} | ${gotSlice.seconds.toFixed(1)} | ` +
      `${gotSlice.cpuSeconds.toFixed(1)} | ${rate(SLICE, gotSlice.seconds)} | ${gotSlice.maxRssMB.toFixed(0)} MB |`,
    `| arquero fromCSV + groupby/rollup (peer, no validation) | ${SLICE.toLocaleString('en-US')} | ` +
      `${peer.seconds.toFixed(1)} | – | ${rate(SLICE, peer.seconds)} | – |`,
    '',
    `On the 1M slice queuecast is ${(ours / theirs).toFixed(2)}× arquero's rows/s (higher is faster for queuecast).`,
    `Targets on ${n.toLocaleString('en-US')} rows: ≥ 1,000,000 rows/s end to end — ` +
      `${n / gotBig.seconds >= 1e6 ? 'met' : 'NOT met'} (${rate(n, gotBig.seconds)}); peak RSS < 2 GB — ` +
      `${gotBig.maxRssMB < 2048 ? 'met' : 'NOT met'} (${gotBig.maxRssMB.toFixed(0)} MB).`,
    `Machine: ${cpus().length} cores, load average ${load0.toFixed(1)} before and ${load1.toFixed(1)} after ` +
      '(shared with other work: wall times are noisy; CPU seconds are the steadier measure).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else await main();
