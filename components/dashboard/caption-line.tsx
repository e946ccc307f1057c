'use client';

import { useMemo } from 'react';
import { translatorFor, useI18n } from '@/components/i18n/i18n-provider';
import { currentCaption } from './caption';
import { useSandboxState } from './sandbox-provider';

/**
 * One line that narrates what just happened, in the lesson's words (see
 * caption.ts), announced politely to screen readers. `large`: projector size.
 */
export function CaptionLine({ large = false }: { large?: boolean }) {
  const { locale, t } = useI18n();
  const transitions = useSandboxState((s) => s.transitions);
  const retries = useSandboxState((s) => s.retries);
  const records = useSandboxState((s) => s.records);
  const script = useSandboxState((s) => s.script);
  const clock = useSandboxState((s) => s.clock);
  const session = useSandboxState((s) => s.session);
  const caption = useMemo(
    () => currentCaption({ transitions, retries, records, script, clock, session }, translatorFor(locale)),
    [transitions, retries, records, script, clock, session, locale],
  );
  return (
    <div
      className={`flex items-center gap-3 rounded-xl border-l-8 bg-white px-4 shadow-sm dark:bg-slate-900 ${large ? 'py-2' : 'py-2'} ${caption?.major ? 'border-[var(--open)]' : 'border-[var(--accent)]'}`}
    >
      <span className={`shrink-0 font-semibold text-slate-600 dark:text-slate-300 ${large ? 'text-base' : 'text-sm'}`}>{t('caption.label')}</span>
      <p aria-live="polite" className={`min-w-0 truncate font-bold ${large ? 'text-2xl' : 'text-lg'}`} data-testid="caption" data-kind={caption?.kind ?? 'idle'}>
        {caption?.text ?? t('caption.idle')}
      </p>
    </div>
  );
}
