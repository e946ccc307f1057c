import { describe, it, expect, vi } from 'vitest';
import { AbortedError } from './clock';
import { FallbackExhaustedError, NoAnswerError, runFallbackChain, type FallbackLayer } from './fallback';

const fails = (name: string, message = `${name} down`): FallbackLayer<string> => ({
  name,
  run: () => Promise.reject(new Error(message)),
});

describe('runFallbackChain', () => {
  it('returns the first layer that answers and does not run later ones', async () => {
    const later = vi.fn(() => 'canned');
    const r = await runFallbackChain([{ name: 'primary', run: async () => 'gpt' }, { name: 'canned', run: later }]);
    expect(r).toEqual({ value: 'gpt', layer: 'primary', failures: [] });
    expect(later).not.toHaveBeenCalled();
  });

  it("walks the lesson's chain: cache miss → primary fails → local fails → canned", async () => {
    const primaryError = new Error('503');
    const r = await runFallbackChain<string>([
      { name: 'cache', run: () => undefined },
      { name: 'primary', run: () => Promise.reject(primaryError) },
      {
        name: 'local',
        run: () => {
          throw new Error('ECONNREFUSED');
        },
      },
      { name: 'canned', run: () => '抱歉，系统暂时无法回答您的问题，请稍后重试。' },
    ]);
    expect(r.layer).toBe('canned');
    expect(r.failures.map((f) => f.layer)).toEqual(['cache', 'primary', 'local']);
    expect(r.failures[0]!.error).toBeInstanceOf(NoAnswerError);
    expect((r.failures[0]!.error as NoAnswerError).layer).toBe('cache');
    expect(r.failures[1]!.error).toBe(primaryError);
    expect((r.failures[2]!.error as Error).message).toBe('ECONNREFUSED');
  });

  it('treats falsy non-undefined values (empty string, 0, null) as answers', async () => {
    expect((await runFallbackChain<string>([{ name: 'a', run: () => '' }])).layer).toBe('a');
    expect((await runFallbackChain<number>([{ name: 'b', run: async () => 0 }])).value).toBe(0);
    expect((await runFallbackChain<null>([{ name: 'c', run: () => null }])).value).toBeNull();
  });

  it('skips disabled layers without recording them', async () => {
    const off = vi.fn(() => 'x');
    const r = await runFallbackChain([{ name: 'off', run: off, enabled: false }, fails('p'), { name: 'ok', run: () => 'y' }]);
    expect(off).not.toHaveBeenCalled();
    expect(r).toMatchObject({ layer: 'ok', failures: [{ layer: 'p' }] });
  });

  it('throws FallbackExhaustedError listing every failure', async () => {
    const err = await runFallbackChain([fails('primary', '429'), { name: 'cache', run: () => undefined }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FallbackExhaustedError);
    expect((err as FallbackExhaustedError).failures.map((f) => f.layer)).toEqual(['primary', 'cache']);
    expect((err as Error).message).toBe('All fallback layers failed: primary (429), cache (Layer "cache" had no answer)');
  });

  it('reports non-Error throws and an empty chain', async () => {
    const err = await runFallbackChain([{ name: 'x', run: () => Promise.reject('plain string') }]).catch((e: unknown) => e);
    expect((err as Error).message).toContain('x (plain string)');
    await expect(runFallbackChain([])).rejects.toThrow('No fallback layer is enabled');
  });

  it('passes the signal to layers', async () => {
    const ctrl = new AbortController();
    const run = vi.fn((s?: AbortSignal) => (s === ctrl.signal ? 'same' : 'other'));
    expect((await runFallbackChain([{ name: 'a', run }], { signal: ctrl.signal })).value).toBe('same');
  });

  it('does not start when already aborted', async () => {
    const ctrl = new AbortController();
    ctrl.abort('gone');
    const run = vi.fn(() => 'x');
    const err = await runFallbackChain([{ name: 'a', run }], { signal: ctrl.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortedError);
    expect((err as AbortedError).reason).toBe('gone');
    expect(run).not.toHaveBeenCalled();
  });

  it('stops the chain on abort even inside a layer that ignores its signal', async () => {
    const ctrl = new AbortController();
    const next = vi.fn(() => 'local');
    const chain = runFallbackChain<string>(
      [
        {
          name: 'primary',
          run: () => {
            queueMicrotask(() => ctrl.abort('user left'));
            return new Promise<string>(() => {}); // never settles
          },
        },
        { name: 'local', run: next },
      ],
      { signal: ctrl.signal },
    );
    await expect(chain).rejects.toBeInstanceOf(AbortedError);
    expect(next).not.toHaveBeenCalled();
  });

  it('does not fall back when a layer fails because of the abort', async () => {
    const ctrl = new AbortController();
    const next = vi.fn(() => 'local');
    const chain = runFallbackChain<string>(
      [
        {
          name: 'primary',
          run: async () => {
            ctrl.abort();
            throw new Error('request aborted');
          },
        },
        { name: 'local', run: next },
      ],
      { signal: ctrl.signal },
    );
    await expect(chain).rejects.toBeInstanceOf(AbortedError);
    expect(next).not.toHaveBeenCalled();
  });
});
