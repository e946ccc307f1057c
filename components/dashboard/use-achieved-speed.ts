'use client';

import { useEffect, useState } from 'react';
import type { SessionView } from '@/lib/contract';
import { SETTLE_MS, speedShortfall } from './achieved-speed';
import { useSandboxState } from './sandbox-provider';

/** How often the speeds are re-read while the sandbox is busy, in page ms. */
export const SPEED_POLL_MS = 2000;

/**
 * The asked and achieved speeds to show while the sandbox is falling behind,
 * else `null` (see achieved-speed.ts for when a reading is trusted).
 *
 * Why a poll: the server sends its session view (with `achievedSpeed`) on the
 * event stream only when a setting changes, and the interesting moment — a
 * burst saturating the server — changes no setting. So while a run or a
 * script is playing, `GET /api/session` is read every {@link SPEED_POLL_MS};
 * only its two speeds are used (the stream stays the source of everything
 * else, so an older view can never wind the breaker or the stats back).
 */
export function useAchievedSpeed(): { asked: number; achieved: number } | null {
  const ready = useSandboxState((s) => s.session !== null);
  const asked = useSandboxState((s) => s.session?.speed ?? 1);
  const busy = useSandboxState((s) => s.run?.state === 'running' || s.script?.state === 'playing');
  // A new run (or script) is a new busy spell: a reading of the last one is not shown for it.
  const spell = useSandboxState((s) => (s.run?.state === 'running' ? s.run.id : s.script?.state === 'playing' ? `script-${s.script.id}` : ''));
  const key = `${asked}|${busy}|${spell}`;
  const [result, setResult] = useState<{ key: string; value: { asked: number; achieved: number } | null } | null>(null);

  useEffect(() => {
    if (!ready || !busy) return;
    // This effect runs again whenever the speed changes or a busy spell begins: both restart the settle time.
    const since = performance.now();
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      if (document.visibilityState === 'visible') {
        let value: { asked: number; achieved: number } | null = null;
        try {
          // A plain read: no session is created or replaced from here (a 401 just shows nothing).
          const response = await fetch('/api/session', { headers: { accept: 'application/json' }, cache: 'no-store' });
          if (response.ok) {
            const view = (await response.json()) as Pick<SessionView, 'speed' | 'achievedSpeed'>;
            const at = performance.now();
            value = speedShortfall({ asked: view.speed, achieved: view.achievedSpeed, at }, { now: at, asked, busySince: since, speedSince: since });
          }
        } catch {
          // Offline for a moment: show nothing rather than an old number.
        }
        if (!alive) return;
        setResult({ key, value });
      }
      if (alive) timer = setTimeout(read, SPEED_POLL_MS);
    };
    timer = setTimeout(read, SETTLE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [ready, busy, asked, key]);

  return busy && result?.key === key ? result.value : null;
}
