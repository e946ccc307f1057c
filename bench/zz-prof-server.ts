import { Latencies, LoadClient } from './load-client';
import { startProductionServer } from './server';
async function main() {
  const server = await startProductionServer({ build: 'never', distDir: '.next-bench', nodeArgs: ['--cpu-prof', '--cpu-prof-dir=/tmp/sprof'] });
  const clients = Array.from({ length: 8 }, (_, i) => new LoadClient(server.url, `10.0.0.${i}`));
  for (const c of clients) await c.call('/api/session');
  const lat = new Latencies();
  let n = 0;
  const until = performance.now() + 15000;
  await Promise.all(clients.map(async (c) => { while (performance.now() < until) await c.call('/api/chat', { method: 'POST', body: { message: `q ${n++}` } }, lat); }));
  console.log('chats', lat.count);
  process.kill(server.pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 3000));
  await server.stop();
}
main();
