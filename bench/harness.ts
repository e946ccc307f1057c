/**
 * A tiny side-by-side benchmark harness. Each case runs `batch` awaited calls
 * per sample; cases are interleaved round by round, so a noisy neighbour hurts
 * them all alike and the *ratios* stay meaningful on these shared machines.
 */
export interface BenchCase {
  name: string;
  /** One operation. */
  run: () => Promise<unknown>;
  /** Operations per sample. Default 2000. */
  batch?: number;
}

export interface BenchResult {
  name: string;
  /** Median ns per operation over the samples. */
  medianNs: number;
  /** 10th and 90th percentile ns per operation. */
  p10Ns: number;
  p90Ns: number;
  samples: number;
}

export async function runSideBySide(cases: BenchCase[], opts: { rounds?: number; warmupRounds?: number } = {}): Promise<BenchResult[]> {
  const rounds = opts.rounds ?? 30;
  const warmup = opts.warmupRounds ?? 5;
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    for (let c = 0; c < cases.length; c++) {
      const { run, batch = 2000 } = cases[c]!;
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await run();
      const ns = Number(process.hrtime.bigint() - start) / batch;
      if (round >= warmup) samples[c]!.push(ns);
    }
  }
  return cases.map((c, i) => {
    const s = samples[i]!.sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
    return { name: c.name, medianNs: q(0.5), p10Ns: q(0.1), p90Ns: q(0.9), samples: s.length };
  });
}

export const fmtNs = (ns: number): string => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
