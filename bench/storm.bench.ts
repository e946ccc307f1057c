/**
 * Speed of the retry-storm model (lib/sim/storm-model.ts), with the numbers it produces.
 *
 * The target: one 300 s simulated run at 1000 requests/s in under 100 ms, so the
 * /storms sliders recompute live. Measured on the presets (the metastable one
 * without a budget is the heaviest: ~2.6 calls per request, a full queue), plus
 * the failure-rate sweep the page draws beside them (12 rates × 3 budgets × 60 s).
 *
 * Wall time is what a user waits for; CPU time (process.cpuUsage) is printed
 * beside it because these machines are shared, and a neighbour's build shows up
 * in the wall time only.
 *
 * `npx tsx bench/storm.bench.ts` prints the figures; `bench/index.ts` imports it.
 */
import { retryAmplification, simulateStorm, STORM_PRESETS, sweepFailureRates, type StormPresetId } from '@/lib/sim';

/** The target for one 300 s run at 1000 requests/s, in ms. */
export const STORM_TARGET_MS = 100;

/** Timing of one workload. */
export interface StormTiming {
  name: string;
  /** Median and 90th percentile wall time, in ms. */
  medianMs: number;
  p90Ms: number;
  /** Median CPU time (user + system) of this process, in ms. */
  cpuMedianMs: number;
  samples: number;
}

/** The figures `printStormBench` prints. */
export interface StormBenchResult {
  runs: StormTiming[];
  sweep: StormTiming;
  /** What the runs showed: calls per request and the share answered after the dip. */
  numbers: {
    preset: StormPresetId;
    amplification: number;
    answeredAfterDip: number | null;
    recoveredAfterS: number | null;
  }[];
  /** Closed form at p = 0.5, 4 attempts (1.875), beside the simulated value. */
  independent: { closedForm: number; simulated: number };
}

const BENCHED: readonly StormPresetId[] = ['metastable', 'metastable-budget', 'metastable-breaker', 'independent', 'layers'];

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

function measure(name: string, fn: () => unknown, repeats: number, warmup: number): StormTiming {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { name, medianMs: quantile(wall, 0.5), p90Ms: quantile(wall, 0.9), cpuMedianMs: quantile(cpu, 0.5), samples: repeats };
}

/**
 * Time each benched preset (300 s at 1000 requests/s) and the sweep.
 * @param opts repeats per preset (default 15, after 3 warm-ups) and of the sweep (default 5, after 1).
 */
export async function runStormBench(opts: { repeats?: number; sweepRepeats?: number } = {}): Promise<StormBenchResult> {
  const repeats = opts.repeats ?? 15;
  const sweepRepeats = opts.sweepRepeats ?? 5;
  const runs = BENCHED.map((id) => measure(id, () => simulateStorm(STORM_PRESETS[id]), repeats, 3));
  const sweep = measure('failure-rate sweep', () => sweepFailureRates({ base: { attempts: 4 } }), sweepRepeats, 1);
  const numbers = BENCHED.map((preset) => {
    const r = simulateStorm(STORM_PRESETS[preset]);
    return {
      preset,
      amplification: r.amplification,
      answeredAfterDip: r.summary.afterDip?.answered ?? null,
      recoveredAfterS: r.summary.recoveredAfterS,
    };
  });
  const simulated = numbers.find((n) => n.preset === 'independent')!.amplification;
  return { runs, sweep, numbers, independent: { closedForm: retryAmplification(0.5, 4), simulated } };
}

/** Print the figures as a short report. */
export function printStormBench(r: StormBenchResult): void {
  const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
  console.log('\n## Retry-storm model (lib/sim/storm-model.ts)');
  console.log(`one 300 s run at 1000 requests/s (target < ${STORM_TARGET_MS} ms, wall median):`);
  for (const t of r.runs) {
    const verdict = t.medianMs < STORM_TARGET_MS ? 'ok' : 'OVER TARGET';
    console.log(
      `  ${t.name.padEnd(20)} ${t.medianMs.toFixed(1).padStart(6)} ms median, ${t.p90Ms.toFixed(1).padStart(6)} ms p90, ` +
        `${t.cpuMedianMs.toFixed(1).padStart(6)} ms CPU — ${verdict}`,
    );
  }
  const s = r.sweep;
  console.log(`  ${s.name.padEnd(20)} ${s.medianMs.toFixed(0).padStart(6)} ms median (${s.samples} runs; 36 runs of 60 s each)`);
  console.log('what they show:');
  for (const n of r.numbers)
    console.log(
      `  ${n.preset.padEnd(20)} ×${n.amplification.toFixed(3)} calls per request, answered after the dip ${pct(n.answeredAfterDip)}` +
        (n.answeredAfterDip === null ? '' : `, recovered ${n.recoveredAfterS === null ? 'never' : `${n.recoveredAfterS} s after it`}`),
    );
  console.log(`  p = 0.5, 4 attempts: closed form ×${r.independent.closedForm}, simulated ×${r.independent.simulated.toFixed(4)}`);
}

if (typeof process !== 'undefined' && /(^|[\\/])storm\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runStormBench()
    .then(printStormBench)
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
