import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import type { ExperimentResult } from './run';
import type { StormComparisonRow } from './storm-compare';
import type { StormRunResult } from './storm-model';
import type { SweepResult } from './sweep';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('runCli', () => {
  it('prints the experiment as JSON with --json', () => {
    const { code, out, err } = run(['--clients', '20', '--runs', '3', '--seed', '2', '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const result = JSON.parse(out) as ExperimentResult;
    expect(result.options).toMatchObject({ model: 'occ', clients: 20, runs: 3, seed: 2 });
    expect(result.strategies.map((s) => s.id)).toEqual(['exponential', 'decorrelated', 'equal', 'full', 'none']);
    for (const s of result.strategies) {
      expect(Object.keys(s.calls).sort()).toEqual(['max', 'mean', 'min', 'p50', 'p95', 'p99']);
      expect(Object.keys(s.completionMs).sort()).toEqual(['max', 'mean', 'min', 'p50', 'p95', 'p99']);
      expect(s.histogram.binMs).toBe(100);
      expect(Array.isArray(s.histogram.counts)).toBe(true);
    }
  });

  it('prints an aligned table by default', () => {
    const { code, out } = run(['--model', 'api', '--clients', '20', '--runs', '2', '--capacity', '5', '--strategies', 'full,openai-sdk']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^api model, 20 clients × 2 runs, seed 1, base 5 ms, cap 2000 ms, capacity 5\/1000 ms/);
    const table = lines.slice(2);
    expect(table[0]).toMatch(/^strategy\s+mean calls\s+p50 calls\s+p95 calls\s+mean ms\s+p95 ms\s+successes\s+give-ups$/);
    expect(table.slice(2).map((l) => l.split(/\s+/)[0])).toEqual(['full', 'openai-sdk']);
    // Numbers are right-aligned, so every line ends in the same column.
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });

  it('runs a sweep', () => {
    const { code, out } = run(['--sweep', '10:20:10', '--runs', '2', '--strategies', 'full', '--json']);
    expect(code).toBe(0);
    const sweep = JSON.parse(out) as SweepResult;
    expect(sweep.points.map((p) => p.clients)).toEqual([10, 20]);
    expect(sweep.points[0]!.calls.full).toBeGreaterThanOrEqual(10);
    const table = run(['--sweep', '10:20:10', '--runs', '2', '--strategies', 'full']).out;
    expect(table).toMatch(/Mean calls\nclients\s+full/);
    expect(table).toMatch(/Mean completion \(ms\)/);
  });

  it('exits with 2 and a clear message on bad input', () => {
    const { code, out, err } = run(['--clients', 'many']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('sim: --clients must be a number, got "many"\nRun with --help for usage.\n');
  });

  it('prints usage with --help', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run sim -- \[options\]/);
    expect(out).toContain('--sweep FROM:TO:STEP');
  });

  it('runs the storm model, as JSON', () => {
    const { code, out, err } = run(['--model', 'storm', '--preset', 'independent', '--duration', '30', '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const r = JSON.parse(out) as StormRunResult;
    expect(r.options).toMatchObject({ failureRate: 0.5, attempts: 4, durationS: 30 });
    expect(r.amplification).toBeCloseTo(1.875, 1);
    expect(r.series.goodput).toHaveLength(30);
  });

  it('compares the cures side by side in a table', () => {
    const { code, out } = run(['--model', 'storm', '--preset', 'metastable', '--duration', '200', '--compare']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^storm model, 200 s at 1000 requests\/s, capacity 1400\/s, seed 1, .*dip to 0.2 × capacity at 60 s for 20 s$/);
    expect(lines[2]).toMatch(/^run\s+calls\/request\s+answered\s+before dip\s+after dip\s+recovered after\s+wasted\s+refused retries$/);
    const rows = lines.slice(4).map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual(['as given', 'gRPC budget', 'Brooker budget', 'retry breaker']);
    expect(rows[0]![4]).toBe('0.0%');
    expect(rows[0]![5]).toBe('never');
    for (const r of rows.slice(1)) expect(r[4]).toBe('100.0%');
    const json = JSON.parse(run(['--model', 'storm', '--duration', '5', '--compare', '--json']).out) as { runs: StormComparisonRow[] };
    expect(json.runs.map((r) => r.cure)).toEqual(['as-given', 'grpc', 'brooker', 'breaker']);
  });

  it('exits with 2 on bad storm input', () => {
    const { code, err } = run(['--model', 'storm', '--attempts', '20']);
    expect(code).toBe(2);
    expect(err).toBe('sim: attempts must be an integer from 1 to 10, got 20\nRun with --help for usage.\n');
    expect(run(['--help']).out).toContain('--model storm');
  });
});
