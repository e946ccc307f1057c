import { http, type HttpHandler } from 'msw';
import { readChatRequest } from './chat-request';
import { chatCompletion, modelsList } from './openai-shapes';
import { createResponder, processingMsFor, type UpstreamContext } from './responder';
import { chatStreamEvents } from './sse';

export type { UpstreamContext } from './responder';

/**
 * The HEALTHY OpenAI-compatible API, as MSW handlers. Happy path only, as MSW
 * advises: faults live in `faults.ts` and are prepended, so the first match wins.
 *
 * Paths start with `*` so any origin and prefix matches:
 * `https://api.openai.com/v1/chat/completions` and
 * `http://localhost:3000/api/sandbox/healthy/v1/chat/completions` alike.
 */

/** Path patterns served by {@link healthyHandlers}. */
export const API_PATHS = {
  chatCompletions: '*/chat/completions',
  models: '*/models',
} as const;

/**
 * The healthy API for one context:
 * - `POST …/chat/completions`: a `chat.completion`, or with `stream: true` an SSE
 *   stream of `chat.completion.chunk`s ending in `data: [DONE]`. Bad bodies get
 *   OpenAI's 400 errors.
 * - `GET …/models`: the context's model.
 */
export function healthyHandlers(ctx: UpstreamContext): HttpHandler[] {
  const r = createResponder(ctx);
  return [
    http.post(API_PATHS.chatCompletions, async ({ request }) => {
      const parsed = await readChatRequest(request);
      if (!parsed.ok) return r.error(400, parsed.error);
      const req = parsed.value;
      const parts = r.completionParts(req);
      const timing = { 'openai-processing-ms': String(processingMsFor(parts.content)) };
      if (req.stream) {
        return r.sse(chatStreamEvents(parts, { usage: req.includeUsage }), { kind: 'close' }, request.signal, timing);
      }
      return r.json(200, chatCompletion(parts), timing);
    }),
    http.get(API_PATHS.models, () => r.json(200, modelsList([ctx.model], 1_700_000_000))),
  ];
}
