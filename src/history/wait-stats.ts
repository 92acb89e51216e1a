import { KeyedStore } from './local-time.js';
import { quantileSorted } from './quantile.js';
import type { Channel, Visit } from './types.js';

/** Options of {@link waitStats}. */
export interface WaitStatsOptions {
  /** Wait limit of the service-level share, seconds. Default 900 (15 minutes). */
  readonly withinSeconds?: number;
}

/**
 * Defaults of {@link waitStats}: service level counted against a 900-second (15-minute) wait limit.
 *
 * @example
 * defaultWaitStatsOptions.withinSeconds; // => 900
 */
export const defaultWaitStatsOptions = {
  withinSeconds: 900,
} as const satisfies WaitStatsOptions;

/** Wait statistics of one group of visits. Waits are `calledAt − arrivedAt`, seconds. */
export interface WaitSummary {
  /** Absent on the overall row. */
  readonly service?: string;
  /** Absent on the overall and per-service rows. */
  readonly channel?: Channel;
  /** Arrived visits whose fate is known: called, or abandoned. */
  readonly arrivals: number;
  readonly called: number;
  readonly abandoned: number;
  /** Mean wait of the called visits, seconds. */
  readonly meanWaitSeconds: number;
  readonly p50WaitSeconds: number;
  readonly p90WaitSeconds: number;
  /** Called within `withinSeconds` ÷ arrivals (abandoners count as misses, as in DESIGN.md). */
  readonly withinShare: number;
  /** Abandoned ÷ arrivals. */
  readonly abandonShare: number;
}

/** Result of {@link waitStats}. */
export interface WaitStats {
  readonly withinSeconds: number;
  readonly overall: WaitSummary;
  /** Ordered by service. */
  readonly byService: readonly WaitSummary[];
  /** Ordered by service, then channel. */
  readonly byServiceChannel: readonly WaitSummary[];
  /** Visits called before they arrived, left out. */
  readonly negativeWaits: number;
}

interface Acc {
  waits: number[];
  abandoned: number;
}

type ChannelAcc = Acc & { service: string; channel: Channel };

/**
 * Wait statistics per service, per service × channel and overall: mean, median and 90 % quantile of the wait of
 * called visits, the share called within `withinSeconds`, and the abandonment share.
 *
 * Complexity O(n log n) for the sorts.
 *
 * @example
 * const w = waitStats(visits, { withinSeconds: 900 });
 * w.overall.withinShare; // => 0.83
 */
export function waitStats(visits: readonly Visit[], options: WaitStatsOptions = {}): WaitStats {
  const withinSeconds = options.withinSeconds ?? defaultWaitStatsOptions.withinSeconds;
  const overall: Acc = { waits: [], abandoned: 0 };
  const bySvc = new Map<string, Acc>();
  const bySvcCh = new KeyedStore<[ChannelAcc | undefined, ChannelAcc | undefined]>();
  const makePair = (): [ChannelAcc | undefined, ChannelAcc | undefined] => [undefined, undefined];
  let negativeWaits = 0;
  for (const v of visits) {
    if (v.arrivedAt === null) continue;
    const abandoned = v.outcome === 'abandoned' && v.calledAt === null;
    if (!abandoned && v.calledAt === null) continue;
    let wait = 0;
    if (!abandoned) {
      wait = (v.calledAt! - v.arrivedAt) / 1000;
      if (wait < 0) {
        negativeWaits++;
        continue;
      }
    }
    let s = bySvc.get(v.service);
    if (s === undefined) {
      s = { waits: [], abandoned: 0 };
      bySvc.set(v.service, s);
    }
    const pair = bySvcCh.get(null, v.service, makePair);
    const k = v.channel === 'appointment' ? 0 : 1;
    let sc = pair[k];
    if (sc === undefined) {
      sc = { waits: [], abandoned: 0, service: v.service, channel: v.channel };
      pair[k] = sc;
    }
    for (const a of [overall, s, sc]) {
      if (abandoned) a.abandoned++;
      else a.waits.push(wait);
    }
  }
  const summarise = (a: Acc): Omit<WaitSummary, 'service' | 'channel'> => {
    const sorted = Float64Array.from(a.waits).sort();
    let sum = 0;
    let within = 0;
    for (const w of sorted) {
      sum += w;
      if (w <= withinSeconds) within++;
    }
    const arrivals = sorted.length + a.abandoned;
    return {
      arrivals,
      called: sorted.length,
      abandoned: a.abandoned,
      meanWaitSeconds: sorted.length > 0 ? sum / sorted.length : Number.NaN,
      p50WaitSeconds: quantileSorted(sorted, 0.5),
      p90WaitSeconds: quantileSorted(sorted, 0.9),
      withinShare: arrivals > 0 ? within / arrivals : Number.NaN,
      abandonShare: arrivals > 0 ? a.abandoned / arrivals : Number.NaN,
    };
  };
  return {
    withinSeconds,
    overall: summarise(overall),
    byService: [...bySvc.keys()].sort().map((service) => ({ service, ...summarise(bySvc.get(service)!) })),
    byServiceChannel: bySvcCh
      .values()
      .flatMap((p) => p.filter((x): x is ChannelAcc => x !== undefined))
      .sort((a, b) =>
        a.service < b.service ? -1 : a.service > b.service ? 1 : a.channel < b.channel ? -1 : 1,
      )
      .map((a) => ({ service: a.service, channel: a.channel, ...summarise(a) })),
    negativeWaits,
  };
}
