import type { Clock } from '@/lib/resilience/clock';
import type { VirtualClock } from '@/lib/resilience/virtual-clock';
import * as endpoint from '@/app/api/sandbox/[scenario]/v1/[...path]/route';
import * as sessionRoute from '@/app/api/session/route';
import { sessionStore } from '@/lib/sandbox/session-store';
import type { SandboxSession } from '@/lib/sandbox/session';
import type { CallRecord } from './call-record';
import { ClientRecord } from './client-record';
import { readRequestBody } from './fingerprint';
import type { GradingThresholds } from './thresholds';

/**
 * Test helpers for lib/grading: a hand-driven record for the checks' unit
 * tests, and a real session behind the real route handlers for the clients'.
 */

/** A clock that moves only when told to, synchronously. */
export class ManualClock implements Clock {
  t = 0;
  now = () => this.t;
  setTimeout = (): number => {
    throw new Error('ManualClock has no timers');
  };
  clearTimeout = () => {};
}

/** What a scripted call gets. */
export type Answer =
  | { status: number; code?: string; headers?: Record<string, string>; fault?: string }
  | { stream: 'ok' | 'cut' | 'no-done'; text?: string; fault?: string }
  | { reset: true; fault?: string }
  /** The server never answers; the client hangs up after `leaveAfterMs` (or never, when omitted). */
  | { hang: true; leaveAfterMs?: number };

/** Options of one scripted call. */
export interface CallOptions {
  retryCount?: number;
  idempotencyKey?: string;
  requestId?: string;
  stream?: boolean;
  clientKey?: string;
  /** Assistant turns quoted in the request. */
  assistant?: string[];
}

/** A {@link ClientRecord} driven by hand: `wait(ms)`, then `call(question, answer)`. */
export class ScriptedRecord {
  readonly clock = new ManualClock();
  readonly record: ClientRecord;

  constructor(thresholds?: GradingThresholds) {
    this.record = new ClientRecord({ clock: this.clock, wallClock: () => 1_700_000_000_000 + this.clock.t, ...(thresholds ? { thresholds } : {}) });
  }

  wait(ms: number): this {
    this.clock.t += ms;
    return this;
  }

  /** One call answered at once (or hung up on after `leaveAfterMs`). */
  call(question: string, answer: Answer, o: CallOptions = {}): CallRecord {
    const messages: { role: string; content: string }[] = [];
    for (const a of o.assistant ?? []) messages.push({ role: 'user', content: 'earlier' }, { role: 'assistant', content: a });
    messages.push({ role: 'user', content: question });
    const body = new TextEncoder().encode(JSON.stringify({ model: 'm', messages, ...(o.stream || 'stream' in answer ? { stream: true } : {}) }));
    const headers = new Headers();
    if (o.retryCount !== undefined) headers.set('x-stainless-retry-count', String(o.retryCount));
    if (o.idempotencyKey) headers.set('idempotency-key', o.idempotencyKey);
    if (o.requestId) headers.set('x-request-id', o.requestId);
    const { record } = this.record.begin({ method: 'POST', path: '/v1/chat/completions', headers, body: readRequestBody(body), clientKey: o.clientKey ?? 'k' });
    if ('hang' in answer) {
      this.record.served(record, 'timeout');
      if (answer.leaveAfterMs !== undefined) {
        this.wait(answer.leaveAfterMs);
        this.record.left(record);
      }
      return record;
    }
    this.record.served(record, answer.fault ?? null);
    if ('status' in answer) {
      this.record.answered(record, answer.status, new Headers({ 'content-type': 'application/json', ...answer.headers }), answer.code ?? null);
      this.record.ended(record, 'complete');
    } else if ('reset' in answer) {
      this.record.answered(record, 200, new Headers(), null);
      this.record.ended(record, 'cut');
    } else {
      this.record.answered(record, 200, new Headers({ 'content-type': 'text/event-stream' }), null);
      if (answer.stream !== 'ok' && !answer.fault) record.fault = answer.stream === 'cut' ? 'stream-cut' : 'stream-no-done';
      this.record.delivered(record, 100, answer.text ?? 'Python 是一种解释型');
      this.record.ended(record, answer.stream === 'cut' ? 'cut' : 'complete');
    }
    return record;
  }

  /** The check with this id, as of now. */
  check(id: string) {
    const found = this.record.report().checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}`);
    return found;
  }
}

const BASE = 'http://sandbox.test';

/** A browser's session created through `GET /api/session`, its record on `clock`, and a `fetch` into its endpoint. */
export async function openSandbox(clock?: Clock): Promise<{ id: string; session: SandboxSession; cookie: string; baseURL: string; fetch: typeof fetch }> {
  const res = await sessionRoute.GET(new Request(`${BASE}/api/session`));
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { id } = (await res.json()) as { id: string };
  const session = sessionStore().byPublicId(id)!;
  if (clock) session.clientCalls.record.useClock(clock);
  const baseURL = `${BASE}/api/sandbox/${id}/v1`;
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) =>
    endpoint.POST(new Request(input, init), { params: Promise.resolve({ scenario: id }) })) as typeof fetch;
  return { id, session, cookie, baseURL, fetch: fetchImpl };
}

/** One event-loop turn, no timer. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Run `work` to completion on a virtual clock: turn the event loop until it
 * has nothing left to do but wait, then move the clock to the next timer.
 * In-process requests need no real I/O, so a few dozen turns settle them.
 * @param maxMs stop (and throw) past this much virtual time. Default 10 min.
 */
export async function drive<T>(clock: VirtualClock, work: Promise<T>, maxMs = 600_000): Promise<T> {
  const result = await driveUntilStuck(clock, work, maxMs);
  if (!result.settled) throw new Error('drive: the work is stuck (no timer pending, not settled)');
  return result.value;
}

/**
 * Like {@link drive}, but stop when the work waits on nothing the clock can
 * fire (a call the server never answers, from a client with no timeout).
 */
export async function driveUntilStuck<T>(clock: VirtualClock, work: Promise<T>, maxMs = 600_000): Promise<{ settled: true; value: T } | { settled: false }> {
  let settled = false;
  const tracked = work.finally(() => {
    settled = true;
  });
  tracked.catch(() => {});
  const start = clock.now();
  while (!settled) {
    for (let i = 0; i < 30 && !settled; i++) await tick();
    if (settled) break;
    const due = clock.nextDue;
    if (due === undefined) return { settled: false };
    if (due - start > maxMs) throw new Error(`drive: still running after ${maxMs} ms of virtual time`);
    await clock.set(Math.max(clock.now(), due));
  }
  return { settled: true, value: await tracked };
}
