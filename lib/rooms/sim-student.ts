import type { Policy } from '@/lib/contract';
import { wallClockFrom, type Clock, type TimerHandle } from '@/lib/resilience/clock';
import type { BreakerStateKind, BreakerTransition } from '@/lib/resilience/circuit-breaker';
import type { Disposable } from '@/lib/resilience/events';
import { seededRandom } from '@/lib/resilience/random';
import { LOCAL_MODEL } from '@/lib/scenario/models';
import type { Scenario } from '@/lib/scenario/scenario';
import { mockClient } from '@/lib/sandbox/clients';
import { createUpstream, localAnswerFor, type Upstream } from '@/lib/sandbox/mock-upstream';
import { RobustAIService } from '@/lib/sandbox/robust-ai-service';
import { sdkRetryFetch } from '@/lib/sandbox/sdk-retry-layer';

/** Independent random streams from one seed, as a session has them (lib/sandbox/session.ts). */
const STREAM = { primaryFaults: 0, localFaults: 1, jitter: 2, sdkRetries: 6 } as const;
const streamRandom = (seed: number, stream: number) => seededRandom(Math.imul(seed, 0x9e3779b1) ^ (stream * 0x85ebca6b));

/** What one simulated student is built from. */
export interface SimStudentOptions {
  /** Its number among the room's simulated students, from 1. */
  n: number;
  /** Seed of its fault draws and jitter (uint32). */
  seed: number;
  /** The room clock; `touch()` tells its pacer that a request started or ended. */
  clock: Clock & { touch(): void };
  scenario: Scenario;
  policy: Policy;
  /** The room's shared upstream, as this student calls it. */
  shared: (base: Upstream) => Upstream;
  /** Pace this student's work on the room clock. */
  pace: (work: { busy: () => boolean; interactive: () => boolean }) => Disposable;
  /** Its breaker changed state. */
  onBreaker: (transition: BreakerTransition) => void;
  /** Pause between an answer and the next question, ms of room time (read before each pause). */
  thinkMs: () => number;
  /** Questions to ask, in turn; each is numbered, so the cache never answers and every question reaches the upstream. */
  questions: readonly string[];
}

/**
 * A simulated student: the lesson's `RobustAIService` — the same class, with
 * the same SDK and mock upstream as a student's sandbox — in a closed loop:
 * ask, wait for the answer (retries, breaker and fallbacks included), think,
 * ask again. Started together, a class of them is Brooker's herd: with no
 * jitter their retries stay in step and arrive at one instant; with jitter
 * they drift apart.
 */
export class SimStudent {
  private readonly service: RobustAIService;
  private readonly primary: Upstream;
  private readonly local: Upstream;
  private readonly subscriptions: Disposable[];
  private running = false;
  /** Bumped by every start, so a loop left over from before a stop never runs on beside the new one. */
  private loops = 0;
  private asked = 0;
  /** Cancels the pause between two questions, if one is running. */
  private wake: (() => void) | null = null;
  /**
   * True from a question until the pause after its answer is armed. The pacer must see the room
   * busy in that gap too: were the clock brought up to its real-time pace there, the pause would
   * start at a time that depends on real time, and the run would not replay the same.
   */
  private between = false;
  private kind: BreakerStateKind = 'closed';

  constructor(private readonly o: SimStudentOptions) {
    const { clock, scenario, seed } = o;
    const wallClock = wallClockFrom(clock, Date.now());
    this.primary = o.shared(createUpstream({ scenario: scenario.primary, clock, now: wallClock, random: streamRandom(seed, STREAM.primaryFaults) }));
    this.local = createUpstream({ scenario: scenario.local, clock, now: wallClock, random: streamRandom(seed, STREAM.localFaults), answer: localAnswerFor, model: LOCAL_MODEL });
    const late: { service?: RobustAIService } = {};
    const layered = sdkRetryFetch(this.primary.fetch, {
      maxRetries: () => late.service?.policy.retry.sdkMaxRetries ?? 0,
      clock,
      wallClock,
      random: streamRandom(seed, STREAM.sdkRetries),
    });
    const service = new RobustAIService({
      primary: mockClient(layered),
      local: mockClient(this.local.fetch),
      policy: o.policy,
      clock,
      wallClock,
      random: streamRandom(seed, STREAM.jitter),
      onActivity: () => clock.touch(),
      sdkRetries: 'replayed',
    });
    late.service = service;
    this.service = service;
    this.subscriptions = [
      o.pace({ busy: () => this.between || service.inFlight > 0, interactive: () => false }),
      service.onTransition((t) => {
        this.kind = t.to;
        o.onBreaker(t);
      }),
    ];
  }

  /** Its breaker as last reported. */
  get breaker(): BreakerStateKind {
    return this.kind;
  }

  /** Requests it has asked. */
  get questionsAsked(): number {
    return this.asked;
  }

  /** Start asking (no-op while it already is). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop(++this.loops);
  }

  /** Ask no new question; the one in flight still finishes. */
  stop(): void {
    this.running = false;
    this.wake?.();
  }

  setScenario(scenario: Scenario): void {
    this.primary.setScenario(scenario.primary);
    this.local.setScenario(scenario.local);
  }

  setPolicy(policy: Policy): void {
    this.service.setPolicy(policy);
  }

  /** Cancel everything: its request in flight, its pause, its listeners. */
  dispose(): void {
    this.stop();
    this.subscriptions.forEach((s) => s.dispose());
    this.service.dispose();
  }

  private async loop(id: number): Promise<void> {
    const live = () => this.running && id === this.loops;
    this.between = true;
    try {
      while (live()) {
        const q = this.o.questions;
        const message = `${q[this.asked % q.length]} #${this.o.n}.${++this.asked}`;
        try {
          await this.service.chat(message, { runId: 'simulated' });
        } catch {
          return; // disposed: the room closed or the class was refilled
        }
        if (!live() || !(await this.think(this.o.thinkMs()))) return;
      }
    } finally {
      if (id === this.loops) this.between = false;
    }
  }

  /** Pause on the room clock; true when the pause ran out, false when the student was stopped. */
  private think(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: TimerHandle | undefined = undefined;
      const end = (ranOut: boolean) => {
        this.wake = null;
        if (!ranOut && timer !== undefined) this.o.clock.clearTimeout(timer);
        // Busy again from the instant the pause ends (inside the pacer's step) until the next question is in flight.
        this.between = ranOut;
        resolve(ranOut);
      };
      timer = this.o.clock.setTimeout(() => end(true), ms);
      this.wake = () => end(false);
      this.between = false;
    });
  }
}
