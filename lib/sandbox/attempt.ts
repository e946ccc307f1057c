import type OpenAI from 'openai';
import type { ApiId } from '@/lib/contract';
import { AttemptTimeoutError, IncompleteResponseError, StreamFailedError, StreamTruncatedError } from '@/lib/resilience/classify';
import type { Clock } from '@/lib/resilience/clock';
import { ATTEMPT_TAG_HEADER } from './sdk-retry-layer';

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
  /** Chat Completions or the Responses API. Default `chat.completions`. */
  api?: ApiId;
  signal?: AbortSignal;
  /** Tags the request (the {@link ATTEMPT_TAG_HEADER}) so a retry layer under the SDK can say whose calls it makes. */
  tag?: string;
  /** The real SDK's own retries for this call (real mode); the sandbox's mock replays them at the fetch layer instead. Default 0. */
  sdkMaxRetries?: number;
}

/** Finish reasons that mean "this answer is cut short", though the call itself succeeded. */
const INCOMPLETE_FINISH = new Set(['length', 'content_filter']);

/**
 * One call to an OpenAI-compatible upstream, with our own deadline.
 *
 * Why not the SDK's `timeout` option? It only covers the time until the
 * response headers arrive (a stalled stream body, or DeepSeek's keep-alives,
 * are never timed out), and it runs on real time, so it could not be
 * fast-forwarded in class. We abort on the sandbox clock instead and report
 * an {@link AttemptTimeoutError}.
 *
 * Every way an answer can end short is turned into an error here, because the
 * SDK reports several of them as a normal end: a stream without `[DONE]`, a
 * `finish_reason: 'length'`, and all of the Responses API's endings but
 * `response.completed` (its `response.failed` and `error` events are events
 * the SDK yields, not errors it throws).
 */
export async function callUpstream(input: AttemptInput): Promise<string> {
  const { clock, signal, timeoutMs } = input;
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
    return input.api === 'responses' ? await viaResponses(input, controller.signal) : await viaChat(input, controller.signal);
  } catch (error) {
    if (timedOut) throw new AttemptTimeoutError(timeoutMs);
    throw error;
  } finally {
    clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** Per-request SDK options: our signal, the attempt's tag, and (real mode) the SDK's own retries. */
function requestOptions(input: AttemptInput, signal: AbortSignal) {
  return {
    signal,
    ...(input.tag ? { headers: { [ATTEMPT_TAG_HEADER]: input.tag } } : {}),
    ...(input.sdkMaxRetries ? { maxRetries: input.sdkMaxRetries } : {}),
  };
}

async function viaChat(input: AttemptInput, abort: AbortSignal): Promise<string> {
  const { client, model, message, stream } = input;
  const signal = requestOptions(input, abort);
  const messages = [{ role: 'user' as const, content: message }];
  if (!stream) {
    const completion = await client.chat.completions.create({ model, messages }, signal);
    const choice = completion.choices[0];
    const text = choice?.message?.content ?? '';
    if (choice?.finish_reason && INCOMPLETE_FINISH.has(choice.finish_reason)) throw new IncompleteResponseError(choice.finish_reason, text);
    return text;
  }
  const events = await client.chat.completions.create({ model, messages, stream: true }, signal);
  let text = '';
  let finish: string | null = null;
  for await (const chunk of events) {
    const choice = chunk.choices[0];
    text += choice?.delta?.content ?? '';
    finish = choice?.finish_reason ?? finish;
  }
  // A stream that ends without `data: [DONE]` ends *silently* in the SDK: detect it ourselves.
  if (finish === null) throw new StreamTruncatedError(text);
  if (INCOMPLETE_FINISH.has(finish)) throw new IncompleteResponseError(finish, text);
  return text;
}

async function viaResponses(input: AttemptInput, abort: AbortSignal): Promise<string> {
  const { client, model, message, stream } = input;
  const signal = requestOptions(input, abort);
  if (!stream) {
    const response = await client.responses.create({ model, input: message }, signal);
    if (response.status === 'incomplete') throw new IncompleteResponseError(response.incomplete_details?.reason ?? 'incomplete', response.output_text);
    if (response.status === 'failed') throw new StreamFailedError(response.error?.code ?? null, response.error?.message ?? 'failed', 'response.failed', response.output_text);
    return response.output_text;
  }
  const events = await client.responses.create({ model, input: message, stream: true }, signal);
  let text = '';
  for await (const event of events) {
    switch (event.type) {
      case 'response.output_text.delta':
        text += event.delta;
        break;
      case 'response.completed':
        return text;
      case 'response.incomplete':
        throw new IncompleteResponseError(event.response.incomplete_details?.reason ?? 'incomplete', text);
      case 'response.failed':
        throw new StreamFailedError(event.response.error?.code ?? null, event.response.error?.message ?? 'failed', 'response.failed', text);
      case 'error':
        throw new StreamFailedError(event.code, event.message, 'error', text);
    }
  }
  // No `[DONE]` in this API: a stream that just stops never said `response.completed`.
  throw new StreamTruncatedError(text, 'response.completed');
}
