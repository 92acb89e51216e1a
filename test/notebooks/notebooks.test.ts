import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Executes every notebook with Jupyter and the tslab kernel, through scripts/run-notebooks.sh (which installs tslab
// when it is missing and rebuilds dist/ when it is stale). Jupyter itself must be installed: CI's .ci/run does
// `apt-get install -y jupyter-nbconvert python3-ipykernel`. Each notebook takes 20–60 s.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const notebooks = readdirSync(join(root, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb'))
  .sort();
const outDir = mkdtempSync(join(tmpdir(), 'queuecast-notebooks-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Output {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string | string[];
  readonly ename?: string;
  readonly evalue?: string;
  readonly data?: Record<string, unknown>;
}
interface Cell {
  readonly cell_type: string;
  readonly source: string | string[];
  readonly execution_count?: number | null;
  readonly metadata: { readonly execution?: Record<string, string> };
  readonly outputs?: readonly Output[];
}

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join('') : (t ?? ''));

/** Why Jupyter cannot run here, or null when it can. */
function jupyterMissing(): string | null {
  try {
    execFileSync('jupyter', ['nbconvert', '--version'], { stdio: 'pipe' });
    return null;
  } catch {
    return (
      'jupyter nbconvert is not installed, so the notebooks cannot be executed. Install it with ' +
      '`apt-get install -y jupyter-nbconvert python3-ipykernel` (.ci/run does); scripts/run-notebooks.sh then ' +
      'installs the tslab kernel itself.'
    );
  }
}

describe('notebooks', () => {
  it('are committed without outputs', () => {
    expect(notebooks.length).toBe(4);
    for (const file of notebooks) {
      const nb = JSON.parse(readFileSync(join(root, 'notebooks', file), 'utf8'));
      expect(nb.metadata.kernelspec.name, file).toBe('tslab');
      for (const cell of nb.cells as Cell[]) {
        if (cell.cell_type !== 'code') continue;
        expect(cell.outputs, `${file}: run node scripts/strip-notebook-outputs.mjs`).toEqual([]);
        expect(cell.execution_count, file).toBeNull();
      }
    }
  });

  for (const file of notebooks) {
    it(`${file} runs top to bottom without an error`, { timeout: 600_000 }, async () => {
      const missing = jupyterMissing();
      if (missing !== null) expect.fail(missing);
      const result = await run('bash', ['scripts/run-notebooks.sh', `notebooks/${file}`], {
        cwd: root,
        env: { ...process.env, NOTEBOOK_OUT_DIR: outDir },
        maxBuffer: 1 << 24,
      }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
        expect.fail(`scripts/run-notebooks.sh failed on ${file}:\n${e.stderr ?? ''}${e.stdout ?? e.message}`);
      });
      expect(result.stdout).toContain(`ok    notebooks/${file}`);

      const executed = JSON.parse(readFileSync(join(outDir, file), 'utf8'));
      const cells = (executed.cells as Cell[]).filter((c) => c.cell_type === 'code');
      let charts = 0;
      for (const [i, cell] of cells.entries()) {
        const where = `${file}, code cell ${i + 1}: ${text(cell.source).split('\n')[0]}`;
        // nbclient stamps each cell it ran (tslab leaves execution_count empty).
        expect(cell.metadata.execution?.['iopub.status.idle'], where).toEqual(expect.any(String));
        for (const o of cell.outputs ?? []) {
          // tslab reports compile and run-time errors on stderr; Jupyter's own error outputs are 'error'.
          expect(o.output_type, `${where}\n${o.ename ?? ''}: ${o.evalue ?? ''}`).not.toBe('error');
          if (o.output_type === 'stream') expect(o.name === 'stderr' ? text(o.text) : '', where).toBe('');
          if (o.data?.['image/svg+xml'] !== undefined) charts++;
        }
      }
      expect(charts, `${file} shows its charts`).toBeGreaterThan(0);
    });
  }
});
