import { parseArgs, USAGE } from './cli-args';
import { formatExperimentTable, formatStormComparison, formatStormTable, formatSweepTable } from './format-table';
import { runExperiment } from './run';
import { compareStormCures } from './storm-compare';
import { simulateStorm } from './storm-model';
import { sweepClients } from './sweep';

/** Where the CLI writes; injected so tests can capture output. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Run the simulator CLI and return its exit code: 0 on success, 2 on bad input.
 * `npm run sim -- --model occ --clients 100 --runs 100 --seed 1 --json`
 * `npm run sim -- --model storm --preset metastable --compare`
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.err(`sim: ${parsed.error}\nRun with --help for usage.\n`);
    return 2;
  }
  const command = parsed.command;
  if (command.kind === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'storm') {
    if (command.compare) {
      const rows = compareStormCures(command.options);
      io.out(command.json ? `${JSON.stringify({ runs: rows })}\n` : `${formatStormComparison(rows)}\n`);
    } else {
      const result = simulateStorm(command.options);
      io.out(command.json ? `${JSON.stringify(result)}\n` : `${formatStormTable(result)}\n`);
    }
    return 0;
  }
  if (command.kind === 'sweep') {
    const result = sweepClients(command.options);
    io.out(command.json ? `${JSON.stringify(result)}\n` : `${formatSweepTable(result)}\n`);
    return 0;
  }
  const result = runExperiment(command.options);
  io.out(command.json ? `${JSON.stringify(result)}\n` : `${formatExperimentTable(result)}\n`);
  return 0;
}

// Run only when executed (`tsx lib/sim/cli.ts`), not when a test imports runCli.
if (typeof process !== 'undefined' && /(^|[\\/])cli\.ts$/.test(process.argv[1] ?? '')) {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
}
