import { formatIsoInZone, utcOffsetMinutes } from '../time/zoned.js';

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * A formatter of instants as ISO 8601 local time with offset (as `formatIsoInZone`), caching the date prefix and
 * offset of the last local day: the generator formats over a million times a year, nearly all on the same day.
 */
export function createIsoFormatter(timeZone: string): (epochMs: number) => string {
  let cachedDay = Number.NaN;
  let prefix = '';
  let suffix = '';
  let offsetMs = 0;
  return (epochMs: number): string => {
    const off = utcOffsetMinutes(epochMs, timeZone) * 60_000;
    const local = epochMs + off;
    const day = Math.floor(local / DAY_MS);
    if (day !== cachedDay || off !== offsetMs) {
      const full = formatIsoInZone(epochMs, timeZone);
      cachedDay = day;
      offsetMs = off;
      prefix = full.slice(0, 11);
      suffix = full.slice(19);
    }
    const s = Math.floor((local - day * DAY_MS) / 1000);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s % 60]}${suffix}`;
  };
}
