import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacedClock } from './paced-clock';
import { Pacer, type PacedWork } from './pacer';

/**
 * A scripted event loop: real time is a number, a "turn" is a queued callback,
 * and work costs real time only when a test says so (a CPU cost per timer).
 * Nothing here sleeps or reads the wall clock.
 */
function fakeLoop() {
  let now = 0;
  const turns: Array<() => void> = [];
  /** Work that runs right after the current turn, before the next: what microtasks are in Node. */
  const microtasks: Array<() => void> = [];
  const drain = () => {
    while (microtasks.length) microtasks.shift()!();
  };
  const sleeps: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const real = { now: () => now };
  /** The longest a turn held the loop (its callback plus the microtasks after it), in real ms. */
  let longestTurn = 0;
  return {
    real,
    turn: (fn: () => void) => void turns.push(fn),
    sleep: (fn: () => void, ms: number) => {
      const s = { at: now + ms, fn, live: true };
      sleeps.push(s);
      return () => void (s.live = false);
    },
    spend: (ms: number) => void (now += ms),
    microtask: (fn: () => void) => void microtasks.push(fn),
    get now() {
      return now;
    },
    /** Read and reset the longest turn since the last reading. */
    longestTurn() {
      const t = longestTurn;
      longestTurn = 0;
      return t;
    },
    /** Run turns and sleeps until real time `until`. */
    runUntil(until: number, maxTurns = 1_000_000) {
      for (let i = 0; i < maxTurns; i++) {
        if (now >= until) return;
        const next = turns.shift();
        if (next) {
          const start = now;
          next();
          drain();
          longestTurn = Math.max(longestTurn, now - start);
          continue;
        }
        const live = sleeps.filter((s) => s.live).sort((a, b) => a.at - b.at);
        const s = live[0];
        if (!s || s.at > until) {
          now = Math.max(now, until);
          return;
        }
        sleeps.splice(sleeps.indexOf(s), 1);
        now = Math.max(now, s.at);
        s.fn();
        drain();
      }
      throw new Error('runaway loop');
    },
  };
}

const idle: PacedWork = { busy: () => false, interactive: () => false };

/** A steady load on `clock`: a tick every `everyMs` of sandbox time, each costing `costMs` of real time. */
function ticker(clock: PacedClock, everyMs: number, onTick: (t: number) => void) {
  const tick = () => {
    onTick(clock.now());
    clock.setTimeout(tick, everyMs);
  };
  clock.setTimeout(tick, everyMs);
}

describe('Pacer', () => {
  it('fires a clock’s timers at their due times, at most at the asked-for pace', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    const clock = new PacedClock({ speed: 10, real: loop.real });
    pacer.add(clock, idle);
    const fired: Array<[number, number]> = [];
    ticker(clock, 1000, (t) => fired.push([t, loop.now]));
    loop.runUntil(1001);
    // 1 s of real time at ×10 is 10 s of sandbox time: ten ticks, each at its due time, none early.
    expect(fired.map(([t]) => t)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
    for (const [t, real] of fired) expect(real).toBeGreaterThanOrEqual(t / 10 - 1);
    expect(pacer.achievedSpeed(clock)).toBeCloseTo(10, 0);
  });

  it('replays the same timeline at ×1, ×10 and ×60 (property: any chain of delays)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 30 }), (delays) => {
        const timeline = (speed: number) => {
          const loop = fakeLoop();
          const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
          const clock = new PacedClock({ speed, real: loop.real });
          pacer.add(clock, idle);
          const seen: number[] = [];
          let i = 0;
          const next = () => {
            seen.push(clock.now());
            if (i < delays.length) clock.setTimeout(next, delays[i++]!);
          };
          clock.setTimeout(next, 0);
          loop.runUntil(200_000);
          return seen;
        };
        const at1 = timeline(1);
        expect(timeline(10)).toEqual(at1);
        expect(timeline(60)).toEqual(at1);
      }),
      { numRuns: 30 },
    );
  });

  it('waits for a busy clock to be quiet before its next timer: work set off by a timer finishes first', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, quietTurns: 4 });
    const clock = new PacedClock({ speed: 1000, real: loop.real });
    let inFlight = 0;
    pacer.add(clock, { busy: () => inFlight > 0, interactive: () => false });
    const log: string[] = [];
    // A timer starts "I/O" that takes three turns to come back, then schedules the next step.
    clock.setTimeout(() => {
      inFlight++;
      log.push(`start@${clock.now()}`);
      let hops = 3;
      const hop = () => {
        if (--hops > 0) return loop.turn(hop);
        inFlight--;
        clock.touch();
        log.push(`done@${clock.now()}`);
      };
      loop.turn(hop);
    }, 10);
    clock.setTimeout(() => log.push(`next@${clock.now()}`), 20);
    loop.runUntil(100);
    expect(log).toEqual(['start@10', 'done@10', 'next@20']);
  });

  it('under saturation slows heavy clocks alike, and keeps serving a light one at its pace', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, turnBudgetMs: 8 });
    // Twelve heavy clocks at 1 ms a tick overrun the 8 ms budget of every turn: who goes first matters.
    const heavy = Array.from({ length: 12 }, () => new PacedClock({ speed: 60, real: loop.real }));
    const light = new PacedClock({ speed: 1, real: loop.real });
    const counts = new Map<PacedClock, number>();
    for (const clock of [...heavy, light]) {
      pacer.add(clock, idle);
      counts.set(clock, 0);
      // Heavy: a tick every 10 sandbox ms at ×60 asks for 6,000 ticks per real second, at 1 ms of CPU each.
      ticker(clock, clock === light ? 1000 : 10, () => {
        counts.set(clock, counts.get(clock)! + 1);
        loop.spend(1);
      });
    }
    loop.runUntil(10_000);
    const speeds = heavy.map((c) => pacer.achievedSpeed(c));
    // Capacity is ~1,000 ticks per real second, shared twelve ways: ~×0.8 each instead of ×60.
    for (const s of speeds) {
      expect(s).toBeGreaterThan(0.5);
      expect(s).toBeLessThan(1.2);
    }
    expect(Math.max(...speeds) / Math.min(...speeds)).toBeLessThan(1.15);
    // The light clock (one tick a second at ×1) is never starved.
    expect(counts.get(light)).toBeGreaterThanOrEqual(9);
    expect(pacer.achievedSpeed(light)).toBeGreaterThan(0.9);
  });

  it('reads a saturated clock’s speed steadily, even while its lost time is being forgotten', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, turnBudgetMs: 8 });
    // Four clocks at ×60 asking for far more ticks than the process has: each lags by more
    // than maxLag (1 s) within a second, so the lag is forgotten over and over.
    const heavy = Array.from({ length: 4 }, () => new PacedClock({ speed: 60, real: loop.real }));
    for (const clock of heavy) {
      pacer.add(clock, idle);
      ticker(clock, 500, () => loop.spend(50));
    }
    loop.runUntil(3_000);
    const readings: number[] = [];
    const from = heavy[0]!.now();
    for (let t = 3_100; t <= 9_000; t += 100) {
      loop.runUntil(t);
      readings.push(pacer.achievedSpeed(heavy[0]!));
    }
    const truth = (heavy[0]!.now() - from) / 6_000;
    expect(truth).toBeGreaterThan(1);
    for (const r of readings) {
      expect(r).toBeGreaterThan(truth * 0.7);
      expect(r).toBeLessThan(truth * 1.3);
    }
  });

  it('serves an interactive clock first: its due timer fires on the next turn, however busy the rest is', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, turnBudgetMs: 8 });
    for (let i = 0; i < 40; i++) {
      const bg = new PacedClock({ speed: 60, real: loop.real });
      pacer.add(bg, idle);
      ticker(bg, 5, () => loop.spend(1));
    }
    const student = new PacedClock({ speed: 1, real: loop.real });
    let waiting = false;
    pacer.add(student, { busy: () => waiting, interactive: () => waiting });
    loop.runUntil(2_000); // saturated for 2 s
    const delays: number[] = [];
    for (let k = 0; k < 10; k++) {
      pacer.catchUp(student); // as a session does when a request arrives
      waiting = true;
      const askedAt = loop.now;
      student.setTimeout(() => {
        delays.push(loop.now - askedAt);
        waiting = false;
      }, 100); // e.g. a 100 ms backoff before a retry
      loop.runUntil(loop.now + 1_000);
    }
    // Due after 100 real ms at ×1; fired within one turn's background budget (+ a tick's cost) of that.
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThan(100 + 8 + 2 + 4);
    }
  });

  it('bounds every turn, clicks included: forty students chatting at once never hold the event loop for all their steps', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, turnBudgetMs: 8 });
    // Forty sessions, each always with a chat in flight (interactive), whose every step then costs 5 ms in microtasks.
    for (let i = 0; i < 40; i++) {
      const clock = new PacedClock({ speed: 1, real: loop.real });
      pacer.add(clock, { busy: () => true, interactive: () => true });
      ticker(clock, 5, () => loop.microtask(() => loop.spend(5)));
    }
    loop.runUntil(1_000);
    loop.longestTurn();
    loop.runUntil(3_000);
    // Any other request (a GET /api/session) waits at most one turn: its first step, plus
    // steps within the 8 ms budget at their measured cost.
    expect(loop.longestTurn()).toBeLessThanOrEqual(8 + 5 + 5);
  });

  it('spreads a burst of due timers over turns when the process is not saturated, instead of one long turn', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, turnBudgetMs: 8 });
    // Forty sessions whose timers fall due together (each chat's 200 ms upstream latency, say),
    // each costing 2 ms in microtasks: 40% of the CPU, but all at once.
    for (let i = 0; i < 40; i++) {
      const clock = new PacedClock({ speed: 1, real: loop.real });
      pacer.add(clock, idle);
      ticker(clock, 200, () => loop.microtask(() => loop.spend(2)));
    }
    loop.runUntil(5_000);
    // At most 8 steps before a cost is measured (1 ms assumed), then within the budget at 2 ms each.
    expect(loop.longestTurn()).toBeLessThanOrEqual(8 * 2);
    loop.runUntil(10_000);
    expect(loop.longestTurn()).toBeLessThanOrEqual(8 + 2);
  });

  it('counts the work a timer sets off after its turn (microtasks) against the budget, so a click still gets through', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, turnBudgetMs: 8 });
    for (let i = 0; i < 60; i++) {
      const bg = new PacedClock({ speed: 60, real: loop.real });
      pacer.add(bg, idle);
      // Cheap to fire, but each tick's request then costs 2 ms of real time in microtasks, after the pacer's turn.
      ticker(bg, 5, () => loop.microtask(() => loop.spend(2)));
    }
    const student = new PacedClock({ speed: 1, real: loop.real });
    let waiting = false;
    pacer.add(student, { busy: () => waiting, interactive: () => waiting });
    loop.runUntil(1_000);
    const delays: number[] = [];
    for (let k = 0; k < 10; k++) {
      pacer.catchUp(student);
      waiting = true;
      const askedAt = loop.now;
      student.setTimeout(() => {
        delays.push(loop.now - askedAt);
        waiting = false;
      }, 100);
      loop.runUntil(loop.now + 500);
    }
    // Without the measured step cost a turn would fire all 60 (120 ms of deferred work) between two looks at the student.
    for (const d of delays) expect(d).toBeLessThan(100 + 30);
  });

  it('moves a busy but parked clock on: a retry waiting 5 s fires after 5 s, beyond the 1 s lag window', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    const clock = new PacedClock({ speed: 1, real: loop.real, maxLagRealMs: 1000 });
    pacer.add(clock, { busy: () => true, interactive: () => true }); // a request in flight, parked on its backoff
    let firedAt = -1;
    clock.setTimeout(() => (firedAt = loop.now), 5000);
    loop.runUntil(6000);
    expect(firedAt).toBeGreaterThanOrEqual(5000);
    expect(firedAt).toBeLessThan(5010);
  });

  it('survives a timer callback that throws, and keeps pacing', () => {
    const loop = fakeLoop();
    const errors: unknown[] = [];
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep, onError: (e) => errors.push(e) });
    const clock = new PacedClock({ speed: 1, real: loop.real });
    pacer.add(clock, idle);
    const fired: number[] = [];
    clock.setTimeout(() => {
      throw new Error('a bug in a timer');
    }, 10);
    clock.setTimeout(() => fired.push(clock.now()), 20);
    loop.runUntil(100);
    expect(fired).toEqual([20]);
    expect(errors).toHaveLength(1);
  });

  it('holds a new clock at 0 until the pacer starts it: setup right after a build is anchored at exactly 0', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    const clock = new PacedClock({ speed: 60, real: loop.real });
    pacer.add(clock, idle);
    loop.spend(37); // building the session took 37 ms of real time
    expect(clock.now()).toBe(0);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 200);
    loop.runUntil(100);
    expect(fired).toEqual([200]);
  });

  it('reports the new speed right after a speed change, 0 while paused, and measures only since the change', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    const clock = new PacedClock({ speed: 1, real: loop.real });
    pacer.add(clock, idle);
    loop.runUntil(5_000);
    clock.setSpeed(60);
    expect(pacer.achievedSpeed(clock)).toBe(60); // idle and caught up: keeping pace
    loop.runUntil(5_100);
    expect(pacer.achievedSpeed(clock)).toBe(60);
    clock.pause();
    expect(pacer.achievedSpeed(clock)).toBe(0);
  });

  it('pauses sandbox time: nothing fires while paused, and the pause takes no sandbox time', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    const clock = new PacedClock({ speed: 10, real: loop.real });
    pacer.add(clock, idle);
    const fired: Array<[number, number]> = [];
    clock.setTimeout(() => fired.push([clock.now(), loop.now]), 5_000);
    loop.runUntil(200);
    clock.pause();
    const at = clock.now();
    loop.runUntil(10_000);
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(at);
    clock.resume();
    loop.runUntil(20_000);
    // Due 5 s of sandbox time after the start: 0.5 s of real time, plus the 9.8 s paused.
    expect(fired).toHaveLength(1);
    expect(fired[0]![0]).toBe(5_000);
    expect(fired[0]![1]).toBeGreaterThanOrEqual(10_300);
    expect(fired[0]![1]).toBeLessThan(10_320);
  });

  it('keeps an idle clock at its pace while the whole process sleeps: nothing is due, so nothing is forgotten', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    const slow = new PacedClock({ speed: 1, real: loop.real });
    const fast = new PacedClock({ speed: 60, real: loop.real });
    pacer.add(slow, idle);
    pacer.add(fast, idle);
    loop.runUntil(30_000); // started at 0, then no turn and no sleep: the pacer has nothing to do
    // Thirty seconds a student spent reading: a rate-limit window or a cache TTL must see them all.
    expect(slow.now()).toBe(30_000);
    expect(fast.now()).toBe(1_800_000);
  });

  it('lets idle clocks drop out of its turns, and a timer or a request wakes one caught up to its pace', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    let asked = 0;
    let inFlight = 0;
    const counting: PacedWork = { busy: () => (asked++, inFlight > 0), interactive: () => (asked++, inFlight > 0) };
    const students = Array.from({ length: 500 }, () => new PacedClock({ real: loop.real }));
    for (const c of students) pacer.add(c, counting);
    const heavy = new PacedClock({ speed: 10, real: loop.real });
    pacer.add(heavy, idle);
    let ticks = 0;
    ticker(heavy, 100, () => ticks++);
    loop.runUntil(100);
    expect(pacer.awakeSize).toBe(1);
    asked = 0;
    loop.runUntil(2_000);
    // The busy clock kept its pace (×10, a tick per 100 sandbox ms) while 500 idle ones cost its turns nothing.
    expect(ticks).toBeGreaterThanOrEqual(195);
    expect(asked).toBe(0);

    // A timer wakes an idle clock, and fires at its due time on a clock that kept its pace.
    const one = students[7]!;
    let firedAt: number | undefined;
    one.setTimeout(() => (firedAt = one.now()), 500);
    expect(pacer.awakeSize).toBe(2);
    loop.runUntil(3_000);
    expect(firedAt).toBe(2_500);
    expect(pacer.awakeSize).toBe(1);

    // A request on an idle clock: its sign of life catches the clock up, then the time stands still while it is in flight.
    const other = students[8]!;
    other.touch();
    inFlight++;
    expect(other.now()).toBe(3_000);
    loop.spend(300);
    expect(other.now()).toBe(3_000);
    expect(pacer.awakeSize).toBe(2);
  });

  it('forgets time lost to saturation beyond maxLag instead of racing to make it up', () => {
    const loop = fakeLoop();
    const pacer = new Pacer({ real: loop.real, turn: loop.turn, sleep: loop.sleep });
    const clock = new PacedClock({ speed: 10, real: loop.real, maxLagRealMs: 500 });
    pacer.add(clock, idle);
    loop.spend(5_000); // the process froze for 5 s
    let fired = 0;
    ticker(clock, 100, () => fired++);
    loop.runUntil(5_100);
    // At most 0.5 s of lag (5 s of sandbox time) is made up, not the whole 50 s.
    expect(clock.now()).toBeLessThanOrEqual(6_000 + 100);
    expect(fired).toBeLessThanOrEqual(61);
  });
});
