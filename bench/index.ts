/**
 * `npm run bench`: every benchmark, side by side in one run. Figures are medians; quote the ratios.
 *
 * The browser bench starts its own production server (bench/server.ts), building
 * into `BENCH_DIST_DIR` (default `.next-bench`) when no build is there yet.
 * `npm run bench -- --build` (or `BENCH_BUILD=1`) rebuilds first, after code changes.
 */
import { printBrowserBench, runBrowserBench } from './browser.bench';
import { printResilience, runResilienceBench } from './resilience.bench';
import { runSimBench, printSimBench } from './sim.bench';
import { printRoomBench, runRoomBench } from './room.bench';
import { printStormBench, runStormBench } from './storm.bench';

async function main() {
  const rebuild = process.argv.includes('--build') || process.env.BENCH_BUILD === '1';
  console.log(`# npm run bench — node ${process.version}, ${new Date().toISOString()}`);
  printResilience(await runResilienceBench());
  printSimBench(await runSimBench());
  printStormBench(await runStormBench());
  printRoomBench(await runRoomBench());
  // Last: it is the slowest, and its server and browser would disturb the figures above.
  printBrowserBench(await runBrowserBench({ build: rebuild ? 'always' : 'auto' }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
