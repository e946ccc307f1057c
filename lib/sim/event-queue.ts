/**
 * A binary min-heap of `(time, value)` pairs for the discrete-event simulators.
 *
 * Why not an array of event objects? The herd simulators push and pop hundreds of
 * thousands of events per experiment. Keeping times, tie-breaking sequence numbers
 * and integer payloads in parallel typed arrays means no allocation per event and
 * no garbage to collect, which is most of what makes the simulator fast.
 *
 * Order: smaller `time` first; equal times pop in insertion order (a stable queue),
 * so a simulation never depends on how the heap happens to break ties.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private values: Int32Array;
  private length = 0;
  /** Next insertion number; a float64 counts exactly up to 2^53, far beyond any run. */
  private nextSeq = 0;

  /** @param initialCapacity slots to preallocate; the queue doubles when full. Default 64. */
  constructor(initialCapacity = 64) {
    const n = Math.max(1, Math.floor(initialCapacity));
    this.times = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.values = new Int32Array(n);
  }

  /** Number of queued events. */
  get size(): number {
    return this.length;
  }

  /** Forget every event (keeps the allocated storage, restarts the tie-break counter). */
  clear(): void {
    this.length = 0;
    this.nextSeq = 0;
  }

  /**
   * Queue `value` (an int32, e.g. a client index) at `time` (ms).
   * Runs in O(log n).
   */
  push(time: number, value: number): void {
    if (this.length === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const values = this.values;
    const seq = this.nextSeq++;
    // Sift the hole up instead of swapping: one write per level.
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    values[i] = value;
  }

  /** Time (ms) of the earliest event, or `Infinity` when the queue is empty. */
  peekTime(): number {
    return this.length > 0 ? this.times[0]! : Infinity;
  }

  /** Payload of the earliest event, or `-1` when the queue is empty. */
  peekValue(): number {
    return this.length > 0 ? this.values[0]! : -1;
  }

  /**
   * Remove the earliest event and return its payload (`-1` when empty).
   * Read {@link peekTime} first if you need its time. Runs in O(log n).
   */
  pop(): number {
    if (this.length === 0) return -1;
    const top = this.values[0]!;
    const n = --this.length;
    // Move the last element into the root's hole and sift it down.
    if (n > 0) this.siftDown(this.times[n]!, this.seqs[n]!, this.values[n]!, n);
    return top;
  }

  /**
   * Pop the earliest event and push `(time, value)` in one step; returns the popped
   * payload (`-1`, and nothing pushed, when empty). Same queue as `pop()` then
   * `push(time, value)`, but one sift instead of two: a simulator's client that
   * handles its event and schedules its next one does exactly this.
   *
   * Why is the order unchanged? Every event has a distinct (time, insertion number)
   * key, so which event pops next depends only on the set of keys queued, never on
   * how the heap happens to be laid out.
   */
  replaceTop(time: number, value: number): number {
    if (this.length === 0) return -1;
    const top = this.values[0]!;
    this.siftDown(time, this.nextSeq++, value, this.length);
    return top;
  }

  /** Put (t, s, v) into the hole at the root of the first `n` slots and sift it down. */
  private siftDown(t: number, s: number, v: number, n: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const values = this.values;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = times[child]!;
      const right = child + 1;
      if (right < n) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) {
          child = right;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && s < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      values[i] = values[child]!;
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    values[i] = v;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    const values = new Int32Array(n);
    times.set(this.times);
    seqs.set(this.seqs);
    values.set(this.values);
    this.times = times;
    this.seqs = seqs;
    this.values = values;
  }
}
