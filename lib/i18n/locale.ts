/**
 * Which language to render in. Pure functions, shared by the server (layout,
 * from the request's cookie and Accept-Language) and the client (the switch).
 *
 * Order of precedence: the `lang` cookie (the visible switch wrote it), then
 * the browser's Accept-Language (highest q-value wins among the languages we
 * have), then Chinese, the course's language.
 */
import type { Text } from '@/lib/resilience/text';

/** The languages the UI is written in. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Used when neither the cookie nor the browser names a language we have. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Name of the cookie the language switch writes, read by the server so it renders the right language (no flash). */
export const LOCALE_COOKIE = 'lang';

/** Map a language tag (`zh`, `zh-TW`, `en-GB`, `EN`) to one of {@link LOCALES}, or `null` if we do not have it. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const t = (tag ?? '').trim().toLowerCase();
  if (t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en';
  return null;
}

/**
 * Parse an Accept-Language header into tags ordered by preference.
 * Entries with `q=0` are dropped (RFC 9110 §12.5.4: "not acceptable"); ties keep header order.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((e) => e.tag !== '' && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((e) => e.tag);
}

/**
 * The locale to render: a valid `lang` cookie wins, then the best Accept-Language
 * match, then {@link DEFAULT_LOCALE}.
 *
 * @param acceptLanguage the request's `Accept-Language` header, if any.
 * @param cookie the value of the `lang` cookie, if any.
 */
export function pickLocale(acceptLanguage: string | null | undefined, cookie: string | null | undefined): Locale {
  const fromCookie = matchLocale(cookie);
  if (fromCookie) return fromCookie;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** Pick the right half of a `{ zh, en }` pair, as the server's catalogue sends them. */
export function pickText(locale: Locale, text: Text): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Values for `{name}` placeholders in a message. */
export type MessageParams = Record<string, string | number>;

/** Fill `{name}` placeholders; an unknown one is left as written, so a mistake shows on screen instead of vanishing. */
export function fillPlaceholders(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
