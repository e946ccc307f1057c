import { describe, expect, it } from 'vitest';
import { ROOM_CODE_PATTERN, normalizeRoomCode } from '@/lib/contract';
import { INSTRUCTOR_TOKEN_BYTES, bearerToken, newInstructorToken, newRoomCode, tokenDigest, tokenMatches } from './codes';

describe('join codes', () => {
  it('are six readable characters, never 0/O/1/I/L, and vary', () => {
    const codes = new Set(Array.from({ length: 500 }, newRoomCode));
    for (const c of codes) expect(c).toMatch(ROOM_CODE_PATTERN);
    expect([...codes].join('')).not.toMatch(/[01OIL]/);
    expect(codes.size).toBeGreaterThan(495);
  });

  it('normalises what a student types', () => {
    expect(normalizeRoomCode(' k7q x2m ')).toBe('K7QX2M');
  });
});

describe('instructor tokens', () => {
  it('carry at least 128 bits (256 here) and never repeat', () => {
    expect(INSTRUCTOR_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    const t = newInstructorToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(INSTRUCTOR_TOKEN_BYTES);
    expect(newInstructorToken()).not.toBe(t);
  });

  it('match only themselves, compared digest to digest', () => {
    const t = newInstructorToken();
    const d = tokenDigest(t);
    expect(tokenMatches(d, t)).toBe(true);
    expect(tokenMatches(d, `${t}x`)).toBe(false);
    expect(tokenMatches(d, t.slice(0, -1))).toBe(false);
    expect(tokenMatches(d, '')).toBe(false);
    expect(tokenMatches(d, null)).toBe(false);
    expect(tokenMatches(d, 'x'.repeat(10_000))).toBe(false);
  });

  it('are read from a Bearer header only', () => {
    const r = (h?: string) => new Request('http://x/', h ? { headers: { authorization: h } } : {});
    expect(bearerToken(r('Bearer abc'))).toBe('abc');
    expect(bearerToken(r('bearer  abc '))).toBe('abc');
    expect(bearerToken(r('Basic abc'))).toBeNull();
    expect(bearerToken(r())).toBeNull();
  });
});
