import { describe, expect, it } from 'vitest';
import { parseLayerScenario, parseScenario, type Scenario } from './scenario';

const valid: Scenario = {
  primary: {
    rules: [
      { fault: 'rate-limit', mode: { kind: 'first-n', n: 2 }, shouldRetry: true },
      { fault: 'slow', mode: { kind: 'probability', p: 0.5 }, latencyMs: 1000 },
      { fault: 'unavailable-503', mode: { kind: 'timeline', fromMs: 10_000, toMs: 40_000 } },
      { fault: 'server-500', mode: { kind: 'always' } },
    ],
  },
  local: { rules: [] },
  seed: 42,
};

describe('parseScenario', () => {
  it('accepts every mode', () => {
    expect(parseScenario(valid)).toEqual({ ok: true, value: valid });
  });

  it.each([
    ['an unknown fault id', { ...valid, primary: { rules: [{ fault: 'meteor', mode: { kind: 'always' } }] } }, 'primary.rules.0.fault'],
    ['an unknown key on a rule', { ...valid, local: { rules: [{ fault: 'quota', mode: { kind: 'always' }, extra: 1 }] } }, 'local.rules.0'],
    ['an unknown top-level key', { ...valid, speed: 3 }, '(root)'],
    ['p above 1', { ...valid, primary: { rules: [{ fault: 'quota', mode: { kind: 'probability', p: 1.5 } }] } }, 'primary.rules.0.mode.p'],
    ['an infinite latency', { ...valid, primary: { rules: [{ fault: 'slow', mode: { kind: 'always' }, latencyMs: Infinity }] } }, 'latencyMs'],
    ['a fractional n', { ...valid, primary: { rules: [{ fault: 'quota', mode: { kind: 'first-n', n: 1.5 } }] } }, 'mode.n'],
    ['an empty timeline window', { ...valid, primary: { rules: [{ fault: 'quota', mode: { kind: 'timeline', fromMs: 5, toMs: 5 } }] } }, 'mode.toMs'],
    ['a fractional seed', { ...valid, seed: 0.5 }, 'seed'],
    ['a missing layer', { primary: valid.primary, seed: 1 }, 'local'],
    ['more than 16 rules', { ...valid, local: { rules: Array.from({ length: 17 }, () => ({ fault: 'quota', mode: { kind: 'always' } })) } }, 'local.rules'],
  ])('rejects %s with a message naming the path', (_, input, path) => {
    const result = parseScenario(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(path);
  });

  it('never throws on junk', () => {
    for (const junk of [null, undefined, 3, 'x', [], { primary: 'x' }]) expect(parseScenario(junk).ok).toBe(false);
  });
});

describe('parseLayerScenario', () => {
  it('validates one layer', () => {
    expect(parseLayerScenario({ rules: [] }).ok).toBe(true);
    expect(parseLayerScenario({ rules: [{ fault: 'nope', mode: { kind: 'always' } }] }).ok).toBe(false);
  });
});
