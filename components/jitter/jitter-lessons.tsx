'use client';

import { buttonClass, panelClass } from '@/components/ui/styles';
import type { JitterMessageKey } from './messages';
import { useJitterT } from './use-jitter-t';

const BLOCKS: readonly { title: JitterMessageKey; body: JitterMessageKey }[] = [
  { title: 'lessons.brooker.title', body: 'lessons.brooker.body' },
  { title: 'lessons.lesson.title', body: 'lessons.lesson.body' },
  { title: 'lessons.budget.title', body: 'lessons.budget.body' },
];

/**
 * The teaching text: Brooker's 2015 findings, the lesson's claim and its
 * correction, and Brooker's 2022 point about budgets — with a button that sets
 * up the experiment that shows it (API model, budget on).
 */
export function JitterLessons({ onTryBudget }: { onTryBudget: () => void }) {
  const { t } = useJitterT();
  return (
    <section className={`${panelClass} flex flex-col gap-4`} aria-labelledby="jitter-lessons-title" data-testid="jitter-lessons">
      <h2 id="jitter-lessons-title" className="text-2xl font-semibold">
        {t('lessons.title')}
      </h2>
      <div className="grid gap-6 lg:grid-cols-3">
        {BLOCKS.map((b) => (
          <article key={b.title} className="flex flex-col gap-2">
            <h3 className="text-xl font-semibold">{t(b.title)}</h3>
            <p className="text-lg leading-relaxed">{t(b.body)}</p>
            {b.body === 'lessons.budget.body' ? (
              <button type="button" className={`${buttonClass('primary')} self-start`} onClick={onTryBudget} data-testid="try-budget">
                {t('lessons.budget.try')}
              </button>
            ) : null}
          </article>
        ))}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('lessons.sources')}</p>
    </section>
  );
}
