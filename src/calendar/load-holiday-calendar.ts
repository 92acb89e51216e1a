import { readFileSync } from 'node:fs';
import { QueuecastError } from '../errors.js';
import {
  chinaHolidays,
  type HolidayCalendar,
  type HolidayFile,
  holidayCalendarFromFile,
  noHolidays,
} from './holidays.js';

/**
 * Resolve a `--calendar` argument: `cn` (mainland China), `none` (no holidays), or a path to a JSON
 * {@link HolidayFile} (`{ "closed": [...], "extraWorking": [...] }`).
 *
 * @example
 * loadHolidayCalendar('cn').id; // => 'cn'
 */
export function loadHolidayCalendar(spec: string): HolidayCalendar {
  if (spec === 'cn') return chinaHolidays;
  if (spec === 'none') return noHolidays;
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch {
    throw new QueuecastError(
      'FILE_NOT_FOUND',
      `loadHolidayCalendar: --calendar must be cn, none or a JSON file, and ${JSON.stringify(spec)} does not exist`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new QueuecastError(
      'INVALID_INPUT',
      `loadHolidayCalendar: ${spec} is not valid JSON: ${(e as Error).message}`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new QueuecastError(
      'INVALID_INPUT',
      `loadHolidayCalendar: ${spec} must hold a JSON object with closed/extraWorking`,
    );
  }
  return holidayCalendarFromFile({ id: spec, ...(json as HolidayFile) });
}
