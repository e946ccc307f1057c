import type { WireError } from './profiles';
import type { StreamEnding } from './sse';
import { terminatedError } from './sse';

/**
 * How a stream ends, before any dialect renders it. A streaming fault is one
 * of these endings; Chat Completions, the Responses API and Anthropic's
 * Messages API each put it on the wire in their own events.
 */
export type StreamEnd =
  /** The whole answer and the dialect's end marker (`[DONE]`, `response.completed`, `message_stop`). */
  | { kind: 'complete' }
  /** A few pieces, then the connection dies (`TypeError: terminated`). */
  | { kind: 'cut' }
  /** Half the answer, then a clean close with no end marker. */
  | { kind: 'no-end' }
  /** A few pieces, then the dialect's error event (`data: {"error"}`, `event: error`). */
  | { kind: 'error-event'; error: WireError }
  /** A few pieces, then a failed response (`response.failed`; other dialects send their error event). */
  | { kind: 'failed'; error: WireError }
  /** Half the answer, then an end that says it is incomplete (`length`, `response.incomplete`, `max_tokens`). */
  | { kind: 'incomplete' };

/** A rendered stream: its events, and how the body ends after them. */
export interface RenderedStream {
  events: string[];
  ending: StreamEnding;
}

/** How many text pieces an ending sends out of `total`. */
export function piecesFor(end: StreamEnd, total: number): number {
  switch (end.kind) {
    case 'complete':
      return total;
    case 'cut':
    case 'error-event':
    case 'failed':
      return Math.min(2, total);
    case 'no-end':
    case 'incomplete':
      return Math.max(1, Math.floor(total / 2));
  }
}

/** The body ending of a stream: a cut errors it, everything else closes it. */
export const bodyEnding = (end: StreamEnd): StreamEnding => (end.kind === 'cut' ? { kind: 'error', error: terminatedError() } : { kind: 'close' });
