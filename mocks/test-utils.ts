import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { VirtualClock } from '@/lib/resilience/virtual-clock';
import type { ProviderId } from '@/lib/scenario/providers';
import type { Upstream } from './upstream';

/**
 * Test helpers shared by the mocks' tests: the real openai SDK pointed at a
 * mock upstream, and a way to wait for a request to reach a virtual timer.
 */

/** Base URL the tests give the SDK; any origin works, since handlers match `*\/chat/completions`. */
export const MOCK_BASE_URL = 'https://mock.openai.local/v1';

/** The real SDK on the upstream's fetch, with the SDK's own retries off (our service owns retries). */
export function sdkFor(upstream: Pick<Upstream, 'fetch'>, opts: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ fetch: upstream.fetch, apiKey: 'sk-sandbox', baseURL: MOCK_BASE_URL, maxRetries: 0, ...opts });
}

/** The real openai SDK speaking one OpenAI-compatible dialect of the upstream (OpenAI, DeepSeek or Qwen). */
export function openAiSdkAs(upstream: Pick<Upstream, 'fetchFor'>, provider: Exclude<ProviderId, 'anthropic'>, opts: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ fetch: upstream.fetchFor(provider), apiKey: 'sk-sandbox', baseURL: MOCK_BASE_URL, maxRetries: 0, ...opts });
}

/** The real `@anthropic-ai/sdk` on the upstream's Anthropic dialect. */
export function anthropicSdkFor(upstream: Pick<Upstream, 'fetchFor'>, opts: { maxRetries?: number; timeout?: number } = {}): Anthropic {
  return new Anthropic({ fetch: upstream.fetchFor('anthropic'), apiKey: 'sk-ant-sandbox', baseURL: 'https://mock.anthropic.local', maxRetries: 0, ...opts });
}

/** A one-message Messages API request. */
export const askClaude = (question: string, model = 'claude-sonnet-4-5') => ({
  model,
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: question }],
});

/** Let pending async work run (one macrotask turn), without any timer. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Turn the event loop until `clock` has `count` pending timers (a request reached its `slow` wait). */
export async function untilPending(clock: VirtualClock, count = 1, maxTurns = 200): Promise<void> {
  for (let i = 0; i < maxTurns && clock.pending < count; i++) await tick();
  if (clock.pending < count) throw new Error(`expected ${count} pending timer(s), have ${clock.pending}`);
}

/** Run `p` to completion and return what it threw (fails the test if it resolved). */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** A one-message chat request body. */
export const ask = (question: string, model = 'gpt-3.5-turbo') => ({
  model,
  messages: [{ role: 'user' as const, content: question }],
});
