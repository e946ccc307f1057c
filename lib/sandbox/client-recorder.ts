import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallRecord } from '@/lib/grading/call-record';
import { ClientRecord, type ClientRecordOptions } from '@/lib/grading/client-record';
import type { ExamDecision } from '@/lib/grading/exam';
import { hashBytes, readRequestBody, streamedText } from '@/lib/grading/fingerprint';
import type { Upstream } from './mock-upstream';

/**
 * The hook between a session's OpenAI-compatible endpoint and its report card
 * (issue 11). For every call under the session's id it records, in the
 * session's own {@link ClientRecord}: the arrival, the client's hints, the fault
 * the upstream picked, the status and headers sent, how far the body got, and
 * whether the client hung up first. During an exam it also picks the fault.
 *
 * The fault is picked deep inside the upstream, after the endpoint's own
 * awaits; an AsyncLocalStorage carries "which call is this" down to it, so
 * concurrent calls never swap their records.
 */

interface CallContext {
  owner: ClientRecord;
  record: CallRecord;
  exam: ExamDecision | null;
}

const current = new AsyncLocalStorage<CallContext>();
const encoder = new TextEncoder();
/** SSE text kept per call to read the streamed answer, in characters. */
const SSE_TEXT_LIMIT = 16 * 1024;
/**
 * Bytes of a request body read for its fingerprint, before the endpoint's own
 * admission gate: enough for any chat request the sandbox sees, and little
 * enough that a flood of large uploads cannot fill memory here.
 */
export const FINGERPRINT_BYTES = 64 * 1024;

/** Read at most `limit` bytes of a body (and say whether there was more); a body that fails half-way gives what arrived. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<{ bytes: Uint8Array; more: boolean }> {
  if (!body) return { bytes: new Uint8Array(), more: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > limit) {
        // Not awaited: cancelling one branch of a tee settles only once the other branch is cancelled too.
        reader.cancel().catch(() => {});
        break;
      }
    }
  } catch {
    // The client aborted the upload: the endpoint will see that too.
  }
  const out = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const c of chunks) {
    const part = c.subarray(0, Math.max(0, out.length - offset));
    out.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes: out, more: size > limit };
}

/** Who is calling: the key the client sends, hashed (the record never holds a key). */
function clientKeyHash(headers: Headers): string {
  const key = headers.get('authorization') ?? headers.get('x-api-key') ?? headers.get('api-key') ?? '';
  return hashBytes(encoder.encode(key.slice(0, 300)));
}

/** `error.code` (else `error.type`) of a JSON error body, without consuming the response. */
async function errorCodeOf(response: Response): Promise<string | null> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return null;
  try {
    const body = JSON.parse(await response.clone().text()) as { error?: { code?: unknown; type?: unknown } };
    const code = body.error?.code ?? body.error?.type;
    return typeof code === 'string' ? code.slice(0, 80) : null;
  } catch {
    return null;
  }
}

/** The same response with some headers set (the exam's tiny Retry-After in tests). */
function withHeaders(response: Response, extra: Readonly<Record<string, string>>): Response {
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A session's recorder: hand every call of its endpoint to {@link serve}, and the upstream through {@link upstream}. */
export class ClientRecorder {
  /** The session's record: its calls, card and exam. */
  readonly record: ClientRecord;
  private readonly wrapped = new WeakMap<Upstream, Upstream>();

  constructor(options: ClientRecordOptions = {}) {
    this.record = new ClientRecord(options);
  }

  /**
   * The upstream as the endpoint should call it: the same object (counters,
   * events, scenario), except that `resolve` notes the fault it picked for the
   * call being recorded and, during an exam, plays the exam's fault instead of
   * the scenario's.
   */
  upstream(base: Upstream): Upstream {
    let wrapped = this.wrapped.get(base);
    if (!wrapped) {
      wrapped = Object.create(base, { resolve: { value: (request: Request) => this.resolve(base, request) } }) as Upstream;
      this.wrapped.set(base, wrapped);
    }
    return wrapped;
  }

  /** Serve one call of the session's endpoint with `serve`, recording it from arrival to the body's end. */
  async serve(request: Request, serve: () => Promise<Response>): Promise<Response> {
    const { bytes, more } = await readCapped(request.clone().body, FINGERPRINT_BYTES);
    const body = readRequestBody(bytes);
    // A longer body is known by its first 64 KiB and its declared length (retries resend the same bytes).
    if (more) body.hash += `+${request.headers.get('content-length') ?? 'more'}`;
    const path = new URL(request.url).pathname.replace(/^\/api\/sandbox\/[^/]+/, '');
    const { record, exam } = this.record.begin({ method: request.method, path, headers: request.headers, body, clientKey: clientKeyHash(request.headers) });
    request.signal.addEventListener('abort', () => this.record.left(record), { once: true });
    let response: Response;
    try {
      response = await current.run({ owner: this.record, record, exam }, serve);
    } catch (error) {
      this.record.left(record); // the endpoint gave up on it (an upload cut half-way): no answer reached the client
      throw error;
    }
    if (exam && record.fault !== null && Object.keys(exam.headers).length > 0) response = withHeaders(response, exam.headers);
    this.record.answered(record, response.status, response.headers, response.status >= 400 ? await errorCodeOf(response) : null);
    return this.tap(response, record);
  }

  /** Note the fault the upstream picks for the current call (its `onCall` fires synchronously inside `resolve`). */
  private resolve(base: Upstream, request: Request): Promise<Response | undefined> {
    const ctx = current.getStore();
    if (!ctx || ctx.owner !== this.record) return base.resolve(request);
    let fault: string | null = null;
    const listening = base.onCall((call) => {
      fault = call.fault;
    });
    try {
      if (!ctx.exam) return base.resolve(request);
      // The exam's fault for this one call; set and restored synchronously, so no other call sees it.
      const saved = base.scenario;
      base.setScenario({ rules: ctx.exam.fault ? [{ fault: ctx.exam.fault, mode: { kind: 'always' } }] : [] });
      try {
        return base.resolve(request);
      } finally {
        base.setScenario(saved);
      }
    } finally {
      listening.dispose();
      this.record.served(ctx.record, fault);
    }
  }

  /** Wrap the body to see how far it gets: read to the end, cut, or abandoned. Pull-based, so timing and back-pressure are unchanged. */
  private tap(response: Response, record: CallRecord): Response {
    if (!response.body) {
      this.record.ended(record, 'complete');
      return response;
    }
    const reader = response.body.getReader();
    const sse = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    const decoder = new TextDecoder();
    let text = '';
    const log = this.record;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            log.ended(record, 'complete');
            controller.close();
            return;
          }
          if (sse && text.length < SSE_TEXT_LIMIT) text += decoder.decode(value, { stream: true });
          log.delivered(record, value.byteLength, sse ? streamedText(text) : undefined);
          controller.enqueue(value);
        } catch (error) {
          log.ended(record, 'cut');
          controller.error(error);
        }
      },
      cancel(reason) {
        log.ended(record, 'abandoned');
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
}
