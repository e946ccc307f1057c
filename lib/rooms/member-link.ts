import type { Policy, RoomMembership, RoomPolicyId, SandboxEvent, ScriptStatus, Speed } from '@/lib/contract';
import type { BreakerStateKind } from '@/lib/resilience/circuit-breaker';
import { EventEmitter, type Disposable } from '@/lib/resilience/events';
import type { PacedClock } from '@/lib/resilience/paced-clock';
import type { PacedWork } from '@/lib/resilience/pacer';
import type { Scenario } from '@/lib/scenario/scenario';
import type { ScriptId } from '@/lib/scenario/scripts';
import type { Upstream } from '@/lib/sandbox/mock-upstream';
import type { SandboxSession, SessionSettings } from '@/lib/sandbox/session';
import type { RoomLink } from './room-link';
import { participantSeed } from './sim-class';

/** What a member's link reads from its room. */
export interface MemberRoom {
  readonly code: string;
  readonly clock: PacedClock;
  readonly seed: number;
  readonly speed: Speed;
  readonly presetId: string | null;
  /** The room's faults; a new object whenever they change. */
  readonly faults: Omit<Scenario, 'seed'>;
  /** The policy the room pushes, or `null` while students choose their own. */
  readonly pushedPolicy: Policy | null;
  readonly preset: RoomPolicyId;
  readonly incident: ScriptStatus | null;
  readonly incidentId: ScriptId | null;
  track(work: PacedWork): Disposable;
  wrap(base: Upstream, caller: number, via: 'service' | 'endpoint'): Upstream;
  /** A member's breaker changed state at room time `at`. */
  breakerChanged(at: number): void;
}

/**
 * One student's membership: the {@link RoomLink} their session calls, and what
 * the room reads back for the projector — the member's anonymous number and
 * breaker state, taken from the session's own event stream (no second
 * bookkeeping path). Never their messages, id or settings.
 */
export class MemberLink implements RoomLink {
  private readonly events = new EventEmitter<SandboxEvent>();
  readonly onEvent = this.events.event;
  /** The student's own policy when they joined: theirs again when the instructor lets students choose. */
  readonly ownPolicy: Policy;
  private kind: BreakerStateKind = 'closed';
  private readonly subscription: Disposable;
  private cached: { faults: object; speed: Speed; policy: Policy | null; value: Partial<SessionSettings> } | null = null;

  constructor(
    readonly session: SandboxSession,
    /** The member's dot number, from 1 in join order. */
    readonly n: number,
    private readonly room: MemberRoom,
  ) {
    this.ownPolicy = session.current.policy;
    this.subscription = session.onEvent((e) => {
      const before = this.kind;
      if (e.type === 'breaker') this.kind = e.transition.to;
      else if (e.type === 'session') this.kind = e.session.breaker.kind;
      if (this.kind !== before) room.breakerChanged(e.type === 'breaker' ? e.transition.at : room.clock.now());
    });
  }

  get clock(): PacedClock {
    return this.room.clock;
  }

  /** The member's breaker as their own stream last reported it. */
  get breaker(): BreakerStateKind {
    return this.kind;
  }

  overrides(): Partial<SessionSettings> {
    const r = this.room;
    const c = this.cached;
    if (c && c.faults === r.faults && c.speed === r.speed && c.policy === r.pushedPolicy) return c.value;
    const value: Partial<SessionSettings> = {
      presetId: r.presetId,
      scenario: { ...r.faults, seed: participantSeed(r.seed, 'student', this.n) },
      speed: r.speed,
      mode: 'sandbox',
      ...(r.pushedPolicy ? { policy: r.pushedPolicy } : {}),
    };
    this.cached = { faults: r.faults, speed: r.speed, policy: r.pushedPolicy, value };
    return value;
  }

  pace(work: PacedWork): Disposable {
    return this.room.track(work);
  }

  upstream(base: Upstream, via: 'service' | 'endpoint'): Upstream {
    return this.room.wrap(base, this.n, via);
  }

  get script(): ScriptStatus | null {
    return this.room.incident;
  }

  get membership(): RoomMembership {
    const r = this.room;
    return { code: r.code, you: this.n, policyPushed: r.pushedPolicy !== null, preset: r.preset, incident: r.incidentId };
  }

  /** Forget the room's seed-dependent settings: the next `overrides()` recomputes them (a new seed). */
  invalidate(): void {
    this.cached = null;
  }

  /** Pass one of the room's events to the member's stream. */
  emit(event: SandboxEvent): void {
    this.events.emit(event);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
