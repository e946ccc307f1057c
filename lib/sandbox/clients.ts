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
  /** `1` switches real mode on. Only whoever runs the server can: no request can. */
  SANDBOX_REAL_MODE?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  LOCAL_LLM_BASE_URL?: string;
  /** Requests real mode may send in this server's lifetime. Default 200: protects the bill in a class of forty. */
  REAL_MODE_MAX_REQUESTS?: string;
  /** Requests one session may send in real mode. Default 20, so one student cannot spend the class's allowance. */
  REAL_MODE_SESSION_MAX_REQUESTS?: string;
};

/** Real mode is possible only when the server's operator switched it on and gave a key. */
export const realModeAvailable = (env: RealModeEnv = process.env): boolean => env.SANDBOX_REAL_MODE === '1' && Boolean(env.OPENAI_API_KEY);

/** Thrown instead of calling a real upstream once a request cap is spent. */
export class RealModeCapError extends Error {
  readonly name = 'RealModeCapError';
  constructor(
    readonly cap: number,
    readonly scope: 'server' | 'session',
  ) {
    super(
      scope === 'server'
        ? `Real-mode request cap of ${cap} for this server reached; restart the server or raise REAL_MODE_MAX_REQUESTS.`
        : `Real-mode request cap of ${cap} for this session reached; raise REAL_MODE_SESSION_MAX_REQUESTS to allow more.`,
    );
  }
}

/** A count of requests against a cap. */
export interface RequestCap {
  readonly cap: number;
  readonly scope: 'server' | 'session';
  used: number;
}

/** The process-wide cap, shared by every session's real clients. */
const serverCap = (cap: number): RequestCap => {
  const g = globalThis as unknown as { __realModeCap?: RequestCap };
  return (g.__realModeCap ??= { cap, scope: 'server', used: 0 });
};

/** A `fetch` that counts every real request against each cap, and refuses once any is spent. */
export function cappedFetch(caps: RequestCap[], inner: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const spent = caps.find((c) => c.used >= c.cap);
    if (spent) return Promise.reject(new RealModeCapError(spent.cap, spent.scope));
    for (const c of caps) c.used++;
    return inner(input, init);
  };
}

const capOf = (raw: string | undefined, fallback: number): number => {
  const n = Number(raw ?? fallback);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** A fresh per-session cap. A session keeps one for its lifetime, so a reset does not refill it. */
export const sessionRequestCap = (env: RealModeEnv = process.env): RequestCap => ({
  cap: capOf(env.REAL_MODE_SESSION_MAX_REQUESTS, 20),
  scope: 'session',
  used: 0,
});

/** Clients for real mode for one session, or undefined when real mode is off. */
export function realClients(env: RealModeEnv = process.env, sessionCap: RequestCap = sessionRequestCap(env)): { primary: OpenAI; local?: OpenAI } | undefined {
  if (!realModeAvailable(env)) return undefined;
  const fetch = cappedFetch([serverCap(capOf(env.REAL_MODE_MAX_REQUESTS, 200)), sessionCap]);
  const primary = new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined, fetch, maxRetries: 0, timeout: 600_000 });
  const local = env.LOCAL_LLM_BASE_URL
    ? new OpenAI({ apiKey: 'lm-studio', baseURL: env.LOCAL_LLM_BASE_URL, fetch, maxRetries: 0, timeout: 600_000 })
    : undefined;
  return { primary, ...(local ? { local } : {}) };
}
