'use client';

import { LessonsPanel } from '@/components/lab/lessons-panel';
import { buttonClass } from '@/components/ui/styles';
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
  const tryBudget = (
    <button type="button" className={`${buttonClass('primary')} self-start`} onClick={onTryBudget} data-testid="try-budget">
      {t('lessons.budget.try')}
    </button>
  );
  return (
    <LessonsPanel
      id="jitter-lessons"
      title={t('lessons.title')}
      columns={3}
      blocks={BLOCKS.map((b) => ({ id: b.title, title: t(b.title), body: t(b.body), action: b.body === 'lessons.budget.body' ? tryBudget : undefined }))}
      sources={t('lessons.sources')}
    />
  );
}
