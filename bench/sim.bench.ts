/**
 * Speed of the herd simulator (lib/sim) against a plain-Python reference of the same
 * model (bench/reference/occ_sim.py), both measured in this run. Nothing is quoted.
 *
 * - Brooker's workload: 100 clients × 100 runs × his 5 strategies, seed 1.
 *   - In-process: our `runExperiment` (first call, JIT still cold, and warm median)
 *     against the compute time the Python script reports for itself.
 *   - Whole process: `npm run sim -- … --json`, the command it runs
 *     (`node lib/sim/cli-launcher.mjs`), and the old `tsx lib/sim/cli.ts`, against
 *     `python3 bench/reference/occ_sim.py …`; interleaved rounds, medians.
 *   Target: at least 7× Python, both ways.
 * - One interactive step: one 100-client run of all 8 strategies (target < 5 ms),
 *   what the /jitter page recomputes when a slider moves.
 * - Means: ours against Python's (different PRNGs, so they agree statistically only).
 *
 * `npx tsx bench/sim.bench.ts` prints the figures; `bench/index.ts` imports it.
 * Without python3 on the PATH the Python ratios are skipped, not invented.
 */
import { fileURLToPath } from 'node:url';
import { runExperiment, SIM_STRATEGY_IDS, type SimStrategyId } from '@/lib/sim';
import { CommandFailedError, median, runTimed, timeInterleaved, type ProcessTiming, type TimedCommand } from './process-timing';

const WORKLOAD = { clients: 100, runs: 100, seed: 1 } as const;
const WORKLOAD_ARGS = ['--clients', '100', '--runs', '100', '--seed', '1'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What bench/reference/occ_sim.py prints. */
interface PythonOutput {
  python: string;
  computeMs: number;
  strategies: { id: SimStrategyId; calls: { mean: number; sd: number }; completionMs: { mean: number; sd: number } }[];
}

export interface SimBenchResult {
  /** In-process ms of Brooker's workload: the first call in this process (JIT cold). */
  brookerFirstMs: number;
  /** Median in-process ms of later calls (JIT warm), and every sample. */
  brookerWarmMs: number;
  brookerWarmSamplesMs: number[];
  /** Whole-process medians in ms (npm run sim, its launcher, the old tsx start, Python). */
  processes: ProcessTiming[];
  /** Python's side, or why it was skipped. */
  python: { version: string; computeMs: number; computeSamplesMs: number[]; means: PythonOutput['strategies'] } | { skipped: string };
  /** Median and 90th percentile ms of one 100-client run of all 8 strategies. */
  oneRunAllStrategiesMs: number;
  oneRunAllStrategiesP90Ms: number;
  /** Our mean calls and completion (ms) per strategy at 100 clients × 100 runs, seed 1. */
  means: { id: SimStrategyId; calls: number; completionMs: number }[];
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const pythonCommand: TimedCommand = { name: 'python3 bench/reference/occ_sim.py', command: 'python3', args: ['bench/reference/occ_sim.py', ...WORKLOAD_ARGS] };
const npmRunSim: TimedCommand = { name: 'npm run sim', command: 'npm', args: ['run', '--silent', 'sim', '--', '--model', 'occ', ...WORKLOAD_ARGS, '--json'] };
/**
 * Node 20 reads every certificate in NODE_EXTRA_CA_CERTS when it starts, TLS or not: on
 * machines that set it (these do: 144 certificates) that is ~40–50 ms per node start, and
 * `npm run` starts two (npm, then the CLI). So where it is set, the same command is also
 * timed without it, as on a machine that does not set it. python3 does not read it.
 */
const withoutExtraCerts: TimedCommand[] = process.env.NODE_EXTRA_CA_CERTS
  ? [{ ...npmRunSim, name: 'npm run sim, NODE_EXTRA_CA_CERTS unset', unsetEnv: ['NODE_EXTRA_CA_CERTS'] }]
  : [];
const nodeCommands: TimedCommand[] = [
  npmRunSim,
  ...withoutExtraCerts,
  { name: 'node lib/sim/cli-launcher.mjs', command: process.execPath, args: ['lib/sim/cli-launcher.mjs', '--model', 'occ', ...WORKLOAD_ARGS, '--json'] },
  { name: 'tsx lib/sim/cli.ts (the old start)', command: 'node_modules/.bin/tsx', args: ['lib/sim/cli.ts', '--model', 'occ', ...WORKLOAD_ARGS, '--json'] },
];

/** Is python3 there, and does the reference run? A tiny workload answers in ~50 ms. */
function probePython(): string | undefined {
  try {
    runTimed({ ...pythonCommand, args: ['bench/reference/occ_sim.py', '--clients', '2', '--runs', '1'] }, ROOT);
    return undefined;
  } catch (error) {
    if (error instanceof CommandFailedError) return error.missing ? 'python3 not found on the PATH' : error.message;
    throw error;
  }
}

/**
 * Measure everything.
 * @param opts warm in-process repeats (default 5), one-run steps (default 50, after 10 warm-ups),
 *   whole-process rounds (default 5, after one warm-up round).
 */
export async function runSimBench(opts: { repeats?: number; stepRepeats?: number; processRounds?: number } = {}): Promise<SimBenchResult> {
  const repeats = opts.repeats ?? 5;
  const stepRepeats = opts.stepRepeats ?? 50;
  const brooker = () => runExperiment({ model: 'occ', ...WORKLOAD });
  const step = (seed: number) => runExperiment({ model: 'occ', clients: 100, runs: 1, seed, strategies: SIM_STRATEGY_IDS });

  const brookerFirstMs = time(brooker);
  const brookerWarmSamplesMs: number[] = [];
  for (let i = 0; i < repeats; i++) brookerWarmSamplesMs.push(time(brooker));

  for (let i = 0; i < 10; i++) step(1000 + i);
  const stepSamples: number[] = [];
  for (let i = 0; i < stepRepeats; i++) stepSamples.push(time(() => step(i + 1)));

  const skipped = probePython();
  const commands = skipped ? nodeCommands : [...nodeCommands, pythonCommand];
  const processes = timeInterleaved(commands, ROOT, opts.processRounds ?? 5);
  let python: SimBenchResult['python'] = { skipped: skipped ?? '' };
  if (!skipped) {
    const outputs = processes.at(-1)!.runs.map((r) => JSON.parse(r.stdout) as PythonOutput);
    const computeSamplesMs = outputs.map((o) => o.computeMs);
    python = { version: outputs[0]!.python, computeMs: median(computeSamplesMs), computeSamplesMs, means: outputs[0]!.strategies };
  }

  const all = runExperiment({ model: 'occ', ...WORKLOAD, strategies: SIM_STRATEGY_IDS });
  return {
    brookerFirstMs,
    brookerWarmMs: median(brookerWarmSamplesMs),
    brookerWarmSamplesMs,
    processes,
    python,
    oneRunAllStrategiesMs: median(stepSamples),
    oneRunAllStrategiesP90Ms: quantile(stepSamples, 0.9),
    means: all.strategies.map((s) => ({ id: s.id, calls: s.calls.mean, completionMs: s.completionMs.mean })),
  };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const ratio = (python: number, ours: number) => `${(python / ours).toFixed(1)}×`;

/** Print the figures as a short report. */
export function printSimBench(r: SimBenchResult): void {
  console.log('\n## Herd simulator (lib/sim) vs plain Python (bench/reference/occ_sim.py), same run');
  const py = 'skipped' in r.python ? undefined : r.python;
  if (!py) console.log(`Python comparison skipped: ${'skipped' in r.python ? r.python.skipped : ''}`);
  else console.log(`Python ${py.version}; target ≥ 7× Python in-process and as a whole process`);

  console.log(`\nIn-process, 100 clients × 100 runs × 5 Brooker strategies:`);
  const warm = r.brookerWarmSamplesMs.map((x) => x.toFixed(0)).join(', ');
  console.log(`  ours, first call (cold JIT)  ${ms(r.brookerFirstMs).padStart(8)}${py ? `  ${ratio(py.computeMs, r.brookerFirstMs)}` : ''}`);
  console.log(`  ours, warm median            ${ms(r.brookerWarmMs).padStart(8)}${py ? `  ${ratio(py.computeMs, r.brookerWarmMs)}` : ''}  (${warm})`);
  if (py) console.log(`  Python, own compute time     ${ms(py.computeMs).padStart(8)}  (${py.computeSamplesMs.map((x) => x.toFixed(0)).join(', ')})`);

  console.log(`\nWhole process, same workload, --json (medians of ${r.processes[0]?.runs.length ?? 0} interleaved rounds):`);
  const pyProcess = py ? r.processes.at(-1)!.medianMs : undefined;
  for (const p of r.processes) {
    const samples = p.runs.map((x) => x.ms.toFixed(0)).join(', ');
    console.log(`  ${p.name.padEnd(40)} ${ms(p.medianMs).padStart(8)}${pyProcess ? `  ${ratio(pyProcess, p.medianMs).padStart(6)}` : ''}  (${samples})`);
  }

  console.log(`\nOne 100-client run, all 8 strategies: ${r.oneRunAllStrategiesMs.toFixed(2)} ms median, ${r.oneRunAllStrategiesP90Ms.toFixed(2)} ms p90 (target < 5 ms)`);

  console.log('\nMeans at 100 clients × 100 runs, seed 1' + (py ? ' (Python: its own PRNG; z = difference / standard error)' : '') + ':');
  for (const m of r.means) {
    const p = py?.means.find((s) => s.id === m.id);
    let line = `  ${m.id.padEnd(22)} ${m.calls.toFixed(0).padStart(6)} calls ${m.completionMs.toFixed(0).padStart(7)} ms`;
    if (p) line += `   Python ${p.calls.mean.toFixed(0).padStart(6)} calls ${compare(m.calls, p.calls)}  ${p.completionMs.mean.toFixed(0).padStart(7)} ms ${compare(m.completionMs, p.completionMs)}`;
    console.log(line);
  }
}

/** `+1.2% z=0.8`: our mean against Python's, with Python's sd standing in for both (same model, same runs). */
function compare(ours: number, p: { mean: number; sd: number }): string {
  const se = p.sd * Math.sqrt(2 / WORKLOAD.runs);
  const pct = ((ours - p.mean) / p.mean) * 100;
  return `(${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%, z=${se > 0 ? ((ours - p.mean) / se).toFixed(1) : '–'})`;
}

if (typeof process !== 'undefined' && /(^|[\\/])sim\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runSimBench()
    .then(printSimBench)
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
