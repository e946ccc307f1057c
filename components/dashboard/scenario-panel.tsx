'use client';

import { useState } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import { CheckboxField, FieldGroup, NumberField } from '@/components/ui/fields';
import { buttonClass, focusRing, panelClass } from '@/components/ui/styles';
import type { FaultRule, Scenario } from '@/lib/scenario/scenario';
import { FaultRuleEditor, NEW_RULE } from './fault-rule-editor';
import { ProviderSwitch } from './provider-switch';
import { RateLimitGauge } from './rate-limit-gauge';
import { useSandbox, useSandboxState } from './sandbox-provider';

type LayerId = 'primary' | 'local';

/**
 * The scenario: a preset picker (radio group; Alt+1…9 picks the first nine),
 * the fault rules of each layer, and the seed. Every change is sent at once
 * and applies to the next request.
 */
export function ScenarioPanel() {
  const { t, pick } = useI18n();
  const { catalogue, actions } = useSandbox();
  const presetId = useSandboxState((s) => s.session?.presetId ?? null);
  const scenario = useSandboxState((s) => s.session?.scenario ?? null);
  const realAvailable = useSandboxState((s) => s.session?.realAvailable ?? false);
  const mode = useSandboxState((s) => s.session?.mode ?? 'sandbox');
  // The radio moves at once; the server's answer confirms it (or the error banner explains).
  const [pending, setPending] = useState<string | null>(null);
  const checked = pending ?? presetId;

  const choose = async (id: string) => {
    setPending(id);
    await actions.choosePreset(id);
    setPending(null);
  };

  const setRules = (layer: LayerId, rules: FaultRule[]) => actions.updateSession({ scenario: { [layer]: { rules } } as Partial<Scenario> });

  return (
    <section aria-labelledby="scenario-title" className={`${panelClass} flex flex-col gap-4`}>
      <h2 id="scenario-title" className="text-xl font-bold">
        {t('scenario.title')}
        {presetId === null && scenario ? <span className="ml-2 text-base font-normal text-slate-500">{t('scenario.custom')}</span> : null}
      </h2>

      {/* Only offered when the server has a key: the key itself never reaches the browser. */}
      {realAvailable ? (
        <CheckboxField label={t('scenario.realMode')} checked={mode === 'real'} onChange={(real) => actions.updateSession({ mode: real ? 'real' : 'sandbox' })} />
      ) : null}

      {!catalogue ? (
        <p className="text-slate-500">{t('scenario.loading')}</p>
      ) : (
        <div>
          <h3 id="scenario-presets" className="mb-2 text-base font-semibold">
            {t('scenario.presets')}
          </h3>
          <div role="radiogroup" aria-labelledby="scenario-presets" className="flex max-h-[22rem] flex-col gap-1 overflow-y-auto pr-1" data-testid="preset-picker">
            {catalogue.presets.map((preset, i) => (
              <label
                key={preset.id}
                className={`flex cursor-pointer items-start gap-2 rounded-lg border px-2.5 py-1.5 has-[:checked]:border-sky-700 has-[:checked]:bg-sky-50 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950 ${checked === preset.id ? '' : 'border-transparent hover:bg-slate-50 dark:hover:bg-slate-800'}`}
              >
                <input
                  type="radio"
                  name="scenario-preset"
                  value={preset.id}
                  checked={checked === preset.id}
                  onChange={() => void choose(preset.id)}
                  className={`mt-1.5 size-4 shrink-0 accent-sky-700 ${focusRing}`}
                  aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
                />
                <span className="min-w-0">
                  <span className="font-medium">{pick(preset.name)}</span>
                  {i < 9 ? (
                    <kbd className="ml-2 rounded border border-slate-300 px-1 font-mono text-xs text-slate-500 dark:border-slate-600">{t('scenario.shortcut', { n: i + 1 })}</kbd>
                  ) : null}
                  <span className="block text-sm text-slate-600 dark:text-slate-400">{pick(preset.description)}</span>
                </span>
              </label>
            ))}
          </div>
        </div>
      )}

      {catalogue && scenario
        ? (['primary', 'local'] as const).map((layer) => {
            const rules = scenario[layer].rules;
            const layerName = t(`layer.${layer}`);
            return (
              <FieldGroup key={layer} legend={t('scenario.rules', { layer: layerName })}>
                {rules.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('scenario.noRules')}</p> : null}
                <ul className="flex flex-col gap-2">
                  {rules.map((rule, i) => (
                    <FaultRuleEditor
                      key={i}
                      rule={rule}
                      faults={catalogue.faults}
                      onChange={(next) => setRules(layer, rules.map((r, j) => (j === i ? next : r)))}
                      onRemove={() => void setRules(layer, rules.filter((_, j) => j !== i))}
                    />
                  ))}
                </ul>
                <div>
                  <button type="button" className={buttonClass('secondary')} onClick={() => void setRules(layer, [...rules, NEW_RULE])}>
                    + {t('scenario.add')}
                    <span className="sr-only">（{layerName}）</span>
                  </button>
                </div>
              </FieldGroup>
            );
          })
        : null}

      {scenario ? (
        <NumberField
          label={t('scenario.seed')}
          value={scenario.seed}
          min={0}
          max={0xffff_ffff}
          step={1}
          integer
          hint={t('scenario.seedHint')}
          onCommit={(seed) => actions.updateSession({ scenario: { seed } })}
        />
      ) : null}

      {/* Provider profiles (issue 10): the budget countdown, the same scenario per dialect. (The service's API is a policy setting: see the policy panel.) */}
      <RateLimitGauge />
      <ProviderSwitch />
    </section>
  );
}
