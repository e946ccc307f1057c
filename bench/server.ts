/**
 * A production Next.js server for benchmarks: build it when needed, `next start`
 * it on a port of its own with its own build folder (`NEXT_DIST_DIR`, see
 * next.config.mjs), wait until it answers, and stop it again.
 *
 * Benchmarks measure what instructors run, `next build` + `next start`, not the
 * dev server (which compiles on first request and would dominate any timing).
 * A separate build folder and port let a bench run beside `next dev` or an e2e run.
 *
 * ```ts
 * const server = await startProductionServer({ distDir: '.next-bench' });
 * try {
 *   await fetch(`${server.url}/api/scenarios`);
 * } finally {
 *   await server.stop();
 * }
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** When to run `next build` before starting. */
export type BuildMode = 'auto' | 'always' | 'never';

/** Options of {@link startProductionServer}. */
export interface ProductionServerOptions {
  /** TCP port. Default: a free port picked by the OS ({@link findFreePort}). */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Build folder, relative to `cwd` (passed as `NEXT_DIST_DIR`). Default `.next-bench`. */
  distDir?: string;
  /**
   * `auto` (default) builds only when `distDir` holds no finished build (no `BUILD_ID`);
   * `always` rebuilds (after code changes); `never` fails if there is no build.
   */
  build?: BuildMode;
  /** Project root. Default `process.cwd()`. */
  cwd?: string;
  /** Extra environment for the build and the server. `OPENAI_API_KEY` is blanked unless given here. */
  env?: Record<string, string>;
  /** How long to wait for `next build`, in ms. Default 600 000. */
  buildTimeoutMs?: number;
  /** How long to wait for the server to answer `GET /`, in ms. Default 60 000. */
  readyTimeoutMs?: number;
  /** Progress lines ("building…", "ready at …"). Default: `console.error`, so stdout stays the report. */
  log?: (line: string) => void;
  /** Node flags for the server process besides {@link SERVER_NODE_ARGS}, e.g. `["--cpu-prof"]`. Default none. */
  nodeArgs?: string[];
}

/** A running server, from {@link startProductionServer}. */
export interface ProductionServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41233`. */
  readonly url: string;
  readonly port: number;
  /** Absolute path of the build folder in use. */
  readonly distDir: string;
  /** Whether this call ran `next build`. */
  readonly built: boolean;
  /** Process id of the server, for CPU and memory readings (`/proc/{pid}`). */
  readonly pid: number;
  /** Stop the server (SIGTERM, then SIGKILL after 5 s). Idempotent; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Ask the OS for a free TCP port on `host` (default `127.0.0.1`). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Resolve if nothing listens on `port`, reject with a clear message if something does. */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use` : error.message)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Whether `distDir` (absolute, or relative to `cwd`) holds a finished production build. */
export function hasProductionBuild(distDir: string, cwd = process.cwd()): boolean {
  return existsSync(path.join(path.resolve(cwd, distDir), 'BUILD_ID'));
}

/**
 * What `npm start` gives node (package.json), measured side by side with `npm run bench:load`:
 * - `--max-old-space-size=1536`: on a 24 GiB machine V8's default limit is ~4 GiB, and with it
 *   V8 lets the heap grow 4× past what is live before it collects. Under a class's load RSS
 *   reached 742 MiB–1.6 GiB, and the page faults and long collections stalled every request:
 *   GET /api/session p99 268 ms (class) and 1.84 s (40 × 5). With the limit: RSS 366 MiB,
 *   p99 103 ms and 192 ms. The live set of 500 full sessions stays well under the limit.
 * - `--max-semi-space-size=32`: a larger young generation promotes less of a class's
 *   short-lived garbage (GET /api/session p99 128–251 ms against 367–452 ms without it).
 */
export const SERVER_NODE_ARGS = ['--max-old-space-size=1536', '--max-semi-space-size=32'];

const nextBin = (cwd: string) => path.join(cwd, 'node_modules', 'next', 'dist', 'bin', 'next');

function childEnv(distDir: string, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  // No real key by default: benchmarks must never call a paid API.
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OPENAI_API_KEY: '', ...extra, NEXT_DIST_DIR: distDir };
}

/** Keep the last `max` characters a child printed, for the error message if it fails. */
function tail(child: ChildProcess, max = 4000): () => string {
  let text = '';
  const keep = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-max));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/** Run `next build` into `distDir`; rejects with the build's last output if it fails or times out. */
export async function buildProduction(opts: { cwd?: string; distDir?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<void> {
  const cwd = opts.cwd ?? process.cwd();
  const distDir = opts.distDir ?? '.next-bench';
  // `next build` adds `<distDir>/types/**/*.ts` to tsconfig.json's `include` for any distDir other
  // than `.next`. A bench must not leave the checkout dirty, so put the file back as it was.
  const tsconfig = path.join(cwd, 'tsconfig.json');
  const tsconfigBefore = existsSync(tsconfig) ? readFileSync(tsconfig, 'utf8') : undefined;
  const child = spawn(process.execPath, [nextBin(cwd), 'build'], { cwd, env: childEnv(distDir, opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(child);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`next build failed (${signal ?? `exit ${code}`}):\n${output()}`));
      });
    });
  } finally {
    if (tsconfigBefore !== undefined && readFileSync(tsconfig, 'utf8') !== tsconfigBefore) writeFileSync(tsconfig, tsconfigBefore);
  }
}

/** Poll `url` until it answers with a status below 500, the child dies, or `timeoutMs` passes. */
async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited early:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  return () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    }));
}

/**
 * Build if needed ({@link ProductionServerOptions.build}), start `next start`
 * and resolve once it serves `GET /`. The server is also killed if this process
 * exits without calling `stop()`. Rejects (after stopping the child) if the
 * build fails, the port is taken, or the server never becomes ready.
 */
export async function startProductionServer(opts: ProductionServerOptions = {}): Promise<ProductionServer> {
  const cwd = opts.cwd ?? process.cwd();
  const distDir = opts.distDir ?? '.next-bench';
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? ((line: string) => console.error(line));
  const mode = opts.build ?? 'auto';

  const exists = hasProductionBuild(distDir, cwd);
  if (mode === 'never' && !exists) throw new Error(`no production build in ${distDir} (run with build: 'auto' or 'always')`);
  const built = mode === 'always' || (mode === 'auto' && !exists);
  if (built) {
    log(`[bench server] next build → ${distDir} …`);
    const start = Date.now();
    await buildProduction({ cwd, distDir, env: opts.env, timeoutMs: opts.buildTimeoutMs });
    log(`[bench server] built in ${((Date.now() - start) / 1000).toFixed(0)} s`);
  }

  const port = opts.port ?? (await findFreePort(host));
  // A server already on that port would answer the readiness check and be measured instead.
  await assertPortFree(port, host);
  const url = `http://${host}:${port}`;
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...(opts.nodeArgs ?? []), nextBin(cwd), 'start', '-p', String(port), '-H', host], {
    cwd,
    env: childEnv(distDir, opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  child.on('error', (error) => log(`[bench server] ${error.message}`));
  const stop = stopper(child);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  try {
    await waitUntilReady(url, child, opts.readyTimeoutMs ?? 60_000, output);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`[bench server] ready at ${url} (${distDir})`);
  return { url, port, distDir: path.resolve(cwd, distDir), built, pid: child.pid!, stop };
}
