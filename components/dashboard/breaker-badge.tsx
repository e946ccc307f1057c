'use client';

import { useEffect, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import type { BreakerStateKind } from '@/lib/contract';
import { useSandboxState } from './sandbox-provider';

/** Palette variable of each breaker state (Okabe–Ito, see app/globals.css). Always shown with a text label. */
export const BREAKER_COLOR: Record<BreakerStateKind, string> = {
  closed: 'var(--closed)',
  'half-open': 'var(--half-open)',
  open: 'var(--open)',
  isolated: 'var(--open)',
};

/** A second cue besides colour: a shape per state. */
export const BREAKER_SHAPE: Record<BreakerStateKind, string> = { closed: '●', 'half-open': '◐', open: '■', isolated: '■' };

/** Page time, refreshed every `everyMs` while `active` (for countdowns). */
function useTicker(active: boolean, everyMs: number): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(performance.now()), everyMs);
    return () => clearInterval(id);
  }, [active, everyMs]);
  return now;
}

/** A small state chip, e.g. in the inspector: shape + colour + the uppercase word. */
export function BreakerChip({ kind }: { kind: BreakerStateKind }) {
  const t = useT();
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-current" style={{ color: BREAKER_COLOR[kind] }}>
      <span aria-hidden="true">{BREAKER_SHAPE[kind]}</span>
      <span className="text-slate-900 dark:text-slate-100">{t(`breaker.${kind}`)}</span>
    </span>
  );
}

/**
 * The breaker's current state, big, for the header: "熔断器 OPEN（开路）".
 * While open it also counts down to HALF_OPEN on the (estimated) sandbox clock.
 */
export function BreakerBadge({ large = false }: { large?: boolean }) {
  const t = useT();
  const breaker = useSandboxState((s) => s.breaker);
  const enabled = useSandboxState((s) => s.session?.policy.breaker.enabled ?? true);
  const clock = useSandboxState((s) => s.clock);
  const speed = useSandboxState((s) => s.session?.speed ?? 1);
  const open = breaker.kind === 'open' && breaker.halfOpenAt !== null;
  const wall = useTicker(open, 250);
  // Sandbox "now" is estimated from the last event: it runs at `speed` × real time.
  const remaining = open && wall > 0 ? breaker.halfOpenAt! - (clock.at + Math.max(0, wall - clock.wall) * speed) : null;

  return (
    <div className="flex items-center gap-3">
      <div
        role="status"
        aria-label={t('breaker.title')}
        data-state={breaker.kind}
        data-testid="breaker-state"
        className={`flex items-center gap-2 rounded-lg border-2 px-3 py-1.5 font-bold ${large ? 'text-xl' : 'text-lg'}`}
        style={{ borderColor: BREAKER_COLOR[breaker.kind] }}
      >
        <span aria-hidden="true" style={{ color: BREAKER_COLOR[breaker.kind] }}>
          {BREAKER_SHAPE[breaker.kind]}
        </span>
        <span>
          {t('breaker.title')} {t(`breaker.${breaker.kind}`)}
        </span>
      </div>
      {!enabled ? <span className={`text-slate-600 dark:text-slate-400 ${large ? 'text-base' : 'text-sm'}`}>{t('breaker.disabled')}</span> : null}
      {remaining !== null && remaining > 0 ? (
        <span className={`tabular-nums text-slate-600 dark:text-slate-400 ${large ? 'text-base' : 'text-sm'}`}>{t('breaker.halfOpenIn', { s: (remaining / 1000).toFixed(1) })}</span>
      ) : null}
    </div>
  );
}
