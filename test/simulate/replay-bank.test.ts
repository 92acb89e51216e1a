import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BankCall,
  bankDays,
  bankReplay,
  parseBankCalls,
  replayBankDays,
} from '../../src/simulate/replay-bank.js';

/**
 * Replay of the real "Anonymous Bank" call centre (February 1999; Brown et al. 2005, JASA) through the simulator.
 *
 * Stated tolerance: with the default reconstruction (call types as services, each agent serving the types they
 * answered that day, agents on duty per 15 minutes from their spells of presence), the simulated mean wait of
 * answered calls and the abandonment share, pooled over the month, are within 15 % of the observed values, and the
 * median error of a busy day (Sunday–Thursday) is within 25 %. Light days (Friday, Saturday) are reported, not
 * bounded: with little traffic an agent's gaps between calls exceed the presence gap, so agents on duty are
 * under-counted there and the simulation over-states waits.
 */
const DATA = new URL('../../../shared/datasets/anonymous-bank-calls-1999-02.tsv', import.meta.url);

let calls: BankCall[];
beforeAll(() => {
  calls = parseBankCalls(readFileSync(DATA, 'utf8'));
});

describe('Anonymous Bank records', () => {
  it('parses every non-PHANTOM call with its times', () => {
    // 33,344 rows, of which 278 PHANTOM (SOURCES.md; counted with awk on the TSV).
    expect(calls).toHaveLength(33_344 - 278);
    const first = calls[0];
    expect(first).toMatchObject({
      date: '1999-02-01',
      type: 'PS',
      queueStartSeconds: null,
      outcome: 'AGENT',
      server: 'DORIT',
    });
    expect(first.serviceStartSeconds).toBe(7 * 3600 + 2 * 60 + 55);
    expect(
      calls.every((c) => c.serviceEndSeconds === null || c.serviceEndSeconds >= c.serviceStartSeconds!),
    ).toBe(true);
  });

  it('rejects a file without the needed columns or with bad times', () => {
    expect(() => parseBankCalls('a\tb\n1\t2')).toThrowError(
      expect.objectContaining({ code: 'MISSING_COLUMN' }),
    );
    const header =
      'date\tpriority\ttype\tvru_exit\tq_start\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';
    expect(() =>
      parseBankCalls(`${header}\n990201\t0\tPS\t7:00\t0:00:00\t0\tAGENT\t7:00:01\t7:01:00\t59\tX`),
    ).toThrowError(expect.objectContaining({ code: 'BAD_TIME' }));
  });

  it('rebuilds arrivals, agents on duty, skills and patience per day', () => {
    const days = bankDays(calls);
    expect(days).toHaveLength(28);
    expect(days.reduce((a, d) => a + d.observed.arrivals, 0)).toBe(30_639);
    const feb17 = days.find((d) => d.date === '1999-02-17')!;
    const morning = feb17.onDuty.slice(40, 44).map((a) => a.length);
    expect(Math.min(...morning)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...morning)).toBeLessThanOrEqual(9);
    expect(feb17.services).toContain('PS');
    expect(Object.values(feb17.skills).some((s) => s.length < feb17.services.length)).toBe(true);
    expect(feb17.patienceSeconds.PS).toBeGreaterThan(60);
    expect(feb17.observed.abandonShare).toBeCloseTo(0.21, 2);
    const { scenario, plan } = bankReplay(feb17);
    expect(scenario.centre.slotMinutes).toBe(15);
    expect(plan.assignments.length).toBe(feb17.onDuty.reduce((a, x) => a + x.length, 0));
  });
});

describe('replaying the bank through the simulator', () => {
  it('reproduces observed waits and abandonment within the stated tolerance', () => {
    const { rows, pooled } = replayBankDays(bankDays(calls), { replications: 12, seed: 1 });
    expect(Math.abs(pooled.simulatedMeanWaitSeconds / pooled.observedMeanWaitSeconds - 1)).toBeLessThan(0.15);
    expect(Math.abs(pooled.simulatedAbandonShare / pooled.observedAbandonShare - 1)).toBeLessThan(0.15);
    const busy = rows.filter((r) => r.weekday !== 5 && r.weekday !== 6);
    expect(busy).toHaveLength(20);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(
      median(busy.map((r) => Math.abs(r.simulatedMeanWaitSeconds / r.observedMeanWaitSeconds - 1))),
    ).toBeLessThan(0.25);
    expect(
      median(busy.map((r) => Math.abs(r.simulatedAbandonShare / r.observedAbandonShare - 1))),
    ).toBeLessThan(0.25);
  });

  it('misses badly with the naive reconstruction (every agent seen in the hour, one pooled queue)', () => {
    const days = bankDays(calls, { agents: 'active', slotMinutes: 60, skills: false }).filter(
      (d) => d.date <= '1999-02-04',
    );
    const { pooled } = replayBankDays(days, { replications: 5, seed: 1 });
    // Agents are not fully available to the queue (other work, skills): counting all of them halves the wait or worse.
    expect(pooled.simulatedMeanWaitSeconds).toBeLessThan(0.5 * pooled.observedMeanWaitSeconds);
    expect(pooled.simulatedAbandonShare).toBeLessThan(0.5 * pooled.observedAbandonShare);
  });
});
