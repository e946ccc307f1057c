import type OpenAI from 'openai';
import { DEFAULT_POLICY, type RateLimitView, type RequestRecord, type SandboxEvent, type SessionView } from '@/lib/contract';
import { wallClockFrom } from '@/lib/resilience/clock';
import { EventEmitter, type Disposable } from '@/lib/resilience/events';
import { seededRandom } from '@/lib/resilience/random';
import { PacedClock } from '@/lib/resilience/paced-clock';
import type { Pacer } from '@/lib/resilience/pacer';
import type { RoomLink } from '@/lib/rooms/room-link';
import { LOCAL_MODEL } from '@/lib/scenario/models';
import { SCRIPTS, type ScriptId, type ScriptLang } from '@/lib/scenario/scripts';
import { enterAll, Gate, gates, MAX_CHATS_PER_SESSION } from './admission';
import { mockClient, realClients, realModeAvailable, sessionRequestCap } from './clients';
import { ClientRecorder } from './client-recorder';
import { EventLog } from './event-log';
import { createUpstream, localAnswerFor, type Upstream } from './mock-upstream';
import { RobustAIService } from './robust-ai-service';
import { pacer } from './pacing';
import { RunController, type RunDeps } from './run-controller';
import { sdkRetryFetch } from './sdk-retry-layer';

const round2 = (x: number) => Math.round(x * 100) / 100;
import { ScriptPlayer, scriptRun } from './script-player';
import { DEFAULT_SCENARIO, type SessionSettings } from './session-settings';

/** Independent random streams from one seed, so changing the policy never reshuffles the faults. */
const STREAM = { primaryFaults: 0, localFaults: 1, jitter: 2, load: 3, external: 4, externalLocal: 5, sdkRetries: 6 } as const;
const streamRandom = (seed: number, stream: number) => seededRandom(Math.imul(seed, 0x9e3779b1) ^ (stream * 0x85ebca6b));

export { DEFAULT_SCENARIO, type SessionSettings } from './session-settings';

/** Event streams one session may hold open at once (a few tabs, a run's stream). Past it, a new stream is refused. */
export const MAX_STREAMS_PER_SESSION = 6;

/**
 * Everything one build of a session owns: its clock, upstreams, service and
 * run. A reset or a new seed throws the whole generation away at once — its
 * in-flight requests are aborted, its run falls silent, its listeners are
 * detached — so nothing late from it can reach the next one.
 */
interface Generation {
  n: number;
  clock: PacedClock;
  primary: Upstream;
  local: Upstream;
  /** Serves this session's OpenAI-compatible endpoint: same faults and clock, its own counters. */
  external: Upstream;
  /** Serves `/api/sandbox/{id}/local/v1`: the local model's faults, for a student's own fallback code. */
  externalLocal: Upstream;
  service: RobustAIService;
  run: RunController | null;
  subscriptions: Disposable[];
}

/**
 * One browser's sandbox: its scenario, policy, breaker, cache, stats and
 * sandbox clock. Nothing here is shared with another session.
 */
export class SandboxSession {
  private settings: SessionSettings;
  private gen!: Generation;
  private generations = 0;
  /** Request ids run on across generations, so the dashboard never sees two requests with one id. */
  private requestIds = 0;
  private streams = 0;
  private disposed = false;
  private readonly realCap = sessionRequestCap();
  /** This session's share of the process: at most this many chats in flight. */
  readonly chats = new Gate('chat requests of this session', MAX_CHATS_PER_SESSION);
  private readonly hub = new EventEmitter<SandboxEvent>();
  private readonly disposals = new EventEmitter<void>();
  /** Everything that happens in this session, for the dashboard's SSE stream. */
  readonly onEvent = this.hub.event;
  /** The session was evicted or expired: close its streams. */
  readonly onDispose = this.disposals.event;
  /** What this session's endpoint saw of the student's own client: its report card and exam (issue 11). Cleared by a reset. */
  readonly clientCalls = new ClientRecorder();
  /** This build's events as export rows (`GET /api/session/export`). */
  readonly log = new EventLog(this.onEvent, () => this.gen.n);
  /** The scripted incident of this build, if one was started (issue 12; the player is ./script-player). */
  private script: ScriptPlayer | null = null;
  /** The classroom room this session is in (issue 13), with the student's own settings to go back to. */
  private room: { link: RoomLink; own: SessionSettings; events: Disposable } | null = null;

  /**
   * @param id public id, used in the session's endpoint URL.
   * @param token the secret kept in the httpOnly cookie.
   */
  /**
   * @param deps.pacer the scheduler of this session's sandbox clock. Default the process-wide one; tests inject a scripted one.
   */
  constructor(
    readonly id: string,
    readonly token: string,
    settings: Partial<SessionSettings> = {},
    private readonly deps: { pacer?: Pacer } = {},
  ) {
    this.settings = { presetId: 'healthy', scenario: DEFAULT_SCENARIO, policy: DEFAULT_POLICY, speed: 1, mode: 'sandbox', ...settings };
    this.build();
  }

  private get pacer(): Pacer {
    return this.deps.pacer ?? pacer();
  }

  /** Sandbox time now, in ms since the session (or its last reset) started. */
  now(): number {
    return this.gen.clock.now();
  }

  get current(): Readonly<SessionSettings> {
    return this.settings;
  }

  /** The upstream that `/api/sandbox/{id}/v1` talks to. */
  get endpoint(): Upstream {
    return this.clientCalls.upstream(this.gen.external);
  }

  /** The upstream that `/api/sandbox/{id}/local/v1` talks to. */
  get localEndpoint(): Upstream {
    return this.gen.externalLocal;
  }

  /** The rate window the dashboard's own requests count against (for the gauge). */
  primaryRateLimit(): RateLimitView {
    return this.gen.primary.rateLimit();
  }

  /** How many requests reached the primary upstream (tests use it to prove an open breaker calls nothing). */
  get primaryCalls(): number {
    return this.gen.primary.calls;
  }

  /** Open event streams; a session with one is never evicted. */
  get liveStreams(): number {
    return this.streams;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Count an open event stream. `undefined` when the session already holds {@link MAX_STREAMS_PER_SESSION}. */
  openStream(): Disposable | undefined {
    if (this.streams >= MAX_STREAMS_PER_SESSION || this.disposed) return undefined;
    this.streams++;
    let open = true;
    return {
      dispose: () => {
        if (open) this.streams--;
        open = false;
      },
    };
  }

  view(): SessionView {
    const s = this.settings;
    const g = this.gen;
    return {
      id: this.id,
      generation: g.n,
      baseUrlPath: `/api/sandbox/${this.id}/v1`,
      mode: s.mode,
      realAvailable: realModeAvailable(),
      presetId: s.presetId,
      scenario: s.scenario,
      policy: s.policy,
      speed: s.speed,
      achievedSpeed: round2(this.pacer.achievedSpeed(g.clock)),
      paused: g.clock.paused,
      now: g.clock.now(),
      breaker: g.service.breakerState,
      stats: g.service.statsSnapshot,
      run: g.run?.snapshot ?? null,
      script: this.room ? this.room.link.script : (this.script?.snapshot ?? null),
      room: this.room?.link.membership ?? null,
    };
  }

  /**
   * Apply validated settings. A new seed or mode rebuilds the sandbox (a fresh,
   * reproducible run); new faults, policy or speed apply to the next request.
   */
  update(next: Partial<SessionSettings>): SessionView {
    const prev = this.settings;
    // In a room, the room's faults, speed and (when pushed) policy win over the student's own.
    this.settings = { ...prev, ...next, ...this.room?.link.overrides() };
    const s = this.settings;
    const g = this.gen;
    if (s.scenario.seed !== prev.scenario.seed || s.mode !== prev.mode) {
      this.rebuild();
    } else {
      if (s.scenario !== prev.scenario) {
        g.primary.setScenario(s.scenario.primary);
        g.local.setScenario(s.scenario.local);
        g.external.setScenario(s.scenario.primary);
        g.externalLocal.setScenario(s.scenario.local);
      }
      if (s.policy !== prev.policy) g.service.setPolicy(s.policy);
      if (s.speed !== prev.speed && !this.room) g.clock.setSpeed(s.speed);
    }
    return this.announce();
  }

  /** Pause or resume sandbox time: while paused nothing in this sandbox moves (runs, retries, the breaker's open period). */
  setPaused(paused: boolean): SessionView {
    if (paused) this.gen.clock.pause();
    else this.gen.clock.resume();
    return this.announce();
  }

  /** Back to time 0: breaker closed, cache empty, stats zero. Scenario and policy stay. In-flight work is cancelled. */
  reset(): SessionView {
    this.clientCalls.record.clear();
    this.rebuild();
    return this.announce();
  }

  /**
   * One message through the lesson's four layers. Rejects (with an abort) when
   * `signal` aborts or the session is reset or disposed meanwhile.
   */
  chat(message: string, opts: { signal?: AbortSignal; runId?: string } = {}): Promise<RequestRecord> {
    return this.gen.service.chat(message, opts);
  }

  startBurst(count: number, messages?: string[]) {
    return this.startRun((deps) => RunController.burst(deps, count), messages);
  }

  startSteady(rps: number, durationMs?: number, messages?: string[]) {
    return this.startRun((deps) => RunController.steady(deps, rps, durationMs), messages);
  }

  stopRun() {
    this.gen.run?.stop();
    return this.gen.run?.snapshot ?? null;
  }

  /** Play a scripted incident from sandbox time 0: a reset, then its steps on this build's clock. */
  startScript(id: ScriptId, lang: ScriptLang = 'zh'): SessionView {
    if (this.room) return this.announce(); // in a room the incident is the instructor's
    this.rebuild();
    this.script = new ScriptPlayer({
      script: SCRIPTS[id],
      lang,
      clock: this.gen.clock,
      host: {
        settings: () => this.settings,
        update: (next) => void this.update(next),
        load: (load) => void (load.kind === 'stop' ? this.stopRun() : this.startRun(scriptRun(load, lang))),
        chat: (message) => this.chat(message),
        pauseTime: () => this.gen.clock.pause(),
        resumeTime: () => this.gen.clock.resume(),
      },
      onStatus: (script) => this.hub.emit({ type: 'script', script }),
    });
    this.script.play();
    return this.announce();
  }

  /** Pause, resume, step or stop the script; `restart` plays it again from time 0. `undefined` when none was started. */
  controlScript(action: 'pause' | 'resume' | 'step' | 'restart' | 'stop'): SessionView | undefined {
    const script = this.script;
    if (!script) return undefined;
    if (action === 'restart') return this.startScript(script.id, script.lang);
    script[action]();
    return this.announce();
  }

  /**
   * Join a classroom room (or rebuild in it again): from now on this session's builds run on the room's
   * clock, with its faults and speed, against its shared upstream. A fresh build, as after a reset.
   */
  joinRoom(link: RoomLink): SessionView {
    this.room?.events.dispose();
    this.room = { link, own: this.room?.own ?? this.settings, events: link.onEvent((e) => this.hub.emit(e)) };
    this.settings = { ...this.settings, ...link.overrides() };
    this.rebuild();
    return this.announce();
  }

  /** Leave the room: the student's own settings come back, on a clock of the session's own (a fresh build). */
  leaveRoom(): SessionView {
    const room = this.room;
    if (!room) return this.view();
    room.events.dispose();
    this.room = null;
    this.settings = room.own;
    this.rebuild();
    return this.announce();
  }

  /** Evicted or expired: cancel everything and tell the streams to close. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.discard(this.gen);
    this.disposals.emit();
  }

  /** Start a run in place of the current one. Throws a `BusyError` when the process already runs its maximum. */
  private startRun(make: (deps: RunDeps) => RunController, messages?: string[]) {
    const g = this.gen;
    g.run?.dispose();
    const slot = enterAll(gates().runs);
    const run = make({
      chat: (message, runId) => this.chat(message, { runId }),
      clock: g.clock,
      random: streamRandom(this.settings.scenario.seed, STREAM.load),
      onStatus: (status) => {
        if (status.state !== 'running') slot.dispose();
        this.hub.emit({ type: 'run', run: status });
      },
      ...(messages ? { messages } : {}),
    });
    g.run = run;
    return run.snapshot;
  }

  private announce(): SessionView {
    const view = this.view();
    this.hub.emit({ type: 'session', session: view });
    return view;
  }

  private rebuild(): void {
    this.discard(this.gen);
    this.build();
  }

  /** Throw a generation away: silence its run, detach its listeners, then abort its in-flight work. */
  private discard(g: Generation): void {
    this.script?.dispose();
    this.script = null;
    g.run?.dispose();
    g.subscriptions.forEach((s) => s.dispose());
    g.service.dispose();
  }

  private build(): void {
    const { scenario, policy, speed, mode } = this.settings;
    const room = this.room?.link;
    // Sandbox time, moved by the process-wide pacer: deterministic at any speed, fair under load. In a room, the room's.
    const clock = room?.clock ?? new PacedClock({ speed, real: this.pacer.real });
    const shared = (u: Upstream, via: 'service' | 'endpoint') => room?.upstream(u, via) ?? u;
    // Sandbox wall time: the epoch when this build started plus sandbox time. The mock writes
    // HTTP-date Retry-After headers with it and the service reads them with it, so at ×60 a
    // "3 s from now" date still means 3 s of sandbox time.
    const wallClock = wallClockFrom(clock, Date.now());
    const upstream = (layer: 'primary' | 'local', stream: number, local?: { answer: (q: string) => string; model: string }) =>
      createUpstream({ scenario: scenario[layer], clock, now: wallClock, random: streamRandom(scenario.seed, stream), ...local });
    const primaryUpstream = shared(upstream('primary', STREAM.primaryFaults), 'service');
    const localUpstream = upstream('local', STREAM.localFaults, { answer: localAnswerFor, model: LOCAL_MODEL });
    // The endpoint serves students' own clients, which wait in real time: its dates are real ones.
    const external = shared(createUpstream({ scenario: scenario.primary, clock, random: streamRandom(scenario.seed, STREAM.external) }), 'endpoint');
    const externalLocal = createUpstream({ scenario: scenario.local, clock, random: streamRandom(scenario.seed, STREAM.externalLocal), answer: localAnswerFor, model: LOCAL_MODEL });

    const real = mode === 'real' ? realClients(process.env, this.realCap) : undefined;
    // The SDK's own retries, replayed under the mock client on the sandbox clock (real mode: the real SDK's).
    // The layer sits under the client the service is built with, so it reaches the service late.
    const late: { service?: RobustAIService } = {};
    const layered = sdkRetryFetch(primaryUpstream.fetch, {
      maxRetries: () => late.service?.policy.retry.sdkMaxRetries ?? 0,
      clock,
      wallClock,
      random: streamRandom(scenario.seed, STREAM.sdkRetries),
      onCall: (tag, call) => late.service?.recordHiddenCall(tag, call),
    });
    const primary: OpenAI = real?.primary ?? mockClient(layered);
    const local: OpenAI = real?.local ?? mockClient(localUpstream.fetch);
    const built = new RobustAIService({
      primary,
      local,
      policy,
      clock,
      wallClock,
      random: streamRandom(scenario.seed, STREAM.jitter),
      nextId: () => ++this.requestIds,
      onActivity: () => clock.touch(),
      sdkRetries: real ? 'sdk' : 'replayed',
    });
    late.service = built;
    const work = { busy: () => built.inFlight > 0, interactive: () => built.interactiveInFlight > 0 };
    const paced = room ? room.pace(work) : this.pacer.add(clock, work);
    this.gen = {
      n: ++this.generations,
      clock,
      primary: primaryUpstream,
      local: localUpstream,
      external,
      externalLocal,
      service: built,
      run: null,
      subscriptions: [
        paced,
        built.onRequest((request) => this.hub.emit({ type: 'request', request, stats: built.statsSnapshot })),
        built.onRetry((retry) => this.hub.emit({ type: 'retry', retry })),
        built.onTransition((transition) => this.hub.emit({ type: 'breaker', transition })),
      ],
    };
  }
}
