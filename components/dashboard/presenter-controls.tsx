'use client';

import { useState } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import { NumberField, SelectField } from '@/components/ui/fields';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { loadRequest, RunStatusLine, SpeedPicker, useRunProgress } from './run-controls';
import { useSandbox, useSandboxState } from './sandbox-provider';

/**
 * The presenter's controls, at projector size: the scenario (every preset,
 * Alt+1…9 and Alt+, / Alt+.), a burst, a steady load, the speed and a reset.
 * The same `data-shortcut` buttons as the full dashboard, so the keys work the same.
 */
export function PresenterControls() {
  const { t, pick } = useI18n();
  const { catalogue, actions } = useSandbox();
  const presetId = useSandboxState((s) => s.session?.presetId ?? null);
  const ready = useSandboxState((s) => s.session !== null);
  const run = useRunProgress();
  const [burst, setBurst] = useState(20);
  const [rps, setRps] = useState(5);
  const big = buttonClass('primary');
  const running = run?.state === 'running';
  return (
    <section aria-label={t('present.controls')} className={`${panelClass} flex flex-col gap-2`}>
      {catalogue ? (
        <SelectField
          label={t('present.scenario')}
          value={presetId ?? ''}
          options={[...(presetId === null ? [{ value: '', label: t('scenario.custom') }] : []), ...catalogue.presets.map((p) => ({ value: p.id, label: pick(p.name) }))]}
          onChange={(id) => (id ? actions.choosePreset(id) : undefined)}
        />
      ) : null}
      <div className="flex items-end gap-2">
        <NumberField className="w-32" label={t('run.burstCount')} value={burst} min={1} max={5000} step={1} integer onCommit={setBurst} onValue={setBurst} />
        <button type="button" className={big} disabled={!ready} data-shortcut="burst" aria-keyshortcuts="Alt+B" onClick={() => void actions.run(loadRequest({ kind: 'burst', count: burst }, false))}>
          {t('run.burst')} · {t('run.burstGo', { n: burst })}
        </button>
      </div>
      <div className="flex items-end gap-2">
        <NumberField className="w-32" label={t('present.rps')} value={rps} min={0.1} max={50} step={1} onCommit={setRps} onValue={setRps} />
        {running && run?.kind === 'steady' ? (
          <button type="button" className={buttonClass('danger')} onClick={() => void actions.run({ kind: 'stop' })}>
            ■ {t('run.stop')}
          </button>
        ) : (
          <button type="button" className={buttonClass('secondary')} disabled={!ready} data-shortcut="steady" onClick={() => void actions.run(loadRequest({ kind: 'steady', rps }, false))}>
            ▶ {t('run.steady')}
          </button>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <SpeedPicker large />
        <button type="button" className={buttonClass('danger')} disabled={!ready} data-shortcut="reset" aria-keyshortcuts="Alt+R" onClick={() => void actions.reset()}>
          ↺ {t('run.reset')}
        </button>
      </div>
      <RunStatusLine run={run} className="min-h-7 text-base" />
    </section>
  );
}
