'use client';

import { memo } from 'react';
import type { BreakerStateKind, RoomDot } from '@/lib/contract';
import { useRoomT } from './use-room-t';

/** Palette variable of each breaker state (as the dashboard's badge), with a shape as the second cue. */
const COLOR: Record<BreakerStateKind, string> = { closed: 'var(--closed)', 'half-open': 'var(--half-open)', open: 'var(--open)', isolated: 'var(--open)' };
const SHAPE: Record<BreakerStateKind, string> = { closed: 'rounded-full', 'half-open': 'rounded-full ring-4 ring-inset ring-white/70', open: 'rounded-md', isolated: 'rounded-md' };

/**
 * Everyone in the room as an anonymous numbered dot, coloured and shaped by
 * its breaker: a circle while CLOSED, a ringed circle while HALF_OPEN, a square
 * while OPEN. Students are filled; simulated students have a dashed outline.
 * No name, id or message of anyone is ever shown.
 */
export const RoomDots = memo(function RoomDots({ dots }: { dots: readonly RoomDot[] }) {
  const { t } = useRoomT();
  const size = dots.length > 120 ? 'size-9 text-base' : 'size-12 text-lg';
  return (
    <section aria-labelledby="room-dots-title" className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="room-dots-title" className="text-2xl font-bold">
          {t('dots.title')}
        </h2>
        <ul className="flex flex-wrap gap-x-4 text-lg text-slate-700 dark:text-slate-300">
          {(['closed', 'half-open', 'open'] as const).map((k) => (
            <li key={k} className="flex items-center gap-1.5">
              <span aria-hidden="true" className={`inline-block size-4 ${SHAPE[k]}`} style={{ background: COLOR[k] }} />
              {t(`breaker.${k}`)}
            </li>
          ))}
          <li>{t('dots.legendStudents')}</li>
          <li>{t('dots.legendSimulated')}</li>
        </ul>
      </div>
      {dots.length === 0 ? (
        <p className="text-lg text-slate-600 dark:text-slate-300">{t('dots.empty')}</p>
      ) : (
        <ul className="flex flex-wrap gap-2" data-testid="room-dots">
          {dots.map((d) => {
            const who = t(d.kind === 'student' ? 'dots.student' : 'dots.simulated', { n: d.n });
            return (
              <li
                key={`${d.kind}-${d.n}`}
                aria-label={t('dots.label', { who, state: t(`breaker.${d.breaker}`), calls: d.callsPerS.toFixed(1), retry: `${Math.round(d.retryShare * 100)}%` })}
                title={t('dots.label', { who, state: t(`breaker.${d.breaker}`), calls: d.callsPerS.toFixed(1), retry: `${Math.round(d.retryShare * 100)}%` })}
                data-kind={d.kind}
                data-breaker={d.breaker}
                className={`flex ${size} items-center justify-center font-bold tabular-nums text-slate-950 ${SHAPE[d.breaker]} ${d.kind === 'simulated' ? 'border-[3px] border-dashed border-slate-900/60 dark:border-white/70' : ''}`}
                style={{ background: COLOR[d.breaker] }}
              >
                {d.n}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});
