import { MAX_ENDPOINT_BODY_BYTES } from '@/lib/contract';
import { seededRandom } from '@/lib/resilience/random';
import { ScaledClock } from '@/lib/resilience/scaled-clock';
import { TtlLruCache } from '@/lib/resilience/ttl-lru-cache';
import { getPreset } from '@/lib/scenario/presets';
import { gates } from './admission';
import { createUpstream, errorBody, handleUpstreamRequest, type Upstream } from './mock-upstream';
import { sessionStore } from './session-store';

/** Bounds on the preset endpoints' per-client state: a few classes' worth of keys, dropped after an hour idle. */
export const PRESET_CLIENT_LIMITS = { maxClients: 5000, idleTtlMs: 60 * 60 * 1000 } as const;

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

/** Upstreams for `/api/sandbox/{preset}/v1`, one per (preset, client key), created on first use. */
const globalState = globalThis as unknown as { __presetUpstreams?: TtlLruCache<string, Upstream> };
const presetUpstreams = () =>
  (globalState.__presetUpstreams ??= new TtlLruCache<string, Upstream>({ maxEntries: PRESET_CLIENT_LIMITS.maxClients, ttlMs: PRESET_CLIENT_LIMITS.idleTtlMs, touchOnGet: true }));

function presetUpstream(id: string, clientKey: string): Upstream | undefined {
  const preset = getPreset(id);
  if (!preset) return undefined;
  const key = `${id}\u0000${clientKey}`;
  const cache = presetUpstreams();
  let upstream = cache.get(key);
  if (!upstream) {
    // Its own clock starts now, at this client's first call: the outage plays out from there.
    upstream = createUpstream({ scenario: preset.scenario.primary, clock: new ScaledClock(1), random: seededRandom(42) });
    cache.set(key, upstream);
  }
  return upstream;
}

/** An OpenAI-shaped error, so a client's SDK raises the class the real API would cause. */
function openAiError(status: number, message: string, code: string | null, headers: Record<string, string> = {}, type = 'invalid_request_error'): Response {
  return Response.json(errorBody({ message, type, param: null, code }), { status, headers });
}

type Buffered = { ok: true; request: Request } | { ok: false; response: Response };

/**
 * Read the body once, with the 1 MiB cap applied to what actually arrives
 * (a chunked upload declares no length), and hand MSW an equivalent request.
 */
async function bufferBody(request: Request): Promise<Buffered> {
  const tooLarge = (size: string) =>
    openAiError(413, `Request body too large: ${size} (the sandbox accepts at most ${MAX_ENDPOINT_BODY_BYTES} bytes).`, 'request_too_large');
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
  return { ok: true, request: new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal }) };
}

/**
 * Serve `/api/sandbox/{scenario}/v1/...` for any OpenAI client: `{scenario}` is a
 * preset id or a browser session's public id. Errors are OpenAI-shaped, so a
 * client's SDK raises the error class a real API would cause. A session's calls
 * are recorded for its report card (lib/sandbox/client-recorder.ts).
 */
export async function serveEndpoint(request: Request, scenario: string): Promise<Response> {
  const session = getPreset(scenario) ? undefined : sessionStore().byPublicId(scenario);
  return session ? session.clientCalls.serve(request, () => serveScenario(request, scenario)) : serveScenario(request, scenario);
}

async function serveScenario(request: Request, scenario: string): Promise<Response> {
  const upstream = presetUpstream(scenario, clientKeyOf(request)) ?? sessionStore().byPublicId(scenario)?.endpoint;
  if (!upstream) {
    return openAiError(
      404,
      `Unknown sandbox scenario '${scenario.slice(0, 80)}': use a preset id (see GET /api/scenarios) or your session id from the dashboard.`,
      'scenario_not_found',
    );
  }
  const slot = gates().endpoint.tryEnter();
  if (!slot) {
    return openAiError(429, 'The sandbox endpoint is busy (too many requests in flight); retry in a second.', 'sandbox_busy', { 'retry-after': '1' }, 'requests');
  }
  try {
    const buffered = await bufferBody(request);
    if (!buffered.ok) return buffered.response;
    return await handleUpstreamRequest(buffered.request, upstream);
  } finally {
    // Released when the response is ready; a stream's body then flows without holding a slot.
    slot.dispose();
  }
}
