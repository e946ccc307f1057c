'use client';

import { useCallback } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import type { Locale } from '@/lib/i18n/locale';
import { jitterText, type JitterMessageKey, type JitterParams } from './messages';

/** Translate one of the lab's own messages. */
export type JitterT = (key: JitterMessageKey, params?: JitterParams) => string;

/** The current locale (from the app's I18nProvider) and a translate function over components/jitter/messages.ts. */
export function useJitterT(): { locale: Locale; t: JitterT } {
  const { locale } = useI18n();
  const t = useCallback<JitterT>((key, params) => jitterText(locale, key, params), [locale]);
  return { locale, t };
}
