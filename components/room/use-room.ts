'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '@/components/dashboard/api';
import type { RoomView } from '@/lib/contract';

/** Why the room cannot be shown: closed (404), wrong token (403), or the server is unreachable (retrying). */
export type RoomProblem = 'closed' | 'forbidden' | 'offline' | null;

/** Real ms between two reads of the room: twice a second, so the projector updates at least once a second. */
export const ROOM_POLL_MS = 500;

/**
 * The room's aggregate, read every {@link ROOM_POLL_MS} with the instructor
 * token — one request at a time, never piling up behind a slow answer. A 404
 * or 403 stops the polling (nothing will change by asking again); any other
 * failure keeps retrying, more slowly. `apply` takes the view an action answered.
 */
export function useRoom(code: string, token: string | null): { view: RoomView | null; problem: RoomProblem; apply: (view: RoomView) => void } {
  const [view, setView] = useState<RoomView | null>(null);
  const [problem, setProblem] = useState<RoomProblem>(null);
  const newest = useRef(0);

  const apply = useCallback((next: RoomView) => {
    newest.current = Math.max(newest.current, next.now);
    setView(next);
  }, []);

  useEffect(() => {
    if (!token) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      let wait = ROOM_POLL_MS;
      try {
        const next = await api.room(code, token);
        if (stopped) return;
        // An action's answer may be newer than a poll that was already on its way.
        if (next.now >= newest.current) apply(next);
        setProblem(null);
      } catch (error) {
        if (stopped) return;
        const status = error instanceof ApiError ? error.status : 0;
        if (status === 404 || status === 403) return setProblem(status === 404 ? 'closed' : 'forbidden');
        setProblem('offline');
        wait = 4 * ROOM_POLL_MS;
      }
      if (!stopped) timer = setTimeout(() => void tick(), wait);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [code, token, apply]);

  return { view, problem, apply };
}
