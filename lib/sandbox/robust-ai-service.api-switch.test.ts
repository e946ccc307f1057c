import { describe, expect, it } from 'vitest';
import { applyPolicyPatch, DEFAULT_POLICY } from '@/lib/contract';
import { wallClockFrom } from '@/lib/resilience/clock';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { LOCAL_MODEL } from '@/lib/scenario/models';
import type { FaultRule } from '@/lib/scenario/scenario';
import { answerFor, localAnswerFor } from '@/mocks/answers';
import { createUpstream, type UpstreamCall } from '@/mocks/upstream';
import { mockClient } from './clients';
import { drive } from './drive';
import { RobustAIService } from './robust-ai-service';

/** The policy's "API" switch: the primary is called through the Responses API, and its endings are judged. */
function setup(rules: FaultRule[], api: 'chat.completions' | 'responses') {
  const clock = new VirtualClock();
  const wallClock = wallClockFrom(clock, Date.UTC(2026, 0, 1));
  const primary = createUpstream({ scenario: { rules }, clock, now: wallClock, random: seededRandom(1) });
  const local = createUpstream({ scenario: { rules: [] }, clock, now: wallClock, random: seededRandom(2), answer: localAnswerFor, model: LOCAL_MODEL });
  const paths: string[] = [];
  primary.onCall((c: UpstreamCall) => paths.push(c.path));
  local.onCall((c: UpstreamCall) => paths.push(c.path));
  const service = new RobustAIService({
    primary: mockClient(primary.fetch),
    local: mockClient(local.fetch),
    policy: applyPolicyPatch(DEFAULT_POLICY, { api, retry: { maxRetries: 1, baseMs: 100 } }),
    clock,
    wallClock,
    random: seededRandom(3),
  });
  return { paths, ask: (m: string) => drive(clock, service.chat(m)) };
}

describe('RobustAIService with api: responses', () => {
  it('calls POST /v1/responses for the primary and Chat Completions for the local model', async () => {
    const { ask, paths } = setup([{ fault: 'server-500', mode: { kind: 'first-n', n: 2 } }], 'responses');
    const r = await ask('什么是Go？');
    expect(r.source).toBe('local');
    expect(paths).toEqual(['/v1/responses', '/v1/responses', '/v1/chat/completions']);
  });

  it('answers from the Responses API stream when healthy', async () => {
    const r = await setup([], 'responses').ask('什么是Go？');
    expect([r.source, r.content]).toEqual(['api', answerFor('什么是Go？')]);
  });

  it.each([
    ['stream-failed', 'stream', true],
    ['stream-failed-rate-limit', 'rate-limit', true],
    ['stream-error-event', 'stream', true],
    ['stream-no-done', 'stream', true],
    ['stream-incomplete', 'incomplete', false],
  ] as const)('%s is caught as %s (retried: %s), never taken as a complete answer', async (fault, kind, retried) => {
    const r = await setup([{ fault, mode: { kind: 'always' } }], 'responses').ask('什么是Go？');
    expect(r.source).toBe('local');
    const attempts = r.trace.filter((s) => s.type === 'attempt' && s.layer === 'primary');
    expect(attempts[0]).toMatchObject({ ok: false, error: { kind } });
    expect(attempts).toHaveLength(retried ? 2 : 1);
  });

  it('chat.completions (the default) still detects a finish_reason of length', async () => {
    const r = await setup([{ fault: 'stream-incomplete', mode: { kind: 'always' } }], 'chat.completions').ask('什么是Go？');
    expect(r.trace.find((s) => s.type === 'attempt')).toMatchObject({ ok: false, error: { kind: 'incomplete', code: 'length' } });
  });
});
