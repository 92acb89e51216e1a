import { utcOffsetMinutes } from '../time/zoned.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * A fast `epochMs → local wall-clock ms` function for one zone: it remembers the offset of the last UTC hour seen,
 * so runs of nearby instants (visits in time order) skip the shared offset cache.
 */
export function localClock(timeZone: string): (epochMs: number) => number {
  let lastHour = Number.NaN;
  let lastOffsetMs = 0;
  return (epochMs: number): number => {
    const hour = Math.floor(epochMs / HOUR_MS);
    if (hour !== lastHour) {
      lastHour = hour;
      lastOffsetMs = utcOffsetMinutes(epochMs, timeZone) * MINUTE_MS;
    }
    return epochMs + lastOffsetMs;
  };
}

/** Local wall-clock time of an instant as milliseconds since 1970-01-01T00:00 local (offset added). */
export function localMs(epochMs: number, timeZone: string): number {
  return epochMs + utcOffsetMinutes(epochMs, timeZone) * MINUTE_MS;
}

/** `YYYY-MM-DD` of a local day number (days since 1970-01-01 local). */
export function localDayKey(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Key of a series for maps: centre, service and channel joined by a separator that cannot occur in CSV text. */
export function seriesKey(
  centre: string | undefined | null,
  service: string | undefined,
  channel: string | undefined,
): string {
  return `${centre ?? ''}\u0001${service ?? ''}\u0001${channel ?? ''}`;
}

/** Compare two optional strings, absent first, then by code unit. */
export function compareOptional(a: string | undefined | null, b: string | undefined | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A two-level map (centre → service → value) that looks up without building a key string. */
export class KeyedStore<T> {
  private readonly byCentre = new Map<string | null, Map<string, T>>();

  get(centre: string | null, service: string, make: () => T): T {
    let byService = this.byCentre.get(centre);
    if (byService === undefined) {
      byService = new Map();
      this.byCentre.set(centre, byService);
    }
    let v = byService.get(service);
    if (v === undefined) {
      v = make();
      byService.set(service, v);
    }
    return v;
  }

  values(): T[] {
    const out: T[] = [];
    for (const m of this.byCentre.values()) for (const v of m.values()) out.push(v);
    return out;
  }
}
