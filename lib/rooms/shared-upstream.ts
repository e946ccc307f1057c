import { seededRandom } from '@/lib/resilience/random';
import type { Clock } from '@/lib/resilience/clock';
import { EventEmitter } from '@/lib/resilience/events';
import type { FaultId } from '@/lib/scenario/fault-ids';
import type { ProviderId } from '@/lib/scenario/providers';
import { createUpstream, type ResolveOptions, type Upstream, type UpstreamCall } from '@/lib/sandbox/mock-upstream';
import type { CapacityModel } from './capacity';
import { RepeatDetector, retryFromHeaders } from './retry-detector';
import type { CallMark, Traffic } from './traffic';

/** What the shared upstream needs from its room. */
export interface SharedUpstreamDeps {
  /** The room clock: calls are counted and the capacity refilled on it. */
  clock: Clock;
  capacity: CapacityModel;
  traffic: Traffic;
}

/**
 * The one upstream a whole room calls. Physically every participant keeps its
 * own mock upstreams (its own seeded fault draws, counters and rate window);
 * this wrapper puts them behind one door: every call is counted in the room's
 * {@link Traffic} as a first try or a retry, and past the room's capacity it is
 * refused with the overload fault instead of reaching the participant's upstream.
 *
 * Everything the call path needs is synchronous: the capacity decision, and the
 * fault the inner upstream picks (its `onCall` fires inside `resolve`), so the
 * endpoint's recorder (lib/sandbox/client-recorder.ts) still sees each call's fault.
 */
export class SharedUpstream {
  constructor(private readonly deps: SharedUpstreamDeps) {}

  /**
   * Participant `caller`'s door to the shared upstream. `via: 'endpoint'` (a
   * student's own client) also recognises a resent failed body as a retry.
   */
  wrap(base: Upstream, caller: number, via: 'service' | 'endpoint'): Upstream {
    const { clock, capacity, traffic } = this.deps;
    const calls = new EventEmitter<UpstreamCall>();
    const repeats = via === 'endpoint' ? new RepeatDetector(clock) : undefined;
    const refusers = new Map<FaultId, Upstream>();
    let pending: { retry: boolean; refused: boolean } | null = null;
    let mark: CallMark | null = null;
    // Every call of the inner upstreams passes here, synchronously inside `resolve`.
    const onAny = (call: UpstreamCall) => {
      const p = pending;
      pending = null;
      if (p) mark = traffic.record(caller, call.at, p.retry, p.refused, !p.refused && call.fault === null);
      calls.emit(call);
    };
    base.onCall(onAny);
    const refuser = (): Upstream => {
      const fault = capacity.refusal;
      let u = refusers.get(fault);
      if (!u) {
        u = createUpstream({ scenario: { rules: [{ fault, mode: { kind: 'always' } }] }, clock, random: seededRandom(caller) });
        u.onCall(onAny);
        refusers.set(fault, u);
      }
      return u;
    };
    /** Decide, then make the call on the upstream that serves it; returns what that call returned and its mark. */
    const pass = <T>(headers: Headers, call: (target: Upstream) => T): { result: T; mark: CallMark | null } => {
      const refused = !capacity.admit(clock.now());
      pending = { retry: retryFromHeaders(headers), refused };
      mark = null;
      try {
        return { result: call(refused ? refuser() : base), mark };
      } finally {
        pending = null;
      }
    };
    const fetchFor = (provider: ProviderId) =>
      ((input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        return pass(headers, (target) => target.fetchFor(provider)(input, init)).result;
      }) as typeof fetch;
    const resolve = (request: Request, options?: ResolveOptions) => {
      const copy = repeats && !retryFromHeaders(request.headers) ? request.clone() : undefined;
      const { result, mark: m } = pass(request.headers, (target) => target.resolve(request, options));
      if (copy && m && repeats) {
        const counted = m;
        void repeats.isRepeat(copy, () => counted.ok).then((repeat) => repeat && traffic.reclassify(counted));
      }
      return result;
    };
    return {
      fetch: fetchFor('openai'),
      fetchFor,
      get calls() {
        let n = base.calls;
        for (const u of refusers.values()) n += u.calls;
        return n;
      },
      onCall: calls.event,
      setScenario: (layer) => base.setScenario(layer),
      get scenario() {
        return base.scenario;
      },
      resolve,
      rateLimit: () => base.rateLimit(),
    };
  }
}
