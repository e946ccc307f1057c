'use client';

import { useI18n } from '@/components/i18n/i18n-provider';
import { buttonClass } from '@/components/ui/styles';
import type { ExamRequest, ExamStatus } from '@/lib/contract';

const SCENE_ICON = { waiting: '○', playing: '▶', done: '✓' } as const;

/**
 * The "test my code" flow: start the fixed fault script on this session's
 * endpoint, watch which scene is playing to which of the code's requests, and
 * stop it. The card below fills in as the scenes play.
 */
export function ClientReportExam({ exam, busy, onAction }: { exam: ExamStatus; busy: boolean; onAction: (request: ExamRequest) => void }) {
  const { t, pick } = useI18n();
  const total = exam.scenes.length;
  const running = exam.state === 'running';
  return (
    <section aria-labelledby="grade-exam-title" className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid="exam" data-state={exam.state}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="grade-exam-title" className="text-lg font-semibold">
          {t('grade.exam.title')}
        </h3>
        <div className="flex gap-2">
          <button type="button" className={buttonClass('primary')} disabled={busy} onClick={() => onAction({ action: 'start' })}>
            {exam.state === 'idle' ? t('grade.exam.start') : t('grade.exam.restart')}
          </button>
          {running ? (
            <button type="button" className={buttonClass('secondary')} disabled={busy} onClick={() => onAction({ action: 'stop' })}>
              {t('grade.exam.stop')}
            </button>
          ) : null}
        </div>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('grade.exam.intro', { total })}</p>
      <p className="text-base font-medium" role="status" aria-live="polite" data-testid="exam-hint">
        {t(`grade.exam.state.${exam.state}`)} · {t('grade.exam.progress', { done: exam.done, total })} — {pick(exam.hint)}
      </p>
      <ol className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
        {exam.scenes.map((s, i) => (
          <li key={s.id} className="flex items-baseline gap-2" data-testid={`scene-${s.id}`} data-state={s.state}>
            <span aria-hidden="true" className={s.state === 'done' ? 'text-emerald-700 dark:text-emerald-400' : s.state === 'playing' ? 'text-sky-700 dark:text-sky-400' : 'text-slate-400'}>
              {SCENE_ICON[s.state]}
            </span>
            <span>
              {i + 1}. {pick(s.title)}{' '}
              <span className="text-slate-500">
                ({t(`grade.exam.scene.${s.state}`)}
                {s.logical !== null ? ` · ${t('grade.exam.scene.request', { id: s.logical })}` : ''})
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
