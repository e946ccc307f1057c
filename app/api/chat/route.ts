import type { ChatResponse } from '@/lib/contract';
import { chatRequestSchema } from '@/lib/contract';
import { BusyError, enterAll, gates } from '@/lib/sandbox/admission';
import { apiError, busy, json, readJson } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

/** Send one message through this browser's RobustAIService. */
export async function POST(request: Request) {
  return withSession(request, async (session) => {
    const body = await readJson(request, chatRequestSchema);
    if (!body.ok) return body.response;
    let slot;
    try {
      slot = enterAll(gates().chat, session.chats);
    } catch (error) {
      if (error instanceof BusyError) return busy(error);
      throw error;
    }
    try {
      // The request's signal: a student who closes the tab stops the retries meant for them.
      const record = await session.chat(body.data.message, { signal: request.signal });
      const view = session.view();
      const response: ChatResponse = { source: record.source, content: record.content, trace: record.trace, breaker: view.breaker, stats: view.stats, request: record };
      return json(response);
    } catch {
      // The service throws only on an abort: the client left, or the sandbox was reset under the request.
      return apiError(409, 'The request was cancelled: the sandbox was reset (or the page closed) while it was in flight. Send it again.');
    } finally {
      slot.dispose();
    }
  });
}
