import {
  DEFAULT_ROOM_CAPACITY,
  ROOM_LIMITS,
  type Policy,
  type RoomCapacity,
  type RoomDot,
  type RoomPolicyId,
  type RoomRun,
  type RoomSettingsInput,
  type RoomView,
  type ScriptStatus,
  type Speed,
} from '@/lib/contract';
import type { TimerHandle } from '@/lib/resilience/clock';
import type { Disposable } from '@/lib/resilience/events';
import type { PacedClock } from '@/lib/resilience/paced-clock';
import type { Pacer, PacedWork } from '@/lib/resilience/pacer';
import type { Scenario } from '@/lib/scenario/scenario';
import { SCRIPTS, type ScriptId, type ScriptLang } from '@/lib/scenario/scripts';
import type { Upstream } from '@/lib/sandbox/mock-upstream';
import { loadPool, type ScriptPlayer } from '@/lib/sandbox/script-player';
import type { SandboxSession } from '@/lib/sandbox/session';
import { CapacityModel } from './capacity';
import { tokenDigest, tokenMatches } from './codes';
import { MemberLink, type MemberRoom } from './member-link';
import { roomIncident, type IncidentHost } from './room-incident';
import { RoomClock } from './room-clock';
import { roomPolicy } from './room-policy';
import { SharedUpstream } from './shared-upstream';
import { SimClass } from './sim-class';
import { Traffic } from './traffic';

const HEALTHY: Omit<Scenario, 'seed'> = { primary: { rules: [] }, local: { rules: [] } };

/** Room time a run keeps counting after its incident ends (the last requests finish), in ms; then it is frozen. */
export const RUN_TAIL_MS = 10_000;

/** What a room is made of besides its settings. */
export interface RoomDeps {
  /** The pacer of the room clock (the process-wide one in production; a scripted one in tests). */
  pacer: Pacer;
  /** Most members. Default {@link ROOM_LIMITS}.maxMembers. */
  maxMembers?: number;
}

/** Why a join was refused. */
export type JoinResult = { ok: true; link: MemberLink } | { ok: false; reason: 'full' };

interface RunInfo {
  script: ScriptId | null;
  policy: RoomPolicyId;
  studentsChoose: boolean;
  startedAt: number;
  endedAt: number | null;
}

/**
 * A classroom room (issue 13): one clock, one incident and one shared upstream
 * for every member's sandbox and every simulated student.
 *
 * - **Members** are students' own sessions. While in the room their builds run
 *   on the room clock with the room's faults (lib/rooms/member-link.ts); leaving
 *   gives them back their own settings.
 * - **The incident** is one of the classroom scripts, played by the same
 *   {@link ScriptPlayer} as a solo session's, on the room clock: a step switches
 *   everyone's faults in one timer callback, so every member sees the same
 *   fault at the same sandbox time.
 * - **The policy** is pushed to everyone (a preset) or left to the students.
 * - **The traffic** of every call through the shared upstream, for the projector.
 */
export class Room implements MemberRoom {
  readonly code: string;
  private readonly digest: Buffer;
  private readonly roomClock: RoomClock;
  private readonly capacity: CapacityModel;
  readonly traffic = new Traffic();
  private readonly shared: SharedUpstream;
  private readonly sims: SimClass;
  private readonly members = new Map<SandboxSession, { link: MemberLink; closing: Disposable }>();
  private readonly maxMembers: number;
  private nextMember = 1;
  private speedNow: Speed;
  private thinkMsNow: number;
  private seedNow: number;
  private faultsNow = HEALTHY;
  private presetNow: string | null = 'healthy';
  private policyPreset: RoomPolicyId = 'lesson';
  private policyNow: Policy = roomPolicy('lesson');
  private choose = false;
  private player: ScriptPlayer | null = null;
  private status: ScriptStatus | null = null;
  private lang: ScriptLang = 'zh';
  private runInfo: RunInfo;
  private previousRun: RoomRun | null = null;
  /** The current run as it ended, once its tail is over: later idle time (or traffic) never pushes it off the chart. */
  private frozen: RoomRun | null = null;
  private freezeTimer: TimerHandle | undefined;
  private disposed = false;

  constructor(code: string, instructorToken: string, settings: RoomSettingsInput, deps: RoomDeps) {
    this.code = code;
    this.digest = tokenDigest(instructorToken);
    this.maxMembers = deps.maxMembers ?? ROOM_LIMITS.maxMembers;
    this.speedNow = settings.speed ?? 1;
    this.thinkMsNow = settings.thinkMs ?? ROOM_LIMITS.thinkMs.default;
    this.seedNow = settings.seed ?? 42;
    this.roomClock = new RoomClock(deps.pacer, this.speedNow);
    this.capacity = new CapacityModel({ ...DEFAULT_ROOM_CAPACITY, ...settings.capacity });
    this.shared = new SharedUpstream({ clock: this.clock, capacity: this.capacity, traffic: this.traffic });
    this.sims = new SimClass({
      clock: this.clock,
      roomClock: this.roomClock,
      shared: this.shared,
      traffic: this.traffic,
      seed: () => this.seedNow,
      scenario: () => ({ ...this.faultsNow, seed: this.seedNow }),
      policy: () => this.policyNow,
      thinkMs: () => this.thinkMsNow,
      questions: () => loadPool(this.lang),
      onBreaker: (t) => this.breakerChanged(t.at),
    });
    this.sims.resize(settings.simulated ?? 0);
    this.runInfo = { script: null, policy: this.policyPreset, studentsChoose: false, startedAt: this.clock.now(), endedAt: null };
    this.traffic.reset(this.runInfo.startedAt);
  }

  // ── what members read (MemberRoom) ──────────────────────────────────

  get clock(): PacedClock {
    return this.roomClock.clock;
  }
  get seed(): number {
    return this.seedNow;
  }
  get speed(): Speed {
    return this.speedNow;
  }
  get presetId(): string | null {
    return this.presetNow;
  }
  get faults(): Omit<Scenario, 'seed'> {
    return this.faultsNow;
  }
  get pushedPolicy(): Policy | null {
    return this.choose ? null : this.policyNow;
  }
  get preset(): RoomPolicyId {
    return this.policyPreset;
  }
  get incident(): ScriptStatus | null {
    return this.status;
  }
  get incidentId(): ScriptId | null {
    return this.status?.id ?? null;
  }
  track(work: PacedWork): Disposable {
    return this.roomClock.track(work);
  }
  wrap(base: Upstream, caller: number, via: 'service' | 'endpoint'): Upstream {
    return this.shared.wrap(base, caller, via);
  }
  breakerChanged(at: number): void {
    let open = this.sims.openBreakers;
    for (const { link } of this.members.values()) if (link.breaker === 'open') open++;
    this.traffic.setOpen(at, open);
  }

  // ── the instructor's side ───────────────────────────────────────────

  /** Whether `token` is this room's instructor token (constant time). */
  isInstructor(token: string | null | undefined): boolean {
    return tokenMatches(this.digest, token);
  }

  get memberCount(): number {
    return this.members.size;
  }

  get simulatedCount(): number {
    return this.sims.size;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Whether `session` is a member. */
  has(session: SandboxSession): boolean {
    return this.members.has(session);
  }

  /** The member's dot number, if a member. */
  numberOf(session: SandboxSession): number | undefined {
    return this.members.get(session)?.link.n;
  }

  /**
   * Take `session` in: from now on it runs on the room's clock and faults. Rejoining keeps its number.
   * A student who joins while an incident plays gets its faults at once; its load starts with the next load step.
   */
  join(session: SandboxSession): JoinResult {
    const existing = this.members.get(session);
    if (existing) return { ok: true, link: existing.link };
    if (this.members.size >= this.maxMembers) return { ok: false, reason: 'full' };
    const link = new MemberLink(session, this.nextMember++, this);
    // An evicted or expired session leaves by itself.
    const closing = session.onDispose(() => this.drop(session, false));
    this.members.set(session, { link, closing });
    this.traffic.forget(link.n);
    session.joinRoom(link);
    this.breakerChanged(this.clock.now());
    return { ok: true, link };
  }

  /** Let `session` go, with its own settings back. False when it was not a member. */
  leave(session: SandboxSession): boolean {
    return this.drop(session, true);
  }

  /**
   * Play a scripted incident for the whole room from this instant: everyone's
   * sandbox is rebuilt (breakers closed, stats zero), the simulated students
   * start afresh from their seeds, and the run before becomes the side-by-side.
   */
  startIncident(id: ScriptId, lang: ScriptLang = 'zh'): void {
    this.roomClock.hold(() => this.restart(id, lang));
  }

  /** Pause, resume or stop the incident. False when none was started. */
  controlIncident(action: 'pause' | 'resume' | 'stop'): boolean {
    if (!this.player) return false;
    this.player[action]();
    return true;
  }

  /** Push a preset to everyone, and/or let the students choose their own (the simulated students keep the preset). */
  setPolicy(p: { preset?: RoomPolicyId; studentsChoose?: boolean }): void {
    const wasChoosing = this.choose;
    if (p.preset !== undefined) {
      this.policyPreset = p.preset;
      this.policyNow = roomPolicy(p.preset);
      this.sims.setPolicy(this.policyNow);
    }
    if (p.studentsChoose !== undefined) this.choose = p.studentsChoose;
    for (const { link } of this.members.values()) {
      // Released: each student gets their own policy back; pushed: the room's wins (through overrides).
      if (this.choose && !wasChoosing) link.session.update({ policy: link.ownPolicy });
      else link.session.update({});
    }
  }

  /** Apply validated settings. The caller (the store) has checked the process-wide cap on simulated students. */
  configure(s: RoomSettingsInput): void {
    if (s.capacity) this.capacity.configure({ ...this.capacity.current, ...s.capacity } as RoomCapacity);
    if (s.thinkMs !== undefined) this.thinkMsNow = s.thinkMs;
    if (s.simulated !== undefined) this.sims.resize(s.simulated);
    if (s.speed !== undefined && s.speed !== this.speedNow) {
      this.speedNow = s.speed;
      this.roomClock.setSpeed(s.speed);
    }
    if (s.seed !== undefined && s.seed !== this.seedNow) {
      // A new seed rebuilds every sandbox in the room, as a new seed does for one session.
      this.seedNow = s.seed;
      const asking = this.sims.active;
      this.sims.rebuild();
      if (asking) this.sims.start();
      for (const { link } of this.members.values()) {
        link.invalidate();
        link.session.joinRoom(link);
      }
    }
    if (s.speed !== undefined) for (const { link } of this.members.values()) link.session.update({});
    this.breakerChanged(this.clock.now());
  }

  /** The room's aggregate. `you` is the asking member's number; `expiresInMs` the store's countdown. */
  view(role: 'instructor' | 'member', expiresInMs: number, you?: number): RoomView {
    const now = this.clock.now();
    const dots: RoomDot[] = [];
    for (const { link } of this.members.values()) dots.push({ n: link.n, kind: 'student', breaker: link.breaker, ...this.traffic.caller(link.n, now) });
    dots.push(...this.sims.dots(now));
    return {
      code: this.code,
      role,
      ...(you !== undefined ? { you } : {}),
      now,
      speed: this.speedNow,
      achievedSpeed: this.roomClock.achievedSpeed,
      members: this.members.size,
      simulated: this.sims.size,
      thinkMs: this.thinkMsNow,
      seed: this.seedNow,
      capacity: { ...this.capacity.current },
      policy: { preset: this.policyPreset, studentsChoose: this.choose },
      incident: this.status,
      rate: this.traffic.rate(now),
      openBreakers: dots.reduce((n, d) => n + (d.breaker === 'open' ? 1 : 0), 0),
      run: this.run(),
      previous: this.previousRun,
      dots,
      expiresInMs: Math.max(0, Math.round(expiresInMs)),
    };
  }

  /** Close the room: the incident stops, simulated students go, every member gets their own settings back. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelFreeze();
    this.player?.dispose();
    this.player = null;
    for (const session of [...this.members.keys()]) this.drop(session, true);
    this.sims.dispose();
    this.roomClock.dispose();
  }

  // ── internals ───────────────────────────────────────────────────────

  /** The current run: live while its incident plays, then up to {@link RUN_TAIL_MS} after it ended, then frozen. */
  private run(): RoomRun {
    if (this.frozen) return this.frozen;
    const now = this.clock.now();
    const ended = this.runInfo.endedAt;
    const end = ended === null ? now : Math.min(now, ended + RUN_TAIL_MS);
    const run = { ...this.runInfo, totals: this.traffic.totalsAt(end), series: this.traffic.series(end) };
    if (ended !== null && now >= ended + RUN_TAIL_MS) this.frozen = run;
    return run;
  }

  private cancelFreeze(): void {
    if (this.freezeTimer !== undefined) this.clock.clearTimeout(this.freezeTimer);
    this.freezeTimer = undefined;
  }

  /** {@link startIncident}'s work, done with the room clock held still: everything below happens at one sandbox instant. */
  private restart(id: ScriptId, lang: ScriptLang): void {
    this.player?.dispose();
    this.player = null;
    if (this.runInfo.script !== null) this.previousRun = this.run();
    this.cancelFreeze();
    this.frozen = null;
    this.lang = lang;
    this.faultsNow = HEALTHY;
    this.presetNow = 'healthy';
    this.policyNow = roomPolicy(this.policyPreset);
    this.capacity.refill();
    this.sims.stop();
    this.sims.rebuild();
    for (const { link } of this.members.values()) link.session.joinRoom(link);
    const at = this.clock.now();
    this.runInfo = { script: id, policy: this.policyPreset, studentsChoose: this.choose, startedAt: at, endedAt: null };
    this.traffic.reset(at);
    this.breakerChanged(at);
    this.player = roomIncident(SCRIPTS[id], lang, this.clock, this.host(), (status) => this.onStatus(status));
    this.player.play();
  }

  private drop(session: SandboxSession, giveBack: boolean): boolean {
    const member = this.members.get(session);
    if (!member) return false;
    this.members.delete(session);
    member.closing.dispose();
    member.link.dispose();
    this.traffic.forget(member.link.n);
    if (giveBack && !session.isDisposed) session.leaveRoom();
    this.breakerChanged(this.clock.now());
    return true;
  }

  private onStatus(status: ScriptStatus): void {
    this.status = status;
    if ((status.state === 'done' || status.state === 'stopped') && this.runInfo.endedAt === null) {
      this.runInfo.endedAt = this.clock.now();
      // Freeze the run exactly when its tail ends, on the room clock.
      this.freezeTimer = this.clock.setTimeout(() => {
        this.freezeTimer = undefined;
        this.run();
      }, RUN_TAIL_MS);
    }
    for (const { link } of this.members.values()) link.emit({ type: 'script', script: status });
  }

  /** What the incident's steps do to the room. */
  private host(): IncidentHost {
    return {
      lang: () => this.lang,
      settings: () => ({ presetId: this.presetNow, scenario: { ...this.faultsNow, seed: this.seedNow }, policy: this.policyNow, speed: this.speedNow, mode: 'sandbox' }),
      setFaults: (presetId, faults) => {
        this.presetNow = presetId;
        this.faultsNow = faults;
        this.sims.setScenario({ ...faults, seed: this.seedNow });
      },
      setPolicy: (policy) => {
        this.policyNow = policy;
        this.sims.setPolicy(policy);
      },
      members: () => [...this.members.values()].map((m) => m.link.session),
      sims: this.sims,
    };
  }
}
