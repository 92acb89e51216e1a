/**
 * A booking system sizing its appointment slots with queuecast.
 *
 *   npx tsx examples/booking-system.ts
 *
 * In a project that depends on queuecast the imports are `from 'queuecast'`; a booking system in another
 * language calls `queuecast capacity --scenario scenario.json --plan - < plan.json` and reads the Capacity JSON
 * (schemas/capacity-result.schema.json) instead.
 */
import { allocate, allocationInstance } from '../src/allocate/index.js';
import { prepareCapacity } from '../src/capacity/index.js';
import { createRng } from '../src/random/index.js';
import { parseScenario } from '../src/scenario/index.js';

// 1. The centre's scenario (services, targets, no-show rates, counters, staff, forecast) and the plan it will run.
//    Here a generated sample centre planned on the spot; in production both come from the planner.
const { scenario } = parseScenario(allocationInstance('medium-day', 7));
const plan = allocate(scenario);

// 2. Once per plan: prepare the capacity. Walk-ins are sized at their 80 % quantile and keep at least 30 % of every
//    slot; the expected no-shows are the margin (no overbooking).
const book = prepareCapacity(scenario, plan, { walkInQuantile: 'p80', walkInReserveShare: 0.3 });
const initial = book.result().summary;
console.log(
  `capacity of the plan: ${initial.maxAppointments} appointments over ${book.slotStarts.length} slots ` +
    `(forecast ${initial.forecastShows.toFixed(0)} holders; walk-ins keep ≥ 30 % of each slot)`,
);

// 3. On every request: look at what remains, book, or offer the next slot of the day with room.
const REQUESTS = 150;
const rng = createRng(42);
let accepted = 0;
let moved = 0;
let refused = 0;
let queries = 0;
const started = performance.now();
for (let request = 0; request < REQUESTS; request++) {
  const service = book.services[Math.floor(rng.next() * book.services.length)];
  const wanted = Math.floor(rng.next() * book.slotStarts.length);
  let slot = -1;
  for (let t = wanted; t < book.slotStarts.length && slot < 0; t++) {
    queries++;
    if (book.remaining(service, book.slotStarts[t]) > 0) slot = t;
  }
  if (slot < 0) {
    refused++;
    continue;
  }
  const outcome = book.book(service, book.slotStarts[slot]);
  if (!outcome.accepted) throw new Error('a slot with room refused a booking');
  if (slot === wanted) accepted++;
  else moved++;
}
const microseconds = ((performance.now() - started) * 1000) / queries;
console.log(
  `${REQUESTS} requests: ${accepted} booked as asked, ${moved} moved to a later slot, ${refused} refused (no room later that day); ` +
    `${microseconds.toFixed(1)} µs per query`,
);

// 4. A booking made at the desk beyond a slot's capacity is recorded with `force`; the later slots give way.
const desk = book.slotStarts[0];
const before = book.result().summary.maxAppointments;
book.book(book.services[0], desk, book.remaining(book.services[0], desk) + 2, { force: true });
console.log(
  `2 desk bookings beyond ${book.services[0]}'s capacity at ${desk}: the day's capacity goes from ${before} to ` +
    `${book.result().summary.maxAppointments}`,
);

// 5. What the booking system publishes: per service and slot, what is left.
const rows = book.result().capacity.filter((r) => r.remaining > 0);
console.log(`${rows.length} service-slots still open, e.g.`);
for (const r of rows.slice(0, 4)) {
  console.log(
    `  ${r.service} ${r.slotStart}: ${r.remaining} of ${r.maxAppointments} left ` +
      `(walk-ins ${(100 * r.walkInServiceLevel).toFixed(0)} % / holders ${(100 * r.appointmentServiceLevel).toFixed(0)} % called in time)`,
  );
}
