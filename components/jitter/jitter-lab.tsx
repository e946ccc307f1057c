'use client';

import { useCallback, useState } from 'react';
import { LabLayout } from '@/components/lab/lab-layout';
import { LabStatus } from '@/components/lab/lab-status';
import { useDebounced } from '@/components/lab/use-debounced';
import { CompareCharts } from './compare-charts';
import { formatDuration } from './chart-data';
import { JitterControls } from './jitter-controls';
import { JitterLessons } from './jitter-lessons';
import { BASELINE_STRATEGY, DEFAULT_LAB_PARAMS, SWEEP_CLIENT_COUNTS, type LabParams } from './lab-params';
import { SweepCharts } from './sweep-charts';
import { TotalsTable } from './totals-table';
import { useJitterLab, type LabState } from './use-jitter-lab';
import { useJitterT } from './use-jitter-t';

/** One status line: computing or up to date, how long the last recompute took, and where it ran. */
function JitterStatus({ lab }: { lab: LabState }) {
  const { t } = useJitterT();
  const { timings } = lab;
  const sweepDone = lab.sweep?.result.points.length ?? 0;
  return (
    <LabStatus
      testIdPrefix="jitter"
      computing={lab.computing}
      state={lab.computing ? t('status.computing') : t('status.ready')}
      progress={lab.sweeping ? t('status.sweeping', { done: sweepDone, total: SWEEP_CLIENT_COUNTS.length }) : undefined}
      timing={
        timings.compare !== undefined && timings.totals !== undefined
          ? t('status.timing', { compare: formatDuration(timings.compare), totals: formatDuration(timings.totals) }) +
            (timings.sweep !== undefined ? t('status.sweepTiming', { sweep: formatDuration(timings.sweep) }) : '')
          : undefined
      }
      engine={lab.engine ? t(lab.engine === 'worker' ? 'status.engine.worker' : 'status.engine.main') : undefined}
      error={lab.error ? t('status.error', { message: lab.error }) : undefined}
    />
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
    <LabLayout controls={<JitterControls params={params} onChange={setParams} />} lessons={<JitterLessons onTryBudget={tryBudget} />} controlsWidth="20rem" resultsGap={8}>
      <JitterStatus lab={lab} />
      <CompareCharts result={lab.compare} />
      <TotalsTable result={lab.totals} chosen={chosen} />
      <SweepCharts sweep={lab.sweep} chosen={chosen} clients={lab.compare?.options.clients ?? settled.clients} />
    </LabLayout>
  );
}
