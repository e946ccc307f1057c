'use client';

import { useLabT, type LabT } from '@/components/lab/use-lab-t';
import type { Locale } from '@/lib/i18n/locale';
import { jitterText, type JitterMessageKey } from './messages';

/** Translate one of the lab's own messages. */
export type JitterT = LabT<JitterMessageKey>;

/** The current locale (from the app's I18nProvider) and a translate function over components/jitter/messages.ts. */
export function useJitterT(): { locale: Locale; t: JitterT } {
  return useLabT(jitterText);
}
