import type { Clock } from './clock';
import type { Disposable } from './events';
import { monotonicTime, type PacedClock } from './paced-clock';

/** What the pacer needs to know about the work on one clock. */
export interface PacedWork {
  /** True while requests on this clock are in flight (their next step may come from I/O, not a timer). */
  busy(): boolean;
  /** True while an interactive request (a student's click) is in flight: served before background runs. */
  interactive(): boolean;
}

/** Options of {@link Pacer}. Defaults are the real event loop; tests inject a scripted one. */
export interface PacerOptions {
  /** Real time in ms. Default {@link monotonicTime}, as the paced clocks'. */
  real?: Pick<Clock, 'now'>;
  /** Run `fn` on the next event-loop turn, after pending I/O. Default `setImmediate`. */
  turn?: (fn: () => void) => void;
  /** Run `fn` after `ms` real ms; returns a canceller. Default an unref'd `setTimeout`. */
  sleep?: (fn: () => void, ms: number) => () => void;
  /**
   * Event-loop turns without activity before a busy clock's next timer fires. Default 4.
   * Work set off by a timer (the mock upstream, the SDK's stream parsing) runs in
   * microtasks plus at most a couple of turns; waiting for it to settle is what
   * makes a run replay identically at any speed.
   */
  quietTurns?: number;
  /**
   * Real ms of steps per turn (their microtasks counted) before yielding to I/O; interactive
   * clocks step first. Default 4: under a class's load (`npm run bench:load -- --only class`)
   * 8 ms let GET /api/session reach 95–456 ms at p99 and 4 ms 69–97 ms, for ~8% less run traffic.
   */
  turnBudgetMs?: number;
  /** Window over which the achieved speed is measured, in real ms. Default 2000. */
  speedWindowMs?: number;
  /** A timer callback threw. Default `console.error`. The pacer carries on either way. */
  onError?: (error: unknown) => void;
}

interface Entry {
  clock: PacedClock;
  work: PacedWork;
  seen: number;
  quiet: number;
  /** (real, sandbox) samples for the achieved speed, oldest first; empty until the next turn after waking. */
  samples: Array<[number, number]>;
  /** Visited every turn. False for an idle clock: no timer, nothing in flight, until its next activity. */
  awake: boolean;
}

const defaultSleep = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/**
 * The one scheduler that moves every session's {@link PacedClock}. Each turn it
 * visits the clocks — those with an interactive request first, the rest in
 * rotation within a time budget — and lets each fire at most one timer. So a
 * saturated process slows every heavy session's sandbox time alike (max-min
 * fairness per step) and keeps a click fast, instead of letting one student's
 * ×60 load queue everyone's requests.
 */
export class Pacer {
  private readonly entries = new Map<PacedClock, Entry>();
  /**
   * The clocks each turn visits. An idle one (no timer, nothing in flight) drops out until
   * it wakes (a timer set, a request), so a class's idle sessions cost the loop nothing:
   * after a flood of 10 000 session creations, visiting all 500 held sessions every turn
   * took ~19% more CPU for the same chats. Its time still moves: a read catches it up.
   */
  private awake: Entry[] = [];
  /** The real time this pacer reads; give it to the clocks it paces. */
  readonly real: Pick<Clock, 'now'>;
  private readonly turn: (fn: () => void) => void;
  private readonly sleep: (fn: () => void, ms: number) => () => void;
  private readonly quietTurns: number;
  private readonly budgetMs: number;
  private readonly windowMs: number;
  private readonly onError: (error: unknown) => void;
  private scheduled: 'turn' | 'sleep' | null = null;
  private cancelSleep: (() => void) | undefined;
  private cursor = 0;
  /** True while a timer's callback runs: its readings must be its due time exactly. */
  private inStep = false;
  /** The previous turn: when it started, how many timers it fired, and whether another turn followed at once. */
  private last: { start: number; fired: number; turned: boolean } | undefined;
  /** Smoothed real ms one step costs, its microtasks included. */
  private stepCostMs: number | undefined;

  constructor(options: PacerOptions = {}) {
    this.real = options.real ?? monotonicTime;
    this.turn = options.turn ?? ((fn) => setImmediate(fn));
    this.sleep = options.sleep ?? defaultSleep;
    this.quietTurns = options.quietTurns ?? 4;
    this.budgetMs = options.turnBudgetMs ?? 4;
    this.windowMs = options.speedWindowMs ?? 2000;
    this.onError = options.onError ?? ((error) => console.error('[pacer] a sandbox timer threw:', error));
  }

  /** Pace `clock`. Its timers fire only through this pacer from now on; dispose to stop. */
  add(clock: PacedClock, work: PacedWork): Disposable {
    const entry: Entry = { clock, work, seen: -1, quiet: 0, samples: [[this.real.now(), clock.now()]], awake: true };
    this.entries.set(clock, entry);
    this.awake.push(entry);
    clock.onActivity = () => {
      this.rouse(entry);
      this.wake();
    };
    clock.onRead = () => this.freshen(entry);
    this.wake();
    return {
      dispose: () => {
        if (this.entries.get(clock) === entry) this.entries.delete(clock);
        this.awake = this.awake.filter((e) => e !== entry);
        clock.onActivity = () => {};
        clock.onRead = () => {};
      },
    };
  }

  /** Clocks paced. */
  get size(): number {
    return this.entries.size;
  }

  /** Clocks visited each turn: the paced clocks that are not idle. */
  get awakeSize(): number {
    return this.awake.length;
  }

  private rouse(e: Entry): void {
    if (e.awake || this.entries.get(e.clock) !== e) return;
    this.freshen(e); // up to its pace first: a request that starts now makes it busy, and a busy clock stands still
    e.awake = true;
    e.samples = []; // its speed is measured from now: while asleep it kept its pace
    this.awake.push(e);
  }

  /** Something new happened on a clock (a timer was set, a request arrived): make sure a turn comes soon. */
  wake(): void {
    if (this.scheduled === 'turn') return;
    this.cancelSleep?.();
    this.cancelSleep = undefined;
    this.scheduled = 'turn';
    this.turn(() => this.run());
  }

  /**
   * Move an idle clock up to the asked-for pace without firing anything (no
   * timer is due before the target), so a reader sees fresh sandbox time.
   * Every `clock.now()` does this; a busy clock stands still between steps.
   */
  catchUp(clock: PacedClock): void {
    const entry = this.entries.get(clock);
    if (entry) this.freshen(entry);
  }

  private freshen(e: Entry): void {
    if (this.inStep || e.work.busy()) return;
    const target = e.clock.targetAt(this.real.now());
    const due = e.clock.nextDue;
    if (due === undefined || due > target) e.clock.step(target);
  }

  /** Sandbox ms per real ms over the last `speedWindowMs`; the asked-for speed until there is a window. */
  achievedSpeed(clock: PacedClock): number {
    const entry = this.entries.get(clock);
    if (!entry) return clock.speed;
    if (clock.paused) return 0;
    const realNow = this.real.now();
    const now = clock.now();
    // Caught up with its pace (an idle clock, or one keeping up): it runs at the speed asked for.
    if (now >= clock.targetAt(realNow) - 1e-6) return clock.speed;
    // Measure only since the last speed change or resume: older samples ran at another pace.
    const since = clock.paceChange;
    const [r0, s0] = entry.samples.find(([r]) => r >= since.real) ?? [since.real, since.sandbox];
    const dr = realNow - r0;
    if (dr < this.windowMs / 4) return clock.speed;
    return Math.max(0, (now - s0) / dr);
  }

  private run(): void {
    this.scheduled = null;
    const start = this.real.now();
    this.estimateStepCost(start);
    // A fired timer's work mostly runs after this turn, in microtasks: so the budget counts
    // steps at their measured cost, not only the time spent in this loop.
    // Until a cost is measured, assume 1 ms a step: a chat's whole response can run in the microtasks of one step.
    const allowed = Math.max(1, Math.floor(this.budgetMs / (this.stepCostMs ?? 1)));
    let fired = 0;
    let again = false;
    let asleep = 0;
    const n = this.awake.length;
    // Interactive clocks first, then the rest, each group from a rotating start, so no session always goes last.
    const order: Entry[] = [];
    const rest: Entry[] = [];
    for (let i = 0; i < n; i++) {
      const e = this.awake[(this.cursor + i) % n]!;
      (e.work.interactive() ? order : rest).push(e);
    }
    order.push(...rest);
    this.cursor = n === 0 ? 0 : (this.cursor + 1) % n;
    for (const e of order) {
      // The budget bounds every turn, clicks included: forty students' chats at once would
      // otherwise hold the event loop for all their steps, and every other request waits.
      if (fired > 0 && (fired >= allowed || this.real.now() - start > this.budgetMs)) {
        again = true; // out of budget: the rest wait for the next turn, after pending I/O
        break;
      }
      const result = this.visit(e);
      if (result === 'fired') fired++;
      again = result !== 'idle' || again;
      if (result === 'idle' && e.clock.nextDue === undefined && !e.work.busy()) {
        e.awake = false;
        asleep++;
      }
    }
    if (asleep > 0) this.awake = this.awake.filter((e) => e.awake);
    this.sample();
    // After firing, always come back on the next turn: the gap to it is what the steps really cost, microtasks included.
    again ||= fired > 0;
    this.last = { start, fired, turned: again };
    if (again) return this.wake();
    this.sleepUntilNextDue();
  }

  /** From the gap between two back-to-back turns: the real cost of one step, smoothed. */
  private estimateStepCost(start: number): void {
    const last = this.last;
    if (!last?.turned || last.fired === 0) return;
    const perStep = (start - last.start) / last.fired;
    this.stepCostMs = this.stepCostMs === undefined ? perStep : 0.7 * this.stepCostMs + 0.3 * perStep;
  }

  /** Fired a timer, needs another turn soon, or is idle until its next due time. */
  private visit(e: Entry): 'fired' | 'again' | 'idle' {
    const clock = e.clock;
    clock.start(this.real.now());
    if (clock.activity !== e.seen) {
      e.seen = clock.activity;
      e.quiet = 0;
      return 'again';
    }
    e.quiet++;
    const busy = e.work.busy();
    if (busy && e.quiet < this.quietTurns) return 'again';
    const target = clock.targetAt(this.real.now());
    const due = clock.nextDue;
    if (due !== undefined && due <= target) {
      this.inStep = true;
      try {
        clock.step(target);
      } catch (error) {
        // One session's bug must not stop every session's clock.
        this.onError(error);
      } finally {
        this.inStep = false;
      }
      return 'fired';
    }
    // Nothing due yet: time moves on to the pace. Safe while busy too, once quiet: whatever is
    // in flight is parked on a timer (a backoff, a slow upstream) or on real I/O.
    clock.step(target);
    return 'idle';
  }

  private sample(): void {
    const now = this.real.now();
    for (const e of this.awake) {
      const last = e.samples[e.samples.length - 1];
      if (!last || now - last[0] >= this.windowMs / 8) e.samples.push([now, e.clock.now()]);
      while (e.samples.length > 2 && now - e.samples[1]![0] >= this.windowMs) e.samples.shift();
    }
  }

  /** Nothing to do now: sleep in real time until the earliest timer is due at its clock's pace. */
  private sleepUntilNextDue(): void {
    if (this.scheduled === 'turn') return; // a timer set during this turn already asked for another
    const now = this.real.now();
    let wait = Infinity;
    // Every clock with a timer is awake: one goes to sleep only when it has none.
    for (const e of this.awake) {
      const due = e.clock.nextDue;
      if (due === undefined) continue;
      const behind = due - e.clock.targetAt(now);
      wait = Math.min(wait, Math.max(1, behind / e.clock.speed));
    }
    if (wait === Infinity) return; // idle until a clock wakes us
    this.scheduled = 'sleep';
    this.cancelSleep = this.sleep(() => {
      this.scheduled = null;
      this.cancelSleep = undefined;
      this.wake();
    }, Math.min(wait, 1000));
  }
}
