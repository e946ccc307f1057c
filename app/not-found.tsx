import Link from 'next/link';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n/locale';
import { translate } from '@/lib/i18n/messages';

/** The 404 page, in the visitor's language (the `lang` cookie, then Accept-Language), like every other page. */
export default async function NotFound() {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(headerStore.get('accept-language'), cookieStore.get(LOCALE_COOKIE)?.value);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-4 p-8">
      <h1 className="text-3xl font-bold">{t('notFound.title')}</h1>
      <p className="text-lg text-slate-700 dark:text-slate-300">{t('notFound.body')}</p>
      <div className="flex gap-4 text-lg">
        <Link href="/" className="font-medium text-[var(--accent)] underline underline-offset-4">
          {t('notFound.home')}
        </Link>
        <Link href="/jitter" className="font-medium text-[var(--accent)] underline underline-offset-4">
          {t('notFound.jitter')}
        </Link>
      </div>
    </main>
  );
}
