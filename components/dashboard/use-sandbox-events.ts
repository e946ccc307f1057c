'use client';

import { useEffect, useState } from 'react';
import { createBackoff } from '@/lib/resilience/backoff';
import type { SandboxEvent } from '@/lib/contract';
import { api } from './api';
import type { SandboxStore } from './sandbox-store';

/** State of the live connection, shown in the header. */
export type ConnectionStatus = 'connecting' | 'live' | 'offline';

/**
 * Reconnect delays when the stream is closed for good. The dashboard practises
 * what the lesson preaches: exponential backoff with full jitter, capped at 10 s,
 * so forty laptops do not reconnect in lockstep after the instructor's server restarts.
 */
const reconnectDelay = createBackoff('full', { baseMs: 500, capMs: 10_000 });

/**
 * Subscribe to `GET /api/events` (server-sent events) and queue every event
 * into `store`; the store renders them in batches. `enabled` should turn true
 * only after `GET /api/session` has set the session cookie, or the stream
 * would create a second session.
 *
 * @returns the connection status.
 */
export function useSandboxEvents(store: SandboxStore, enabled: boolean, url = '/api/events'): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let disposed = false;

    const connect = () => {
      source = new EventSource(url);
      source.onopen = () => {
        failures = 0;
        setStatus('live');
      };
      source.onmessage = (message: MessageEvent<string>) => {
        try {
          store.enqueue(JSON.parse(message.data) as SandboxEvent);
        } catch {
          // A malformed line is skipped; the next `session` event resynchronises everything.
        }
      };
      source.onerror = () => {
        // EventSource retries by itself while CONNECTING; once CLOSED it has given up, so we retry.
        if (source?.readyState !== EventSource.CLOSED) {
          setStatus('connecting');
          return;
        }
        setStatus('offline');
        source = null;
        // The stream may have closed because the session expired: GET /api/session (re)opens it first.
        const reopen = () => void api.session().catch(() => {}).finally(() => !disposed && connect());
        if (!disposed) retryTimer = setTimeout(reopen, reconnectDelay(failures++, 0, Math.random));
      };
    };
    connect();

    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [store, enabled, url]);

  return status;
}
