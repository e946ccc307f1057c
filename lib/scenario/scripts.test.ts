import { describe, expect, it } from 'vitest';
import { policyPatchSchema } from '@/lib/contract/policy';
import { layerScenarioSchema } from './scenario';
import { PRESET_IDS } from './presets';
import { getScript, isScriptId, meetsExpectedStats, SCRIPT_IDS, SCRIPT_LIST, SCRIPTS, scriptLengthMs } from './scripts';

describe('SCRIPTS', () => {
  it('has the five incidents of issue 12, each with bilingual text', () => {
    expect(SCRIPT_IDS).toEqual(['outage-then-recovery', 'rate-limit-storm', 'flapping-upstream', 'bad-key-deployed', 'lesson-demo']);
    for (const sc of SCRIPT_LIST) {
      expect(sc.name.zh).toMatch(/\p{Script=Han}/u);
      expect(sc.name.en).not.toMatch(/\p{Script=Han}/u);
      for (const st of sc.steps) {
        expect(st.caption.zh, `${sc.id}@${st.atMs}`).toMatch(/\p{Script=Han}/u);
        expect(st.caption.en, `${sc.id}@${st.atMs}`).not.toMatch(/\p{Script=Han}/u);
      }
    }
  });

  it('are valid data: ordered steps, known presets, valid rules and policy patches, bounded loads', () => {
    for (const sc of SCRIPT_LIST) {
      expect(sc.steps.length, sc.id).toBeGreaterThan(0);
      expect(sc.steps[0]!.atMs, sc.id).toBe(0);
      sc.steps.forEach((st, i) => {
        if (i > 0) expect(st.atMs, `${sc.id} step ${i}`).toBeGreaterThanOrEqual(sc.steps[i - 1]!.atMs);
        if (st.presetId !== undefined) expect(PRESET_IDS).toContain(st.presetId);
        for (const layer of [st.scenario?.primary, st.scenario?.local]) if (layer) expect(layerScenarioSchema.safeParse(layer).success).toBe(true);
        if (st.policy) expect(policyPatchSchema.safeParse(st.policy).success, `${sc.id} step ${i}`).toBe(true);
        if (st.load?.kind === 'steady') expect(st.load.rps).toBeLessThanOrEqual(50);
      });
    }
  });

  it('start from a known fault state and stop their own load', () => {
    for (const sc of SCRIPT_LIST) {
      const first = sc.steps[0]!;
      expect(first.presetId ?? first.scenario, sc.id).toBeDefined();
      const loads = sc.steps.filter((st) => st.load);
      if (loads.some((st) => st.load!.kind === 'steady')) expect(loads.at(-1)!.load!.kind, sc.id).toBe('stop');
    }
  });

  it('outage-then-recovery has the preset’s outage window: 503 from 10 s to 40 s, under a load of distinct messages', () => {
    const steps = SCRIPTS['outage-then-recovery'].steps;
    expect(steps.map((st) => [st.atMs, st.presetId])).toContainEqual([10_000, 'unavailable']);
    expect(steps.map((st) => [st.atMs, st.presetId])).toContainEqual([40_000, 'healthy']);
    expect(steps[0]!.load).toEqual({ kind: 'steady', rps: 5 });
    expect(scriptLengthMs(SCRIPTS['outage-then-recovery'])).toBe(80_000);
  });

  it('the lesson’s demo asks its four test_cases with the cache on and promises its stats', () => {
    const demo = SCRIPTS['lesson-demo'];
    expect(demo.steps[0]!.ask?.map((t) => t.zh)).toEqual(['什么是Python？', '什么是Python？', '什么是Java？', '什么是Go？']);
    expect(demo.steps[0]!.ask?.map((t) => t.en)).toEqual(['What is Python?', 'What is Python?', 'What is Java?', 'What is Go?']);
    expect(demo.steps[0]!.policy).toEqual({ cache: { enabled: true } });
    const lessonStats = { total_requests: 4, successful_requests: 3, failed_requests: 0, cache_hits: 1, circuit_breaker_trips: 0, success_rate: 0.75, cache_hit_rate: 0.25 };
    expect(meetsExpectedStats(demo, lessonStats)).toBe(true);
    expect(meetsExpectedStats(demo, { ...lessonStats, cache_hits: 0, cache_hit_rate: 0 })).toBe(false);
    expect(meetsExpectedStats(SCRIPTS['rate-limit-storm'], { ...lessonStats, total_requests: 99 })).toBe(true);
  });

  it('looks scripts up by id and refuses others', () => {
    expect(getScript('flapping-upstream')?.name.en).toBe('Flapping upstream');
    expect(getScript('nope')).toBeUndefined();
    expect(getScript('constructor')).toBeUndefined();
    expect(isScriptId('lesson-demo')).toBe(true);
    expect(isScriptId(42)).toBe(false);
  });
});
