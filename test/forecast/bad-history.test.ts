import { describe, expect, it } from 'vitest';
import {
  auto,
  buildSeriesGrid,
  countRegression,
  type ForecastModel,
  forecastMany,
  mstl,
  seasonalNaive,
  topDown,
  weekdayAverage,
} from '../../src/forecast/index.js';
import type { History } from '../../src/history/index.js';
import { syntheticHall, syntheticPlain } from './synthetic.js';

const models: ForecastModel[] = [
  auto(),
  topDown(),
  topDown({ daily: 'regression' }),
  countRegression(),
  weekdayAverage(),
  seasonalNaive(),
];

function allFinite(history: History, model: ForecastModel, days = 7): void {
  const grid = buildSeriesGrid(history);
  const slots = grid.openSlots(grid.dayCount, grid.dayCount + days);
  expect(slots.length).toBeGreaterThan(0);
  const p = model.fit(history).predict(slots);
  for (let i = 0; i < slots.length; i++) {
    expect(Number.isFinite(p.mean[i]) && p.mean[i] >= 0).toBe(true);
    for (const q of p.quantiles) expect(Number.isFinite(q[i]) && q[i] >= 0).toBe(true);
  }
}

const hall = syntheticHall({ seed: 5, from: '2025-09-01', to: '2025-12-19' });

describe('bad history', () => {
  it('duplicate slots are a clear INVALID_INPUT error naming the slot', () => {
    const rows = [...hall.rows, hall.rows[10]];
    expect(() => weekdayAverage().fit({ ...hall, rows })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('two rows for the same slot'),
      }),
    );
  });

  it('negative and non-finite counts are a clear INVALID_INPUT error naming the value', () => {
    for (const bad of [-3, Number.NaN, Number.POSITIVE_INFINITY]) {
      const rows = hall.rows.map((r, i) => (i === 20 ? { ...r, arrivals: bad } : r));
      expect(() => topDown().fit({ ...hall, rows })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(`got ${bad}`) }),
      );
    }
  });

  it('an empty history, several series in one fit, and off-grid slots are errors', () => {
    expect(() => auto().fit({ ...hall, rows: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    const two = { ...hall, rows: [...hall.rows, { ...hall.rows[0], service: 'other' }] };
    expect(() => auto().fit(two)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const off = {
      ...hall,
      rows: hall.rows.map((r, i) => (i === 0 ? { ...r, slotStart: r.slotStart + 60_000 } : r)),
    };
    expect(() => auto().fit(off)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it.each(models.map((m) => [m.name, m] as const))(
    'gaps (missing slots and days) never give NaN: %s',
    (_n, m) => {
      // Drop every 7th row (slots inside open days) and two whole days: days with gaps are left out of the fit,
      // missing days count as closures.
      const rows = hall.rows.filter((_r, i) => i % 7 !== 3 && !(i > 500 && i < 530));
      allFinite({ ...hall, rows }, m);
    },
  );

  it.each(models.map((m) => [m.name, m] as const))(
    'a single day of history forecasts with a warning: %s',
    (_n, m) => {
      const day = hall.rows.slice(0, 14);
      const history = { ...hall, rows: day };
      allFinite(history, m);
      const fitted = m.fit(history);
      expect(fitted.warnings.join(' ')).toMatch(/fewer than 7 days|too little history/);
    },
  );

  it('a single day is too short for MSTL: a clear error, and forecastMany falls back with a warning', () => {
    const history = { ...hall, rows: hall.rows.slice(0, 14) };
    expect(() => mstl().fit(history)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const out = forecastMany(history, mstl(), { horizonDays: 3 });
    expect(out.models[0]).toBe('weekday-average(4)');
    expect(out.warnings.some((w) => /mstl failed/.test(w.message))).toBe(true);
    expect(Array.from(out.mean).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('a history of zeros forecasts zeros', () => {
    const rows = syntheticPlain(1, 30).rows.map((r) => ({ ...r, arrivals: 0 }));
    for (const m of models) {
      const history = { rows, slotMinutes: 60, timezone: 'UTC' };
      const grid = buildSeriesGrid(history);
      const p = m.fit(history).predict(grid.openSlots(grid.dayCount, grid.dayCount + 2));
      expect(Array.from(p.mean).every((v) => v === 0)).toBe(true);
      expect(p.quantiles.every((q) => Array.from(q).every((v) => v === 0))).toBe(true);
    }
  });
});
