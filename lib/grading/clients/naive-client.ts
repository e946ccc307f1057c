import { sleep, type Clock } from '@/lib/resilience/clock';

/** Options of {@link naiveAsk}. */
export interface NaiveClientOptions {
  /** Any `fetch`; tests pass one that calls the endpoint's route handler in-process. */
  fetch: typeof fetch;
  /** e.g. `http://host/api/sandbox/<session id>/v1`. */
  baseURL: string;
  /** Its sleeps run on this clock. */
  clock: Clock;
  /** It has no limit of its own; this one exists so a test can end it. Default 12. */
  maxAttempts?: number;
  /** Ends it (and the call in flight) from outside. */
  signal?: AbortSignal;
}

/**
 * The naive client the card must catch: it retries *everything* (a 401, a
 * quota error, a 429 before its Retry-After) after a fixed 1 s sleep, with no
 * timeout of its own and no jitter — the lesson's `retry_on_failure` with the
 * limit taken off. Resolves with the answer, or `null` once it stops.
 */
export async function naiveAsk(question: string, o: NaiveClientOptions): Promise<string | null> {
  const body = JSON.stringify({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: question }] });
  for (let attempt = 1; attempt <= (o.maxAttempts ?? 12); attempt++) {
    if (o.signal?.aborted) return null;
    try {
      const res = await o.fetch(`${o.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-naive' },
        body,
        signal: o.signal,
      });
      const data = (await res.json()) as { choices?: { message?: { content?: string } }[] };
      if (res.ok) return data.choices?.[0]?.message?.content ?? '';
    } catch {
      // Whatever it was: try again.
    }
    if (o.signal?.aborted) return null;
    await sleep(o.clock, 1000);
  }
  return null;
}
