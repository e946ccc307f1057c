import { describe, expect, it } from 'vitest';
import { compareStormCures } from './storm-compare';
import { simulateStorm } from './storm-model';
import { STORM_PRESETS } from './storm-presets';

describe('compareStormCures', () => {
  it('runs the options as given, then with each cure instead of the given one', () => {
    const rows = compareStormCures({ ...STORM_PRESETS.metastable, durationS: 200 });
    expect(rows.map((r) => r.cure)).toEqual(['as-given', 'grpc', 'brooker', 'breaker']);
    expect(rows[0]!.result).toEqual(simulateStorm({ ...STORM_PRESETS.metastable, durationS: 200 }));
    expect(rows[1]!.result.options.budget.kind).toBe('grpc');
    expect(rows[1]!.result.options.breaker).toBeNull();
    expect(rows[3]!.result.options.budget.kind).toBe('none');
    expect(rows[3]!.result.options.breaker).not.toBeNull();
    expect(rows[0]!.result.summary.afterDip!.answered).toBeLessThan(0.05);
    for (const row of rows.slice(1)) expect(row.result.summary.afterDip!.answered).toBeGreaterThan(0.95);
  });

  it('keeps a given budget’s size for both budget variants', () => {
    const rows = compareStormCures({ durationS: 5, budget: { kind: 'grpc', maxTokens: 4, tokenRatio: 0.5 } });
    expect(rows[2]!.result.options.budget).toEqual({ kind: 'brooker', maxTokens: 4, tokenRatio: 0.5 });
  });
});
