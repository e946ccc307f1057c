'use client';

import type { ReactNode } from 'react';
import { panelClass } from '@/components/ui/styles';

/** One block of a lab's teaching text. */
export interface LessonBlock {
  /** Unique within the panel (e.g. the title's message key). */
  id: string;
  title: string;
  body: string;
  /** Under the text, e.g. a button that sets up the experiment the block describes. */
  action?: ReactNode;
}

/** Tailwind needs whole class names in the source, so the column counts are spelled out. */
const COLUMNS = { 2: 'lg:grid-cols-2', 3: 'lg:grid-cols-3' } as const;

/**
 * The teaching text under a lab: a titled panel of blocks side by side on a
 * wide screen, then the sources.
 * @param id the section's `data-testid`; its heading's id is `${id}-title`.
 * @param columns blocks per row on a large screen.
 */
export function LessonsPanel({ id, title, blocks, sources, columns }: { id: string; title: string; blocks: readonly LessonBlock[]; sources: string; columns: keyof typeof COLUMNS }) {
  return (
    <section className={`${panelClass} flex flex-col gap-4`} aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`} className="text-2xl font-semibold">
        {title}
      </h2>
      <div className={`grid gap-6 ${COLUMNS[columns]}`}>
        {blocks.map((b) => (
          <article key={b.id} className="flex flex-col gap-2">
            <h3 className="text-xl font-semibold">{b.title}</h3>
            <p className="text-lg leading-relaxed">{b.body}</p>
            {b.action}
          </article>
        ))}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">{sources}</p>
    </section>
  );
}
