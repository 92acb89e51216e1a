import { forecastAccuracy } from './forecast-accuracy.js';
import type { ReportData } from './types.js';

/** One headline figure of the report. */
export interface KeyNumber {
  /** Stable identifier, e.g. `staff-hours`. */
  readonly id: string;
  readonly label: string;
  /** The figure in its unit (fractions 0–1, hours, counts), or null when it cannot be computed. */
  readonly value: number | null;
  /** The figure as shown, e.g. `83.5 %`, `176.0 h`. */
  readonly display: string;
  /** One line of context. */
  readonly detail?: string;
}

function pct(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)} %`;
}

function num(x: number, digits = 1): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * The key numbers of a report from whatever stages ran: forecast volume and accuracy (against `actual`), staff-hours
 * and the gap to the lower bound, counter-hours, targets met, shortfalls, simulated service levels against their
 * targets, appointment capacity. A stage that did not run contributes nothing.
 *
 * Cost: O(n) in the rows given.
 *
 * @example
 * reportKeyNumbers({ centre: { id: 'ovc' }, timezone: 'Asia/Shanghai', plan }).find((k) => k.id === 'staff-hours');
 * // => { id: 'staff-hours', label: 'Staff-hours', value: 143, display: '143.0 h', … }
 */
export function reportKeyNumbers(data: ReportData): KeyNumber[] {
  const out: KeyNumber[] = [];
  if (data.forecast !== undefined && data.forecast.length > 0) {
    const total = data.forecast.reduce((s, r) => s + r.mean, 0);
    out.push({
      id: 'forecast-arrivals',
      label: 'Expected arrivals',
      value: total,
      display: num(total, 0),
      detail: `over ${data.forecast.length} forecast slots (series × slot)`,
    });
    const acc =
      data.actual === undefined ? null : forecastAccuracy(data.forecast, data.actual, data.timezone);
    if (acc !== null) {
      out.push({
        id: 'forecast-wape',
        label: 'Forecast error (WAPE)',
        value: acc.wape,
        display: pct(acc.wape),
        detail: `mean forecast vs actual over ${acc.matchedSlots} slots; MAE ${num(acc.maeArrivals, 2)} arrivals per slot; bias ${pct(acc.bias)}`,
      });
      out.push({
        id: 'interval-coverage',
        label: 'Interval coverage',
        value: acc.coverage80,
        display: `${pct(acc.coverage80, 0)} / ${pct(acc.coverage90, 0)}`,
        detail: 'share of actuals inside the 80 % / 90 % intervals (should be about 80 % / 90 %)',
      });
    }
  }
  const plan = data.plan;
  if (plan !== undefined) {
    const s = plan.summary;
    const gap = s.lowerBoundStaffMinutes > 0 ? s.staffMinutes / s.lowerBoundStaffMinutes - 1 : null;
    out.push({
      id: 'staff-hours',
      label: 'Staff-hours',
      value: s.staffMinutes / 60,
      display: `${num(s.staffMinutes / 60)} h`,
      detail: `plan ${plan.status}; lower bound ${num(s.lowerBoundStaffMinutes / 60)} h${gap === null ? '' : ` (gap ${pct(gap)})`}`,
    });
    out.push({
      id: 'counter-hours',
      label: 'Counter-hours',
      value: s.counterMinutes / 60,
      display: `${num(s.counterMinutes / 60)} h`,
      detail: `${plan.assignments.length} counter-slots open`,
    });
    out.push({
      id: 'targets-met',
      label: 'Targets met (plan)',
      value: s.targetsMetFraction,
      display: pct(s.targetsMetFraction),
      detail: 'share of (service, slot) pairs whose wait target the plan meets',
    });
    const missing = plan.shortfalls.reduce(
      (sum, f) => sum + Math.max(0, f.neededServers - f.availableServers),
      0,
    );
    out.push({
      id: 'shortfalls',
      label: 'Shortfalls',
      value: plan.shortfalls.length,
      display: String(plan.shortfalls.length),
      detail:
        plan.shortfalls.length === 0
          ? 'every service meets its target in every slot'
          : `(service, slot) pairs short of servers; ${num(missing, 1)} server-slots missing in all`,
    });
  }
  const sim = data.simulation;
  if (sim !== undefined && sim.services.length > 0) {
    const known = sim.services.flatMap((r) =>
      r.serviceLevel === null ? [] : [{ ...r, level: r.serviceLevel }],
    );
    const arrivals = known.reduce((s, r) => s + r.arrivals, 0);
    const level = arrivals > 0 ? known.reduce((s, r) => s + r.level * r.arrivals, 0) / arrivals : null;
    out.push({
      id: 'simulated-service-level',
      label: 'Called within target (simulated)',
      value: level,
      display: pct(level),
      detail: `all services, weighted by arrivals; ${sim.replications} replications`,
    });
    const targets = new Map((data.services ?? []).map((s) => [s.id, s.target?.fraction]));
    const judged = known.filter((r) => targets.get(r.service) !== undefined);
    if (judged.length > 0) {
      const met = judged.filter((r) => r.level >= (targets.get(r.service) as number)).length;
      out.push({
        id: 'simulated-targets-met',
        label: 'Services meeting target (simulated)',
        value: met / judged.length,
        display: `${met} of ${judged.length}`,
        detail: 'over the whole horizon, point estimate against the target share',
      });
    }
  }
  const cap = data.capacity;
  if (cap !== undefined && cap.capacity.length > 0) {
    const released = cap.capacity.reduce((s, r) => s + r.maxAppointments, 0);
    const walkIns = cap.capacity.reduce((s, r) => s + r.expectedWalkIns, 0);
    out.push({
      id: 'appointments-released',
      label: 'Appointment slots to release',
      value: released,
      display: num(released, 0),
      detail: `while protecting ${num(walkIns, 0)} expected walk-ins`,
    });
  }
  return out;
}
