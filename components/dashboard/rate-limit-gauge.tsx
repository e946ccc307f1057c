'use client';

import { useEffect, useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import type { RateLimitReport, RateLimitView } from '@/lib/contract';
import { useSandboxState } from './sandbox-provider';

/** How often the gauge asks for the windows while a limit is enforced, in ms of page time. */
export const RATE_LIMIT_POLL_MS = 1000;

/** Poll `GET /api/sandbox/{id}/ratelimit` while `active`; `null` until the first answer. */
function useRateLimitReport(sessionId: string | null, active: boolean, refreshKey: unknown): RateLimitReport | null {
  const [report, setReport] = useState<RateLimitReport | null>(null);
  useEffect(() => {
    if (!sessionId || !active) return;
    let cancelled = false;
    const read = () =>
      fetch(`/api/sandbox/${encodeURIComponent(sessionId)}/ratelimit`, { cache: 'no-store' })
        .then((r) => (r.ok ? (r.json() as Promise<RateLimitReport>) : null))
        .then((next) => !cancelled && next && setReport(next))
        .catch(() => {});
    void read();
    const id = setInterval(read, RATE_LIMIT_POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(id);
    };
  }, [sessionId, active, refreshKey]);
  return active ? report : null;
}

/** One budget as a bar: what is left of the limit. */
function Bar({ label, remaining, limit }: { label: string; remaining: number; limit: number }) {
  const share = limit > 0 ? Math.max(0, Math.min(1, remaining / limit)) : 0;
  const colour = share > 0.5 ? 'bg-emerald-600' : share > 0.2 ? 'bg-amber-500' : 'bg-orange-600';
  return (
    <div className="flex flex-col gap-0.5">
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        <span className="font-mono tabular-nums">
          {remaining} / {limit}
        </span>
      </div>
      <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={remaining} className="h-3 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <div className={`h-full ${colour}`} style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

/** The two budgets of one window and when it resets. */
export function RateLimitBars({ title, view }: { title: string; view: RateLimitView }) {
  const t = useT();
  return (
    <div className="flex flex-col gap-1.5" data-testid="rate-limit-window">
      <span className="text-sm font-medium">{title}</span>
      <Bar label={t('rateLimit.requests')} remaining={view.remainingRequests} limit={view.limitRequests} />
      <Bar label={t('rateLimit.tokens')} remaining={view.remainingTokens} limit={view.limitTokens} />
      <span className="text-xs text-slate-500">{t('rateLimit.reset', { s: Math.ceil(view.resetMs / 1000) })}</span>
    </div>
  );
}

/**
 * The remaining per-minute budget, as the `x-ratelimit-*` headers report it,
 * shown while the scenario enforces a `rate-limit-window`: the window of the
 * session's own endpoint (a student's code) and, when the server exposes it,
 * of the dashboard's requests.
 */
export function RateLimitGauge() {
  const t = useT();
  const sessionId = useSandboxState((s) => s.session?.id ?? null);
  const scenario = useSandboxState((s) => s.session?.scenario ?? null);
  const generation = useSandboxState((s) => s.session?.generation ?? 0);
  const enforced = scenario?.primary.rules.some((r) => r.fault === 'rate-limit-window') ?? false;
  const report = useRateLimitReport(sessionId, enforced, generation);
  if (!enforced) return null;
  return (
    <section aria-labelledby="rate-limit-title" className="flex flex-col gap-2" data-testid="rate-limit-gauge">
      <h3 id="rate-limit-title" className="text-base font-semibold">
        {t('rateLimit.title')}
      </h3>
      {!report ? <p className="text-sm text-slate-500">{t('rateLimit.loading')}</p> : null}
      {report?.primary ? <RateLimitBars title={t('rateLimit.primary')} view={report.primary} /> : null}
      {report ? <RateLimitBars title={t('rateLimit.endpoint')} view={report.endpoint} /> : null}
      <p className="text-xs text-slate-500">{t('rateLimit.note')}</p>
    </section>
  );
}
