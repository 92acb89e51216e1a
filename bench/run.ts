/**
 * Runs every bench/*.bench.ts in its own process (one at a time, so timings do not compete) and writes their
 * markdown sections, with the machine, to bench/RESULTS.md.
 *
 * Usage: npm run bench [-- name ...]   (names filter the benchmarks, e.g. `npm run bench -- queueing`)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const sections = new Map<string, string>();
let failed = 0;
for (const f of files) {
  process.stderr.write(`bench: ${f}\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, f)], {
    cwd: join(here, '..'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed++;
    sections.set(f, `## ${f}\n\nFAILED (exit ${r.status}) after ${seconds} s.`);
  } else {
    sections.set(
      f,
      `${r.stdout.trim()}\n\n_(${f}, ${seconds} s wall, ${new Date().toISOString().slice(0, 10)})_`,
    );
  }
  process.stdout.write(`${r.stdout}\n`);
}

const cpu = cpus();
const machine = `${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const header = [
  '# Benchmark results',
  '',
  `Latest run: ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
  'Reproduce with `npm run bench` (or `npm run bench -- NAME` for one). Each benchmark checks its answer before',
  'timing it and compares against the named peer in the same run.',
  '',
].join('\n');
// Sections of benchmarks not run this time are kept from the previous RESULTS.md.
const resultsPath = join(here, 'RESULTS.md');
const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
const marker = /<!-- bench:(\S+) -->\n([\s\S]*?)\n<!-- \/bench -->/g;
for (const m of previous.matchAll(marker)) if (!sections.has(m[1])) sections.set(m[1], m[2]);
const body = [...sections.keys()]
  .sort()
  .map((k) => `<!-- bench:${k} -->\n${sections.get(k)}\n<!-- /bench -->`)
  .join('\n\n');
writeFileSync(resultsPath, `${header}\n${body}\n`);
process.exitCode = failed > 0 ? 1 : 0;
