import type { Disposable } from '@/lib/resilience/events';

/** Real-time ms between keep-alive comments, so proxies don't close an idle stream. */
const HEARTBEAT_MS = 15_000;

/** Bytes queued for one slow reader before events are dropped. Default 256 KiB: a few seconds of a burst. */
export const SSE_QUEUE_BYTES = 256 * 1024;

const encoder = new TextEncoder();
/** Each event is serialised once, however many streams carry it. */
const encoded = new WeakMap<object, Uint8Array>();

/** `data: <json>\n\n` as bytes, cached per event object. */
export function encodeEvent(value: unknown): Uint8Array {
  if (typeof value !== 'object' || value === null) return encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
  let bytes = encoded.get(value);
  if (!bytes) {
    bytes = encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
    encoded.set(value, bytes);
  }
  return bytes;
}

/** Options of {@link sseResponse}. */
export interface SseOptions<T> {
  /** The client went away (usually `request.signal`). */
  signal?: AbortSignal;
  /** Bytes a slow reader may fall behind before events are dropped. Default {@link SSE_QUEUE_BYTES}. */
  maxQueuedBytes?: number;
  /**
   * What to send once a slow reader catches up after `count` dropped events:
   * a notice, then (e.g.) a fresh snapshot, so the page knows and resynchronises.
   */
  onCatchUp?: (count: number) => T[];
}

/**
 * A `text/event-stream` response fed by `subscribe`. Each value becomes one
 * `data:` line of JSON. The subscription is disposed when the client goes away
 * or when `subscribe`'s `close` is called.
 *
 * Memory stays bounded for a slow client: the stream respects backpressure
 * (its queue is counted in bytes), and past `maxQueuedBytes` events are dropped
 * and counted rather than buffered; when the reader catches up it gets
 * `onCatchUp(count)` first.
 */
export function sseResponse<T>(subscribe: (send: (value: T) => void, close: () => void) => Disposable, options: SseOptions<T> = {}): Response {
  const { signal, onCatchUp } = options;
  const limit = options.maxQueuedBytes ?? SSE_QUEUE_BYTES;
  let cleanup = () => {};
  let dropped = 0;
  let ctl: ReadableStreamDefaultController<Uint8Array> | undefined;
  let open = true;
  const push = (bytes: Uint8Array): boolean => {
    if (!open || !ctl) return false;
    if ((ctl.desiredSize ?? 0) < bytes.byteLength) {
      dropped++;
      return false;
    }
    ctl.enqueue(bytes);
    return true;
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        ctl = controller;
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
        const send = (value: T) => void push(encodeEvent(value));
        const heartbeat = setInterval(() => push(encoder.encode(': keep-alive\n\n')), HEARTBEAT_MS);
        heartbeat.unref?.();
        const disposables: Disposable[] = [];
        cleanup = () => {
          clearInterval(heartbeat);
          disposables.forEach((d) => d.dispose());
          signal?.removeEventListener('abort', close);
        };
        if (signal?.aborted) return close();
        signal?.addEventListener('abort', close, { once: true });
        const subscription = subscribe(send, close);
        // `subscribe` may already have closed the stream (e.g. a run that ended at once).
        if (open) disposables.push(subscription);
        else subscription.dispose();
      },
      // The reader has room again: say what it missed before anything new.
      pull() {
        if (dropped === 0 || !open) return;
        const count = dropped;
        dropped = 0;
        for (const value of onCatchUp?.(count) ?? []) ctl?.enqueue(encodeEvent(value));
      },
      cancel() {
        open = false;
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: limit }),
  );
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' },
  });
}
