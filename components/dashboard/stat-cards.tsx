'use client';

import { useT } from '@/components/i18n/i18n-provider';
import type { MessageKey } from '@/lib/i18n/messages';
import type { StatsSnapshot } from '@/lib/contract';
import { formatCount, formatPercent } from './format';
import { useSandboxState } from './sandbox-provider';

interface Card {
  key: MessageKey;
  value: (s: StatsSnapshot) => string;
  /** Accent colour of the card's top edge (a palette variable). */
  accent: string;
}

/** The lesson's `get_stats()`, in its order. */
const CARDS: Card[] = [
  { key: 'stats.total', value: (s) => formatCount(s.total_requests), accent: 'var(--accent)' },
  { key: 'stats.successful', value: (s) => formatCount(s.successful_requests), accent: 'var(--api)' },
  { key: 'stats.failed', value: (s) => formatCount(s.failed_requests), accent: 'var(--error)' },
  { key: 'stats.cacheHits', value: (s) => formatCount(s.cache_hits), accent: 'var(--cache)' },
  { key: 'stats.breakerTrips', value: (s) => formatCount(s.circuit_breaker_trips), accent: 'var(--open)' },
  { key: 'stats.successRate', value: (s) => formatPercent(s.success_rate), accent: 'var(--api)' },
  { key: 'stats.cacheHitRate', value: (s) => formatPercent(s.cache_hit_rate), accent: 'var(--cache)' },
];

/**
 * The lesson's stats as big numbers. Each card is a labelled group, so tests
 * and screen readers find "总请求数" and read its value.
 */
export function StatCards() {
  const t = useT();
  const stats = useSandboxState((s) => s.stats);
  return (
    <section aria-label={t('stats.title')}>
      <ul className="grid grid-cols-4 gap-3 xl:grid-cols-7">
        {CARDS.map((card) => (
          <li
            key={card.key}
            role="group"
            aria-label={t(card.key)}
            className="rounded-xl border border-t-4 border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-700 dark:bg-slate-900"
            style={{ borderTopColor: card.accent }}
          >
            <div className="text-sm text-slate-600 dark:text-slate-400">{t(card.key)}</div>
            <div className="text-3xl font-bold tabular-nums" data-testid={`stat-${card.key.slice(6)}`}>
              {stats ? card.value(stats) : '–'}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
