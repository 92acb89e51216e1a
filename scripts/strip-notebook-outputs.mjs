#!/usr/bin/env node
// Strip outputs, execution counts and run metadata from notebooks, so that their diffs show only what changed in
// the cells. Run it before committing a notebook.
//
//   node scripts/strip-notebook-outputs.mjs [--check] [file.ipynb ...]    (default: notebooks/*.ipynb)
//
// --check changes nothing and exits 1 when a notebook still carries outputs (for CI).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const check = args.includes('--check');
const given = args.filter((a) => a !== '--check');
const files =
  given.length > 0
    ? given
    : readdirSync('notebooks')
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => join('notebooks', f));

/** Cell metadata that records a run or a view, not the notebook's content. */
const RUN_METADATA = ['execution', 'collapsed', 'scrolled', 'jupyter', 'ExecuteTime'];

/** A copy of a JSON value with object keys sorted, as Jupyter writes them. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** The notebook as Jupyter writes it (sorted keys, one-space indent, a final newline), stripped. */
function stripped(text) {
  const nb = JSON.parse(text);
  for (const cell of nb.cells) {
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
    }
    for (const key of RUN_METADATA) delete cell.metadata?.[key];
  }
  delete nb.metadata?.widgets;
  return `${JSON.stringify(sortKeys(nb), null, 1)}\n`;
}

const dirty = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const clean = stripped(text);
  if (clean === text) continue;
  dirty.push(file);
  if (!check) writeFileSync(file, clean);
}
if (check && dirty.length > 0) {
  console.error(`notebooks with outputs (run node scripts/strip-notebook-outputs.mjs): ${dirty.join(', ')}`);
  process.exit(1);
}
console.log(
  `${check ? 'checked' : 'stripped'} ${files.length} notebook(s)${check || dirty.length === 0 ? '' : `, ${dirty.length} changed`}`,
);
