'use client';

import { memo, useMemo, useState } from 'react';
import { useStaggered } from '@/components/charts/use-staggered';
import { translatorFor, useI18n, type Translator } from '@/components/i18n/i18n-provider';
import { SelectField } from '@/components/ui/fields';
import { buttonClass, focusRing, panelClass } from '@/components/ui/styles';
import type { AnswerSource, RequestRecord } from '@/lib/contract';
import { SOURCES } from './aggregate';
import { formatCount, formatDuration } from './format';
import { RequestWaterfall } from './request-waterfall';
import { useSandbox, useSandboxState } from './sandbox-provider';

/** Rows shown in the list; the full history (up to 10 000) is in the JSON export. */
const LIST_ROWS = 100;

/** Download the kept request records as a JSON file (for the student's notes, or to diff two runs). */
function exportJson(records: readonly RequestRecord[], sessionId: string | undefined) {
  const blob = new Blob([JSON.stringify({ exportedAt: new Date().toISOString(), session: sessionId, requests: records }, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `sandbox-requests-${sessionId ?? 'session'}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The latest requests, newest first, filterable by source; click one to see
 * its waterfall. Until one is clicked, the last message sent from this page
 * (or else the newest request) is shown.
 */
export function RequestInspector() {
  const { t, locale } = useI18n();
  const { lastAnswer } = useSandbox();
  // The list and the waterfall take a turn of their own after the charts' (see useStaggered).
  const live = useSandboxState((s) => s.records);
  const records = useStaggered(live);
  const tr = useStaggered(translatorFor(locale));
  const sessionId = useSandboxState((s) => s.session?.id);
  const [filter, setFilter] = useState<AnswerSource | 'all'>('all');
  const [selectedId, setSelectedId] = useState<number | null>(null);

  const rows = useMemo(() => {
    const out: RequestRecord[] = [];
    for (let i = records.length - 1; i >= 0 && out.length < LIST_ROWS; i--) {
      const r = records[i]!;
      if (filter === 'all' || r.source === filter) out.push(r);
    }
    return out;
  }, [records, filter]);

  const shownId = selectedId ?? lastAnswer?.id ?? records[records.length - 1]?.id ?? null;
  const shown = useMemo(() => {
    if (shownId === null) return null;
    if (lastAnswer?.id === shownId) return lastAnswer;
    for (let i = records.length - 1; i >= 0; i--) if (records[i]!.id === shownId) return records[i]!;
    return null;
  }, [records, shownId, lastAnswer]);

  return (
    <section aria-labelledby="inspector-title" className={`${panelClass} flex flex-col gap-3`}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="inspector-title" className="text-xl font-bold">
            {t('inspector.title')}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('inspector.subtitle')}</p>
        </div>
        <div className="flex items-end gap-2">
          <SelectField
            label={t('inspector.filter')}
            value={filter}
            options={[{ value: 'all' as const, label: t('inspector.all') }, ...SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))]}
            onChange={setFilter}
          />
          <button type="button" className={buttonClass('secondary')} disabled={records.length === 0} onClick={() => exportJson(records, sessionId)}>
            ⇩ {t('inspector.export')}
          </button>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-4 2xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-semibold text-slate-600 dark:text-slate-400">{t('inspector.recent', { n: formatCount(records.length) })}</h3>
          {rows.length === 0 ? <p className="text-slate-500">{t('inspector.none')}</p> : <RequestList rows={rows} shownId={shownId} onSelect={setSelectedId} tr={tr} />}
        </div>
        <div className="min-w-0">{shown ? <RequestWaterfall record={shown} tr={tr} /> : <p className="text-slate-500">{t('inspector.pick')}</p>}</div>
      </div>
    </section>
  );
}

/** The clickable rows (memoised: a flush that changes nothing here re-renders nothing). */
const RequestList = memo(function RequestList({
  rows,
  shownId,
  onSelect,
  tr,
}: {
  rows: readonly RequestRecord[];
  shownId: number | null;
  onSelect: (id: number) => void;
  tr: Translator;
}) {
  const { t } = tr;
  return (
    <ul className="flex max-h-[24rem] flex-col overflow-y-auto rounded-lg border border-slate-200 dark:border-slate-700" data-testid="request-list">
      {rows.map((r) => (
        <li key={r.id}>
          <button
            type="button"
            aria-pressed={r.id === shownId}
            aria-label={`${t('inspector.select', { id: r.id })}: ${t(`source.${r.source}`)}, ${formatDuration(r.latencyMs)}${r.upstreamCalls > r.attempts ? `, ${t('inspector.upstreamCalls', { n: r.upstreamCalls })}` : ''}`}
            onClick={() => onSelect(r.id)}
            className={`grid w-full grid-cols-[3.5rem_minmax(0,1fr)_auto_3.5rem_4.5rem] items-center gap-2 border-b border-slate-100 px-2 py-1 text-left text-sm last:border-0 hover:bg-slate-50 aria-pressed:bg-sky-50 dark:border-slate-800 dark:hover:bg-slate-800 dark:aria-pressed:bg-sky-950 ${focusRing}`}
          >
            <span className="tabular-nums text-slate-500">#{r.id}</span>
            <span className="truncate">{r.message}</span>
            <span className="inline-flex items-center gap-1">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ background: `var(--${r.source})` }} />
              {t(`source.${r.source}`)}
            </span>
            {/* The service's attempts, and the upstream calls they really made when the SDK retried under them. */}
            <span className="text-right tabular-nums">
              {r.attempts}
              {r.upstreamCalls > r.attempts ? <span className="text-orange-800 dark:text-orange-300">→{r.upstreamCalls}</span> : null}
            </span>
            <span className="text-right tabular-nums">{formatDuration(r.latencyMs)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
});
