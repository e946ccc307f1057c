import { Pacer } from '@/lib/resilience/pacer';

/**
 * A pacer on the real event loop (real turns, so MSW and the SDK run as in
 * production) but on scripted real time: when it would sleep, time jumps
 * (as in lib/sandbox/session.test.ts). A room's 80 s incident then takes as
 * many turns as it needs and no wall-clock time. `advance(ms)` moves real
 * time by hand, for idle stretches with no timer due.
 */
export function instantPacer(): Pacer & { advance(ms: number): void } {
  let now = 0;
  const pacer = new Pacer({
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
  return Object.assign(pacer, { advance: (ms: number) => void (now += ms) });
}

/** Let the event loop turn until `done()` (at most `maxTurns` turns); throws when it never is. */
export async function turnUntil(done: () => boolean, maxTurns = 2_000_000): Promise<void> {
  for (let i = 0; i < maxTurns; i++) {
    if (done()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('turnUntil: condition never met');
}
