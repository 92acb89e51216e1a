import { generateVisits } from '../../src/generate/index.js';
import { aggregateVisits, type History, type HistoryRow, type Visit } from '../../src/history/index.js';

const time = (s: string | null): number | null => {
  if (s === null || s === '') return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
};

/**
 * Generated service-hall visits (src/generate) turned into validated visits the way ingest would (dirty rows
 * dropped), for tests that need a realistic hall without the DuckDB ingest.
 */
export function hallVisits(seed: number, start: string, days: number, dailyVisits: number): Visit[] {
  const { rows } = generateVisits({ seed, start, days, dailyVisits, dirty: false });
  const out: Visit[] = [];
  for (const r of rows) {
    if (r.channel !== 'appointment' && r.channel !== 'walk_in') continue;
    const outcome = r.outcome as Visit['outcome'];
    out.push({
      visitId: r.visit_id,
      centre: r.centre,
      service: r.service,
      channel: r.channel,
      bookedAt: time(r.booked_at),
      appointmentAt: time(r.appointment_at),
      arrivedAt: time(r.arrived_at),
      calledAt: time(r.called_at),
      completedAt: time(r.completed_at),
      outcome,
      counter: r.counter,
      staff: r.staff,
    });
  }
  return out;
}

/** 30-minute history of the visits on the default (Chinese) calendar. */
export function hallHistory(visits: readonly Visit[]): History {
  return aggregateVisits(visits, { slotMinutes: 30 });
}

/** Rows of one series of a history, or of the walk-in total over services when `service` is `*`. */
export function seriesOf(history: History, service: string, channel: 'walk_in' | 'appointment'): History {
  if (service !== '*') {
    return { ...history, rows: history.rows.filter((r) => r.service === service && r.channel === channel) };
  }
  const sum = new Map<number, number>();
  for (const r of history.rows) {
    if (r.channel === channel) sum.set(r.slotStart, (sum.get(r.slotStart) ?? 0) + r.arrivals);
  }
  const rows: HistoryRow[] = [...sum.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([slotStart, arrivals]) => ({ centre: 'ovc', slotStart, arrivals }));
  return { ...history, rows };
}
