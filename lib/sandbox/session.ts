import type OpenAI from 'openai';
import { EventEmitter } from '@/lib/resilience/events';
import { seededRandom } from '@/lib/resilience/random';
import { ScaledClock } from '@/lib/resilience/scaled-clock';
import { LOCAL_MODEL } from '@/lib/scenario/models';
import type { Scenario } from '@/lib/scenario/scenario';
import { createUpstream, localAnswerFor, type Upstream } from './mock-upstream';
import { mockClient, realClients, realModeAvailable } from './clients';
import { DEFAULT_POLICY, type Policy } from '@/lib/contract';
import type { RequestRecord, SandboxEvent, SessionView, Speed } from '@/lib/contract';
import { RobustAIService } from './robust-ai-service';
import { RunController, type RunDeps } from './run-controller';

/** Independent random streams from one seed, so changing the policy never reshuffles the faults. */
const STREAM = { primaryFaults: 0, localFaults: 1, jitter: 2, load: 3, external: 4 } as const;
const streamRandom = (seed: number, stream: number) => seededRandom(Math.imul(seed, 0x9e3779b1) ^ (stream * 0x85ebca6b));

export const DEFAULT_SCENARIO: Scenario = { primary: { rules: [] }, local: { rules: [] }, seed: 42 };

/** The settings a session is built from; everything else is derived. */
export interface SessionSettings {
  presetId: string | null;
  scenario: Scenario;
  policy: Policy;
  speed: Speed;
  mode: 'sandbox' | 'real';
}

/**
 * One browser's sandbox: its scenario, policy, breaker, cache, stats and
 * sandbox clock. Nothing here is shared with another session.
 */
export class SandboxSession {
  private settings: SessionSettings;
  private clock!: ScaledClock;
  private primaryUpstream!: Upstream;
  private localUpstream!: Upstream;
  /** Serves this session's OpenAI-compatible endpoint: same faults and clock, its own counters. */
  private externalUpstream!: Upstream;
  private service!: RobustAIService;
  private run: RunController | null = null;
  private readonly hub = new EventEmitter<SandboxEvent>();
  /** Everything that happens in this session, for the dashboard's SSE stream. */
  readonly onEvent = this.hub.event;

  /**
   * @param id public id, used in the session's endpoint URL.
   * @param token the secret kept in the httpOnly cookie.
   */
  constructor(
    readonly id: string,
    readonly token: string,
    settings: Partial<SessionSettings> = {},
  ) {
    this.settings = { presetId: 'healthy', scenario: DEFAULT_SCENARIO, policy: DEFAULT_POLICY, speed: 1, mode: 'sandbox', ...settings };
    this.build();
  }

  /** Sandbox time now, in ms since the session (or its last reset) started. */
  now(): number {
    return this.clock.now();
  }

  get current(): Readonly<SessionSettings> {
    return this.settings;
  }

  /** The upstream that `/api/sandbox/{id}/v1` talks to. */
  get endpoint(): Upstream {
    return this.externalUpstream;
  }

  /** How many requests reached the primary upstream (tests use it to prove an open breaker calls nothing). */
  get primaryCalls(): number {
    return this.primaryUpstream.calls;
  }

  view(): SessionView {
    const s = this.settings;
    return {
      id: this.id,
      baseUrlPath: `/api/sandbox/${this.id}/v1`,
      mode: s.mode,
      realAvailable: realModeAvailable(),
      presetId: s.presetId,
      scenario: s.scenario,
      policy: s.policy,
      speed: s.speed,
      now: this.clock.now(),
      breaker: this.service.breakerState,
      stats: this.service.statsSnapshot,
      run: this.run?.snapshot ?? null,
    };
  }

  /**
   * Apply validated settings. A new seed or mode rebuilds the sandbox (a fresh,
   * reproducible run); new faults, policy or speed apply to the next request.
   */
  update(next: Partial<SessionSettings>): SessionView {
    const prev = this.settings;
    this.settings = { ...prev, ...next };
    const s = this.settings;
    if (s.scenario.seed !== prev.scenario.seed || s.mode !== prev.mode) {
      this.rebuild();
    } else {
      if (s.scenario !== prev.scenario) {
        this.primaryUpstream.setScenario(s.scenario.primary);
        this.localUpstream.setScenario(s.scenario.local);
        this.externalUpstream.setScenario(s.scenario.primary);
      }
      if (s.policy !== prev.policy) this.service.setPolicy(s.policy);
      if (s.speed !== prev.speed) this.clock.setSpeed(s.speed);
    }
    return this.announce();
  }

  /** Back to time 0: breaker closed, cache empty, stats zero. Scenario and policy stay. */
  reset(): SessionView {
    this.rebuild();
    return this.announce();
  }

  /** One message through the lesson's four layers. */
  chat(message: string, runId?: string): Promise<RequestRecord> {
    return this.service.chat(message, runId ? { runId } : {});
  }

  startBurst(count: number, messages?: string[]) {
    return this.startRun((deps) => RunController.burst(deps, count), messages);
  }

  startSteady(rps: number, durationMs?: number, messages?: string[]) {
    return this.startRun((deps) => RunController.steady(deps, rps, durationMs), messages);
  }

  stopRun() {
    this.run?.stop();
    return this.run?.snapshot ?? null;
  }

  /** Stop timers and runs; called when the store evicts the session. */
  dispose(): void {
    this.run?.stop();
    this.service.dispose();
  }

  private startRun(make: (deps: RunDeps) => RunController, messages?: string[]) {
    this.run?.stop();
    const run = make({
      chat: (message, runId) => this.chat(message, runId),
      clock: this.clock,
      random: streamRandom(this.settings.scenario.seed, STREAM.load),
      onStatus: (run) => this.hub.emit({ type: 'run', run }),
      ...(messages ? { messages } : {}),
    });
    this.run = run;
    return run.snapshot;
  }

  private announce(): SessionView {
    const view = this.view();
    this.hub.emit({ type: 'session', session: view });
    return view;
  }

  private rebuild(): void {
    this.dispose();
    this.build();
  }

  private build(): void {
    const { scenario, policy, speed, mode } = this.settings;
    this.run = null;
    this.clock = new ScaledClock(speed);
    const upstream = (layer: 'primary' | 'local', stream: number, local?: { answer: (q: string) => string; model: string }) =>
      createUpstream({ scenario: scenario[layer], clock: this.clock, random: streamRandom(scenario.seed, stream), ...local });
    this.primaryUpstream = upstream('primary', STREAM.primaryFaults);
    this.localUpstream = upstream('local', STREAM.localFaults, { answer: localAnswerFor, model: LOCAL_MODEL });
    this.externalUpstream = upstream('primary', STREAM.external);

    const real = mode === 'real' ? realClients() : undefined;
    const primary: OpenAI = real?.primary ?? mockClient(this.primaryUpstream.fetch);
    const local: OpenAI = real?.local ?? mockClient(this.localUpstream.fetch);
    this.service = new RobustAIService({ primary, local, policy, clock: this.clock, random: streamRandom(scenario.seed, STREAM.jitter) });
    this.service.onRequest((request) => this.hub.emit({ type: 'request', request, stats: this.service.statsSnapshot }));
    this.service.onRetry((retry) => this.hub.emit({ type: 'retry', retry }));
    this.service.onTransition((transition) => this.hub.emit({ type: 'breaker', transition }));
  }
}
