import type { Plan } from '../allocate/plan.js';

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The plan's assignments as CSV, one row per open counter per slot: `slot_start, counter, staff, services`
 * (services joined with `|`; staff empty when nobody was found). Rows sorted by slot, then counter.
 *
 * Cost: O(a log a).
 *
 * @example
 * planToCsv(plan).split('\n')[0]; // => 'slot_start,counter,staff,services'
 */
export function planToCsv(plan: Pick<Plan, 'assignments'>): string {
  const rows = [...plan.assignments].sort((a, b) =>
    a.slotStart === b.slotStart
      ? a.counter.localeCompare(b.counter)
      : Date.parse(a.slotStart) - Date.parse(b.slotStart),
  );
  const lines = ['slot_start,counter,staff,services'];
  for (const a of rows) {
    lines.push([a.slotStart, a.counter, a.staff ?? '', a.services.join('|')].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
