import type { SampleVisitRecord } from '../../src/generate/index.js';
import type { Channel, Outcome, Visit } from '../../src/history/index.js';

const time = (s: string | null) => (s === null ? null : Date.parse(s));

/** Sample rows as visits for history tests, skipping the rows ingest would reject (this is not ingest). */
export function toVisits(rows: readonly SampleVisitRecord[]): Visit[] {
  const seen = new Set<string>();
  const out: Visit[] = [];
  for (const r of rows) {
    if (seen.has(r.visit_id)) continue;
    seen.add(r.visit_id);
    if (r.channel !== 'appointment' && r.channel !== 'walk_in') continue;
    const arrivedAt = time(r.arrived_at);
    const calledAt = time(r.called_at);
    if (r.outcome === 'served' && arrivedAt === null) continue;
    if (arrivedAt !== null && calledAt !== null && calledAt < arrivedAt) continue;
    out.push({
      visitId: r.visit_id,
      centre: r.centre,
      service: r.service,
      channel: r.channel as Channel,
      bookedAt: time(r.booked_at),
      appointmentAt: time(r.appointment_at),
      arrivedAt,
      calledAt,
      completedAt: time(r.completed_at),
      outcome: r.outcome as Outcome,
      counter: r.counter,
      staff: r.staff,
    });
  }
  return out;
}
