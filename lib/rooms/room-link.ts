import type { RoomMembership, SandboxEvent, ScriptStatus } from '@/lib/contract';
import type { Disposable, Event } from '@/lib/resilience/events';
import type { PacedClock } from '@/lib/resilience/paced-clock';
import type { PacedWork } from '@/lib/resilience/pacer';
import type { Upstream } from '@/lib/sandbox/mock-upstream';
import type { SessionSettings } from '@/lib/sandbox/session-settings';

/**
 * What a {@link SandboxSession} in a room asks of the room (issue 13). The
 * session stays the student's own — its cookie, endpoint id, report card —
 * but while it is in the room every build of its sandbox runs on the room's
 * clock, with the room's faults, and calls the room's shared upstream. That is
 * what makes "every student's sandbox and every student's endpoint see the
 * same faults at the same sandbox time" true by construction: one clock, and
 * the faults switched for everyone in one timer callback.
 */
export interface RoomLink {
  /** The room's clock: the session's builds use it instead of a clock of their own. */
  readonly clock: PacedClock;
  /**
   * The settings the room decides, merged over every update of the session:
   * the faults (with this member's own seed), the room's speed, sandbox mode,
   * and the policy while the instructor pushes one. Returns the same objects
   * until the room changes them, so an update that changes nothing rebuilds nothing.
   */
  overrides(): Partial<SessionSettings>;
  /** Pace this build's work on the room's clock, in place of `pacer.add(clock, work)`. */
  pace(work: PacedWork): Disposable;
  /**
   * The shared upstream as this member calls it: `service` for the sandbox's
   * own requests, `endpoint` for the student's own client. Every call is
   * counted (first try or retry) and refused past the room's capacity.
   */
  upstream(base: Upstream, via: 'service' | 'endpoint'): Upstream;
  /** The room's events for the member's own stream: the incident's status as it plays. */
  readonly onEvent: Event<SandboxEvent>;
  /** The room's incident, for the member's view; `null` before the first one. */
  readonly script: ScriptStatus | null;
  /** What the member's view says about the room. */
  readonly membership: RoomMembership;
}
