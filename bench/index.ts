/** `npm run bench`: every benchmark, side by side in one run. Figures are medians; quote the ratios. */
import { printResilience, runResilienceBench } from './resilience.bench';
import { runSimBench, printSimBench } from './sim.bench';
import { printStormBench, runStormBench } from './storm.bench';

async function main() {
  console.log(`# npm run bench — node ${process.version}, ${new Date().toISOString()}`);
  printResilience(await runResilienceBench());
  printSimBench(await runSimBench());
  printStormBench(await runStormBench());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
