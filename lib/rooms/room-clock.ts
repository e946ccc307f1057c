import type { Speed } from '@/lib/contract';
import type { Disposable } from '@/lib/resilience/events';
import { PacedClock } from '@/lib/resilience/paced-clock';
import type { Pacer, PacedWork } from '@/lib/resilience/pacer';

/**
 * A room's one clock: a {@link PacedClock} on the process-wide pacer (or an
 * injected one in tests), shared by every member's sandbox and every simulated
 * student. The pacer sees the room as one clock whose work is the union of
 * everyone's: busy while anyone's request is in flight, interactive while a
 * student's click is. So the room's timers fire one at a time at their exact
 * due times, with everyone's work settled in between: the same seed and the
 * same clicks replay the same incident at ×1, ×10 or ×60.
 */
export class RoomClock {
  readonly clock: PacedClock;
  private readonly works = new Set<PacedWork>();
  private readonly entry: Disposable;
  private holding = 0;

  constructor(
    private readonly pacer: Pacer,
    speed: Speed,
  ) {
    this.clock = new PacedClock({ speed, real: pacer.real });
    this.entry = pacer.add(this.clock, {
      busy: () => this.holding > 0 || this.some((w) => w.busy()),
      interactive: () => this.some((w) => w.interactive()),
    });
  }

  /** Pace `work` on this clock until disposed. */
  track(work: PacedWork): Disposable {
    this.works.add(work);
    this.clock.touch();
    return { dispose: () => void this.works.delete(work) };
  }

  /**
   * Run `fn` with the clock held still: it reads the same time throughout, however long `fn` takes
   * in real time. Starting an incident uses it, so every member's load and every simulated student
   * starts at one sandbox instant at ×60 too.
   */
  hold<T>(fn: () => T): T {
    this.holding++;
    try {
      return fn();
    } finally {
      this.holding--;
      this.clock.touch();
    }
  }

  /** Change the room's speed from now on (time does not jump). */
  setSpeed(speed: Speed): void {
    this.clock.setSpeed(speed);
  }

  /** Sandbox ms per real ms over the last ~2 s. */
  get achievedSpeed(): number {
    return Math.round(this.pacer.achievedSpeed(this.clock) * 100) / 100;
  }

  /** Works paced now (members' builds and simulated students). */
  get size(): number {
    return this.works.size;
  }

  /** Stop pacing: no timer of this room fires again. */
  dispose(): void {
    this.works.clear();
    this.entry.dispose();
  }

  private some(test: (w: PacedWork) => boolean): boolean {
    for (const w of this.works) if (test(w)) return true;
    return false;
  }
}
