import type { SimulationModel } from '../../src/simulate/index.js';

/**
 * A deliberately straightforward discrete-event simulator of the same operating rules as the engine: customers and
 * events are objects, the future-event list is a JS array kept sorted (binary search + splice, shift to pop), the
 * arrival process schedules its next arrival, queues are arrays (abandoners spliced out), and the idle counter with
 * the smallest (idle since, sequence) is found by scanning. It is the correctness reference of the engine (same
 * customers in → same outcome for every customer) and the naive peer of bench/simulate.bench.ts.
 */
export interface NaiveOutcome {
  /** Per customer: 'served', 'abandoned' or 'waiting' (unserved at the end). */
  readonly state: readonly string[];
  /** Per customer: time called, seconds (NaN if never). */
  readonly called: readonly number[];
}

interface Customer {
  readonly index: number;
  readonly arrival: number;
  readonly service: number;
  readonly channel: number;
  readonly patience: number;
  readonly duration: number;
  state: 'pending' | 'waiting' | 'served' | 'abandoned';
  called: number;
}

interface Counter {
  staff: number;
  assignment: number;
  services: number[];
  busy: boolean;
  servingStaff: number;
  idle: boolean;
  idleSince: number;
  seq: number;
}

interface Staff {
  busy: boolean;
  counter: number;
}

type Event =
  | { readonly time: number; readonly rank: 0; readonly kind: 'boundary'; readonly value: number }
  | { readonly time: number; readonly rank: 1; readonly kind: 'complete'; readonly counter: Counter }
  | { readonly time: number; readonly rank: 1; readonly kind: 'abandon'; readonly customer: Customer }
  | { readonly time: number; readonly rank: 2; readonly kind: 'arrive'; readonly customer: Customer };

/** Customers as plain arrays, as the engine holds them. */
export interface NaiveCustomers {
  readonly arrivalSeconds: ArrayLike<number>;
  readonly service: ArrayLike<number>;
  readonly channel: ArrayLike<number>;
  readonly patienceSeconds: ArrayLike<number>;
  readonly serviceSeconds: ArrayLike<number>;
  readonly count: number;
}

export function naiveSimulate(model: SimulationModel, input: NaiveCustomers): NaiveOutcome {
  const customers: Customer[] = [];
  for (let i = 0; i < input.count; i++) {
    customers.push({
      index: i,
      arrival: input.arrivalSeconds[i],
      service: input.service[i],
      channel: input.channel[i],
      patience: input.patienceSeconds[i],
      duration: input.serviceSeconds[i],
      state: 'pending',
      called: Number.NaN,
    });
  }
  const S = model.serviceIds.length;
  const counters: Counter[] = model.counterIds.map(() => ({
    staff: -1,
    assignment: -1,
    services: [],
    busy: false,
    servingStaff: -1,
    idle: false,
    idleSince: 0,
    seq: 0,
  }));
  const staff: Staff[] = model.staffIds.map(() => ({ busy: false, counter: -1 }));
  const queues: Customer[][] = Array.from({ length: S * 2 }, () => []);
  const events: Event[] = [];
  let seq = 0;
  let open: Counter[] = [];

  const schedule = (e: Event): void => {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = events[mid];
      if (m.time < e.time || (m.time === e.time && m.rank <= e.rank)) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, e);
  };

  const takeNext = (c: Counter): Customer | undefined => {
    const classes = model.appointmentsFirst === 1 ? [[1], [0]] : [[0, 1]];
    for (const group of classes) {
      let best: Customer | undefined;
      let bestQueue: Customer[] | undefined;
      for (const s of c.services) {
        for (const ch of group) {
          const q = queues[s * 2 + ch];
          if (q.length > 0 && (best === undefined || q[0].arrival < best.arrival)) {
            best = q[0];
            bestQueue = q;
          }
        }
      }
      if (best !== undefined && bestQueue !== undefined) {
        bestQueue.shift();
        return best;
      }
    }
    return undefined;
  };

  const start = (cu: Customer, c: Counter, t: number): void => {
    cu.state = 'served';
    cu.called = t;
    c.busy = true;
    c.idle = false;
    c.servingStaff = c.staff;
    staff[c.staff].busy = true;
    schedule({ time: t + cu.duration, rank: 1, kind: 'complete', counter: c });
  };

  const activate = (c: Counter, t: number): void => {
    if (c.staff < 0 || c.busy || staff[c.staff].busy || c.idle) return;
    const next = takeNext(c);
    if (next !== undefined) start(next, c, t);
    else {
      c.idle = true;
      c.idleSince = t;
      c.seq = seq++;
    }
  };

  for (let b = 0; b < model.boundaryTime.length; b++) {
    schedule({ time: model.boundaryTime[b], rank: 0, kind: 'boundary', value: model.boundaryKind[b] });
  }
  if (customers.length > 0)
    schedule({ time: customers[0].arrival, rank: 2, kind: 'arrive', customer: customers[0] });

  while (events.length > 0) {
    const e = events.shift()!;
    const t = e.time;
    if (e.kind === 'arrive') {
      const cu = e.customer;
      if (cu.index + 1 < customers.length) {
        const nx = customers[cu.index + 1];
        schedule({ time: nx.arrival, rank: 2, kind: 'arrive', customer: nx });
      }
      let pick: Counter | undefined;
      for (const c of counters) {
        if (c.idle && c.services.includes(cu.service)) {
          if (
            pick === undefined ||
            c.idleSince < pick.idleSince ||
            (c.idleSince === pick.idleSince && c.seq < pick.seq)
          ) {
            pick = c;
          }
        }
      }
      if (pick !== undefined) start(cu, pick, t);
      else {
        cu.state = 'waiting';
        queues[cu.service * 2 + cu.channel].push(cu);
        if (cu.patience < Number.POSITIVE_INFINITY)
          schedule({ time: t + cu.patience, rank: 1, kind: 'abandon', customer: cu });
      }
    } else if (e.kind === 'abandon') {
      const cu = e.customer;
      if (cu.state === 'waiting') {
        cu.state = 'abandoned';
        const q = queues[cu.service * 2 + cu.channel];
        q.splice(q.indexOf(cu), 1);
      }
    } else if (e.kind === 'complete') {
      const c = e.counter;
      const p = c.servingStaff;
      c.busy = false;
      staff[p].busy = false;
      activate(c, t);
      const other = staff[p].counter;
      if (other >= 0 && counters[other] !== c) activate(counters[other], t);
    } else if (e.value >= 0) {
      const k = e.value;
      const wasIdle = new Set<Counter>();
      for (const c of open) {
        if (c.idle) wasIdle.add(c);
        c.idle = false;
        if (c.staff >= 0 && staff[c.staff].counter === counters.indexOf(c)) staff[c.staff].counter = -1;
        c.staff = -1;
        c.services = [];
      }
      open = [];
      for (let a = model.assignSlotStart[k]; a < model.assignSlotStart[k + 1]; a++) {
        const ci = model.assignCounter[a];
        const c = counters[ci];
        c.staff = model.assignStaff[a];
        c.assignment = a;
        c.services = Array.from(
          model.assignServices.subarray(model.assignServiceStart[a], model.assignServiceStart[a + 1]),
        );
        staff[c.staff].counter = ci;
        if (!wasIdle.has(c)) c.idleSince = t;
        open.push(c);
      }
      open = [...open].sort((x, y) => x.idleSince - y.idleSince);
      for (const c of open) {
        if (c.busy || staff[c.staff].busy) continue;
        const next = takeNext(c);
        if (next !== undefined) start(next, c, t);
        else {
          c.idle = true;
          c.seq = seq++;
        }
      }
    }
  }
  return { state: customers.map((c) => c.state), called: customers.map((c) => c.called) };
}
