import type { Clock, TimerHandle } from './clock';

/** Monotonic real time in ms: the default "real" clock of paced clocks and of the pacer (they must agree). */
export const monotonicTime: Pick<Clock, 'now'> = { now: () => performance.now() };

interface PacedTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** Options of {@link PacedClock}. */
export interface PacedClockOptions {
  /** Sandbox ms per real ms asked for. Default 1. */
  speed?: number;
  /** The real clock underneath (its `now()` in ms). Default {@link monotonicTime}; give the pacer the same one. */
  real?: Pick<Clock, 'now'>;
  /**
   * Longest lag behind the asked-for pace that is made up later, in real ms. Default 1000.
   * Time lost to a saturated process beyond this is forgotten, not replayed at a faster pace.
   */
  maxLagRealMs?: number;
}

/**
 * Sandbox time that a {@link Pacer} moves forward: at most `speed` × real time,
 * and a timer fires only when the work set off by the previous one has come to
 * rest. Two consequences, both on purpose:
 *
 * - **Deterministic at any speed.** A run's timers fire at their exact due
 *   times, one after another, with the same work in between, whether the class
 *   watches at ×1, ×10 or ×60: the same seed and clicks give the same events.
 * - **Fair share by virtual time.** When the process is saturated the pacer
 *   gets round to each clock less often, so its sandbox time runs slower
 *   ("×60 → ×18") instead of requests piling up in a queue.
 *
 * While work is in flight the time stands still between pacer steps: every
 * reading inside a request is the time of the step that set it off. An idle
 * clock is brought up to its pace when read (see `onRead`). Like
 * {@link VirtualClock}, timers fire in (due, creation) order and time never
 * goes backwards.
 */
export class PacedClock implements Clock {
  private time = 0;
  private nextId = 1;
  private timers: PacedTimer[] = [];
  private speedAsked: number;
  private realOrigin: number;
  private sandboxOrigin = 0;
  /** Where the pace last changed (start, resume, new speed). Forgetting lag moves the origin above, not this. */
  private changedAt = { real: 0, sandbox: 0 };
  private readonly real: Pick<Clock, 'now'>;
  private readonly maxLagRealMs: number;
  private started = false;
  private pausedAt: number | undefined;
  /** Bumped by every timer set, cleared or fired, and by {@link touch}: the pacer's sign of life. */
  private ticks = 0;
  /** Called when a timer is set or {@link touch} is called, so a sleeping pacer wakes up. */
  onActivity: () => void = () => {};
  /** Called before every {@link now}: the pacer brings an idle clock up to its pace, so readers see fresh time. */
  onRead: () => void = () => {};

  constructor(options: PacedClockOptions = {}) {
    this.speedAsked = options.speed ?? 1;
    if (!(this.speedAsked > 0)) throw new RangeError('speed must be > 0');
    this.real = options.real ?? monotonicTime;
    this.maxLagRealMs = options.maxLagRealMs ?? 1000;
    this.realOrigin = this.real.now();
    this.changedAt = { real: this.realOrigin, sandbox: 0 };
  }

  now(): number {
    this.onRead();
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, due: this.now() + Math.max(0, ms || 0), fn };
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.due > timer.due) i--;
    this.timers.splice(i, 0, timer);
    this.ticks++;
    this.onActivity();
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.timers.findIndex((t) => t.id === handle);
    if (i >= 0) this.timers.splice(i, 1);
    this.ticks++;
  }

  /** The speed asked for (1 = real time). */
  get speed(): number {
    return this.speedAsked;
  }

  /** Change the asked-for speed from now on. Time does not jump; pending timers keep their due times. */
  setSpeed(speed: number, realNow = this.real.now()): void {
    if (!(speed > 0)) throw new RangeError('speed must be > 0');
    if (this.started) this.rebase(realNow);
    this.speedAsked = speed;
  }

  /**
   * Start the pace: until then the clock holds at its start time, so whatever a
   * request sets up synchronously right after building it (a script's first
   * steps, a run's first tick) is anchored at exactly that time, however long
   * the build took. The pacer starts a clock on its first visit.
   */
  start(realNow = this.real.now()): void {
    if (this.started) return;
    this.started = true;
    this.rebase(realNow);
  }

  /** True while sandbox time is paused: it stands still and no timer fires, until {@link resume}. */
  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  /** Stop sandbox time where it is (an instructor's "pause" in class). Idempotent. */
  pause(): void {
    // Read first: an idle clock is brought up to its pace, so the pause holds the time it shows now.
    if (this.pausedAt === undefined) this.pausedAt = this.now();
  }

  /** Let sandbox time run again from where it stopped; the pause itself took no sandbox time. */
  resume(realNow = this.real.now()): void {
    if (this.pausedAt === undefined) return;
    this.pausedAt = undefined;
    this.rebase(realNow);
    this.onActivity();
  }

  /** The pace starts over from here: sandbox time now at real time `realNow`. */
  private rebase(realNow: number): void {
    this.sandboxOrigin = this.time;
    this.realOrigin = realNow;
    this.changedAt = { real: realNow, sandbox: this.time };
  }

  /**
   * When the pace last changed (started, resumed, a new speed): real and sandbox ms.
   * The achieved speed is measured from here. Lag forgotten under saturation is not
   * a change of pace: measuring from it would read a saturated clock as stopped.
   */
  get paceChange(): { real: number; sandbox: number } {
    return this.changedAt;
  }

  /**
   * Where the asked-for pace would have sandbox time be at real time `realNow`. When a
   * timer is due on the way, never more than `maxLagRealMs` ahead: an idle clock (no timer
   * due by then) catches up in full, since nothing would be replayed.
   */
  targetAt(realNow: number): number {
    if (!this.started || this.pausedAt !== undefined) return this.time;
    const target = this.sandboxOrigin + (realNow - this.realOrigin) * this.speedAsked;
    const limit = this.time + this.maxLagRealMs * this.speedAsked;
    const due = this.timers[0]?.due;
    if (target > limit && due !== undefined && due <= target) {
      // Saturated for too long: forget the lost time rather than race to make it up.
      this.sandboxOrigin = this.time;
      this.realOrigin = realNow - this.maxLagRealMs;
      return limit;
    }
    return target;
  }

  /** Due time of the next timer, or `undefined` when none is pending. */
  get nextDue(): number | undefined {
    return this.timers[0]?.due;
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Changes whenever a timer is set, cleared or fired, or {@link touch} is called. */
  get activity(): number {
    return this.ticks;
  }

  /** Record activity that no timer shows (a request started or ended). */
  touch(): void {
    this.ticks++;
    this.onActivity();
  }

  /**
   * One pacer step: fire the next timer if it is due by `target` (time moves to
   * its due time), else move time to `target`. Returns true when a timer fired.
   */
  step(target: number): boolean {
    const next = this.timers[0];
    if (next !== undefined && next.due <= target) {
      this.timers.shift();
      this.time = Math.max(this.time, next.due);
      this.ticks++;
      next.fn();
      return true;
    }
    if (target > this.time) this.time = target;
    return false;
  }
}
