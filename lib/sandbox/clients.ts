import OpenAI from 'openai';

/** The base URL the sandbox's in-process clients use. Nothing listens there: every request is answered by MSW's getResponse. */
export const MOCK_BASE_URL = 'https://mock.openai.local/v1';

/**
 * An SDK client for the mocked upstream.
 * `maxRetries: 0` because the service owns retries: left at the SDK's default of 2,
 * the SDK's retries would multiply with ours (3 × 3 = 9 calls per request).
 * The SDK's own timeout is left long: the service enforces a deadline on the sandbox clock.
 */
export function mockClient(fetch: typeof globalThis.fetch): OpenAI {
  return new OpenAI({ apiKey: 'sk-sandbox', baseURL: MOCK_BASE_URL, fetch, maxRetries: 0, timeout: 600_000 });
}

/** Settings for real mode, read from the server's environment only: the key never reaches the browser. */
export type RealModeEnv = Record<string, string | undefined> & {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  LOCAL_LLM_BASE_URL?: string;
  /** Requests real mode may send in this server's lifetime. Default 200: protects the bill in a class of forty. */
  REAL_MODE_MAX_REQUESTS?: string;
};

/** Real mode is possible only when the server has a key. */
export const realModeAvailable = (env: RealModeEnv = process.env): boolean => Boolean(env.OPENAI_API_KEY);

/** Thrown instead of calling a real upstream once the request cap is spent. */
export class RealModeCapError extends Error {
  readonly name = 'RealModeCapError';
  constructor(readonly cap: number) {
    super(`Real-mode request cap of ${cap} reached; restart the server or raise REAL_MODE_MAX_REQUESTS.`);
  }
}

let realRequests = 0;

/** A `fetch` that counts real requests against a process-wide cap. */
export function cappedFetch(cap: number, inner: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    if (realRequests >= cap) return Promise.reject(new RealModeCapError(cap));
    realRequests++;
    return inner(input, init);
  };
}

/** Clients for real mode, or undefined when no key is configured. */
export function realClients(env: RealModeEnv = process.env): { primary: OpenAI; local?: OpenAI } | undefined {
  if (!env.OPENAI_API_KEY) return undefined;
  const cap = Number(env.REAL_MODE_MAX_REQUESTS ?? 200);
  const fetch = cappedFetch(Number.isFinite(cap) && cap >= 0 ? cap : 200);
  const primary = new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined, fetch, maxRetries: 0, timeout: 600_000 });
  const local = env.LOCAL_LLM_BASE_URL
    ? new OpenAI({ apiKey: 'lm-studio', baseURL: env.LOCAL_LLM_BASE_URL, fetch, maxRetries: 0, timeout: 600_000 })
    : undefined;
  return { primary, ...(local ? { local } : {}) };
}
