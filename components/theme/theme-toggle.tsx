'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { THEME_COOKIE, type Theme } from './theme';

const ThemeContext = createContext<{ theme: Theme; setTheme: (t: Theme) => void } | null>(null);

/**
 * Holds the theme the server rendered (from the `theme` cookie), so the toggle's
 * first render matches the page. Put it in the root layout.
 */
export function ThemeProvider({ initialTheme, children }: { initialTheme: Theme; children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(initialTheme);
  const setTheme = (next: Theme) => {
    setThemeState(next);
    const root = document.documentElement;
    root.classList.toggle('dark', next === 'dark');
    root.style.colorScheme = next;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
  };
  return <ThemeContext.Provider value={{ theme, setTheme }}>{children}</ThemeContext.Provider>;
}

/** The current theme and its setter. */
export function useTheme() {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useTheme() must be used inside <ThemeProvider>');
  return value;
}

/** A button that flips light ↔ dark; `aria-pressed` is true in the dark theme. */
export function ThemeToggle({ className = '' }: { className?: string }) {
  const t = useT();
  const { theme, setTheme } = useTheme();
  const dark = theme === 'dark';
  return (
    <button type="button" className={className} onClick={() => setTheme(dark ? 'light' : 'dark')} aria-label={t('theme.label')} aria-pressed={dark} data-testid="theme-toggle">
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span> {dark ? t('theme.toLight') : t('theme.toDark')}
    </button>
  );
}
