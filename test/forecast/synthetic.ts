import { createCalendar } from '../../src/calendar/index.js';
import type { History, HistoryRow } from '../../src/history/index.js';
import { createRng, randomPoisson } from '../../src/random/index.js';
import { addDays, daysBetween } from '../../src/time/zoned.js';

/** Options of {@link syntheticHall}. */
export interface SyntheticHallOptions {
  readonly seed?: number;
  readonly from?: string;
  readonly to?: string;
  /** Expected arrivals of an ordinary Wednesday. */
  readonly dailyMean?: number;
  readonly service?: string;
  readonly channel?: 'walk_in' | 'appointment';
}

/**
 * A seeded service-hall series on the Chinese calendar (default hours 09:00–12:00, 13:30–17:30, 30-minute slots):
 * Poisson arrivals with a morning and an afternoon peak, Monday +25 %, Friday −10 %, +50 % on the first open day
 * after a break of three or more days, make-up days like a Wednesday. Fast enough for unit tests.
 */
export function syntheticHall(options: SyntheticHallOptions = {}): History {
  const { seed = 1, from = '2025-03-03', to = '2026-02-13', dailyMean = 120 } = options;
  const cal = createCalendar({ timezone: 'Asia/Shanghai' });
  const rng = createRng(seed);
  const rows: HistoryRow[] = [];
  const weekday = [0, 1.25, 1.05, 1, 1, 0.9, 1, 1];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) {
    const date = addDays(from, i);
    const info = cal.day(date);
    if (!info.open) continue;
    const level =
      dailyMean *
      (info.kind === 'makeup' ? 1 : weekday[info.weekday]) *
      (info.closedDaysBefore >= 3 ? 1.5 : 1);
    const slots = cal.slots(date, date, 30);
    const shape = slots.map(
      (s) =>
        0.4 +
        Math.exp(-0.5 * ((s.minuteOfDay - 600) / 60) ** 2) +
        0.8 * Math.exp(-0.5 * ((s.minuteOfDay - 900) / 60) ** 2),
    );
    const sum = shape.reduce((a, b) => a + b, 0);
    slots.forEach((s, k) => {
      rows.push({
        centre: 'c1',
        service: options.service ?? 'tax',
        channel: options.channel ?? 'walk_in',
        slotStart: s.start,
        arrivals: randomPoisson(rng, (level * shape[k]) / sum),
      });
    });
  }
  return { rows, slotMinutes: 30, timezone: 'Asia/Shanghai' };
}

/** A seeded plain hourly series open every day (calendar none): a daily cycle and a weekly pattern. */
export function syntheticPlain(seed = 2, days = 120, start = Date.UTC(2024, 0, 1)): History {
  const rng = createRng(seed);
  const rows: HistoryRow[] = [];
  for (let d = 0; d < days; d++) {
    const wd = (d % 7) + 1;
    for (let h = 0; h < 24; h++) {
      const mean = (3 + 5 * Math.exp(-0.5 * ((h - 14) / 4) ** 2)) * (wd === 1 ? 1.2 : wd >= 6 ? 0.85 : 1);
      rows.push({ slotStart: start + d * 86_400_000 + h * 3_600_000, arrivals: randomPoisson(rng, mean) });
    }
  }
  return { rows, slotMinutes: 60, timezone: 'UTC' };
}
