'use client';

import { useCallback } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import type { Locale, MessageParams } from '@/lib/i18n/locale';
import type { Text } from '@/lib/resilience/text';
import { roomText, type RoomMessageKey } from './messages';

/** Translate one of the room pages' own messages. */
export type RoomT = (key: RoomMessageKey, params?: MessageParams) => string;

/** The current locale (from the app's I18nProvider), a translate function over ./messages.ts, and `pick` for `{ zh, en }` texts. */
export function useRoomT(): { locale: Locale; t: RoomT; pick: (text: Text) => string } {
  const { locale, pick } = useI18n();
  const t = useCallback<RoomT>((key, params) => roomText(locale, key, params), [locale]);
  return { locale, t, pick };
}
