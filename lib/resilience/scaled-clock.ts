import { systemClock, type Clock, type TimerHandle } from './clock';

/**
 * Sandbox time that runs `speed` times faster than real time, so a 60 s
 * breaker timeout plays out in 6 s at ×10 or 1 s at ×60 in front of a class.
 * Time starts at 0 ms when the clock is made. Changing the speed never makes time jump back.
 */
export class ScaledClock implements Clock {
  private originReal: number;
  private originSandbox = 0;

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

  /** Change the speed from now on; timers already set keep their real deadline. */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError('speed must be > 0');
    this.originSandbox = this.now();
    this.originReal = this.base.now();
    this.speed = speed;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.base.setTimeout(fn, Math.max(0, ms) / this.speed);
  }

  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }
}
