import { MAX_ENDPOINT_BODY_BYTES, type RateLimitReport } from '@/lib/contract';
import { seededRandom } from '@/lib/resilience/random';
import { ScaledClock } from '@/lib/resilience/scaled-clock';
import { TtlLruCache } from '@/lib/resilience/ttl-lru-cache';
import { LOCAL_MODEL } from '@/lib/scenario/models';
import { getPreset } from '@/lib/scenario/presets';
import type { ProviderId } from '@/lib/scenario/providers';
import { gates } from './admission';
import { createUpstream, dialectErrorResponse, handleUpstreamRequest, localAnswerFor, withSignal, type Upstream } from './mock-upstream';
import { sessionStore } from './session-store';

/** Bounds on the preset endpoints' per-client state: a few classes' worth of keys, dropped after an hour idle. */
export const PRESET_CLIENT_LIMITS = { maxClients: 5000, idleTtlMs: 60 * 60 * 1000 } as const;

/** Which endpoint a request is for: a dialect of the primary API, or the local model (OpenAI's dialect). */
export interface EndpointTarget {
  /** Default `openai`. */
  provider?: ProviderId;
  /** `local` serves the scenario's local-model layer, `/api/sandbox/{scenario}/local/v1`. Default `primary`. */
  layer?: 'primary' | 'local';
}

/**
 * Who is calling a preset URL, for keeping its state apart: the API key the
 * client sends (any string works; the sandbox checks none). "Use your own key
 * string to get your own timeline": `sk-alice` and `sk-bob` each see
 * `transient-blip`'s first two failures and `outage-then-recovery`'s clock
 * from their own first call. A client that sends no key shares one state.
 */
export function clientKeyOf(request: Request): string {
  const auth = request.headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(auth.trim())?.[1];
  return (bearer ?? request.headers.get('x-api-key') ?? request.headers.get('api-key') ?? '').slice(0, 200);
}

/** Upstreams for preset URLs, one per (preset, layer, dialect, client key), created on first use. */
const globalState = globalThis as unknown as { __presetUpstreams?: TtlLruCache<string, Upstream> };
const presetUpstreams = () =>
  (globalState.__presetUpstreams ??= new TtlLruCache<string, Upstream>({ maxEntries: PRESET_CLIENT_LIMITS.maxClients, ttlMs: PRESET_CLIENT_LIMITS.idleTtlMs, touchOnGet: true }));

function presetUpstream(id: string, clientKey: string, provider: ProviderId, layer: 'primary' | 'local'): Upstream | undefined {
  const preset = getPreset(id);
  if (!preset) return undefined;
  // Each dialect and layer keeps its own timeline, so comparing DeepSeek with OpenAI starts both afresh.
  const key = `${id}\u0000${layer}\u0000${provider}\u0000${clientKey}`;
  const cache = presetUpstreams();
  let upstream = cache.get(key);
  if (!upstream) {
    // Its own clock starts now, at this client's first call: the outage plays out from there.
    const local = layer === 'local' ? { answer: localAnswerFor, model: LOCAL_MODEL } : {};
    upstream = createUpstream({ scenario: preset.scenario[layer], clock: new ScaledClock(1), random: seededRandom(42), ...local });
    cache.set(key, upstream);
  }
  return upstream;
}

/** The upstream behind a scenario URL: a preset's (per client key) or a browser session's. */
function upstreamFor(request: Request, scenario: string, provider: ProviderId, layer: 'primary' | 'local'): Upstream | undefined {
  const preset = presetUpstream(scenario, clientKeyOf(request), provider, layer);
  if (preset) return preset;
  const session = sessionStore().byPublicId(scenario);
  if (!session) return undefined;
  return layer === 'local' ? session.localEndpoint : session.endpoint;
}

/** An error in the dialect's own shape, so a client's SDK raises the class the real API would cause. */
function dialectError(provider: ProviderId, status: number, message: string, code: string | null, headers: Record<string, string> = {}, type = 'invalid_request_error'): Response {
  // Anthropic has no codes: its types carry the meaning (413 request_too_large, 429 rate_limit_error, 404 not_found_error).
  const anthropicType = status === 413 ? 'request_too_large' : status === 429 ? 'rate_limit_error' : status === 404 ? 'not_found_error' : 'invalid_request_error';
  return dialectErrorResponse(provider, { status, type: provider === 'anthropic' ? anthropicType : type, code: provider === 'anthropic' ? null : code, param: null, message }, headers);
}

type Buffered = { ok: true; request: Request } | { ok: false; response: Response };

/**
 * Read the body once, with the 1 MiB cap applied to what actually arrives
 * (a chunked upload declares no length), and hand MSW an equivalent request.
 */
async function bufferBody(request: Request, provider: ProviderId): Promise<Buffered> {
  const tooLarge = (size: string) =>
    dialectError(provider, 413, `Request body too large: ${size} (the sandbox accepts at most ${MAX_ENDPOINT_BODY_BYTES} bytes).`, 'request_too_large');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_ENDPOINT_BODY_BYTES) return { ok: false, response: tooLarge(`${declared} bytes`) };
  if (!request.body) return { ok: true, request };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ENDPOINT_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return { ok: false, response: tooLarge(`more than ${MAX_ENDPOINT_BODY_BYTES} bytes`) };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  // The incoming request's own signal (a client that hangs up aborts the handlers), not a follower of it.
  return { ok: true, request: withSignal(new Request(request.url, { method: request.method, headers: request.headers, body }), request.signal) };
}

/**
 * Serve the fault endpoint for any client: `{scenario}` is a preset id or a
 * browser session's public id; `target` picks the dialect (OpenAI at `/v1`,
 * DeepSeek at `/deepseek/v1`, Qwen at `/qwen/v1`, Anthropic at `/anthropic`)
 * or the local model (`/local/v1`). Every answer is in that dialect's shape,
 * so a client's SDK raises the error class the real API would cause. A
 * session's calls are recorded for its report card (lib/sandbox/client-recorder.ts).
 */
export async function serveEndpoint(request: Request, scenario: string, target: EndpointTarget = {}): Promise<Response> {
  const session = getPreset(scenario) ? undefined : sessionStore().byPublicId(scenario);
  return session ? session.clientCalls.serve(request, () => serveScenario(request, scenario, target)) : serveScenario(request, scenario, target);
}

async function serveScenario(request: Request, scenario: string, target: EndpointTarget): Promise<Response> {
  const provider = target.provider ?? 'openai';
  const layer = target.layer ?? 'primary';
  const upstream = upstreamFor(request, scenario, provider, layer);
  if (!upstream) {
    return dialectError(
      provider,
      404,
      `Unknown sandbox scenario '${scenario.slice(0, 80)}${scenario.length > 80 ? '…' : ''}': use a preset id (see GET /api/scenarios) or your session id from the dashboard.`,
      'scenario_not_found',
    );
  }
  const slot = gates().endpoint.tryEnter();
  if (!slot) {
    return dialectError(provider, 429, 'The sandbox endpoint is busy (too many requests in flight); retry in a second.', 'sandbox_busy', { 'retry-after': '1' }, 'requests');
  }
  try {
    const buffered = await bufferBody(request, provider);
    if (!buffered.ok) return buffered.response;
    return await handleUpstreamRequest(buffered.request, upstream, { provider });
  } finally {
    // Released when the response is ready; a stream's body then flows without holding a slot.
    slot.dispose();
  }
}

/**
 * The answer for anything under `/api/sandbox/` that is no endpoint at all
 * (a path outside `/v1`, a missing scenario): the API's own 404, never Next's HTML page.
 */
export function notAnEndpoint(request: Request): Response {
  const { pathname } = new URL(request.url);
  return dialectError(
    'openai',
    404,
    `Invalid URL (${request.method} ${pathname.slice(0, 200)}${pathname.length > 200 ? '…' : ''}): the fault endpoint is /api/sandbox/{scenario}/v1 (or /deepseek/v1, /qwen/v1, /anthropic, /local/v1), where {scenario} is a preset id or your session id.`,
    null,
  );
}

/** A Next route handler of the fault endpoint (any method; a wrong one gets the dialect's 405). */
export type EndpointHandler = (request: Request, context: { params: Promise<{ scenario: string }> }) => Promise<Response>;

/** The handler every method of one endpoint route exports. */
export function endpointHandler(target: EndpointTarget = {}): EndpointHandler {
  return async (request, { params }) => serveEndpoint(request, (await params).scenario, target);
}

/**
 * The rate windows behind a scenario URL, for the dashboard's gauge: the
 * endpoint's (per client key for a preset) and, for a session that exposes it,
 * the primary's. `undefined` for an unknown scenario.
 */
export function rateLimitReport(request: Request, scenario: string): RateLimitReport | undefined {
  const preset = getPreset(scenario);
  const session = preset ? undefined : sessionStore().byPublicId(scenario);
  const rules = preset?.scenario.primary.rules ?? session?.current.scenario.primary.rules;
  const upstream = upstreamFor(request, scenario, 'openai', 'primary');
  if (!rules || !upstream) return undefined;
  const primary = session?.primaryRateLimit() ?? null;
  return { enforced: rules.some((r) => r.fault === 'rate-limit-window'), endpoint: upstream.rateLimit(), primary };
}
