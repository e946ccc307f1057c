'use client';

import { useT } from '@/components/i18n/i18n-provider';
import { buttonClass, panelClass } from '@/components/ui/styles';
import type { MessageKey } from '@/lib/i18n/messages';
import { answeredPresets, LAB_TASK_IDS, RETRYABLE_NEEDED, type LabTaskId } from './lab-tasks';
import { useLab } from './use-lab';

/**
 * The lesson's five 课后检验 as a checklist that ticks itself from the
 * student's own runs. An open task says what to try; progress stays in this
 * browser (per task) until "reset".
 */
export function LabPanel() {
  const t = useT();
  const { progress, reset } = useLab();
  const doneCount = LAB_TASK_IDS.filter((id) => progress.done[id] !== undefined).length;
  const detail = (id: LabTaskId) =>
    id === 't1'
      ? t('lab.t1.progress', { n: Math.min(RETRYABLE_NEEDED, answeredPresets(progress).length), auth: progress.auth.requests > 0 && !progress.auth.retried ? t('lab.yes') : t('lab.no') })
      : null;
  return (
    <section aria-labelledby="lab-title" className={`${panelClass} flex flex-col gap-3`} data-testid="lab">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="lab-title" className="text-xl font-bold">
            {t('lab.title')}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('lab.subtitle')}</p>
        </div>
        <div className="flex items-center gap-2">
          <span className="text-base font-semibold tabular-nums" data-testid="lab-progress">
            {t('lab.progress', { n: doneCount, total: LAB_TASK_IDS.length })}
          </span>
          <button type="button" className={buttonClass('ghost')} onClick={reset}>
            {t('lab.reset')}
          </button>
        </div>
      </div>
      <ol className="flex flex-col gap-2">
        {LAB_TASK_IDS.map((id) => {
          const done = progress.done[id] !== undefined;
          const more = detail(id);
          return (
            <li
              key={id}
              data-testid={`lab-task-${id}`}
              data-done={done ? 'true' : 'false'}
              className={`rounded-lg border p-3 ${done ? 'border-emerald-700 bg-emerald-50 dark:border-emerald-500 dark:bg-emerald-950' : 'border-slate-200 dark:border-slate-700'}`}
            >
              <div className="flex items-start gap-2">
                <span aria-hidden="true" className={`mt-0.5 text-lg ${done ? 'text-emerald-700 dark:text-emerald-400' : 'text-slate-400'}`}>
                  {done ? '✔' : '○'}
                </span>
                <div className="min-w-0">
                  <h3 className="font-semibold">
                    {t(`lab.${id}.title` as MessageKey)} <span className="sr-only">（{done ? t('lab.done') : t('lab.open')}）</span>
                  </h3>
                  <p className="text-base">{t(`lab.${id}.goal` as MessageKey)}</p>
                  {more ? <p className="text-sm tabular-nums text-slate-600 dark:text-slate-400">{more}</p> : null}
                  {!done ? (
                    <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                      <strong>{t('lab.try')}</strong>
                      {t(`lab.${id}.hint` as MessageKey)}
                    </p>
                  ) : null}
                </div>
                <span className={`ml-auto shrink-0 text-sm font-semibold ${done ? 'text-emerald-800 dark:text-emerald-300' : 'text-slate-500'}`} aria-hidden="true">
                  {done ? t('lab.done') : t('lab.open')}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
