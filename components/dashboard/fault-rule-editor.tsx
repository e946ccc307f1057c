'use client';

import { useI18n } from '@/components/i18n/i18n-provider';
import { NumberField, SelectField } from '@/components/ui/fields';
import { buttonClass } from '@/components/ui/styles';
import { DEFAULT_KEEP_ALIVE_HOLD_MS, DEFAULT_SLOW_LATENCY_MS, DEFAULT_WINDOW_RPM, DEFAULT_WINDOW_TPM, type FaultMode, type FaultRule } from '@/lib/scenario/scenario';
import type { Catalogue } from './api';

type ModeKind = FaultMode['kind'];
const MODE_KINDS: readonly ModeKind[] = ['always', 'probability', 'first-n', 'timeline'];

/** A mode of `kind` that keeps what it can of `previous` (switching back and forth loses nothing obvious). */
function modeOf(kind: ModeKind, previous: FaultMode): FaultMode {
  switch (kind) {
    case 'always':
      return { kind };
    case 'probability':
      return { kind, p: previous.kind === 'probability' ? previous.p : 0.5 };
    case 'first-n':
      return { kind, n: previous.kind === 'first-n' ? previous.n : 3 };
    case 'timeline':
      return previous.kind === 'timeline' ? previous : { kind, fromMs: 10_000, toMs: 40_000 };
  }
}

/**
 * The rule with another fault. The fault's own numbers (`latencyMs`, `rpm`, `tpm`)
 * are dropped, so the new fault starts from its defaults: a 10-minute hold must
 * not turn into a 10-minute `slow`. When it fires (`mode`) and `shouldRetry` stay.
 */
export function withFault(rule: FaultRule, fault: FaultRule['fault']): FaultRule {
  if (fault === rule.fault) return rule;
  const { latencyMs: _latency, rpm: _rpm, tpm: _tpm, ...rest } = rule;
  return { ...rest, fault };
}

/** A fault to start from when "add" is pressed: a 50 % chance of a 500. */
export const NEW_RULE: FaultRule = { fault: 'server-500', mode: { kind: 'probability', p: 0.5 } };

/**
 * One fault rule: which fault, when it fires (always / with probability p /
 * the first N calls / a time window from t1 to t2), the fault's own numbers
 * (the delay of `slow`, the hold of `keep-alive-hold`, the per-minute limits of
 * `rate-limit-window`; bounds as in lib/scenario/scenario.ts), and its
 * description from the catalogue, so students see what the SDK will raise.
 */
export function FaultRuleEditor({
  rule,
  faults,
  onChange,
  onRemove,
}: {
  rule: FaultRule;
  faults: Catalogue['faults'];
  onChange: (rule: FaultRule) => Promise<unknown>;
  onRemove: () => void;
}) {
  const { t, pick } = useI18n();
  const fault = faults.find((f) => f.id === rule.fault);
  const mode = rule.mode;
  const setMode = (next: FaultMode) => onChange({ ...rule, mode: next });

  return (
    <li className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          label={t('scenario.fault')}
          value={rule.fault}
          options={faults.map((f) => ({ value: f.id as FaultRule['fault'], label: pick(f.label) }))}
          onChange={(id) => onChange(withFault(rule, id))}
        />
        <SelectField
          label={t('scenario.mode')}
          value={mode.kind}
          options={MODE_KINDS.map((k) => ({ value: k, label: t(`scenario.mode.${k}`) }))}
          onChange={(k) => setMode(modeOf(k, mode))}
        />
      </div>
      <div className="grid grid-cols-2 items-end gap-2">
        {mode.kind === 'probability' ? (
          <NumberField label={t('scenario.p')} value={mode.p} min={0} max={1} step={0.05} onCommit={(p) => setMode({ kind: 'probability', p })} />
        ) : null}
        {mode.kind === 'first-n' ? (
          <NumberField label={t('scenario.n')} value={mode.n} min={0} max={10_000} step={1} integer onCommit={(n) => setMode({ kind: 'first-n', n })} />
        ) : null}
        {mode.kind === 'timeline' ? (
          <>
            <NumberField
              label={t('scenario.from')}
              value={mode.fromMs}
              scale={1000}
              min={0}
              max={86_400}
              step={1}
              integer
              // Keep the window valid: moving the start past the end pushes the end along.
              onCommit={(fromMs) => setMode({ kind: 'timeline', fromMs, toMs: Math.max(mode.toMs, fromMs + 1000) })}
            />
            <NumberField
              label={t('scenario.to')}
              value={mode.toMs}
              scale={1000}
              min={0}
              max={86_400}
              step={1}
              integer
              onCommit={(toMs) => setMode({ kind: 'timeline', fromMs: Math.min(mode.fromMs, Math.max(0, toMs - 1000)), toMs })}
            />
            <p className="col-span-2 text-sm text-slate-600 dark:text-slate-400">
              {t('scenario.timelineHint', { from: mode.fromMs / 1000, to: mode.toMs / 1000 })}
            </p>
          </>
        ) : null}
        {rule.fault === 'slow' || rule.fault === 'keep-alive-hold' ? (
          <NumberField
            label={t(rule.fault === 'slow' ? 'scenario.latency' : 'scenario.hold')}
            value={rule.latencyMs ?? (rule.fault === 'slow' ? DEFAULT_SLOW_LATENCY_MS : DEFAULT_KEEP_ALIVE_HOLD_MS)}
            scale={1000}
            min={0}
            max={600}
            step={rule.fault === 'slow' ? 0.5 : 10}
            integer
            onCommit={(latencyMs) => onChange({ ...rule, latencyMs })}
          />
        ) : null}
        {rule.fault === 'rate-limit-window' ? (
          <>
            <NumberField label={t('scenario.rpm')} value={rule.rpm ?? DEFAULT_WINDOW_RPM} min={1} max={100_000} step={1} integer onCommit={(rpm) => onChange({ ...rule, rpm })} />
            <NumberField label={t('scenario.tpm')} value={rule.tpm ?? DEFAULT_WINDOW_TPM} min={1} max={100_000_000} step={1000} integer onCommit={(tpm) => onChange({ ...rule, tpm })} />
          </>
        ) : null}
      </div>
      {fault ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {pick(fault.description)}
          {fault.sdkError ? <code className="ml-1 rounded bg-slate-100 px-1 dark:bg-slate-800">{fault.sdkError}</code> : null}
        </p>
      ) : null}
      <div>
        <button type="button" className={buttonClass('ghost')} onClick={onRemove} aria-label={`${t('scenario.remove')}: ${fault ? pick(fault.label) : rule.fault}`}>
          ✕ {t('scenario.remove')}
        </button>
      </div>
    </li>
  );
}
