import type { Clock, TimerHandle } from '@/lib/resilience/clock';
import type { Random } from '@/lib/resilience/random';
import { RUN_LIMITS, type RunStatus } from '@/lib/contract';
import { LOAD_QUESTIONS } from '@/lib/scenario/models';

export interface RunDeps {
  /** Sends one message through the service. */
  chat: (message: string, runId: string) => Promise<unknown>;
  clock: Clock;
  random: Random;
  /** Progress reports: on start, every `reportEvery` completions, and at the end. */
  onStatus: (status: RunStatus) => void;
  /** Questions to draw from. Default: the lesson's pool ({@link LOAD_QUESTIONS}). */
  messages?: readonly string[];
  /**
   * Draw the questions with repeats, so the cache can answer some of them. Default: true when
   * `messages` are given (the caller chose them), else false: each request then sends a distinct
   * message (the question and its number, `什么是Go？ #17`). With repeats, a burst mostly exercises
   * the 5-minute cache and a load never shows an upstream outage (issue 12).
   */
  repeats?: boolean;
  reportEvery?: number;
}

/** Process-wide run sequence: a later run always has a larger `seq`, so a page can ignore an older run's late news. */
let runCounter = 0;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A burst of N requests, or a steady load of R requests/s of sandbox time, until stopped. */
export class RunController {
  private status: RunStatus;
  private timer: TimerHandle | undefined;
  private inFlight = 0;
  /** After {@link dispose}, nothing more is reported: late completions of a discarded run stay silent. */
  private muted = false;
  private readonly pick: () => string;
  private readonly reportEvery: number;

  private constructor(
    private readonly deps: RunDeps,
    status: Omit<RunStatus, 'id' | 'seq' | 'state' | 'sent' | 'completed'>,
  ) {
    const seq = ++runCounter;
    this.status = { id: `run-${seq}`, seq, state: 'running', sent: 0, completed: 0, ...status };
    const pool = deps.messages?.length ? deps.messages : LOAD_QUESTIONS;
    const repeats = deps.repeats ?? deps.messages !== undefined;
    this.pick = () => {
      const question = pool[Math.floor(deps.random() * pool.length)]!;
      return repeats ? question : `${question} #${this.status.sent}`;
    };
    this.reportEvery = deps.reportEvery ?? 25;
  }

  /** Fire `count` requests at once, at most {@link RUN_LIMITS.burstConcurrency} in flight. */
  static burst(deps: RunDeps, count: number): RunController {
    const run = new RunController(deps, { kind: 'burst', total: count });
    deps.onStatus(run.snapshot);
    const workers = Math.min(count, RUN_LIMITS.burstConcurrency);
    // A worker must never take the process down: an unexpected throw ends that worker only.
    for (let i = 0; i < workers; i++) run.worker().catch(() => {});
    if (count === 0) run.finish('done');
    return run;
  }

  /** Send `rps` requests per second of sandbox time until stopped or `durationMs` has passed. */
  static steady(deps: RunDeps, rps: number, durationMs?: number): RunController {
    const run = new RunController(deps, { kind: 'steady', rps });
    deps.onStatus(run.snapshot);
    const until = durationMs === undefined ? Infinity : deps.clock.now() + durationMs;
    // The schema bounds rps; clamp again so no caller can make a tick overflow Node's timer limit.
    const interval = 1000 / Math.min(RUN_LIMITS.maxRps, Math.max(RUN_LIMITS.minRps, rps));
    const tick = () => {
      if (run.status.state !== 'running') return;
      if (deps.clock.now() >= until || run.status.sent >= RUN_LIMITS.maxSteadyRequests) return run.finish('done');
      if (run.inFlight < RUN_LIMITS.maxInFlight) run.send().catch(() => {});
      run.timer = deps.clock.setTimeout(tick, interval);
    };
    tick();
    return run;
  }

  get snapshot(): RunStatus {
    return { ...this.status };
  }

  get running(): boolean {
    return this.status.state === 'running';
  }

  /** Stop sending; requests already in flight still finish and are counted. */
  stop(): void {
    if (this.status.state === 'running') this.finish('stopped');
  }

  /** Stop and fall silent: the session was reset or disposed, so this run's late progress belongs to no one. */
  dispose(): void {
    this.stop();
    this.muted = true;
  }

  private async worker(): Promise<void> {
    for (;;) {
      // Yield to the event loop between requests: cache hits and mocked calls resolve in
      // microtasks, and without this a burst would starve HTTP responses and SSE until it ends.
      await yieldToEventLoop();
      // Check after the yield: the other workers have moved on meanwhile.
      if (this.status.state !== 'running' || this.status.sent >= (this.status.total ?? 0)) break;
      await this.send();
    }
    if (this.status.state === 'running' && this.inFlight === 0 && this.status.completed >= (this.status.total ?? 0)) this.finish('done');
  }

  private async send(): Promise<void> {
    this.status.sent++;
    this.inFlight++;
    try {
      await this.deps.chat(this.pick(), this.status.id);
    } catch {
      // The service throws only on abort (a reset or disposal), and a worker must never die of it.
    } finally {
      this.inFlight--;
      this.status.completed++;
      if (this.status.completed % this.reportEvery === 0) this.report();
    }
  }

  private finish(state: 'done' | 'stopped'): void {
    this.status.state = state;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.report();
  }

  private report(): void {
    if (!this.muted) this.deps.onStatus(this.snapshot);
  }
}
