'use client';

import { memo } from 'react';
import type { Translator } from '@/components/i18n/i18n-provider';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Layer, RequestRecord, TraceStep } from '@/lib/contract';
import { BreakerChip } from './breaker-badge';
import { formatDuration } from './format';
import { hiddenRetries, traceRows, type SdkCallStep } from './trace-rows';

const LAYER_COLOR: Record<Layer, string> = { cache: 'var(--cache)', primary: 'var(--api)', local: 'var(--local)', canned: 'var(--fallback)' };

/** Diagonal stripes over a wait's bar: a wait is time passing, not a call. */
const RETRY_STRIPES = 'repeating-linear-gradient(45deg, transparent 0 4px, rgba(0,0,0,.25) 4px 8px)';

/** How long a step lasted on the request's clock (attempts and waits take time; the rest are instants). */
function stepSpan(step: TraceStep): number {
  if (step.type === 'attempt') return step.durationMs;
  if (step.type === 'retry') return step.delayMs;
  return 0;
}

/** An SDK call failed (no answer, or an HTTP error): its marker is drawn in the error colour. */
function sdkCallFailed(step: SdkCallStep): boolean {
  return step.status === undefined || step.status >= 400;
}

/**
 * The waterfall of one request: every step on a shared time axis (a bar from
 * its start, as long as it lasted), what happened, the error the SDK would
 * raise, the delay chosen and its formula, and the breaker state at that step.
 * Under each attempt, the calls the SDK's own retry loop made for it (when its
 * `maxRetries` is above 0): the layered retries no log of the service shows.
 */
export const RequestWaterfall = memo(function RequestWaterfall({ record, tr }: { record: RequestRecord; tr: Translator }) {
  const { t, pick } = tr;
  const span = Math.max(1, record.latencyMs, ...record.trace.map((s) => s.at - record.startedAt + stepSpan(s)));
  const layerName = (layer: Layer) => t(`layer.${layer}`);

  const describe = (step: TraceStep) => {
    switch (step.type) {
      case 'cache':
        return t(step.hit ? 'step.cache.hit' : 'step.cache.miss');
      case 'attempt':
        // Only the primary's calls are numbered (they are what retries repeat); the local model is called once.
        return `${step.layer === 'primary' ? t('step.attempt', { n: step.attempt, layer: layerName(step.layer) }) : t('step.attemptLocal', { layer: layerName(step.layer) })} — ${t(step.ok ? 'step.attempt.ok' : 'step.attempt.failed', { ms: formatDuration(step.durationMs) })}`;
      case 'retry':
        return t('step.retry', { delay: formatDuration(step.delayMs), n: step.attempt });
      case 'give-up':
        return t('step.giveUp', { reason: t(`step.giveUp.${step.reason}` as MessageKey) });
      case 'breaker-rejected':
        return t('step.breakerRejected');
      case 'skipped':
        return t('step.skipped', { layer: layerName(step.layer) });
      case 'answer':
        return t('step.answer', { layer: layerName(step.layer) });
      case 'sdk-call':
        return describeSdkCall(step);
    }
  };

  function describeSdkCall(step: SdkCallStep): string {
    const who = step.n === 0 ? t('step.sdkCall.first') : t('step.sdkCall.hidden', { n: step.n });
    const what = step.status === undefined ? t('step.sdkCall.failed') : t('step.sdkCall.status', { status: step.status });
    return `${who} ${what}${step.retryInMs !== undefined ? ` · ${t('step.sdkCall.wait', { delay: formatDuration(step.retryInMs) })}` : ''}`;
  }
  const rows = traceRows(record.trace);

  return (
    <div className="flex flex-col gap-3" data-testid="request-waterfall">
      <h3 className="text-lg font-semibold">{t('inspector.waterfall', { id: record.id })}</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-slate-600 dark:text-slate-400">{t('inspector.col.message')}</dt>
        <dd>{record.message}</dd>
        <dt className="text-slate-600 dark:text-slate-400">{t('inspector.col.source')}</dt>
        <dd className="font-semibold">{t(`source.${record.source}`)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">{t('inspector.col.latency')}</dt>
        <dd className="tabular-nums">
          {formatDuration(record.latencyMs)} · {t('inspector.col.attempts')} {record.attempts}
          {record.upstreamCalls > record.attempts ? (
            <span className="font-semibold text-orange-800 dark:text-orange-300" data-testid="upstream-calls">
              {' '}
              · {t('inspector.upstreamCalls', { n: record.upstreamCalls })}
            </span>
          ) : null}
        </dd>
      </dl>
      <ol className="flex flex-col gap-2">
        {rows.map(({ step, sdkCalls }, i) => {
          const offset = step.at - record.startedAt;
          const length = stepSpan(step);
          const failed = (step.type === 'attempt' && !step.ok) || (step.type === 'sdk-call' && sdkCallFailed(step));
          const hidden = hiddenRetries(sdkCalls);
          return (
            <li key={i} className="rounded-lg border border-slate-200 p-2 dark:border-slate-700" data-step={step.type}>
              <div className="flex flex-wrap items-center gap-2">
                <span className="w-20 shrink-0 text-right font-mono text-sm tabular-nums text-slate-500">{t('inspector.atMs', { ms: formatDuration(offset) })}</span>
                <span className={`font-medium ${failed || step.type === 'breaker-rejected' || step.type === 'give-up' ? 'text-orange-800 dark:text-orange-300' : ''}`}>
                  {describe(step)}
                  {hidden > 0 ? <span className="ml-1 text-sm font-semibold">· {t('step.sdkCall.summary', { n: hidden })}</span> : null}
                </span>
                {'breaker' in step ? (
                  <span className="ml-auto inline-flex items-center gap-1 text-xs text-slate-500">
                    {t('inspector.breaker')} <BreakerChip kind={step.breaker} />
                  </span>
                ) : null}
              </div>
              {/* The bar: where in the request this step happened and how long it took. */}
              <div className="relative mt-1 h-2.5 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                <div
                  className={`absolute top-0 h-full rounded ${step.type === 'retry' ? 'opacity-50' : ''}`}
                  // One `background` shorthand (stripes, then the colour): setting `background` and
                  // `backgroundImage` together makes React warn on every re-render (issue 12).
                  style={{
                    left: `${(offset / span) * 100}%`,
                    width: length > 0 ? `max(3px, ${(length / span) * 100}%)` : '3px',
                    background: `${step.type === 'retry' ? `${RETRY_STRIPES}, ` : ''}${failed ? 'var(--error)' : LAYER_COLOR[step.layer]}`,
                  }}
                />
              </div>
              {step.type === 'attempt' && step.error ? (
                <div className="mt-1.5 pl-22 text-sm">
                  <code className="rounded bg-orange-50 px-1 font-semibold text-orange-900 dark:bg-orange-950 dark:text-orange-200">
                    {step.error.sdkClass}
                    {step.error.status !== undefined ? ` ${step.error.status}` : ''}
                    {step.error.code ? ` ${step.error.code}` : ''}
                  </code>{' '}
                  <span className="text-slate-600 dark:text-slate-400">· {t(step.error.retryable ? 'step.retryable' : 'step.notRetryable')}</span>
                  <p className="text-slate-700 dark:text-slate-300">{pick(step.error.why)}</p>
                  {/* The upstream's own words, verbatim: program output, in whatever language the API sent. */}
                  <samp className="block truncate font-sans text-xs text-slate-500" title={step.error.message}>
                    {step.error.message}
                  </samp>
                </div>
              ) : null}
              {step.type === 'retry' ? (
                <div className="mt-1.5 pl-22 text-sm">
                  <span className="text-slate-600 dark:text-slate-400">{t(`step.retry.${step.reason}`)}: </span>
                  <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{step.formula}</code>
                </div>
              ) : null}
              {sdkCalls.length > 0 ? (
                <ol aria-label={t('inspector.sdkCalls')} className="mt-1.5 ml-22 flex flex-col gap-1 border-l-2 border-dashed border-orange-300 pl-2 dark:border-orange-700" data-testid="sdk-calls">
                  {sdkCalls.map((call) => (
                    <li key={call.n} className="text-sm" data-step="sdk-call" data-hidden={call.n > 0}>
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="w-16 shrink-0 text-right font-mono text-xs tabular-nums text-slate-500">{t('inspector.atMs', { ms: formatDuration(call.at - record.startedAt) })}</span>
                        <span className={sdkCallFailed(call) ? 'text-orange-800 dark:text-orange-300' : ''}>{describeSdkCall(call)}</span>
                      </div>
                      {/* A call is an instant here (the SDK does not report its duration); its wait, when one follows, is striped. */}
                      <div className="relative mt-0.5 h-1.5 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                        {call.retryInMs !== undefined ? (
                          <div
                            className="absolute top-0 h-full rounded opacity-50"
                            style={{ left: `${((call.at - record.startedAt) / span) * 100}%`, width: `max(3px, ${(call.retryInMs / span) * 100}%)`, background: `${RETRY_STRIPES}, ${LAYER_COLOR.primary}` }}
                          />
                        ) : null}
                        <div className="absolute top-0 h-full w-[3px] rounded" style={{ left: `${((call.at - record.startedAt) / span) * 100}%`, background: sdkCallFailed(call) ? 'var(--error)' : LAYER_COLOR.primary }} />
                      </div>
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div>
        <h4 className="text-sm font-semibold text-slate-600 dark:text-slate-400">{t('inspector.content')}</h4>
        <p className="whitespace-pre-wrap text-base" data-model-output>
          {record.content}
        </p>
      </div>
    </div>
  );
});
