'use client';

import type { RoomView } from '@/lib/contract';
import { useRoomT } from './use-room-t';

/** One big number for the back row: a label above, the value huge, a detail below. */
function Tile({ label, value, detail, testId, tone }: { label: string; value: string; detail?: string; testId: string; tone?: string }) {
  return (
    <div role="group" aria-label={label} className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <span className="text-lg font-medium text-slate-600 dark:text-slate-300">{label}</span>
      <span className="whitespace-nowrap text-5xl font-bold tabular-nums" style={tone ? { color: tone } : undefined} data-testid={testId}>
        {value}
      </span>
      {detail ? <span className="text-lg tabular-nums text-slate-600 dark:text-slate-300">{detail}</span> : null}
    </div>
  );
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * The room's numbers, projector-sized: calls per second reaching the shared
 * upstream (first tries and retries), refused over capacity, breakers open,
 * success rate, and who is in the room.
 */
export function RoomStats({ view }: { view: RoomView }) {
  const { t } = useRoomT();
  const r = view.rate;
  const everyone = view.members + view.simulated;
  return (
    <section aria-label={t('stat.calls')} className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Tile label={t('stat.calls')} value={num(r.callsPerS)} detail={`${t('stat.first')} ${num(r.firstPerS)} · ${t('stat.retries')} ${num(r.retriesPerS)}`} testId="room-calls" />
      <Tile label={t('stat.refused')} value={num(r.refusedPerS)} detail={view.capacity.enabled ? `${t('stat.capacity')} ${t('stat.perS', { v: view.capacity.callsPerSecond })}` : t('stat.off')} testId="room-refused" tone={r.refusedPerS > 0 ? 'var(--open)' : undefined} />
      <Tile label={t('stat.open')} value={String(view.openBreakers)} detail={t('stat.ofTotal', { total: everyone })} testId="room-open" tone={view.openBreakers > 0 ? 'var(--open)' : 'var(--closed)'} />
      <Tile label={t('stat.success')} value={r.successRate === null ? t('stat.none') : `${Math.round(r.successRate * 100)}%`} testId="room-success" />
      <Tile label={t('stat.members')} value={String(view.members)} testId="room-members" />
      <Tile label={t('stat.simulated')} value={String(view.simulated)} testId="room-simulated" />
    </section>
  );
}
