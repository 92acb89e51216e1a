import { check } from '../errors.js';
import { formatIsoInZone } from '../time/zoned.js';
import type { StaffingRequirement } from './types.js';

/**
 * Options of {@link staffingRequirementsToCSV}.
 *
 * @example
 * staffingRequirementsToCSV(result.requirements, { timezone: 'Europe/Berlin', decimals: 2 });
 */
export interface RequirementsCsvOptions {
  /** Time zone the `slot_start` column is written in (ISO 8601 with offset). Default `'Asia/Shanghai'`. */
  readonly timezone?: string;
  /** Decimals kept for fractional `servers`. Default 3. */
  readonly decimals?: number;
}

/**
 * Defaults of {@link RequirementsCsvOptions}.
 *
 * @example
 * defaultRequirementsCsvOptions.decimals; // => 3
 */
export const defaultRequirementsCsvOptions: Required<RequirementsCsvOptions> = {
  timezone: 'Asia/Shanghai',
  decimals: 3,
};

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Write staffing requirements as the CSV of DESIGN.md: `service, slot_start, servers` (fractional, before
 * rounding), then `servers_integer`, and a `pool` column — the services sharing counters, joined by `+` — when any
 * row is a pool. Extra columns are ignored by readers of the format.
 * Complexity O(rows).
 *
 * @param requirements rows from {@link staffingRequirements}.
 * @param options `timezone` (default Asia/Shanghai), `decimals` (default 3).
 * @returns CSV text with a header row and a trailing newline.
 * @example
 * staffingRequirementsToCSV([{ service: 'tax', services: ['tax'], slotStart: Date.parse('2026-12-01T01:00:00Z'),
 *   slotMinutes: 30, arrivals: 20, offeredLoadErlangs: 4.56, servers: 5.759, serversInteger: 6,
 *   serviceLevel: 0.897, meanWaitSeconds: 182, model: 'erlang-c', targetReachable: true }]);
 * // => 'service,slot_start,servers,servers_integer\ntax,2026-12-01T09:00:00+08:00,5.759,6\n'
 */
export function staffingRequirementsToCSV(
  requirements: readonly StaffingRequirement[],
  options: RequirementsCsvOptions = {},
): string {
  const o = { ...defaultRequirementsCsvOptions, ...options };
  check(
    Number.isInteger(o.decimals) && o.decimals >= 0 && o.decimals <= 12,
    'staffingRequirementsToCSV',
    'decimals must be an integer in [0, 12]',
    o.decimals,
  );
  const pooled = requirements.some((r) => r.services.length > 1);
  const lines = [`service,slot_start,servers,servers_integer${pooled ? ',pool' : ''}`];
  for (const r of requirements) {
    const fields = [
      csvField(r.service),
      formatIsoInZone(r.slotStart, o.timezone),
      String(Number(r.servers.toFixed(o.decimals))),
      String(r.serversInteger),
    ];
    if (pooled) fields.push(r.services.length > 1 ? csvField(r.services.join('+')) : '');
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}
