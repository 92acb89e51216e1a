import { describe, expect, it } from 'vitest';
import { ingestVisits, isResidentId } from '../../src/ingest/index.js';

// Reference ID: the worked example of GB 11643-1999 (check character X).
const VALID_ID = '11010519491231002X';
const INVALID_ID = '110105194912310021';
const visit = { service: 'tax', arrived_at: '2026-12-01 09:00' };

describe('isResidentId (ISO 7064 MOD 11-2 check digit)', () => {
  it('accepts valid check characters and refuses wrong ones', () => {
    expect(isResidentId(VALID_ID)).toBe(true);
    expect(isResidentId(VALID_ID.toLowerCase())).toBe(true);
    expect(isResidentId(INVALID_ID)).toBe(false);
    // 44052418800101001: weighted sum 195, 195 mod 11 = 8 → check character '10X98765432'[8] = '4' (by hand).
    expect(isResidentId('440524188001010014')).toBe(true);
    expect(isResidentId('440524188001010018')).toBe(false);
    expect(isResidentId('4405241880010100')).toBe(false);
  });
});

describe('ingestVisits: personal identifiers', () => {
  it('finds resident IDs by value and their check digit, not by the column name', async () => {
    const r = await ingestVisits([
      { ...visit, ref: VALID_ID, other: INVALID_ID },
      { ...visit, ref: 'A-1', other: 'B-2', arrived_at: 'never' },
    ]);
    expect(r.summary.personalData).toEqual([
      {
        column: 'ref',
        kind: 'resident_id',
        action: 'dropped',
        values: 1,
        reason: '1 value(s) hold 18-digit resident ID numbers with a valid check digit',
      },
    ]);
    expect(r.summary.unusedColumns).toEqual(['other']);
    expect(r.rejected[0].fields).toEqual({ service: 'tax', arrived_at: 'never', other: 'B-2' });
  });

  it('finds mobile numbers, names and free text, in notes as well as in their own columns', async () => {
    const r = await ingestVisits([
      {
        ...visit,
        contact: '13812345678',
        customer_name: 'Zhang Wei',
        who: '王伟',
        notes: '代办',
        remark_text: 'short',
        story: 'the applicant came back twice for the same form',
        counter: 'C01',
      },
      {
        ...visit,
        contact: '+86 139 0000 0000',
        customer_name: 'Li Na',
        who: '李娜',
        notes: `身份证 ${VALID_ID} 已核验`,
        remark_text: 'ok',
        story: 'nothing to report on this visit, all documents ok',
        counter: 'C02',
      },
    ]);
    const found = Object.fromEntries(
      r.summary.personalData.map((p) => [p.column, [p.kind, p.action, p.values]]),
    );
    expect(found).toEqual({
      contact: ['mobile', 'dropped', 1],
      customer_name: ['name', 'dropped', 2],
      who: ['name', 'dropped', 2],
      notes: ['resident_id', 'dropped', 1],
      remark_text: ['free_text', 'dropped', 2],
      story: ['free_text', 'dropped', 2],
    });
    expect(r.summary.unusedColumns).toEqual([]);
    expect(r.visits.get(0).counter).toBe('C01');
  });

  it('hashes identifiers with a salt when asked for a link key, and links visits of one person', async () => {
    const rows = [
      { ...visit, phone: '13812345678', notes: 'long free text that is never kept whatever happens' },
      { ...visit, phone: '13812345678', notes: 'another long free text, dropped even with a link key' },
      { ...visit, phone: '13900000000', notes: 'x' },
    ];
    const a = await ingestVisits(rows, { linkKey: { salt: 'pepper' } });
    const keys = a.visits.toArray().map((v) => v.personKey);
    expect(keys[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(a.summary.personalData.map((p) => [p.column, p.action])).toEqual([
      ['phone', 'hashed'],
      ['notes', 'dropped'],
    ]);
    const b = await ingestVisits(rows, { linkKey: { salt: 'salt' } });
    expect(b.visits.get(0).personKey).not.toBe(keys[0]);
    const plain = await ingestVisits(rows);
    expect(plain.visits.get(0).personKey).toBeUndefined();
  });

  it('hashes identifiers found inside visit fields but keeps the field usable', async () => {
    const r = await ingestVisits([
      { ...visit, visit_id: '13812345678' },
      { ...visit, visit_id: '13812345678' },
      { ...visit, visit_id: 'T-3' },
    ]);
    expect(r.summary.personalData).toEqual([
      {
        column: 'visit_id',
        kind: 'mobile',
        action: 'values-hashed',
        values: 2,
        reason: '2 value(s) hold mainland mobile numbers',
      },
    ]);
    const ids = r.visits.toArray().map((v) => v.visitId);
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(ids[1]).toBe('T-3');
    expect(r.rejected[0].code).toBe('duplicate_id');
    expect(r.rejected[0].fields.visit_id).toBe(ids[0]);
    expect(r.rejected[0].reason).not.toContain('13812345678');
  });

  it('drops a column declared personal', async () => {
    const r = await ingestVisits([{ ...visit, member: '42' }], { personalColumns: ['member'] });
    expect(r.summary.personalData.map((p) => [p.column, p.kind, p.action])).toEqual([
      ['member', 'identifier', 'dropped'],
    ]);
  });
});
