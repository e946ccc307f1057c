'use client';

import { SeedField } from '@/components/lab/seed-field';
import { SliderField } from '@/components/lab/slider-field';
import { CheckboxField, FieldGroup, SelectField } from '@/components/ui/fields';
import { buttonClass, panelClass } from '@/components/ui/styles';
import type { SimModel, SimStrategyId } from '@/lib/sim';
import { COMPARABLE_STRATEGIES, DEFAULT_LAB_PARAMS, LAB_LIMITS, type LabParams } from './lab-params';
import { strategyName } from './strategy-style';
import { useJitterT } from './use-jitter-t';

/**
 * Every setting of the lab. Changes apply at once to the controls; the lab
 * debounces them before recomputing, so dragging stays smooth.
 */
export function JitterControls({ params, onChange }: { params: LabParams; onChange: (next: LabParams) => void }) {
  const { locale, t } = useJitterT();
  const set = <K extends keyof LabParams>(key: K, value: LabParams[K]) => onChange({ ...params, [key]: value });
  const ms = (v: number) => t('unit.ms', { v });
  const api = params.model === 'api';
  return (
    <form className={`${panelClass} flex flex-col gap-4`} aria-label={t('controls.title')} onSubmit={(e) => e.preventDefault()} data-testid="jitter-controls">
      <h2 className="text-xl font-semibold">{t('controls.title')}</h2>
      <SelectField<SimStrategyId>
        label={t('controls.strategy')}
        value={params.strategy}
        options={COMPARABLE_STRATEGIES.map((id) => ({ value: id, label: strategyName(id, locale) }))}
        onChange={(v) => set('strategy', v)}
      />
      <FieldGroup legend={t('controls.herd')}>
        <SliderField label={t('controls.clients')} value={params.clients} limits={LAB_LIMITS.clients} display={String(params.clients)} onChange={(v) => set('clients', v)} testId="slider-clients" />
        <SliderField label={t('controls.baseMs')} value={params.baseMs} limits={LAB_LIMITS.baseMs} display={ms(params.baseMs)} onChange={(v) => set('baseMs', v)} testId="slider-base" />
        <SliderField label={t('controls.capMs')} value={params.capMs} limits={LAB_LIMITS.capMs} display={ms(params.capMs)} onChange={(v) => set('capMs', v)} testId="slider-cap" />
        <SliderField label={t('controls.runs')} value={params.runs} limits={LAB_LIMITS.runs} display={String(params.runs)} onChange={(v) => set('runs', v)} testId="slider-runs" />
        <SeedField label={t('controls.seed')} value={params.seed} onCommit={(v) => set('seed', v)} />
      </FieldGroup>
      <FieldGroup legend={t('controls.api')}>
        <SelectField<SimModel>
          label={t('controls.model')}
          value={params.model}
          options={[
            { value: 'occ', label: t('controls.model.occ') },
            { value: 'api', label: t('controls.model.api') },
          ]}
          onChange={(v) => set('model', v)}
        />
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('controls.apiOnly')}</p>
        <SliderField
          label={t('controls.capacity')}
          value={params.capacity}
          limits={LAB_LIMITS.capacity}
          display={t('unit.perS', { v: params.capacity })}
          onChange={(v) => set('capacity', v)}
          disabled={!api}
          testId="slider-capacity"
        />
        <CheckboxField label={t('controls.retryAfter')} checked={params.honorRetryAfter} onChange={(v) => set('honorRetryAfter', v)} disabled={!api} />
        <CheckboxField label={t('controls.budget')} checked={params.budget} onChange={(v) => set('budget', v)} disabled={!api} />
      </FieldGroup>
      <button type="button" className={buttonClass('secondary')} onClick={() => onChange(DEFAULT_LAB_PARAMS)}>
        {t('controls.reset')}
      </button>
    </form>
  );
}
