import { readJson, json } from '@/lib/sandbox/http';
import { chatRequestSchema } from '@/lib/contract';
import { withSession } from '@/lib/sandbox/session-store';
import type { ChatResponse } from '@/lib/contract';

/** Send one message through this browser's RobustAIService. */
export async function POST(request: Request) {
  return withSession(request, async (session) => {
    const body = await readJson(request, chatRequestSchema);
    if (!body.ok) return body.response;
    const record = await session.chat(body.data.message);
    const view = session.view();
    const response: ChatResponse = { source: record.source, content: record.content, trace: record.trace, breaker: view.breaker, stats: view.stats, request: record };
    return json(response);
  });
}
