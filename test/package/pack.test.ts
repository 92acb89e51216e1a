import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'qc-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 240_000,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${err.stdout ?? ''}\n${err.stderr ?? err.message}`,
    );
  }
}

/** An ESM TypeScript consumer: typed imports from 'queuecast', a hand-made plan, one capacity call. */
const CONSUMER = `import { appointmentCapacity, type CapacityResult, type CapacityRow, parseScenario, type Plan } from 'queuecast';

const slots = ['2026-12-01T09:00:00+08:00', '2026-12-01T09:30:00+08:00', '2026-12-01T10:00:00+08:00'];
const { scenario } = parseScenario({
  services: [{ id: 'tax', ahtSeconds: 600, noShowRate: 0.1, target: { fraction: 0.8, withinSeconds: 900 } }],
  demand: slots.map((slotStart) => ({ service: 'tax', channel: 'walk_in', slotStart, expected: 4, p80: 6 })),
});
const plan: Plan = {
  status: 'feasible',
  assignments: slots.flatMap((slotStart) =>
    ['C1', 'C2', 'C3'].map((counter) => ({ slotStart, counter, staff: \`\${counter}-person\`, services: ['tax'] })),
  ),
  shifts: [],
  expected: [],
  shortfalls: [],
  summary: { staffMinutes: 270, counterMinutes: 270, lowerBoundStaffMinutes: 0, targetsMetFraction: 1, solveMilliseconds: 0 },
};
const result: CapacityResult = appointmentCapacity(scenario, plan, { walkInQuantile: 'p80' });
const first: CapacityRow = result.capacity[0];
console.log(JSON.stringify({ rows: result.capacity.length, total: result.summary.maxAppointments, first: first.maxAppointments }));
`;

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('packs, installs into an empty project, type-checks an ESM TypeScript import and runs it', () => {
    // npm pack runs "prepare" (the build into dist/).
    const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], root)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0].files.map((f) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('bin/queuecast.js');
    expect(files).toContain('schemas/capacity-result.schema.json');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);

    const project = join(work, 'consumer');
    mkdirSync(project);
    // The consumer pins what queuecast's own package.json overrides (npm ignores a dependency's overrides).
    const overrides =
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { overrides?: object }).overrides ??
      {};
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module', overrides }),
    );
    run(
      npm,
      [
        'install',
        join(work, packed[0].filename),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      project,
    );
    writeFileSync(join(project, 'consumer.ts'), CONSUMER);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          verbatimModuleSyntax: true,
          types: [],
          outDir: 'out',
        },
        files: ['consumer.ts'],
      }),
    );
    run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    const out = JSON.parse(run(process.execPath, ['out/consumer.js'], project)) as {
      rows: number;
      total: number;
      first: number;
    };
    expect(out.rows).toBe(3);
    expect(out.total).toBeGreaterThan(0);
    expect(out.first).toBeGreaterThanOrEqual(0);
    // The CLI is installed as a bin and lists the capacity command.
    const cli = join(project, 'node_modules/.bin/queuecast');
    expect(run(cli, ['--help'], project)).toMatch(/capacity\s+appointments the booking system may release/);
  }, 300_000);
});
