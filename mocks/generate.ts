import { readMessagesRequest } from './anthropic-request';
import { messageBody, messageStream } from './anthropic-shapes';
import { readChatRequest } from './chat-request';
import { replyFor, replyText, type Reply } from './chat-reply';
import { chatStream } from './chat-stream';
import { embeddingsBody, readEmbeddingsRequest } from './embeddings';
import { chatCompletion, type CompletionParts } from './openai-shapes';
import { processingMsFor, type Responder, type UpstreamContext } from './responder';
import { readResponsesRequest } from './responses-request';
import { responseBody, responseStream } from './responses-shapes';
import type { StreamEnd } from './stream-plan';
import { bodyText } from './request-body';

/**
 * One generation, for every API the mock speaks: parse the request as that
 * API does, decide the reply, count it against the rate window, and answer —
 * streamed or not — ending as `end` says. The healthy handlers call it with
 * `complete`; each streaming fault with its own ending, so a fault is never a
 * second copy of the happy path.
 */

/** The generation APIs, told apart by the request path. */
export type Api = 'chat' | 'responses' | 'messages' | 'embeddings';

/** Which API a request calls, from its path; `null` for anything else. */
export function apiOf(request: Request): Api | null {
  if (request.method !== 'POST') return null;
  const path = new URL(request.url).pathname;
  if (path.endsWith('/chat/completions')) return 'chat';
  if (path.endsWith('/responses')) return 'responses';
  if (path.endsWith('/v1/messages')) return 'messages';
  if (path.endsWith('/embeddings')) return 'embeddings';
  return null;
}

/** Half of a text, by code points (at least one): what an incomplete answer keeps. */
const half = (text: string) => {
  const chars = Array.from(text);
  return chars.slice(0, Math.max(1, Math.floor(chars.length / 2))).join('');
};

/** Is this request a stream? Never throws (a bad body is not a stream). */
export async function isStream(request: Request): Promise<boolean> {
  try {
    const body: unknown = JSON.parse(await bodyText(request));
    return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

/**
 * Answer one generation request.
 * @param end how the answer ends. `incomplete` cuts a non-stream answer too
 *   (`finish_reason: 'length'`, `status: 'incomplete'`, `stop_reason: 'max_tokens'`);
 *   every other ending only changes streams.
 */
export async function generate(r: Responder, ctx: UpstreamContext, request: Request, end: StreamEnd): Promise<Response | undefined> {
  const now = (ctx.now ?? Date.now)();
  const api = apiOf(request);
  const timing = r.provider === 'openai' ? (text: string) => ({ 'openai-processing-ms': String(processingMsFor(text)) }) : () => ({});
  const cut = end.kind === 'incomplete';

  if (api === 'chat') {
    const parsed = await readChatRequest(request);
    if (!parsed.ok) return r.problem(parsed.error);
    const req = parsed.value;
    const reply = replyFor(req, ctx.answer(req.question), r.ids, now, 'call_');
    const admitted = r.admit(req.prompt, replyText(reply), req.model);
    if (!admitted.ok) return admitted.response;
    const shown: Reply = cut && reply.kind === 'text' ? { kind: 'text', content: half(reply.content) } : reply;
    const parts: CompletionParts = { id: r.wire.completionId(r.ids), created: r.created(), model: req.model, content: replyText(reply), prompt: req.prompt, reply: req.stream ? reply : shown, n: req.n };
    if (req.stream) return r.sse(chatStream(parts, end, { includeUsage: req.includeUsage }), request.signal, timing(replyText(reply)), admitted.snapshot);
    return r.json(200, chatCompletion(parts, cut ? 'length' : 'stop'), timing(replyText(reply)), admitted.snapshot);
  }

  if (api === 'responses') {
    const parsed = await readResponsesRequest(request);
    if (!parsed.ok) return r.problem(parsed.error);
    const req = parsed.value;
    const reply = replyFor(req, ctx.answer(req.question), r.ids, now, 'call_');
    const admitted = r.admit(req.prompt, replyText(reply), req.model);
    if (!admitted.ok) return admitted.response;
    const parts = {
      id: `resp_${r.ids.hex(48)}`,
      itemId: `${reply.kind === 'tool_calls' ? 'fc' : 'msg'}_${r.ids.hex(48)}`,
      createdAt: r.created(),
      model: req.model,
      reply,
      prompt: req.prompt,
      instructions: req.instructions,
      maxOutputTokens: req.maxOutputTokens,
      temperature: req.temperature,
    };
    if (req.stream) return r.sse(responseStream(parts, end), request.signal, timing(replyText(reply)), admitted.snapshot);
    const body = cut ? responseBody(parts, 'incomplete', half(replyText(reply)), { incomplete: 'max_output_tokens' }) : responseBody(parts, 'completed', replyText(reply));
    return r.json(200, body, timing(replyText(reply)), admitted.snapshot);
  }

  if (api === 'messages') {
    const parsed = await readMessagesRequest(request);
    if (!parsed.ok) return r.problem(parsed.error);
    const req = parsed.value;
    const reply = replyFor(req, ctx.answer(req.question), r.ids, now, 'toolu_');
    const admitted = r.admit(req.prompt, replyText(reply), req.model);
    if (!admitted.ok) return admitted.response;
    const parts = { id: r.wire.completionId(r.ids), model: req.model, reply, prompt: req.prompt };
    if (req.stream) return r.sse(messageStream(parts, end), request.signal, {}, admitted.snapshot);
    return r.json(200, messageBody(parts, cut), {}, admitted.snapshot);
  }

  if (api === 'embeddings') {
    const parsed = await readEmbeddingsRequest(request);
    if (!parsed.ok) return r.problem(parsed.error);
    const admitted = r.admit(parsed.value.inputs.join('\n'), '', parsed.value.model);
    if (!admitted.ok) return admitted.response;
    return r.json(200, embeddingsBody(parsed.value), {}, admitted.snapshot);
  }
  return undefined;
}
