'use client';

/**
 * The dashboard's client state: one {@link SandboxStore} fed by the SSE
 * stream, the scenario catalogue, and the actions the panels call. Panels read
 * slices with {@link useSandboxState} so a stat card does not re-render the
 * policy form, and charts read through `useDeferredValue` so a click always
 * wins over a redraw.
 *
 * Start-up order matters: `GET /api/session` first (it sets the httpOnly
 * session cookie), then the catalogue and the event stream.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n/i18n-provider';
import { parseReplay, REPLAY_KEYS, type ReplayParams, type RequestRecord, type RunRequest, type ScriptRequest, type SessionUpdate, type SessionView, type Speed } from '@/lib/contract';
import type { PolicyPatch } from '@/lib/contract';
import type { ScriptId } from '@/lib/scenario/scripts';
import { api, type Catalogue } from './api';
import type { SandboxState } from './sandbox-state';
import { SandboxStore } from './sandbox-store';
import { useSandboxEvents, type ConnectionStatus } from './use-sandbox-events';

/** What the panels can do. Every action reports failures through `error`, never by throwing. */
export interface SandboxActions {
  updateSession: (update: SessionUpdate) => Promise<void>;
  choosePreset: (id: string) => Promise<void>;
  updatePolicy: (patch: PolicyPatch) => Promise<void>;
  setSpeed: (speed: Speed) => Promise<void>;
  reset: () => Promise<void>;
  /** Send one message; resolves with the finished request (or null on failure). */
  chat: (message: string) => Promise<RequestRecord | null>;
  run: (request: RunRequest) => Promise<void>;
  /** Start a script (in the page's language) or control the one playing. */
  script: (request: { action: 'start'; id: ScriptId } | Exclude<ScriptRequest, { action: 'start' }>) => Promise<void>;
  /** Set up a replay link's run: its seed, speed and policy, then its script (from time 0) or its preset (after a reset). */
  replay: (params: ReplayParams) => Promise<void>;
  dismissError: () => void;
}

interface SandboxContextValue {
  store: SandboxStore;
  catalogue: Catalogue | null;
  status: ConnectionStatus;
  error: string | null;
  /** The answer to the last message sent from this page. */
  lastAnswer: RequestRecord | null;
  actions: SandboxActions;
}

const SandboxContext = createContext<SandboxContextValue | null>(null);

/** See the file comment. */
export function SandboxProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const [store] = useState(() => new SandboxStore());
  const [ready, setReady] = useState(false);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastAnswer, setLastAnswer] = useState<RequestRecord | null>(null);
  // Settings changes are sent one after another, so a slow answer never overwrites a newer one.
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  // One start-up request per page, even when StrictMode runs the effect twice in development:
  // two cookie-less calls in flight would create two sessions.
  const bootstrap = useRef<Promise<SessionView> | null>(null);

  useEffect(() => {
    let cancelled = false;
    bootstrap.current ??= api.session();
    bootstrap.current
      .then((session) => {
        if (cancelled) return;
        store.applyNow({ type: 'session', session });
        setReady(true);
        return api.catalogue().then((c) => !cancelled && setCatalogue(c));
      })
      .catch((e: unknown) => !cancelled && setError(messageOf(e)));
    return () => {
      cancelled = true;
    };
  }, [store]);

  useEffect(() => () => store.dispose(), [store]);

  const status = useSandboxEvents(store, ready);

  const guard = useCallback(async <T,>(work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (e) {
      setError(messageOf(e));
      return null;
    }
  }, []);

  const updateSession = useCallback(
    async (update: SessionUpdate) => {
      const next = chain.current.then(() => guard(() => api.updateSession(update)));
      chain.current = next;
      const session = await next;
      if (session) store.applyNow({ type: 'session', session });
    },
    [guard, store],
  );

  const actions = useMemo<SandboxActions>(
    () => ({
      updateSession,
      choosePreset: (presetId) => updateSession({ presetId }),
      updatePolicy: (patch) => updateSession({ policy: patch as Record<string, unknown> }),
      setSpeed: (speed) => updateSession({ speed }),
      reset: async () => {
        const session = await guard(() => api.reset());
        if (session) store.applyNow({ type: 'session', session });
        setLastAnswer(null);
      },
      chat: async (message) => {
        const answer = await guard(() => api.chat(message));
        if (!answer) return null;
        store.applyNow({ type: 'request', request: answer.request, stats: answer.stats });
        setLastAnswer(answer.request);
        return answer.request;
      },
      run: async (request) => {
        const result = await guard(() => api.run(request));
        if (result?.run) store.applyNow({ type: 'run', run: result.run });
      },
      script: async (request) => {
        const body: ScriptRequest = request.action === 'start' ? { ...request, lang: locale === 'en' ? 'en' : 'zh' } : request;
        // After the settings already sent, so a script never starts under an older policy.
        const next = chain.current.then(() => guard(() => api.script(body)));
        chain.current = next;
        const session = await next;
        if (session) store.applyNow({ type: 'session', session });
        if (request.action === 'start' || request.action === 'restart') setLastAnswer(null);
      },
      replay: async (p) => {
        await updateSession({ ...(p.presetId ? { presetId: p.presetId } : {}), scenario: { seed: p.seed }, speed: p.speed, policy: p.policy as Record<string, unknown> });
        if (p.script) {
          const session = await guard(() => api.script({ action: 'start', id: p.script!, lang: locale === 'en' ? 'en' : 'zh' }));
          if (session) store.applyNow({ type: 'session', session });
        } else {
          const session = await guard(() => api.reset());
          if (session) store.applyNow({ type: 'session', session });
        }
        setLastAnswer(null);
      },
      dismissError: () => setError(null),
    }),
    [guard, store, updateSession, locale],
  );

  // A replay link (`?script=…&seed=…&speed=…`) is applied once, after the session is there; its
  // fields then leave the address bar, so a reload keeps what the class did since.
  const replayed = useRef(false);
  useEffect(() => {
    if (!ready || replayed.current) return;
    replayed.current = true;
    const url = new URL(window.location.href);
    const parsed = parseReplay(url.searchParams);
    if (parsed === null) return;
    for (const key of REPLAY_KEYS) url.searchParams.delete(key);
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    void (async () => {
      if (parsed.ok) await actions.replay(parsed.value);
      else setError(parsed.errors.join('; '));
    })();
  }, [ready, actions]);

  const value = useMemo<SandboxContextValue>(() => ({ store, catalogue, status, error, lastAnswer, actions }), [store, catalogue, status, error, lastAnswer, actions]);
  return <SandboxContext.Provider value={value}>{children}</SandboxContext.Provider>;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The provider's value: `{ store, catalogue, status, error, lastAnswer, actions }`. */
export function useSandbox(): SandboxContextValue {
  const value = useContext(SandboxContext);
  if (!value) throw new Error('useSandbox() must be used inside <SandboxProvider>');
  return value;
}

/**
 * Read a slice of the sandbox state; re-renders only when the slice changes
 * (compared with `Object.is`, so select fields of the snapshot, not new objects).
 */
export function useSandboxState<T>(selector: (state: SandboxState) => T): T {
  const { store } = useSandbox();
  const get = () => selector(store.getSnapshot());
  return useSyncExternalStore(store.subscribe, get, get);
}
