import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { ingestToHistory, ingestVisits, ingestVisitsToFiles } from '../../src/ingest/index.js';

const dir = mkdtempSync(join(tmpdir(), 'queuecast-ingest-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function failure(p: Promise<unknown>): Promise<QueuecastError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof QueuecastError) return e;
    throw e;
  }
  throw new Error('expected a QueuecastError');
}

const header = 'visit_id,service,arrived_at,called_at,completed_at,outcome';
const good = [
  header,
  'v1,tax,2026-12-01 09:00:00,2026-12-01 09:05:00,2026-12-01 09:15:00,served',
  'v2,tax,2026-12-01 09:10:00,2026-12-01 09:12:00,2026-12-01 09:20:00,served',
  'v3,id-card,2026-12-01 09:20:00,,,abandoned',
].join('\n');

describe('ingestVisits: broken files get one clear error naming the file, the line and the rule', () => {
  const cases: [string, () => string, string, RegExp][] = [
    ['a path that does not exist', () => join(dir, 'nope.csv'), 'FILE_NOT_FOUND', /nope\.csv: no such file/],
    ['an empty file', () => file('empty.csv', ''), 'EMPTY_FILE', /empty\.csv: the file is empty \(0 bytes\)/],
    [
      'a file of blank lines',
      () => file('blank.csv', '\n \n'),
      'EMPTY_FILE',
      /blank\.csv: the file is empty/,
    ],
    [
      'a truncated file (last row cut short)',
      () => file('cut.csv', `${good}\nv4,tax,2026-12-01 09:3`),
      'TRUNCATED_FILE',
      /cut\.csv: line 5 \(the last\): the file ends mid-row, it has 3 of the header's 6 fields/,
    ],
    [
      'a truncated file (inside a quoted field)',
      () => file('quote.csv', `${good}\nv4,"tax,2026`),
      'TRUNCATED_FILE',
      /quote\.csv: line 5 \(the last\): the file ends mid-row, a quoted field is never closed/,
    ],
    [
      'a truncated file (short last row, newline kept)',
      () => file('cut-nl.csv', `${good}\nv4,tax\n`),
      'TRUNCATED_FILE',
      /cut-nl\.csv: line 5: the file ends mid-row, the last line has 2 of 6 fields/,
    ],
    [
      'a wrong delimiter',
      () => file('semi.csv', good.replaceAll(',', ';')),
      'WRONG_DELIMITER',
      /semi\.csv: line 1 \(header\): only 1 column with delimiter ",", but 6 with ";"/,
    ],
    [
      'a column of text where times belong',
      () => file('text.csv', `${header}\nv1,tax,soon,,,served\nv2,tax,later,,,served`),
      'BAD_TIME',
      /text\.csv: row 1: arrived_at \(arrived_at\): text where times belong, got "soon"/,
    ],
    [
      'a missing mandatory column',
      () => file('noservice.csv', 'visit_id,arrived_at\nv1,2026-12-01 09:00'),
      'MISSING_COLUMN',
      /noservice\.csv: line 1 \(header\): no column for the mandatory field service/,
    ],
    [
      'a row with too many fields inside the file',
      () => file('wide.csv', `${header}\nv1,tax,2026-12-01 09:00,,,served,extra\n${good.split('\n')[1]}\n`),
      'INVALID_INPUT',
      /wide\.csv: line 2: the row has 7 fields, the header has 6/,
    ],
  ];
  for (const [what, make, code, message] of cases) {
    it(what, async () => {
      const e = await failure(ingestVisits(make()));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
      expect(e.message).not.toContain('\n');
    });
  }

  it('gives the same errors on the history fast path', async () => {
    expect((await failure(ingestToHistory(file('cut2.csv', `${good}\nv4,tax`)))).code).toBe('TRUNCATED_FILE');
    expect((await failure(ingestToHistory(join(dir, 'nope.csv')))).code).toBe('FILE_NOT_FOUND');
  });

  it('reads a header-only file as no rows, with a warning', async () => {
    const r = await ingestVisits(file('header.csv', `${header}\n`));
    expect(r.summary).toMatchObject({ inputRows: 0, accepted: 0, rejected: 0 });
    expect(r.warnings.map((w) => w.code)).toEqual(['no_data_rows']);
  });
});

describe('ingestVisits: file formats', () => {
  it('reads CSV, TSV with CRLF, JSON lines and its own Parquet output alike', async () => {
    const csv = await ingestVisits(file('good.csv', good));
    expect(csv.summary).toMatchObject({ inputRows: 3, accepted: 3, rejected: 0 });
    const tsv = await ingestVisits(
      file('good.tsv', `${good.replaceAll(',', '\t').replaceAll('\n', '\r\n')}\r\n`),
    );
    expect(tsv.visits.toArray()).toEqual(csv.visits.toArray());
    const lines = good
      .split('\n')
      .slice(1)
      .map((l) => {
        const v = l.split(',');
        const o: Record<string, string | number> = {};
        header.split(',').forEach((h, i) => {
          if (v[i] !== '') o[h] = v[i];
        });
        return JSON.stringify(o);
      });
    const jsonl = await ingestVisits(file('good.jsonl', `${lines.join('\n')}\n`));
    expect(jsonl.visits.toArray()).toEqual(csv.visits.toArray());

    const out = join(dir, 'out');
    const written = await ingestVisitsToFiles(file('good2.csv', good), out);
    expect(written.summary.accepted).toBe(3);
    const parquet = await ingestVisits(written.files.visits);
    expect(parquet.visits.toArray()).toEqual(csv.visits.toArray());
    expect(JSON.parse(readFileSync(written.files.summary, 'utf8'))).toMatchObject({
      inputRows: 3,
      warnings: [],
    });
  });

  it('writes rejected rows with their original fields, the row and the reason', async () => {
    const out = join(dir, 'out-rejected');
    const p = file(
      'some-bad.csv',
      `${good}\nv1,tax,2026-12-01 10:00:00,,,served\nv5,tax,"09:00, maybe",,,served\n`,
    );
    const r = await ingestVisitsToFiles(p, out);
    expect(r.summary).toMatchObject({ inputRows: 5, accepted: 3, rejected: 2 });
    expect(readFileSync(r.files.rejected, 'utf8').trim().split('\n')).toEqual([
      'row,visit_id,service,arrived_at,called_at,completed_at,outcome,reason,reason_code',
      '4,v1,tax,2026-12-01 10:00:00,,,served,"duplicate visit id ""v1"" (first at row 1)",duplicate_id',
      '5,v5,tax,"09:00, maybe",,,served,"unparseable arrived_at ""09:00, maybe""",bad_time',
    ]);
  });
});
