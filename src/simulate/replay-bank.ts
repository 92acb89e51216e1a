import type { Plan } from '../allocate/plan.js';
import { check, QueuecastError } from '../errors.js';
import { parseScenario, type Scenario } from '../scenario/scenario.js';
import { weekdayOf } from '../time/zoned.js';
import type { SimulateOptions } from './options.js';
import { simulate } from './simulate.js';

/**
 * One call of the "Anonymous Bank" call-centre records (Technion SEE Lab; Brown et al. 2005, JASA 100:36–50):
 * the columns the replay needs, times in seconds since local midnight of `date`.
 */
export interface BankCall {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** 0 = unidentified, 1 = regular, 2 = priority customer. */
  readonly priority: number;
  /** Service type: PS, PE, IN, NE, NW or TT. */
  readonly type: string;
  readonly vruExitSeconds: number;
  /** Entry to the agents' queue; null when the call never queued. */
  readonly queueStartSeconds: number | null;
  readonly queueSeconds: number;
  readonly outcome: 'AGENT' | 'HANG';
  readonly serviceStartSeconds: number | null;
  readonly serviceEndSeconds: number | null;
  readonly serviceSeconds: number;
  /** Agent name; null for NO_SERVER. */
  readonly server: string | null;
}

const REQUIRED = [
  'date',
  'priority',
  'type',
  'vru_exit',
  'q_start',
  'q_time',
  'outcome',
  'ser_start',
  'ser_exit',
  'ser_time',
  'server',
];

function clockSeconds(text: string, line: number, column: string): number {
  const m = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (m === null) {
    throw new QueuecastError(
      'BAD_TIME',
      `parseBankCalls: line ${line}: ${column} must be h:mm:ss, got ${JSON.stringify(text)}`,
    );
  }
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/**
 * Parse the Anonymous Bank TSV (`../shared/datasets/anonymous-bank-calls-1999-02.tsv`): tab-separated with a header,
 * dates `yymmdd` (19yy), clock times `h:mm:ss`. PHANTOM calls are dropped; `q_start = 0:00:00` means the call never
 * queued; `ser_start = 0:00:00` means it was never served; a service ending past midnight ends the next day.
 *
 * Complexity: O(rows).
 *
 * @throws QueuecastError `MISSING_COLUMN` or `BAD_TIME`.
 * @example
 * parseBankCalls('date\tpriority\ttype\tvru_exit\tq_start\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\n' +
 *   '990201\t2\tPS\t8:09:22\t8:09:22\t5\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER')[0].outcome; // => 'HANG'
 */
export function parseBankCalls(text: string): BankCall[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split('\t').map((h) => h.trim());
  const col = new Map(header.map((h, i) => [h, i]));
  for (const name of REQUIRED) {
    if (!col.has(name))
      throw new QueuecastError('MISSING_COLUMN', `parseBankCalls: missing column ${JSON.stringify(name)}`);
  }
  const at = (f: string[], name: string) => f[col.get(name)!]?.trim() ?? '';
  const calls: BankCall[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const f = lines[i].split('\t');
    const outcome = at(f, 'outcome');
    if (outcome === 'PHANTOM') continue;
    if (outcome !== 'AGENT' && outcome !== 'HANG') {
      throw new QueuecastError(
        'INVALID_INPUT',
        `parseBankCalls: line ${i + 1}: outcome must be AGENT, HANG or PHANTOM, got ${JSON.stringify(outcome)}`,
      );
    }
    const d = at(f, 'date');
    if (!/^\d{6}$/.test(d))
      throw new QueuecastError(
        'BAD_TIME',
        `parseBankCalls: line ${i + 1}: date must be yymmdd, got ${JSON.stringify(d)}`,
      );
    const qStart = clockSeconds(at(f, 'q_start'), i + 1, 'q_start');
    const sStart = clockSeconds(at(f, 'ser_start'), i + 1, 'ser_start');
    let sEnd = clockSeconds(at(f, 'ser_exit'), i + 1, 'ser_exit');
    if (sStart > 0 && sEnd < sStart) sEnd += 86_400;
    const server = at(f, 'server');
    calls.push({
      date: `19${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}`,
      priority: Number(at(f, 'priority')),
      type: at(f, 'type'),
      vruExitSeconds: clockSeconds(at(f, 'vru_exit'), i + 1, 'vru_exit'),
      queueStartSeconds: qStart === 0 ? null : qStart,
      queueSeconds: Number(at(f, 'q_time')),
      outcome,
      serviceStartSeconds: sStart === 0 ? null : sStart,
      serviceEndSeconds: sStart === 0 ? null : sEnd,
      serviceSeconds: Number(at(f, 'ser_time')),
      server: server === 'NO_SERVER' || server === '' ? null : server,
    });
  }
  return calls;
}

/** How {@link bankDays} reconstructs the agents on duty. */
export interface BankReplayOptions {
  /** Slot length of the replay, minutes: 15 (default), 30 or 60. */
  readonly slotMinutes: 15 | 30 | 60;
  /**
   * Who is on duty in a slot. `presence` (default): an agent's service intervals are merged across gaps shorter than
   * `presenceGapMinutes` into spells of presence; the agent is on duty in a slot they are present for at least half of.
   * `active`: every agent who serves at some moment of the slot.
   */
  readonly agents: 'presence' | 'active';
  /** Gap that ends a spell of presence, minutes. Default 10. */
  readonly presenceGapMinutes: number;
  /**
   * `true` (default): each call type is its own service, and an agent serves only the types they answered that day
   * (skills-based routing). `false`: one pooled queue that every agent serves.
   */
  readonly skills: boolean;
}

/**
 * Defaults of {@link BankReplayOptions}: 15-minute slots, agents on duty by presence (spells end at a 10-minute gap),
 * skills-based routing by call type.
 *
 * @example
 * defaultBankReplayOptions.slotMinutes; // => 15
 * bankDays(calls, { ...defaultBankReplayOptions, skills: false });
 */
export const defaultBankReplayOptions: BankReplayOptions = Object.freeze({
  slotMinutes: 15,
  agents: 'presence',
  presenceGapMinutes: 10,
  skills: true,
});

/** What one day of the bank looked like, reconstructed from its records. */
export interface BankDay {
  readonly date: string;
  readonly slotMinutes: number;
  /** Service ids of the replay: the call types, or `calls` when pooled. */
  readonly services: readonly string[];
  /** Calls reaching the agents' queue per service and slot of the day (by queue entry, or answer when not queued). */
  readonly arrivals: Readonly<Record<string, readonly number[]>>;
  /** Agents on duty in each slot of the day. */
  readonly onDuty: readonly (readonly string[])[];
  /** Services each agent answered that day. */
  readonly skills: Readonly<Record<string, readonly string[]>>;
  /** Service times of calls answered by a named agent, per service, seconds. */
  readonly serviceSeconds: Readonly<Record<string, readonly number[]>>;
  /**
   * Exponential patience MLE per service: total time queued by all its queued calls ÷ its abandonments, seconds; the
   * day's pooled estimate for a service with fewer than 5 abandonments; Infinity when nobody abandoned all day.
   */
  readonly patienceSeconds: Readonly<Record<string, number>>;
  readonly observed: {
    readonly arrivals: number;
    readonly served: number;
    readonly abandoned: number;
    readonly abandonShare: number;
    /** Mean wait of answered calls (zero for those answered without queueing), seconds. */
    readonly meanWaitSeconds: number;
    /** Share of arrivals answered within 60 s. */
    readonly serviceLevel60: number;
  };
}

/**
 * Rebuild each day of the bank from its calls: arrivals per service and slot, the agents on duty per slot and their
 * skills (see {@link BankReplayOptions}), empirical service times, the exponential patience MLE and the observed
 * outcomes. A call "arrives" when it enters the agents' queue, or is answered without queueing by a named agent
 * (calls answered by NO_SERVER without queueing are VRU-only and left out, as are hang-ups inside the VRU).
 *
 * Complexity: O(calls + agents × slots).
 *
 * @example
 * const days = bankDays(parseBankCalls(text));
 * days[0].onDuty[40].length; // agents on duty 10:00–10:15 on 1999-02-01
 */
export function bankDays(calls: readonly BankCall[], options: Partial<BankReplayOptions> = {}): BankDay[] {
  const o: BankReplayOptions = { ...defaultBankReplayOptions, ...options };
  check([15, 30, 60].includes(o.slotMinutes), 'bankDays', 'slotMinutes must be 15, 30 or 60', o.slotMinutes);
  check(o.presenceGapMinutes >= 0, 'bankDays', 'presenceGapMinutes must be ≥ 0', o.presenceGapMinutes);
  const L = o.slotMinutes * 60;
  const nSlots = 86_400 / L;
  const byDate = new Map<string, BankCall[]>();
  for (const c of calls) {
    const list = byDate.get(c.date);
    if (list === undefined) byDate.set(c.date, [c]);
    else list.push(c);
  }
  return [...byDate.keys()].sort().map((date) => {
    const list = byDate.get(date)!;
    const serviceOf = (c: BankCall) => (o.skills ? c.type : 'calls');
    const services = [...new Set(list.map(serviceOf))].sort();
    const arrivals: Record<string, number[]> = {};
    const serviceSeconds: Record<string, number[]> = {};
    const queuedSeconds: Record<string, number> = {};
    const abandons: Record<string, number> = {};
    for (const s of services) {
      arrivals[s] = new Array<number>(nSlots).fill(0);
      serviceSeconds[s] = [];
      queuedSeconds[s] = 0;
      abandons[s] = 0;
    }
    const skills = new Map<string, Set<string>>();
    const intervals = new Map<string, [number, number][]>();
    let arrived = 0;
    let served = 0;
    let abandoned = 0;
    let waitServed = 0;
    let within60 = 0;
    for (const c of list) {
      const s = serviceOf(c);
      if (c.server !== null && c.serviceStartSeconds !== null && c.serviceEndSeconds !== null) {
        let agentSkills = skills.get(c.server);
        if (agentSkills === undefined) {
          agentSkills = new Set();
          skills.set(c.server, agentSkills);
          intervals.set(c.server, []);
        }
        agentSkills.add(s);
        intervals.get(c.server)!.push([c.serviceStartSeconds, c.serviceEndSeconds]);
        if (c.serviceSeconds > 0) serviceSeconds[s].push(c.serviceSeconds);
      }
      const isQueued = c.queueStartSeconds !== null;
      if (!isQueued && !(c.outcome === 'AGENT' && c.server !== null)) continue;
      const t = isQueued ? c.queueStartSeconds! : (c.serviceStartSeconds ?? c.vruExitSeconds);
      arrivals[s][Math.min(nSlots - 1, Math.floor(t / L))]++;
      arrived++;
      const wait = isQueued ? c.queueSeconds : 0;
      queuedSeconds[s] += wait;
      if (c.outcome === 'HANG') {
        abandoned++;
        abandons[s]++;
      } else {
        served++;
        waitServed += wait;
        if (wait <= 60) within60++;
      }
    }
    const onDuty: string[][] = Array.from({ length: nSlots }, () => []);
    const gap = o.presenceGapMinutes * 60;
    for (const [agent, iv] of [...intervals.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      iv.sort((a, b) => a[0] - b[0]);
      const spells: [number, number][] = [];
      for (const [a, b] of iv) {
        const last = spells[spells.length - 1];
        if (o.agents === 'presence' && last !== undefined && a - last[1] < gap)
          last[1] = Math.max(last[1], b);
        else spells.push([a, b]);
      }
      for (let k = 0; k < nSlots; k++) {
        const lo = k * L;
        const hi = lo + L;
        let covered = 0;
        for (const [a, b] of spells) covered += Math.max(0, Math.min(b, hi) - Math.max(a, lo));
        if (o.agents === 'presence' ? covered >= L / 2 : covered > 0) onDuty[k].push(agent);
      }
    }
    const totalQueued = Object.values(queuedSeconds).reduce((a, b) => a + b, 0);
    const pooledPatience = abandoned > 0 ? totalQueued / abandoned : Number.POSITIVE_INFINITY;
    const patienceSeconds: Record<string, number> = {};
    for (const s of services)
      patienceSeconds[s] = abandons[s] >= 5 ? queuedSeconds[s] / abandons[s] : pooledPatience;
    return {
      date,
      slotMinutes: o.slotMinutes,
      services,
      arrivals,
      onDuty,
      skills: Object.fromEntries([...skills.entries()].map(([a, set]) => [a, [...set].sort()])),
      serviceSeconds,
      patienceSeconds,
      observed: {
        arrivals: arrived,
        served,
        abandoned,
        abandonShare: arrived > 0 ? abandoned / arrived : 0,
        meanWaitSeconds: served > 0 ? waitServed / served : 0,
        serviceLevel60: arrived > 0 ? within60 / arrived : 0,
      },
    };
  });
}

/** Inputs of {@link simulate} that replay one bank day. */
export interface BankReplay {
  readonly scenario: Scenario;
  readonly plan: Plan;
  readonly options: Partial<SimulateOptions>;
}

/**
 * The scenario, plan and options that replay a {@link BankDay} through the simulator: one service per call type (or
 * one pooled service) with the day's empirical service times and exponential patience, Poisson arrivals at the
 * observed count of each slot (Asia/Jerusalem), each agent on duty as a counter serving their skills, first come
 * first served, service level within 60 s. Services nobody answered that day borrow the day's service times.
 *
 * @example
 * const { scenario, plan, options } = bankReplay(days[0]);
 * simulate(scenario, plan, { ...options, replications: 100 }).services[0].abandonShare;
 */
export function bankReplay(day: BankDay): BankReplay {
  const L = day.slotMinutes * 60;
  const slots = day.onDuty
    .map((_, k) => k)
    .filter((k) => day.onDuty[k].length > 0 || day.services.some((s) => day.arrivals[s][k] > 0));
  const iso = (k: number) => {
    const t = k * L;
    const hh = String(Math.floor(t / 3600)).padStart(2, '0');
    const mm = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
    return `${day.date}T${hh}:${mm}:00`;
  };
  const everything = day.services.flatMap((s) => day.serviceSeconds[s]);
  const empirical: Record<string, readonly number[]> = {};
  const services = day.services.map((s) => {
    const observed = day.serviceSeconds[s].length > 0 ? day.serviceSeconds[s] : everything;
    if (observed.length > 0) empirical[s] = observed;
    const mean = observed.length > 0 ? observed.reduce((a, b) => a + b, 0) / observed.length : 180;
    const patience = day.patienceSeconds[s];
    return {
      id: s,
      ahtSeconds: mean,
      ...(Number.isFinite(patience) ? { patienceSeconds: patience } : {}),
      target: { fraction: 0.8, withinSeconds: 60 },
    };
  });
  const { scenario } = parseScenario({
    centre: { id: 'anonymous-bank', timezone: 'Asia/Jerusalem', slotMinutes: day.slotMinutes },
    services,
    priority: 'fcfs',
    demand: slots.flatMap((k) =>
      day.services
        .filter((s) => day.arrivals[s][k] > 0)
        .map((s) => ({ service: s, slotStart: iso(k), expected: day.arrivals[s][k] })),
    ),
  });
  const assignments = slots.flatMap((k) =>
    day.onDuty[k].map((agent) => ({
      slotStart: iso(k),
      counter: agent,
      staff: agent,
      services: day.skills[agent],
    })),
  );
  const plan: Plan = {
    status: 'feasible',
    assignments,
    shifts: [],
    expected: [],
    shortfalls: [],
    summary: {
      staffMinutes: assignments.length * day.slotMinutes,
      counterMinutes: assignments.length * day.slotMinutes,
      lowerBoundStaffMinutes: 0,
      targetsMetFraction: 0,
      solveMilliseconds: 0,
    },
  };
  return { scenario, plan, options: { empiricalServiceSeconds: empirical } };
}

/** Observed against simulated outcomes of one replayed bank day (or of all days pooled, `date: 'all'`). */
export interface BankReplayRow {
  readonly date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday (0 for the pooled row). */
  readonly weekday: number;
  readonly arrivals: number;
  readonly observedMeanWaitSeconds: number;
  readonly simulatedMeanWaitSeconds: number;
  /** 95 % half-width across replications (null for the pooled row). */
  readonly meanWaitCI: number | null;
  readonly observedAbandonShare: number;
  readonly simulatedAbandonShare: number;
  readonly abandonShareCI: number | null;
  readonly observedServiceLevel60: number;
  readonly simulatedServiceLevel60: number;
}

/**
 * Replay bank days through {@link simulate} and compare observed with simulated mean wait (answered calls),
 * abandonment share and share answered within 60 s, per day and pooled over the days (customer-weighted).
 *
 * Complexity: O(days × replications × calls per day).
 *
 * @example
 * const { rows, pooled } = replayBankDays(bankDays(parseBankCalls(text)), { replications: 50 });
 * pooled.simulatedMeanWaitSeconds / pooled.observedMeanWaitSeconds; // ≈ 1 when the reconstruction is faithful
 */
export function replayBankDays(
  days: readonly BankDay[],
  options: Partial<SimulateOptions> = {},
): { rows: BankReplayRow[]; pooled: BankReplayRow } {
  const rows: BankReplayRow[] = [];
  const sum = {
    arrivals: 0,
    obsServed: 0,
    obsWait: 0,
    obsAb: 0,
    obsWithin: 0,
    simServed: 0,
    simWait: 0,
    simAb: 0,
    simWithin: 0,
    simArr: 0,
  };
  for (const day of days) {
    const { scenario, plan, options: replayOptions } = bankReplay(day);
    const r = simulate(scenario, plan, { ...replayOptions, ...options });
    let served = 0;
    let waitSum = 0;
    let ab = 0;
    let within = 0;
    let arr = 0;
    for (const s of r.services) {
      served += s.served;
      waitSum += (s.meanWaitSeconds ?? 0) * s.served;
      ab += s.abandoned;
      within += (s.serviceLevel ?? 0) * s.arrivals;
      arr += s.arrivals;
    }
    const single = r.services.length === 1 ? r.services[0] : null;
    const o = day.observed;
    rows.push({
      date: day.date,
      weekday: weekdayOf(day.date),
      arrivals: o.arrivals,
      observedMeanWaitSeconds: o.meanWaitSeconds,
      simulatedMeanWaitSeconds: served > 0 ? waitSum / served : 0,
      meanWaitCI: single?.meanWaitCI ?? null,
      observedAbandonShare: o.abandonShare,
      simulatedAbandonShare: arr > 0 ? ab / arr : 0,
      abandonShareCI: single?.abandonShareCI ?? null,
      observedServiceLevel60: o.serviceLevel60,
      simulatedServiceLevel60: arr > 0 ? within / arr : 0,
    });
    sum.arrivals += o.arrivals;
    sum.obsServed += o.served;
    sum.obsWait += o.meanWaitSeconds * o.served;
    sum.obsAb += o.abandoned;
    sum.obsWithin += o.serviceLevel60 * o.arrivals;
    sum.simServed += served;
    sum.simWait += waitSum;
    sum.simAb += ab;
    sum.simWithin += within;
    sum.simArr += arr;
  }
  const pooled: BankReplayRow = {
    date: 'all',
    weekday: 0,
    arrivals: sum.arrivals,
    observedMeanWaitSeconds: sum.obsServed > 0 ? sum.obsWait / sum.obsServed : 0,
    simulatedMeanWaitSeconds: sum.simServed > 0 ? sum.simWait / sum.simServed : 0,
    meanWaitCI: null,
    observedAbandonShare: sum.arrivals > 0 ? sum.obsAb / sum.arrivals : 0,
    simulatedAbandonShare: sum.simArr > 0 ? sum.simAb / sum.simArr : 0,
    abandonShareCI: null,
    observedServiceLevel60: sum.arrivals > 0 ? sum.obsWithin / sum.arrivals : 0,
    simulatedServiceLevel60: sum.simArr > 0 ? sum.simWithin / sum.simArr : 0,
  };
  return { rows, pooled };
}
