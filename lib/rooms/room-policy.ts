import { applyPolicyPatch, DEFAULT_POLICY, type Policy, type PolicyPatch, type RoomPolicyId } from '@/lib/contract';

/**
 * The policies an instructor pushes to a whole room, each one change away from
 * the next so a side-by-side on the same seed shows exactly that change:
 *
 * | id             | retry delay                             | budget |
 * |----------------|-----------------------------------------|--------|
 * | `lesson`       | the lesson's `delay × (0.5 + U)` jitter | off    |
 * | `no-jitter`    | exponential, no jitter (§3.2)           | off    |
 * | `full-jitter`  | full jitter `U(0, expo)` (Brooker)      | off    |
 * | `retry-budget` | exponential, no jitter                  | on (gRPC's 10 tokens, ratio 0.1) |
 *
 * Everything else is the lesson's default (3 attempts, breaker after 3 failures for 30 s).
 */
export const ROOM_POLICY_PATCHES: Readonly<Record<RoomPolicyId, PolicyPatch>> = {
  lesson: {},
  'no-jitter': { retry: { strategy: 'exponential' } },
  'full-jitter': { retry: { strategy: 'full' } },
  'retry-budget': { retry: { strategy: 'exponential', budget: { enabled: true, maxTokens: 10, tokenRatio: 0.1 } } },
};

const cache = new Map<RoomPolicyId, Policy>();

/** The full policy of a room preset (the same object each time, so an unchanged push rebuilds nothing). */
export function roomPolicy(id: RoomPolicyId): Policy {
  let policy = cache.get(id);
  if (!policy) cache.set(id, (policy = applyPolicyPatch(DEFAULT_POLICY, ROOM_POLICY_PATCHES[id])));
  return policy;
}
