import { describe, expect, it } from 'vitest';
import { messageLookup, type MessageTable } from './message-table';

const table: MessageTable<'greet' | 'plain'> = {
  'zh-CN': { greet: '你好，{name}', plain: '没有占位符' },
  en: { greet: 'Hello, {name}', plain: 'No placeholders' },
};

describe('messageLookup', () => {
  it('picks the locale’s text and fills its placeholders', () => {
    const text = messageLookup(table);
    expect(text('zh-CN', 'greet', { name: '小明' })).toBe('你好，小明');
    expect(text('en', 'greet', { name: 'Ada' })).toBe('Hello, Ada');
    expect(text('en', 'plain')).toBe('No placeholders');
  });

  it('leaves an unfilled placeholder visible', () => {
    expect(messageLookup(table)('en', 'greet')).toBe('Hello, {name}');
  });
});
