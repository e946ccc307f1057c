/**
 * What the dashboard knows about its session, and the pure reducer that folds
 * server events into it. Kept free of React and of the network so it can be
 * tested, and so a burst of thousands of SSE events can be applied in one
 * batch per flush (see sandbox-store.ts) instead of one render per event.
 */
import type {
  BreakerStateKind,
  BreakerTransition,
  RequestRecord,
  RetryPoint,
  RunStatus,
  SandboxEvent,
  ScriptStatus,
  SessionView,
  StatsSnapshot,
} from '@/lib/contract';

/** Bounds on the raw history kept in the page. Older entries are dropped first. */
export const HISTORY_LIMITS = { records: 10_000, retries: 10_000, transitions: 2_000 } as const;

/** The breaker as last reported: its state, since when, and (when open) when it will half-open. */
export interface BreakerView {
  kind: BreakerStateKind;
  /** Sandbox ms the state began, when known. */
  since: number | null;
  /** Sandbox ms the open breaker lets a probe through, when open. */
  halfOpenAt: number | null;
}

/** Immutable snapshot: a new object after every applied batch, so React can compare by reference. */
export interface SandboxState {
  session: SessionView | null;
  stats: StatsSnapshot | null;
  breaker: BreakerView;
  /** Finished requests in arrival order, at most {@link HISTORY_LIMITS}.records. */
  records: readonly RequestRecord[];
  retries: readonly RetryPoint[];
  transitions: readonly BreakerTransition[];
  run: RunStatus | null;
  /**
   * Requests of the current run seen so far (`id` is the run's), counted from the request events
   * themselves: the run's own progress reports come every 25 completions, so the status line
   * would lag the stat cards if it only read them.
   */
  runSeen: { id: string; completed: number } | null;
  /** The scripted incident of this build, as its player last reported it. */
  script: ScriptStatus | null;
  /** Newest sandbox time seen (ms) and the page's `performance.now()` when it was seen, to estimate "now". */
  clock: { at: number; wall: number };
  /** Incremented whenever history is cleared (a reset or a new seed restarts the sandbox clock). */
  epoch: number;
}

/** The state before the first event. */
export function initialSandboxState(): SandboxState {
  return {
    session: null,
    stats: null,
    breaker: { kind: 'closed', since: null, halfOpenAt: null },
    records: [],
    retries: [],
    transitions: [],
    run: null,
    runSeen: null,
    script: null,
    clock: { at: 0, wall: 0 },
    epoch: 0,
  };
}

/** Estimated sandbox time (ms) at page time `wallNow`: the last time seen, advanced at the session's speed. */
export function estimateSandboxNow(state: SandboxState, wallNow: number): number {
  // The speed the server achieved, not the one asked for: a saturated server runs sandbox time slower.
  const speed = state.session?.achievedSpeed ?? state.session?.speed ?? 1;
  return state.clock.at + Math.max(0, wallNow - state.clock.wall) * speed;
}

function breakerFromSession(session: SessionView): BreakerView {
  const b = session.breaker;
  switch (b.kind) {
    case 'open':
      return { kind: 'open', since: b.openedAt, halfOpenAt: b.halfOpenAt };
    case 'half-open':
    case 'isolated':
      return { kind: b.kind, since: b.since, halfOpenAt: null };
    default:
      return { kind: 'closed', since: null, halfOpenAt: null };
  }
}

/** True when a session view shows the sandbox restarted: another session, or the next build of this one. */
function isRestart(state: SandboxState, session: SessionView): boolean {
  if (!state.session) return false;
  return session.id !== state.session.id || session.generation !== state.session.generation;
}

/** Drop the oldest entries beyond `limit`, in place; trims in chunks so the cost is amortised. */
function trim<T>(list: T[], limit: number): void {
  if (list.length > limit + Math.ceil(limit / 10)) list.splice(0, list.length - limit);
}

/** Final trim to exactly the limit, after a batch. */
function cap<T>(list: T[], limit: number): T[] {
  return list.length > limit ? list.slice(list.length - limit) : list;
}

/**
 * Apply a batch of events, in order. Returns `state` itself when the batch is empty.
 * `wallNow` is the page time the batch arrived (for the sandbox-time estimate).
 * A request already present (the same id arrived via HTTP and SSE) is not added twice.
 */
export function applyEvents(state: SandboxState, events: readonly SandboxEvent[], wallNow: number): SandboxState {
  if (events.length === 0) return state;
  let { session, stats, breaker, run, runSeen, script, clock, epoch } = state;
  let records = state.records.slice();
  let retries = state.retries.slice();
  let transitions = state.transitions.slice();
  const seen = (at: number) => {
    if (at > clock.at) clock = { at, wall: wallNow };
  };

  for (const event of events) {
    switch (event.type) {
      case 'session': {
        const next = event.session;
        if (isRestart({ ...state, session }, next)) {
          records = [];
          retries = [];
          transitions = [];
          epoch++;
          clock = { at: next.now, wall: wallNow };
          stats = next.stats;
          runSeen = null;
          script = null;
        } else if (!stats || next.stats.total_requests >= stats.total_requests) {
          stats = next.stats;
        }
        if (!session) clock = { at: next.now, wall: wallNow };
        session = next;
        breaker = breakerFromSession(next);
        if (!next.run || !isStale(run, next.run)) run = next.run;
        if (next.script !== undefined && !isStaleScript(script, next.script)) script = next.script;
        seen(next.now);
        break;
      }
      case 'request': {
        const r = event.request;
        if (!isDuplicate(records, r.id)) {
          records.push(r);
          trim(records, HISTORY_LIMITS.records);
          if (r.runId !== undefined) runSeen = runSeen?.id === r.runId ? { id: r.runId, completed: runSeen.completed + 1 } : { id: r.runId, completed: 1 };
        }
        // Requests finish out of order in a burst: never let the counters go backwards.
        if (!stats || event.stats.total_requests >= stats.total_requests) stats = event.stats;
        seen(r.endedAt);
        break;
      }
      case 'retry':
        retries.push(event.retry);
        trim(retries, HISTORY_LIMITS.retries);
        seen(event.retry.at);
        break;
      case 'breaker': {
        const tr = event.transition;
        transitions.push(tr);
        trim(transitions, HISTORY_LIMITS.transitions);
        const openMs = session?.policy.breaker.openMs ?? 0;
        breaker = { kind: tr.to, since: tr.at, halfOpenAt: tr.to === 'open' ? tr.at + openMs : null };
        seen(tr.at);
        break;
      }
      case 'run':
        if (!isStale(run, event.run)) run = event.run;
        break;
      case 'script':
        if (!isStaleScript(script, event.script)) script = event.script;
        break;
      case 'dropped':
        // The server dropped events for this slow page; the `session` event that follows resynchronises it.
        break;
    }
  }
  records = cap(records, HISTORY_LIMITS.records);
  retries = cap(retries, HISTORY_LIMITS.retries);
  transitions = cap(transitions, HISTORY_LIMITS.transitions);
  return { session, stats, breaker, records, retries, transitions, run, runSeen, script, clock, epoch };
}

/** A record with this id among the most recent ones (HTTP and SSE deliver the same request close together). */
function isDuplicate(records: readonly RequestRecord[], id: number): boolean {
  for (let i = records.length - 1, n = 0; i >= 0 && n < 512; i--, n++) if (records[i]!.id === id) return true;
  return false;
}

/**
 * The run's progress as the page should show it: its own last report, or the requests
 * of it already seen when those are ahead (they arrive first), and never more than the total.
 */
export function runProgress(run: RunStatus | null, seen: SandboxState['runSeen']): RunStatus | null {
  if (!run) return null;
  if (!seen || seen.id !== run.id || seen.completed <= run.completed) return run;
  const completed = run.total !== undefined ? Math.min(run.total, seen.completed) : seen.completed;
  return { ...run, completed, sent: Math.max(run.sent, completed) };
}

/** True when `incoming` is older than the script status we have (see `ScriptStatus.rev`). `null` clears nothing. */
function isStaleScript(current: ScriptStatus | null, incoming: ScriptStatus | null): boolean {
  return current !== null && incoming !== null && incoming.rev < current.rev;
}

/**
 * True when `incoming` is older news: about an older run (a stopped run's last
 * completions arrive after the next run started), or about the run we know —
 * the HTTP answer to "start a burst" (0 done) can arrive after the SSE events
 * that finished it, and must not wind the progress back.
 */
function isStale(current: RunStatus | null, incoming: RunStatus): boolean {
  if (!current) return false;
  if (incoming.seq !== current.seq) return incoming.seq < current.seq;
  if (current.state !== 'running' && incoming.state === 'running') return true;
  return incoming.completed < current.completed;
}
