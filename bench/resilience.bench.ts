/**
 * Success-path overhead of retry + breaker around an async no-op, side by side
 * with cockatiel's `wrap(retry, circuitBreaker)` and an opossum breaker, and the
 * cost of one zero-delay retry.
 *
 * The comparison libraries are pinned to the newest majors that accept Node 20
 * (cockatiel 3.2, opossum 9.0): cockatiel 4 and opossum 10 declare Node ≥ 22
 * and `npm install` warned about them (EBADENGINE). The APIs used here are the
 * same in both majors.
 */
import { ConsecutiveBreaker, ConstantBackoff, ExponentialBackoff, circuitBreaker, handleAll, retry, wrap } from 'cockatiel';
import CircuitBreakerOpossum from 'opossum';
import { CircuitBreaker } from '@/lib/resilience/circuit-breaker';
import { createRetryPolicy } from '@/lib/resilience/retry';
import { fmtNs, runSideBySide, type BenchResult } from './harness';

const noop = async () => 1;

/** A function that fails once, then succeeds: one retry per call. */
function failOnce(): () => Promise<number> {
  let fail = true;
  return async () => {
    if (fail) {
      fail = false;
      throw Object.assign(new Error('transient'), { status: 503 });
    }
    fail = true;
    return 1;
  };
}

export async function runResilienceBench(): Promise<{ results: BenchResult[]; overheadRatio: number; zeroDelayRetryNs: number; cockatielRetryNs: number }> {
  const ours = { retry: createRetryPolicy({ maxRetries: 2, backoff: 'exponential' }), breaker: new CircuitBreaker({ failureThreshold: 5 }) };
  const oursWrapped = () => ours.breaker.execute(() => ours.retry.execute(noop));

  const cockatiel = wrap(
    retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff() }),
    circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) }),
  );
  const opossum = new CircuitBreakerOpossum(noop, { timeout: false, errorThresholdPercentage: 50, resetTimeout: 30_000 });

  const oursZero = createRetryPolicy({ maxRetries: 2, backoff: 'none', shouldRetry: () => true });
  const oursFlaky = failOnce();
  const cockatielZero = retry(handleAll, { maxAttempts: 2, backoff: new ConstantBackoff(0) });
  const cockatielFlaky = failOnce();

  const results = await runSideBySide([
    { name: 'direct call (baseline)', run: noop },
    { name: 'ours: breaker(retry(fn))', run: oursWrapped },
    { name: 'cockatiel: wrap(retry, circuitBreaker)', run: () => cockatiel.execute(noop) },
    { name: 'opossum breaker', run: () => opossum.fire() },
    { name: 'ours: one zero-delay retry', run: () => oursZero.execute(oursFlaky), batch: 500 },
    { name: 'cockatiel: one ConstantBackoff(0) retry', run: () => cockatielZero.execute(cockatielFlaky), batch: 5 },
  ]);
  opossum.shutdown();

  const by = (name: string) => results.find((r) => r.name.startsWith(name))!.medianNs;
  const base = by('direct');
  const overheadRatio = (by('ours: breaker') - base) / (by('cockatiel: wrap') - base);
  return { results, overheadRatio, zeroDelayRetryNs: by('ours: one zero'), cockatielRetryNs: by('cockatiel: one') };
}

export function printResilience(r: Awaited<ReturnType<typeof runResilienceBench>>): void {
  const base = r.results[0]!.medianNs;
  console.log('\n## Resilience overhead (median per call; interleaved rounds)\n');
  console.log('| setup | median | p10–p90 | overhead vs direct |');
  console.log('|---|---|---|---|');
  for (const x of r.results) {
    console.log(`| ${x.name} | ${fmtNs(x.medianNs)} | ${fmtNs(x.p10Ns)}–${fmtNs(x.p90Ns)} | ${fmtNs(Math.max(0, x.medianNs - base))} |`);
  }
  console.log(`\nours / cockatiel overhead ratio: ${r.overheadRatio.toFixed(2)}× (target ≤ 0.5×)`);
  console.log(`zero-delay retry: ours ${fmtNs(r.zeroDelayRetryNs)} (target ≤ 10 µs) vs cockatiel ${fmtNs(r.cockatielRetryNs)} → ${(r.cockatielRetryNs / r.zeroDelayRetryNs).toFixed(0)}× faster`);
}
