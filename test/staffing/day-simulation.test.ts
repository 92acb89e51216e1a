import { describe, expect, it } from 'vitest';
import { allenCunneen, fewestServers } from '../../src/queueing/index.js';
import { type ForecastRow, staffingRequirements } from '../../src/staffing/index.js';
import { simulateHallDay, slotServiceLevel } from './helpers/hall-simulator.js';

/**
 * Done-when check of the backlog-carrying method (issue 3): a full service-hall day, 09:00–12:00 and 13:30–17:30 in
 * 15-minute slots, walk-ins peaking mid-morning and mid-afternoon, a 15-minute handling time and a 10-minute target
 * (80 % called within 600 s). Both methods' staffing is run through the same seeded simulation of the operating rules
 * (servers change per slot, customers in service are finished, the queue carries across slots, tickets stop at each
 * session end and the last slot's counters serve everyone left).
 */
describe('backlog-aware staffing over a service-hall day (simulation)', () => {
  const slotMinutes = 15;
  const ahtSeconds = 900;
  const target = { fraction: 0.8, withinSeconds: 600 };
  // Walk-ins per hour, by half hour: morning 09:00–12:00, afternoon 13:30–17:30.
  const morning = [14, 28, 60, 34, 20, 14];
  const afternoon = [14, 20, 54, 54, 26, 14, 14, 6];
  const opening = Date.parse('2026-12-01T09:00:00+08:00');
  const afterLunch = Date.parse('2026-12-01T13:30:00+08:00');
  const forecast: ForecastRow[] = [];
  const offsets: number[] = [];
  for (const [start, perHour] of [
    [opening, morning],
    [afterLunch, afternoon],
  ] as const) {
    perHour.forEach((rate, h) => {
      for (let q = 0; q < 2; q++) {
        const slotStart = start + (2 * h + q) * slotMinutes * 60_000;
        forecast.push({ service: 'registration', slotStart, expected: (rate * slotMinutes) / 60 });
        offsets.push((slotStart - opening) / 1000);
      }
    });
  }
  const services = [{ id: 'registration', ahtSeconds, serviceCv: 1, target }];

  function simulate(servers: number[]) {
    const res = simulateHallDay(
      {
        slotSeconds: slotMinutes * 60,
        slotStarts: offsets,
        expectedArrivals: forecast.map((r) => r.expected as number),
        servers,
        ahtSeconds,
        serviceCv: 1,
        patienceSeconds: Number.POSITIVE_INFINITY,
        withinSeconds: target.withinSeconds,
      },
      2000,
      20261201,
    );
    return offsets.map((_, i) => slotServiceLevel(res, i));
  }

  /**
   * Stationary backlog carryover as first tried (not kept in src/staffing): the expected queue left at a slot's end
   * (Erlang C Lq at the slot's effective rate) re-arrives spread over the next slot; reset at each session start.
   */
  function sbcServers(): number[] {
    const out: number[] = [];
    let backlog = 0;
    forecast.forEach((row, i) => {
      if (i === 0 || offsets[i] - offsets[i - 1] > slotMinutes * 60) backlog = 0;
      const arrivalsPerHour = (((row.expected as number) + backlog) * 60) / slotMinutes;
      const n = fewestServers({ arrivalsPerHour, ahtSeconds }, target);
      out.push(n);
      backlog = allenCunneen({ arrivalsPerHour, ahtSeconds }, n, 0).meanQueueLength;
    });
    return out;
  }

  it('meets the target in every slot with fewer staff-hours than per-slot Erlang C (SIPP)', () => {
    const mol = staffingRequirements(forecast, services);
    const sipp = staffingRequirements(forecast, services, { method: 'sipp' });
    const sbc = sbcServers();
    const sbcHours = sbc.reduce((s, n) => s + n, 0) * (slotMinutes / 60);
    const molSl = simulate(mol.requirements.map((r) => r.serversInteger));
    const sippSl = simulate(sipp.requirements.map((r) => r.serversInteger));
    const clock = (i: number) =>
      new Date(forecast[i].slotStart as number).toLocaleTimeString('en-GB', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
      });
    const table = offsets.map(
      (_, i) =>
        `${clock(i)}  ${String(forecast[i].expected).padStart(4)}  ` +
        `sipp ${String(sipp.requirements[i].serversInteger).padStart(2)} ${sippSl[i].sl.toFixed(3)}±${sippSl[i].half.toFixed(3)}  ` +
        `mol ${String(mol.requirements[i].serversInteger).padStart(2)} ${molSl[i].sl.toFixed(3)}±${molSl[i].half.toFixed(3)}`,
    );
    console.log(
      [
        'slot   arr   SIPP servers, simulated SL ± 95 % CI   MOL servers, simulated SL ± 95 % CI',
        ...table,
        `staff-hours: MOL ${mol.staffHours} vs SIPP ${sipp.staffHours} (queue-carryover SBC: ${sbcHours})`,
      ].join('\n'),
    );

    // The backlog-aware default meets 80 % within 10 minutes in every slot (not significantly below it)…
    for (const s of molSl) expect(s.sl + s.half).toBeGreaterThanOrEqual(target.fraction);
    // …with no more staff-hours than per-slot Erlang C: 58.5 vs 59 here (the staffing itself is deterministic).
    expect(mol.staffHours).toBeLessThanOrEqual(sipp.staffHours);
    expect(mol.staffHours).toBe(58.5);
    expect(sipp.staffHours).toBe(59);
    // Honest comparison: SIPP is not a straw man — it meets the target in most slots and over-delivers on the rising
    // edges, but misses it (significantly) right after the afternoon peak, where the peak's backlog binds.
    const sippMisses = sippSl.filter((s) => s.sl + s.half < target.fraction).length;
    expect(sippMisses).toBeGreaterThan(0);
    expect(sippSl.filter((s) => s.sl >= target.fraction).length).toBeGreaterThan(offsets.length / 2);
    // Why SBC is not the default: it adds the carried queue on top of a stationary model that already assumes one,
    // so it can only staff more than SIPP.
    for (let i = 0; i < sbc.length; i++)
      expect(sbc[i]).toBeGreaterThanOrEqual(sipp.requirements[i].serversInteger);
    expect(sbcHours).toBeGreaterThan(sipp.staffHours);
  });
});
