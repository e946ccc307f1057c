import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';
import { createNetworkDelay } from './normal';
import { simulateOcc } from './occ-model';
import { clientRandom, STREAM } from './seeds';
import { createStrategy, SIM_STRATEGY_IDS, type SimStrategy } from './strategies';

/**
 * Brooker's simulator transcribed literally: four events per attempt (read at the
 * server, version back at the client, write at the server, result back at the client),
 * one version number, completion = time of the last event. It draws from the same
 * per-client streams in the same per-client order, so it must agree exactly.
 */
function referenceOcc(clients: number, strategy: SimStrategy, seed: number) {
  const READ = 0, READ_REPLY = 1, WRITE = 2, WRITE_REPLY = 3;
  const net = Array.from({ length: clients }, (_, c) => createNetworkDelay(clientRandom(seed, c, STREAM.network)));
  const jitter = Array.from({ length: clients }, (_, c) => clientRandom(seed, c, STREAM.jitter));
  const seen = new Array<number>(clients).fill(0);
  const ok = new Array<boolean>(clients).fill(false);
  const attempt = new Array<number>(clients).fill(0);
  const prev = new Array<number>(clients).fill(strategy.initialPreviousDelayMs);
  const successes = new Array<number>(clients).fill(0);
  const histogram: number[] = [];
  const q = new EventQueue();
  for (let c = 0; c < clients; c++) q.push(0 + net[c]!(), c * 4 + READ);
  let version = 0;
  let calls = 0;
  let conflicts = 0;
  let tm = 0;
  while (q.size > 0) {
    const t = q.peekTime();
    const e = q.pop();
    if (t < tm) throw new Error('time went backwards');
    tm = t;
    const c = e >> 2;
    const d = net[c]!;
    switch (e & 3) {
      case READ:
        seen[c] = version;
        q.push(t + d(), c * 4 + READ_REPLY);
        break;
      case READ_REPLY:
        q.push(t + d(), c * 4 + WRITE);
        break;
      case WRITE: {
        calls++;
        const bin = Math.floor(t / 100);
        while (histogram.length <= bin) histogram.push(0);
        histogram[bin]!++;
        ok[c] = seen[c] === version;
        if (ok[c]) version++;
        else conflicts++;
        q.push(t + d(), c * 4 + WRITE_REPLY);
        break;
      }
      case WRITE_REPLY:
        if (ok[c]) {
          successes[c]!++;
        } else {
          attempt[c]!++;
          const wait = strategy.delay(attempt[c]!, prev[c]!, jitter[c]!);
          prev[c] = wait;
          q.push(t + d() + wait, c * 4 + READ);
        }
    }
  }
  return { result: { calls, conflicts, completionMs: tm, histogram }, successes };
}

describe('simulateOcc', () => {
  it('matches a literal four-event transcription of Brooker’s simulator exactly', () => {
    for (const id of SIM_STRATEGY_IDS) {
      const strategy = createStrategy(id);
      for (const seed of [1, 2, 99]) {
        const ref = referenceOcc(40, strategy, seed);
        expect(simulateOcc({ clients: 40, strategy, seed })).toEqual(ref.result);
        // Every client succeeded exactly once.
        expect(ref.successes.every((s) => s === 1)).toBe(true);
      }
    }
  });

  it('keeps its invariants: calls = clients + conflicts, histogram sums to calls', () => {
    for (const id of SIM_STRATEGY_IDS) {
      const r = simulateOcc({ clients: 60, strategy: createStrategy(id), seed: 5 });
      expect(r.calls).toBe(60 + r.conflicts);
      expect(r.histogram.reduce((a, b) => a + b, 0)).toBe(r.calls);
      // The last write reaches the server before its reply reaches the client.
      expect(r.histogram.length).toBeLessThanOrEqual(Math.floor(r.completionMs / 100) + 1);
      expect(r.histogram.at(-1)).toBeGreaterThan(0);
    }
  });

  it('one client: one call, done after its four messages', () => {
    const r = simulateOcc({ clients: 1, strategy: createStrategy('full'), seed: 3 });
    const d = createNetworkDelay(clientRandom(3, 0, STREAM.network));
    expect(r).toEqual({ calls: 1, conflicts: 0, completionMs: d() + d() + d() + d(), histogram: [1] });
  });

  it('honours a custom network and bin width', () => {
    // sd 0: every message takes exactly 10 ms; a lone client finishes at 40 ms.
    const r = simulateOcc({ clients: 1, strategy: createStrategy('none'), seed: 1, network: { meanMs: 10, sdMs: 0 }, binMs: 25 });
    expect(r.completionMs).toBe(40);
    expect(r.histogram).toEqual([0, 1]); // the write reaches the server at 30 ms
  });

  it('two clients with identical deterministic delays and no backoff: the second retries once', () => {
    // With sd 0 both writes arrive at 30 ms; the first queued wins, the other conflicts,
    // reads again at 30 + 10 + 10 = 50 ms and writes at 70 ms, reply at 80 ms.
    const r = simulateOcc({ clients: 2, strategy: createStrategy('none'), seed: 1, network: { meanMs: 10, sdMs: 0 } });
    expect(r).toMatchObject({ calls: 3, conflicts: 1, completionMs: 80 });
  });
});
