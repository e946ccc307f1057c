import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '@/lib/contract';

/**
 * A room's two names: a short join code that the projector shows to everyone,
 * and an instructor token that only the instructor ever sees. Knowing the code
 * lets a student's session join; only the token lets anyone run the room.
 */

/** Bytes of an instructor token: 256 bits from the OS's CSPRNG, far past guessing (≥ 128 asked). */
export const INSTRUCTOR_TOKEN_BYTES = 32;

/**
 * A new join code, e.g. `K7QX2M`: {@link ROOM_CODE_LENGTH} characters of
 * {@link ROOM_CODE_ALPHABET} (31 letters and digits; 31⁶ ≈ 8.9 × 10⁸ codes).
 * Rejection sampling keeps every character equally likely.
 */
export function newRoomCode(): string {
  const n = ROOM_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  while (code.length < ROOM_CODE_LENGTH) {
    for (const b of randomBytes(ROOM_CODE_LENGTH * 2)) {
      if (b < limit && code.length < ROOM_CODE_LENGTH) code += ROOM_CODE_ALPHABET[b % n];
    }
  }
  return code;
}

/** A new instructor token: 32 random bytes, base64url (43 characters). */
export function newInstructorToken(): string {
  return randomBytes(INSTRUCTOR_TOKEN_BYTES).toString('base64url');
}

/** SHA-256 of a token: what the room keeps, so the token itself is never stored. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether `given` is the token behind `digest`, in constant time: both sides
 * are 32-byte digests, so neither the length nor the first differing byte of
 * a guess shows in the timing.
 */
export function tokenMatches(digest: Buffer, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 256) return false;
  return timingSafeEqual(digest, tokenDigest(given));
}

/** The bearer token of an `Authorization: Bearer …` header, or `null`. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization') ?? '';
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null;
}
