import type { Channel, Outcome, Visit } from './types.js';

/**
 * Channel of each code in {@link VisitColumns.channel}: the column holds indices into this list.
 *
 * @example
 * CHANNEL_CODES; // => ['appointment', 'walk_in']
 * CHANNEL_CODES[visits.columns.channel[0]]; // the first visit's channel, as `visits.get(0).channel`
 */
export const CHANNEL_CODES: readonly Channel[] = ['appointment', 'walk_in'];

/**
 * Outcome of each code in {@link VisitColumns.outcome}: the column holds indices into this list, `-1` = no outcome.
 *
 * @example
 * OUTCOME_CODES; // => ['served', 'no_show', 'cancelled', 'abandoned']
 * OUTCOME_CODES.indexOf('abandoned'); // => 3
 */
export const OUTCOME_CODES: readonly Outcome[] = ['served', 'no_show', 'cancelled', 'abandoned'];

/** A dictionary-encoded string column: `dictionary[codes[i]]`, code `-1` for null. */
export interface StringColumn {
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** The columns of a {@link VisitTable}; times are epoch ms with `NaN` for absent. */
export interface VisitColumns {
  readonly length: number;
  readonly visitId: StringColumn;
  readonly centre: StringColumn;
  readonly service: StringColumn;
  /** Index into {@link CHANNEL_CODES}. */
  readonly channel: Uint8Array;
  readonly bookedAt: Float64Array;
  readonly appointmentAt: Float64Array;
  readonly arrivedAt: Float64Array;
  readonly calledAt: Float64Array;
  readonly completedAt: Float64Array;
  /** Index into {@link OUTCOME_CODES}, `-1` = no outcome. */
  readonly outcome: Int8Array;
  readonly counter: StringColumn;
  readonly staff: StringColumn;
  /** Present only when ingest was asked for a link key. */
  readonly personKey?: StringColumn;
}

const str = (c: StringColumn, i: number): string | null => (c.codes[i] < 0 ? null : c.dictionary[c.codes[i]]);
const time = (a: Float64Array, i: number): number | null => (Number.isNaN(a[i]) ? null : a[i]);

/**
 * Visits held column by column: typed arrays for times and codes, dictionary-encoded strings. Ten million visits
 * take about 600 MB, almost all outside the JS heap. Iterate it, or call `toArray()` for plain {@link Visit}s.
 *
 * @example
 * const { visits } = await ingestVisits('visits.csv');
 * visits.length;            // => 1234
 * visits.get(0).service;    // => 'tax'
 * const plain = visits.toArray();
 */
export class VisitTable implements Iterable<Visit> {
  /** The columns (read-only views; do not write into them). */
  readonly columns: VisitColumns;

  constructor(columns: VisitColumns) {
    this.columns = columns;
  }

  /** Number of visits. */
  get length(): number {
    return this.columns.length;
  }

  /** The visit at index `i` (0-based) as a plain object. */
  get(i: number): Visit {
    const c = this.columns;
    const v: Visit = {
      visitId: str(c.visitId, i),
      centre: str(c.centre, i),
      service: str(c.service, i) ?? '',
      channel: CHANNEL_CODES[c.channel[i]],
      bookedAt: time(c.bookedAt, i),
      appointmentAt: time(c.appointmentAt, i),
      arrivedAt: time(c.arrivedAt, i),
      calledAt: time(c.calledAt, i),
      completedAt: time(c.completedAt, i),
      outcome: c.outcome[i] < 0 ? null : OUTCOME_CODES[c.outcome[i]],
      counter: str(c.counter, i),
      staff: str(c.staff, i),
    };
    const key = c.personKey === undefined ? null : str(c.personKey, i);
    return key === null ? v : { ...v, personKey: key };
  }

  /** All visits as plain objects. */
  toArray(): Visit[] {
    const out: Visit[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  *[Symbol.iterator](): Iterator<Visit> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /**
   * A table from plain visits (the inverse of `toArray`).
   *
   * @example
   * VisitTable.fromVisits(table.toArray()).length === table.length; // => true
   */
  static fromVisits(visits: readonly Visit[]): VisitTable {
    const b = new VisitTableBuilder(
      visits.length,
      visits.some((v) => v.personKey !== undefined),
    );
    for (const v of visits) {
      b.push(
        v.visitId,
        v.centre,
        v.service,
        CHANNEL_CODES.indexOf(v.channel),
        v.bookedAt,
        v.appointmentAt,
        v.arrivedAt,
        v.calledAt,
        v.completedAt,
        v.outcome === null ? -1 : OUTCOME_CODES.indexOf(v.outcome),
        v.counter,
        v.staff,
        v.personKey ?? null,
      );
    }
    return b.build();
  }
}

class StringColumnBuilder {
  codes: Int32Array;
  readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(capacity: number) {
    this.codes = new Int32Array(capacity);
  }

  set(i: number, value: string | null): void {
    if (value === null) {
      this.codes[i] = -1;
      return;
    }
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.index.set(value, code);
    }
    this.codes[i] = code;
  }

  grow(capacity: number): void {
    const next = new Int32Array(capacity);
    next.set(this.codes);
    this.codes = next;
  }

  build(length: number): StringColumn {
    return { codes: this.codes.subarray(0, length), dictionary: this.dictionary };
  }
}

function growFloat(a: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(a);
  return next;
}

/** Appends visits column by column, growing by doubling; used by ingest while streaming rows out of DuckDB. */
export class VisitTableBuilder {
  private length = 0;
  private capacity: number;
  private readonly strings: StringColumnBuilder[];
  private times: Float64Array[];
  private channel: Uint8Array;
  private outcome: Int8Array;
  private readonly withPersonKey: boolean;

  constructor(capacity: number, withPersonKey: boolean) {
    this.capacity = Math.max(16, capacity);
    this.withPersonKey = withPersonKey;
    this.strings = Array.from({ length: 6 }, () => new StringColumnBuilder(this.capacity));
    this.times = Array.from({ length: 5 }, () => new Float64Array(this.capacity));
    this.channel = new Uint8Array(this.capacity);
    this.outcome = new Int8Array(this.capacity);
  }

  /** Append one visit; times are epoch ms or null, channel and outcome are codes. */
  push(
    visitId: string | null,
    centre: string | null,
    service: string,
    channel: number,
    bookedAt: number | null,
    appointmentAt: number | null,
    arrivedAt: number | null,
    calledAt: number | null,
    completedAt: number | null,
    outcome: number,
    counter: string | null,
    staff: string | null,
    personKey: string | null,
  ): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    const s = this.strings;
    s[0].set(i, visitId);
    s[1].set(i, centre);
    s[2].set(i, service);
    s[3].set(i, counter);
    s[4].set(i, staff);
    s[5].set(i, personKey);
    const t = this.times;
    t[0][i] = bookedAt ?? Number.NaN;
    t[1][i] = appointmentAt ?? Number.NaN;
    t[2][i] = arrivedAt ?? Number.NaN;
    t[3][i] = calledAt ?? Number.NaN;
    t[4][i] = completedAt ?? Number.NaN;
    this.channel[i] = channel;
    this.outcome[i] = outcome;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const s of this.strings) s.grow(this.capacity);
    this.times = this.times.map((a) => growFloat(a, this.capacity));
    const ch = new Uint8Array(this.capacity);
    ch.set(this.channel);
    this.channel = ch;
    const oc = new Int8Array(this.capacity);
    oc.set(this.outcome);
    this.outcome = oc;
  }

  /** The finished table. */
  build(): VisitTable {
    const n = this.length;
    const [visitId, centre, service, counter, staff, personKey] = this.strings.map((s) => s.build(n));
    const [bookedAt, appointmentAt, arrivedAt, calledAt, completedAt] = this.times.map((a) =>
      a.subarray(0, n),
    );
    return new VisitTable({
      length: n,
      visitId,
      centre,
      service,
      channel: this.channel.subarray(0, n),
      bookedAt,
      appointmentAt,
      arrivedAt,
      calledAt,
      completedAt,
      outcome: this.outcome.subarray(0, n),
      counter,
      staff,
      ...(this.withPersonKey ? { personKey } : {}),
    });
  }
}
