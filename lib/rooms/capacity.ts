import type { RoomCapacity } from '@/lib/contract';
import type { FaultId } from '@/lib/scenario/fault-ids';

/**
 * The shared upstream's capacity: a token bucket on room time. It holds
 * `burst` tokens and refills at `callsPerSecond`; a call that finds a token
 * is served, one that finds none is refused. So a smooth load up to the rate
 * passes, while a herd arriving at one instant past the burst is turned away —
 * and the refused calls' retries come back as the next herd unless jitter
 * spreads them (Brooker 2015). Pure arithmetic on the times it is given.
 */
export class CapacityModel {
  private tokens: number;
  private at: number | undefined;

  constructor(private settings: RoomCapacity) {
    this.tokens = settings.burst;
  }

  /** The settings in force. */
  get current(): Readonly<RoomCapacity> {
    return this.settings;
  }

  /** New settings from now on; the bucket starts full. */
  configure(settings: RoomCapacity): void {
    this.settings = settings;
    this.tokens = settings.burst;
    this.at = undefined;
  }

  /** The bucket full again (a new incident starts). */
  refill(): void {
    this.tokens = this.settings.burst;
    this.at = undefined;
  }

  /**
   * One call arrives at room time `at` (ms, non-decreasing; an earlier time counts as `at` of the last call).
   * True when the upstream serves it; always true while the model is off.
   */
  admit(at: number): boolean {
    const { enabled, callsPerSecond, burst } = this.settings;
    if (!enabled) return true;
    if (this.at !== undefined && at > this.at) this.tokens = Math.min(burst, this.tokens + ((at - this.at) * callsPerSecond) / 1000);
    this.at = Math.max(this.at ?? at, at);
    // A hair of tolerance: 1000/rate ms steps refill 0.999… tokens in floating point.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  /** The fault a refused call gets: a 503 `server_is_overloaded`, or a 429 with `Retry-After: 2`. */
  get refusal(): FaultId {
    return this.settings.answer === '429' ? 'rate-limit' : 'overloaded-503';
  }
}
