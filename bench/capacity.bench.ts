/**
 * Appointment capacity benchmark (issue 8): a booking request must be answered in under 1 ms after a one-off
 * preparation. For seeded allocation instances of three sizes, planned with `allocate` (not timed):
 * 1. recomputing the capacity from scratch (`appointmentCapacity`) — the peer every request would pay without
 *    preparation;
 * 2. the one-off `prepareCapacity`;
 * 3. a query (`remaining`, slot as an ISO string), a booking within capacity (`book` + `cancel`), and a forced
 *    booking beyond capacity with its cancellation (the later slots of the session are decided again);
 * with the ratio of (1) to each. Before timing, the prepared book must agree with the capacity recomputed from
 * scratch, before and after a forced booking.
 *
 * Timings are CPU time of this process (steadier than wall clock on a shared machine) divided by the repetitions.
 * Markdown goes to stdout; progress to stderr. Usage: npx tsx bench/capacity.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { type AllocationInstanceName, allocate, allocationInstance } from '../src/allocate/index.js';
import { appointmentCapacity, prepareCapacity } from '../src/capacity/index.js';
import { createRng } from '../src/random/index.js';
import { parseScenario, type Scenario } from '../src/scenario/index.js';

const log = (s: string) => process.stderr.write(`${s}\n`);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fmt = (x: number, d = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU milliseconds per call of `f`, median of `rounds` rounds of `reps` calls. */
function time(f: () => void, reps: number, rounds = 3): number {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = cpuMs();
    for (let i = 0; i < reps; i++) f();
    per.push((cpuMs() - t) / reps);
  }
  return median(per);
}

function fail(message: string): never {
  throw new Error(`capacity bench: ${message}`);
}

const INSTANCES: readonly AllocationInstanceName[] = ['small-day', 'medium-day', 'medium-week'];

const out: string[] = [];
out.push('## capacity — appointment capacity and booking requests (issue 8)');
out.push('');
out.push(
  `Node ${process.version}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the start (shared ` +
    'machine: CPU times below, steadier than wall clock but still inflated by contention).',
);
out.push('');
out.push(
  '| instance | service-slots | from scratch | prepare | query | booking | forced booking + cancel | scratch ÷ query | scratch ÷ forced |',
);
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');

for (const name of INSTANCES) {
  log(`${name}: planning`);
  const { scenario } = parseScenario(allocationInstance(name, 1));
  const plan = allocate(scenario);

  // Check the answer before timing it.
  const scratch = appointmentCapacity(scenario, plan);
  const book = prepareCapacity(scenario, plan);
  for (const r of scratch.capacity) {
    if (book.remaining(r.service, r.slotStart) !== r.remaining)
      fail(`${name}: remaining differs at ${r.service} ${r.slotStart}`);
  }
  const service = scenario.services[0].id;
  const first = book.slotStarts[0];
  const extra = book.maxAppointments(service, first) + 3;
  book.book(service, first, extra, { force: true });
  const bookedScenario: Scenario = {
    ...scenario,
    demand: [
      ...scenario.demand.filter(
        (d) =>
          !(
            d.service === service &&
            d.channel === 'appointment' &&
            Date.parse(d.slotStart) === Date.parse(first)
          ),
      ),
      { service, channel: 'appointment', slotStart: first, expected: 0, booked: extra },
    ],
  };
  const expected = JSON.stringify(
    appointmentCapacity(bookedScenario, plan).capacity.map((r) => [
      r.service,
      r.slotStart,
      r.maxAppointments,
      r.booked,
    ]),
  );
  const got = JSON.stringify(
    book.result().capacity.map((r) => [r.service, r.slotStart, r.maxAppointments, r.booked]),
  );
  if (expected !== got) fail(`${name}: a forced booking does not match the capacity recomputed with it`);
  book.cancel(service, first, extra);
  if (JSON.stringify(book.result()) !== JSON.stringify(scratch))
    fail(`${name}: cancelling does not restore the capacity`);

  log(`${name}: timing`);
  const rng = createRng(7);
  const cells = scratch.capacity.map((r) => [r.service, r.slotStart] as const);
  const picks = Array.from({ length: 4096 }, () => cells[Math.floor(rng.next() * cells.length)]);
  let k = 0;
  let sink = 0;
  const fromScratch = time(() => {
    sink += appointmentCapacity(scenario, plan).summary.maxAppointments;
  }, 1);
  const prepare = time(() => {
    sink += prepareCapacity(scenario, plan).slotStarts.length;
  }, 1);
  const query = time(() => {
    const [s, t] = picks[k++ & 4095];
    sink += book.remaining(s, t);
  }, 200_000);
  const open = cells.filter(([s, t]) => book.remaining(s, t) > 0);
  const booking = time(() => {
    const [s, t] = open[k++ % open.length];
    book.book(s, t);
    book.cancel(s, t);
  }, 50_000);
  const forced = time(() => {
    const [s, t] = picks[k++ & 4095];
    const n = book.remaining(s, t) + 2;
    book.book(s, t, n, { force: true });
    book.cancel(s, t, n);
  }, 40);
  if (sink === Number.POSITIVE_INFINITY) fail('unreachable');
  const us = (ms: number) => `${fmt(ms * 1000, ms < 0.01 ? 2 : 0)} µs`;
  out.push(
    `| ${name} (${scenario.services.length} services) | ${fmt(cells.length)} | ${fmt(fromScratch, 1)} ms | ${fmt(prepare, 1)} ms | ` +
      `${us(query)} | ${us(booking / 2)} | ${us(forced)} | ${fmt(fromScratch / query)}× | ${fmt(fromScratch / forced)}× |`,
  );
  if (query >= 1) fail(`${name}: a query took ${query} ms`);
}

out.push('');
out.push(
  'A query and a booking within capacity are table look-ups (after resolving the ISO slot string); a booking beyond ' +
    'capacity, and its cancellation, re-decide the later slots of the session with the transient queue model until ' +
    'they come out as before. "From scratch" is what answering each request without preparation would cost.',
);
process.stdout.write(`${out.join('\n')}\n`);
