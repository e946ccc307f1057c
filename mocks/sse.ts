import { sleep, type Clock } from '@/lib/resilience/clock';
import { chatCompletionChunk, sseData, splitText, usageChunk, type CompletionParts } from './openai-shapes';

/**
 * Server-sent event streams for `stream: true` chat completions, healthy and
 * broken. A stream is a list of pre-formatted events plus how it ends, so each
 * streaming fault is one line of data rather than a new code path.
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
 * A pull-based byte stream: one event per read, then the ending. Because it is
 * pull-based, an error ending is raised only after the reader has consumed
 * every event before it, so a client sees the partial text first.
 */
export function sseStream(o: SseStreamOptions): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i < o.events.length) {
        if (i > 0 && (o.delayMs ?? 0) > 0) {
          try {
            await sleep(o.clock, o.delayMs ?? 0, o.signal);
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

/** What to put in a chat completion stream. */
export interface ChatStreamShape {
  /** How many content pieces to send. Default all. */
  pieces?: number;
  /** Send the final chunk with `finish_reason: 'stop'`. Default true. */
  finish?: boolean;
  /** Send the usage-only chunk (`stream_options.include_usage`). Default false. */
  usage?: boolean;
  /** Send `data: [DONE]`. Default true. */
  done?: boolean;
  /** An extra raw event appended after the content (e.g. a `{"error": …}` event). */
  trailer?: unknown;
}

/**
 * Code points per streamed content piece. Real streams carry about one token
 * per chunk; 24 keeps the stream visibly incremental while the SDK's SSE
 * parsing (the largest cost of a mocked chat) runs a third as often.
 */
export const STREAM_PIECE_CHARS = 24;

/**
 * The events of a chat completion stream, as OpenAI sends them: a role chunk
 * with empty content, content pieces of {@link STREAM_PIECE_CHARS} code points, a `finish_reason: 'stop'`
 * chunk, an optional usage chunk, then `[DONE]`.
 */
export function chatStreamEvents(parts: CompletionParts, shape: ChatStreamShape = {}): string[] {
  const pieces = splitText(parts.content, STREAM_PIECE_CHARS);
  const sent = pieces.slice(0, shape.pieces ?? pieces.length);
  const events = [sseData(chatCompletionChunk(parts, { role: 'assistant', content: '', refusal: null }))];
  for (const piece of sent) events.push(sseData(chatCompletionChunk(parts, { content: piece })));
  if (shape.trailer !== undefined) events.push(sseData(shape.trailer));
  if (shape.finish ?? true) events.push(sseData(chatCompletionChunk(parts, {}, 'stop')));
  if (shape.usage) events.push(sseData(usageChunk(parts)));
  if (shape.done ?? true) events.push(sseData('[DONE]'));
  return events;
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
