import { describe, expect, it } from 'vitest';
import { ROOM_POLICY_IDS } from '@/lib/contract';
import { ROOM_MESSAGES, roomText, type RoomMessageKey } from './messages';

describe('room messages', () => {
  it('have the same keys and placeholders in both languages, and no empty text', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(ROOM_MESSAGES.en).sort()).toEqual(Object.keys(ROOM_MESSAGES['zh-CN']).sort());
    for (const key of Object.keys(ROOM_MESSAGES['zh-CN']) as RoomMessageKey[]) {
      expect(names(ROOM_MESSAGES.en[key]), key).toEqual(names(ROOM_MESSAGES['zh-CN'][key]));
      expect(ROOM_MESSAGES['zh-CN'][key].trim(), key).not.toBe('');
    }
  });

  it('name every policy an instructor can push, and fill placeholders', () => {
    for (const id of ROOM_POLICY_IDS) expect(ROOM_MESSAGES.en).toHaveProperty(`policy.${id}`);
    expect(roomText('zh-CN', 'stat.perS', { v: 12 })).toBe('12 次/秒');
    expect(roomText('en', 'dots.student', { n: 7 })).toBe('Student 7');
  });

  it('shows Chinese in zh: apart from the lesson’s terms and codes, no English words', () => {
    const allowed = /\b(CLOSED|OPEN|HALF_OPEN|RobustAIService|Retry-After|server_is_overloaded|delay|U)\b/g;
    for (const [key, text] of Object.entries(ROOM_MESSAGES['zh-CN'])) {
      const rest = text.replace(allowed, '').replace(/\{\w+\}/g, '');
      expect(/[A-Za-z]{3,}/.test(rest), `${key}: ${text}`).toBe(false);
    }
  });
});
