import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { KEEP_ALIVE_INTERVAL_MS } from './faults';
import { askClaude, MOCK_BASE_URL, tick } from './test-utils';
import { createUpstream } from './upstream';

/**
 * DeepSeek's overload behaviour: a 200 at once, then keep-alives only. The
 * point for students is that bytes keep arriving, so an idle timeout (reset on
 * every byte) never fires; only a deadline for the whole call ends it.
 */
const held = (clock: VirtualClock, latencyMs = 30_000) =>
  createUpstream({ scenario: { rules: [{ fault: 'keep-alive-hold', mode: { kind: 'always' }, latencyMs }] }, clock, random: seededRandom(1) });

/** Read a body as text pieces with the sandbox time each arrived at, until it ends or errors. */
async function readTimed(res: Response, clock: VirtualClock) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const pieces: { at: number; text: string }[] = [];
  let error: unknown = null;
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      pieces.push({ at: clock.now(), text: decoder.decode(value) });
    }
  })().catch((err: unknown) => (error = err));
  for (let i = 0; i < 40; i++) {
    await tick();
    await clock.advance(1000);
  }
  await reading;
  return { pieces, error };
}

describe('keep-alive-hold', () => {
  it('streams ": keep-alive" comments every 5 s of sandbox time, then the connection closes', async () => {
    const clock = new VirtualClock();
    const res = await held(clock).fetchFor('deepseek')(`${MOCK_BASE_URL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: JSON.stringify({ model: 'deepseek-chat', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const { pieces, error } = await readTimed(res, clock);
    expect(pieces.map((p) => p.text)).toEqual(Array.from({ length: 6 }, () => ': keep-alive\n\n'));
    const gaps = pieces.slice(1).map((p, i) => p.at - pieces[i]!.at);
    // No gap is longer than the interval: an 8 s idle timeout would never fire.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(KEEP_ALIVE_INTERVAL_MS);
    expect((error as Error).message).toBe('terminated');
  });

  it('sends blank lines to a non-stream request, and pings on Anthropic\'s dialect', async () => {
    const clock = new VirtualClock();
    const plain = await held(clock, 10_000).fetchFor('deepseek')(`${MOCK_BASE_URL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: JSON.stringify({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(plain.headers.get('content-type')).toContain('application/json');
    expect((await readTimed(plain, clock)).pieces.map((p) => p.text)).toEqual(['\n', '\n']);
    const claude = await held(clock, 5_000).fetchFor('anthropic')('https://x/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ ...askClaude('x'), stream: true }),
    });
    expect((await readTimed(claude, clock)).pieces[0]!.text).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });
});
