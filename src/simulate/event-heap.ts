/**
 * A binary min-heap of events keyed by time, stored in two typed arrays (times and integer ids) so that pushing and
 * popping allocate nothing. Equal times pop in an unspecified but deterministic order.
 *
 * Complexity: push and pop O(log n); peek O(1). The arrays double when full.
 *
 * @example
 * const heap = new EventHeap(16);
 * heap.push(5, 1); heap.push(2, 7);
 * heap.topTime(); // => 2
 * heap.pop(); // => 7
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
    const times = this.times;
    const ids = this.ids;
    const top = ids[0];
    const n = --this.size;
    if (n > 0) {
      const t = times[n];
      const id = ids[n];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && times[child + 1] < times[child]) child++;
        if (times[child] >= t) break;
        times[i] = times[child];
        ids[i] = ids[child];
        i = child;
      }
      times[i] = t;
      ids[i] = id;
    }
    return top;
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
