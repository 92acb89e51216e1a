import type { ScenarioInput } from '../../src/scenario/scenario.js';

/** Slot starts of one day, every `slotMinutes` from `from` (inclusive) to `to` (exclusive), with +08:00. */
export function slotStarts(date: string, from: string, to: string, slotMinutes = 30): string[] {
  const toMin = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5));
  const out: string[] = [];
  for (let m = toMin(from); m < toMin(to); m += slotMinutes) {
    const hh = String(Math.floor(m / 60)).padStart(2, '0');
    const mm = String(m % 60).padStart(2, '0');
    out.push(`${date}T${hh}:${mm}:00+08:00`);
  }
  return out;
}

/**
 * A centre whose optimum is known by construction: a hall open 09:00–17:00 without a lunch closure, two services
 * that need exactly 1 and 2 servers in every 30-minute slot (given as requirements), single-service counters and
 * single-skilled staff. Shifts of 09:00–13:00 and 13:00–17:00 need no break (neither spans the 11:30–14:00
 * window) and cover every slot exactly once, so 3 servers × 16 slots × 30 minutes = 1440 staff-minutes is both
 * reachable and the counting lower bound: the optimum.
 */
export function knownOptimumScenario(): {
  scenario: ScenarioInput;
  requirements: { service: string; slotStart: string; servers: number }[];
} {
  const starts = slotStarts('2026-12-01', '09:00', '17:00');
  const staff = [];
  for (let i = 0; i < 4; i++)
    staff.push({ id: `A${i}`, skills: ['a'], availableFrom: '08:30', availableTo: '17:30' });
  for (let i = 0; i < 6; i++)
    staff.push({ id: `B${i}`, skills: ['b'], availableFrom: '08:30', availableTo: '17:30' });
  const scenario: ScenarioInput = {
    centre: { id: 'known', timezone: 'Asia/Shanghai', slotMinutes: 30 },
    services: [
      { id: 'a', ahtSeconds: 600 },
      { id: 'b', ahtSeconds: 600 },
    ],
    counters: [
      { id: 'CA1', services: ['a'] },
      { id: 'CA2', services: ['a'] },
      { id: 'CB1', services: ['b'] },
      { id: 'CB2', services: ['b'] },
      { id: 'CB3', services: ['b'] },
    ],
    staff,
    shiftRules: {
      minShiftMinutes: 240,
      maxShiftMinutes: 540,
      breakMinutes: 60,
      breakWindow: ['11:30', '14:00'],
    },
    demand: starts.flatMap((slotStart) => [
      { service: 'a', slotStart, expected: 1 },
      { service: 'b', slotStart, expected: 2 },
    ]),
  };
  const requirements = starts.flatMap((slotStart) => [
    { service: 'a', slotStart, servers: 1 },
    { service: 'b', slotStart, servers: 2 },
  ]);
  return { scenario, requirements };
}
