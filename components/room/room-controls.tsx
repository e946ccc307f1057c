'use client';

import { useState } from 'react';
import { CheckboxField, NumberField, SelectField } from '@/components/ui/fields';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { ROOM_LIMITS, ROOM_POLICY_IDS, SPEEDS, type RoomCapacity, type RoomPolicyId, type RoomView, type Speed } from '@/lib/contract';
import { SCRIPT_LIST, SCRIPTS, type ScriptId } from '@/lib/scenario/scripts';
import { RadioPills } from './radio-pills';
import { useRoomT } from './use-room-t';

/** What the controls can ask of the room; each resolves once the server has answered (errors are shown by the caller). */
export interface RoomActions {
  startIncident: (script: ScriptId) => Promise<void>;
  controlIncident: (action: 'pause' | 'resume' | 'stop') => Promise<void>;
  setPolicy: (p: { preset?: RoomPolicyId; studentsChoose?: boolean }) => Promise<void>;
  configure: (s: { simulated?: number; speed?: Speed; capacity?: Partial<RoomCapacity> }) => Promise<void>;
}

/**
 * The instructor's controls: the incident for the whole room, the policy
 * pushed to everyone (or the students' own), the simulated students, the
 * shared upstream's capacity, and the room's speed.
 */
export function RoomControls({ view, actions }: { view: RoomView; actions: RoomActions }) {
  const { t, pick } = useRoomT();
  const [script, setScript] = useState<ScriptId>(view.incident?.id ?? 'outage-then-recovery');
  const [count, setCount] = useState(view.simulated || ROOM_LIMITS.defaultSimulated);
  const incident = view.incident;
  const playing = incident?.state === 'playing';
  const paused = incident?.state === 'paused';
  const cap = view.capacity;

  return (
    <section aria-labelledby="room-controls-title" className={`${panelClass} flex flex-col gap-4`} data-testid="room-controls">
      <h2 id="room-controls-title" className="text-2xl font-bold">
        {t('ctl.title')}
      </h2>

      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-end gap-2">
          <SelectField className="min-w-64 flex-1" label={t('ctl.incident')} value={script} options={SCRIPT_LIST.map((s) => ({ value: s.id, label: pick(s.name) }))} onChange={(id) => setScript(id)} />
          <button type="button" className={buttonClass('primary')} onClick={() => void actions.startIncident(script)} data-testid="room-start">
            {t('ctl.start')}
          </button>
          <button type="button" className={buttonClass('secondary')} disabled={!playing && !paused} onClick={() => void actions.controlIncident(playing ? 'pause' : 'resume')}>
            {playing ? t('ctl.pause') : t('ctl.resume')}
          </button>
          <button type="button" className={buttonClass('secondary')} disabled={!playing && !paused} onClick={() => void actions.controlIncident('stop')}>
            {t('ctl.stop')}
          </button>
        </div>
        <p role="status" aria-label={t('ctl.incident')} className="text-lg tabular-nums" data-testid="room-incident" data-state={incident?.state ?? 'none'}>
          {incident ? t('ctl.incidentState', { name: pick(SCRIPTS[incident.id].name), state: t(`state.${incident.state}`), n: incident.next, total: incident.total }) : t('ctl.noIncident')}
        </p>
        {incident?.last ? <p className="text-lg text-slate-700 dark:text-slate-300" data-testid="room-caption">{pick(incident.last.caption)}</p> : null}
        <p className="text-base text-slate-600 dark:text-slate-400">{t('ctl.startNote')}</p>
      </div>

      <div className="flex flex-col gap-2">
        <RadioPills label={t('ctl.policy')} name="room-policy" value={view.policy.preset} options={ROOM_POLICY_IDS.map((id) => ({ value: id, label: t(`policy.${id}`) }))} onChange={(preset) => actions.setPolicy({ preset })} />
        <CheckboxField label={t('ctl.studentsChoose')} checked={view.policy.studentsChoose} onChange={(studentsChoose) => actions.setPolicy({ studentsChoose })} />
      </div>

      <div className="flex flex-wrap items-end gap-2">
        <NumberField className="w-48" label={t('ctl.simulated')} value={count} min={0} max={ROOM_LIMITS.maxSimulated} integer onCommit={(n) => setCount(n)} onValue={(n) => setCount(n)} data-testid="room-sim-count" />
        <button type="button" className={buttonClass('secondary')} onClick={() => void actions.configure({ simulated: count })} data-testid="room-fill">
          {t('ctl.fill')} ({count})
        </button>
        <button type="button" className={buttonClass('secondary')} disabled={view.simulated === 0} onClick={() => void actions.configure({ simulated: 0 })}>
          {t('ctl.clear')}
        </button>
      </div>

      <fieldset className="flex flex-col gap-2 border-t border-slate-200 pt-3 dark:border-slate-700">
        <legend className="pr-2 text-lg font-semibold">{t('ctl.capacity')}</legend>
        <CheckboxField label={t('ctl.capacityOn')} checked={cap.enabled} onChange={(enabled) => actions.configure({ capacity: { enabled } })} />
        <div className="flex flex-wrap gap-2">
          <NumberField className="w-40" label={t('ctl.rate')} value={cap.callsPerSecond} min={ROOM_LIMITS.capacity.min} max={ROOM_LIMITS.capacity.max} onCommit={(callsPerSecond) => actions.configure({ capacity: { callsPerSecond } })} disabled={!cap.enabled} />
          <NumberField className="w-40" label={t('ctl.burst')} value={cap.burst} min={ROOM_LIMITS.capacity.min} max={ROOM_LIMITS.capacity.max} integer onCommit={(burst) => actions.configure({ capacity: { burst } })} disabled={!cap.enabled} />
          <SelectField className="min-w-72" label={t('ctl.answer')} value={cap.answer} options={(['503', '429'] as const).map((a) => ({ value: a, label: t(`answer.${a}`) }))} onChange={(answer) => actions.configure({ capacity: { answer } })} disabled={!cap.enabled} />
        </div>
      </fieldset>

      <RadioPills label={t('ctl.speed')} name="room-speed" value={view.speed} options={SPEEDS.map((s) => ({ value: s, label: t(`speed.${s}`) }))} onChange={(speed) => actions.configure({ speed })} />
    </section>
  );
}
