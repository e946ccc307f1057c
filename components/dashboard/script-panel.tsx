'use client';

import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import { SelectField } from '@/components/ui/fields';
import { buttonClass, panelClass } from '@/components/ui/styles';
import { SCRIPT_LIST, SCRIPTS, type ScriptId } from '@/lib/scenario/scripts';
import { useSandbox, useSandboxState } from './sandbox-provider';

/** Page time, refreshed every `everyMs` while `active`. */
function useTicker(active: boolean, everyMs: number): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(performance.now()), everyMs);
    return () => clearInterval(id);
  }, [active, everyMs]);
  return now;
}

/**
 * Scripted incidents: pick one, play it from sandbox time 0, pause, step one
 * event, restart, stop. Each button carries `data-shortcut`, so the
 * instructor's keys (Alt+P, Alt+N, Alt+Shift+R, Alt+[ / Alt+]) press exactly it.
 * `large`: the presenter view's sizes.
 */
export function ScriptPanel({ large = false }: { large?: boolean }) {
  const { t, pick } = useI18n();
  const { actions } = useSandbox();
  const script = useSandboxState((s) => s.script);
  // In a classroom room the instructor runs the incident: the panel shows it but cannot drive it.
  const inRoom = useSandboxState((s) => Boolean(s.session?.room));
  const ready = useSandboxState((s) => s.session !== null) && !inRoom;
  const [chosen, setChosen] = useState<ScriptId>(SCRIPT_LIST[0]!.id);
  // The picker follows a script started elsewhere (a replay link, another tab's shortcut).
  const [followed, setFollowed] = useState<ScriptId | null>(null);
  if (script && script.id !== followed) {
    setFollowed(script.id);
    setChosen(script.id);
  }
  const playing = script?.state === 'playing';
  const pausedHere = script?.state === 'paused' && script.id === chosen;
  const wall = useTicker(playing, 250);
  const clock = useSandboxState((s) => s.clock);
  const speed = useSandboxState((s) => s.session?.speed ?? 1);
  // While playing, script time runs on with the (estimated) sandbox clock since the last step fired.
  const sandboxNow = clock.at + Math.max(0, wall - clock.wall) * speed;
  const scriptTime = !script ? 0 : playing && script.last && wall > 0 ? Math.min(script.lengthMs, SCRIPTS[script.id].steps[script.last.index]!.atMs + Math.max(0, sandboxNow - script.last.at)) : script.atMs;

  const index = SCRIPT_LIST.findIndex((s) => s.id === chosen);
  const move = (by: number) => setChosen(SCRIPT_LIST[(index + by + SCRIPT_LIST.length) % SCRIPT_LIST.length]!.id);
  const toggle = () => {
    if (playing) return void actions.script({ action: 'pause' });
    if (pausedHere) return void actions.script({ action: 'resume' });
    void actions.script({ action: 'start', id: chosen });
  };
  const button = large ? `${buttonClass('secondary')} !px-2` : buttonClass('secondary');

  return (
    <section aria-labelledby="script-title" className={`${panelClass} flex flex-col ${large ? 'gap-2' : 'gap-3'}`} data-testid="script-panel">
      <h2 id="script-title" className={large ? 'text-lg font-bold' : 'text-xl font-bold'}>
        {t('script.title')}
        {inRoom ? <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">{t('script.inRoom')}</span> : null}
      </h2>
      <div className="flex items-end gap-1">
        <button type="button" className={button} onClick={() => move(-1)} data-shortcut="script-prev" aria-keyshortcuts="Alt+BracketLeft" aria-label={t('help.scriptPick')}>
          ◀
        </button>
        <SelectField
          className="min-w-0 flex-1"
          label={t('script.pick')}
          value={chosen}
          options={SCRIPT_LIST.map((s) => ({ value: s.id, label: pick(s.name) }))}
          onChange={(id) => setChosen(id)}
        />
        <button type="button" className={button} onClick={() => move(1)} data-shortcut="script-next" aria-keyshortcuts="Alt+BracketRight" aria-label={t('help.scriptPick')}>
          ▶
        </button>
      </div>
      {!large ? <p className="text-sm text-slate-600 dark:text-slate-400">{pick(SCRIPTS[chosen].description)}</p> : null}
      <div className={`flex flex-wrap ${large ? 'gap-1' : 'gap-2'}`}>
        <button type="button" className={large ? `${buttonClass('primary')} !px-2` : buttonClass('primary')} disabled={!ready} onClick={toggle} data-shortcut="script-toggle" aria-keyshortcuts="Alt+P">
          {playing ? `‖ ${t('script.pause')}` : pausedHere ? `▶ ${t('script.resume')}` : `▶ ${t('script.play')}`}
        </button>
        <button type="button" className={button} disabled={!ready || !script || script.state === 'done' || script.state === 'stopped'} onClick={() => void actions.script({ action: 'step' })} data-shortcut="script-step" aria-keyshortcuts="Alt+N">
          » {t('script.step')}
        </button>
        <button type="button" className={button} disabled={!ready || !script} onClick={() => void actions.script({ action: 'restart' })} data-shortcut="script-restart" aria-keyshortcuts="Alt+Shift+R">
          ↺ {t('script.restart')}
        </button>
        <button type="button" className={button} disabled={!ready || !script || script.state === 'done' || script.state === 'stopped'} onClick={() => void actions.script({ action: 'stop' })}>
          ■ {t('script.stop')}
        </button>
      </div>
      <p role="status" aria-label={t('script.status')} className="text-base tabular-nums text-slate-700 dark:text-slate-300" data-testid="script-status" data-state={script?.state ?? 'none'} data-script={script?.id}>
        {script
          ? `${large ? '' : `${pick(SCRIPTS[script.id].name)} · `}${t(`script.state.${script.state}`)} · ${
              script.state === 'done'
                ? t('script.steps', { n: script.next, total: script.total })
                : t(large ? 'script.progressShort' : 'script.progress', { n: script.next, total: script.total, t: (scriptTime / 1000).toFixed(1), length: (script.lengthMs / 1000).toFixed(0) })
            }`
          : t('script.none')}
      </p>
      {!large ? <p className="text-sm text-slate-600 dark:text-slate-400">{t('script.note')}</p> : null}
    </section>
  );
}
