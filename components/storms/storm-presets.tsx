'use client';

import { useEffect, useId } from 'react';
import { focusRing, panelClass } from '@/components/ui/styles';
import { STORM_PRESET_IDS, type StormPresetId } from '@/lib/sim';
import type { StormMessageKey } from './messages';
import { useStormT } from './use-storm-t';

/** Is the keyboard busy with a text or number field (or a select), so digits must not switch presets? */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'range', 'button'].includes(target.type);
}

/**
 * One radio per known result, with its claim beside it. The keys 1–6 choose
 * them too (for an instructor at the projector), except while typing.
 */
export function StormPresets({ active, onChoose }: { active: StormPresetId | null; onChoose: (id: StormPresetId) => void }) {
  const { t } = useStormT();
  const titleId = useId();
  const name = useId();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      const i = Number(e.key) - 1;
      const id = STORM_PRESET_IDS[i];
      if (Number.isInteger(i) && id) {
        e.preventDefault();
        onChoose(id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onChoose]);

  return (
    <section className={`${panelClass} flex flex-col gap-3`} aria-labelledby={titleId} data-testid="storm-presets">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={titleId} className="text-xl font-semibold">
          {t('presets.title')}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t('presets.hint')} {active === null ? <span data-testid="storm-preset-custom">· {t('presets.custom')}</span> : null}
        </p>
      </div>
      <div role="radiogroup" aria-labelledby={titleId} className="grid gap-2 sm:grid-cols-2 2xl:grid-cols-3">
        {STORM_PRESET_IDS.map((id, i) => (
          <label
            key={id}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-sky-700 has-[:checked]:bg-sky-50 dark:border-slate-700 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950"
          >
            <input
              type="radio"
              name={name}
              value={id}
              checked={active === id}
              onChange={() => onChoose(id)}
              className={`mt-1 size-5 shrink-0 accent-sky-700 ${focusRing}`}
            />
            <span className="flex flex-col">
              <span className="text-base font-semibold">
                <kbd className="mr-1.5 rounded border border-slate-300 px-1 text-sm font-normal dark:border-slate-600" aria-hidden="true">
                  {i + 1}
                </kbd>
                {t(`preset.${id}` as StormMessageKey)}
              </span>
              <span className="text-sm text-slate-600 dark:text-slate-400">{t(`preset.${id}.claim` as StormMessageKey)}</span>
            </span>
          </label>
        ))}
      </div>
    </section>
  );
}
