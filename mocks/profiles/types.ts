import type { ProviderId } from '@/lib/scenario/providers';
import type { IdSource } from '../ids';
import type { WindowSnapshot } from '../rate-window';
import type { RequestProblem } from '../request-problem';

/**
 * A provider's wire format: what its error bodies, ids and headers look like.
 * lib/scenario/providers says *what* each provider sends for a fault (status,
 * code, message); a wire profile says *how* it is put on the wire.
 */

/** An error ready to send: a provider rendering, or a request problem rendered by the profile. */
export interface WireError {
  status: number;
  type: string;
  code: string | null;
  message: string;
  param?: string | null;
}

/** What every response's headers are built from. */
export interface HeaderInput {
  requestId: string;
  /** Server time reported in `openai-processing-ms`. */
  processingMs: number;
  window: WindowSnapshot;
  /** Epoch ms now, for Anthropic's RFC 3339 reset times. */
  wallNow: number;
}

/** One provider's wire format. */
export interface WireProfile {
  id: ProviderId;
  /** A fresh request id: `req_…` (OpenAI, Anthropic) or a UUID (DeepSeek, DashScope). */
  requestId(ids: IdSource): string;
  /** A fresh chat completion id. */
  completionId(ids: IdSource): string;
  /** The headers every response carries: the request id and the rate-limit family. */
  headers(h: HeaderInput): Record<string, string>;
  /** The JSON body of an error response. */
  errorBody(error: WireError, requestId: string): unknown;
  /** How this provider answers a malformed request (status, type, code). */
  problem(p: RequestProblem): WireError;
}
