import { renderProviderError, type ProviderId } from '@/lib/scenario/providers';
import type { WireError } from './profiles';

/**
 * The key check every real API makes before anything else: no key, no model.
 * The sandbox accepts any key (it only tells clients apart), but a request
 * with none gets the provider's own 401, as a student's misconfigured client
 * would in production. The sandbox's in-process clients send
 * `Authorization: Bearer sk-sandbox`, so they always pass.
 */

/** The Bearer token of an `Authorization` header, or `undefined`. */
export function bearerOf(request: Request): string | undefined {
  const auth = request.headers.get('authorization')?.trim() ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
  return token ? token : undefined;
}

const OPENAI_MISSING_KEY =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";

/** What the provider answers a request without a key (or Anthropic without `anthropic-version`); `null` when it may pass. */
export function authProblem(request: Request, provider: ProviderId): WireError | null {
  if (provider === 'anthropic') {
    if (!request.headers.get('x-api-key')?.trim() && !bearerOf(request)) return { status: 401, type: 'authentication_error', code: null, message: 'x-api-key header is required' };
    if (!request.headers.get('anthropic-version')?.trim()) return { status: 400, type: 'invalid_request_error', code: null, message: 'anthropic-version: header is required' };
    return null;
  }
  if (bearerOf(request)) return null;
  if (provider === 'openai') return { status: 401, type: 'invalid_request_error', code: null, param: null, message: OPENAI_MISSING_KEY };
  // DeepSeek and DashScope answer a missing key like a wrong one.
  return renderProviderError(provider, 'auth-401');
}
