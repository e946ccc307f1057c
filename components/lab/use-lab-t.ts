'use client';

import { useCallback } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import type { Locale, MessageParams } from '@/lib/i18n/locale';
import type { MessageLookup } from './message-table';

/** Translate one of a lab's own messages in the current locale. */
export type LabT<K extends string> = (key: K, params?: MessageParams) => string;

/**
 * The current locale (from the app's I18nProvider) and a translate function
 * over a lab's table. Pass a module-level lookup (`messageLookup(TABLE)`), so
 * `t` changes only when the locale does.
 */
export function useLabT<K extends string>(lookup: MessageLookup<K>): { locale: Locale; t: LabT<K> } {
  const { locale } = useI18n();
  const t = useCallback<LabT<K>>((key, params) => lookup(locale, key, params), [lookup, locale]);
  return { locale, t };
}
