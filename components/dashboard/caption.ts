/**
 * The presenter's caption line: what just happened, in the lesson's words
 * ("连续 3 次失败 → 熔断器打开，30 秒内直接降级"; "Retry-After 2 秒：等待 2 秒再试").
 *
 * Pure: it reads the dashboard state and returns one line. Breaker transitions
 * and script steps are the story, so they hold the line for a few seconds
 * (of real time) even while a load keeps producing retries and answers;
 * after that the newest event of any kind is narrated.
 */
import type { Translator } from '@/components/i18n/i18n-provider';
import type { BreakerTransition, Policy, RequestRecord, RetryPoint } from '@/lib/contract';
import type { SandboxState } from './sandbox-state';

/** Real seconds a transition or script step keeps the caption line. */
export const MAJOR_HOLD_S = 3;

/** One narrated line: its text, the sandbox time of the event (ms) and whether it is a major event. */
export interface Caption {
  text: string;
  at: number;
  major: boolean;
  /** What was narrated, for tests and styling. */
  kind: 'breaker' | 'script' | 'retry' | 'request';
}

/** Seconds for a caption: `2`, `0.5`, `3.48`. */
export const seconds = (ms: number) => String(Number((ms / 1000).toFixed(2)));

/** A breaker transition in the lesson's words. */
export function transitionCaption(tr: BreakerTransition, policy: Policy | undefined, { t }: Pick<Translator, 't'>): string {
  const b = policy?.breaker;
  const s = seconds(b?.openMs ?? 0);
  if (tr.to === 'open') {
    if (tr.from === 'half-open') return t('caption.reopen', { s });
    if (tr.reason.code === 'failure-rate') return t('caption.openRate', { p: `${Math.round((b?.failureRateThreshold ?? 0) * 100)}%`, s });
    return t('caption.open', { n: b?.failureThreshold ?? 0, s });
  }
  if (tr.to === 'half-open') return t('caption.halfOpen', { s, k: b?.halfOpenMaxProbes ?? 1 });
  if (tr.to === 'isolated') return t('caption.isolated');
  return tr.from === 'half-open' ? t('caption.closed') : t('caption.closedReset');
}

/** A scheduled retry in the lesson's words. */
export function retryCaption(r: RetryPoint, { t }: Pick<Translator, 't'>): string {
  return r.reason === 'retry-after' ? t('caption.retryAfter', { s: seconds(r.delayMs) }) : t('caption.backoff', { n: r.retry, s: seconds(r.delayMs) });
}

/** A finished request in the lesson's words: which layer answered, and why. */
export function requestCaption(r: RequestRecord, { t }: Pick<Translator, 't'>): string {
  const rejected = r.trace.some((s) => s.type === 'breaker-rejected');
  const gaveUp = r.trace.find((s) => s.type === 'give-up');
  const lastError = [...r.trace].reverse().find((s) => s.type === 'attempt' && s.layer === 'primary' && s.error);
  const status = lastError?.type === 'attempt' && lastError.error ? `${lastError.error.sdkClass}${lastError.error.status !== undefined ? ` ${lastError.error.status}` : ''}` : '';
  const then = r.source === 'local' ? t('caption.thenLocal') : r.source === 'fallback' ? t('caption.thenCanned') : r.source === 'error' ? t('caption.thenError') : '';
  switch (r.source) {
    case 'cache':
      return t('caption.cache');
    case 'api':
      return r.attempts > 1 ? t('caption.recovered', { n: r.attempts }) : t('caption.api');
    default:
      if (rejected) return `${t('caption.rejected')}${then}`;
      if (gaveUp?.type === 'give-up' && gaveUp.reason === 'not-retryable') return `${t('caption.notRetryable', { status })}${then}`;
      return `${t('caption.failed', { n: r.attempts })}${then}`;
  }
}

/**
 * The line to show now. `speed` converts the hold of {@link MAJOR_HOLD_S} real seconds into sandbox time.
 * `null` before anything happened.
 */
export function currentCaption(state: Pick<SandboxState, 'transitions' | 'retries' | 'records' | 'script' | 'clock' | 'session'>, tr: Translator): Caption | null {
  const policy = state.session?.policy;
  const speed = state.session?.speed ?? 1;
  const lastTransition = state.transitions.at(-1);
  const step = state.script?.last ?? null;
  let major: Caption | null = null;
  if (lastTransition) major = { text: transitionCaption(lastTransition, policy, tr), at: lastTransition.at, major: true, kind: 'breaker' };
  if (step && (!major || step.at > major.at)) major = { text: tr.pick(step.caption), at: step.at, major: true, kind: 'script' };
  const now = state.clock.at;
  if (major && now - major.at <= MAJOR_HOLD_S * 1000 * speed) return major;
  const lastRetry = state.retries.at(-1);
  const lastRecord = state.records.at(-1);
  let minor: Caption | null = null;
  if (lastRetry) minor = { text: retryCaption(lastRetry, tr), at: lastRetry.at, major: false, kind: 'retry' };
  if (lastRecord && (!minor || lastRecord.endedAt >= minor.at)) minor = { text: requestCaption(lastRecord, tr), at: lastRecord.endedAt, major: false, kind: 'request' };
  if (!minor) return major;
  if (!major) return minor;
  return minor.at >= major.at ? minor : major;
}
