import { QueuecastError } from '../errors.js';

/** A parsed CSV text: header names and records, each with the 1-based line it starts on. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/**
 * Parse RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a leading BOM). Every record must have as many
 * fields as the header; a blank last line is allowed. `where` names the source in error messages.
 */
export function parseCsv(text: string, fn: string, where: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new QueuecastError('EMPTY_FILE', `${fn}: ${where} is empty`);
  const records: string[][] = [];
  const lines: number[] = [];
  let field = '';
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= n) {
          throw new QueuecastError(
            'TRUNCATED_FILE',
            `${fn}: ${where} line ${start}: a quoted field is never closed (the file looks truncated)`,
          );
        }
        const q = text.charCodeAt(i);
        if (q === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === 10) line++;
        field += text[i];
        i++;
      }
      continue;
    }
    if (c === 44 /* , */) {
      record.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      record.push(field);
      field = '';
      records.push(record);
      lines.push(recordLine);
      record = [];
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    field += text[i];
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
    lines.push(recordLine);
  }
  const header = records.shift()!.map((h) => h.trim());
  lines.shift();
  const width = header.length;
  const outRecords: string[][] = [];
  const outLines: number[] = [];
  records.forEach((r, k) => {
    if (r.length === 1 && r[0].trim() === '') return;
    if (r.length !== width) {
      throw new QueuecastError(
        'TRUNCATED_FILE',
        `${fn}: ${where} line ${lines[k]}: expected ${width} fields like the header, got ${r.length}`,
      );
    }
    outRecords.push(r);
    outLines.push(lines[k]);
  });
  return { header, records: outRecords, lines: outLines };
}

/** Quote a CSV field when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
