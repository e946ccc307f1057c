'use client';

import { useCallback, useState } from 'react';
import { LabLayout } from '@/components/lab/lab-layout';
import { LabStatus } from '@/components/lab/lab-status';
import { useDebounced } from '@/components/lab/use-debounced';
import type { StormPresetId, StormRunResult } from '@/lib/sim';
import { formatMs, formatRate } from './chart-data';
import { clampStormParams, DEFAULT_STORM_PARAMS, matchingPreset, PRESET_PARAMS, sweepKey, type StormLabParams } from './lab-params';
import { StormControls } from './storm-controls';
import { StormFigures } from './storm-figures';
import { StormLessons } from './storm-lessons';
import { StormPresets } from './storm-presets';
import { StormRetryCharts } from './storm-retry-charts';
import { StormTimeCharts } from './storm-time-charts';
import { useStormLab, type StormLabState } from './use-storm-lab';
import { useStormT, type StormT } from './use-storm-t';

/** One status line: computing or up to date, how long the last run took, and where it ran. */
function StormStatus({ lab, pending }: { lab: StormLabState; pending: boolean }) {
  const { t } = useStormT();
  const { timings, run } = lab;
  const computing = pending || lab.computing;
  return (
    <LabStatus
      testIdPrefix="storm"
      computing={computing}
      state={computing ? t('status.computing') : t('status.ready')}
      timing={
        timings.run !== undefined && run
          ? t('status.timing', { run: formatMs(timings.run), requests: formatRate(run.totals.requests), attempts: formatRate(run.totals.attempts) }) +
            (timings.sweep !== undefined ? t('status.sweepTiming', { sweep: formatMs(timings.sweep) }) : '')
          : undefined
      }
      engine={lab.engine ? t(lab.engine === 'worker' ? 'status.engine.worker' : 'status.engine.main') : undefined}
      error={lab.error ? t('status.error', { message: lab.error }) : undefined}
    />
  );
}

/** The sentence that says what this run shows. */
function runNote(run: StormRunResult, t: StormT): string {
  const s = run.summary;
  const tr = run.options.trigger;
  if (!tr || !s.afterDip) return t('note.noDip');
  if (s.recoveredAfterS === null) return t('note.stuck', { end: tr.atS + tr.durationS, offered: formatRate(s.afterDip.offered), capacity: formatRate(run.options.capacity) });
  if (run.maxCallsPerRequest === 1) return t('note.noRetry');
  return t('note.recovered', { s: s.recoveredAfterS });
}

/**
 * The retry-storm lab: controls on the left; on the right the presets, the key
 * numbers and the charts, all computed by lib/sim in a Web Worker.
 */
export function StormLab() {
  const [params, setParams] = useState<StormLabParams>(DEFAULT_STORM_PARAMS);
  const { t } = useStormT();
  // The controls move at once; the model sees settled values only (~100 ms after the last input).
  const settled = useDebounced(params, 100);
  const lab = useStormLab(settled);
  const onChange = useCallback((next: StormLabParams) => setParams(clampStormParams(next)), []);
  const choose = useCallback((id: StormPresetId) => setParams(PRESET_PARAMS[id]), []);
  const sweep = lab.sweep && lab.sweep.key === sweepKey(settled) ? lab.sweep.points : undefined;
  return (
    <LabLayout controls={<StormControls params={params} onChange={onChange} />} lessons={<StormLessons />} controlsWidth="21rem" resultsGap={6}>
      <StormPresets active={matchingPreset(params)} onChoose={choose} />
      {/* Still inside the debounce: the numbers below are for the previous settings. */}
      <StormStatus lab={lab} pending={params !== settled} />
      <StormFigures run={lab.run} />
      {lab.run ? (
        <p className="text-lg" data-testid="storm-note">
          {runNote(lab.run, t)}
        </p>
      ) : null}
      <StormTimeCharts run={lab.run} />
      <StormRetryCharts run={lab.run} points={sweep} />
    </LabLayout>
  );
}
