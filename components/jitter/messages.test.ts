import { describe, expect, it } from 'vitest';
import { SIM_STRATEGY_IDS } from '@/lib/sim';
import { JITTER_MESSAGES, jitterText, type JitterMessageKey } from './messages';

describe('jitter lab messages', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(jitterText('en', 'unit.ms', { v: 5 })).toBe('5 ms');
    expect(jitterText('zh-CN', 'unit.ms', { v: 5 })).toBe('5 毫秒');
    expect(jitterText('en', 'unit.ms')).toBe('{v} ms');
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(JITTER_MESSAGES['zh-CN']) as JitterMessageKey[]) {
      expect(names(JITTER_MESSAGES.en[key]), key).toEqual(names(JITTER_MESSAGES['zh-CN'][key]));
    }
  });

  it('has a note for every strategy the page can compare', () => {
    for (const id of SIM_STRATEGY_IDS) expect(JITTER_MESSAGES.en).toHaveProperty(`note.chosen.${id}`);
  });
});
