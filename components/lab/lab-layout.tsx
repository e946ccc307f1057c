import type { ReactNode } from 'react';

/** Tailwind needs whole class names in the source, so the variants are spelled out. */
const CONTROLS_WIDTH = { '20rem': 'lg:grid-cols-[20rem_minmax(0,1fr)]', '21rem': 'lg:grid-cols-[21rem_minmax(0,1fr)]' } as const;
const RESULTS_GAP = { 6: 'gap-6', 8: 'gap-8' } as const;

/**
 * A lab's page body: on a large screen the controls on the left (sticky, so
 * they stay in reach while the charts scroll) and the results on the right;
 * the teaching text underneath. On a narrow screen everything stacks.
 * @param controlsWidth the controls column on a large screen.
 * @param resultsGap the space between the result panels.
 */
export function LabLayout({
  controls,
  children,
  lessons,
  controlsWidth,
  resultsGap,
}: {
  controls: ReactNode;
  /** The results column. */
  children: ReactNode;
  lessons: ReactNode;
  controlsWidth: keyof typeof CONTROLS_WIDTH;
  resultsGap: keyof typeof RESULTS_GAP;
}) {
  return (
    <div className="flex flex-col gap-8">
      <div className={`grid items-start gap-6 ${CONTROLS_WIDTH[controlsWidth]}`}>
        <div className="lg:sticky lg:top-4">{controls}</div>
        <div className={`flex min-w-0 flex-col ${RESULTS_GAP[resultsGap]}`}>{children}</div>
      </div>
      {lessons}
    </div>
  );
}
