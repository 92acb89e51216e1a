/**
 * A binary min-heap of events keyed by time, stored in two typed arrays (times and integer ids) so that pushing and
 * popping allocate nothing. Equal times pop in an unspecified but deterministic order.
 *
 * Complexity: push, pop and replaceTop O(log n); peek O(1). The arrays double when full.
 *
 * @example
 * const heap = new EventHeap(16);
 * heap.push(5, 1); heap.push(2, 7);
 * heap.topTime(); // => 2
 * heap.pop(); // => 7
 * heap.replaceTop(9, 3); // the event at 5 gives way to one at 9
 * heap.topId(); // => 3
 */
export class EventHeap {
  private times: Float64Array;
  private ids: Int32Array;
  /** Number of events held. */
  size = 0;

  constructor(capacity = 64) {
    this.times = new Float64Array(Math.max(4, capacity));
    this.ids = new Int32Array(Math.max(4, capacity));
  }

  /** Remove every event (keeps the storage). */
  clear(): void {
    this.size = 0;
  }

  /** Time of the earliest event, or Infinity when empty. */
  topTime(): number {
    return this.size > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  /** Id of the earliest event (undefined behaviour when empty). */
  topId(): number {
    return this.ids[0];
  }

  /** Add an event at `time` with integer `id`. */
  push(time: number, id: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const ids = this.ids;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt <= time) break;
      times[i] = pt;
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** Remove the earliest event and return its id (undefined behaviour when empty). */
  pop(): number {
    const top = this.ids[0];
    const n = --this.size;
    if (n > 0) this.siftDown(this.times[n], this.ids[n], n);
    return top;
  }

  /**
   * Replace the earliest event by one at `time` with integer `id` (undefined behaviour when empty): a pop and a
   * push in one pass, for a server that finishes one customer and starts the next.
   */
  replaceTop(time: number, id: number): void {
    this.siftDown(time, id, this.size);
  }

  /** Place (time, id) at the root of the first n slots and move it down to its level. */
  private siftDown(time: number, id: number, n: number): void {
    const times = this.times;
    const ids = this.ids;
    // Nodes below `half` have two children; the earlier is picked by arithmetic rather than a branch, since which
    // one it is cannot be predicted. Node `half` has at most one child.
    const half = (n - 1) >> 1;
    let i = 0;
    while (i < half) {
      const child = 2 * i + 1 + +(times[2 * i + 2] < times[2 * i + 1]);
      const t = times[child];
      if (t >= time) break;
      times[i] = t;
      ids[i] = ids[child];
      i = child;
    }
    if (i === half && 2 * i + 1 < n && times[2 * i + 1] < time) {
      times[i] = times[2 * i + 1];
      ids[i] = ids[2 * i + 1];
      i = 2 * i + 1;
    }
    times[i] = time;
    ids[i] = id;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const ids = new Int32Array(this.ids.length * 2);
    times.set(this.times);
    ids.set(this.ids);
    this.times = times;
    this.ids = ids;
  }
}
