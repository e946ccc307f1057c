'use client';

import { useI18n } from './i18n-provider';

/** A single button that flips between Chinese and English. Its label is written in the language it switches to. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className={className}
      onClick={() => setLocale(next)}
      aria-label={t('lang.switchToLabel')}
      lang={next}
      data-testid="language-switch"
    >
      {t('lang.switchTo')}
    </button>
  );
}
