import type { VirtualClock } from '@/lib/resilience/virtual-clock';

/** Macrotask turns without progress that count as idle. */
const IDLE_TURNS = 20;
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Run `work` to completion on a virtual clock: let real I/O callbacks (MSW,
 * streams) run, and whenever nothing else can happen, jump to the next timer.
 * Tests read like a script and never sleep.
 * @param maxSteps guard against work that never settles. Default 100 000.
 */
export async function drive<T>(clock: VirtualClock, work: Promise<T>, maxSteps = 100_000): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  done.catch(() => {});
  for (let step = 0; !settled; step++) {
    if (step > maxSteps) throw new Error('drive: work did not settle');
    // Let in-flight I/O (MSW's getResponse, stream pumping) finish before time jumps:
    // jumping too early would fire an attempt's deadline while its answer is on the way.
    for (let i = 0; i < IDLE_TURNS && !settled; i++) await macrotask();
    if (!settled && clock.nextDue !== undefined) await clock.set(clock.nextDue);
  }
  return done;
}
