'use client';

import { panelClass } from '@/components/ui/styles';
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
    <section className={`${panelClass} flex flex-col gap-4`} aria-labelledby="storm-lessons-title" data-testid="storm-lessons">
      <h2 id="storm-lessons-title" className="text-2xl font-semibold">
        {t('lessons.title')}
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        {BLOCKS.map((b) => (
          <article key={b.title} className="flex flex-col gap-2">
            <h3 className="text-xl font-semibold">{t(b.title)}</h3>
            <p className="text-lg leading-relaxed">{t(b.body)}</p>
          </article>
        ))}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('lessons.sources')}</p>
    </section>
  );
}
