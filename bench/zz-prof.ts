import { SandboxSession } from '@/lib/sandbox/session';
async function main() {
  const s = new SandboxSession('abc', 'tok');
  for (let i = 0; i < 500; i++) { await s.chat(`warm ${i}`); }
  const t0 = process.cpuUsage();
  for (let i = 0; i < 3000; i++) { await s.chat(`q ${i}`); if (i % 50 === 0) await new Promise((r) => setImmediate(r)); }
  const t = process.cpuUsage(t0); console.log('cpu ms/chat', ((t.user + t.system) / 1000 / 3000).toFixed(3));
  process.exit(0);
}
main();
