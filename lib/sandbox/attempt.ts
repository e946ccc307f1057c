import type OpenAI from 'openai';
import { AttemptTimeoutError, StreamTruncatedError } from '@/lib/resilience/classify';
import type { Clock } from '@/lib/resilience/clock';

/** What one upstream call needs. */
export interface AttemptInput {
  client: OpenAI;
  model: string;
  message: string;
  /** Deadline for the whole attempt (headers and body), in ms of sandbox time. */
  timeoutMs: number;
  clock: Clock;
  /** Stream the answer (the primary does; the local model answers in one piece). */
  stream: boolean;
  signal?: AbortSignal;
}

/**
 * One call to an OpenAI-compatible upstream, with our own deadline.
 *
 * Why not the SDK's `timeout` option? It only covers the time until the
 * response headers arrive (a stalled stream body is never timed out), and it
 * runs on real time, so it could not be fast-forwarded in class. We abort on
 * the sandbox clock instead and report an {@link AttemptTimeoutError}.
 */
export async function callUpstream(input: AttemptInput): Promise<string> {
  const { client, model, message, timeoutMs, clock, signal } = input;
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onCallerAbort();
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const messages = [{ role: 'user' as const, content: message }];
    if (!input.stream) {
      const completion = await client.chat.completions.create({ model, messages }, { signal: controller.signal });
      return completion.choices[0]?.message?.content ?? '';
    }
    const stream = await client.chat.completions.create({ model, messages, stream: true }, { signal: controller.signal });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      text += choice?.delta?.content ?? '';
      finish = choice?.finish_reason ?? finish;
    }
    // A stream that ends without `data: [DONE]` ends *silently* in the SDK: detect it ourselves.
    if (finish === null) throw new StreamTruncatedError(text);
    return text;
  } catch (error) {
    if (timedOut) throw new AttemptTimeoutError(timeoutMs);
    throw error;
  } finally {
    clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}
