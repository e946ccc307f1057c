'use client';

import { useId, useState, type FormEvent } from 'react';
import { useI18n, useT } from '@/components/i18n/i18n-provider';
import { CheckboxField, NumberField } from '@/components/ui/fields';
import { buttonClass, focusRing, inputClass, panelClass } from '@/components/ui/styles';
import { SPEEDS, type RunRequest, type RunStatus, type Speed } from '@/lib/contract';
import { LESSON_QUESTIONS as LESSON_QUESTIONS_ZH, LOAD_QUESTIONS } from '@/lib/scenario/models';
import { LESSON_QUESTIONS_EN } from '@/lib/scenario/scripts';
import { formatSpeed } from './achieved-speed';
import { formatCount, formatDuration } from './format';
import { useSandbox, useSandboxState } from './sandbox-provider';
import { runProgress } from './sandbox-state';
import { useAchievedSpeed } from './use-achieved-speed';

/** The lesson demo's questions (`test_cases`), offered as quick picks, in Chinese. */
export const LESSON_QUESTIONS = LESSON_QUESTIONS_ZH;

/** The quick picks in the page's language: the lesson's own questions, or their English. */
export function lessonQuestions(locale: string): readonly string[] {
  return locale === 'en' ? LESSON_QUESTIONS_EN : LESSON_QUESTIONS_ZH;
}

/**
 * A burst or a steady load as the API wants it. Without `messages` the server sends
 * distinct messages; with repeats, the lesson's question pool is sent along and drawn
 * from with repeats, so the cache can answer.
 */
export function loadRequest(load: { kind: 'burst'; count: number } | { kind: 'steady'; rps: number }, repeats: boolean): RunRequest {
  return repeats ? { ...load, messages: [...LOAD_QUESTIONS] } : load;
}

/**
 * Send one message, a burst of N or a steady load; reset; set the speed of
 * sandbox time. Bursts and loads report progress through `run` events.
 */
export function RunControls() {
  const { t, locale } = useI18n();
  const { actions, lastAnswer } = useSandbox();
  const run = useRunProgress();
  const ready = useSandboxState((s) => s.session !== null);
  const messageId = useId();
  const questions = lessonQuestions(locale);
  const [message, setMessage] = useState<string | null>(null);
  const typed = message ?? questions[0]!;
  const [sending, setSending] = useState(false);
  const [burst, setBurst] = useState(10);
  const [rps, setRps] = useState(5);
  const [repeats, setRepeats] = useState(false);
  const running = run?.state === 'running';

  const send = async (text: string) => {
    if (!text.trim()) return;
    setSending(true);
    await actions.chat(text.trim());
    setSending(false);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(typed);
  };

  return (
    <section aria-labelledby="run-title" className={`${panelClass} flex flex-col gap-4`}>
      <h2 id="run-title" className="text-xl font-bold">
        {t('run.title')}
      </h2>

      <form onSubmit={onSubmit} className="flex flex-col gap-2">
        <label htmlFor={messageId} className="text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('run.message')}
        </label>
        <div className="flex gap-2">
          <input id={messageId} className={inputClass} value={typed} maxLength={4000} onChange={(e) => setMessage(e.target.value)} />
          <button type="submit" className={`${buttonClass('primary')} shrink-0`} disabled={!ready || sending || !typed.trim()} data-shortcut="send" aria-keyshortcuts="Alt+S">
            {sending ? t('run.sending') : t('run.send')}
          </button>
        </div>
        <div role="group" aria-label={t('run.quick')} className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600 dark:text-slate-400">{t('run.quick')}:</span>
          {questions.map((q) => (
            <button
              key={q}
              type="button"
              lang={locale}
              className={buttonClass('secondary')}
              disabled={!ready || sending}
              onClick={() => {
                setMessage(q);
                void send(q);
              }}
            >
              {q}
            </button>
          ))}
        </div>
      </form>

      <div className="grid grid-cols-1 gap-4 2xl:grid-cols-2">
        <div className="flex items-end gap-2">
          {/* onValue: the button sends what the field shows, even before the field commits it (issue 12). */}
          <NumberField className="w-40" label={t('run.burstCount')} value={burst} min={1} max={5000} step={1} integer onCommit={setBurst} onValue={setBurst} data-testid="burst-count" />
          <button
            type="button"
            className={buttonClass('primary')}
            disabled={!ready}
            data-shortcut="burst"
            aria-keyshortcuts="Alt+B"
            onClick={() => void actions.run(loadRequest({ kind: 'burst', count: burst }, repeats))}
          >
            {t('run.burst')} · {t('run.burstGo', { n: burst })}
          </button>
        </div>
        <div className="flex items-end gap-2">
          <NumberField className="w-40" label={t('run.rps')} value={rps} min={0.1} max={50} step={1} onCommit={setRps} onValue={setRps} />
          {running && run?.kind === 'steady' ? (
            <button type="button" className={buttonClass('danger')} onClick={() => void actions.run({ kind: 'stop' })}>
              ■ {t('run.stop')}
            </button>
          ) : (
            <button type="button" className={buttonClass('secondary')} disabled={!ready} data-shortcut="steady" onClick={() => void actions.run(loadRequest({ kind: 'steady', rps }, repeats))}>
              ▶ {t('run.steady')} · {t('run.start')}
            </button>
          )}
          {running && run?.kind === 'burst' ? (
            <button type="button" className={buttonClass('danger')} onClick={() => void actions.run({ kind: 'stop' })}>
              ■ {t('run.stop')}
            </button>
          ) : null}
        </div>
      </div>

      <div className="flex flex-col gap-1">
        <CheckboxField label={t('run.repeats')} checked={repeats} onChange={setRepeats} />
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="burst-messages">
          {t(repeats ? 'run.repeatsNote' : 'run.distinctNote')}
        </p>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <SpeedPicker />
        <button type="button" className={`${buttonClass('danger')} ${focusRing}`} disabled={!ready} data-shortcut="reset" aria-keyshortcuts="Alt+R" onClick={() => void actions.reset()}>
          ↺ {t('run.reset')}
        </button>
      </div>

      <RunStatusLine run={run} />

      {lastAnswer ? (
        <div className="rounded-lg bg-slate-50 p-3 dark:bg-slate-800" data-testid="last-answer">
          <div className="text-sm text-slate-600 dark:text-slate-400">
            {t('run.lastAnswer')} · #{lastAnswer.id} · {t('run.answeredBy', { source: t(`source.${lastAnswer.source}`), ms: formatDuration(lastAnswer.latencyMs) })}
          </div>
          <p className="mt-1 line-clamp-3 text-base" data-model-output>
            {lastAnswer.content}
          </p>
        </div>
      ) : null}
    </section>
  );
}

/**
 * Real time, ×10 or ×60: a radio group (Alt+Shift+1/2/3), and beside it the
 * speed sandbox time really runs at when a busy server slows it (see
 * {@link useAchievedSpeed}). `large`: the presenter view's size.
 */
export function SpeedPicker({ large = false }: { large?: boolean }) {
  const t = useT();
  const shortfall = useAchievedSpeed();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SpeedRadios large={large} />
      <PauseTimeButton large={large} />
      {shortfall ? (
        <>
          <span
            className={`rounded-lg border border-orange-300 bg-orange-50 px-2 py-1 font-medium tabular-nums text-orange-900 dark:border-orange-700 dark:bg-orange-950 dark:text-orange-200 ${large ? 'text-base' : 'text-sm'}`}
            title={t('run.speed.achievedWhy')}
            data-testid="achieved-speed"
          >
            {t('run.speed.achieved', { asked: formatSpeed(shortfall.asked), achieved: formatSpeed(shortfall.achieved) })}
          </span>
          {/* The title is for the pointer; this is the same reason for a screen reader. */}
          <span className="sr-only">{t('run.speed.achievedWhy')}</span>
        </>
      ) : null}
    </div>
  );
}

/** Pause and resume sandbox time itself (Alt+T): runs, retries' waits and the breaker's open period all hold. */
function PauseTimeButton({ large }: { large: boolean }) {
  const t = useT();
  const { actions } = useSandbox();
  const paused = useSandboxState((s) => s.session?.paused ?? false);
  return (
    <button
      type="button"
      className={`${buttonClass(paused ? 'primary' : 'secondary')} ${large ? 'text-base' : ''}`}
      aria-pressed={paused}
      title={t('run.time.why')}
      data-shortcut="time-toggle"
      aria-keyshortcuts="Alt+T"
      onClick={() => void actions.updateSession({ paused: !paused })}
    >
      {t(paused ? 'run.time.resume' : 'run.time.pause')}
    </button>
  );
}

function SpeedRadios({ large }: { large: boolean }) {
  const t = useT();
  const { actions } = useSandbox();
  const serverSpeed = useSandboxState((s) => s.session?.speed ?? 1);
  // The radio moves at once; the server's answer confirms it.
  const [pendingSpeed, setPendingSpeed] = useState<Speed | null>(null);
  const speed = pendingSpeed ?? serverSpeed;
  return (
    <div role="radiogroup" aria-label={t('run.speed')} className="flex items-center gap-1">
      <span className={`mr-2 ${large ? 'text-base' : 'text-sm'} font-medium text-slate-700 dark:text-slate-300`} aria-hidden="true">
        {t('run.speed')}
      </span>
      {SPEEDS.map((s, i) => (
        <label
          key={s}
          className={`relative cursor-pointer rounded-lg border ${large ? 'px-2' : 'px-3'} py-1.5 text-base has-[:checked]:border-sky-700 has-[:checked]:bg-sky-700 has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sky-600 dark:has-[:checked]:bg-sky-600`}
        >
          {/* The real radio covers the label, invisible: native keyboard behaviour, and clicks land on it. */}
          <input
            type="radio"
            name="sandbox-speed"
            className="absolute inset-0 cursor-pointer appearance-none opacity-0"
            value={s}
            checked={speed === s}
            onChange={async () => {
              setPendingSpeed(s);
              await actions.setSpeed(s);
              setPendingSpeed(null);
            }}
            aria-keyshortcuts={`Alt+Shift+${i + 1}`}
          />
          {t(`run.speed.${s}`)}
        </label>
      ))}
    </div>
  );
}

/** The current run's progress, never behind the stat cards (see {@link runProgress}). */
export function useRunProgress(): RunStatus | null {
  const run = useSandboxState((s) => s.run);
  const seen = useSandboxState((s) => s.runSeen);
  return runProgress(run, seen);
}

/** Progress of the current burst or steady load, announced politely. */
export function RunStatusLine({ run, className = 'min-h-6 text-base' }: { run: RunStatus | null; className?: string }) {
  const t = useT();
  const text = !run
    ? ''
    : `${run.kind === 'burst' ? t('run.status.burst', { completed: formatCount(run.completed), total: formatCount(run.total ?? run.sent) }) : t('run.status.steady', { rps: run.rps ?? 0, completed: formatCount(run.completed) })} · ${t(`run.status.${run.state}`)}`;
  return (
    <p role="status" aria-live="polite" className={`${className} tabular-nums text-slate-700 dark:text-slate-300`} data-testid="run-status" data-state={run?.state}>
      {text}
    </p>
  );
}
