import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOM_CAPACITY } from '@/lib/contract';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { getPreset } from '@/lib/scenario/presets';
import { createUpstream, handleUpstreamRequest, type UpstreamCall } from '@/lib/sandbox/mock-upstream';
import { ATTEMPT_TAG_HEADER } from '@/lib/sandbox/sdk-retry-layer';
import { CapacityModel } from './capacity';
import { SharedUpstream } from './shared-upstream';
import { Traffic } from './traffic';

function setup(capacity = { ...DEFAULT_ROOM_CAPACITY, enabled: false }) {
  const clock = new VirtualClock();
  const traffic = new Traffic();
  traffic.reset(0);
  const shared = new SharedUpstream({ clock, capacity: new CapacityModel(capacity), traffic });
  const base = createUpstream({ scenario: { rules: [] }, clock, random: seededRandom(1) });
  return { clock, traffic, base, shared };
}

const chat = (headers: Record<string, string> = {}, content = 'What is Go?') =>
  new Request('https://mock.openai.local/v1/chat/completions', {
    method: 'POST',
    headers: { authorization: 'Bearer sk-alice', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content }] }),
  });

/** Let the in-memory requests settle: a few event-loop turns, not a real-time wait. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

describe('SharedUpstream', () => {
  it('counts the service’s calls as first tries or retries from their attempt tags and the SDK’s retry count', async () => {
    const { traffic, base, shared } = setup();
    const door = shared.wrap(base, 1, 'service');
    const post = (headers: Record<string, string>) => door.fetch('https://mock.openai.local/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer sk-sandbox', 'content-type': 'application/json', ...headers }, body: JSON.stringify({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'hi' }] }) });
    expect((await post({ [ATTEMPT_TAG_HEADER]: '7.1' })).status).toBe(200);
    expect((await post({ [ATTEMPT_TAG_HEADER]: '7.2' })).status).toBe(200);
    expect((await post({ [ATTEMPT_TAG_HEADER]: '8.1', 'x-stainless-retry-count': '1' })).status).toBe(200);
    expect(traffic.totalsAt(1000)).toMatchObject({ calls: 3, firstTries: 1, retries: 2, refused: 0, ok: 3 });
    expect(door.calls).toBe(3);
    expect(base.calls).toBe(3);
  });

  it('refuses calls past the capacity with the overload fault, without reaching the participant’s upstream', async () => {
    const { traffic, base, shared } = setup({ enabled: true, callsPerSecond: 1, burst: 2, answer: '503' });
    const door = shared.wrap(base, 1, 'endpoint');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await handleUpstreamRequest(chat({}, `q${i}`), door)).status);
    expect(statuses).toEqual([200, 200, 503, 503]);
    const refused = await handleUpstreamRequest(chat({}, 'q9'), door);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('server_is_overloaded');
    expect(base.calls).toBe(2);
    expect(door.calls).toBe(5);
    expect(traffic.totalsAt(1000)).toMatchObject({ calls: 5, refused: 3, ok: 2 });
  });

  it('fires onCall with the picked fault inside resolve, as the endpoint’s recorder needs', () => {
    const { base, shared } = setup();
    base.setScenario(getPreset('unavailable')!.scenario.primary);
    const door = shared.wrap(base, 1, 'endpoint');
    const seen: UpstreamCall[] = [];
    const listening = door.onCall((c) => seen.push(c));
    void door.resolve(chat());
    listening.dispose();
    expect(seen.map((c) => c.fault)).toEqual(['unavailable-503']);
    expect(door.scenario).toBe(base.scenario);
  });

  it('counts a student’s own loop resending a failed body as a retry, and a question after a success as a first try', async () => {
    const { traffic, base, shared } = setup();
    const door = shared.wrap(base, 1, 'endpoint');
    base.setScenario(getPreset('unavailable')!.scenario.primary);
    expect((await handleUpstreamRequest(chat(), door)).status).toBe(503);
    expect((await handleUpstreamRequest(chat(), door)).status).toBe(503); // the same bytes again: a retry
    base.setScenario({ rules: [] });
    expect((await handleUpstreamRequest(chat(), door)).status).toBe(200); // still a retry (the last one failed)
    expect((await handleUpstreamRequest(chat(), door)).status).toBe(200); // after a success: a new question
    expect((await handleUpstreamRequest(chat({ authorization: 'Bearer sk-bob' }), door)).status).toBe(200); // another client
    await settle();
    expect(traffic.totalsAt(1000)).toMatchObject({ calls: 5, firstTries: 3, retries: 2 });
  });
});
