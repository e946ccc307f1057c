'use client';

import { useLabT, type LabT } from '@/components/lab/use-lab-t';
import type { Locale } from '@/lib/i18n/locale';
import { stormText, type StormMessageKey } from './messages';

/** Translate one of the storm lab's own messages. */
export type StormT = LabT<StormMessageKey>;

/** The current locale (from the app's I18nProvider) and a translate function over components/storms/messages.ts. */
export function useStormT(): { locale: Locale; t: StormT } {
  return useLabT(stormText);
}
