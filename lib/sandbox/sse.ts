import type { Disposable } from '@/lib/resilience/events';

/** Real-time ms between keep-alive comments, so proxies don't close an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * A `text/event-stream` response fed by `subscribe`. Each value becomes one
 * `data:` line of JSON. The subscription is disposed when the client goes away
 * or when `subscribe`'s `close` is called.
 */
export function sseResponse<T>(
  subscribe: (send: (value: T) => void, close: () => void) => Disposable,
  signal?: AbortSignal,
): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const send = (value: T) => {
        if (open) controller.enqueue(encoder.encode(`data: ${JSON.stringify(value)}\n\n`));
      };
      const heartbeat = setInterval(() => open && controller.enqueue(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS);
      const disposables: Disposable[] = [];
      cleanup = () => {
        clearInterval(heartbeat);
        disposables.forEach((d) => d.dispose());
        signal?.removeEventListener('abort', close);
      };
      signal?.addEventListener('abort', close, { once: true });
      const subscription = subscribe(send, close);
      // `subscribe` may already have closed the stream (e.g. a run that ended at once).
      if (open) disposables.push(subscription);
      else subscription.dispose();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' },
  });
}
