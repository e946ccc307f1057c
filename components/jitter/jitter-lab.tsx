'use client';

import { useCallback, useState } from 'react';
import { CompareCharts } from './compare-charts';
import { formatDuration } from './chart-data';
import { JitterControls } from './jitter-controls';
import { JitterLessons } from './jitter-lessons';
import { BASELINE_STRATEGY, DEFAULT_LAB_PARAMS, SWEEP_CLIENT_COUNTS, type LabParams } from './lab-params';
import { SweepCharts } from './sweep-charts';
import { TotalsTable } from './totals-table';
import { useDebounced } from './use-debounced';
import { useJitterLab, type LabState } from './use-jitter-lab';
import { useJitterT } from './use-jitter-t';

/** One status line: computing or up to date, how long the last recompute took, and where it ran. */
function LabStatus({ lab }: { lab: LabState }) {
  const { t } = useJitterT();
  const { timings } = lab;
  const sweepDone = lab.sweep?.result.points.length ?? 0;
  return (
    <div className="flex flex-col gap-1 text-base" role="status" aria-live="polite" data-testid="jitter-status" data-computing={lab.computing || undefined}>
      <p>
        <span className={lab.computing ? 'text-amber-700 dark:text-amber-400' : 'text-emerald-700 dark:text-emerald-400'}>
          {lab.computing ? t('status.computing') : t('status.ready')}
        </span>
        {lab.sweeping ? <span> · {t('status.sweeping', { done: sweepDone, total: SWEEP_CLIENT_COUNTS.length })}</span> : null}
      </p>
      {timings.compare !== undefined && timings.totals !== undefined ? (
        <p className="text-sm text-slate-600 tabular-nums dark:text-slate-400" data-testid="jitter-timing">
          {t('status.timing', { compare: formatDuration(timings.compare), totals: formatDuration(timings.totals) })}
          {timings.sweep !== undefined ? t('status.sweepTiming', { sweep: formatDuration(timings.sweep) }) : ''}{' '}
          {lab.engine ? t(lab.engine === 'worker' ? 'status.engine.worker' : 'status.engine.main') : ''}
        </p>
      ) : null}
      {lab.error ? (
        <p className="text-orange-700 dark:text-orange-400" role="alert">
          {t('status.error', { message: lab.error })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The jitter lab: controls on the left; on the right the comparison, the totals
 * and the clients sweep, all computed by lib/sim in a Web Worker.
 */
export function JitterLab() {
  const [params, setParams] = useState<LabParams>(DEFAULT_LAB_PARAMS);
  // The controls move at once; the simulator sees settled values only (~100 ms after the last input).
  const settled = useDebounced(params, 100);
  const lab = useJitterLab(settled);
  const chosen = lab.compare?.strategies.find((s) => s.id !== BASELINE_STRATEGY)?.id ?? settled.strategy;
  const tryBudget = useCallback(() => setParams((p) => ({ ...p, model: 'api', budget: true })), []);
  return (
    <div className="flex flex-col gap-8">
      <div className="grid items-start gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <div className="lg:sticky lg:top-4">
          <JitterControls params={params} onChange={setParams} />
        </div>
        <div className="flex min-w-0 flex-col gap-8">
          <LabStatus lab={lab} />
          <CompareCharts result={lab.compare} />
          <TotalsTable result={lab.totals} chosen={chosen} />
          <SweepCharts sweep={lab.sweep} chosen={chosen} clients={lab.compare?.options.clients ?? settled.clients} />
        </div>
      </div>
      <JitterLessons onTryBudget={tryBudget} />
    </div>
  );
}
