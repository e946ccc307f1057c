import { describe, expect, it } from 'vitest';
import { STORM_BUDGET_KINDS, STORM_PRESET_IDS } from '@/lib/sim';
import { STORM_MESSAGES, stormText, type StormMessageKey } from './messages';

describe('storm lab messages', () => {
  it('fills placeholders in both languages', () => {
    expect(stormText('en', 'unit.perS', { v: 5 })).toBe('5/s');
    expect(stormText('zh-CN', 'unit.perS', { v: 5 })).toBe('5 次/秒');
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(STORM_MESSAGES['zh-CN']) as StormMessageKey[]) {
      expect(names(STORM_MESSAGES.en[key]), key).toEqual(names(STORM_MESSAGES['zh-CN'][key]));
    }
  });

  it('names every preset and budget, and leaves no English in the Chinese table', () => {
    for (const id of STORM_PRESET_IDS) {
      expect(STORM_MESSAGES['zh-CN']).toHaveProperty(`preset.${id}`);
      expect(STORM_MESSAGES['zh-CN']).toHaveProperty(`preset.${id}.claim`);
    }
    for (const kind of STORM_BUDGET_KINDS) expect(STORM_MESSAGES['zh-CN']).toHaveProperty(`budget.${kind}`);
    // Proper names and code may stay in Latin letters; ordinary English words may not.
    const allowed = /^(gRPC|retryThrottling|Brooker|SDK|OpenAI|maxRetries|max_retries|RobustAIService|Web|Worker|Google|SRE|HotOS|Marc|Bronson|Fixing|retries|with|token|buckets|and|circuit|breakers|What|is|Backoff|For|Handling|Overload|Addressing|Cascading|Failures|Metastable|in|Distributed|Systems|gRPC|Retry|Design|JS|A|base|p|R|C|T|n|s|of)$/;
    for (const [key, text] of Object.entries(STORM_MESSAGES['zh-CN'])) {
      const words = text.replace(/\{\w+\}/g, '').match(/[A-Za-z_]+/g) ?? [];
      for (const w of words) expect(allowed.test(w), `${key}: "${w}"`).toBe(true);
    }
  });
});
