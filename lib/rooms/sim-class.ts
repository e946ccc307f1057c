import type { Policy, RoomDot } from '@/lib/contract';
import type { BreakerTransition } from '@/lib/resilience/circuit-breaker';
import type { PacedClock } from '@/lib/resilience/paced-clock';
import type { Scenario } from '@/lib/scenario/scenario';
import type { RoomClock } from './room-clock';
import type { SharedUpstream } from './shared-upstream';
import { SimStudent } from './sim-student';
import type { Traffic } from './traffic';

/** Traffic caller ids of simulated students start here; members' are their dot numbers (1, 2, …). */
export const SIM_CALLER_BASE = 1_000_000;

/**
 * A participant's own seed from the room's: simulated student `n` and member
 * `n` get different, fixed streams, so refilling the room with the same seed
 * replays the same herd.
 */
export function participantSeed(roomSeed: number, kind: 'student' | 'simulated', n: number): number {
  return (Math.imul(roomSeed ^ (kind === 'student' ? 0x5bd1e995 : 0x27d4eb2f), 0x01000193) + Math.imul(n, 0x9e3779b1)) >>> 0;
}

/** What the simulated class reads from its room. */
export interface SimClassDeps {
  clock: PacedClock;
  roomClock: RoomClock;
  shared: SharedUpstream;
  traffic: Traffic;
  seed: () => number;
  /** The room's faults now (its seed is replaced by each student's own). */
  scenario: () => Scenario;
  policy: () => Policy;
  thinkMs: () => number;
  questions: () => readonly string[];
  /** A simulated student's breaker changed state. */
  onBreaker: (transition: BreakerTransition) => void;
}

/** The room's simulated students: "fill the room with N simulated clients". */
export class SimClass {
  private sims: SimStudent[] = [];
  private running = false;

  constructor(private readonly deps: SimClassDeps) {}

  get size(): number {
    return this.sims.length;
  }

  /** Whether they are asking questions. */
  get active(): boolean {
    return this.running;
  }

  /** Have exactly `n` of them: the newest go first; new ones join the questions if the class is asking. */
  resize(n: number): void {
    while (this.sims.length > n) this.sims.pop()!.dispose();
    while (this.sims.length < n) {
      const sim = this.create(this.sims.length + 1);
      this.sims.push(sim);
      if (this.running) sim.start();
    }
  }

  /** Fresh students from the same seeds (breakers closed, nothing in flight): a new incident starts from the same herd. */
  rebuild(): void {
    const n = this.sims.length;
    this.resize(0);
    this.resize(n);
  }

  /** Everyone starts asking at this instant: a herd that started together. */
  start(): void {
    this.running = true;
    for (const s of this.sims) s.start();
  }

  /** Nobody asks a new question. */
  stop(): void {
    this.running = false;
    for (const s of this.sims) s.stop();
  }

  setScenario(scenario: Scenario): void {
    for (const s of this.sims) s.setScenario(scenario);
  }

  setPolicy(policy: Policy): void {
    for (const s of this.sims) s.setPolicy(policy);
  }

  /** How many of their breakers are open. */
  get openBreakers(): number {
    let n = 0;
    for (const s of this.sims) if (s.breaker === 'open') n++;
    return n;
  }

  /** Their dots, numbered 1…N. */
  dots(now: number): RoomDot[] {
    return this.sims.map((s, i) => ({ n: i + 1, kind: 'simulated' as const, breaker: s.breaker, ...this.deps.traffic.caller(SIM_CALLER_BASE + i + 1, now) }));
  }

  dispose(): void {
    this.resize(0);
    this.running = false;
  }

  private create(n: number): SimStudent {
    const d = this.deps;
    const caller = SIM_CALLER_BASE + n;
    const seed = participantSeed(d.seed(), 'simulated', n);
    d.traffic.forget(caller);
    return new SimStudent({
      n,
      seed,
      clock: d.clock,
      scenario: { ...d.scenario(), seed },
      policy: d.policy(),
      shared: (base) => d.shared.wrap(base, caller, 'service'),
      pace: (work) => d.roomClock.track(work),
      onBreaker: d.onBreaker,
      thinkMs: d.thinkMs,
      questions: d.questions(),
    });
  }
}
