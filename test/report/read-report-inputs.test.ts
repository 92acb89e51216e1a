import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import { readReportInputs } from '../../src/report/index.js';
import { writeReportFiles } from './report-files.js';
import { sampleReportData } from './report-fixture.js';

const files = writeReportFiles();
const expected = sampleReportData();

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof QueuecastError ? `${e.code}: ${e.message}` : `not a QueuecastError: ${String(e)}`;
  }
  return 'no error';
}

function write(name: string, text: string): string {
  writeFileSync(join(files.dir, name), text);
  return join(files.dir, name);
}

describe('readReportInputs', () => {
  it('reads every DESIGN.md file into ReportData', () => {
    const { data, warnings } = readReportInputs(files);
    expect(data.centre).toEqual({ id: 'ovc', name: '示范政务服务中心' });
    expect(data.timezone).toBe('Asia/Shanghai');
    expect(data.services?.map((s) => [s.id, s.name, s.target?.fraction])).toEqual(
      expected.services?.map((s) => [s.id, s.name, 0.8]),
    );
    expect(data.forecast).toHaveLength(expected.forecast?.length ?? -1);
    expect(data.forecast?.[0]).toEqual({
      centre: 'ovc',
      service: 'tax',
      channel: 'walk_in',
      slotStart: '2026-12-01T09:00:00+08:00',
      mean: expected.forecast?.[0].mean,
      p05: expected.forecast?.[0].p05,
      p10: expected.forecast?.[0].p10,
      p50: expected.forecast?.[0].p50,
      p90: expected.forecast?.[0].p90,
      p95: expected.forecast?.[0].p95,
    });
    expect(data.actual?.map((r) => [r.service, r.channel, r.slotStart, r.arrivals])).toEqual(
      expected.actual?.map((r) => [r.service, r.channel, r.slotStart, r.arrivals]),
    );
    expect(data.requirements?.map((r) => r.servers)).toEqual(expected.requirements?.map((r) => r.servers));
    expect(data.plan).toEqual(expected.plan);
    expect(data.simulation?.slots).toEqual(expected.simulation?.slots);
    expect(data.capacity?.capacity).toEqual(expected.capacity?.capacity);
    expect(warnings).toEqual([
      'simulation.json: unknown field hall ignored',
      'simulation.json: unknown field extra ignored',
    ]);
  });

  it('takes the centre from the forecast or the options when there is no scenario', () => {
    expect(readReportInputs({ forecast: files.forecast }).data.centre).toEqual({ id: 'ovc' });
    const { data } = readReportInputs({ plan: files.plan }, { centreId: 'hall-2', timezone: 'Europe/Paris' });
    expect([data.centre.id, data.timezone]).toEqual(['hall-2', 'Europe/Paris']);
  });

  it('names the file, line and value of bad input', () => {
    expect(codeOf(() => readReportInputs({ plan: join(files.dir, 'nope.json') }))).toMatch(/^FILE_NOT_FOUND/);
    expect(codeOf(() => readReportInputs({ forecast: write('empty.csv', '\n') }))).toMatch(/^EMPTY_FILE/);
    expect(
      codeOf(() =>
        readReportInputs({ forecast: write('semi.csv', 'slot_start;mean\n2026-12-01T09:00;1\n') }),
      ),
    ).toMatch(/^WRONG_DELIMITER/);
    expect(
      codeOf(() =>
        readReportInputs({
          forecast: write('nop95.csv', 'slot_start,mean,p05,p10,p50,p90\n2026-12-01T09:00,1,1,1,1,1\n'),
        }),
      ),
    ).toBe(
      'MISSING_COLUMN: readReportInputs: nop95.csv: missing column "p95" (header: slot_start,mean,p05,p10,p50,p90)',
    );
    expect(
      codeOf(() =>
        readReportInputs({
          forecast: write(
            'bad.csv',
            'slot_start,mean,p05,p10,p50,p90,p95\n2026-12-01T09:00,1,1,1,1,1,1\n2026-12-01T09:30,x,1,1,1,1,1\n',
          ),
        }),
      ),
    ).toBe('INVALID_INPUT: readReportInputs: bad.csv: line 3: mean must be a number, got "x"');
    expect(
      codeOf(() =>
        readReportInputs({ requirements: write('req.csv', 'service,slot_start,servers\ntax,tomorrow,2\n') }),
      ),
    ).toBe(
      'BAD_TIME: readReportInputs: req.csv: line 2: slot_start must be an ISO 8601 time, got "tomorrow"',
    );
    expect(codeOf(() => readReportInputs({ plan: write('plan-bad.json', '{"status": "maybe"}') }))).toMatch(
      /^INVALID_INPUT: parsePlan: status/,
    );
    expect(
      codeOf(() =>
        readReportInputs({ simulation: write('sim-bad.json', '{"services": [], "slots": [{}]}') }),
      ),
    ).toMatch(/^INVALID_INPUT: readReportInputs: sim-bad.json: slots\.0\.service/);
    expect(codeOf(() => readReportInputs({ capacity: write('cap-bad.json', '{ not json') }))).toMatch(
      /^INVALID_INPUT: readReportInputs: cap-bad.json: not valid JSON/,
    );
  });
});
