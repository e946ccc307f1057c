'use client';

import { useEffect, useId } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { buttonClass } from '@/components/ui/styles';
import { SPEEDS } from '@/lib/contract';
import { useSandbox } from './sandbox-provider';

/** Buttons that shortcuts press, marked with `data-shortcut` so a key does exactly what the click does. */
export type ShortcutTarget = 'send' | 'burst' | 'reset' | 'time-toggle' | 'script-toggle' | 'script-step' | 'script-restart' | 'script-prev' | 'script-next' | 'view';

/** Alt + letter (or bracket) → the button it presses. Matched by `event.code`, so every layout works. */
const ALT_KEYS: Record<string, ShortcutTarget> = {
  KeyB: 'burst',
  KeyS: 'send',
  KeyR: 'reset',
  KeyT: 'time-toggle',
  KeyP: 'script-toggle',
  KeyN: 'script-step',
  BracketLeft: 'script-prev',
  BracketRight: 'script-next',
  KeyV: 'view',
};

/** Alt + Shift + letter → the button it presses. */
const ALT_SHIFT_KEYS: Record<string, ShortcutTarget> = { KeyR: 'script-restart' };

/** The preset `by` steps from `current` in `ids` (wrapping round); from nothing, the first or the last. */
export function stepPreset(ids: readonly string[], current: string | null, by: 1 | -1): string | undefined {
  if (ids.length === 0) return undefined;
  const i = current === null ? -1 : ids.indexOf(current);
  if (i < 0) return by === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(i + by + ids.length) % ids.length];
}

/**
 * True when the key goes to a text field: shortcuts must never steal a key
 * from someone typing (macOS types ¡™£ with Option+digit, for one).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/**
 * Instructor shortcuts, listed in a help popover: Alt+1…9 the first nine
 * presets and Alt+, / Alt+. every preset in turn; Alt+Shift+1/2/3 the speed;
 * Alt+B burst, Alt+S send, Alt+R reset, Alt+T pause / resume sandbox time; Alt+P play / pause the script, Alt+N
 * step it, Alt+Shift+R restart it, Alt+[ / Alt+] pick it; Alt+V the presenter
 * view; ? help. Keys are matched by `event.code`, so they work on every keyboard layout.
 */
export function Shortcuts() {
  const t = useT();
  const popoverId = useId().replace(/:/g, '');
  const { catalogue, actions, store } = useSandbox();

  useEffect(() => {
    const press = (target: ShortcutTarget) => document.querySelector<HTMLButtonElement>(`[data-shortcut="${target}"]`)?.click();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      // Before the session exists a key would race the page's own start-up request (and meet a 401).
      if (!store.getSnapshot().session) return;
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
      if (e.altKey && digit) {
        const n = Number(digit);
        if (e.shiftKey) {
          const speed = SPEEDS[n - 1];
          if (speed === undefined) return;
          e.preventDefault();
          void actions.setSpeed(speed);
          return;
        }
        const preset = catalogue?.presets[n - 1];
        if (!preset) return;
        e.preventDefault();
        void actions.choosePreset(preset.id);
        return;
      }
      if (e.altKey && !e.shiftKey && (e.code === 'Comma' || e.code === 'Period')) {
        const next = stepPreset(catalogue?.presets.map((p) => p.id) ?? [], store.getSnapshot().session?.presetId ?? null, e.code === 'Period' ? 1 : -1);
        if (!next) return;
        e.preventDefault();
        void actions.choosePreset(next);
        return;
      }
      if (e.altKey) {
        const target = (e.shiftKey ? ALT_SHIFT_KEYS : ALT_KEYS)[e.code];
        if (target) {
          e.preventDefault();
          press(target);
        }
        return;
      }
      if (e.key === '?' && !e.altKey) {
        e.preventDefault();
        (document.getElementById(popoverId) as (HTMLElement & { togglePopover?: () => void }) | null)?.togglePopover?.();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, catalogue, popoverId, store]);

  const rows: [string, string][] = [
    ['Alt + 1 … 9', t('help.presets')],
    ['Alt + , / Alt + .', t('help.presetsAll')],
    ['Alt + Shift + 1 / 2 / 3', t('help.speed')],
    ['Alt + S', t('help.send')],
    ['Alt + B', t('help.burst')],
    ['Alt + R', t('help.reset')],
    ['Alt + T', t('help.time')],
    ['Alt + P', t('help.script')],
    ['Alt + N', t('help.step')],
    ['Alt + Shift + R', t('help.restart')],
    ['Alt + [ / Alt + ]', t('help.scriptPick')],
    ['Alt + V', t('help.view')],
    ['?', t('help.help')],
  ];
  return (
    <>
      <button type="button" className={buttonClass('secondary')} popoverTarget={popoverId} aria-keyshortcuts="?">
        <span aria-hidden="true">⌨</span> {t('help.button')}
      </button>
      <div
        id={popoverId}
        popover="auto"
        role="dialog"
        aria-label={t('help.title')}
        className="m-auto w-[32rem] max-w-[90vw] rounded-xl border border-slate-300 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-black/30 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 className="mb-3 text-xl font-bold">{t('help.title')}</h2>
        <table className="w-full text-base">
          <tbody>
            {rows.map(([keys, what]) => (
              <tr key={keys} className="border-b border-slate-200 last:border-0 dark:border-slate-700">
                <td className="py-1.5 pr-4">
                  <kbd className="rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-800">{keys}</kbd>
                </td>
                <td className="py-1.5">{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t('help.note')}</p>
        <button type="button" className={`${buttonClass('primary')} mt-4`} popoverTarget={popoverId} popoverTargetAction="hide">
          {t('help.close')}
        </button>
      </div>
    </>
  );
}
