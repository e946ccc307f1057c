import { SandboxSession } from '@/lib/sandbox/session';
async function main() {
  const s = new SandboxSession('abc', 'tok');
  for (let i = 0; i < 300; i++) await s.chat(`warm ${i}`);
  const N = 2000;
  const t0 = process.cpuUsage(); const w0 = performance.now();
  for (let i = 0; i < N; i++) await s.chat(`q ${i}`);
  const t1 = process.cpuUsage(t0); const w1 = performance.now();
  console.log('service.chat unique healthy: cpu ms/req', ((t1.user + t1.system) / 1000 / N).toFixed(3), 'wall', ((w1 - w0) / N).toFixed(3));
  const t2 = process.cpuUsage();
  for (let i = 0; i < 300; i++) new SandboxSession('x' + i, 't' + i).dispose();
  const t3 = process.cpuUsage(t2);
  console.log('session create+dispose cpu ms', ((t3.user + t3.system) / 1000 / 300).toFixed(3));
  process.exit(0);
}
main();
