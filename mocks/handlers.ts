import { http, type HttpHandler } from 'msw';
import { PROVIDERS } from '@/lib/scenario/providers';
import { anthropicModelsList } from './anthropic-shapes';
import { generate } from './generate';
import { modelsList } from './openai-shapes';
import { isOpenAiCompatible } from './profiles';
import { createResponder, type Responder, type UpstreamContext } from './responder';

export type { UpstreamContext } from './responder';

/**
 * The HEALTHY APIs, as MSW handlers, in the request's dialect. Happy path
 * only, as MSW advises: faults live in `faults.ts` and are prepended, so the
 * first match wins.
 *
 * Paths start with `*` so any origin and prefix matches:
 * `https://api.openai.com/v1/chat/completions` and
 * `http://localhost:3000/api/sandbox/healthy/qwen/v1/chat/completions` alike.
 */

/** Path patterns served by {@link healthyHandlers}, and the one method each accepts. */
export const API_PATHS = {
  chatCompletions: '*/chat/completions',
  responses: '*/responses',
  embeddings: '*/embeddings',
  models: '*/models',
  model: '*/models/:id',
  messages: '*/v1/messages',
} as const;

/** A 405 in the dialect's shape, with the `allow` header, for a known path called with the wrong method. */
function methodNotAllowed(r: Responder, allow: string): HttpHandler['resolver'] {
  return ({ request }) =>
    r.error(
      { status: 405, type: 'invalid_request_error', code: 'method_not_allowed', message: `Method ${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allow}.` },
      { allow },
    );
}

/**
 * The healthy API of one dialect:
 * - OpenAI-compatible (OpenAI, DeepSeek, Qwen): `POST …/chat/completions`,
 *   `POST …/responses`, `POST …/embeddings`, `GET …/models` and `…/models/{id}`;
 * - Anthropic: `POST …/v1/messages`, `GET …/v1/models`.
 * Generations stream when asked; bad bodies get the dialect's own 400/422.
 */
export function healthyHandlers(ctx: UpstreamContext): HttpHandler[] {
  const r = createResponder(ctx);
  const provider = ctx.provider ?? 'openai';
  const models = [...new Set([ctx.model, PROVIDERS[provider].model])];
  const created = 1_700_000_000;
  const answer = ({ request }: { request: Request }) => generate(r, ctx, request, { kind: 'complete' });
  if (!isOpenAiCompatible(provider)) {
    return [
      http.post(API_PATHS.messages, answer),
      http.all(API_PATHS.messages, methodNotAllowed(r, 'POST')),
      http.get('*/v1/models', () => r.json(200, anthropicModelsList(models, new Date(created * 1000).toISOString()))),
    ];
  }
  return [
    http.post(API_PATHS.chatCompletions, answer),
    http.post(API_PATHS.responses, answer),
    http.post(API_PATHS.embeddings, answer),
    http.get(API_PATHS.models, () => r.json(200, modelsList(models, created))),
    http.get(API_PATHS.model, ({ params }) => {
      const id = String(params.id);
      return models.includes(id) ? r.json(200, modelsList([id], created).data[0]) : r.fault('model-not-found-404', { model: id });
    }),
    ...[API_PATHS.chatCompletions, API_PATHS.responses, API_PATHS.embeddings].map((path) => http.all(path, methodNotAllowed(r, 'POST'))),
    http.all(API_PATHS.models, methodNotAllowed(r, 'GET')),
  ];
}
