import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@/lib/contract';
import { niceCeil } from './charts/retry-delay-chart';
import { snippets } from './connection-box';
import { formatDuration, formatPercent, formatSecondsTick } from './format';
import { breakerPatchOf } from './policy-panel';
import { lessonQuestions, loadRequest } from './run-controls';
import { stepPreset } from './shortcuts';
import { cardValue, LESSON_CARDS, TRUE_CARDS } from './stat-cards';
import { toggledViewHref } from './view-toggle';

describe('breakerPatchOf', () => {
  it('keeps the options the policy has, with the right types, and drops the rest', () => {
    const patch = breakerPatchOf({ failureThreshold: 5, openMs: 60_000, halfOpenAfter: 'x', mode: 'consecutive', clock: 3 }, DEFAULT_POLICY.breaker);
    expect(patch).toEqual({ failureThreshold: 5, openMs: 60_000, mode: 'consecutive' });
  });

  it('ignores a value of the wrong type', () => {
    expect(breakerPatchOf({ failureThreshold: 'many' }, DEFAULT_POLICY.breaker)).toEqual({});
  });
});

describe('snippets', () => {
  it('point the student’s Python and JS clients at the session endpoint', () => {
    const { python, js } = snippets('http://localhost:3000/api/sandbox/abc/v1');
    expect(python).toContain('from openai import OpenAI');
    expect(python).toContain('client = OpenAI(base_url="http://localhost:3000/api/sandbox/abc/v1", api_key="sk-sandbox", max_retries=0)');
    expect(js).toContain("new OpenAI({ baseURL: 'http://localhost:3000/api/sandbox/abc/v1', apiKey: 'sk-sandbox', maxRetries: 0 })");
  });
});

describe('niceCeil', () => {
  it('rounds up to 1, 2 or 5 × a power of ten', () => {
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(1.1)).toBe(2);
    expect(niceCeil(2.2)).toBe(5);
    expect(niceCeil(6)).toBe(10);
    expect(niceCeil(130)).toBe(200);
  });
});

describe('format', () => {
  it('formats durations, rates and ticks for people', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3480)).toBe('3.48 s');
    expect(formatDuration(2000)).toBe('2 s');
    expect(formatPercent(0.6667)).toBe('66.67%');
    expect(formatPercent(null)).toBe('–');
    expect(formatSecondsTick(12)).toBe('12');
    expect(formatSecondsTick(0.25)).toBe('0.3');
  });
});

describe('snippets in English', () => {
  it('explain max_retries=0 in the page’s language', () => {
    expect(snippets('http://x/v1', 'en').python).toContain('# max_retries=0: the SDK retries twice by default');
    expect(snippets('http://x/v1', 'zh').js).toContain('// maxRetries: 0：关掉 SDK 自带的重试');
  });
});

describe('stat cards', () => {
  const stats = { total_requests: 0, success_rate: 0, answered_rate: 0, breaker_opens: 0, circuit_breaker_trips: 0 } as never;
  it('show “–” for a rate before any request, and the counts as they are', () => {
    const successRate = LESSON_CARDS.find((c) => c.key === 'stats.successRate')!;
    expect(cardValue(successRate, stats)).toBe('–');
    expect(cardValue(successRate, null)).toBe('–');
    expect(cardValue(LESSON_CARDS[0]!, stats)).toBe('0');
    expect(cardValue(successRate, { ...(stats as object), total_requests: 59, success_rate: 1 / 59 } as never)).toBe('1.69%');
    expect(TRUE_CARDS.map((c) => c.key)).toEqual(['stats.breakerOpens', 'stats.answeredRate', 'stats.amplification']);
  });

  it('show the amplification as ×n.n, and “–” before any attempt', () => {
    const amplification = TRUE_CARDS.find((c) => c.key === 'stats.amplification')!;
    expect(cardValue(amplification, { ...(stats as object), amplification: 0 } as never)).toBe('–');
    expect(cardValue(amplification, { ...(stats as object), total_requests: 4, amplification: 1 } as never)).toBe('×1.0');
    expect(cardValue(amplification, { ...(stats as object), total_requests: 4, amplification: 3 } as never)).toBe('×3.0');
    expect(cardValue(amplification, null)).toBe('–');
  });
});

describe('run requests', () => {
  it('distinct messages by default; repeats send the lesson’s pool along', () => {
    expect(loadRequest({ kind: 'burst', count: 5 }, false)).toEqual({ kind: 'burst', count: 5 });
    expect(loadRequest({ kind: 'steady', rps: 2 }, true)).toMatchObject({ kind: 'steady', rps: 2, messages: expect.arrayContaining(['什么是Go？']) });
    expect(lessonQuestions('en')).toEqual(['What is Python?', 'What is Java?', 'What is Go?']);
    expect(lessonQuestions('zh-CN')).toEqual(['什么是Python？', '什么是Java？', '什么是Go？']);
  });
});

describe('keyboard and view', () => {
  it('steps through every preset, wrapping round', () => {
    const ids = ['a', 'b', 'c'];
    expect(stepPreset(ids, 'a', 1)).toBe('b');
    expect(stepPreset(ids, 'c', 1)).toBe('a');
    expect(stepPreset(ids, 'a', -1)).toBe('c');
    expect(stepPreset(ids, null, 1)).toBe('a');
    expect(stepPreset(ids, null, -1)).toBe('c');
    expect(stepPreset([], 'a', 1)).toBeUndefined();
  });

  it('toggles the presenter view and keeps the other query fields', () => {
    expect(toggledViewHref('/', '?seed=3', false)).toBe('/?seed=3&view=present');
    expect(toggledViewHref('/', '?view=present&seed=3', true)).toBe('/?seed=3');
    expect(toggledViewHref('/', '?view=present', true)).toBe('/');
  });
});
