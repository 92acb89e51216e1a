/** Writes the sample centre as the DESIGN.md files a report is read from. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../../src/allocate/plan.js';
import { planToJson } from '../../src/allocate/plan-json.js';
import { formatIsoInZone } from '../../src/time/zoned.js';
import { SERVICE_NAMES, TZ } from '../charts/fixtures.js';
import { sampleReportData } from './report-fixture.js';

export interface ReportFiles {
  dir: string;
  forecast: string;
  history: string;
  requirements: string;
  plan: string;
  simulation: string;
  capacity: string;
  scenario: string;
}

export function writeReportFiles(prefix = 'queuecast-report-files-'): ReportFiles {
  const d = sampleReportData();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const iso = (t: string | number) => (typeof t === 'number' ? formatIsoInZone(t, TZ) : t);
  return {
    dir,
    forecast: file(
      'forecast.csv',
      [
        'centre,service,channel,slot_start,mean,p05,p10,p50,p90,p95,p80',
        ...(d.forecast ?? []).map((r) =>
          [
            'ovc',
            r.service,
            r.channel,
            iso(r.slotStart),
            r.mean,
            r.p05,
            r.p10,
            r.p50,
            r.p90,
            r.p95,
            r.p90,
          ].join(','),
        ),
      ].join('\n'),
    ),
    history: file(
      'history.csv',
      [
        'centre,service,channel,slot_start,arrivals',
        ...(d.actual ?? []).map((r) => ['ovc', r.service, r.channel, iso(r.slotStart), r.arrivals].join(',')),
      ].join('\n'),
    ),
    requirements: file(
      'requirements.csv',
      [
        'service,slot_start,servers,servers_integer',
        ...(d.requirements ?? []).map((r) =>
          [r.service, iso(r.slotStart), r.servers, Math.ceil(r.servers)].join(','),
        ),
      ].join('\n'),
    ),
    plan: file('plan.json', planToJson(d.plan as Plan)),
    simulation: file('simulation.json', JSON.stringify({ ...d.simulation, hall: [], extra: 1 })),
    capacity: file('capacity.json', JSON.stringify(d.capacity)),
    scenario: file(
      'scenario.json',
      JSON.stringify({
        centre: { id: 'ovc', name: '示范政务服务中心', timezone: TZ, slotMinutes: 30 },
        services: Object.entries(SERVICE_NAMES).map(([id, name]) => ({
          id,
          name,
          ahtSeconds: 600,
          target: { fraction: 0.8, withinSeconds: 900 },
        })),
      }),
    ),
  };
}
