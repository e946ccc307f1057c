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
  messages?: readonly string[];
  reportEvery?: number;
}

let runCounter = 0;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A burst of N requests, or a steady load of R requests/s of sandbox time, until stopped. */
export class RunController {
  private status: RunStatus;
  private timer: TimerHandle | undefined;
  private inFlight = 0;
  private readonly pick: () => string;
  private readonly reportEvery: number;

  private constructor(
    private readonly deps: RunDeps,
    status: Omit<RunStatus, 'id' | 'state' | 'sent' | 'completed'>,
  ) {
    this.status = { id: `run-${++runCounter}`, state: 'running', sent: 0, completed: 0, ...status };
    const pool = deps.messages?.length ? deps.messages : LOAD_QUESTIONS;
    this.pick = () => pool[Math.floor(deps.random() * pool.length)]!;
    this.reportEvery = deps.reportEvery ?? 25;
  }

  /** Fire `count` requests at once, at most {@link RUN_LIMITS.burstConcurrency} in flight. */
  static burst(deps: RunDeps, count: number): RunController {
    const run = new RunController(deps, { kind: 'burst', total: count });
    deps.onStatus(run.snapshot);
    const workers = Math.min(count, RUN_LIMITS.burstConcurrency);
    for (let i = 0; i < workers; i++) void run.worker();
    if (count === 0) run.finish('done');
    return run;
  }

  /** Send `rps` requests per second of sandbox time until stopped or `durationMs` has passed. */
  static steady(deps: RunDeps, rps: number, durationMs?: number): RunController {
    const run = new RunController(deps, { kind: 'steady', rps });
    deps.onStatus(run.snapshot);
    const until = durationMs === undefined ? Infinity : deps.clock.now() + durationMs;
    const interval = 1000 / rps;
    const tick = () => {
      if (run.status.state !== 'running') return;
      if (deps.clock.now() >= until || run.status.sent >= RUN_LIMITS.maxSteadyRequests) return run.finish('done');
      if (run.inFlight < RUN_LIMITS.maxInFlight) void run.send();
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
      // The service never throws except on abort; a stopped run simply ends.
    } finally {
      this.inFlight--;
      this.status.completed++;
      if (this.status.completed % this.reportEvery === 0) this.deps.onStatus(this.snapshot);
    }
  }

  private finish(state: 'done' | 'stopped'): void {
    this.status.state = state;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.deps.onStatus(this.snapshot);
  }
}
