import { describe, expect, it, vi } from 'vitest';
import { raceAbort, whenAborted } from './abort';

describe('raceAbort', () => {
  it('settles with the work and then takes its listener off the signal', async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await expect(raceAbort(Promise.resolve('done'), controller.signal)).resolves.toBe('done');
    await expect(raceAbort(Promise.reject(new Error('boom')), controller.signal)).rejects.toThrow('boom');
    expect(add).toHaveBeenCalledTimes(2);
    // The same listeners came off: none is left to keep a finished call alive.
    expect(remove.mock.calls.map((c) => c[1])).toEqual(add.mock.calls.map((c) => c[1]));
  });

  it("rejects with the signal's reason when it aborts first", async () => {
    const controller = new AbortController();
    const raced = raceAbort(new Promise<never>(() => {}), controller.signal);
    controller.abort(new Error('cancelled by the student'));
    await expect(raced).rejects.toThrow('cancelled by the student');
  });

  it('rejects at once on a signal that is already aborted, as fetch does', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(raceAbort(Promise.resolve('late'), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('whenAborted', () => {
  it('never resolves, and rejects with an AbortError when the signal aborts without a reason that is an Error', async () => {
    const controller = new AbortController();
    const waiting = whenAborted(controller.signal);
    controller.abort('just a string');
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
