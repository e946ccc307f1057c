import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { I18nProvider } from '@/components/i18n/i18n-provider';
import { parseTheme, THEME_COOKIE } from '@/components/theme/theme';
import { ThemeProvider } from '@/components/theme/theme-toggle';
import { LOCALE_COOKIE, pickLocale, type Locale } from '@/lib/i18n/locale';
import { translate } from '@/lib/i18n/messages';
import './globals.css';

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

/** The visitor's language, decided as for the page itself (the `lang` cookie, then Accept-Language). */
async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return pickLocale(headerStore.get('accept-language'), cookieStore.get(LOCALE_COOKIE)?.value);
}

/**
 * Title and description in the visitor's language: a Chinese page carries no
 * English in its meta tags, an English one no Chinese (issue 12).
 */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  const title = translate(locale, 'meta.title');
  const description = translate(locale, 'meta.description');
  return {
    metadataBase: siteUrl(),
    title,
    description,
    applicationName: translate(locale, 'app.title'),
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
      siteName: translate(locale, 'app.title'),
      title,
      description,
      locale: locale === 'en' ? 'en_US' : 'zh_CN',
      alternateLocale: [locale === 'en' ? 'zh_CN' : 'en_US'],
      images: [{ url: '/og.png', width: 1200, height: 630, alt: translate(locale, 'meta.ogAlt') }],
    },
    twitter: {
      card: 'summary_large_image',
      title,
      description,
      images: ['/og.png'],
    },
  };
}

/**
 * The language (the `lang` cookie, else Accept-Language) and the theme (the
 * `theme` cookie) are decided here, on the server, so the first paint is
 * already right: no flash of the other language or of the light theme.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const cookieStore = await cookies();
  const locale = await requestLocale();
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
