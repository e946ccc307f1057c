import { systemClock, type Clock, type TimerHandle } from './clock';

interface ScaledTimer {
  fn: () => void;
  /** Sandbox time at which it fires. */
  due: number;
  real: TimerHandle;
}

/**
 * Sandbox time that runs `speed` times faster than real time, so a 60 s
 * breaker timeout plays out in 6 s at ×10 or 1 s at ×60 in front of a class.
 * Time starts at 0 ms when the clock is made. Changing the speed never makes
 * time jump, and re-times pending timers: switching to ×60 in the middle of an
 * outage shortens the wait that is already running.
 */
export class ScaledClock implements Clock {
  private originReal: number;
  private originSandbox = 0;
  private nextId = 1;
  private readonly timers = new Map<number, ScaledTimer>();

  /**
   * @param speed sandbox ms per real ms. Default 1 (real time).
   * @param base the real clock underneath. Default {@link systemClock}.
   */
  constructor(
    private speed = 1,
    private readonly base: Clock = systemClock,
  ) {
    this.originReal = base.now();
  }

  now(): number {
    return this.originSandbox + (this.base.now() - this.originReal) * this.speed;
  }

  /** Current speed factor (1 = real time). */
  get rate(): number {
    return this.speed;
  }

  /** Change the speed from now on; pending timers keep their sandbox due time. */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError('speed must be > 0');
    this.originSandbox = this.now();
    this.originReal = this.base.now();
    this.speed = speed;
    for (const [id, timer] of this.timers) {
      this.base.clearTimeout(timer.real);
      this.arm(id, timer);
    }
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.arm(id, { fn, due: this.now() + Math.max(0, ms), real: 0 });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle as number);
    if (!timer) return;
    this.base.clearTimeout(timer.real);
    this.timers.delete(handle as number);
  }

  private arm(id: number, timer: ScaledTimer): void {
    timer.real = this.base.setTimeout(() => {
      this.timers.delete(id);
      timer.fn();
    }, Math.max(0, timer.due - this.now()) / this.speed);
    this.timers.set(id, timer);
  }
}
