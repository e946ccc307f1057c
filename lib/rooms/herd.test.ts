import { describe, expect, it } from 'vitest';
import type { RoomPolicyId, Speed } from '@/lib/contract';
import type { ScriptId } from '@/lib/scenario/scripts';
import { herdStats } from './herd-stats';
import { Room } from './room';
import { instantPacer, turnUntil } from './test-utils';

/** One incident with only simulated students, on scripted real time; the run as the room view shows it. */
async function incident(o: { preset: RoomPolicyId; sims: number; script?: ScriptId; speed?: Speed; seed?: number; capacity?: boolean }) {
  const room = new Room('HERD22', 'token-token-token-token-token-token-token', { simulated: o.sims, speed: o.speed ?? 60, seed: o.seed ?? 42, capacity: { enabled: o.capacity ?? true } }, { pacer: instantPacer() });
  room.setPolicy({ preset: o.preset });
  room.startIncident(o.script ?? 'outage-then-recovery');
  await turnUntil(() => room.incident?.state === 'done');
  const run = room.view('instructor', 0).run;
  room.dispose();
  return run;
}

describe('the herd on the shared upstream', () => {
  it('with no jitter, 30 students started together stay in step and overflow the capacity; full jitter smooths them (same seed)', async () => {
    const none = await incident({ preset: 'no-jitter', sims: 30 });
    const full = await incident({ preset: 'full-jitter', sims: 30 });
    // From 5 s on: after the common start, which is the same herd for both.
    const a = herdStats(none.series, 5000);
    const b = herdStats(full.series, 5000);
    console.log(`no jitter:   peak ${a.peakPerS}/s, mean ${a.meanPerS}/s, peak/mean ${a.peakToMean}, cv ${a.cv}; calls ${none.totals.calls}, refused ${none.totals.refused}, ok ${none.totals.ok}`);
    console.log(`full jitter: peak ${b.peakPerS}/s, mean ${b.meanPerS}/s, peak/mean ${b.peakToMean}, cv ${b.cv}; calls ${full.totals.calls}, refused ${full.totals.refused}, ok ${full.totals.ok}`);
    expect(a.peakToMean).toBeGreaterThan(2 * b.peakToMean);
    expect(a.cv).toBeGreaterThan(2 * b.cv);
    // The spikes are refused by the capacity and their retries come back together: the outage gets worse.
    expect(none.totals.refused).toBeGreaterThan(10 * Math.max(1, full.totals.refused));
    expect(none.totals.ok / none.totals.calls).toBeLessThan(full.totals.ok / full.totals.calls - 0.2);
    expect(none.totals.retries).toBeGreaterThan(full.totals.retries);
  }, 120_000);

  it('replays the same herd from the same seed at ×1 and ×60, and another seed gives another one', async () => {
    const o = { preset: 'lesson' as const, sims: 8, script: 'rate-limit-storm' as const };
    const fast = await incident({ ...o, speed: 60 });
    const slow = await incident({ ...o, speed: 1 });
    expect(slow.series).toEqual(fast.series);
    expect(slow.totals).toEqual(fast.totals);
    expect(fast.totals.calls).toBeGreaterThan(200);
    const other = await incident({ ...o, speed: 60, seed: 7 });
    expect(other.series).not.toEqual(fast.series);
  }, 120_000);
});
