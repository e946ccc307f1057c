import { seededRandom } from '@/lib/resilience/random';

/**
 * Response and request ids in each provider's format. Deterministic per seed,
 * and seeded randomly per upstream, so two sessions never hand out the same id.
 */

/** Deterministic ids: the n-th id of a seed is always the same string. */
export interface IdSource {
  /** `chatcmpl-` + 29 base62 characters, like a real completion id. */
  completion(): string;
  /** `req_` + 32 hex characters, like a real `x-request-id`. */
  request(): string;
  /** `length` characters of base62. */
  base62(length: number): string;
  /** `length` lower-case hex characters. */
  hex(length: number): string;
  /** A version-4-shaped UUID (DeepSeek's and DashScope's ids). */
  uuid(): string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/**
 * A counter-based id source. Ids are derived from `(seed, counter)` with a
 * private PRNG, so making ids never consumes draws from the scenario's random
 * source (which would shift the seeded fault sequence). Give every upstream its
 * own random seed (createUpstream does), or two sessions hand out the same ids.
 * @param seed any integer. Default 0.
 */
export function createIdSource(seed = 0): IdSource {
  let n = 0;
  const draw = (alphabet: string, length: number): string => {
    const random = seededRandom((seed ^ Math.imul(++n, 0x9e3779b1)) >>> 0);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    return out;
  };
  return {
    completion: () => `chatcmpl-${draw(BASE62, 29)}`,
    request: () => `req_${draw(HEX, 32)}`,
    base62: (length) => draw(BASE62, length),
    hex: (length) => draw(HEX, length),
    uuid: () => {
      const h = draw(HEX, 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20)}`;
    },
  };
}

/** A fresh 32-bit seed from the platform's CSPRNG: ids differ across upstreams, sessions and restarts. */
export function randomIdSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
