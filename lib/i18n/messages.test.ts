import { describe, expect, it } from 'vitest';
import { MESSAGES, translate, type MessageKey } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(MESSAGES['zh-CN']) as MessageKey[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES['zh-CN'][key]));
    }
  });

  it('has no empty strings', () => {
    for (const table of Object.values(MESSAGES)) for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
  });

  it('shows breaker states with the exact uppercase words of the lesson, next to the Chinese', () => {
    expect(translate('zh-CN', 'breaker.open')).toBe('OPEN（开路）');
    expect(translate('zh-CN', 'breaker.half-open')).toContain('HALF_OPEN');
    expect(translate('zh-CN', 'breaker.closed')).toContain('CLOSED');
    expect(translate('en', 'breaker.half-open')).toBe('HALF_OPEN');
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones alone', () => {
    expect(translate('en', 'run.burstGo', { n: 10 })).toBe('Send 10');
    expect(translate('zh-CN', 'run.status.burst', { completed: 3, total: 10 })).toBe('突发：3 / 10 完成');
    expect(translate('en', 'run.status.burst', { completed: 3 })).toBe('Burst: 3 / {total} done');
  });

  it('returns the text as is without params', () => {
    expect(translate('zh-CN', 'app.title')).toContain('沙盒');
  });
});
