import { sleep, type Clock } from '@/lib/resilience/clock';
import type { Random } from '@/lib/resilience/random';

/**
 * A faithful port of the call pattern of the lesson's `robust_ai_service.py`
 * (lesson-19 §Demo), so the card can be unit-tested against it on a virtual
 * clock. Three layers, as in Python:
 *
 * 1. the Python `openai` SDK (3.22) inside `client.chat.completions.create(…, timeout=30)`:
 *    `max_retries=2`; it retries 408, 409, 429, ≥ 500, connection errors and
 *    timeouts; it waits Retry-After when 0 < it ≤ 120 s (and does not retry
 *    beyond that), else `min(0.5 · 2ⁿ, 8) s × (1 − 0.25 · random())`;
 *    it sends `X-Stainless-Retry-Count`;
 * 2. the lesson's `@retry_with_backoff(max_retries=3)`: catches `APIError`
 *    (which in Python is the base of *every* SDK error, 401 included) and
 *    sleeps `(2 ** i) * (0.5 + random.random())` s;
 * 3. its `CircuitBreaker(failure_threshold=3, timeout=30)` and the message cache.
 *
 * The real script runs unchanged in e2e/client-report.spec.ts when python3 has `openai`.
 */

/** Where and how the port calls. */
export interface LessonClientOptions {
  fetch: typeof fetch;
  /** The `base_url` the student sets, e.g. `http://host/api/sandbox/<id>/v1`. */
  baseURL: string;
  clock: Clock;
  random: Random;
}

/** An error the port raises, as the Python SDK would (all are `APIError` subclasses there). */
export class PortedApiError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

const MAX_RETRY_AFTER_S = 120;

/** Python's `_parse_retry_after_header`: retry-after-ms, then Retry-After seconds, then an HTTP date; seconds or `null`. */
function retryAfterSeconds(headers: Headers, nowMs: number): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms / 1000;
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const s = Number.parseFloat(raw);
  if (Number.isFinite(s) && /^\s*[\d.+-]/.test(raw)) return s;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? (date - nowMs) / 1000 : null;
}

/** The Python SDK's `_should_retry` for a response with an error status. */
function sdkShouldRetry(response: Response, nowMs: number): boolean {
  const ra = retryAfterSeconds(response.headers, nowMs);
  if (ra !== null && ra > MAX_RETRY_AFTER_S) return false;
  const header = response.headers.get('x-should-retry');
  if (header === 'true') return true;
  if (header === 'false') return false;
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}

/** The Python SDK's `_calculate_retry_timeout`, in ms. */
function sdkRetryDelayMs(retriesTaken: number, headers: Headers | null, nowMs: number, random: Random): number {
  const ra = headers ? retryAfterSeconds(headers, nowMs) : null;
  if (ra !== null && ra > 0 && ra <= MAX_RETRY_AFTER_S) return ra * 1000;
  return Math.min(0.5 * 2 ** retriesTaken, 8) * (1 - 0.25 * random()) * 1000;
}

/** `client.chat.completions.create(model="gpt-3.5-turbo", messages=[…], timeout=30)` with the SDK's default `max_retries=2`. */
export async function pythonSdkCreate(message: string, o: LessonClientOptions): Promise<string> {
  const body = JSON.stringify({ messages: [{ role: 'user', content: message }], model: 'gpt-3.5-turbo' });
  for (let retries = 0; ; retries++) {
    const remaining = 2 - retries;
    const controller = new AbortController();
    const timer = o.clock.setTimeout(() => controller.abort(), 30_000);
    let response: Response;
    try {
      response = await o.fetch(`${o.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-lesson', 'user-agent': 'OpenAI/Python 3.22.1 (port)', 'x-stainless-retry-count': String(retries) },
        body,
        signal: controller.signal,
      });
      if (response.ok) {
        const data = (await response.json()) as { choices?: { message?: { content?: string } }[] };
        return data.choices?.[0]?.message?.content ?? '';
      }
      await response.text();
    } catch {
      // APIConnectionError / APITimeoutError: retried by the SDK while retries remain.
      o.clock.clearTimeout(timer);
      if (remaining <= 0) throw new PortedApiError(null, controller.signal.aborted ? 'Request timed out.' : 'Connection error.');
      await sleep(o.clock, sdkRetryDelayMs(retries, null, Date.now(), o.random));
      continue;
    }
    o.clock.clearTimeout(timer);
    if (remaining > 0 && sdkShouldRetry(response, Date.now())) {
      await sleep(o.clock, sdkRetryDelayMs(retries, response.headers, Date.now(), o.random));
      continue;
    }
    throw new PortedApiError(response.status, `Error code: ${response.status}`);
  }
}

/** The lesson's `@retry_with_backoff(max_retries=3)` around the SDK call: it catches every SDK error. */
export async function lessonApiCall(message: string, o: LessonClientOptions): Promise<string> {
  for (let i = 0; i < 3; i++) {
    try {
      return await pythonSdkCreate(message, o);
    } catch (e) {
      if (i === 2) throw e;
      await sleep(o.clock, 2 ** i * (0.5 + o.random()) * 1000);
    }
  }
  throw new Error('unreachable');
}

/** The lesson's `RobustAIService`: cache, then the breaker around the retried call. */
export class LessonService {
  private readonly cache = new Map<string, string>();
  private state: 'closed' | 'open' | 'half_open' = 'closed';
  private failures = 0;
  private lastFailureAt: number | null = null;

  constructor(private readonly o: LessonClientOptions) {}

  /** `service.chat(message)`: `{ source, content }` as in Python. */
  async chat(message: string): Promise<{ source: 'cache' | 'api' | 'fallback' | 'error'; content: string }> {
    const cached = this.cache.get(message);
    if (cached !== undefined) return { source: 'cache', content: cached };
    try {
      const result = await this.breakerCall(() => lessonApiCall(message, this.o));
      this.cache.set(message, result);
      return { source: 'api', content: result };
    } catch (e) {
      if ((e as Error).message === '熔断器开启') return { source: 'fallback', content: '系统繁忙，请稍后重试' };
      return { source: 'error', content: '抱歉，服务暂时不可用' };
    }
  }

  /** `CircuitBreaker.call`: note it never resets the count on a success while CLOSED (as in the lesson). */
  private async breakerCall(fn: () => Promise<string>): Promise<string> {
    if (this.state === 'open') {
      // `(datetime.now() - last_failure_time).seconds > self.timeout`
      if (this.lastFailureAt !== null && Math.floor((this.o.clock.now() - this.lastFailureAt) / 1000) > 30) this.state = 'half_open';
      else throw new Error('熔断器开启');
    }
    try {
      const result = await fn();
      if (this.state === 'half_open') {
        this.state = 'closed';
        this.failures = 0;
      }
      return result;
    } catch (e) {
      this.failures++;
      this.lastFailureAt = this.o.clock.now();
      if (this.failures >= 3) this.state = 'open';
      throw e;
    }
  }
}

/** The lesson's `demo()`: its four questions, in order. */
export const LESSON_DEMO_QUESTIONS = ['什么是Python？', '什么是Python？', '什么是Java？', '什么是Go？'] as const;

/** Run `demo()` once against `o.baseURL`; returns each answer's source. */
export async function runLessonDemo(o: LessonClientOptions): Promise<string[]> {
  const service = new LessonService(o);
  const sources: string[] = [];
  for (const q of LESSON_DEMO_QUESTIONS) sources.push((await service.chat(q)).source);
  return sources;
}
