'use client';

import { SeedField } from '@/components/lab/seed-field';
import { SliderField } from '@/components/lab/slider-field';
import { CheckboxField, FieldGroup, SelectField } from '@/components/ui/fields';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { BACKOFFS } from '@/lib/resilience/backoff';
import { pickText } from '@/lib/i18n/locale';
import { layeredCalls, STORM_BACKOFF_IDS, STORM_BUDGET_KINDS, type StormBackoffId, type StormBudgetKind } from '@/lib/sim';
import { DEFAULT_STORM_PARAMS, STORM_LAB_LIMITS, type StormLabParams } from './lab-params';
import type { StormMessageKey } from './messages';
import { useStormT } from './use-storm-t';

/**
 * Every setting of the lab. Changes apply at once to the controls; the lab
 * debounces them before recomputing, so dragging stays smooth.
 */
export function StormControls({ params, onChange }: { params: StormLabParams; onChange: (next: StormLabParams) => void }) {
  const { locale, t } = useStormT();
  const set = <K extends keyof StormLabParams>(key: K, value: StormLabParams[K]) => onChange({ ...params, [key]: value });
  const L = STORM_LAB_LIMITS;
  const perS = (v: number) => t('unit.perS', { v });
  const ms = (v: number) => t('unit.ms', { v });
  const sec = (v: number) => t('unit.s', { v });
  // attempts^layers is capped at 64 by clampStormParams (the model accepts up to 256).
  const maxCalls = layeredCalls(params.attempts, params.layers);
  return (
    <form className={`${panelClass} flex flex-col gap-4`} aria-label={t('controls.title')} onSubmit={(e) => e.preventDefault()} data-testid="storm-controls">
      <h2 className="text-xl font-semibold">{t('controls.title')}</h2>
      <FieldGroup legend={t('controls.traffic')}>
        <SliderField label={t('controls.rate')} value={params.rate} limits={L.rate} display={perS(params.rate)} onChange={(v) => set('rate', v)} testId="slider-rate" />
        <SliderField
          label={t('controls.capacity')}
          value={params.capacity}
          limits={L.capacity}
          display={perS(params.capacity)}
          onChange={(v) => set('capacity', v)}
          disabled={params.ample}
          testId="slider-capacity"
        />
        <CheckboxField label={t('controls.ample')} checked={params.ample} onChange={(v) => set('ample', v)} />
        <SliderField
          label={t('controls.failureRate')}
          value={params.failureRate}
          limits={L.failureRate}
          display={params.failureRate.toFixed(2)}
          onChange={(v) => set('failureRate', v)}
          testId="slider-failure"
        />
        <SliderField label={t('controls.timeout')} value={params.timeoutMs} limits={L.timeoutMs} display={ms(params.timeoutMs)} onChange={(v) => set('timeoutMs', v)} testId="slider-timeout" />
      </FieldGroup>

      <FieldGroup legend={t('controls.retries')}>
        <SliderField label={t('controls.attempts')} value={params.attempts} limits={L.attempts} display={String(params.attempts)} onChange={(v) => set('attempts', v)} testId="slider-attempts" />
        <SliderField label={t('controls.layers')} value={params.layers} limits={L.layers} display={String(params.layers)} onChange={(v) => set('layers', v)} testId="slider-layers" />
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="max-calls">
          {t('controls.layersNote', { max: maxCalls, attempts: params.attempts, layers: params.layers })}
        </p>
        <SelectField<StormBackoffId>
          label={t('controls.backoff')}
          value={params.backoff}
          options={STORM_BACKOFF_IDS.map((id) => ({ value: id, label: pickText(locale, BACKOFFS[id].label) }))}
          onChange={(v) => set('backoff', v)}
        />
        <SliderField
          label={t('controls.baseMs')}
          value={params.baseMs}
          limits={L.baseMs}
          display={ms(params.baseMs)}
          onChange={(v) => set('baseMs', v)}
          disabled={params.backoff === 'none'}
          testId="slider-base"
        />
      </FieldGroup>

      <FieldGroup legend={t('controls.cures')}>
        <SelectField<StormBudgetKind>
          label={t('controls.budget')}
          value={params.budget}
          options={STORM_BUDGET_KINDS.map((kind) => ({ value: kind, label: t(`budget.${kind}` as StormMessageKey) }))}
          onChange={(v) => set('budget', v)}
        />
        <CheckboxField label={t('controls.breaker')} checked={params.breaker} onChange={(v) => set('breaker', v)} />
      </FieldGroup>

      <FieldGroup legend={t('controls.trigger')}>
        <CheckboxField label={t('controls.dip')} checked={params.dip} onChange={(v) => set('dip', v)} />
        <SliderField label={t('controls.dipAt')} value={params.dipAtS} limits={L.dipAtS} display={sec(params.dipAtS)} onChange={(v) => set('dipAtS', v)} disabled={!params.dip} testId="slider-dip-at" />
        <SliderField label={t('controls.dipFor')} value={params.dipForS} limits={L.dipForS} display={sec(params.dipForS)} onChange={(v) => set('dipForS', v)} disabled={!params.dip} testId="slider-dip-for" />
        <SliderField
          label={t('controls.dipCapacity')}
          value={params.dipCapacityPct}
          limits={L.dipCapacityPct}
          display={t('unit.pct', { v: params.dipCapacityPct })}
          onChange={(v) => set('dipCapacityPct', v)}
          disabled={!params.dip}
          testId="slider-dip-capacity"
        />
      </FieldGroup>

      <SeedField label={t('controls.seed')} value={params.seed} onCommit={(v) => set('seed', v)} />
      <button type="button" className={buttonClass('secondary')} onClick={() => onChange(DEFAULT_STORM_PARAMS)}>
        {t('controls.reset')}
      </button>
    </form>
  );
}
