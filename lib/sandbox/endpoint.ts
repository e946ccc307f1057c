import { seededRandom } from '@/lib/resilience/random';
import { ScaledClock } from '@/lib/resilience/scaled-clock';
import { getPreset } from '@/lib/scenario/presets';
import { createUpstream, errorBody, handleUpstreamRequest, type Upstream } from './mock-upstream';
import { sessionStore } from './session-store';

/** Largest request body the OpenAI-compatible endpoint reads: 1 MiB. */
const MAX_ENDPOINT_BODY = 1024 * 1024;

/**
 * One upstream per preset for `/api/sandbox/{preset}/v1`, created on first use.
 * Its sandbox clock starts then, so `outage-then-recovery` plays out from the
 * first call; `first-n` counts are shared by everyone using that preset URL
 * (use your session id for a private copy).
 */
const presetUpstreams = new Map<string, Upstream>();

function presetUpstream(id: string): Upstream | undefined {
  const preset = getPreset(id);
  if (!preset) return undefined;
  let upstream = presetUpstreams.get(id);
  if (!upstream) {
    upstream = createUpstream({ scenario: preset.scenario.primary, clock: new ScaledClock(1), random: seededRandom(42) });
    presetUpstreams.set(id, upstream);
  }
  return upstream;
}

const openAiError = (status: number, message: string, code: string, type = 'invalid_request_error') =>
  Response.json(errorBody({ message, type, param: null, code }), { status });

/**
 * Serve `/api/sandbox/{scenario}/v1/...` for any OpenAI client: `{scenario}` is a
 * preset id or a browser session's public id. Errors are OpenAI-shaped, so a
 * client's SDK raises the error class a real API would cause.
 */
export async function serveEndpoint(request: Request, scenario: string): Promise<Response> {
  const upstream = presetUpstream(scenario) ?? sessionStore().byPublicId(scenario)?.endpoint;
  if (!upstream) {
    return openAiError(404, `Unknown sandbox scenario '${scenario.slice(0, 80)}': use a preset id (see GET /api/scenarios) or your session id from the dashboard.`, 'scenario_not_found');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_ENDPOINT_BODY) return openAiError(400, `Request body too large: ${declared} bytes (max ${MAX_ENDPOINT_BODY}).`, 'body_too_large');
  return handleUpstreamRequest(request, upstream);
}
