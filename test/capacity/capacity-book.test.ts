import { describe, expect, it } from 'vitest';
import { prepareCapacity } from '../../src/capacity/index.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { hallScenario, handPlan } from './fixtures.js';

const scenario = hallScenario('mixed');
const plan = handPlan(scenario, {
  tax: [3, 5, 6, 6, 6, 5, 5, 6, 6, 6, 5, 5, 4, 3],
  biz: [3, 4, 5, 5, 4, 3, 3, 4, 5, 5, 4, 4, 3, 2],
  soc: [3, 4, 5, 5, 4, 3, 3, 4, 5, 5, 4, 4, 3, 3],
});
const at = (hm: string) => `2026-12-01T${hm}:00+08:00`;
const MORNING = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map(at);
const AFTERNOON = ['13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00'].map(at);

describe('CapacityBook', () => {
  it('answers what remains, takes bookings until a slot is full, then refuses', () => {
    const book = prepareCapacity(scenario, plan);
    const slot = at('10:00');
    const max = book.maxAppointments('tax', slot);
    expect(max).toBeGreaterThan(2);
    expect(book.remaining('tax', slot)).toBe(max);
    expect(book.book('tax', slot, 2)).toEqual({ accepted: true, remaining: max - 2, overbooked: 0 });
    expect(book.bookedIn('tax', slot)).toBe(2);
    expect(book.book('tax', slot, max - 2).remaining).toBe(0);
    expect(book.book('tax', slot)).toEqual({ accepted: false, remaining: 0, overbooked: 0 });
    expect(book.bookedIn('tax', slot)).toBe(max);
    expect(book.cancel('tax', slot, 3)).toBe(3);
    const row = book.result().capacity.find((r) => r.service === 'tax' && r.slotStart === slot)!;
    expect(row).toMatchObject({ maxAppointments: max, booked: max - 3, remaining: 3 });
  });

  it('takes the caller’s own count without recording it', () => {
    const book = prepareCapacity(scenario, plan);
    const slot = book.slotStarts.find((x) => book.maxAppointments('soc', x) >= 4)!;
    const max = book.maxAppointments('soc', slot);
    expect(book.remaining('soc', slot, 3)).toBe(max - 3);
    expect(book.remaining('soc', slot, max + 4)).toBe(0);
    expect(book.bookedIn('soc', slot)).toBe(0);
  });

  it('names slots by any offset, local time or epoch milliseconds', () => {
    const book = prepareCapacity(scenario, plan);
    const max = book.maxAppointments('biz', at('15:00'));
    expect(book.maxAppointments('biz', '2026-12-01T07:00:00Z')).toBe(max);
    expect(book.maxAppointments('biz', '2026-12-01T15:00')).toBe(max);
    expect(book.maxAppointments('biz', Date.parse('2026-12-01T07:00:00Z'))).toBe(max);
    expect(book.slotStarts).toEqual([...MORNING, ...AFTERNOON]);
    expect(book.services).toEqual(['tax', 'biz', 'soc']);
  });

  it('changes nothing else for bookings within capacity', () => {
    const book = prepareCapacity(scenario, plan);
    const before = book.result();
    for (const slot of MORNING) book.book('tax', slot, book.remaining('tax', slot) || 1, { force: false });
    const after = book.result();
    after.capacity.forEach((r, i) => {
      expect(r.maxAppointments).toBe(before.capacity[i].maxAppointments);
      expect(r.walkInServiceLevel).toBe(before.capacity[i].walkInServiceLevel);
    });
  });

  it('carries a forced overbooking into its session, as if it had been booked before, and undoes it on cancel', () => {
    const book = prepareCapacity(scenario, plan);
    const before = book.result();
    const first = at('13:30');
    const extra = book.maxAppointments('tax', first) + 5;
    expect(book.book('tax', first, extra, { force: true })).toEqual({
      accepted: true,
      remaining: 0,
      overbooked: 5,
    });
    const after = book.result();
    const of = (r: typeof after, service: string, slots: readonly string[]) =>
      r.capacity
        .filter((x) => x.service === service && slots.includes(x.slotStart))
        .map((x) => x.maxAppointments);
    const sum = (x: number[]) => x.reduce((a, b) => a + b, 0);
    expect(sum(of(after, 'tax', AFTERNOON.slice(1)))).toBeLessThan(
      sum(of(before, 'tax', AFTERNOON.slice(1))),
    );
    expect(of(after, 'tax', MORNING)).toEqual(of(before, 'tax', MORNING));
    expect(of(after, 'biz', AFTERNOON)).toEqual(of(before, 'biz', AFTERNOON));
    expect(after.capacity.find((x) => x.service === 'tax' && x.slotStart === first)!.limit).toBe(
      'overbooked',
    );
    // The session's first slot sees nothing earlier: the same as preparing with those bookings already made.
    const bookedScenario: Scenario = {
      ...scenario,
      demand: scenario.demand.map((d) =>
        d.service === 'tax' && d.channel === 'appointment' && d.slotStart === first
          ? { ...d, booked: extra }
          : d,
      ),
    };
    expect(prepareCapacity(bookedScenario, plan).result()).toEqual(after);
    book.cancel('tax', first, extra);
    expect(book.result()).toEqual(before);
  });

  it('rejects unknown services and slots, and bad counts', () => {
    const book = prepareCapacity(scenario, plan);
    expect(() => book.remaining('permits', at('10:00'))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: 'CapacityBook.remaining: unknown service, got "permits"',
      }),
    );
    expect(() => book.book('tax', at('12:30'))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/not an open slot of the plan/),
      }),
    );
    expect(() => book.book('tax', at('10:00'), 1.5)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => book.remaining('tax', at('10:00'), -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
