import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/resilience/random';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { LOAD_QUESTIONS } from '@/lib/scenario/models';
import { RunController, type RunDeps } from './run-controller';

/** Distinct messages unless asked for repeats (issue 12): a burst must reach the upstream, not the cache. */
function run(extra: Partial<RunDeps>, count = 200) {
  const clock = new VirtualClock();
  const sent: string[] = [];
  const d: RunDeps = { clock, random: seededRandom(3), onStatus: () => {}, chat: async (m) => void sent.push(m), ...extra };
  const r = RunController.burst(d, count);
  return { r, sent };
}
const settle = async (r: RunController) => {
  for (let i = 0; i < 10_000 && r.running; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('RunController messages', () => {
  it('by default, every request of a burst sends a distinct message: a lesson question and its number', async () => {
    const { r, sent } = run({});
    await settle(r);
    expect(sent).toHaveLength(200);
    expect(new Set(sent).size).toBe(200);
    for (const m of sent) expect(LOAD_QUESTIONS.some((q) => m.startsWith(`${q} #`))).toBe(true);
    expect([...sent].map((m) => Number(m.split('#')[1])).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('messages given by the caller are drawn with repeats (the student asked for them)', async () => {
    const { r, sent } = run({ messages: ['a', 'b'] });
    await settle(r);
    expect(new Set(sent)).toEqual(new Set(['a', 'b']));
  });

  it('repeats can be asked for explicitly, and switched off for a given pool', async () => {
    const a = run({ repeats: true }, 100);
    await settle(a.r);
    expect(new Set(a.sent).size).toBeLessThanOrEqual(LOAD_QUESTIONS.length);
    const b = run({ messages: ['x'], repeats: false }, 5);
    await settle(b.r);
    expect(b.sent.sort()).toEqual(['x #1', 'x #2', 'x #3', 'x #4', 'x #5']);
  });

  it('a steady load sends distinct messages too', async () => {
    const clock = new VirtualClock();
    const sent: string[] = [];
    const r = RunController.steady({ clock, random: seededRandom(3), onStatus: () => {}, chat: async (m) => void sent.push(m) }, 10);
    await clock.advance(2_000);
    r.stop();
    expect(sent.length).toBeGreaterThanOrEqual(20);
    expect(new Set(sent).size).toBe(sent.length);
  });
});
