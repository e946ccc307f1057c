'use client';

import { useT } from '@/components/i18n/i18n-provider';
import type { MessageKey } from '@/lib/i18n/messages';
import type { StatsSnapshot } from '@/lib/contract';
import { formatCount, formatPercent } from './format';
import { formatTimes, layeredWarning } from './layered-retries';
import { useSandboxState } from './sandbox-provider';

/** One stat card: its label, how its value is read, and a note on what it counts. */
export interface StatCard {
  key: MessageKey;
  value: (s: StatsSnapshot) => string;
  /** A rate: shown as "–" until the first request (0 of 0 is no rate). */
  rate?: boolean;
  /** What the number counts, when its name alone misleads. */
  note?: MessageKey;
  /** Accent colour of the card's top edge (a palette variable). */
  accent: string;
}

/** The lesson's `get_stats()`, in its order and with its definitions. */
export const LESSON_CARDS: StatCard[] = [
  { key: 'stats.total', value: (s) => formatCount(s.total_requests), accent: 'var(--accent)' },
  { key: 'stats.successful', value: (s) => formatCount(s.successful_requests), accent: 'var(--api)' },
  { key: 'stats.failed', value: (s) => formatCount(s.failed_requests), accent: 'var(--error)' },
  { key: 'stats.cacheHits', value: (s) => formatCount(s.cache_hits), accent: 'var(--cache)' },
  { key: 'stats.breakerTrips', value: (s) => formatCount(s.circuit_breaker_trips), note: 'stats.breakerTripsNote', accent: 'var(--open)' },
  { key: 'stats.successRate', value: (s) => formatPercent(s.success_rate), rate: true, note: 'stats.successRateNote', accent: 'var(--api)' },
  { key: 'stats.cacheHitRate', value: (s) => formatPercent(s.cache_hit_rate), rate: true, accent: 'var(--cache)' },
];

/**
 * The true figures beside the lesson's misleading two: how often the breaker opened, how many
 * requests got any answer, and how many upstream calls each of the service's attempts really
 * cost (×1.0 unless the SDK retries under it: the layered-retries mistake).
 */
export const TRUE_CARDS: StatCard[] = [
  { key: 'stats.breakerOpens', value: (s) => formatCount(s.breaker_opens), note: 'stats.breakerOpensNote', accent: 'var(--open)' },
  { key: 'stats.answeredRate', value: (s) => formatPercent(s.answered_rate), rate: true, note: 'stats.answeredRateNote', accent: 'var(--closed)' },
  { key: 'stats.amplification', value: (s) => formatTimes(s.amplification), note: 'stats.amplificationNote', accent: 'var(--error)' },
];

/** A card's value, or "–" when there is nothing to show yet (no stats, or a rate before any request). */
export function cardValue(card: StatCard, stats: StatsSnapshot | null): string {
  if (!stats || (card.rate && stats.total_requests === 0)) return '–';
  return card.value(stats);
}

function Card({ card, stats, tag, compact }: { card: StatCard; stats: StatsSnapshot | null; tag: string; compact: boolean }) {
  const t = useT();
  return (
    <li
      role="group"
      aria-label={t(card.key)}
      className={`rounded-xl border border-t-4 border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900 ${compact ? 'px-3 py-2' : 'px-4 py-3'}`}
      style={{ borderTopColor: card.accent }}
    >
      <div className="text-sm text-slate-600 dark:text-slate-300">{t(card.key)}</div>
      {/* text-2xl until 2xl: ten cards share a laptop's width, and "100.00%" must fit in one. */}
      <div className={`font-bold tabular-nums ${compact ? 'text-2xl' : 'text-2xl 2xl:text-3xl'}`} data-testid={`stat-${card.key.slice(6)}`}>
        {cardValue(card, stats)}
      </div>
      {card.note && !compact ? (
        <div className="text-xs text-slate-500 dark:text-slate-400">
          {tag}：{t(card.note)}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The lesson's stats as big numbers, labelled as the lesson's definitions,
 * beside the true figures, with one line on why they differ. Each card is a
 * labelled group, so tests and screen readers find "总请求数" and read its value.
 * `compact`: the presenter view's short version (the two misleading figures and their true ones).
 */
export function StatCards({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const stats = useSandboxState((s) => s.stats);
  if (compact) {
    // The lesson's success rate beside the true answered rate, and how often the breaker really opened.
    const cards = [LESSON_CARDS[5]!, TRUE_CARDS[1]!, TRUE_CARDS[0]!];
    return (
      <section aria-label={t('stats.title')}>
        <ul className="grid grid-cols-3 gap-2">
          {cards.map((card) => (
            <Card key={card.key} card={card} stats={stats} tag="" compact />
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section aria-label={t('stats.title')} className="flex flex-col gap-2">
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div>
          <h2 className="mb-1 text-sm font-semibold text-slate-600 dark:text-slate-400">{t('stats.lessonGroup')}</h2>
          <ul className="grid grid-cols-4 gap-3 xl:grid-cols-7">
            {LESSON_CARDS.map((card) => (
              <Card key={card.key} card={card} stats={stats} tag={t('stats.lessonTag')} compact={false} />
            ))}
          </ul>
        </div>
        <div>
          <h2 className="mb-1 text-sm font-semibold text-slate-600 dark:text-slate-400">{t('stats.trueGroup')}</h2>
          <ul className="grid grid-cols-3 gap-3">
            {TRUE_CARDS.map((card) => (
              <Card key={card.key} card={card} stats={stats} tag={t('stats.trueTag')} compact={false} />
            ))}
          </ul>
        </div>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="stats-why">
        {t('stats.why')}
      </p>
      <LayeredWarningLine />
    </section>
  );
}

/** The named mistake, when the amplification card shows more than one call per attempt. */
function LayeredWarningLine() {
  const t = useT();
  const amplification = useSandboxState((s) => s.stats?.amplification ?? null);
  const maxRetries = useSandboxState((s) => s.session?.policy.retry.maxRetries ?? null);
  const sdkMaxRetries = useSandboxState((s) => s.session?.policy.retry.sdkMaxRetries ?? 0);
  const warning = layeredWarning(amplification === null ? null : { amplification }, maxRetries === null ? null : { maxRetries, sdkMaxRetries });
  if (!warning) return null;
  return (
    <p role="status" className="rounded-lg border border-orange-300 bg-orange-50 px-3 py-2 text-base text-orange-900 dark:border-orange-700 dark:bg-orange-950 dark:text-orange-200" data-testid="layered-warning" data-kind={warning.kind}>
      <span className="font-semibold">
        {warning.kind === 'now'
          ? t('stats.layered.now', { sdk: warning.sdk, attempts: warning.attempts, n: warning.max })
          : t('stats.layered.past', { x: formatTimes(warning.amplification) })}
      </span>{' '}
      {warning.kind === 'now' ? t('stats.layered.fix') : null}
    </p>
  );
}
