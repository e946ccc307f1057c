import { scriptRequestSchema } from '@/lib/contract';
import { apiError, json, readJson } from '@/lib/sandbox/http';
import { withSession } from '@/lib/sandbox/session-http';

/**
 * Scripted incidents: `{ "action": "start", "id": "outage-then-recovery" }`
 * resets the sandbox and plays the script from time 0; `pause`, `resume`,
 * `step`, `restart` and `stop` control it. Answers the session view (its
 * `script` field is the player's state); a control with no script started is a 409.
 */
export async function POST(request: Request) {
  return withSession(request, async (session) => {
    const body = await readJson(request, scriptRequestSchema);
    if (!body.ok) return body.response;
    const r = body.data;
    // In a classroom room the incident is the instructor's: say so rather than ignore the click.
    if (session.view().room) return apiError(409, 'This session is in a classroom room: the instructor runs the incident. Leave the room to play a script of your own.');
    if (r.action === 'start') return json(session.startScript(r.id, r.lang));
    const view = session.controlScript(r.action);
    return view ? json(view) : apiError(409, `No script to ${r.action}: start one first with { "action": "start", "id": … }.`);
  });
}
