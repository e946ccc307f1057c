import type { Clock, TimerHandle } from './clock';

interface VirtualTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** Lets pending promise callbacks run, so code awaiting a fired timer can schedule its next one. */
const flushMicrotasks = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : queueMicrotask(resolve)));

/**
 * A simulated clock for tests, fast-forward and simulations (after xstate's
 * `SimulatedClock` and @sinonjs/fake-timers).
 *
 * - Time only moves when you call {@link advance}, {@link set} or {@link runUntilIdle}.
 * - It never goes backwards.
 * - Timers fire in a stable order: due time, then creation order.
 * - {@link runUntilIdle} stops after `maxTimers` to guard against runaway loops.
 */
export class VirtualClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: VirtualTimer[] = [];

  /** @param start the initial time in ms. Default 0. */
  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, due: this.time + Math.max(0, ms || 0), fn };
    // Keep the list sorted by (due, id): insert after every timer due at or before this one.
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.due > timer.due) i--;
    this.timers.splice(i, 0, timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Number of timers still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Due time of the next timer, or `undefined` when idle. */
  get nextDue(): number | undefined {
    return this.timers[0]?.due;
  }

  /**
   * Move time forward by `ms`, firing every timer that falls due on the way,
   * in order, letting awaiting code run between them.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`VirtualClock cannot go backwards (advance(${ms}))`);
    await this.runTo(this.time + ms);
  }

  /** Jump to absolute time `t` (ms), firing timers on the way. Refuses to travel back. */
  async set(t: number): Promise<void> {
    if (!(t >= this.time)) throw new RangeError(`VirtualClock cannot go backwards (from ${this.time} to ${t})`);
    await this.runTo(t);
  }

  /**
   * Fire timers until none is left, advancing time to each one's due time.
   * @param maxTimers guard against loops that always schedule another timer. Default 10 000.
   */
  async runUntilIdle(maxTimers = 10_000): Promise<void> {
    await flushMicrotasks();
    for (let fired = 0; this.timers.length > 0; fired++) {
      if (fired >= maxTimers) throw new Error(`VirtualClock: still busy after ${maxTimers} timers`);
      await this.fireNext();
    }
  }

  private async runTo(target: number): Promise<void> {
    await flushMicrotasks();
    while (this.timers.length > 0 && this.timers[0]!.due <= target) await this.fireNext();
    this.time = target;
  }

  private async fireNext(): Promise<void> {
    const timer = this.timers.shift()!;
    this.time = Math.max(this.time, timer.due);
    timer.fn();
    await flushMicrotasks();
  }
}
