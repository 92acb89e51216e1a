import { describe, expect, it } from 'vitest';
import { QueuecastError } from '../../src/errors.js';
import {
  forecastMany,
  formatForecastCsv,
  type MeanModel,
  modelFromMeans,
  parseForecastTargets,
  quantileColumn,
  toSeriesBatch,
  weekdayAverage,
} from '../../src/forecast/index.js';
import { syntheticHall } from './synthetic.js';

const a = syntheticHall({ seed: 11, service: 'tax', from: '2025-09-01', to: '2025-12-12' });
const b = syntheticHall({
  seed: 12,
  service: 'marriage',
  dailyMean: 8,
  from: '2025-09-01',
  to: '2025-12-12',
});
const history = { ...a, rows: [...a.rows, ...b.rows] };

const failing: MeanModel = {
  name: 'failing',
  fitMeans(grid) {
    if (grid.key.service === 'marriage')
      throw new QueuecastError('INVALID_INPUT', 'failing: not for marriage');
    return {
      means(_d, _p, n, out) {
        out.fill(1, 0, n);
      },
    };
  },
};

describe('forecastMany', () => {
  it('forecasts every series into flat arrays with offsets, the open slots of the next days', () => {
    const out = forecastMany(history, weekdayAverage(), { horizonDays: 7 });
    expect(out.keys.map((k) => k.service)).toEqual(['tax', 'marriage']);
    // 2025-12-15 … 12-21: five working days of 14 slots.
    expect(out.offsets[1] - out.offsets[0]).toBe(70);
    expect(out.offsets[2] - out.offsets[1]).toBe(70);
    expect(out.quantiles.length).toBe(6);
    expect(out.models).toEqual(['weekday-average(4)', 'weekday-average(4)']);
    const tax = out.mean.subarray(out.offsets[0], out.offsets[1]).reduce((x, y) => x + y, 0);
    const marriage = out.mean.subarray(out.offsets[1], out.offsets[2]).reduce((x, y) => x + y, 0);
    expect(tax).toBeGreaterThan(10 * marriage);
  });

  it('falls back for a series the model fails on and records why', () => {
    const out = forecastMany(history, modelFromMeans(failing), { horizonDays: 2 });
    expect(out.models).toEqual(['failing', 'weekday-average(4)']);
    expect(out.warnings.map((w) => [w.series.service, w.message])).toContainEqual([
      'marriage',
      expect.stringContaining('failing failed for series c1/marriage/walk_in (failing: not for marriage)'),
    ]);
  });

  it('forecasts exactly the target slots given, 0 on a holiday, and 0 with a warning for an unknown series', () => {
    const targets = [
      {
        centre: 'c1',
        service: 'tax',
        channel: 'walk_in' as const,
        slotStart: Date.parse('2025-12-15T01:00:00Z'),
      },
      {
        centre: 'c1',
        service: 'tax',
        channel: 'walk_in' as const,
        slotStart: Date.parse('2026-01-01T01:00:00Z'),
      },
      {
        centre: 'c1',
        service: 'visa',
        channel: 'walk_in' as const,
        slotStart: Date.parse('2025-12-15T01:00:00Z'),
      },
    ];
    const out = forecastMany(history, weekdayAverage(), { targets });
    expect(out.keys.map((k) => k.service)).toEqual(['tax', 'marriage', 'visa']);
    expect(Array.from(out.offsets)).toEqual([0, 2, 2, 3]);
    expect(out.mean[0]).toBeGreaterThan(0);
    expect(out.mean[1]).toBe(0);
    expect(out.mean[2]).toBe(0);
    expect(out.warnings.some((w) => w.series.service === 'visa' && /no history/.test(w.message))).toBe(true);
  });

  it('accepts a SeriesBatch directly', () => {
    const out = forecastMany(toSeriesBatch(history), weekdayAverage(), { horizonDays: 1 });
    expect(out.keys.length).toBe(2);
  });
});

describe('Forecast CSV', () => {
  it('writes the DESIGN.md columns with ISO times and offsets', () => {
    // History ends on Friday 2025-12-12: the next three days hold one working day, Monday.
    const out = forecastMany(history, weekdayAverage(), { horizonDays: 3 });
    const lines = formatForecastCsv(out).trim().split('\n');
    expect(lines[0]).toBe('centre,service,channel,slot_start,mean,p05,p10,p50,p90,p95,p80');
    expect(lines[1]).toMatch(/^c1,tax,walk_in,2025-12-15T09:00:00\+08:00,[\d.]+,[\d.]+,/);
    expect(lines.length).toBe(1 + 28);
  });

  it('names quantile columns', () => {
    expect([0.05, 0.1, 0.5, 0.8, 0.025].map(quantileColumn)).toEqual(['p05', 'p10', 'p50', 'p80', 'p2.5']);
  });

  it('reads targets of a plain series (slot_start, arrivals) and refuses bad times naming the line', () => {
    const t = parseForecastTargets(
      'slot_start,arrivals\n2026-12-01T09:00:00+08:00,4\n2026-12-01T09:30:00,\n',
      {
        timezone: 'Asia/Shanghai',
      },
    );
    expect(t).toEqual([
      { slotStart: Date.parse('2026-12-01T01:00:00Z') },
      { slotStart: Date.parse('2026-12-01T01:30:00Z') },
    ]);
    expect(() => parseForecastTargets('slot_start\nyesterday\n', {}, 'at.csv')).toThrow(
      expect.objectContaining({ code: 'BAD_TIME', message: expect.stringContaining('at.csv line 2') }),
    );
    expect(() => parseForecastTargets('when\n2026-12-01\n')).toThrow(
      expect.objectContaining({ code: 'MISSING_COLUMN' }),
    );
  });
});
