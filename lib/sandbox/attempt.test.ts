import { describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import { classifyError, isAttemptTimeoutError, isIncompleteResponseError, isStreamFailedError, isStreamTruncatedError } from '@/lib/resilience/classify';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import type { FaultId } from '@/lib/scenario/fault-ids';
import { answerFor } from '@/mocks/answers';
import { createUpstream } from '@/mocks/upstream';
import { callUpstream } from './attempt';
import { mockClient } from './clients';

/**
 * The service's own stream handling: every way an answer can end short must
 * come out of callUpstream as an error (which the classifier then judges),
 * never as a complete answer. Both APIs of the policy switch are covered.
 */
const Q = '什么是Python？';

function attempt(fault: FaultId | null, api: 'chat.completions' | 'responses', stream = true, clock = new VirtualClock(), latencyMs?: number) {
  const upstream = createUpstream({ scenario: { rules: fault ? [{ fault, mode: { kind: 'always' }, ...(latencyMs ? { latencyMs } : {}) }] : [] }, clock, random: seededRandom(1) });
  return callUpstream({ client: mockClient(upstream.fetch), model: 'gpt-4o-mini', message: Q, timeoutMs: 10_000, clock, stream, api });
}

const failure = (p: Promise<string>) => p.then(
  (text) => ({ ok: true as const, text }),
  (error: unknown) => ({ ok: false as const, error }),
);

describe.each(['chat.completions', 'responses'] as const)('callUpstream via %s', (api) => {
  it('returns the whole answer, streamed or not', async () => {
    expect(await attempt(null, api)).toBe(answerFor(Q));
    expect(await attempt(null, api, false)).toBe(answerFor(Q));
  });

  it('a stream without its end marker is truncated, not complete', async () => {
    const r = await failure(attempt('stream-no-done', api));
    expect(r.ok).toBe(false);
    expect(isStreamTruncatedError(!r.ok && r.error)).toBe(true);
    expect(!r.ok && (r.error as Error).message).toContain(api === 'responses' ? 'response.completed' : '[DONE]');
  });

  it('an incomplete answer (length / response.incomplete) is an IncompleteResponseError, streamed or not', async () => {
    for (const stream of [true, false]) {
      const r = await failure(attempt('stream-incomplete', api, stream));
      expect(!r.ok && isIncompleteResponseError(r.error), `stream ${stream}`).toBe(true);
      const reason = api === 'responses' ? 'max_output_tokens' : 'length';
      expect(!r.ok && classifyError(r.error)).toMatchObject({ kind: 'incomplete', retryable: false, code: reason });
    }
  });

  it('a cut stream fails with the raw TypeError: terminated', async () => {
    const r = await failure(attempt('stream-cut', api));
    expect(!r.ok && classifyError(r.error)).toMatchObject({ kind: 'stream', retryable: true, sdkClass: 'TypeError' });
  });

  it('a failed stream is an error, and a rate limit inside it stays a rate limit', async () => {
    const failed = await failure(attempt('stream-failed', api));
    expect(!failed.ok && classifyError(failed.error)).toMatchObject({ kind: 'stream', retryable: true });
    const limited = await failure(attempt('stream-failed-rate-limit', api));
    expect(!limited.ok && classifyError(limited.error)).toMatchObject({ kind: 'rate-limit', retryable: true, code: 'rate_limit_exceeded' });
  });

  it('keep-alives cannot keep an attempt alive: our deadline covers the whole body', async () => {
    const clock = new VirtualClock();
    let settled: { ok: boolean; error?: unknown } | null = null;
    void failure(attempt('keep-alive-hold', api, true, clock, 600_000)).then((r) => (settled = r));
    for (let t = 0; t < 10_000 && !settled; t += 1000) {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      await clock.advance(1000);
    }
    for (let i = 0; i < 20 && !settled; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(settled).not.toBeNull();
    expect(isAttemptTimeoutError((settled as unknown as { error: unknown }).error)).toBe(true);
    expect(clock.now()).toBe(10_000);
  });
});

describe('the Responses API\'s own endings', () => {
  it('response.failed and the error event become StreamFailedErrors naming the event and code', async () => {
    const failed = await failure(attempt('stream-failed', 'responses'));
    expect(!failed.ok && isStreamFailedError(failed.error) && [failed.error.event, failed.error.code]).toEqual(['response.failed', 'server_error']);
    const event = await failure(attempt('stream-error-event', 'responses'));
    expect(!event.ok && isStreamFailedError(event.error) && [event.error.event, event.error.code]).toEqual(['error', 'server_error']);
    expect(!event.ok && (event.error as { partialText: string }).partialText.length).toBeGreaterThan(0);
  });

  it('Chat Completions raises the SDK\'s status-less APIError for its error event instead', async () => {
    const r = await failure(attempt('stream-error-event', 'chat.completions'));
    expect(!r.ok && r.error).toBeInstanceOf(APIError);
  });
});
