import { check, QueuecastError } from '../errors.js';
import { parseIsoTime } from '../time/zoned.js';
import { type CapacityGrid, slotIndex } from './capacity-grid.js';
import { TransientQueue, transientWaits } from './transient-queue.js';
import {
  ABANDON_WALK_IN,
  SL_APPOINTMENT,
  SL_WALK_IN,
  WAIT_APPOINTMENT,
  WAIT_WALK_IN,
} from './two-class-priority.js';
import type {
  BookingOutcome,
  CapacityLimit,
  CapacityResult,
  CapacityRow,
  CapacityServiceSummary,
  WalkInQuantile,
} from './types.js';

const LIMITS: readonly CapacityLimit[] = [
  'target',
  'walk-in-reserve',
  'later-slot',
  'walk-ins-short',
  'no-servers',
  'overbooked',
  'slot-work',
];
const L_TARGET = 0;
const L_RESERVE = 1;
const L_LATER = 2;
const L_SHORT = 3;
const L_NO_SERVERS = 4;
const L_OVERBOOKED = 5;
const L_WORK = 6;
/** {@link CapacityBook.ownCheck} outcomes. */
const OK = 0;
const MISSES_TARGET = 1;
const TOO_MUCH_WORK = 2;
/** Slack on target comparisons, for rounding. */
const EPS = 1e-9;
/** Distributions closer than this (total variation) are the same for deciding later slots. */
const SAME = 1e-9;
/** A later slot whose start distribution moved less than this from its baseline is not affected. */
const UNAFFECTED = 1e-4;

/** Per-service constants of the queueing check (internal). */
export interface ServiceModel {
  readonly ahtSeconds: number;
  /**
   * Stretch of every wait: the Allen–Cunneen factor (1 + cs²)/2 for handling more variable than exponential, 1
   * otherwise (see `prepareCapacity`).
   */
  readonly variability: number;
  readonly showRate: number;
  readonly patienceSeconds: number;
  readonly fraction: number;
  readonly withinSeconds: number;
  readonly meanWaitSeconds: number;
  readonly maxAbandonShare: number;
}

/** What `prepareCapacity` hands to the book (internal). Arrays are service-major: index s × slots + t. */
export interface CapacityModel {
  readonly grid: CapacityGrid;
  readonly serviceIds: readonly string[];
  readonly serviceIndex: ReadonlyMap<string, number>;
  readonly models: readonly ServiceModel[];
  readonly servers: Float64Array;
  readonly walkPlanned: Float64Array;
  readonly walkExpected: Float64Array;
  readonly forecastShows: Float64Array;
  readonly booked: Float64Array;
  readonly reserveShare: number;
  readonly overbook: boolean;
  readonly walkInQuantile: WalkInQuantile;
  readonly appointmentsFirst: boolean;
  readonly warnings: readonly string[];
}

const EMPTY = Float64Array.of(1);
const scratch = new Float64Array(6);

/**
 * A plan's appointment capacity, prepared for booking requests (made by `prepareCapacity`). It holds the bookings
 * recorded so far; queries are O(1). Slots are named by their ISO 8601 start (any offset, or local time of the
 * centre without one) or epoch milliseconds; an unknown service or a slot that is not open throws
 * INVALID_ARGUMENT.
 *
 * @example
 * const book = prepareCapacity(scenario, plan);
 * const slot = '2026-12-01T10:00:00+08:00';
 * book.remaining('tax', slot); // => 9
 * book.book('tax', slot, 2); // => { accepted: true, remaining: 7, overbooked: 0 }
 * book.remaining('tax', slot, 5); // => 4 (the caller's own count of bookings so far)
 */
export class CapacityBook {
  /** Service ids, in scenario order. */
  readonly services: readonly string[];
  /** ISO starts of the open slots, ascending. */
  readonly slotStarts: readonly string[];
  private readonly m: CapacityModel;
  private readonly T: number;
  private readonly slotSeconds: number;
  private readonly booked: Float64Array;
  private readonly released: Float64Array;
  private readonly reserve: Float64Array;
  private readonly limit: Uint8Array;
  /** [walk-in SL, holder SL, walk-in mean wait, holder mean wait] per cell at full booking. */
  private readonly metrics: Float64Array;
  /** Distribution of customers present at each slot's start, given the slots decided before it. */
  private readonly start: Float64Array[];
  private readonly queue = new TransientQueue();
  private readonly slotCache = new Map<string, number>();
  /** Scratch for the later-slot check: baseline start distributions and which later slots met their targets. */
  private baseline: Float64Array[] = [];
  private baselineOk = 0;
  private laterOk = new Uint8Array(16);

  /** @internal Use `prepareCapacity`. */
  constructor(model: CapacityModel) {
    this.m = model;
    this.services = model.serviceIds;
    this.slotStarts = model.grid.iso;
    const T = model.grid.epochs.length;
    const n = model.serviceIds.length * T;
    this.T = T;
    this.slotSeconds = model.grid.slotMinutes * 60;
    this.booked = Float64Array.from(model.booked);
    this.released = new Float64Array(n);
    this.reserve = new Float64Array(n);
    this.limit = new Uint8Array(n);
    this.metrics = new Float64Array(4 * n);
    this.start = new Array(n).fill(EMPTY);
    model.grid.iso.forEach((iso, t) => {
      this.slotCache.set(iso, t);
    });
    for (let s = 0; s < model.serviceIds.length; s++) {
      for (let t = 0; t < T; t = model.grid.sessionEnd[t]) this.decide(s, t, false);
    }
  }

  /** Appointments the slot may take in all (bookings already made included). */
  maxAppointments(service: string, slotStart: string | number): number {
    return this.released[this.cell('maxAppointments', service, slotStart)];
  }

  /** Appointments recorded as booked in the slot. */
  bookedIn(service: string, slotStart: string | number): number {
    return this.booked[this.cell('bookedIn', service, slotStart)];
  }

  /**
   * Appointments still bookable in the slot: max(0, maxAppointments − booked). `bookedSoFar` replaces the book's
   * own count for this query (for a booking system that keeps its own counts); it records nothing.
   */
  remaining(service: string, slotStart: string | number, bookedSoFar?: number): number {
    const i = this.cell('remaining', service, slotStart);
    if (bookedSoFar === undefined) return Math.max(0, this.released[i] - this.booked[i]);
    check(
      Number.isFinite(bookedSoFar) && bookedSoFar >= 0,
      'CapacityBook.remaining',
      'bookedSoFar must be a number ≥ 0',
      bookedSoFar,
    );
    return Math.max(0, this.released[i] - bookedSoFar);
  }

  /**
   * Record `count` bookings in the slot if they fit. With `force: true` they are recorded even beyond the
   * capacity (a booking made at the desk, or imported): the extra work is carried into the later slots of the
   * session, whose capacity is decided again.
   */
  book(
    service: string,
    slotStart: string | number,
    count = 1,
    options: { readonly force?: boolean } = {},
  ): BookingOutcome {
    const i = this.cell('book', service, slotStart);
    check(
      Number.isInteger(count) && count > 0,
      'CapacityBook.book',
      'count must be a positive integer',
      count,
    );
    const released = this.released[i];
    const before = this.booked[i];
    if (before + count > released && options.force !== true) {
      return {
        accepted: false,
        remaining: Math.max(0, released - before),
        overbooked: Math.max(0, before - released),
      };
    }
    this.booked[i] = before + count;
    if (before + count > released) this.bookingsMoved(i);
    return {
      accepted: true,
      remaining: Math.max(0, released - before - count),
      overbooked: Math.max(0, before + count - released),
    };
  }

  /** Remove up to `count` bookings from the slot; returns what remains bookable there afterwards. */
  cancel(service: string, slotStart: string | number, count = 1): number {
    const i = this.cell('cancel', service, slotStart);
    check(
      Number.isInteger(count) && count > 0,
      'CapacityBook.cancel',
      'count must be a positive integer',
      count,
    );
    const before = this.booked[i];
    this.booked[i] = Math.max(0, before - count);
    if (before > this.released[i]) this.bookingsMoved(i);
    return Math.max(0, this.released[i] - this.booked[i]);
  }

  /** The Capacity JSON (DESIGN.md) for the bookings recorded so far. */
  result(): CapacityResult {
    const { grid, serviceIds, servers, walkPlanned, walkExpected, forecastShows, models } = this.m;
    const T = this.T;
    const S = serviceIds.length;
    const rows: CapacityRow[] = [];
    const totals = serviceIds.map(() => ({
      max: 0,
      booked: 0,
      remaining: 0,
      shows: 0,
      walk: 0,
      forecast: 0,
      short: 0,
    }));
    for (let t = 0; t < T; t++) {
      for (let s = 0; s < S; s++) {
        const i = s * T + t;
        if (
          !(
            servers[i] > 0 ||
            walkExpected[i] > 0 ||
            walkPlanned[i] > 0 ||
            forecastShows[i] > 0 ||
            this.booked[i] > 0
          )
        )
          continue;
        const max = this.released[i];
        const remaining = Math.max(0, max - this.booked[i]);
        const shows = Math.max(max, this.booked[i]) * models[s].showRate;
        const limit = this.booked[i] > max ? L_OVERBOOKED : this.limit[i];
        const tot = totals[s];
        tot.max += max;
        tot.booked += this.booked[i];
        tot.remaining += remaining;
        tot.shows += shows;
        tot.walk += walkExpected[i];
        tot.forecast += forecastShows[i];
        if ((this.limit[i] === L_SHORT || this.limit[i] === L_NO_SERVERS) && walkPlanned[i] > 0) tot.short++;
        rows.push({
          service: serviceIds[s],
          slotStart: grid.iso[t],
          maxAppointments: max,
          booked: this.booked[i],
          remaining,
          expectedShows: round(shows, 4),
          expectedWalkIns: round(walkExpected[i], 4),
          plannedWalkIns: round(walkPlanned[i], 4),
          walkInReserve: round(this.reserve[i], 4),
          forecastShows: round(forecastShows[i], 4),
          servers: round(servers[i], 4),
          walkInServiceLevel: round(this.metrics[4 * i], 4),
          appointmentServiceLevel: round(this.metrics[4 * i + 1], 4),
          walkInMeanWaitSeconds: finiteOrNull(this.metrics[4 * i + 2]),
          appointmentMeanWaitSeconds: finiteOrNull(this.metrics[4 * i + 3]),
          limit: LIMITS[limit],
        });
      }
    }
    const services: CapacityServiceSummary[] = serviceIds.map((service, s) => ({
      service,
      maxAppointments: totals[s].max,
      booked: totals[s].booked,
      remaining: totals[s].remaining,
      expectedShows: round(totals[s].shows, 4),
      expectedWalkIns: round(totals[s].walk, 4),
      forecastShows: round(totals[s].forecast, 4),
      shortSlots: totals[s].short,
    }));
    const sum = (f: (x: CapacityServiceSummary) => number) => services.reduce((a, x) => a + f(x), 0);
    return {
      capacity: rows,
      summary: {
        maxAppointments: sum((x) => x.maxAppointments),
        booked: sum((x) => x.booked),
        remaining: sum((x) => x.remaining),
        expectedShows: round(
          sum((x) => x.expectedShows),
          4,
        ),
        expectedWalkIns: round(
          sum((x) => x.expectedWalkIns),
          4,
        ),
        forecastShows: round(
          sum((x) => x.forecastShows),
          4,
        ),
        shortSlots: sum((x) => x.shortSlots),
        walkInQuantile: this.m.walkInQuantile,
        walkInReserveShare: this.m.reserveShare,
        overbook: this.m.overbook,
        priority: this.m.appointmentsFirst ? 'appointments-first' : 'fcfs',
        services,
      },
      warnings: [...this.m.warnings],
    };
  }

  /** Index s × T + t of a service and slot, or throw naming the method. */
  private cell(method: string, service: string, slotStart: string | number): number {
    const s = this.m.serviceIndex.get(service);
    if (s === undefined) {
      throw new QueuecastError(
        'INVALID_ARGUMENT',
        `CapacityBook.${method}: unknown service, got ${JSON.stringify(service)}`,
      );
    }
    let t: number | undefined;
    if (typeof slotStart === 'number') t = slotIndex(this.m.grid, slotStart);
    else {
      t = this.slotCache.get(slotStart);
      if (t === undefined) {
        t = slotIndex(this.m.grid, parseIsoTime(String(slotStart), this.m.grid.timezone));
        if (this.slotCache.size < 100_000) this.slotCache.set(slotStart, t);
      }
    }
    if (t < 0) {
      throw new QueuecastError(
        'INVALID_ARGUMENT',
        `CapacityBook.${method}: not an open slot of the plan, got ${JSON.stringify(slotStart)}`,
      );
    }
    return s * this.T + t;
  }

  /** Cell i's bookings moved beyond (or back within) its capacity: carry the change into its session. */
  private bookingsMoved(i: number): void {
    const s = Math.floor(i / this.T);
    const t = i - s * this.T;
    this.commit(s, t);
    const end = this.m.grid.sessionEnd[t];
    if (t + 1 < end && this.startMoved(i + 1)) this.decide(s, t + 1, true);
  }

  /**
   * Decide the slots of service s from slot `from` to the end of its session, in time order. A warm pass starts
   * each search at the slot's previous capacity and stops once a slot comes out as before and hands the next slot
   * the same distribution as before (everything after it stands).
   */
  private decide(s: number, from: number, warm: boolean): void {
    const base = s * this.T;
    const end = this.m.grid.sessionEnd[from];
    if (from === this.m.grid.sessionFirst[from]) this.start[base + from] = EMPTY;
    for (let t = from; t < end; t++) {
      const i = base + t;
      const before = this.released[i];
      // A cold pass starts each search at the previous slot's capacity: neighbouring slots are alike.
      this.decideSlot(s, t, warm ? before : t > from ? this.released[i - 1] : -1);
      if (t + 1 >= end) return;
      const moved = this.startMoved(i + 1);
      if (warm && !moved && this.released[i] === before) return;
    }
  }

  /** Set cell i+1's start from the last carry pass; whether it moved from what was there. */
  private startMoved(next: number): boolean {
    const q = this.queue;
    const old = this.start[next];
    const moved = totalVariation(old, old.length, q.end, q.endLength) > SAME;
    if (moved) this.start[next] = q.end.slice(0, q.endLength);
    return moved;
  }

  /** Walk-ins kept room for when `shows` holders come: max(walk-ins, shows × share / (1 − share)). */
  private reserveOf(walkIns: number, shows: number): number {
    const r = this.m.reserveShare;
    // A share of 1 releases nothing (see ownCheck); bookings made anyway keep only the forecast walk-ins.
    if (shows <= 0 || r <= 0 || r >= 1) return walkIns;
    return Math.max(walkIns, (shows * r) / (1 - r));
  }

  /** Shows slot k is checked at: k holders (the no-shows are a margin), or k × (1 − noShowRate) when overbooking. */
  private checkedShows(s: number, k: number): number {
    const q = this.m.models[s].showRate;
    return this.m.overbook && q > 0 ? k * q : k;
  }

  /** Completion rate while every server is busy, per second, for waits that may run into the next slot. */
  private completionRate(s: number, t: number): number {
    const m = this.m.models[s];
    const i = s * this.T + t;
    const c = this.m.servers[i];
    const next = t + 1 < this.m.grid.sessionEnd[t] ? this.m.servers[i + 1] : c;
    // A wait of the target's length that starts uniformly in the slot spends on average this share in the next one.
    const spill = Math.min(1, m.withinSeconds / (2 * this.slotSeconds));
    return ((1 - spill) * c + spill * next) / m.ahtSeconds;
  }

  /**
   * Run slot t of service s from its start distribution (or `from`) with `walkIns` and `shows` arriving; when
   * `check` is set, whether each class present meets the service's targets (else true); with `level`, the waits of
   * both classes are left in `scratch`.
   */
  private run(
    s: number,
    t: number,
    walkIns: number,
    shows: number,
    check: boolean,
    level: boolean,
    from?: Float64Array,
  ): boolean {
    const i = s * this.T + t;
    const m = this.m.models[s];
    const c = this.m.servers[i];
    const p = from ?? this.start[i];
    this.queue.pass(p, p.length, (walkIns + shows) / this.slotSeconds, c, 1 / m.ahtSeconds, this.slotSeconds);
    const total = walkIns + shows;
    if (!level && (!check || total <= 0)) return true;
    const v = m.variability;
    const walkPresent = walkIns > 0;
    const apptPresent = shows > 0;
    const needLevel = level || (check && walkPresent && !Number.isNaN(m.fraction));
    transientWaits(
      this.queue.average,
      this.queue.averageLength,
      c,
      this.completionRate(s, t),
      shows / this.slotSeconds,
      m.withinSeconds,
      v,
      m.patienceSeconds,
      this.m.appointmentsFirst,
      needLevel,
      scratch,
    );
    if (!check) return true;
    if (apptPresent) {
      if (!Number.isNaN(m.fraction) && scratch[SL_APPOINTMENT] < m.fraction - EPS) return false;
      if (!Number.isNaN(m.meanWaitSeconds) && !(scratch[WAIT_APPOINTMENT] <= m.meanWaitSeconds + EPS))
        return false;
    }
    if (walkPresent) {
      if (!Number.isNaN(m.meanWaitSeconds) && !(scratch[WAIT_WALK_IN] <= m.meanWaitSeconds + EPS))
        return false;
      if (!Number.isNaN(m.maxAbandonShare) && scratch[ABANDON_WALK_IN] > m.maxAbandonShare + EPS)
        return false;
      if (!Number.isNaN(m.fraction) && scratch[SL_WALK_IN] < m.fraction - EPS) return false;
    }
    return true;
  }

  /** Whether slot t meets its own targets with k released; `noReserve` sizes for the planned walk-ins only. */
  private ownMeets(s: number, t: number, k: number, noReserve: boolean): boolean {
    return this.ownCheck(s, t, k, noReserve) === OK;
  }

  /**
   * Slot t's own check with k released: TOO_MUCH_WORK when its arrivals bring more work than its servers can do in
   * the slot — the transient model, starting a session from an empty hall with servers that free up as exponential
   * handling does, would otherwise let a session's first slot fill beyond it —, MISSES_TARGET, or OK.
   */
  private ownCheck(s: number, t: number, k: number, noReserve: boolean): number {
    const i = s * this.T + t;
    const x = this.checkedShows(s, k);
    const W = this.m.walkPlanned[i];
    if (!noReserve && k > 0 && this.m.reserveShare >= 1) return MISSES_TARGET;
    const R = noReserve ? W : this.reserveOf(W, x);
    if (k > 0 && (R + x) * this.m.models[s].ahtSeconds > this.m.servers[i] * this.slotSeconds * (1 + EPS))
      return TOO_MUCH_WORK;
    return this.run(s, t, R, x, true, false) ? OK : MISSES_TARGET;
  }

  /** Walk-ins and holders slot t carries into the later ones when it takes `shows` (its bookings at least). */
  private carried(s: number, t: number, shows: number): [number, number] {
    const i = s * this.T + t;
    const x = Math.max(shows, this.booked[i] * this.m.models[s].showRate);
    return [this.reserveOf(this.m.walkPlanned[i], x), x];
  }

  /** Start the baseline of the slots after t: slot t with its own walk-ins and bookings only. */
  private startBaseline(s: number, t: number): void {
    const [walk, shows] = this.carried(s, t, 0);
    this.run(s, t, walk, shows, false, false);
    this.baseline[0] = this.queue.end.slice(0, this.queue.endLength);
    this.baselineOk = 0;
  }

  /** Extend the baseline by later slot t + 1 + j: whether it meets its targets, and the start of the next one. */
  private extendBaseline(s: number, t: number, j: number): void {
    const i = s * this.T + t + 1 + j;
    const shows = this.booked[i] * this.m.models[s].showRate;
    const ok = this.run(
      s,
      t + 1 + j,
      this.reserveOf(this.m.walkPlanned[i], shows),
      shows,
      true,
      false,
      this.baseline[j],
    );
    if (this.laterOk.length <= j) {
      const grown = new Uint8Array(2 * (j + 1));
      grown.set(this.laterOk);
      this.laterOk = grown;
    }
    this.laterOk[j] = ok ? 1 : 0;
    this.baseline[j + 1] = this.queue.end.slice(0, this.queue.endLength);
    this.baselineOk = j + 1;
  }

  /**
   * Whether every later slot of the session that met its targets at the baseline still does when slot t takes k
   * appointments; later slots are run until one starts within UNAFFECTED of its baseline (the rest stand).
   */
  private laterMeet(s: number, t: number, k: number): boolean {
    const base = s * this.T;
    const end = this.m.grid.sessionEnd[t];
    const showRate = this.m.models[s].showRate;
    const [walk, shows] = this.carried(s, t, this.checkedShows(s, k));
    this.run(s, t, walk, shows, false, false);
    let current = this.queue.end.slice(0, this.queue.endLength);
    for (let j = 0; t + 1 + j < end; j++) {
      const b = this.baseline[j];
      if (totalVariation(current, current.length, b, b.length) < UNAFFECTED) return true;
      if (this.baselineOk <= j) this.extendBaseline(s, t, j);
      const i = base + t + 1 + j;
      const own = this.booked[i] * showRate;
      const ok = this.run(
        s,
        t + 1 + j,
        this.reserveOf(this.m.walkPlanned[i], own),
        own,
        true,
        false,
        current,
      );
      if (this.laterOk[j] === 1 && !ok) return false;
      current = this.queue.end.slice(0, this.queue.endLength);
    }
    return true;
  }

  /** Largest capacity of slot t of service s given its start distribution; records carry, reserve, metrics. */
  private decideSlot(s: number, t: number, guess: number): void {
    const i = s * this.T + t;
    const m = this.m.models[s];
    const n = this.m.servers[i];
    let k = 0;
    let limit = L_TARGET;
    if (!(n > 0)) {
      limit = L_NO_SERVERS;
    } else if (!this.ownMeets(s, t, 0, false)) {
      limit = L_SHORT;
    } else {
      // The slot's own targets first: the largest k they allow. lo meets them; hi does not (even with nobody
      // present at the start, hi holders would bring more work than the servers can do in the slot and the next).
      let lo = 0;
      let hi =
        this.m.reserveShare >= 1
          ? 1
          : Math.ceil((2 * n * this.slotSeconds) / (m.ahtSeconds * this.checkedShows(s, 1))) + 2;
      // Loose targets (a long mean wait, a low share) may allow more: double until one fails.
      while (!(m.fraction >= 0.5) && hi > 1 && hi < 1e6 && this.ownMeets(s, t, hi, false)) {
        lo = hi;
        hi *= 2;
      }
      if (guess > lo && guess < hi) {
        if (this.ownMeets(s, t, guess, false)) {
          lo = guess;
          for (let step = 1; lo + step < hi; step *= 2) {
            if (!this.ownMeets(s, t, lo + step, false)) {
              hi = lo + step;
              break;
            }
            lo += step;
          }
        } else {
          hi = guess;
          for (let step = 1; hi - step > lo; step *= 2) {
            if (this.ownMeets(s, t, hi - step, false)) {
              lo = hi - step;
              break;
            }
            hi -= step;
          }
        }
      }
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (this.ownMeets(s, t, mid, false)) lo = mid;
        else hi = mid;
      }
      k = lo;
      if (this.m.reserveShare > 0 && this.ownMeets(s, t, k + 1, true)) limit = L_RESERVE;
      else limit = this.ownCheck(s, t, k + 1, false) === TOO_MUCH_WORK ? L_WORK : L_TARGET;
      // Then the later slots of the session that met their targets before this slot took appointments (its
      // bookings are there already): the largest k ≤ that keeps them so.
      if (k > 0 && t + 1 < this.m.grid.sessionEnd[t]) {
        this.startBaseline(s, t);
        if (!this.laterMeet(s, t, k)) {
          limit = L_LATER;
          hi = k;
          lo = 0;
          while (hi - lo > 1) {
            const mid = (lo + hi) >> 1;
            if (this.laterMeet(s, t, mid)) lo = mid;
            else hi = mid;
          }
          k = lo;
        }
      }
    }
    this.released[i] = k;
    this.limit[i] = limit;
    this.commit(s, t);
  }

  /**
   * From slot t's capacity and bookings: its walk-in reserve, its waits at full booking (expected holders
   * max(capacity, booked) × show rate), and the carry pass whose end distribution starts slot t + 1.
   */
  private commit(s: number, t: number): void {
    const i = s * this.T + t;
    const showRate = this.m.models[s].showRate;
    const k = this.released[i];
    const b = this.booked[i];
    this.reserve[i] = this.reserveOf(this.m.walkPlanned[i], Math.max(this.checkedShows(s, k), b * showRate));
    const shows = Math.max(k, b) * showRate;
    if (!(this.m.servers[i] > 0)) {
      const busy = this.reserve[i] + shows > 0;
      this.metrics.set(
        busy ? [0, 0, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY] : [1, 1, 0, 0],
        4 * i,
      );
      this.run(s, t, this.reserve[i], shows, false, false);
      return;
    }
    this.run(s, t, this.reserve[i], shows, false, true);
    this.metrics[4 * i] = scratch[SL_WALK_IN];
    this.metrics[4 * i + 1] = scratch[SL_APPOINTMENT];
    this.metrics[4 * i + 2] = scratch[WAIT_WALK_IN];
    this.metrics[4 * i + 3] = scratch[WAIT_APPOINTMENT];
  }
}

/** Total variation distance between two distributions given as prefixes (missing entries are 0). */
function totalVariation(a: Float64Array, aLength: number, b: Float64Array, bLength: number): number {
  let d = 0;
  const n = Math.max(aLength, bLength);
  for (let k = 0; k < n; k++) d += Math.abs((k < aLength ? a[k] : 0) - (k < bLength ? b[k] : 0));
  return d / 2;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? round(x, 1) : null;
}
