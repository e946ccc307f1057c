import { Latencies, LoadClient, processCpuMs } from './load-client';
import { startProductionServer } from './server';
async function main() {
  const server = await startProductionServer({ build: process.argv.includes('--build') ? 'always' : 'never', distDir: '.next-bench' });
  const clients = Array.from({ length: 8 }, (_, i) => new LoadClient(server.url, `10.0.0.${i}`));
  for (const c of clients) await c.call('/api/session');
  for (const path of ['/api/health', '/api/chat', '/api/health', '/api/chat']) {
    const lat = new Latencies(); let n = 0;
    const cpu0 = processCpuMs(server.pid); const until = performance.now() + 8000;
    await Promise.all(clients.map(async (c) => { while (performance.now() < until) await c.call(path, path === '/api/chat' ? { method: 'POST', body: { message: `q ${n++} ${Math.random()}` } } : {}, lat); }));
    console.log(path, 'req/s', (lat.count / 8).toFixed(0), 'server cpu ms/req', ((processCpuMs(server.pid) - cpu0) / lat.count).toFixed(2));
  }
  await server.stop();
}
main();
