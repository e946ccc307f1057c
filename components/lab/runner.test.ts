import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInlineStepRunner, createWorkerRunner } from './runner';
import type { StepDriver } from './steps';

type Req = { seq: number; steps: number };
type Msg = { seq: number; kind: 'step'; n: number };

/** A lab whose request `{ seq, steps }` posts `steps` messages, one per tick. */
async function drive(request: Req, driver: StepDriver<Msg>): Promise<void> {
  for (let n = 0; n < request.steps && driver.isCurrent(request.seq); n++) {
    driver.post({ seq: request.seq, kind: 'step', n });
    await driver.tick();
  }
}

/** A task queue standing in for the event loop, drained with promise callbacks settling in between. */
function taskQueue() {
  const tasks: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => void tasks.push(fn),
    drain: async () => {
      for (let i = 0; i < 100 && tasks.length > 0; i++) {
        tasks.shift()!();
        await Promise.resolve();
        await Promise.resolve();
      }
    },
  };
}

/** Just enough of a Worker to watch what the runner does with it. */
class FakeWorker {
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<Msg>) => void) | null = null;
  onerror: ((event: { preventDefault: () => void }) => void) | null = null;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createInlineStepRunner', () => {
  it('answers only the newest request, each step in its own task', async () => {
    const q = taskQueue();
    const got: Msg[] = [];
    const runner = createInlineStepRunner(drive, (m: Msg) => got.push(m), q.schedule);
    runner.post({ seq: 1, steps: 3 });
    runner.post({ seq: 2, steps: 2 });
    await q.drain();
    expect(got.map((m) => `${m.seq}:${m.n}`)).toEqual(['2:0', '2:1']);
    expect(runner.engine).toBe('main');
  });

  it('lets a newer request cut an older one short between its steps', async () => {
    const q = taskQueue();
    const got: Msg[] = [];
    const runner = createInlineStepRunner(drive, (m: Msg) => got.push(m), q.schedule);
    runner.post({ seq: 1, steps: 5 });
    q.schedule(() => runner.post({ seq: 2, steps: 1 })); // the user moves the slider while seq 1 runs
    await q.drain();
    expect(got.map((m) => `${m.seq}:${m.n}`)).toEqual(['1:0', '2:0']);
  });

  it('posts nothing after dispose', async () => {
    const q = taskQueue();
    const got: Msg[] = [];
    const runner = createInlineStepRunner(drive, (m: Msg) => got.push(m), q.schedule);
    runner.post({ seq: 1, steps: 3 });
    runner.dispose();
    await q.drain();
    expect(got).toEqual([]);
  });
});

describe('createWorkerRunner', () => {
  it('runs on the main thread when there is no Worker', () => {
    vi.stubGlobal('Worker', undefined);
    const createWorker = vi.fn(() => new FakeWorker() as unknown as Worker);
    const runner = createWorkerRunner({ createWorker, drive, onMessage: () => {} });
    expect(runner.engine).toBe('main');
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('runs on the main thread when the worker refuses to start', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const runner = createWorkerRunner({
      createWorker: () => {
        throw new Error('SecurityError');
      },
      drive,
      onMessage: () => {},
    });
    expect(runner.engine).toBe('main');
  });

  it('posts requests to the worker and hands its messages on; dispose terminates it', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const worker = new FakeWorker();
    const got: Msg[] = [];
    const runner = createWorkerRunner({ createWorker: () => worker as unknown as Worker, drive, onMessage: (m: Msg) => got.push(m) });
    expect(runner.engine).toBe('worker');
    runner.post({ seq: 1, steps: 1 });
    expect(worker.posted).toEqual([{ seq: 1, steps: 1 }]);
    worker.onmessage?.({ data: { seq: 1, kind: 'step', n: 0 } } as MessageEvent<Msg>);
    expect(got).toEqual([{ seq: 1, kind: 'step', n: 0 }]);
    runner.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('falls back to the main thread when the worker breaks, re-running the last request there', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const q = taskQueue();
    const worker = new FakeWorker();
    const got: Msg[] = [];
    const runner = createWorkerRunner({ createWorker: () => worker as unknown as Worker, drive, onMessage: (m: Msg) => got.push(m), schedule: q.schedule });
    runner.post({ seq: 3, steps: 2 });
    const preventDefault = vi.fn();
    worker.onerror?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled(); // no uncaught error in the console
    expect(worker.terminated).toBe(true);
    expect(runner.engine).toBe('main');
    await q.drain();
    expect(got.map((m) => `${m.seq}:${m.n}`)).toEqual(['3:0', '3:1']);
    runner.post({ seq: 4, steps: 1 });
    await q.drain();
    expect(got.at(-1)).toEqual({ seq: 4, kind: 'step', n: 0 });
    expect(worker.posted).toHaveLength(1); // later requests never go to the broken worker
  });
});
