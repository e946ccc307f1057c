import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@/lib/contract';
import { niceCeil } from './charts/retry-delay-chart';
import { snippets } from './connection-box';
import { formatDuration, formatPercent, formatSecondsTick } from './format';
import { breakerPatchOf } from './policy-panel';

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
