import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('examples/booking-system.ts', () => {
  it('runs with tsx and books against the plan’s capacity', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/booking-system.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const capacity = /capacity of the plan: (\d+) appointments over 16 slots/.exec(out);
    expect(capacity).not.toBeNull();
    const requests = /150 requests: (\d+) booked as asked, (\d+) moved to a later slot, (\d+) refused/.exec(
      out,
    );
    expect(requests).not.toBeNull();
    const [asked, moved, refused] = requests!.slice(1).map(Number);
    expect(asked + moved + refused).toBe(150);
    expect(asked + moved).toBeLessThanOrEqual(Number(capacity![1]));
    expect(asked).toBeGreaterThan(0);
    expect(out).toMatch(/µs per query/);
    expect(out).toMatch(/the day's capacity goes from (\d+) to (\d+)/);
    const [from, to] = /goes from (\d+) to (\d+)/.exec(out)!.slice(1).map(Number);
    expect(to).toBeLessThanOrEqual(from);
  });
});
