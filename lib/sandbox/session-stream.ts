import type { SandboxEvent } from '@/lib/contract';
import { combineDisposables } from '@/lib/resilience/events';
import type { SandboxSession } from './session';
import { sseResponse } from './sse';

/**
 * A session's events as server-sent events, counted as a live stream of the
 * session (which protects it from eviction) and closed when the session is
 * disposed. `undefined` when the session already holds its maximum of streams.
 *
 * @param first events to send before anything else (default: the session view).
 * @param until close the stream after forwarding an event for which this is true.
 */
export function sessionEventStream(
  session: SandboxSession,
  signal: AbortSignal,
  opts: { first?: () => SandboxEvent[]; until?: (event: SandboxEvent) => boolean } = {},
): Response | undefined {
  const slot = session.openStream();
  if (!slot) return undefined;
  return sseResponse<SandboxEvent>(
    (send, close) => {
      const forward = (event: SandboxEvent) => {
        send(event);
        if (opts.until?.(event)) close();
      };
      const subscription = session.onEvent(forward);
      const closing = session.onDispose(close);
      (opts.first?.() ?? [{ type: 'session', session: session.view() }]).forEach(forward);
      return combineDisposables(subscription, closing, slot);
    },
    {
      signal,
      // A slow page missed events: tell it, then give it the whole state again.
      onCatchUp: (count) => [{ type: 'dropped', count }, { type: 'session', session: session.view() }],
    },
  );
}
