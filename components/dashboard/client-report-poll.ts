'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientReport, ExamRequest } from '@/lib/contract';
import { api } from './api';
import { TIMELINE_CALLS } from './client-report-state';

/** How often the card is re-read while the page is visible, in ms. */
export const REPORT_POLL_MS = 1500;

/** What the "Your code" panel reads and does. */
export interface ClientReportState {
  report: ClientReport | null;
  error: string | null;
  /** An exam start or stop is on its way. */
  busy: boolean;
  exam: (request: ExamRequest) => Promise<void>;
  refresh: () => void;
}

/**
 * The card, polled from `GET /api/session/client-report`: the student's calls
 * arrive from outside the page (their own script), so no page event announces
 * them. Polling starts once the page has its session, pauses while the tab
 * is hidden, and an exam start or stop reads the card again at once.
 */
export function useClientReport(sessionId: string | null, intervalMs = REPORT_POLL_MS): ClientReportState {
  const [report, setReport] = useState<ClientReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [nudge, setNudge] = useState(0);
  const alive = useRef(true);

  useEffect(() => {
    // Only once the provider has opened the session (and set its cookie): a cookie-less poll
    // would be a 401, and its recovery would race the provider into creating a second session.
    if (!sessionId) return;
    alive.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const next = await api.clientReport(TIMELINE_CALLS);
          if (!alive.current) return;
          setReport(next);
          setError(null);
        } catch (e) {
          if (alive.current) setError(e instanceof Error ? e.message : String(e));
        }
      }
      if (alive.current) timer = setTimeout(load, intervalMs);
    };
    void load();
    return () => {
      alive.current = false;
      clearTimeout(timer);
    };
  }, [sessionId, intervalMs, nudge]);

  const refresh = useCallback(() => setNudge((n) => n + 1), []);
  const exam = useCallback(
    async (request: ExamRequest) => {
      setBusy(true);
      try {
        await api.exam(request);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
        refresh();
      }
    },
    [refresh],
  );
  return { report, error, busy, exam, refresh };
}
