/**
 * A lab's own strings, in Chinese (the course's language) and English, and the
 * lookup over them. Each lab keeps its table in its own messages.ts, apart from
 * lib/i18n/messages.ts (the dashboard's catalogue), so the pages grow
 * independently; the Chinese table is the source of truth (its keys make the
 * lab's key type) and the English one is typed `Record<Key, string>`, so a
 * missing key fails `tsc`. Placeholders are `{name}`.
 */
import { fillPlaceholders, type Locale, type MessageParams } from '@/lib/i18n/locale';

/** Both tables of a lab, by locale. */
export type MessageTable<K extends string> = Record<Locale, Record<K, string>>;

/** The message `key` in `locale`, with `{name}` placeholders filled from `params` (an unknown one stays visible). */
export type MessageLookup<K extends string> = (locale: Locale, key: K, params?: MessageParams) => string;

/** The lookup function over `table`. */
export function messageLookup<K extends string>(table: MessageTable<K>): MessageLookup<K> {
  return (locale, key, params) => fillPlaceholders(table[locale][key], params);
}
