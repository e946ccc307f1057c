/**
 * The load generator's pieces for `npm run bench:load`: a browser-like client
 * with a cookie jar, an event-stream reader, latency recording, and readings
 * of the server process (CPU time and RSS from /proc). Loopback only.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

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

  /** Add every latency, status, timeout and error of `other` to this one. */
  merge(other: Latencies): void {
    for (const ms of other.ms) this.ms.push(ms);
    for (const [status, n] of other.status) this.status.set(status, (this.status.get(status) ?? 0) + n);
    this.timeouts += other.timeouts;
    this.errors += other.errors;
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

/** One keep-alive pool for every simulated browser: node:http costs a fraction of `fetch` per request, so the generator can offer a class's load. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A browser: one session cookie, an address it claims (X-Forwarded-For), and timed calls. */
export class LoadClient {
  private cookie = '';
  private readonly url: URL;

  constructor(
    readonly base: string,
    readonly address: string,
    /** Client-side timeout of one request, in ms. Default 30 000, as a student's client. */
    readonly timeoutMs = 30_000,
  ) {
    this.url = new URL(base);
  }

  /** The session cookie as a `cookie` header value ('' before the first session). */
  get cookieHeader(): string {
    return this.cookie;
  }

  private request(path: string, method: string, body: string | undefined, onData?: (chunk: string) => void, signal?: AbortSignal): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { 'x-forwarded-for': this.address };
      if (this.cookie) headers.cookie = this.cookie;
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const req = http.request({ host: this.url.hostname, port: this.url.port, path, method, headers, agent, signal }, (res) => {
        const set = res.headers['set-cookie']?.[0];
        if (set) this.cookie = set.split(';')[0]!;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (onData ? onData(chunk) : (text += chunk)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Call `path`; record its latency in `into` (when given). Never throws: failures are counted (status 0 when none). */
  async call(path: string, init: { method?: string; body?: unknown } = {}, into?: Latencies): Promise<Reply | undefined> {
    const start = performance.now();
    try {
      const reply = await this.request(path, init.method ?? 'GET', init.body === undefined ? undefined : JSON.stringify(init.body));
      into?.record(performance.now() - start, reply.status);
      return reply;
    } catch (error) {
      if (into) {
        if ((error as Error).name === 'TimeoutError') into.timeouts++;
        else into.errors++;
      }
      return undefined;
    }
  }

  /** `GET path` as JSON (e.g. the session view). */
  async json<T>(path: string): Promise<T> {
    return JSON.parse((await this.request(path, 'GET', undefined)).body) as T;
  }

  /** Open `/api/events` and count events by type until `signal` aborts. */
  events(signal: AbortSignal): { counts: Map<string, number>; done: Promise<void> } {
    const counts = new Map<string, number>();
    let tail = '';
    const done = this.request('/api/events', 'GET', undefined, (chunk) => {
      // Count event types without parsing the JSON: the generator must stay cheaper than the server.
      const text = tail + chunk;
      const cut = text.lastIndexOf('\n\n') + 2;
      for (const m of text.slice(0, cut).matchAll(/data: \{"type":"([a-z]+)"/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
      tail = text.slice(cut);
    }, signal).then(
      () => undefined,
      () => undefined,
    );
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

/** Call `fn` every `intervalMs`, the first after `offsetMs`, until `untilMs` (performance.now): open loop, a slow call never delays the next. */
export async function every(intervalMs: number, untilMs: number, fn: () => Promise<unknown>, offsetMs = 0): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (let next = performance.now() + offsetMs; next < untilMs; next += intervalMs) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(fn());
  }
  await Promise.all(pending);
}

export const fmt = (ms: number): string => (Number.isNaN(ms) ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** This process's CPU use since `since` (from `process.cpuUsage()`), as a share of one core over `seconds`. */
export function generatorCpuShare(since: NodeJS.CpuUsage, seconds: number): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6 / seconds;
}
