import { describe, expect, it } from 'vitest';
import type { Assignment, Shift } from '../../src/allocate/plan.js';
import { openHoursAxis } from '../../src/charts/chart-data.js';
import {
  capacityChart,
  counterTimelineChart,
  type ForecastChartRow,
  forecastChart,
  loadHeatmapChart,
  staffingChart,
  toChartTime,
  waitOutcomesChart,
} from '../../src/charts/index.js';
import { QueuecastError } from '../../src/errors.js';
import { SERVICE_NAMES, sampleCentre, TZ } from './fixtures.js';

type Row = Record<string, unknown>;
const HOUR = 3_600_000;
const MIN = 60_000;

/** Data rows of a spec. */
function rowsOf(spec: unknown): Row[] {
  return (spec as { data: { values: Row[] } }).data.values;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof QueuecastError ? e.code : `not a QueuecastError: ${String(e)}`;
  }
  return 'no error';
}

const s = sampleCentre();
const o = { timezone: TZ, serviceNames: SERVICE_NAMES };

function fc(slotStart: string | number, service = 'tax', mean = 10): ForecastChartRow {
  return { service, slotStart, mean, p05: mean - 5, p10: mean - 4, p50: mean, p90: mean + 4, p95: mean + 5 };
}

describe('toChartTime', () => {
  it('shows the centre wall-clock time in UTC fields', () => {
    // 01:00 UTC is 09:00 in Shanghai (UTC+8, no DST since 1991).
    expect(toChartTime(Date.parse('2026-12-01T01:00:00Z'), 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 1, 9));
    // New York in July is UTC−4 (EDT).
    expect(toChartTime(Date.parse('2026-07-01T13:00:00Z'), 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 9));
  });
});

describe('openHoursAxis', () => {
  // Two dates open 09:00–12:00 (30-minute slots, last slot 11:30): blocks of 3 h and a gap of max(2 slots, 20 %)
  // = 1 h; 1000 px make a block 429 px wide, enough for hourly ticks.
  const t = (day: number, hour: number) => Date.UTC(2026, 11, day, Math.floor(hour), (hour % 1) * 60);
  const times = [t(1, 9), t(1, 11.5), t(2, 9), t(2, 11.5)];
  const axis = openHoursAxis(times, 30 * MIN, 1000, TZ);

  it('lays dates side by side over their open hours only', () => {
    expect(times.map((x) => axis.at(x))).toEqual([0, 2.5 * HOUR, 4 * HOUR, 6.5 * HOUR]);
    expect(axis.encoding('x').scale.domain).toEqual([0, 7 * HOUR]);
  });

  it("labels ticks with clock times and each block's first tick with its date", () => {
    const enc = axis.encoding('x');
    expect(enc.axis?.values).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((h) => h * HOUR));
    const labels = JSON.parse(enc.axis?.labelExpr.replace(/\[datum\.value\]$/, '') ?? '{}');
    expect(labels[String(0)]).toEqual(['09:00', 'Tue 01 Dec']);
    expect(labels[String(4 * HOUR)]).toEqual(['09:00', 'Wed 02 Dec']);
    expect(labels[String(7 * HOUR)]).toEqual(['12:00', '']);
    expect(enc.axis?.title).toBe('Local time (Asia/Shanghai)');
    expect(axis.encoding('x2', false)).not.toHaveProperty('axis');
  });

  it("leaves out a date's closing tick when it would crowd the next date's opening one", () => {
    // Five dates open 09:00–18:00 in 720 px: 9 h blocks, 1.8 h gaps, 13.8 px per hour, so ticks every 3 h; 18:00
    // would sit 1.8 h = 25 px before the next 09:00.
    const week = [1, 2, 3, 4, 5].flatMap((d) => [t(d, 9), t(d, 17.5)]);
    const enc = openHoursAxis(week, 30 * MIN, 720, TZ).encoding('x');
    const labels = JSON.parse(enc.axis?.labelExpr.replace(/\[datum\.value\]$/, '') ?? '{}');
    const clocks = (enc.axis?.values ?? []).map((v) => labels[String(v)][0]);
    expect(clocks).toEqual([
      ...Array(4).fill(['09:00', '12:00', '15:00']).flat(),
      '09:00',
      '12:00',
      '15:00',
      '18:00',
    ]);
  });
});

describe('forecastChart', () => {
  it('places slots at local time on the open-hours axis, whatever the time format', () => {
    const spec = forecastChart(
      [fc('2026-12-01T01:00:00Z'), fc('2026-12-01T09:30:00'), fc(Date.parse('2026-12-01T10:00:00+08:00'))],
      [],
      o,
    );
    const rows = rowsOf(spec);
    expect(rows.map((r) => r.x)).toEqual([0, 0.5 * HOUR, HOUR]);
    expect(rows.map((r) => r.time)).toEqual(['2026-12-01 09:00', '2026-12-01 09:30', '2026-12-01 10:00']);
    expect(JSON.stringify(spec)).toContain('Tue 01 Dec');
  });

  it('names series by service, adding the channel only where a service has several', () => {
    const spec = forecastChart(s.forecast, [], o) as { facet: { row: { sort: string[] } } };
    expect(spec.facet.row.sort).toEqual([
      '税务登记 · walk-in',
      '税务登记 · appointment',
      '企业开办',
      '社会保险',
    ]);
  });

  it('breaks lines over the lunch closure and between days', () => {
    const rows = rowsOf(forecastChart(s.forecast, [], o)).filter((r) => r.series === '企业开办');
    const runs = [...new Set(rows.map((r) => r.run))];
    expect(runs).toEqual([0, 1, 2, 3]);
    expect(rows.filter((r) => r.run === 0).map((r) => r.x)).toEqual(
      [0, 0.5, 1, 1.5, 2, 2.5].map((h) => h * HOUR),
    );
  });

  it('keeps the busiest series when asked to', () => {
    const spec = forecastChart(
      [fc('2026-12-01T09:00', 'a', 5), fc('2026-12-01T09:00', 'b', 50), fc('2026-12-01T09:00', 'c', 20)],
      [],
      { ...o, maxSeries: 2 },
    ) as { facet: { row: { sort: string[] } }; title: { subtitle: string } };
    expect(spec.facet.row.sort).toEqual(['b', 'c']);
    expect(spec.title.subtitle).toContain('the 2 busiest of 3 series');
    expect(codeOf(() => forecastChart(s.forecast, [], { maxSeries: 0 }))).toBe('INVALID_ARGUMENT');
  });

  it('joins actual arrivals to their slots and leaves out those outside the forecast span', () => {
    const actual = [
      { service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', arrivals: 7 },
      { service: 'tax', slotStart: '2026-11-30T09:00:00+08:00', arrivals: 99 },
      { service: 'other', slotStart: '2026-12-01T09:00:00+08:00', arrivals: 98 },
    ];
    const rows = rowsOf(
      forecastChart([fc('2026-12-01T09:00:00+08:00'), fc('2026-12-01T09:30:00+08:00')], actual, o),
    );
    expect(rows.map((r) => r.actual)).toEqual([7, null]);
  });

  it('shows an actual legend entry only when there are actuals', () => {
    const domain = (spec: unknown) =>
      (spec as { spec: { layer: { encoding: { color?: { scale: { domain: string[] } } } }[] } }).spec.layer[0]
        .encoding.color?.scale.domain;
    expect(domain(forecastChart(s.forecast, [], o))).toEqual([
      '90 % interval',
      '80 % interval',
      'median forecast',
    ]);
    expect(domain(forecastChart(s.forecast, s.actual, o))).toContain('actual');
  });

  it('does not mutate its input', () => {
    const rows = [fc('2026-12-01T09:00:00+08:00')];
    const before = JSON.stringify(rows);
    forecastChart(rows, [{ service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', arrivals: 3 }], o);
    expect(JSON.stringify(rows)).toBe(before);
  });

  it('rejects bad input with codes', () => {
    expect(codeOf(() => forecastChart([fc('1 Dec 2026')], [], o))).toBe('BAD_TIME');
    expect(codeOf(() => forecastChart([{ ...fc('2026-12-01T09:00'), p90: Number.NaN }], [], o))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => forecastChart([fc('2026-12-01T09:00'), fc('2026-12-01T09:00')], [], o))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => forecastChart([fc('2026-12-01T09:00')], [], { timezone: 'Mars/Olympus' }))).toBe(
      'UNKNOWN_TIMEZONE',
    );
    expect(codeOf(() => forecastChart([fc('2026-12-01T09:00')], [], { width: -1 }))).toBe('INVALID_ARGUMENT');
  });
});

describe('loadHeatmapChart', () => {
  it('sums the mean over all series in a cell', () => {
    const rows = rowsOf(loadHeatmapChart(s.forecast, o));
    const expected = s.forecast
      .filter((r) => r.slotStart === '2026-12-01T09:00:00+08:00')
      .reduce((sum, r) => sum + r.mean, 0);
    const cell = rows.find((r) => r.row === 'Tue 2026-12-01' && r.slot === '09:00');
    expect(cell?.arrivals).toBeCloseTo(expected, 2);
    expect(rows).toHaveLength(2 * 13);
  });

  it('averages over the dates of a weekday in the weekday layout', () => {
    // Mondays 2026-11-30 (10 arrivals) and 2026-12-07 (20 arrivals): mean 15.
    const rows = rowsOf(
      loadHeatmapChart(
        [fc('2026-11-30T09:00:00+08:00', 'tax', 10), fc('2026-12-07T09:00:00+08:00', 'tax', 20)],
        {
          ...o,
          layout: 'weekday',
        },
      ),
    );
    expect(rows).toEqual([{ row: 'Mon', rowOrder: 0, slot: '09:00', arrivals: 15, days: 2 }]);
  });

  it('switches to the weekday layout beyond 14 dates', () => {
    const many = Array.from({ length: 15 }, (_, d) => fc(Date.parse('2026-12-01T01:00:00Z') + d * 24 * HOUR));
    const rows = rowsOf(loadHeatmapChart(many, o));
    expect(new Set(rows.map((r) => r.row)).size).toBe(7);
  });

  it('rejects an unknown layout', () => {
    expect(codeOf(() => loadHeatmapChart(s.forecast, { layout: 'month' as 'date' }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('staffingChart', () => {
  const t = (hhmm: string) => `2026-12-01T${hhmm}:00+08:00`;
  const assignments: Assignment[] = [
    { slotStart: t('09:00'), counter: 'C1', staff: 'A', services: ['tax'] },
    { slotStart: t('09:00'), counter: 'C2', staff: null, services: ['tax'] },
    { slotStart: t('09:30'), counter: 'C1', staff: 'A', services: ['tax'] },
  ];
  const shifts: Shift[] = [
    { staff: 'A', start: t('09:00'), end: t('10:00'), breaks: [] },
    { staff: 'B', start: t('09:00'), end: t('10:00'), breaks: [{ start: t('09:30'), end: t('10:00') }] },
  ];
  const requirements = [
    { service: 'tax', slotStart: t('09:00'), servers: 1.5 },
    { service: 'vat', slotStart: t('09:00'), servers: 0.75 },
    { service: 'tax', slotStart: t('09:30'), servers: 1 },
  ];
  const rows = rowsOf(staffingChart({ requirements, assignments, shifts }, o));
  // One date, 09:00–10:00: positions are hours after 09:00; each line ends at its last slot's end.
  const series = (m: string) => rows.filter((r) => r.measure === m).map((r) => [r.x, r.value]);

  it('sums requirements, counts staffed counters, and counts people on shift outside breaks', () => {
    expect(series('servers needed')).toEqual([
      [0, 2.25],
      [0.5 * HOUR, 1],
      [HOUR, 1],
    ]);
    expect(series('servers planned')).toEqual([
      [0, 1],
      [0.5 * HOUR, 1],
      [HOUR, 1],
    ]);
    expect(series('staff on shift')).toEqual([
      [0, 2],
      [0.5 * HOUR, 1],
      [HOUR, 1],
    ]);
  });

  it('draws only the lines it has data for', () => {
    const only = rowsOf(staffingChart({ shifts }, o));
    expect(new Set(only.map((r) => r.measure))).toEqual(new Set(['staff on shift']));
  });
});

describe('counterTimelineChart', () => {
  const t = (hhmm: string, day = '01') => `2026-12-${day}T${hhmm}:00+08:00`;
  const a = (
    slot: string,
    counter: string,
    staff: string | null,
    services: string[],
    day = '01',
  ): Assignment => ({
    slotStart: t(slot, day),
    counter,
    staff,
    services,
  });
  const rows = rowsOf(
    counterTimelineChart(
      [
        a('09:00', 'C1', 'S1', ['tax']),
        a('09:30', 'C1', 'S1', ['tax']),
        a('10:00', 'C1', 'S2', ['tax']),
        a('09:00', 'C2', null, ['social-insurance', 'tax']),
        a('09:00', 'C1', 'S1', ['tax'], '02'),
      ],
      o,
    ),
  );

  it('merges consecutive slots with the same person and services into one bar', () => {
    const c1 = rows.filter((r) => r.counter === 'C1' && r.date === 'Tue 2026-12-01');
    expect(c1.map((r) => [r.staff, r.from, r.to])).toEqual([
      ['S1', 9 * HOUR, 10 * HOUR],
      ['S2', 10 * HOUR, 10.5 * HOUR],
    ]);
  });

  it('labels unstaffed counters and joins the services of one-stop counters', () => {
    const c2 = rows.find((r) => r.counter === 'C2');
    expect(c2?.staff).toBe('(nobody)');
    expect(c2?.services).toBe('社会保险 + 税务登记');
  });

  it('draws one panel per date', () => {
    expect(new Set(rows.map((r) => r.date))).toEqual(new Set(['Tue 2026-12-01', 'Wed 2026-12-02']));
  });

  it('gives every service set its own colour, even past the ten of the default scheme', () => {
    const many = Array.from({ length: 25 }, (_, i) => a('09:00', `C${i}`, `S${i}`, [`svc${i}`]));
    const spec = counterTimelineChart(many, o) as unknown as {
      spec: { layer: { encoding: { color?: { scale: { domain: string[]; range: string[] } } } }[] };
    };
    const scale = spec.spec.layer[0].encoding.color?.scale;
    expect(scale?.domain).toHaveLength(25);
    expect(new Set(scale?.range).size).toBe(25);
  });
});

describe('waitOutcomesChart', () => {
  const slots = [
    { service: 'tax', slotStart: '2026-12-01T09:00:00+08:00', serviceLevel: 0.98, serviceLevelCI: 0.05 },
    { service: 'tax', slotStart: '2026-12-01T09:30:00+08:00', serviceLevel: 0.03, serviceLevelCI: 0.05 },
  ];

  it('clips the confidence interval to 0–1 and carries the target', () => {
    const rows = rowsOf(waitOutcomesChart(slots, { ...o, targets: { tax: 0.8 } }));
    expect(rows.map((r) => [r.lo, r.hi, r.target])).toEqual([
      [0.98 - 0.05, 1, 0.8],
      [0, 0.03 + 0.05, 0.8],
    ]);
    expect(rows[0].service).toBe('税务登记');
  });

  it('rejects a target outside 0–1', () => {
    expect(codeOf(() => waitOutcomesChart(slots, { targets: { tax: 80 } }))).toBe('INVALID_ARGUMENT');
  });
});

describe('capacityChart', () => {
  it('spans each bar over its slot', () => {
    const rows = rowsOf(
      capacityChart(
        [
          {
            service: 'tax',
            slotStart: '2026-12-01T09:00:00+08:00',
            maxAppointments: 4,
            expectedWalkIns: 6.25,
          },
        ],
        { ...o, slotMinutes: 15 },
      ),
    );
    expect(rows[0]).toMatchObject({ x: 0, xEnd: 15 * MIN, maxAppointments: 4, expectedWalkIns: 6.25 });
  });

  it('rejects a non-numeric count', () => {
    const bad = [
      {
        service: 'tax',
        slotStart: '2026-12-01T09:00',
        maxAppointments: '4' as unknown as number,
        expectedWalkIns: 1,
      },
    ];
    expect(codeOf(() => capacityChart(bad, o))).toBe('INVALID_INPUT');
  });
});
