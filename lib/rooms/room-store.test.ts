import { describe, expect, it } from 'vitest';
import { VirtualClock } from '@/lib/resilience/virtual-clock';
import { SandboxSession } from '@/lib/sandbox/session';
import { ROOM_STORE_LIMITS, RoomStore, type RoomStoreLimits } from './room-store';
import { instantPacer } from './test-utils';

function store(limits: Partial<RoomStoreLimits> = {}) {
  const clock = new VirtualClock(0);
  const pacer = instantPacer();
  const s = new RoomStore({ ...ROOM_STORE_LIMITS, creation: { burst: 1000, perMinute: 1000 }, ...limits }, { clock, pacer: () => pacer });
  return { clock, pacer, store: s };
}

const open = (s: RoomStore, address = 'a', settings = {}) => {
  const r = s.create(address, settings);
  if (!r.ok) throw new Error(r.message);
  return r.room;
};

describe('RoomStore bounds', () => {
  it('caps open rooms: a full store closes the room idle longest past the protect window, else refuses with a 503', async () => {
    const { clock, store: s } = store({ maxRooms: 2, protectMs: 60_000 });
    const first = open(s);
    await clock.advance(1000);
    const second = open(s);
    const refused = s.create('a');
    expect(refused).toMatchObject({ ok: false, status: 503 });
    await clock.advance(60_000);
    s.get(second.code); // used: protected again
    const third = open(s);
    expect(s.get(first.code)).toBeUndefined();
    expect(first.isDisposed).toBe(true);
    expect(s.get(second.code)).toBe(second);
    expect(s.get(third.code)).toBe(third);
    expect(s.size).toBe(2);
  });

  it('closes a room after 3 h without use and gives its members their own settings back; every use pushes that back', async () => {
    const { clock, pacer, store: s } = store();
    const room = open(s, 'a', { speed: 10 });
    const member = new SandboxSession('m', 't', { speed: 60 }, { pacer });
    room.join(member);
    expect(member.current.speed).toBe(10);
    await clock.advance(ROOM_STORE_LIMITS.idleTtlMs - 1000);
    expect(s.expiresInMs(room.code)).toBe(1000);
    expect(s.get(room.code)).toBe(room);
    expect(s.roomOf(member)).toBe(room);
    await clock.advance(ROOM_STORE_LIMITS.idleTtlMs);
    expect(s.sweep()).toBe(1);
    expect(s.get(room.code)).toBeUndefined();
    expect(room.isDisposed).toBe(true);
    expect(member.current.speed).toBe(60);
    expect(member.view().room).toBeNull();
    expect(s.roomOf(member)).toBeUndefined();
    member.dispose();
  });

  it('rate-limits room creation per address', () => {
    const { store: s } = store({ creation: { burst: 2, perMinute: 1 } });
    open(s, 'x');
    open(s, 'x');
    expect(s.create('x')).toMatchObject({ ok: false, status: 429 });
    expect(s.create('y').ok).toBe(true);
  });

  it('caps simulated students per server across rooms (409), and members per room', () => {
    const { pacer, store: s } = store({ maxSimulatedTotal: 5, maxMembers: 1 });
    const a = open(s, 'a', { simulated: 3 });
    expect(s.create('a', { simulated: 3 })).toMatchObject({ ok: false, status: 409 });
    const b = open(s, 'a', { simulated: 2 });
    expect(s.simulatedTotal).toBe(5);
    expect(s.simulatedRefusal(4, b.simulatedCount)?.status).toBe(409);
    expect(s.simulatedRefusal(2, b.simulatedCount)).toBeUndefined();
    const [m1, m2] = [1, 2].map((i) => new SandboxSession(`m${i}`, `t${i}`, {}, { pacer })) as [SandboxSession, SandboxSession];
    expect(a.join(m1).ok).toBe(true);
    expect(a.join(m2)).toEqual({ ok: false, reason: 'full' });
    s.close(a.code);
    s.close(b.code);
    expect(s.simulatedTotal).toBe(0);
    [m1, m2].forEach((m) => m.dispose());
  });
});
