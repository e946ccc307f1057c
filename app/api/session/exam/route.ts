import { examRequestSchema } from '@/lib/contract';
import { json, readJson } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

export const dynamic = 'force-dynamic';

/** The graded exam's progress (`ExamStatus`). */
export async function GET(request: Request) {
  return withSession(request, (session) => json(session.clientCalls.record.examStatus()));
}

/**
 * `{ action: 'start' }` clears the record and plays the exam's fixed fault
 * script to the next calls of this session's endpoint; `{ action: 'stop' }`
 * ends it (the session's own scenario applies again). Answers the exam's status.
 */
export async function POST(request: Request) {
  return withSession(request, async (session) => {
    const body = await readJson(request, examRequestSchema);
    if (!body.ok) return body.response;
    const record = session.clientCalls.record;
    return json(body.data.action === 'start' ? record.startExam() : record.stopExam());
  });
}
