'use client';

import { LessonsPanel } from '@/components/lab/lessons-panel';
import type { StormMessageKey } from './messages';
import { useStormT } from './use-storm-t';

const BLOCKS: readonly { title: StormMessageKey; body: StormMessageKey }[] = [
  { title: 'lessons.metastable.title', body: 'lessons.metastable.body' },
  { title: 'lessons.backoff.title', body: 'lessons.backoff.body' },
  { title: 'lessons.budget.title', body: 'lessons.budget.body' },
  { title: 'lessons.layers.title', body: 'lessons.layers.body' },
];

/** The teaching text: why the storm sustains itself, why backoff does not help, what does, and the hidden layers. */
export function StormLessons() {
  const { t } = useStormT();
  return (
    <LessonsPanel
      id="storm-lessons"
      title={t('lessons.title')}
      columns={2}
      blocks={BLOCKS.map((b) => ({ id: b.title, title: t(b.title), body: t(b.body) }))}
      sources={t('lessons.sources')}
    />
  );
}
