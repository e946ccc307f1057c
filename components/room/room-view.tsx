'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChartScaleProvider } from '@/components/charts/chart-frame';
import { api } from '@/components/dashboard/api';
import { buttonClass, inputClass, panelClass } from '@/components/ui/styles';
import type { RoomView as RoomViewData } from '@/lib/contract';
import { trafficRows, yTop } from './chart-data';
import { RoomControls, type RoomActions } from './room-controls';
import { RoomDots } from './room-dots';
import { RoomHeader } from './room-header';
import { RoomStats } from './room-stats';
import { hideTokenFromAddress, readRoomToken, saveRoomToken } from './room-token';
import { RoomTrafficChart } from './room-traffic-chart';
import { onHashChange, useClientValue } from './use-client-value';
import { useRoom } from './use-room';
import { useRoomT } from './use-room-t';

/** Asks for the instructor token when the page was opened without one. */
function TokenPrompt({ onToken }: { onToken: (token: string) => void }) {
  const { t } = useRoomT();
  const [value, setValue] = useState('');
  return (
    <form
      className={`${panelClass} flex max-w-3xl flex-col gap-3`}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onToken(value.trim());
      }}
    >
      <p className="text-lg">{t('room.noToken')}</p>
      <label className="flex flex-col gap-1 text-base font-medium">
        {t('room.token')}
        <input className={inputClass} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} />
      </label>
      <button type="submit" className={`${buttonClass('primary')} self-start`}>
        {t('room.useToken')}
      </button>
    </form>
  );
}

/**
 * The instructor's room view, sized for a projector: the join code, the room's
 * numbers, the traffic on the shared upstream (this run beside the previous
 * one, for a side-by-side on the same seed), everyone as a numbered dot, and
 * the instructor's controls. Reads the room twice a second.
 */
export function RoomView({ code }: { code: string }) {
  const { t } = useRoomT();
  const [typed, setTyped] = useState<string | null>(null);
  const known = useClientValue(() => readRoomToken(code), null, onHashChange);
  const token = typed ?? known;
  const [error, setError] = useState<string | null>(null);
  // A token that came in the link is remembered (reopening /room/CODE in this browser works) and leaves the address bar.
  useEffect(() => hideTokenFromAddress(code), [code, known]);
  const hydrated = useClientValue(() => 'yes', null);
  const { view, problem, apply } = useRoom(code, token);

  const act = useCallback(
    async (work: (token: string) => Promise<RoomViewData>) => {
      if (!token) return;
      try {
        apply(await work(token));
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [token, apply],
  );
  // One y scale for the side-by-side: the taller of the two runs.
  const top = useMemo(() => (view ? Math.max(...[view.run, view.previous].map((r) => (r ? yTop(trafficRows(r), null) : 0))) : 0), [view]);
  const actions: RoomActions = {
    startIncident: (script) => act((tk) => api.roomIncident(code, tk, { script })),
    controlIncident: (action) => act((tk) => api.roomIncident(code, tk, { action })),
    setPolicy: (p) => act((tk) => api.roomPolicy(code, tk, p)),
    configure: (s) => act((tk) => api.roomSettings(code, tk, s)),
  };

  return (
    <ChartScaleProvider scale="present">
      <div className="mx-auto flex max-w-[2400px] flex-col gap-4 p-4 xl:p-6">
        <RoomHeader code={code} view={view} />
        {hydrated && !token ? (
          <TokenPrompt
            onToken={(tk) => {
              saveRoomToken(code, tk);
              setTyped(tk);
            }}
          />
        ) : null}
        {problem ? (
          <p role="alert" className="rounded-lg border-2 border-orange-600 px-4 py-3 text-xl" data-testid="room-problem">
            {problem === 'closed' ? t('room.closed', { code }) : problem === 'forbidden' ? t('room.forbidden') : t('room.offline')}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="rounded-lg border-2 border-orange-600 px-4 py-3 text-lg">
            {error}
          </p>
        ) : null}
        {!view ? (
          token && !problem ? <p className="text-xl">{t('room.loading')}</p> : null
        ) : (
          <div className="grid gap-4 2xl:grid-cols-[minmax(0,1fr)_30rem]">
            <main className="flex min-w-0 flex-col gap-4">
              <RoomStats view={view} />
              <div className={`grid gap-4 ${view.previous ? 'xl:grid-cols-2' : ''}`}>
                <RoomTrafficChart run={view.run} capacity={view.capacity} title={t('chart.now')} testId="room-chart" top={top} />
                {view.previous ? <RoomTrafficChart run={view.previous} capacity={view.capacity} title={t('chart.previous')} testId="room-chart-previous" top={top} /> : null}
              </div>
              <p className="text-lg text-slate-600 dark:text-slate-300">{t('chart.why')}</p>
              <RoomDots dots={view.dots} />
            </main>
            <aside className="flex flex-col gap-4">
              <RoomControls view={view} actions={actions} />
            </aside>
          </div>
        )}
      </div>
    </ChartScaleProvider>
  );
}
