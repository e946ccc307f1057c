import { describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import { RateLimitError } from 'openai';
import { classifyError } from '@/lib/resilience/classify';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { getPreset } from '@/lib/scenario/presets';
import { anthropicSdkFor, ask, askClaude, openAiSdkAs, rejectionOf, sdkFor } from './test-utils';
import { createUpstream } from './upstream';

/**
 * The countdown preset through the real SDKs, on a virtual clock: ten calls in
 * a row count x-ratelimit-remaining-requests down by one each, the eleventh
 * gets a 429 whose retry-after is the time to the window's reset, and after
 * waiting exactly that long calls succeed again.
 */
const NOW = Date.UTC(2026, 2, 1, 9, 0, 0);
const windowUpstream = (clock: VirtualClock, rule: { rpm?: number; tpm?: number } = {}) => {
  const layer = getPreset('rate-limit-window')!.scenario.primary;
  return createUpstream({ scenario: { rules: [{ ...layer.rules[0]!, ...rule }] }, clock, random: seededRandom(1), now: () => NOW + clock.now() });
};

describe('rate-limit-window through the openai SDK', () => {
  it('counts 9…0, then a 429 with the true wait, then success once it is waited out', async () => {
    const clock = new VirtualClock();
    const client = sdkFor(windowUpstream(clock));
    const remaining: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { response } = await client.chat.completions.create(ask('什么是Go？')).withResponse();
      remaining.push(response.headers.get('x-ratelimit-remaining-requests')!);
      expect(response.headers.get('x-ratelimit-limit-requests')).toBe('10');
      await clock.advance(1000); // one call a second
    }
    expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);

    // The window opened at t = 0 and resets at t = 60 s; it is now t = 10 s.
    const limited = (await rejectionOf(client.chat.completions.create(ask('什么是Go？')))) as RateLimitError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.code).toBe('rate_limit_exceeded');
    expect(limited.headers.get('retry-after')).toBe('50');
    expect(limited.headers.get('retry-after-ms')).toBe('50000');
    expect(limited.headers.get('x-ratelimit-reset-requests')).toBe('50s');
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(limited.message).toContain('Limit 10');
    expect(classifyError(limited)).toMatchObject({ kind: 'rate-limit', retryable: true, retryAfterMs: 50_000 });

    await clock.advance(49_999);
    const stillLimited = (await rejectionOf(client.chat.completions.create(ask('x')))) as RateLimitError;
    expect(stillLimited.headers.get('retry-after-ms')).toBe('1');
    await clock.advance(1);
    const { response } = await client.chat.completions.create(ask('什么是Go？')).withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9');
    expect(response.headers.get('x-ratelimit-reset-requests')).toBe('1m0s');
  });

  it('counts tokens from the message length, and refuses a call that would go over the TPM with the token 429', async () => {
    const clock = new VirtualClock();
    const client = sdkFor(windowUpstream(clock, { rpm: 100, tpm: 300 }));
    const { response } = await client.chat.completions.create(ask('x'.repeat(400))).withResponse();
    const left = Number(response.headers.get('x-ratelimit-remaining-tokens'));
    expect(left).toBeLessThan(300 - 100); // 400 characters ≈ 100 tokens, plus the answer
    const err = (await rejectionOf(client.chat.completions.create(ask('x'.repeat(1200))))) as RateLimitError;
    expect(err.status).toBe(429);
    expect(err.message).toContain('tokens per min (TPM): Limit 300');
    expect(err.headers.get('retry-after')).toBe('60');
  });

  it('other endpoints count too: embeddings and the Responses API share the window', async () => {
    const clock = new VirtualClock();
    const client = sdkFor(windowUpstream(clock, { rpm: 2 }));
    await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hi' });
    const { response } = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi' }).withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(await rejectionOf(client.chat.completions.create(ask('hi')))).toBeInstanceOf(RateLimitError);
    // GET /models is not a generation: it reports the window without spending it.
    const models = await client.models.list().withResponse();
    expect(models.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });
});

describe('rate-limit-window in the other dialects', () => {
  it('Anthropic: anthropic-ratelimit-* headers count down, with an RFC 3339 reset, and the 429 carries retry-after', async () => {
    const clock = new VirtualClock();
    const client = anthropicSdkFor(windowUpstream(clock, { rpm: 3 }));
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await client.messages.create(askClaude('什么是Go？')).withResponse();
      seen.push(response.headers.get('anthropic-ratelimit-requests-remaining')!);
      expect(response.headers.get('anthropic-ratelimit-requests-reset')).toBe('2026-03-01T09:01:00Z');
    }
    expect(seen).toEqual(['2', '1', '0']);
    await clock.advance(15_000);
    const err = (await rejectionOf(client.messages.create(askClaude('x')))) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.type).toBe('rate_limit_error');
    expect(err.headers?.get('retry-after')).toBe('45');
    expect(err.headers?.get('retry-after-ms')).toBeNull();
    expect(classifyError(err, { provider: 'anthropic' })).toMatchObject({ kind: 'rate-limit', retryAfterMs: 45_000 });
  });

  it.each(['deepseek', 'qwen'] as const)('%s: no rate-limit headers at all, so the client only learns at the 429', async (provider) => {
    const clock = new VirtualClock();
    const client = openAiSdkAs(windowUpstream(clock, { rpm: 1 }), provider);
    const { response } = await client.chat.completions.create(ask('hi')).withResponse();
    expect([...response.headers.keys()].filter((h) => h.includes('ratelimit'))).toEqual([]);
    const err = (await rejectionOf(client.chat.completions.create(ask('hi')))) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.headers.get('retry-after')).toBe('60');
    expect(err.code).toBe(provider === 'qwen' ? 'limit_requests' : 'rate_limit_exceeded');
  });
});
