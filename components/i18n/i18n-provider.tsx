'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Text } from '@/lib/resilience/text';
import { LOCALE_COOKIE, pickText, type Locale } from '@/lib/i18n/locale';
import { translate, type MessageKey, type MessageParams } from '@/lib/i18n/messages';

/** Translate a message id, filling `{name}` placeholders. */
export type TFunction = (key: MessageKey, params?: MessageParams) => string;

interface I18nValue {
  locale: Locale;
  t: TFunction;
  /** Pick the current language's half of a `{ zh, en }` text from the server's catalogue. */
  pick: (text: Text) => string;
  /** Switch language: re-renders every `useT()` reader and remembers the choice in the `lang` cookie. */
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** What {@link translatorFor} returns: `t` and `pick` bound to one locale. */
export interface Translator {
  t: TFunction;
  pick: (text: Text) => string;
}

const translators = new Map<Locale, Translator>();

/**
 * `t` and `pick` for one locale, the same objects every time (so they can be
 * passed as props to memoised components). Heavy views — the charts — take
 * them from `useDeferredValue(locale)` instead of the context, so switching
 * language updates the page at once and redraws the charts just after,
 * without blocking the click.
 */
export function translatorFor(locale: Locale): Translator {
  let translator = translators.get(locale);
  if (!translator) {
    translator = { t: (key, params) => translate(locale, key, params), pick: (text) => pickText(locale, text) };
    translators.set(locale, translator);
  }
  return translator;
}

/** One year, in seconds. */
const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/**
 * Holds the UI language. The server picks the first one (cookie, then
 * Accept-Language) and passes it in, so the first paint is already in the
 * right language — no flash of the other one.
 */
export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    // Written where the server can read it, so the next page load renders `next` directly.
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${COOKIE_MAX_AGE}; samesite=lax`;
    document.documentElement.lang = next;
  }, []);

  const value = useMemo<I18nValue>(() => ({ locale, setLocale, ...translatorFor(locale) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The whole i18n context: `{ locale, t, pick, setLocale }`. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() must be used inside <I18nProvider>');
  return value;
}

/** Just the translate function, for components that only show text. */
export function useT(): TFunction {
  return useI18n().t;
}
