import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, applyPolicyPatch, type SandboxEvent } from '@/lib/contract';
import { Pacer } from '@/lib/resilience/pacer';
import { getPreset } from '@/lib/scenario/presets';
import { SandboxSession } from './session';

/**
 * A pacer on the real event loop (real turns, so MSW and the SDK run as in
 * production) but on scripted real time: when it would sleep, time jumps.
 * A 60 s run then takes as many turns as it needs and no wall-clock time.
 */
function instantPacer() {
  let now = 0;
  return new Pacer({
    real: { now: () => now },
    sleep: (fn, ms) => {
      let live = true;
      setImmediate(() => {
        if (!live) return;
        now += ms;
        fn();
      });
      return () => void (live = false);
    },
  });
}

async function outageRun(speed: 1 | 10 | 60) {
  const session = new SandboxSession('s', 't', {}, { pacer: instantPacer() });
  const preset = getPreset('outage-then-recovery')!;
  session.update({ presetId: preset.id, scenario: { ...preset.scenario, seed: 7 }, policy: applyPolicyPatch(DEFAULT_POLICY, { cache: { enabled: false } }), speed });
  const events: SandboxEvent[] = [];
  session.onEvent((e) => events.push(e));
  session.startSteady(2, 60_000);
  for (let i = 0; i < 200_000 && session.view().run?.state === 'running'; i++) await new Promise((r) => setImmediate(r));
  session.dispose();
  return {
    transitions: events.flatMap((e) => (e.type === 'breaker' ? [`${e.transition.from}→${e.transition.to}@${e.transition.at}`] : [])),
    requests: events.flatMap((e) => (e.type === 'request' ? [`${e.request.id}:${e.request.source}@${e.request.startedAt}-${e.request.endedAt}`] : [])),
    retries: events.flatMap((e) => (e.type === 'retry' ? [`${e.retry.requestId}:${e.retry.delayMs.toFixed(3)}@${e.retry.at}`] : [])),
  };
}

describe('SandboxSession on the pacer', () => {
  it('plays outage-then-recovery with a steady load identically at ×1, ×10 and ×60: CLOSED → OPEN → HALF_OPEN → CLOSED', async () => {
    const at10 = await outageRun(10);
    expect(at10.transitions.map((t) => t.split('@')[0])).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
    // Opens a few seconds into the outage (10 s–40 s): three failed requests, each after its retries.
    const openedAt = Number(at10.transitions[0]!.split('@')[1]);
    expect(openedAt).toBeGreaterThan(10_000);
    expect(openedAt).toBeLessThan(20_000);
    expect(at10.requests).toHaveLength(120); // 2 requests/s for 60 s
    expect(at10.retries.length).toBeGreaterThan(0);
    const at60 = await outageRun(60);
    expect(at60).toEqual(at10);
    expect(await outageRun(1)).toEqual(at10);
  }, 60_000);
});

describe('layered retries in the live sandbox', () => {
  it('the SDK’s 2 retries under the service’s 3 attempts make 9 upstream calls, each in the waterfall', async () => {
    const session = new SandboxSession('s', 't', {}, { pacer: instantPacer() });
    session.update({
      presetId: 'unavailable',
      scenario: { ...getPreset('unavailable')!.scenario, seed: 3 },
      policy: applyPolicyPatch(DEFAULT_POLICY, { retry: { maxRetries: 2, sdkMaxRetries: 2 }, breaker: { enabled: false } }),
    });
    const record = await session.chat('什么是Go？');
    expect(record.attempts).toBe(3);
    expect(record.upstreamCalls).toBe(9);
    expect(session.primaryCalls).toBe(9);
    const hidden = record.trace.filter((s) => s.type === 'sdk-call' && s.n > 0);
    expect(hidden).toHaveLength(6);
    expect(record.source).toBe('local');
    expect(session.view().stats.amplification).toBe(3);
    // Off again: one call per attempt.
    session.update({ policy: applyPolicyPatch(DEFAULT_POLICY, { retry: { maxRetries: 2, sdkMaxRetries: 0 }, breaker: { enabled: false } }) });
    expect((await session.chat('什么是Java？')).upstreamCalls).toBe(3);
    session.dispose();
  }, 30_000);
});
