import type { ScriptStatus } from '@/lib/contract';
import type { Clock, TimerHandle } from '@/lib/resilience/clock';
import { LOAD_QUESTIONS } from '@/lib/scenario/models';
import { LESSON_QUESTIONS_EN, scriptLengthMs, type Script, type ScriptLang, type ScriptLoad, type ScriptStep } from '@/lib/scenario/scripts';
import { RunController, type RunDeps } from './run-controller';
import type { SessionSettings } from './session-settings';
import { resolveUpdate } from './session-update';

/** What a player drives: the session it plays in. */
export interface ScriptHost {
  /** The session's settings now. */
  settings(): Readonly<SessionSettings>;
  /** Apply validated settings (faults, policy); must never change the seed, which would rebuild the sandbox. */
  update(next: Partial<SessionSettings>): void;
  /** Start a load in place of the current one, or stop it. May throw (the process runs its maximum of loads). */
  load(load: ScriptLoad): void;
  /** One message through the service; rejects only when the sandbox is reset meanwhile. */
  chat(message: string): Promise<unknown>;
  /**
   * Pause and resume sandbox time itself. When given, a pause freezes everything
   * where it is (the load, a breaker's open period, a retry's wait) instead of
   * stopping the load, and a resume carries on exactly there.
   */
  pauseTime?(): void;
  resumeTime?(): void;
}

/** Options of {@link ScriptPlayer}. */
export interface ScriptPlayerOptions {
  script: Script;
  /** Language of the questions the script asks. Default `zh`. */
  lang?: ScriptLang;
  /** The session's sandbox clock: steps are scheduled on it. Any {@link Clock}. */
  clock: Clock;
  host: ScriptHost;
  /** Every change of state and every step fired. */
  onStatus: (status: ScriptStatus) => void;
}

/** Questions a script's load draws from: the lesson's pool, or its English questions. */
export function loadPool(lang: ScriptLang): readonly string[] {
  return lang === 'en' ? [...LESSON_QUESTIONS_EN, 'What is exponential backoff?', 'What is a circuit breaker?', 'What is jitter?'] : LOAD_QUESTIONS;
}

/** The run a script's load step starts, for the session's `startRun`. */
export function scriptRun(load: Exclude<ScriptLoad, { kind: 'stop' }>, lang: ScriptLang): (deps: RunDeps) => RunController {
  return (deps) => {
    const d: RunDeps = { ...deps, messages: loadPool(lang), repeats: load.repeats ?? false };
    return load.kind === 'burst' ? RunController.burst(d, load.count) : RunController.steady(d, load.rps);
  };
}

/** Process-wide revision counter: a later status of any script always has a larger `rev`. */
let revisions = 0;

/**
 * Plays one script on a sandbox clock: each step fires when script time
 * reaches its `atMs`. Script time is sandbox time since {@link play}, minus
 * the time spent paused. Pausing stops the script's load (and the timer of the
 * next step); resuming restarts a steady load where it was. {@link step} fires
 * the next step at once and stays paused: the instructor narrates one event at a time.
 *
 * The player only ever calls `clock.now()`, `setTimeout` and `clearTimeout`,
 * so it plays the same on a virtual clock (tests), a scaled one or a paced one.
 */
export class ScriptPlayer {
  readonly id: Script['id'];
  readonly lang: ScriptLang;
  private state: ScriptStatus['state'] = 'paused';
  private started = false;
  private next = 0;
  /** While playing: sandbox time at which script time was 0. */
  private origin = 0;
  /** While paused: script time. */
  private pausedAt = 0;
  private timer: TimerHandle | undefined;
  private last: ScriptStatus['last'] = null;
  private pendingAsks = 0;
  private disposed = false;
  private rev = ++revisions;

  constructor(private readonly o: ScriptPlayerOptions) {
    this.id = o.script.id;
    this.lang = o.lang ?? 'zh';
  }

  /** Script time now, in ms. */
  get scriptTime(): number {
    return this.state === 'playing' ? this.o.clock.now() - this.origin : this.pausedAt;
  }

  get snapshot(): ScriptStatus {
    const steps = this.o.script.steps;
    return { id: this.id, rev: this.rev, lang: this.lang, state: this.state, next: this.next, total: steps.length, atMs: this.scriptTime, lengthMs: scriptLengthMs(this.o.script), last: this.last };
  }

  /** Start from script time 0 (the first call), or resume after a pause. */
  play(): void {
    if (this.disposed || this.state === 'playing' || this.state === 'done' || this.state === 'stopped') return;
    const resuming = this.started;
    this.started = true;
    if (resuming && this.o.host.resumeTime) this.safely(() => this.o.host.resumeTime!());
    this.origin = this.o.clock.now() - this.pausedAt;
    this.state = 'playing';
    if (resuming && !this.o.host.resumeTime) {
      const load = this.activeLoad();
      if (load) this.safely(() => this.o.host.load(load));
    }
    this.report();
    this.fireDue();
  }

  /** Hold the script where it is: no further steps; sandbox time stops with it (or, without a time host, its load stops). */
  pause(): void {
    if (this.disposed || this.state !== 'playing') return;
    this.pausedAt = this.scriptTime;
    this.state = 'paused';
    this.clearTimer();
    if (this.o.host.pauseTime) this.safely(() => this.o.host.pauseTime!());
    else this.safely(() => this.o.host.load({ kind: 'stop' }));
    this.report();
  }

  /** Same as {@link play} after a pause. */
  resume(): void {
    if (this.state === 'paused' && this.started) this.play();
  }

  /** Fire the next step now, and stay paused (pausing first when playing). */
  step(): void {
    if (this.disposed || this.state === 'done' || this.state === 'stopped') return;
    if (this.state === 'playing') this.pause();
    this.started = true;
    const st = this.o.script.steps[this.next];
    if (!st) return;
    this.pausedAt = Math.max(this.pausedAt, st.atMs);
    this.fire(st);
    this.finishIfDone();
  }

  /** End the script here: its load stops and no step fires again. */
  stop(): void {
    if (this.disposed || this.state === 'done' || this.state === 'stopped') return;
    // Stopping a paused script gives the sandbox its time back.
    if (this.state === 'paused' && this.o.host.resumeTime) this.safely(() => this.o.host.resumeTime!());
    this.pausedAt = this.scriptTime;
    this.clearTimer();
    this.state = 'stopped';
    this.safely(() => this.o.host.load({ kind: 'stop' }));
    this.report();
  }

  /** The sandbox was reset or closed: cancel the timer and fall silent (no further status). */
  dispose(): void {
    this.clearTimer();
    this.disposed = true;
  }

  /** Fire every step that is due, then arm a timer for the next one. */
  private fireDue(): void {
    this.clearTimer();
    const steps = this.o.script.steps;
    while (this.state === 'playing' && this.next < steps.length && steps[this.next]!.atMs <= this.scriptTime) this.fire(steps[this.next]!);
    if (this.state !== 'playing') return;
    const upcoming = steps[this.next];
    if (upcoming) this.timer = this.o.clock.setTimeout(() => this.fireDue(), upcoming.atMs - this.scriptTime);
    else this.finishIfDone();
  }

  private fire(st: ScriptStep): void {
    const index = this.next++;
    this.last = { index, at: this.o.clock.now(), caption: st.caption };
    this.applySettings(st);
    if (st.load) {
      const load = st.load;
      this.safely(() => this.o.host.load(load));
    }
    if (st.ask?.length) void this.ask(st.ask.map((text) => text[this.lang]));
    this.report();
  }

  private applySettings(st: ScriptStep): void {
    if (st.presetId === undefined && st.scenario === undefined && st.policy === undefined) return;
    const next = resolveUpdate(this.o.host.settings() as SessionSettings, {
      ...(st.presetId !== undefined ? { presetId: st.presetId } : {}),
      ...(st.scenario !== undefined ? { scenario: st.scenario } : {}),
      ...(st.policy !== undefined ? { policy: st.policy } : {}),
    });
    if (!('error' in next)) this.safely(() => this.o.host.update(next));
  }

  /** The lesson's `test_cases`: one question after another, each waiting for its answer (so a repeat can hit the cache). */
  private async ask(messages: string[]): Promise<void> {
    this.pendingAsks++;
    try {
      for (const message of messages) {
        if (this.disposed) return;
        await this.o.host.chat(message);
      }
    } catch {
      // Aborted by a reset: the script has been disposed with its sandbox.
    } finally {
      this.pendingAsks--;
    }
    this.finishIfDone();
  }

  /** The steady load the steps fired so far leave running, if any (what a resume restarts). */
  private activeLoad(): ScriptLoad | undefined {
    for (let i = this.next - 1; i >= 0; i--) {
      const load = this.o.script.steps[i]!.load;
      if (load) return load.kind === 'steady' ? load : undefined;
    }
    return undefined;
  }

  private finishIfDone(): void {
    if (this.disposed || this.state === 'done' || this.state === 'stopped') return;
    if (this.next < this.o.script.steps.length || this.pendingAsks > 0) return;
    this.pausedAt = this.scriptTime;
    this.clearTimer();
    this.state = 'done';
    this.report();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.o.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A host call that throws (e.g. a load refused because the process is busy) must not stop the script. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch {
      // The step's other effects still apply; the next step runs on time.
    }
  }

  private report(): void {
    if (this.disposed) return;
    this.rev = ++revisions;
    this.o.onStatus(this.snapshot);
  }
}
