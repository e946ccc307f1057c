import { describe, expect, it } from 'vitest';
import { faultRuleSchema, type FaultRule } from '@/lib/scenario/scenario';
import { NEW_RULE, withFault } from './fault-rule-editor';

describe('withFault', () => {
  it('drops the old fault’s own numbers, so a 10-minute hold does not become a 10-minute slow', () => {
    const hold: FaultRule = { fault: 'keep-alive-hold', mode: { kind: 'always' }, latencyMs: 600_000, shouldRetry: true };
    expect(withFault(hold, 'slow')).toEqual({ fault: 'slow', mode: { kind: 'always' }, shouldRetry: true });
    const window: FaultRule = { fault: 'rate-limit-window', mode: { kind: 'first-n', n: 3 }, rpm: 5, tpm: 1000 };
    expect(withFault(window, 'server-500')).toEqual({ fault: 'server-500', mode: { kind: 'first-n', n: 3 } });
  });

  it('keeps the rule as it is when the fault does not change, and always gives a valid rule', () => {
    const slow: FaultRule = { fault: 'slow', mode: { kind: 'always' }, latencyMs: 2500 };
    expect(withFault(slow, 'slow')).toBe(slow);
    expect(faultRuleSchema.safeParse(withFault({ ...NEW_RULE, rpm: 7 }, 'rate-limit-window')).success).toBe(true);
  });
});
