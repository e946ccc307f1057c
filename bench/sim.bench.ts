/**
 * Speed of the herd simulator (lib/sim), with the means it produces.
 *
 * - Brooker's workload: 100 clients × 100 runs × his 5 strategies, as in his Python
 *   simulator (aws-samples/aws-arch-backoff-simulator). That takes about 2.5–3 s in
 *   CPython on these machines; the target is at least 7× faster (< 350 ms).
 * - One interactive step: one 100-client run of all 8 strategies (target < 5 ms),
 *   what the /jitter page recomputes when a slider moves.
 *
 * `npx tsx bench/sim.bench.ts` prints the figures; `bench/index.ts` imports it.
 */
import { runExperiment, SIM_STRATEGY_IDS, type SimStrategyId } from '@/lib/sim';

/** CPython time of Brooker's simulator for the same work, in ms (brief's figure; 3.0 s measured here). */
export const PYTHON_REFERENCE_MS = 2500;

export interface SimBenchResult {
  /** Median wall time in ms of 100 clients × 100 runs × Brooker's 5 strategies. */
  brookerWorkMs: number;
  /** Every repeat of the above, in ms. */
  brookerWorkSamplesMs: number[];
  /** `PYTHON_REFERENCE_MS / brookerWorkMs`. */
  speedupVsPython: number;
  /** Median wall time in ms of one 100-client run of all 8 strategies. */
  oneRunAllStrategiesMs: number;
  /** 90th percentile of the same, in ms. */
  oneRunAllStrategiesP90Ms: number;
  /** Mean calls and completion (ms) per strategy at 100 clients × 100 runs, seed 1. */
  means: { id: SimStrategyId; calls: number; completionMs: number }[];
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * Measure both workloads.
 * @param opts repeats of the Brooker workload (default 5, after 1 warm-up) and of the one-run step (default 50, after 10).
 */
export async function runSimBench(opts: { repeats?: number; stepRepeats?: number } = {}): Promise<SimBenchResult> {
  const repeats = opts.repeats ?? 5;
  const stepRepeats = opts.stepRepeats ?? 50;
  const brooker = () => runExperiment({ model: 'occ', clients: 100, runs: 100, seed: 1 });
  const step = (seed: number) => runExperiment({ model: 'occ', clients: 100, runs: 1, seed, strategies: SIM_STRATEGY_IDS });

  brooker();
  const brookerWorkSamplesMs: number[] = [];
  for (let i = 0; i < repeats; i++) brookerWorkSamplesMs.push(time(brooker));

  for (let i = 0; i < 10; i++) step(1000 + i);
  const stepSamples: number[] = [];
  for (let i = 0; i < stepRepeats; i++) stepSamples.push(time(() => step(i + 1)));

  const all = runExperiment({ model: 'occ', clients: 100, runs: 100, seed: 1, strategies: SIM_STRATEGY_IDS });
  const brookerWorkMs = median(brookerWorkSamplesMs);
  return {
    brookerWorkMs,
    brookerWorkSamplesMs,
    speedupVsPython: PYTHON_REFERENCE_MS / brookerWorkMs,
    oneRunAllStrategiesMs: median(stepSamples),
    oneRunAllStrategiesP90Ms: quantile(stepSamples, 0.9),
    means: all.strategies.map((s) => ({ id: s.id, calls: s.calls.mean, completionMs: s.completionMs.mean })),
  };
}

/** Print the figures as a short report. */
export function printSimBench(r: SimBenchResult): void {
  console.log('\n## Herd simulator (lib/sim)');
  console.log(
    `100 clients × 100 runs × 5 Brooker strategies: ${r.brookerWorkMs.toFixed(0)} ms median ` +
      `(${r.brookerWorkSamplesMs.map((x) => x.toFixed(0)).join(', ')}) — ${r.speedupVsPython.toFixed(1)}× CPython's ~${PYTHON_REFERENCE_MS} ms (target ≥ 7×)`,
  );
  console.log(
    `one 100-client run, all 8 strategies: ${r.oneRunAllStrategiesMs.toFixed(2)} ms median, ${r.oneRunAllStrategiesP90Ms.toFixed(2)} ms p90 (target < 5 ms)`,
  );
  console.log('means at 100 clients × 100 runs, seed 1:');
  for (const m of r.means) console.log(`  ${m.id.padEnd(22)} ${m.calls.toFixed(0).padStart(6)} calls  ${m.completionMs.toFixed(0).padStart(7)} ms`);
}

if (typeof process !== 'undefined' && /(^|[\\/])sim\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runSimBench()
    .then(printSimBench)
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
