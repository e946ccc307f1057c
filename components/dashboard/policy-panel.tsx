'use client';

import { useI18n } from '@/components/i18n/i18n-provider';
import { CheckboxField, FieldGroup, NumberField, SelectField } from '@/components/ui/fields';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { BACKOFF_IDS, BACKOFFS, type BackoffId } from '@/lib/resilience/backoff';
import type { Policy, PolicyPatch } from '@/lib/contract';
import type { Catalogue } from './api';
import { ApiSwitch } from './api-switch';
import { layeredCalls } from './layered-retries';
import { useSandbox, useSandboxState } from './sandbox-provider';

/** The part of a breaker preset's options that the policy has, e.g. `{ failureThreshold: 5, openMs: 60000 }`. */
export function breakerPatchOf(options: Catalogue['breakerPresets'][number]['options'], current: Policy['breaker']): Partial<Policy['breaker']> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (key in current && typeof value === typeof current[key as keyof Policy['breaker']]) patch[key] = value;
  return patch as Partial<Policy['breaker']>;
}

/** Breaker presets whose names the dashboard's own tables carry (so the Chinese page reads 课程演示配置, not 课程 Demo). */
const NAMED_BREAKER_PRESETS = ['conservative', 'recommended', 'aggressive', 'lesson-demo'] as const;

/** True when every option of a preset equals the current policy (the preset's button shows as pressed). */
function matches(patch: Partial<Policy['breaker']>, current: Policy['breaker']): boolean {
  const entries = Object.entries(patch);
  return entries.length > 0 && entries.every(([k, v]) => current[k as keyof Policy['breaker']] === v);
}

/**
 * The policy: the API the primary is called with, retries (count, strategy,
 * base, cap, the SDK's own retries under them, Retry-After, budget), the
 * breaker (mode, thresholds, open time, probes, the lesson's three presets),
 * the cache and the fallback layers. Changes apply to the next request.
 */
export function PolicyPanel() {
  const { t, pick } = useI18n();
  const { catalogue, actions } = useSandbox();
  const policy = useSandboxState((s) => s.session?.policy ?? null);
  if (!policy) return null;
  const set = (patch: PolicyPatch) => actions.updatePolicy(patch);
  const r = policy.retry;
  const b = policy.breaker;

  const strategies = catalogue?.strategies ?? BACKOFF_IDS.map((id) => ({ id, label: BACKOFFS[id].label }));
  const layered = layeredCalls(r);

  return (
    <section aria-labelledby="policy-title" className={`${panelClass} flex flex-col gap-4`}>
      <div>
        <h2 id="policy-title" className="text-xl font-bold">
          {t('policy.title')}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('policy.note')}</p>
      </div>

      {/* How the service calls the primary: a policy setting like the rest, so it sits here (issue 13). */}
      <ApiSwitch />

      <FieldGroup legend={t('policy.retry')}>
        <SelectField
          label={t('policy.strategy')}
          value={r.strategy}
          options={strategies.map((s) => ({ value: s.id as BackoffId, label: pick(s.label) }))}
          onChange={(strategy) => set({ retry: { strategy } })}
        />
        <div className="grid grid-cols-2 gap-2">
          <NumberField label={t('policy.maxRetries')} value={r.maxRetries} min={0} max={10} step={1} integer onCommit={(maxRetries) => set({ retry: { maxRetries } })} />
          <NumberField label={t('policy.attemptTimeout')} value={r.attemptTimeoutMs} scale={1000} min={0.1} max={120} step={1} integer onCommit={(attemptTimeoutMs) => set({ retry: { attemptTimeoutMs } })} />
          <NumberField label={t('policy.baseMs')} value={r.baseMs} scale={1000} min={0} max={60} step={0.1} onCommit={(baseMs) => set({ retry: { baseMs } })} />
          <NumberField label={t('policy.capMs')} value={r.capMs} scale={1000} min={0} max={600} step={1} onCommit={(capMs) => set({ retry: { capMs } })} />
        </div>
        {/* The hidden layer under the service's retries: off (0) unless a student wants to watch the calls multiply. */}
        <NumberField
          label={t('policy.sdkMaxRetries')}
          value={r.sdkMaxRetries}
          min={0}
          max={5}
          step={1}
          integer
          onCommit={(sdkMaxRetries) => set({ retry: { sdkMaxRetries } })}
          data-testid="sdk-max-retries"
          hint={
            <>
              {t('policy.sdkMaxRetriesHint')}
              {layered.sdk > 0 ? (
                <span className="block font-medium text-orange-800 dark:text-orange-300" data-testid="sdk-max-retries-now">
                  {t('policy.sdkMaxRetriesNow', { attempts: layered.attempts, per: layered.perAttempt, n: layered.max })}
                </span>
              ) : null}
            </>
          }
        />
        <CheckboxField label={t('policy.honorRetryAfter')} checked={r.honorRetryAfter} onChange={(honorRetryAfter) => set({ retry: { honorRetryAfter } })} />
        <CheckboxField label={t('policy.budget')} checked={r.budget.enabled} onChange={(enabled) => set({ retry: { budget: { enabled } } })} />
        {r.budget.enabled ? (
          <div className="grid grid-cols-2 gap-2">
            <NumberField label={t('policy.budgetMaxTokens')} value={r.budget.maxTokens} min={1} max={1000} step={1} onCommit={(maxTokens) => set({ retry: { budget: { maxTokens } } })} />
            <NumberField label={t('policy.budgetRatio')} value={r.budget.tokenRatio} min={0} max={1} step={0.05} onCommit={(tokenRatio) => set({ retry: { budget: { tokenRatio } } })} />
          </div>
        ) : null}
      </FieldGroup>

      <FieldGroup legend={t('policy.breaker')}>
        <CheckboxField label={t('policy.breakerEnabled')} checked={b.enabled} onChange={(enabled) => set({ breaker: { enabled } })} />
        {catalogue && catalogue.breakerPresets.length > 0 ? (
          <div role="group" aria-labelledby="breaker-presets-title" className="flex flex-col gap-1.5">
            <h4 id="breaker-presets-title" className="text-sm font-medium text-slate-700 dark:text-slate-300">
              {t('policy.breakerPresets')}
            </h4>
            <div className="flex flex-wrap gap-2">
              {catalogue.breakerPresets.map((preset) => {
                const patch = breakerPatchOf(preset.options, b);
                return (
                  <button
                    key={preset.id}
                    type="button"
                    className={`${buttonClass('secondary')} aria-pressed:border-sky-700 aria-pressed:bg-sky-50 dark:aria-pressed:border-sky-400 dark:aria-pressed:bg-sky-950`}
                    aria-pressed={matches(patch, b)}
                    title={pick(preset.description)}
                    onClick={() => void set({ breaker: patch })}
                  >
                    {(NAMED_BREAKER_PRESETS as readonly string[]).includes(preset.id) ? t(`breakerPreset.${preset.id as (typeof NAMED_BREAKER_PRESETS)[number]}`) : pick(preset.name)}
                  </button>
                );
              })}
            </div>
          </div>
        ) : null}
        <SelectField
          label={t('policy.breakerMode')}
          value={b.mode}
          options={(['consecutive', 'failure-rate'] as const).map((m) => ({ value: m, label: t(`policy.breakerMode.${m}`) }))}
          onChange={(mode) => set({ breaker: { mode } })}
        />
        <div className="grid grid-cols-2 gap-2">
          {b.mode === 'consecutive' ? (
            <NumberField label={t('policy.failureThreshold')} value={b.failureThreshold} min={1} max={100} step={1} integer onCommit={(failureThreshold) => set({ breaker: { failureThreshold } })} />
          ) : (
            <>
              <NumberField label={t('policy.failureRateThreshold')} value={b.failureRateThreshold} min={0.01} max={1} step={0.05} onCommit={(failureRateThreshold) => set({ breaker: { failureRateThreshold } })} />
              <NumberField label={t('policy.windowSize')} value={b.windowSize} min={1} max={1000} step={1} integer onCommit={(windowSize) => set({ breaker: { windowSize } })} />
              <NumberField label={t('policy.minimumCalls')} value={b.minimumCalls} min={1} max={1000} step={1} integer onCommit={(minimumCalls) => set({ breaker: { minimumCalls } })} />
            </>
          )}
          <NumberField label={t('policy.openMs')} value={b.openMs} scale={1000} min={0.1} max={3600} step={1} integer onCommit={(openMs) => set({ breaker: { openMs } })} />
          <NumberField label={t('policy.successThreshold')} value={b.successThreshold} min={1} max={100} step={1} integer onCommit={(successThreshold) => set({ breaker: { successThreshold } })} />
          <NumberField label={t('policy.halfOpenMaxProbes')} value={b.halfOpenMaxProbes} min={1} max={100} step={1} integer onCommit={(halfOpenMaxProbes) => set({ breaker: { halfOpenMaxProbes } })} />
        </div>
      </FieldGroup>

      <FieldGroup legend={t('policy.cache')}>
        <CheckboxField label={t('policy.cacheEnabled')} checked={policy.cache.enabled} onChange={(enabled) => set({ cache: { enabled } })} />
        <NumberField label={t('policy.ttl')} value={policy.cache.ttlMs} scale={1000} min={1} max={86_400} step={1} integer disabled={!policy.cache.enabled} onCommit={(ttlMs) => set({ cache: { ttlMs } })} />
      </FieldGroup>

      <FieldGroup legend={t('policy.fallback')}>
        <CheckboxField label={t('policy.fallbackLocal')} checked={policy.fallback.local} onChange={(local) => set({ fallback: { local } })} />
        <CheckboxField label={t('policy.fallbackCanned')} checked={policy.fallback.canned} onChange={(canned) => set({ fallback: { canned } })} />
      </FieldGroup>
    </section>
  );
}
