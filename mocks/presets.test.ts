import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { getPreset, PRESET_IDS, SCENARIO_PRESETS } from '@/lib/scenario/presets';
import type { LayerScenario } from '@/lib/scenario/scenario';
import { ask, sdkFor, tick } from './test-utils';
import { createUpstream } from './upstream';

/**
 * The first call's outcome on one layer, through the real SDK: 'ok', 'truncated'
 * (a stream that ended without finish_reason), or the error's class name.
 * Virtual time is run forward until the call settles, so `slow` presets finish.
 */
async function firstCall(layer: LayerScenario, opts: { stream: boolean; timeoutMs?: number }): Promise<string> {
  const clock = new VirtualClock();
  const client = sdkFor(createUpstream({ scenario: layer, clock, random: seededRandom(1) }), { timeout: opts.timeoutMs ?? 10_000 });
  const call = async (): Promise<string> => {
    if (!opts.stream) {
      await client.chat.completions.create(ask('什么是Python？'));
      return 'ok';
    }
    let finish: string | null = null;
    for await (const chunk of await client.chat.completions.create({ ...ask('什么是Python？'), stream: true })) {
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    return finish === 'stop' ? 'ok' : 'truncated';
  };
  let settled = false;
  const result = call()
    .catch((err: Error) => err.constructor.name)
    .finally(() => (settled = true));
  for (let i = 0; i < 50 && !settled; i++) {
    await tick();
    await clock.runUntilIdle();
  }
  return result;
}

/** Expected first-call outcome of each preset's primary layer (non-stream unless stated). */
const PRIMARY: Record<string, string> = {
  healthy: 'ok',
  'rate-limited': 'RateLimitError',
  'rate-limit-http-date': 'RateLimitError',
  'rate-limit-garbage': 'RateLimitError',
  'retry-after-too-long': 'RateLimitError',
  'quota-exceeded': 'RateLimitError',
  'server-error': 'InternalServerError',
  'bad-gateway': 'InternalServerError',
  unavailable: 'InternalServerError',
  'gateway-timeout': 'InternalServerError',
  timeout: 'APIConnectionTimeoutError',
  'connection-reset': 'APIConnectionError',
  'auth-error': 'AuthenticationError',
  forbidden: 'PermissionDeniedError',
  'model-not-found': 'NotFoundError',
  'bad-request': 'BadRequestError',
  unprocessable: 'UnprocessableEntityError',
  'transient-blip': 'InternalServerError',
  'outage-then-recovery': 'ok', // healthy at t = 0; the outage window is tested in upstream.test.ts
  slow: 'ok',
  'slower-than-timeout': 'ok', // the mock only delays; the client's deadline decides
  'stream-cut': 'TypeError',
  'stream-no-done': 'truncated',
  'stream-error-event': 'APIError',
  'local-down': 'InternalServerError',
  'should-retry-false': 'InternalServerError',
  'rate-limit-window': 'ok', // ten calls pass; the countdown is tested in rate-window and handlers tests
  'token-rate-limit': 'RateLimitError',
  'slow-down': 'RateLimitError',
  overloaded: 'InternalServerError',
  'keep-alive-hold': 'TypeError', // the hold ends and the connection closes mid-body: undici's "terminated"
  'content-filter': 'BadRequestError',
  'stream-failed': 'APIError',
  'stream-failed-rate-limit': 'APIError',
  'stream-incomplete': 'truncated', // finish_reason "length", not "stop"
};

describe('the mock plays every preset', () => {
  it('has an expectation below for every preset', () => {
    expect(Object.keys(PRIMARY).sort()).toEqual(PRESET_IDS.filter((id) => id !== 'flaky').sort());
  });
});

describe.each(SCENARIO_PRESETS.filter((p) => p.id !== 'flaky'))('preset $id through the real openai SDK', (preset) => {
  it('gives the expected first call on the primary layer', async () => {
    const stream = preset.id.startsWith('stream-');
    const timeoutMs = preset.id === 'timeout' ? 50 : undefined; // a real SDK timer; kept tiny
    expect(await firstCall(preset.scenario.primary, { stream, timeoutMs })).toBe(PRIMARY[preset.id]);
  });

  it('gives the expected first call on the local layer', async () => {
    expect(await firstCall(preset.scenario.local, { stream: false })).toBe(preset.id === 'local-down' ? 'APIConnectionError' : 'ok');
  });
});

describe('preset flaky', () => {
  it('fails about 30% of calls with a 500/503 mix', async () => {
    const client = sdkFor(createUpstream({ scenario: getPreset('flaky')!.scenario.primary, clock: new VirtualClock(), random: seededRandom(11) }));
    const counts: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const status = await client.chat.completions.create(ask('x')).then(
        () => 'ok',
        (err: { status?: number }) => String(err.status),
      );
      counts[status] = (counts[status] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['500', '503', 'ok']);
    expect(counts.ok! / 300).toBeGreaterThan(0.6);
    expect(counts.ok! / 300).toBeLessThan(0.8);
  });
});
