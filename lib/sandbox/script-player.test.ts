import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type ScriptStatus } from '@/lib/contract';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { SCRIPTS, type Script, type ScriptLoad } from '@/lib/scenario/scripts';
import { DEFAULT_SCENARIO, type SessionSettings } from './session';
import { ScriptPlayer, scriptRun, type ScriptHost } from './script-player';

/** A host that records what the player asked for, and when (sandbox ms). */
function fakeHost(clock: VirtualClock, chatMs = 0) {
  let settings: SessionSettings = { presetId: 'healthy', scenario: DEFAULT_SCENARIO, policy: DEFAULT_POLICY, speed: 1, mode: 'sandbox' };
  const log: string[] = [];
  const loads: { at: number; load: ScriptLoad }[] = [];
  const chats: { at: number; message: string }[] = [];
  const host: ScriptHost = {
    settings: () => settings,
    update: (next) => {
      settings = { ...settings, ...next };
      log.push(`${clock.now()} preset=${settings.presetId}`);
    },
    load: (load) => {
      loads.push({ at: clock.now(), load });
      log.push(`${clock.now()} load=${load.kind}`);
    },
    chat: (message) => {
      chats.push({ at: clock.now(), message });
      return new Promise<void>((resolve) => (chatMs > 0 ? clock.setTimeout(() => resolve(), chatMs) : resolve()));
    },
  };
  return { host, log, loads, chats, settings: () => settings };
}

function player(script: Script, clock: VirtualClock, chatMs = 0, lang: 'zh' | 'en' = 'zh') {
  const h = fakeHost(clock, chatMs);
  const statuses: ScriptStatus[] = [];
  const p = new ScriptPlayer({ script, lang, clock, host: h.host, onStatus: (s) => statuses.push(s) });
  return { p, statuses, ...h };
}

const outage = SCRIPTS['outage-then-recovery'];

describe('ScriptPlayer', () => {
  it('fires each step at its script time on the sandbox clock', async () => {
    const clock = new VirtualClock();
    const { p, log, statuses } = player(outage, clock);
    p.play();
    await clock.advance(100_000);
    expect(log).toEqual(['0 preset=healthy', '0 load=steady', '10000 preset=unavailable', '40000 preset=healthy', '80000 load=stop']);
    expect(statuses.at(-1)).toMatchObject({ id: 'outage-then-recovery', state: 'done', next: 4, total: 4, lengthMs: 80_000 });
    expect(statuses.at(-1)!.last).toMatchObject({ index: 3, at: 80_000 });
  });

  it('plays the same way every time, from whatever time the clock started at', async () => {
    const run = async (start: number) => {
      const clock = new VirtualClock(start);
      const { p, log } = player(outage, clock);
      p.play();
      await clock.advance(100_000);
      return log.map((line) => `${Number(line.split(' ')[0]) - start} ${line.split(' ')[1]}`);
    };
    expect(await run(0)).toEqual(await run(12_345));
  });

  it('pause holds the script and stops its load; resume restarts the steady load and keeps the remaining wait', async () => {
    const clock = new VirtualClock();
    const { p, log, loads, statuses } = player(outage, clock);
    p.play();
    await clock.advance(6_000);
    p.pause();
    expect(statuses.at(-1)).toMatchObject({ state: 'paused', atMs: 6_000, next: 1 });
    await clock.advance(50_000); // paused: the 10 s step must not fire
    expect(log).not.toContain('10000 preset=unavailable');
    p.resume();
    expect(loads.at(-1)).toEqual({ at: 56_000, load: { kind: 'steady', rps: 5 } });
    await clock.advance(3_999);
    expect(log.at(-1)).toBe('56000 load=steady');
    await clock.advance(1);
    expect(log.at(-1)).toBe('60000 preset=unavailable'); // 4 s of script time after the resume
    expect(loads.map((l) => l.load.kind)).toEqual(['steady', 'stop', 'steady']);
  });

  it('step fires the next step at once and stays paused; play continues from that step’s time', async () => {
    const clock = new VirtualClock();
    const { p, log, statuses } = player(outage, clock);
    p.play();
    await clock.advance(1_000);
    p.step();
    expect(log.at(-1)).toBe('1000 preset=unavailable');
    expect(statuses.at(-1)).toMatchObject({ state: 'paused', next: 2, atMs: 10_000 });
    p.step();
    expect(log.at(-1)).toBe('1000 preset=healthy');
    expect(statuses.at(-1)).toMatchObject({ next: 3, atMs: 40_000 });
    p.play();
    await clock.advance(39_999);
    expect(statuses.at(-1)!.state).toBe('playing');
    await clock.advance(1);
    expect(log.at(-1)).toBe('41000 load=stop');
    expect(statuses.at(-1)!.state).toBe('done');
    p.step(); // nothing left
    expect(statuses.at(-1)!.state).toBe('done');
  });

  it('the lesson’s demo asks its questions one after another, each after the previous answer, then is done', async () => {
    const clock = new VirtualClock();
    const { p, chats, statuses, settings } = player(SCRIPTS['lesson-demo'], clock, 500, 'en');
    p.play();
    expect(settings().policy.cache.enabled).toBe(true);
    expect(statuses.at(-1)!.state).toBe('playing');
    await clock.advance(10_000);
    expect(chats).toEqual([
      { at: 0, message: 'What is Python?' },
      { at: 500, message: 'What is Python?' },
      { at: 1000, message: 'What is Java?' },
      { at: 1500, message: 'What is Go?' },
    ]);
    expect(statuses.at(-1)).toMatchObject({ state: 'done', lang: 'en' });
  });

  it('stop ends the script and its load; dispose falls silent and cancels the next step', async () => {
    const clock = new VirtualClock();
    const a = player(outage, clock);
    a.p.play();
    a.p.stop();
    expect(a.statuses.at(-1)!.state).toBe('stopped');
    expect(a.loads.at(-1)!.load).toEqual({ kind: 'stop' });
    a.p.play();
    expect(a.statuses.at(-1)!.state).toBe('stopped');

    const b = player(outage, clock);
    b.p.play();
    const reported = b.statuses.length;
    b.p.dispose();
    await clock.advance(100_000);
    expect(b.log).toEqual([`${clock.now() - 100_000} preset=healthy`, `${clock.now() - 100_000} load=steady`]);
    expect(b.statuses).toHaveLength(reported);
    expect(clock.pending).toBe(0);
  });

  it('a host that throws (a refused load) does not stop the script', async () => {
    const clock = new VirtualClock();
    const h = fakeHost(clock);
    const statuses: ScriptStatus[] = [];
    const p = new ScriptPlayer({ script: outage, clock, host: { ...h.host, load: () => { throw new Error('busy'); } }, onStatus: (s) => statuses.push(s) });
    p.play();
    await clock.advance(100_000);
    expect(statuses.at(-1)!.state).toBe('done');
    expect(h.settings().presetId).toBe('healthy');
  });

  it('property: any interleaving of pause, resume and step fires every step exactly once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('pause', 'resume', 'step', 'wait'), fc.integer({ min: 0, max: 30_000 })), { maxLength: 20 }), async (ops) => {
        const clock = new VirtualClock();
        const { p, log, statuses } = player(outage, clock);
        p.play();
        for (const [op, ms] of ops) {
          if (op === 'wait') await clock.advance(ms);
          else p[op]();
        }
        p.resume();
        await clock.advance(200_000);
        const presets = log.filter((l) => l.includes('preset=')).map((l) => l.split(' ')[1]);
        expect(presets).toEqual(['preset=healthy', 'preset=unavailable', 'preset=healthy']);
        expect(statuses.at(-1)!.state).toBe('done');
        const indices = statuses.map((s) => s.last?.index ?? -1);
        expect(indices).toEqual([...indices].sort((x, y) => x - y));
      }),
      { numRuns: 60 },
    );
  });
});

describe('scriptRun', () => {
  it('starts a load of distinct messages in the script’s language unless the step asks for repeats', async () => {
    const clock = new VirtualClock();
    const sent: string[] = [];
    const deps = { clock, random: () => 0.5, onStatus: () => {}, chat: async (m: string) => void sent.push(m) };
    const run = scriptRun({ kind: 'burst', count: 3 }, 'en')(deps);
    await clock.runUntilIdle();
    for (let i = 0; i < 20 && run.running; i++) await new Promise((r) => setImmediate(r));
    expect(new Set(sent).size).toBe(3);
    expect(sent.every((m) => /^What is .+\? #\d+$/.test(m))).toBe(true);

    const repeated: string[] = [];
    const again = scriptRun({ kind: 'burst', count: 3, repeats: true }, 'zh')({ ...deps, chat: async (m: string) => void repeated.push(m) });
    for (let i = 0; i < 20 && again.running; i++) await new Promise((r) => setImmediate(r));
    expect(new Set(repeated).size).toBe(1);
  });
});
