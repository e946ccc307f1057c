import type OpenAI from 'openai';
import { classifyError, type ErrorClassification } from '@/lib/resilience/classify';
import { sleep, type Clock } from '@/lib/resilience/clock';
import type { Random } from '@/lib/resilience/random';
import { parseRetryAfter, type HeadersLike } from '@/lib/resilience/retry-after';
import { callUpstream } from '@/lib/sandbox/attempt';

/** Options of {@link goodAsk}. Defaults follow the lesson's advice, improved where the card checks. */
export interface GoodClientOptions {
  /** An SDK client with `maxRetries: 0`: this code owns the retries (one layer, never two). */
  client: OpenAI;
  clock: Clock;
  random: Random;
  /** Attempts in all. Default 4. */
  maxAttempts?: number;
  /** Backoff base, ms. Default 500. */
  baseMs?: number;
  /** Backoff cap, ms. Default 8000. */
  capMs?: number;
  /** Deadline per attempt (headers and body), ms. Default 10 000. */
  timeoutMs?: number;
  /** Longest Retry-After worth waiting for, ms; longer means give up (fall back). Default 60 000. */
  maxRetryAfterMs?: number;
  /** Stream the answer (and detect a cut or truncated stream). Default false. */
  stream?: boolean;
}

/** How {@link goodAsk} ended. */
export type GoodOutcome = { ok: true; text: string; attempts: number } | { ok: false; error: ErrorClassification; attempts: number };

/**
 * The client the card should pass: it classifies every error (quota, 4xx and
 * aborts are final), waits as long as Retry-After asks (plus a little jitter,
 * giving up when it asks for more than a minute), otherwise backs off with full
 * jitter, `random(0, min(cap, base·2^n))`, times each attempt out itself, and
 * retries a cut or truncated stream.
 */
export async function goodAsk(question: string, o: GoodClientOptions): Promise<GoodOutcome> {
  const max = o.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      const text = await callUpstream({ client: o.client, model: 'gpt-3.5-turbo', message: question, timeoutMs: o.timeoutMs ?? 10_000, clock: o.clock, stream: o.stream ?? false });
      return { ok: true, text, attempts: attempt };
    } catch (e) {
      const error = classifyError(e);
      if (!error.retryable || attempt >= max) return { ok: false, error, attempts: attempt };
      const headers = (e as { headers?: HeadersLike }).headers;
      const asked = parseRetryAfter(headers, { maxMs: o.maxRetryAfterMs ?? 60_000 });
      if (!asked.ok && asked.reason === 'too-large') return { ok: false, error, attempts: attempt };
      const ceiling = Math.min(o.capMs ?? 8000, (o.baseMs ?? 500) * 2 ** (attempt - 1));
      await sleep(o.clock, asked.ok ? asked.ms + o.random() * 250 : o.random() * ceiling);
    }
  }
}
