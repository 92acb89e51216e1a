import { localClock } from './local-time.js';
import { meanAndCv, quantileSorted } from './quantile.js';
import type { Visit } from './types.js';

/** Options of {@link serviceTimeStats}. */
export interface ServiceTimeStatsOptions {
  /** IANA time zone for the hour of day. Default `Asia/Shanghai`. */
  readonly timezone?: string;
}

/**
 * Defaults of {@link serviceTimeStats}: hours of day in `Asia/Shanghai`.
 *
 * @example
 * defaultServiceTimeStatsOptions.timezone; // => 'Asia/Shanghai'
 */
export const defaultServiceTimeStatsOptions = {
  timezone: 'Asia/Shanghai',
} as const satisfies ServiceTimeStatsOptions;

/** Handling-time statistics of one group of served visits, seconds. */
export interface ServiceTimeSummary {
  readonly service: string;
  /** Local hour of day the visits were called (0–23); absent for the all-day row. */
  readonly hour?: number;
  /** Served visits with both `calledAt` and `completedAt`. */
  readonly count: number;
  readonly meanSeconds: number;
  /** Coefficient of variation (sample standard deviation ÷ mean); `NaN` below two visits. */
  readonly cv: number;
  readonly p50Seconds: number;
  readonly p90Seconds: number;
}

/** Result of {@link serviceTimeStats}. */
export interface ServiceTimeStats {
  /** One row per service, ordered by service. */
  readonly byService: readonly ServiceTimeSummary[];
  /** One row per service and local hour the visits were called, ordered by service then hour. */
  readonly byServiceHour: readonly ServiceTimeSummary[];
  /** Visits whose `completedAt` is before `calledAt`, left out. */
  readonly negativeDurations: number;
}

const DAY_MS = 86_400_000;

function summarise(service: string, hour: number | undefined, values: number[]): ServiceTimeSummary {
  const sorted = Float64Array.from(values).sort();
  const { mean, cv } = meanAndCv(sorted);
  const base = {
    service,
    count: sorted.length,
    meanSeconds: mean,
    cv,
    p50Seconds: quantileSorted(sorted, 0.5),
    p90Seconds: quantileSorted(sorted, 0.9),
  };
  return hour === undefined ? base : { ...base, hour };
}

/**
 * Handling-time statistics (`completedAt − calledAt`) per service and per service × local hour of the call: mean,
 * coefficient of variation and the 50 % and 90 % quantiles (linear interpolation, R's type 7). Only visits served
 * (outcome `served`, or no outcome with both times) count.
 *
 * Complexity O(n log n) for the sorts.
 *
 * @example
 * const s = serviceTimeStats(visits);
 * s.byService.find((r) => r.service === 'tax')?.meanSeconds; // => 721.4
 */
export function serviceTimeStats(
  visits: readonly Visit[],
  options: ServiceTimeStatsOptions = {},
): ServiceTimeStats {
  const tz = options.timezone ?? defaultServiceTimeStatsOptions.timezone;
  const byService = new Map<string, number[]>();
  const byHour = new Map<string, Map<number, number[]>>();
  let negativeDurations = 0;
  const clock = localClock(tz);
  for (const v of visits) {
    if (v.calledAt === null || v.completedAt === null) continue;
    if (v.outcome !== 'served' && v.outcome !== null) continue;
    const seconds = (v.completedAt - v.calledAt) / 1000;
    if (seconds < 0) {
      negativeDurations++;
      continue;
    }
    let all = byService.get(v.service);
    if (all === undefined) {
      all = [];
      byService.set(v.service, all);
      byHour.set(v.service, new Map());
    }
    all.push(seconds);
    const hours = byHour.get(v.service)!;
    const hour = Math.floor((((clock(v.calledAt) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
    let h = hours.get(hour);
    if (h === undefined) {
      h = [];
      hours.set(hour, h);
    }
    h.push(seconds);
  }
  const services = [...byService.keys()].sort();
  return {
    byService: services.map((s) => summarise(s, undefined, byService.get(s)!)),
    byServiceHour: services.flatMap((s) => {
      const hours = byHour.get(s)!;
      return [...hours.keys()].sort((a, b) => a - b).map((h) => summarise(s, h, hours.get(h)!));
    }),
    negativeDurations,
  };
}
