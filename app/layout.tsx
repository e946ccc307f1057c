import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { I18nProvider } from '@/components/i18n/i18n-provider';
import { parseTheme, THEME_COOKIE } from '@/components/theme/theme';
import { ThemeProvider } from '@/components/theme/theme-toggle';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n/locale';
import './globals.css';

const TITLE = 'LLM API 错误处理沙盒 · Lesson 19 sandbox';
// Chinese first (the course's language), then English, in one string: link previews show one description.
const DESCRIPTION =
  '第 19 课：故意让 OpenAI 兼容的 API 出错，看重试、指数退避、抖动、熔断器和降级如何应对。' +
  ' Make an OpenAI-compatible API fail on purpose and watch retries, backoff, jitter, a circuit breaker and fallbacks cope.';

/**
 * Where the sandbox is served, for absolute URLs in link previews (og:image must be absolute).
 * `SITE_URL`, e.g. `https://sandbox.example.edu`; default `http://localhost:3000`. A malformed
 * value falls back to the default rather than failing every page.
 */
function siteUrl(): URL {
  try {
    return new URL(process.env.SITE_URL || 'http://localhost:3000');
  } catch {
    return new URL('http://localhost:3000');
  }
}

export const metadata: Metadata = {
  metadataBase: siteUrl(),
  title: TITLE,
  description: DESCRIPTION,
  applicationName: 'LLM API 错误处理沙盒',
  // Files in public/: the SVG for current browsers, the ICO for those that ask for /favicon.ico.
  icons: {
    icon: [
      { url: '/favicon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
    ],
    apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
  },
  openGraph: {
    type: 'website',
    siteName: 'LLM API 错误处理沙盒 · LLM API error-handling sandbox',
    title: TITLE,
    description: DESCRIPTION,
    locale: 'zh_CN',
    alternateLocale: ['en_US'],
    images: [{ url: '/og.png', width: 1200, height: 630, alt: 'LLM API 错误处理沙盒：重试、指数退避 + 抖动、熔断器、降级 · LLM API error-handling sandbox' }],
  },
  twitter: {
    card: 'summary_large_image',
    title: TITLE,
    description: DESCRIPTION,
    images: ['/og.png'],
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
