/**
 * The rows of a request's waterfall. The server writes the SDK's hidden calls
 * (`sdk-call` steps) as they happen, so they come *before* the attempt they
 * belong to (which is written when it ends). The waterfall shows each under
 * its attempt instead: the service's attempt 2 is the SDK's calls 0, 1, 2.
 */
import type { TraceStep } from '@/lib/contract';

/** One `sdk-call` step: a call the SDK's own retry loop made (`n` ≥ 1 is a hidden retry). */
export type SdkCallStep = Extract<TraceStep, { type: 'sdk-call' }>;

/** A waterfall row: a step, and for a primary attempt the SDK calls made under it, in call order. */
export interface TraceRow {
  step: Exclude<TraceStep, SdkCallStep> | SdkCallStep;
  /** The SDK's calls under this attempt (empty for other steps, and when the SDK did not retry on its own). */
  sdkCalls: SdkCallStep[];
}

/**
 * Group `sdk-call` steps under the primary attempt with the same number, in the
 * trace's order otherwise. SDK calls whose attempt never finished (an abort, a
 * reset) stay rows of their own where they were, so nothing is hidden.
 */
export function traceRows(trace: readonly TraceStep[]): TraceRow[] {
  const attempts = new Set<number>();
  for (const step of trace) if (step.type === 'attempt' && step.layer === 'primary') attempts.add(step.attempt);
  const under = new Map<number, SdkCallStep[]>();
  const rows: TraceRow[] = [];
  for (const step of trace) {
    if (step.type === 'sdk-call' && attempts.has(step.attempt)) {
      const list = under.get(step.attempt) ?? [];
      list.push(step);
      under.set(step.attempt, list);
      continue;
    }
    rows.push({ step, sdkCalls: [] });
  }
  for (const row of rows) {
    const s = row.step;
    if (s.type === 'attempt' && s.layer === 'primary') {
      row.sdkCalls = (under.get(s.attempt) ?? []).sort((a, b) => a.n - b.n);
      // One attempt number is one attempt: a second row with it (not expected) gets nothing twice.
      under.delete(s.attempt);
    }
  }
  return rows;
}

/** Hidden retries among an attempt's SDK calls (`n` ≥ 1). */
export function hiddenRetries(calls: readonly SdkCallStep[]): number {
  return calls.filter((c) => c.n > 0).length;
}
