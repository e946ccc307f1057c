/**
 * The load generator's pieces for `npm run bench:load`: a browser-like client
 * with a cookie jar, an event-stream reader, latency recording, and readings
 * of the server process (CPU time and RSS from /proc). Loopback only.
 */
import { readFileSync } from 'node:fs';

/** Latencies of one kind of request, in ms, and how many failed. */
export class Latencies {
  readonly ms: number[] = [];
  status = new Map<number, number>();
  timeouts = 0;
  errors = 0;

  record(ms: number, status: number): void {
    this.ms.push(ms);
    this.status.set(status, (this.status.get(status) ?? 0) + 1);
  }

  /** Nearest-rank quantile in ms (`q` in 0–1); NaN when empty. */
  quantile(q: number): number {
    if (this.ms.length === 0) return NaN;
    const s = [...this.ms].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  }

  get count(): number {
    return this.ms.length;
  }

  /** Responses with a 5xx status. */
  get server5xx(): number {
    let n = 0;
    for (const [status, count] of this.status) if (status >= 500) n += count;
    return n;
  }
}

/** A browser: one session cookie, an address it claims (X-Forwarded-For), and timed calls. */
export class LoadClient {
  private cookie = '';

  /** The session cookie as a `cookie` header value ('' before the first session). */
  get cookieHeader(): string {
    return this.cookie;
  }

  constructor(
    readonly base: string,
    readonly address: string,
    /** Client-side timeout of one request, in ms. Default 30 000, as a student's client. */
    readonly timeoutMs = 30_000,
  ) {}

  /** Call `path`; record its latency in `into` (when given). Never throws: failures are counted. */
  async call(path: string, init: { method?: string; body?: unknown } = {}, into?: Latencies): Promise<Response | undefined> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address };
    if (this.cookie) headers.cookie = this.cookie;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const start = performance.now();
    try {
      const res = await fetch(this.base + path, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const set = res.headers.get('set-cookie');
      if (set) this.cookie = set.split(';')[0]!;
      await res.arrayBuffer();
      into?.record(performance.now() - start, res.status);
      return res;
    } catch (error) {
      if (into) {
        if ((error as Error).name === 'TimeoutError') into.timeouts++;
        else into.errors++;
      }
      return undefined;
    }
  }

  /** Open `/api/events` and count events by type until `signal` aborts. */
  events(signal: AbortSignal): { counts: Map<string, number>; done: Promise<void> } {
    const counts = new Map<string, number>();
    const done = (async () => {
      try {
        const res = await fetch(`${this.base}/api/events`, { headers: { cookie: this.cookie, 'x-forwarded-for': this.address }, signal });
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { done: end, value } = await reader.read();
          if (end) return;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const line = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const type = /"type":"([a-z]+)"/.exec(line)?.[1];
            if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
          }
        }
      } catch {
        /* aborted */
      }
    })();
    return { counts, done };
  }
}

/** CPU time (user + system) of process `pid` so far, in ms. Linux only. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5) (utime, stime), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of process `pid`, in MiB. Linux only. */
export function processRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Run `fn` every `intervalMs` until `untilMs` (performance.now), without overlapping. */
export async function every(intervalMs: number, untilMs: number, fn: () => Promise<unknown>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (let next = performance.now(); next < untilMs; next += intervalMs) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(fn());
  }
  await Promise.all(pending);
}

export const fmt = (ms: number): string => (Number.isNaN(ms) ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
