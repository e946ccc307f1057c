import { sleep, type Clock } from '@/lib/resilience/clock';

/**
 * Server-sent event streams, healthy and broken, for every dialect. A stream
 * is a list of pre-formatted events plus how it ends, so each streaming fault
 * is one line of data rather than a new code path (see stream-plan.ts).
 */

/** How a stream ends after its last event. */
export type StreamEnding =
  /** The server closes the body cleanly. */
  | { kind: 'close' }
  /** The connection dies: the body errors with `error` (undici raises `TypeError: terminated`). */
  | { kind: 'error'; error: unknown };

/** Options of {@link sseStream}. */
export interface SseStreamOptions {
  /** Events already formatted as `data: …\n\n`. */
  events: readonly string[];
  ending: StreamEnding;
  /** Clock for the gap between events. */
  clock: Clock;
  /** Gap between events in ms on `clock`. Default 0 (all events at once). */
  delayMs?: number;
  /** The request's signal: an abort mid-stream errors the body with an AbortError, as fetch does. */
  signal?: AbortSignal;
}

const encoder = new TextEncoder();

/**
 * A pull-based byte stream: one event per read (all of them in the first read
 * when there is no gap), then the ending. Because it is pull-based, an error
 * ending is raised only after the reader has consumed every event before it,
 * so a client sees the partial text first.
 */
export function sseStream(o: SseStreamOptions): ReadableStream<Uint8Array> {
  let i = 0;
  const gapMs = o.delayMs ?? 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (gapMs <= 0 && i < o.events.length) {
        // No gap: every event in one chunk, as a fast server's socket would deliver them.
        // One read instead of one per event is most of what a mocked stream costs the SDK.
        controller.enqueue(encoder.encode(o.events.join('')));
        i = o.events.length;
        return;
      }
      if (i < o.events.length) {
        if (i > 0) {
          try {
            await sleep(o.clock, gapMs, o.signal);
          } catch (err) {
            controller.error(err);
            return;
          }
        }
        controller.enqueue(encoder.encode(o.events[i++]));
        return;
      }
      if (o.ending.kind === 'close') return controller.close();
      // Let the chunks already sent leave the server before the cut: over real HTTP an
      // immediate error destroys the socket with them still buffered, and no text arrives.
      for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
      controller.error(o.ending.error);
    },
  });
}

/** Headers of an SSE response (merged over the standard OpenAI headers by the caller). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform keeps Next's gzip from buffering the stream: chunks must reach the client as they are sent.
  'cache-control': 'no-cache, no-transform',
} as const;

/** The error undici raises when a socket closes mid-body; what a client sees on a cut stream. */
export function terminatedError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  return new TypeError('terminated', { cause });
}
