/**
 * `npm run bench:load`: a class on one laptop. Starts a production server
 * (bench/server.ts) and drives it from this process over loopback:
 *
 * 1. baseline: healthy `/api/chat` throughput against an empty route
 *    (`/api/health`) in the same run, and the server's CPU per chat;
 * 2. a class of 200: each session holds `/api/events`, mixed presets, ×60, a
 *    server-side steady load of 2 req/s, while probes time `GET /api/session`
 *    and `POST /api/chat`;
 * 3. 10,000 session-creation attempts from one address, then from 100;
 * 4. 40 sessions × 5 req/s of `/api/chat` from the client side, each with an
 *    event stream (the load that failed before fair share).
 *
 * Bounded in count and time: `--seconds N` sets each load's length (default 60).
 * Figures are printed as a table for the README; nothing is asserted.
 */
import { setMaxListeners } from 'node:events';
import { every, fmt, generatorCpuShare, Latencies, LoadClient, processCpuMs, processRssMiB } from './load-client';
import { startProductionServer, type ProductionServer } from './server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 60);
/** `--only baseline,class,flood,chats` runs a subset (default all four). */
const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  return new Set(i >= 0 ? process.argv[i + 1]!.split(',') : ['baseline', 'class', 'flood', 'chats']);
})();
const PRESETS = ['healthy', 'flaky', 'rate-limited', 'outage-then-recovery', 'server-error', 'transient-blip', 'slow', 'stream-cut'];

const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));

async function closedLoop(client: LoadClient[], path: string, body: (i: number) => unknown, seconds: number): Promise<Latencies> {
  const lat = new Latencies();
  const until = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    client.map(async (c) => {
      while (performance.now() < until) {
        const b = body(n++);
        await c.call(path, b === undefined ? {} : { method: 'POST', body: b }, lat);
      }
    }),
  );
  return lat;
}

async function baseline(server: ProductionServer) {
  const clients = Array.from({ length: 16 }, (_, i) => new LoadClient(server.url, `10.9.0.${i}`));
  for (const c of clients) await c.call('/api/session');
  const seconds = Math.min(10, SECONDS);
  const healthLoad = (s: number) => closedLoop(clients, '/api/health', () => undefined, s);
  let q = 0;
  const chatLoad = (s: number) => closedLoop(clients, '/api/chat', () => ({ message: `unique question ${q++}` }), s);
  // Steady state, not a cold start: a fresh server spends its first ~10 s of chats compiling
  // and growing its heap (4 → 2.2 ms of CPU per chat, measured), while an empty route settles at once.
  await healthLoad(2);
  await chatLoad(seconds);
  // Then the two alternate in two rounds each, so a drift of the machine's speed hits both alike.
  const total = { health: { lat: new Latencies(), cpuMs: 0 }, chat: { lat: new Latencies(), cpuMs: 0 } };
  for (let round = 0; round < 2; round++) {
    for (const [name, load] of [['health', healthLoad], ['chat', chatLoad]] as const) {
      const cpu0 = processCpuMs(server.pid);
      total[name].lat.merge(await load(seconds / 2));
      total[name].cpuMs += processCpuMs(server.pid) - cpu0;
    }
  }
  const health = total.health.lat;
  const chat = total.chat.lat;
  const cpuPerHealth = total.health.cpuMs / health.count;
  const cpuPerChat = total.chat.cpuMs / chat.count;
  const rate = (l: Latencies) => l.count / seconds;
  console.log(`baseline: /api/health ${rate(health).toFixed(0)} req/s; healthy unique /api/chat ${rate(chat).toFixed(0)} req/s → ratio ${(rate(chat) / rate(health)).toFixed(2)}×; server CPU ${cpuPerChat.toFixed(2)} ms per chat, ${cpuPerHealth.toFixed(2)} ms per empty request`);
  row('healthy `/api/chat` vs empty route (16 clients, closed loop, after warm-up)', `${rate(chat).toFixed(0)} vs ${rate(health).toFixed(0)} req/s = **${(rate(chat) / rate(health)).toFixed(2)}×**`, `chat p50 ${fmt(chat.quantile(0.5))}, p99 ${fmt(chat.quantile(0.99))}`, `server CPU ${cpuPerChat.toFixed(2)} ms per chat (${cpuPerHealth.toFixed(2)} ms per empty request)`, `5xx ${chat.server5xx + health.server5xx}`);
}

async function classOf200(server: ProductionServer): Promise<LoadClient[]> {
  const rss0 = processRssMiB(server.pid);
  const students = Array.from({ length: 200 }, (_, i) => new LoadClient(server.url, `10.1.${Math.floor(i / 250)}.${i % 250}`));
  for (const [i, s] of students.entries()) {
    await s.call('/api/session');
    await s.call('/api/session', { method: 'PUT', body: { presetId: PRESETS[i % PRESETS.length], speed: 60 } });
  }
  const stop = new AbortController();
  setMaxListeners(Infinity, stop.signal); // one abort for every event stream
  const streams = students.map((s) => s.events(stop.signal));
  for (const s of students) await s.call('/api/runs', { method: 'POST', body: { kind: 'steady', rps: 2 } });
  type View = { achievedSpeed: number; now: number; stats: { total_requests: number } };
  const viewAll = () => Promise.all(students.map((s) => s.json<View>('/api/session')));
  const before = await viewAll();
  const cpu0 = processCpuMs(server.pid);
  const gen0 = process.cpuUsage();
  const t0 = performance.now();
  const sessionLat = new Latencies();
  const chatLat = new Latencies();
  const probes = students.filter((_, i) => i % 10 === 0);
  await every(1000, t0 + SECONDS * 1000, () =>
    Promise.all(probes.map(async (p, i) => (i % 2 ? p.call('/api/session', {}, sessionLat) : p.call('/api/chat', { method: 'POST', body: { message: `probe ${Math.random()}` } }, chatLat)))),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = (processCpuMs(server.pid) - cpu0) / 1000 / elapsed;
  const gen = generatorCpuShare(gen0, elapsed);
  const views = await viewAll();
  const viewedAt = (performance.now() - t0) / 1000;
  for (const s of students) await s.call('/api/runs', { method: 'POST', body: { kind: 'stop' } });
  stop.abort();
  await Promise.all(streams.map((s) => s.done));
  const requests = views.reduce((n, v, i) => n + v.stats.total_requests - before[i]!.stats.total_requests, 0);
  // The speed achieved, measured here: sandbox seconds each session advanced per real second of the load.
  const speeds = views.map((v, i) => Math.round((100 * (v.now - before[i]!.now)) / 1000 / viewedAt) / 100).sort((a, b) => a - b);
  const reported = views.map((v) => v.achievedSpeed).sort((a, b) => a - b)[100];
  const events = streams.reduce((n, s) => n + [...s.counts.values()].reduce((a, b) => a + b, 0), 0);
  const rss1 = processRssMiB(server.pid);
  console.log(`class of 200: ${(requests / viewedAt).toFixed(0)} req/s served by runs; achieved speed median ×${speeds[100]} (min ×${speeds[0]}, max ×${speeds[199]}; the server's own estimate at the end, median ×${reported}); ${events} SSE events; GET /api/session p50 ${fmt(sessionLat.quantile(0.5))} p99 ${fmt(sessionLat.quantile(0.99))}; /api/chat p50 ${fmt(chatLat.quantile(0.5))} p99 ${fmt(chatLat.quantile(0.99))}; 5xx ${sessionLat.server5xx + chatLat.server5xx}, timeouts ${sessionLat.timeouts + chatLat.timeouts}; CPU ${(cpu * 100).toFixed(0)}%; RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MiB`);
  row(
    `200 sessions × SSE, mixed presets, ×60, steady 2 req/s each, ${SECONDS} s`,
    `${(requests / viewedAt).toFixed(0)} req/s; speed ×60 → ×${speeds[100]} median (×${speeds[0]}–×${speeds[199]})`,
    `GET /api/session p50 ${fmt(sessionLat.quantile(0.5))}, p99 **${fmt(sessionLat.quantile(0.99))}**; /api/chat p50 ${fmt(chatLat.quantile(0.5))}, p99 ${fmt(chatLat.quantile(0.99))}`,
    `CPU ${(cpu * 100).toFixed(0)}% (load generator ${(gen * 100).toFixed(0)}%), RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MiB`,
    `5xx ${sessionLat.server5xx + chatLat.server5xx}, timeouts ${sessionLat.timeouts + chatLat.timeouts}`,
  );
  return students;
}

async function creationFlood(server: ProductionServer, existing: LoadClient[]) {
  for (const [label, addresses] of [['one address', 1], ['100 addresses', 100]] as const) {
    const codes = new Map<number, number>();
    const t0 = performance.now();
    const attempts = 10_000;
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < attempts) {
          const i = next++;
          const res = await new LoadClient(server.url, `${label === 'one address' ? '192.0' : '198.18'}.${i % addresses}.1`).call('/api/session');
          const code = res?.status ?? 0;
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
      }),
    );
    const still = await Promise.all(existing.map(async (s) => (await s.call('/api/session'))?.status === 200));
    const rss = processRssMiB(server.pid);
    const summary = [...codes].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${n}× ${c}`).join(', ');
    console.log(`creation flood from ${label}: ${summary} in ${((performance.now() - t0) / 1000).toFixed(1)} s; existing sessions answering: ${still.filter(Boolean).length}/${existing.length}; RSS ${rss.toFixed(0)} MiB`);
    row(`10,000 session creations from ${label}`, summary, `existing sessions still answer: **${still.filter(Boolean).length}/${existing.length}**`, `RSS after ${rss.toFixed(0)} MiB`, `5xx ${[...codes].filter(([c]) => c >= 500 && c !== 503).reduce((n, [, k]) => n + k, 0)} (besides 503 "full")`);
  }
}

/**
 * 40 students × 5 chats a second from the client side. `lockStep`: all forty send at the
 * same instant (the worst case, a class that clicks together); else their 200 ms periods
 * are spread evenly, as independent students' are.
 */
async function clientSideChats(server: ProductionServer, lockStep: boolean) {
  const students = Array.from({ length: 40 }, (_, i) => new LoadClient(server.url, `10.2.${lockStep ? 1 : 0}.${i}`));
  for (const s of students) await s.call('/api/session');
  const stop = new AbortController();
  setMaxListeners(Infinity, stop.signal); // one abort for every event stream
  const streams = students.map((s) => s.events(stop.signal));
  let n = 0;
  const load = (seconds: number, chatLat?: Latencies, sessionLat?: Latencies) => {
    const until = performance.now() + seconds * 1000;
    return Promise.all([
      ...students.map((s, i) => every(200, until, () => s.call('/api/chat', { method: 'POST', body: { message: `student ${i} question ${n++}` } }, chatLat), lockStep ? 0 : (i * 200) / students.length)),
      every(100, until, () => students[Math.floor(Math.random() * students.length)]!.call('/api/session', {}, sessionLat)),
    ]);
  };
  await load(3); // warm-up, not measured: a cold server compiles its routes on first use
  const chatLat = new Latencies();
  const sessionLat = new Latencies();
  const cpu0 = processCpuMs(server.pid);
  const gen0 = process.cpuUsage();
  const t0 = performance.now();
  await load(SECONDS, chatLat, sessionLat);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = (processCpuMs(server.pid) - cpu0) / 1000 / elapsed;
  const gen = generatorCpuShare(gen0, elapsed);
  stop.abort();
  await Promise.all(streams.map((s) => s.done));
  const offered = (40 * 5 * SECONDS) / elapsed;
  console.log(`40 × 5 req/s${lockStep ? ', in lock-step' : ''}: offered ${offered.toFixed(0)} req/s, completed ${(chatLat.count / elapsed).toFixed(0)} req/s; /api/chat p50 ${fmt(chatLat.quantile(0.5))} p99 ${fmt(chatLat.quantile(0.99))}; GET /api/session p99 ${fmt(sessionLat.quantile(0.99))}; 5xx ${chatLat.server5xx + sessionLat.server5xx}; timeouts ${chatLat.timeouts}; CPU ${(cpu * 100).toFixed(0)}%, generator ${(gen * 100).toFixed(0)}%`);
  row(
    `40 sessions × 5 req/s of \`/api/chat\` (client side) + SSE, ${lockStep ? 'all forty in lock-step' : 'independent students'}, ${SECONDS} s`,
    `offered ${offered.toFixed(0)}, completed **${(chatLat.count / elapsed).toFixed(0)} req/s**`,
    `/api/chat p50 ${fmt(chatLat.quantile(0.5))}, p99 **${fmt(chatLat.quantile(0.99))}**; GET /api/session p99 **${fmt(sessionLat.quantile(0.99))}**`,
    `CPU ${(cpu * 100).toFixed(0)}% (load generator ${(gen * 100).toFixed(0)}%), RSS ${processRssMiB(server.pid).toFixed(0)} MiB`,
    `5xx ${chatLat.server5xx + sessionLat.server5xx}, timeouts ${chatLat.timeouts + sessionLat.timeouts}`,
  );
}

async function main() {
  const build = process.argv.includes('--build') ? 'always' : 'auto';
  const server = await startProductionServer({
    build,
    distDir: process.env.BENCH_DIST_DIR ?? '.next-bench',
    env: { SANDBOX_MAX_SESSIONS: '500' },
    // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  });
  try {
    console.log(`# npm run bench:load — node ${process.version}, ${new Date().toISOString()}, ${SECONDS} s per load; RSS at start ${processRssMiB(server.pid).toFixed(0)} MiB`);
    if (ONLY.has('baseline')) await baseline(server);
    const students = ONLY.has('class') ? await classOf200(server) : [];
    if (ONLY.has('flood')) await creationFlood(server, students);
    if (ONLY.has('chats')) {
      await clientSideChats(server, false);
      await clientSideChats(server, true);
    }
  } finally {
    await server.stop();
  }
  console.log('\n| load | throughput | latency | server | errors |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
