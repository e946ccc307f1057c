import { describe, expect, it } from 'vitest';
import type { TraceStep } from '@/lib/contract';
import { hiddenRetries, traceRows } from './trace-rows';

const sdk = (attempt: number, n: number, at: number, status?: number, retryInMs?: number): TraceStep => ({
  type: 'sdk-call',
  at,
  layer: 'primary',
  attempt,
  n,
  ...(status !== undefined ? { status } : {}),
  ...(retryInMs !== undefined ? { retryInMs } : {}),
});
const attempt = (n: number, at: number, ok: boolean): TraceStep => ({ type: 'attempt', at, layer: 'primary', attempt: n, durationMs: 10, ok, breaker: 'closed' });

describe('traceRows', () => {
  it('puts the SDK’s calls under the attempt they belong to, although the server writes them first', () => {
    // As the server writes it: attempt 1's three SDK calls, then attempt 1, its retry, then attempt 2's.
    const trace: TraceStep[] = [
      { type: 'cache', at: 0, layer: 'cache', hit: false },
      sdk(1, 0, 0, 503, 450),
      sdk(1, 1, 450, 503, 900),
      sdk(1, 2, 1350, 503),
      attempt(1, 0, false),
      { type: 'retry', at: 1360, layer: 'primary', attempt: 1, delayMs: 1000, reason: 'backoff', formula: 'f', breaker: 'closed' },
      sdk(2, 1, 2800, 200),
      sdk(2, 0, 2360, 503, 440),
      attempt(2, 2360, true),
      { type: 'answer', at: 2810, layer: 'primary', source: 'api' },
    ];
    const rows = traceRows(trace);
    expect(rows.map((r) => r.step.type)).toEqual(['cache', 'attempt', 'retry', 'attempt', 'answer']);
    expect(rows[1]!.sdkCalls.map((c) => c.n)).toEqual([0, 1, 2]);
    // Sorted by call number, whatever order they arrived in.
    expect(rows[3]!.sdkCalls.map((c) => c.n)).toEqual([0, 1]);
    expect(hiddenRetries(rows[1]!.sdkCalls)).toBe(2);
    expect(hiddenRetries(rows[3]!.sdkCalls)).toBe(1);
    expect(rows.flatMap((r) => [r.step, ...r.sdkCalls])).toHaveLength(trace.length);
  });

  it('keeps the trace as it is without SDK calls', () => {
    const trace: TraceStep[] = [attempt(1, 0, true), { type: 'answer', at: 10, layer: 'primary', source: 'api' }];
    expect(traceRows(trace)).toEqual(trace.map((step) => ({ step, sdkCalls: [] })));
  });

  it('shows SDK calls of an attempt that never finished as rows of their own, where they happened', () => {
    const trace: TraceStep[] = [sdk(1, 0, 0, 503, 400), sdk(1, 1, 400), { type: 'answer', at: 500, layer: 'canned', source: 'fallback' }];
    const rows = traceRows(trace);
    expect(rows.map((r) => r.step.type)).toEqual(['sdk-call', 'sdk-call', 'answer']);
    expect(rows.every((r) => r.sdkCalls.length === 0)).toBe(true);
  });

  it('never files a local-model attempt’s number under the primary’s SDK calls', () => {
    const local: TraceStep = { type: 'attempt', at: 20, layer: 'local', attempt: 1, durationMs: 5, ok: true, breaker: 'closed' };
    const rows = traceRows([sdk(1, 0, 0, 500), local]);
    expect(rows.map((r) => r.step.type)).toEqual(['sdk-call', 'attempt']);
    expect(rows[1]!.sdkCalls).toEqual([]);
  });
});
