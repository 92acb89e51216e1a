import { describe, expect, it } from 'vitest';
import {
  capacityChart,
  counterTimelineChart,
  forecastChart,
  loadHeatmapChart,
  renderSvg,
  staffingChart,
  waitOutcomesChart,
} from '../../src/charts/index.js';
import { SERVICE_NAMES, sampleCentre, TZ } from './fixtures.js';
import { vegaLiteSchemaErrors } from './vega-lite-schema.js';

const s = sampleCentre();
const o = { timezone: TZ, serviceNames: SERVICE_NAMES };
const specs = {
  'forecast with actual': forecastChart(s.forecast, s.actual, o),
  'forecast alone': forecastChart(s.forecast, [], o),
  'heatmap by date': loadHeatmapChart(s.forecast, o),
  'heatmap by weekday': loadHeatmapChart(s.forecast, { ...o, layout: 'weekday', labels: false }),
  'staffing, all lines': staffingChart(
    { requirements: s.requirements, assignments: s.plan.assignments, shifts: s.plan.shifts },
    o,
  ),
  'staffing, shifts only': staffingChart({ shifts: s.plan.shifts }, o),
  'counter timeline': counterTimelineChart(s.plan.assignments, o),
  'wait outcomes with targets': waitOutcomesChart(s.simulationSlots, { ...o, targets: { tax: 0.8 } }),
  'wait outcomes without targets': waitOutcomesChart(s.simulationSlots, o),
  capacity: capacityChart(s.capacity, o),
};

describe('every chart spec is valid Vega-Lite', () => {
  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}: matches the Vega-Lite JSON schema`, () => {
      expect(vegaLiteSchemaErrors(spec)).toEqual([]);
    });
    it(`${name}: compiles (vega-lite) and parses (vega) without warnings`, async () => {
      const { svg, warnings } = await renderSvg(spec);
      expect(warnings).toEqual([]);
      expect(svg.startsWith('<svg')).toBe(true);
    });
  }
});

describe('the schema validator rejects invalid specs', () => {
  it('an unknown mark', () => {
    expect(vegaLiteSchemaErrors({ data: { values: [] }, mark: 'nonsense' }).length).toBeGreaterThan(0);
  });
  it('an unknown top-level property', () => {
    expect(vegaLiteSchemaErrors({ data: { values: [] }, mark: 'bar', colour: 'red' }).length).toBeGreaterThan(
      0,
    );
  });
  it('a scale on a datum colour (accepted by the TypeScript types, not by the schema)', () => {
    const spec = {
      data: { values: [{ a: 1 }] },
      mark: 'line',
      encoding: { y: { field: 'a', type: 'quantitative' }, color: { datum: 'x', scale: { range: ['red'] } } },
    };
    expect(vegaLiteSchemaErrors(spec).join('\n')).toContain('/encoding/color');
  });
  it('a missing required property', () => {
    expect(vegaLiteSchemaErrors({ data: { values: [] } }).length).toBeGreaterThan(0);
  });
});
