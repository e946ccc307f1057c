/**
 * Light or dark: the `dark` class on <html> switches Tailwind's `dark:` variant
 * (configured in app/globals.css). The choice lives in a cookie so the server
 * renders the right class and there is no flash on load. Default light: it
 * reads best on most classroom projectors.
 */
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Name of the cookie the toggle writes. */
export const THEME_COOKIE = 'theme';

/** The theme named by a cookie value; light when missing or unknown. */
export function parseTheme(value: string | null | undefined): Theme {
  return value === 'dark' ? 'dark' : 'light';
}
