import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type IngestResult, ingestToHistory, ingestVisits } from '../../src/ingest/index.js';

const path = fileURLToPath(
  new URL('../../../shared/datasets/anonymous-bank-calls-1999-02.tsv', import.meta.url),
);

/** The file read independently of ingest: tab-separated, CRLF, header first. */
function rawRows(): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\r\n');
  const names = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])));
}

describe('ingestVisits with the anonymous-bank preset (../shared/datasets, 33,344 calls)', () => {
  let r: IngestResult;
  let raw: Record<string, string>[];
  beforeAll(async () => {
    raw = rawRows();
    r = await ingestVisits(path, { preset: 'anonymous-bank' });
  });

  it('accounts for every row: accepted + rejected = 33,344', () => {
    expect(raw.length).toBe(33_344);
    expect(r.summary.inputRows).toBe(33_344);
    expect(r.summary.accepted + r.summary.rejected).toBe(33_344);
    expect(r.visits.length + r.rejected.length).toBe(33_344);
  });

  it('rejects every PHANTOM call with the reason "phantom call"', () => {
    const phantoms = raw.filter((x) => x.outcome === 'PHANTOM').length;
    expect(phantoms).toBe(278);
    const rejected = r.rejected.filter((x) => x.fields.outcome === 'PHANTOM');
    expect(rejected.length).toBe(phantoms);
    for (const x of rejected) {
      expect(x.code).toBe('excluded_value');
      expect(x.reason).toBe('phantom call (outcome "PHANTOM")');
    }
  });

  it('matches the file’s own mean ser_time per type within 1 s', () => {
    const expected = new Map<string, { sum: number; n: number }>();
    for (const x of raw) {
      if (x.outcome !== 'AGENT' || x.ser_start === '0:00:00') continue;
      const e = expected.get(x.type) ?? { sum: 0, n: 0 };
      e.sum += Number(x.ser_time);
      e.n++;
      expected.set(x.type, e);
    }
    const got = new Map<string, { sum: number; n: number }>();
    for (const v of r.visits) {
      if (v.outcome !== 'served' || v.calledAt === null || v.completedAt === null) continue;
      const g = got.get(v.service) ?? { sum: 0, n: 0 };
      g.sum += (v.completedAt - v.calledAt) / 1000;
      g.n++;
      got.set(v.service, g);
    }
    expect([...got.keys()].sort()).toEqual(['IN', 'NE', 'NW', 'PE', 'PS', 'TT']);
    for (const [type, e] of expected) {
      const g = got.get(type);
      expect(g).toBeDefined();
      expect(Math.abs((g?.sum ?? 0) / (g?.n ?? 1) - e.sum / e.n)).toBeLessThan(1);
    }
  });

  it('drops customer_id, keeps calls that cross midnight, and maps outcomes and staff', () => {
    expect(r.summary.personalData.map((p) => [p.column, p.action])).toEqual([['customer_id', 'dropped']]);
    expect(r.rejected.every((x) => !('customer_id' in x.fields))).toBe(true);
    // Rejected rows keep the original text, null markers included.
    const hangup = r.rejected.find((x) => x.code === 'missing_time');
    expect(hangup?.fields).toMatchObject({ q_start: '0:00:00', ser_start: '0:00:00', server: 'NO_SERVER' });
    expect(hangup?.reason).toBe('missing arrived_at (q_start, else ser_start)');
    // AA0102-31307 entered 23:59:32 on 1999-02-20 (Israel, UTC+2) and ended 0:01:28 the next day.
    const v = r.visits.toArray().find((x) => x.visitId === 'AA0102-31307');
    expect(v).toMatchObject({
      service: 'PS',
      channel: 'walk_in',
      outcome: 'served',
      staff: 'DARMON',
      calledAt: Date.parse('1999-02-20T21:59:43Z'),
      completedAt: Date.parse('1999-02-20T22:01:28Z'),
    });
    const outcomes = new Set(r.visits.toArray().map((x) => x.outcome));
    expect([...outcomes].sort()).toEqual(['abandoned', 'served']);
  });

  it('gives the same counts on the history fast path', async () => {
    const h = await ingestToHistory(path, { preset: 'anonymous-bank', slotMinutes: 60 });
    expect(h.summary.rejectedByCode).toEqual(r.summary.rejectedByCode);
    const arrivals = h.history.rows.reduce((a, x) => a + x.arrivals, 0);
    expect(arrivals).toBe(r.summary.accepted);
    expect(h.history.timezone).toBe('Asia/Jerusalem');
    expect(h.firstRejectedRow.excluded_value).toBe(r.rejected.find((x) => x.code === 'excluded_value')?.row);
  });
});
