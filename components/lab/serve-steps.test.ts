import { describe, expect, it } from 'vitest';
import { serveSteps } from './serve-steps';
import type { StepDriver } from './steps';

type Req = { seq: number; steps: number };
type Msg = { seq: number; n: number };

async function drive(request: Req, driver: StepDriver<Msg>): Promise<void> {
  for (let n = 0; n < request.steps && driver.isCurrent(request.seq); n++) {
    driver.post({ seq: request.seq, n });
    await driver.tick();
  }
}

describe('serveSteps', () => {
  it('answers posted requests and stops an older one when a newer arrives', async () => {
    const tasks: (() => void)[] = [];
    const out: Msg[] = [];
    const scope = { onmessage: null as ((event: MessageEvent<Req>) => void) | null, postMessage: (m: Msg) => void out.push(m) };
    serveSteps(drive, scope, (fn) => void tasks.push(fn));
    scope.onmessage!({ data: { seq: 1, steps: 3 } } as MessageEvent<Req>);
    expect(out).toEqual([{ seq: 1, n: 0 }]); // the first step runs at once
    scope.onmessage!({ data: { seq: 2, steps: 2 } } as MessageEvent<Req>);
    // The event loop: the newer request arrived while seq 1 waited on its tick; now run the ticks.
    for (let i = 0; i < 20 && tasks.length > 0; i++) {
      tasks.shift()!();
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(out).toEqual([
      { seq: 1, n: 0 },
      { seq: 2, n: 0 },
      { seq: 2, n: 1 },
    ]);
  });
});
