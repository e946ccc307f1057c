import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LOCALES, matchLocale, parseAcceptLanguage, pickLocale, pickText } from './locale';

describe('pickLocale', () => {
  it('gives Chinese to a Chinese browser, whatever the region', () => {
    expect(pickLocale('zh-CN,zh;q=0.9', undefined)).toBe('zh-CN');
    expect(pickLocale('zh-TW', undefined)).toBe('zh-CN');
    expect(pickLocale('zh', null)).toBe('zh-CN');
  });

  it('gives English to an English browser', () => {
    expect(pickLocale('en-US,en;q=0.9', undefined)).toBe('en');
    expect(pickLocale('en-GB', undefined)).toBe('en');
  });

  it('follows q-values rather than header order', () => {
    expect(pickLocale('en;q=0.5,zh-CN;q=0.8', undefined)).toBe('zh-CN');
    expect(pickLocale('zh;q=0.4,en;q=0.9', undefined)).toBe('en');
  });

  it('skips languages it does not have and finds the next one', () => {
    expect(pickLocale('fr-FR,fr;q=0.9,en;q=0.8', undefined)).toBe('en');
    expect(pickLocale('de,ja;q=0.8,zh;q=0.5', undefined)).toBe('zh-CN');
  });

  it('falls back to Chinese when nothing matches or there is no header', () => {
    expect(pickLocale('fr,de', undefined)).toBe('zh-CN');
    expect(pickLocale(undefined, undefined)).toBe('zh-CN');
    expect(pickLocale('', '')).toBe('zh-CN');
  });

  it('lets the cookie win over the header', () => {
    expect(pickLocale('zh-CN', 'en')).toBe('en');
    expect(pickLocale('en-US', 'zh-CN')).toBe('zh-CN');
  });

  it('ignores a cookie it does not understand', () => {
    expect(pickLocale('en-US', 'klingon')).toBe('en');
  });

  it('treats q=0 as "not acceptable"', () => {
    expect(pickLocale('en;q=0,zh;q=0.1', undefined)).toBe('zh-CN');
    expect(pickLocale('zh;q=0,en;q=0.1', undefined)).toBe('en');
  });

  it('always returns one of the known locales, for any input', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (header, cookie) => {
        expect(LOCALES).toContain(pickLocale(header, cookie));
      }),
    );
  });
});

describe('parseAcceptLanguage', () => {
  it('orders by q and keeps header order for ties', () => {
    expect(parseAcceptLanguage('a;q=0.5, b, c;q=0.5, d;q=0.9')).toEqual(['b', 'd', 'a', 'c']);
  });

  it('drops malformed q-values and empty parts', () => {
    expect(parseAcceptLanguage('x;q=abc, , y')).toEqual(['y']);
  });
});

describe('matchLocale / pickText', () => {
  it('matches case-insensitively and rejects look-alikes', () => {
    expect(matchLocale('EN-us')).toBe('en');
    expect(matchLocale('ZH_cn')).toBe('zh-CN');
    expect(matchLocale('eng')).toBeNull();
    expect(matchLocale('zhx')).toBeNull();
  });

  it('picks the half of a catalogue text that matches the locale', () => {
    expect(pickText('en', { zh: '熔断器', en: 'breaker' })).toBe('breaker');
    expect(pickText('zh-CN', { zh: '熔断器', en: 'breaker' })).toBe('熔断器');
  });
});
