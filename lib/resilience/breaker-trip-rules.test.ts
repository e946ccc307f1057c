import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ClosedRecord, consecutiveRule, failureRateRule, tripRuleFor } from './breaker-trip-rules';

const fill = (size: number, results: boolean[]) => {
  const r = new ClosedRecord(size);
  for (const ok of results) r.record(ok);
  return r;
};

describe('ClosedRecord', () => {
  it('keeps the failure run and the last `size` results', () => {
    const r = fill(3, [false, false, true, false, false]);
    expect(r.consecutiveFailures).toBe(2);
    expect(r.results()).toEqual([true, false, false]);
    expect([r.count, r.failures, r.size]).toEqual([3, 2, 3]);
    r.clear();
    expect([r.count, r.failures, r.consecutiveFailures]).toEqual([0, 0, 0]);
    expect(r.results()).toEqual([]);
  });

  it('property: matches a plain array model through records and resizes', () => {
    const op = fc.oneof(fc.boolean(), fc.integer({ min: 1, max: 8 }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 60 }), (size0, ops) => {
        const r = new ClosedRecord(size0);
        let model: boolean[] = [];
        let size = size0;
        let run = 0;
        for (const o of ops) {
          if (typeof o === 'boolean') {
            r.record(o);
            model = [...model, o].slice(-size);
            run = o ? 0 : run + 1;
          } else {
            r.resize(o);
            size = o;
            model = model.slice(-size);
          }
          expect(r.results()).toEqual(model);
          expect(r.failures).toBe(model.filter((x) => !x).length);
          expect(r.count).toBe(model.length);
          expect(r.consecutiveFailures).toBe(run);
        }
      }),
    );
  });
});

describe('trip rules', () => {
  it('consecutive: trips at the threshold, with the reason in both languages', () => {
    const rule = consecutiveRule(3);
    expect(rule.shouldTrip(fill(10, [false, false]))).toBeUndefined();
    expect(rule.shouldTrip(fill(10, [false, false, false]))).toEqual({
      code: 'failure-threshold',
      zh: '连续失败 3 次 ≥ 阈值 3',
      en: '3 consecutive failures ≥ threshold 3',
    });
    expect(rule.shouldTrip(fill(10, [false, false, true]))).toBeUndefined();
  });

  it('failure-rate: waits for minimumCalls, then compares the ratio', () => {
    const rule = failureRateRule(0.5, 4);
    expect(rule.shouldTrip(fill(10, [false, false, false]))).toBeUndefined();
    expect(rule.shouldTrip(fill(10, [false, true, true, true]))).toBeUndefined();
    expect(rule.shouldTrip(fill(10, [false, true, false, true]))).toEqual({
      code: 'failure-rate',
      zh: '最近 4 次调用失败 2 次（50%）≥ 50%',
      en: '2/4 recent calls failed (50%) ≥ 50%',
    });
  });

  it('tripRuleFor picks the rule of the mode', () => {
    const o = { failureThreshold: 2, failureRateThreshold: 1, minimumCalls: 1 };
    expect(tripRuleFor({ ...o, mode: 'consecutive' }).mode).toBe('consecutive');
    expect(tripRuleFor({ ...o, mode: 'failure-rate' }).shouldTrip(fill(5, [true, false]))).toBeUndefined();
    expect(tripRuleFor({ ...o, mode: 'consecutive' }).shouldTrip(fill(5, [true, false, false]))?.code).toBe('failure-threshold');
  });
});
