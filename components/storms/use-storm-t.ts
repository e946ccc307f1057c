'use client';

import { useCallback } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import type { Locale } from '@/lib/i18n/locale';
import { stormText, type StormMessageKey, type StormParams } from './messages';

/** Translate one of the storm lab's own messages. */
export type StormT = (key: StormMessageKey, params?: StormParams) => string;

/** The current locale (from the app's I18nProvider) and a translate function over components/storms/messages.ts. */
export function useStormT(): { locale: Locale; t: StormT } {
  const { locale } = useI18n();
  const t = useCallback<StormT>((key, params) => stormText(locale, key, params), [locale]);
  return { locale, t };
}
