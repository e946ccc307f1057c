import type { ExperimentResult } from './run';
import type { StormComparisonRow } from './storm-compare';
import type { StormRunResult } from './storm-model';
import type { SweepResult } from './sweep';

/** Render rows as aligned columns: text left-aligned, numbers right-aligned. */
export function alignColumns(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Whole numbers as is and from 100 up; one decimal below: enough to compare strategies at a glance. */
const fmt = (n: number) => (Number.isInteger(n) || Math.abs(n) >= 100 ? Math.round(n).toString() : n.toFixed(1));

/** A readable summary of one experiment, one row per strategy. */
export function formatExperimentTable(result: ExperimentResult): string {
  const o = result.options;
  const api = o.model === 'api';
  const title =
    `${o.model} model, ${o.clients} clients × ${o.runs} runs, seed ${o.seed}, base ${o.baseMs} ms, cap ${o.capMs} ms` +
    (api
      ? `, capacity ${o.capacity}/${o.windowMs} ms, max retries ${o.maxRetries}` +
        (o.honorRetryAfter ? ', honours Retry-After' : '') +
        (o.budget ? `, budget ${o.budget.maxTokens}:${o.budget.tokenRatio}` : '')
      : '');
  const header = ['strategy', 'mean calls', 'p50 calls', 'p95 calls', 'mean ms', 'p95 ms', ...(api ? ['successes', 'give-ups'] : [])];
  const rows = result.strategies.map((s) => [
    s.id,
    s.calls.mean,
    s.calls.p50,
    s.calls.p95,
    s.completionMs.mean,
    s.completionMs.p95,
    ...(api ? [s.successes?.mean ?? 0, s.giveUps?.mean ?? 0] : []),
  ]);
  return `${title}\n\n${alignColumns(header, rows)}`;
}

/** A sweep as two tables (mean calls, mean completion ms): one row per herd size, one column per strategy. */
export function formatSweepTable(result: SweepResult): string {
  const o = result.options;
  const ids = result.strategies.map((s) => s.id);
  const table = (pick: 'calls' | 'completionMs') =>
    alignColumns(
      ['clients', ...ids],
      result.points.map((p) => [p.clients, ...ids.map((id) => p[pick][id] ?? 0)]),
    );
  return [
    `${o.model} model sweep, ${o.runs} runs per point, seed ${o.seed}, base ${o.baseMs} ms, cap ${o.capMs} ms`,
    '',
    'Mean calls',
    table('calls'),
    '',
    'Mean completion (ms)',
    table('completionMs'),
  ].join('\n');
}

/** The title line of a storm run: its settings, in the CLI's own terms. */
export function stormTitle(r: StormRunResult): string {
  const o = r.options;
  const parts = [
    `storm model, ${o.durationS} s at ${o.rate} requests/s, capacity ${o.capacity}/s, seed ${o.seed}`,
    `fail ${o.failureRate}, timeout ${o.timeoutMs} ms, ${o.attempts} attempts × ${o.layers} layer${o.layers === 1 ? '' : 's'} (≤ ${r.maxCallsPerRequest} calls)`,
    `backoff ${o.backoff.id}${o.backoff.id === 'none' ? '' : ` ${o.backoff.baseMs}–${o.backoff.capMs} ms`}`,
    `budget ${o.budget.kind}${o.budget.kind === 'none' ? '' : ` ${o.budget.maxTokens}:${o.budget.tokenRatio}`}`,
    `breaker ${o.breaker ? `≥ ${o.breaker.threshold} over ${o.breaker.windowMs} ms` : 'off'}`,
    o.trigger ? `dip to ${o.trigger.capacityFactor} × capacity at ${o.trigger.atS} s for ${o.trigger.durationS} s` : 'no dip',
  ];
  return parts.join(', ');
}

const pct = (x: number | undefined) => (x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);

/** One row per storm run: calls per request, answered before and after the dip, recovery, wasted work. */
function stormRows(rows: { name: string; result: StormRunResult }[]): string {
  const header = ['run', 'calls/request', 'answered', 'before dip', 'after dip', 'recovered after', 'wasted', 'refused retries'];
  const table = rows.map(({ name, result: r }) => {
    const s = r.summary;
    return [
      name,
      `×${r.amplification.toFixed(3)}`,
      pct(s.whole.answered),
      pct(s.beforeDip?.answered),
      pct(s.afterDip?.answered),
      s.afterDip === null ? '–' : s.recoveredAfterS === null ? 'never' : `${s.recoveredAfterS} s`,
      r.totals.wasted,
      r.totals.refusedRetries,
    ];
  });
  return alignColumns(header, table);
}

/** A readable summary of one storm run. */
export function formatStormTable(r: StormRunResult): string {
  return `${stormTitle(r)}\n\n${stormRows([{ name: 'as given', result: r }])}`;
}

/** A storm run beside the same run under each cure (`--compare`). */
export function formatStormComparison(rows: readonly StormComparisonRow[]): string {
  const names = { 'as-given': 'as given', grpc: 'gRPC budget', brooker: 'Brooker budget', breaker: 'retry breaker' } as const;
  const first = rows[0];
  if (!first) return '';
  return `${stormTitle(first.result)}\n\n${stormRows(rows.map((row) => ({ name: names[row.cure], result: row.result })))}`;
}
