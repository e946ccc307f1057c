import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { drive } from './drive';
import { ATTEMPT_TAG_HEADER, sdkRetryFetch, type HiddenCall } from './sdk-retry-layer';

/** An upstream that answers from a script of statuses (or 'reset' for a connection failure), and remembers each request. */
function scripted(statuses: (number | 'reset')[], headers: Record<string, string> = {}) {
  const seen: { at: number; retryCount: string | null }[] = [];
  let i = 0;
  return {
    seen,
    fetchFor: (clock: VirtualClock) =>
      (async (_input: RequestInfo | URL, init?: RequestInit) => {
        seen.push({ at: clock.now(), retryCount: new Headers(init?.headers).get('x-stainless-retry-count') });
        const s = statuses[Math.min(i++, statuses.length - 1)]!;
        if (s === 'reset') throw new TypeError('fetch failed');
        return new Response('{}', { status: s, headers });
      }) as typeof fetch,
  };
}

function layer(statuses: (number | 'reset')[], maxRetries: number, headers?: Record<string, string>) {
  const clock = new VirtualClock();
  const upstream = scripted(statuses, headers);
  const calls: [string | null, HiddenCall][] = [];
  const fetch = sdkRetryFetch(upstream.fetchFor(clock), {
    maxRetries: () => maxRetries,
    clock,
    random: seededRandom(1),
    wallClock: () => 1_700_000_000_000 + clock.now(),
    onCall: (tag, call) => calls.push([tag, call]),
  });
  const send = () => drive(clock, fetch('https://x/v1/chat/completions', { method: 'POST', headers: { [ATTEMPT_TAG_HEADER]: '7.1' } }));
  return { clock, upstream, calls, send };
}

describe('sdkRetryFetch: the SDK’s own retry loop on the sandbox clock', () => {
  it('retries a 503 twice with the SDK’s backoff (0.5 s, 1 s, × up to −25%), each retry numbered', async () => {
    const { upstream, calls, send } = layer([503, 503, 200], 2);
    expect((await send()).status).toBe(200);
    expect(upstream.seen.map((s) => s.retryCount)).toEqual([null, '1', '2']);
    const [first, second] = [upstream.seen[1]!.at - upstream.seen[0]!.at, upstream.seen[2]!.at - upstream.seen[1]!.at];
    expect(first).toBeGreaterThanOrEqual(375);
    expect(first).toBeLessThanOrEqual(500);
    expect(second).toBeGreaterThanOrEqual(750);
    expect(second).toBeLessThanOrEqual(1000);
    expect(calls.map(([tag, c]) => [tag, c.n, c.status])).toEqual([['7.1', 0, 503], ['7.1', 1, 503], ['7.1', 2, 200]]);
  });

  it('waits what retry-after-ms says, however long (the JS SDK has no upper bound)', async () => {
    const { upstream, send } = layer([429, 200], 2, { 'retry-after-ms': '90000' });
    await send();
    expect(upstream.seen[1]!.at - upstream.seen[0]!.at).toBe(90_000);
  });

  it('gives the last answer back once its retries are spent', async () => {
    const { upstream, send } = layer([500], 2);
    expect((await send()).status).toBe(500);
    expect(upstream.seen).toHaveLength(3);
  });

  it.each([
    ['a 400', [400], {}],
    ['a 401', [401], {}],
    ['x-should-retry: false', [503], { 'x-should-retry': 'false' }],
  ] as const)('does not retry %s', async (_name, statuses, headers) => {
    const { upstream, send } = layer([...statuses], 3, headers);
    await send();
    expect(upstream.seen).toHaveLength(1);
  });

  it('retries a 400 when the server says x-should-retry: true, and a failed connection', async () => {
    expect((await layer([400, 200], 1, { 'x-should-retry': 'true' }).send()).status).toBe(200);
    const reset = layer(['reset', 'reset', 200], 2);
    expect((await reset.send()).status).toBe(200);
    expect(reset.upstream.seen).toHaveLength(3);
  });

  it('is a plain pass-through at maxRetries 0', async () => {
    const { upstream, calls, send } = layer([503], 0);
    expect((await send()).status).toBe(503);
    expect(upstream.seen).toHaveLength(1);
    expect(calls).toEqual([]);
  });
});
