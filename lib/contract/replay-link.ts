import { BACKOFF_IDS } from '@/lib/resilience/backoff';
import { PRESET_IDS } from '@/lib/scenario/presets';
import { isScriptId, type ScriptId } from '@/lib/scenario/scripts';
import { SPEEDS, type Speed } from './limits';
import { DEFAULT_POLICY, policySchema, type Policy } from './policy';

/**
 * Replay links: a run as a short, readable URL query, e.g.
 *
 *     /?script=outage-then-recovery&seed=42&speed=60&retries=5&backoff=exponential
 *
 * It carries the preset or the script, the seed, the speed and the policy —
 * only the policy fields that differ from {@link DEFAULT_POLICY}, each under a
 * short name, durations in seconds (`open=30s`), switches as `on`/`off`.
 * Opening it applies exactly that policy (default plus the listed fields) and
 * replays from sandbox time 0, so two fresh browsers see the same run.
 */

type Kind = 'int' | 'number' | 'duration' | 'bool' | 'backoff' | 'breakerMode' | 'api';
type Section = keyof Policy;

/** Query name → where it lives in the policy, and how it is written. In the order links list them. */
const FIELDS: readonly (readonly [name: string, section: Section, key: string, kind: Kind, sub?: 'budget'])[] = [
  ['api', 'api', 'api', 'api'],
  ['retries', 'retry', 'maxRetries', 'int'],
  ['sdkRetries', 'retry', 'sdkMaxRetries', 'int'],
  ['backoff', 'retry', 'strategy', 'backoff'],
  ['base', 'retry', 'baseMs', 'duration'],
  ['cap', 'retry', 'capMs', 'duration'],
  ['retryAfter', 'retry', 'honorRetryAfter', 'bool'],
  ['timeout', 'retry', 'attemptTimeoutMs', 'duration'],
  ['budget', 'retry', 'enabled', 'bool', 'budget'],
  ['budgetTokens', 'retry', 'maxTokens', 'number', 'budget'],
  ['budgetRatio', 'retry', 'tokenRatio', 'number', 'budget'],
  ['breaker', 'breaker', 'enabled', 'bool'],
  ['breakerMode', 'breaker', 'mode', 'breakerMode'],
  ['failures', 'breaker', 'failureThreshold', 'int'],
  ['failureRate', 'breaker', 'failureRateThreshold', 'number'],
  ['window', 'breaker', 'windowSize', 'int'],
  ['minCalls', 'breaker', 'minimumCalls', 'int'],
  ['successes', 'breaker', 'successThreshold', 'int'],
  ['open', 'breaker', 'openMs', 'duration'],
  ['probes', 'breaker', 'halfOpenMaxProbes', 'int'],
  ['cache', 'cache', 'enabled', 'bool'],
  ['ttl', 'cache', 'ttlMs', 'duration'],
  ['cacheSize', 'cache', 'maxEntries', 'int'],
  ['local', 'fallback', 'local', 'bool'],
  ['canned', 'fallback', 'canned', 'bool'],
];

/** Query names a replay link may use: `preset`, `script`, `seed`, `speed` and the policy fields. */
export const REPLAY_KEYS: readonly string[] = ['preset', 'script', 'seed', 'speed', ...FIELDS.map((f) => f[0])];

/** What a replay link carries. Exactly one of `presetId` and `script` is set (a script picks its own faults). */
export interface ReplayParams {
  presetId?: string;
  script?: ScriptId;
  /** Unsigned 32-bit seed. */
  seed: number;
  speed: Speed;
  /** The whole policy: the default plus the link's fields. */
  policy: Policy;
}

type Leaf = string | number | boolean;

/** The object a field lives in: `retry.budget`, a section, or (for the top-level `api`) the policy itself. */
function holder(policy: Policy, section: Section, sub?: 'budget'): Record<string, Leaf> {
  return (sub ? policy.retry.budget : section === 'api' ? policy : policy[section]) as unknown as Record<string, Leaf>;
}

function read(policy: Policy, [, section, key, , sub]: (typeof FIELDS)[number]): Leaf {
  return holder(policy, section, sub)[key]!;
}

/** Seconds with at most 3 decimals (exact for whole ms), else ms: `30s`, `0.5s`, `0.25ms`. */
function writeDuration(ms: number): string {
  return Number.isInteger(ms) ? `${Number((ms / 1000).toFixed(3))}s` : `${ms}ms`;
}

function write(kind: Kind, value: Leaf): string {
  if (kind === 'bool') return value ? 'on' : 'off';
  if (kind === 'duration') return writeDuration(value as number);
  return String(value);
}

/** Parse one value; a string is an error message. */
function parseValue(kind: Kind, raw: string): Leaf | { error: string } {
  const v = raw.trim();
  switch (kind) {
    case 'bool':
      if (['on', 'true', '1', 'yes'].includes(v)) return true;
      if (['off', 'false', '0', 'no'].includes(v)) return false;
      return { error: 'expected on or off' };
    case 'backoff':
      return (BACKOFF_IDS as readonly string[]).includes(v) ? v : { error: `expected one of ${BACKOFF_IDS.join(', ')}` };
    case 'breakerMode':
      return v === 'consecutive' || v === 'failure-rate' ? v : { error: 'expected consecutive or failure-rate' };
    case 'api':
      return v === 'chat.completions' || v === 'responses' ? v : { error: 'expected chat.completions or responses' };
    case 'duration': {
      const m = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)(ms|s)?$/i.exec(v);
      if (!m) return { error: 'expected a duration such as 30s or 500ms' };
      const n = Number(m[1]);
      return m[2]?.toLowerCase() === 'ms' ? n : Number((n * 1000).toFixed(3));
    }
    default: {
      if (!/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(v)) return { error: 'expected a number' };
      return Number(v);
    }
  }
}

/**
 * The query string (without `?`) of a replay link. Policy fields equal to the
 * default are left out, so the default policy adds nothing.
 */
export function encodeReplay(p: { presetId?: string | null; script?: ScriptId | null; seed: number; speed: Speed; policy: Policy }): string {
  const q = new URLSearchParams();
  if (p.script) q.set('script', p.script);
  else if (p.presetId) q.set('preset', p.presetId);
  q.set('seed', String(p.seed));
  q.set('speed', String(p.speed));
  for (const f of FIELDS) {
    const value = read(p.policy, f);
    if (value !== read(DEFAULT_POLICY, f)) q.set(f[0], write(f[3], value));
  }
  return q.toString();
}

/** Result of {@link parseReplay}: `null` when the query is no replay link at all. */
export type ReplayParse = { ok: true; value: ReplayParams } | { ok: false; errors: string[] } | null;

/**
 * Read a replay link's query. Unknown names (such as `view`) are ignored; a bad
 * value is an error naming the field, never a silent default.
 */
export function parseReplay(query: URLSearchParams | string): ReplayParse {
  const q = typeof query === 'string' ? new URLSearchParams(query) : query;
  if (!REPLAY_KEYS.some((k) => q.has(k))) return null;
  const errors: string[] = [];
  const preset = q.get('preset');
  const script = q.get('script');
  if (preset !== null && script !== null) errors.push('preset and script: give one, not both');
  if (preset !== null && !PRESET_IDS.includes(preset)) errors.push(`preset: unknown preset '${preset}'`);
  if (script !== null && !isScriptId(script)) errors.push(`script: unknown script '${script}'`);
  const seedRaw = q.get('seed') ?? '42';
  const seed = /^\d+$/.test(seedRaw) ? Number(seedRaw) : NaN;
  if (!(seed >= 0 && seed <= 0xffff_ffff)) errors.push(`seed: expected an integer 0–4294967295 (got '${seedRaw}')`);
  const speedRaw = q.get('speed') ?? '1';
  const speed = SPEEDS.find((sp) => String(sp) === speedRaw);
  if (speed === undefined) errors.push(`speed: expected ${SPEEDS.join(', ')} (got '${speedRaw}')`);

  const policy = structuredClone(DEFAULT_POLICY) as Policy;
  for (const [name, section, key, kind, sub] of FIELDS) {
    const raw = q.get(name);
    if (raw === null) continue;
    const value = parseValue(kind, raw);
    if (typeof value === 'object') {
      errors.push(`${name}: ${value.error} (got '${raw}')`);
      continue;
    }
    holder(policy, section, sub)[key] = value;
  }
  const checked = policySchema.safeParse(policy);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const path = issue.path.join('.');
      const field = FIELDS.find(([, section, key, , sub]) => path === (sub ? `retry.budget.${key}` : section === 'api' ? 'api' : `${section}.${key}`));
      errors.push(`${field?.[0] ?? path}: ${issue.message}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { ...(script ? { script: script as ScriptId } : preset ? { presetId: preset } : {}), seed, speed: speed!, policy: checked.data! },
  };
}
