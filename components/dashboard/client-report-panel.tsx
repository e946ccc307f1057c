'use client';

import { useMemo } from 'react';
import { translatorFor, useI18n } from '@/components/i18n/i18n-provider';
import { panelClass } from '@/components/ui/styles';
import { ClientReportCard } from './client-report-card';
import { ClientReportExam } from './client-report-exam';
import { useClientReport } from './client-report-poll';
import { latestCalls, timelinePoints } from './client-report-state';
import { ClientCallTable, ClientReportTimeline } from './client-report-timeline';
import { useSandboxState } from './sandbox-provider';

/**
 * "你的代码 / Your code": the live report card of the student's own client,
 * graded from what this session's endpoint saw, with the graded exam and the
 * timeline of the code's calls (issue 11).
 */
export function ClientReportPanel() {
  const { t, locale } = useI18n();
  const sessionId = useSandboxState((s) => s.session?.id ?? null);
  const { report, error, busy, exam } = useClientReport(sessionId);
  const tr = translatorFor(locale);
  const points = useMemo(() => (report ? timelinePoints(report.calls) : []), [report]);
  const calls = useMemo(() => (report ? latestCalls(report) : []), [report]);

  return (
    <section aria-labelledby="grade-title" className={`${panelClass} flex flex-col gap-3`} data-testid="client-report">
      <div>
        <h2 id="grade-title" className="text-xl font-bold">
          {t('grade.title')}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('grade.subtitle')}</p>
      </div>
      {error ? (
        <p role="alert" className="text-orange-800 dark:text-orange-300">
          {t('grade.error', { message: error })}
        </p>
      ) : null}
      {!report ? (
        <p className="text-slate-500">{t('grade.loading')}</p>
      ) : (
        <>
          <ClientReportExam exam={report.exam} busy={busy} onAction={(request) => void exam(request)} />
          {report.calls.length === 0 ? <p className="text-slate-600 dark:text-slate-400">{t('grade.empty')}</p> : null}
          <ClientReportCard checks={report.checks} />
          {/* Its own box: the chart frame fills the height of a grid cell, and this is not one. */}
          <div>
            <ClientReportTimeline points={points} tr={tr} />
          </div>
          {calls.length > 0 ? <ClientCallTable calls={calls} tr={tr} /> : null}
          {report.dropped > 0 ? <p className="text-sm text-slate-500">{t('grade.dropped', { n: report.dropped })}</p> : null}
        </>
      )}
    </section>
  );
}
