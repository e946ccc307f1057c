'use client';

import { useRef, type ReactNode } from 'react';
import { useInView, useStaggered } from './use-staggered';

/**
 * A heavy view that redraws on its own turn and only while on screen:
 * `render(props)` is called with {@link useStaggered} props, paused while the
 * wrapper is scrolled out of view (a chart nobody sees need not redraw; it
 * catches up when it scrolls back in). `render` should return a memoised component.
 * While it shows older data than it was given, the wrapper carries
 * `data-stale="true"` (tests wait for it to go before a screenshot).
 */
export function StaggeredView<P>({ props, render, className }: { props: P; render: (props: P) => ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const inView = useInView(ref);
  const shown = useStaggered(props, { paused: !inView });
  return (
    <div ref={ref} className={className} data-stale={Object.is(shown, props) ? undefined : 'true'}>
      {render(shown)}
    </div>
  );
}
