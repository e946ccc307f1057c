import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { I18nProvider } from '@/components/i18n/i18n-provider';
import { parseTheme, THEME_COOKIE } from '@/components/theme/theme';
import { ThemeProvider } from '@/components/theme/theme-toggle';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n/locale';
import './globals.css';

export const metadata: Metadata = {
  title: 'LLM API 错误处理沙盒 · Lesson 19 sandbox',
  description: 'Make an OpenAI-compatible API fail on purpose and watch retries, backoff, jitter, a circuit breaker and fallbacks cope.',
  // An inline icon: no request for /favicon.ico, so no 404 in the console.
  icons: {
    icon: `data:image/svg+xml,${encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0072b2"/><path d="M9 22 L16 8 L23 22" stroke="#fff" stroke-width="3" fill="none"/><circle cx="16" cy="22" r="3" fill="#e69f00"/></svg>',
    )}`,
  },
};

/**
 * The language (the `lang` cookie, else Accept-Language) and the theme (the
 * `theme` cookie) are decided here, on the server, so the first paint is
 * already right: no flash of the other language or of the light theme.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(headerStore.get('accept-language'), cookieStore.get(LOCALE_COOKIE)?.value);
  const theme = parseTheme(cookieStore.get(THEME_COOKIE)?.value);
  return (
    <html lang={locale} className={theme === 'dark' ? 'dark' : undefined} style={{ colorScheme: theme }} suppressHydrationWarning>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <I18nProvider initialLocale={locale}>
          <ThemeProvider initialTheme={theme}>{children}</ThemeProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
