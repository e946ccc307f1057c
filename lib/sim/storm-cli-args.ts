import { STORM_BACKOFF_IDS, STORM_BUDGET_KINDS, validateStormOptions, type StormBackoffId, type StormBudgetKind, type StormOptions } from './storm-options';
import { isStormPresetId, STORM_PRESET_IDS, STORM_PRESETS } from './storm-presets';

/** What `--model storm` asked for: one run, or the same run under each cure (`--compare`). */
export interface StormCommand {
  kind: 'storm';
  options: StormOptions;
  /** Also run it with gRPC's budget, Brooker's budget and the retry breaker, side by side. */
  compare: boolean;
  json: boolean;
}

/** Parsed, or a message for the user. */
export type StormParseResult = { ok: true; command: StormCommand } | { ok: false; error: string };

/** The `--model storm` part of `--help`. */
export const STORM_USAGE = `Retry storms (--model storm): open-loop clients, a server with finite capacity, timeouts, layered retries.

  --preset NAME          start from ${STORM_PRESET_IDS.join(', ')}
  --rate R               first tries per second (default 1000)
  --capacity C           requests per second the server completes (default 1250)
  --fail P               probability that the server fails an attempt (default 0)
  --timeout MS           client timeout per attempt (default 1000)
  --attempts N           attempts per layer, first try included (default 3)
  --layers L             retry layers stacked (app over SDK = 2; default 1)
  --backoff ID           ${STORM_BACKOFF_IDS.join(', ')} (default none); with --base MS, --cap MS
  --budget KIND[:T:R]    ${STORM_BUDGET_KINDS.join(', ')}; e.g. grpc or brooker:10:0.1 (default none)
  --breaker              a retry circuit breaker (stop retrying while ≥ 50% of recent attempts fail)
  --breaker-threshold X  its failure ratio, 0–1 (implies --breaker)
  --dip AT:FOR:FACTOR    capacity × FACTOR from AT s for FOR s, e.g. 60:20:0.2; "none" for no dip
  --duration S           simulated seconds (default 300)
  --clients N            clients, each with its own budget and breaker (default 1)
  --queue-limit S        the server queues at most S seconds of work (default 10)
  --seed N               seed (default 1)
  --compare              also run with each budget and with the breaker, side by side
  --json                 print JSON instead of a table`;

const VALUE = ['model', 'preset', 'rate', 'capacity', 'fail', 'timeout', 'attempts', 'layers', 'backoff', 'base', 'cap', 'budget', 'breaker-threshold', 'dip', 'duration', 'clients', 'queue-limit', 'seed'] as const;
const BOOLEAN = ['breaker', 'compare', 'json', 'help'] as const;

class FlagError extends Error {}

/**
 * Parse `--model storm …` (the whole argv, without `node` and the script).
 * Pure and never throws: bad input comes back as `{ ok: false, error }`.
 * `--help` is handled by the caller before this is reached.
 */
export function parseStormArgs(argv: readonly string[]): StormParseResult {
  try {
    const { values, flags } = tokenize(argv);
    const preset = values.get('preset');
    if (preset !== undefined && !isStormPresetId(preset)) throw new FlagError(`--preset must be one of ${STORM_PRESET_IDS.join(', ')}, got "${preset}"`);
    const o: StormOptions = preset ? structuredClone(STORM_PRESETS[preset]) : {};
    const num = (name: string): number | undefined => {
      const raw = values.get(name);
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw new FlagError(`--${name} must be a number, got "${raw}"`);
      return n;
    };
    const set = <K extends keyof StormOptions>(key: K, v: StormOptions[K] | undefined) => {
      if (v !== undefined) o[key] = v;
    };
    set('rate', num('rate'));
    set('capacity', num('capacity'));
    set('failureRate', num('fail'));
    set('timeoutMs', num('timeout'));
    set('attempts', num('attempts'));
    set('layers', num('layers'));
    set('durationS', num('duration'));
    set('clients', num('clients'));
    set('queueLimitS', num('queue-limit'));
    set('seed', num('seed'));

    const backoff = values.get('backoff');
    if (backoff !== undefined && !(STORM_BACKOFF_IDS as readonly string[]).includes(backoff))
      throw new FlagError(`--backoff must be one of ${STORM_BACKOFF_IDS.join(', ')}, got "${backoff}"`);
    const baseMs = num('base');
    const capMs = num('cap');
    if (backoff !== undefined || baseMs !== undefined || capMs !== undefined) {
      o.backoff = { ...o.backoff, id: (backoff as StormBackoffId | undefined) ?? o.backoff?.id ?? 'exponential' };
      if (baseMs !== undefined) o.backoff.baseMs = baseMs;
      if (capMs !== undefined) o.backoff.capMs = capMs;
    }

    const budget = values.get('budget');
    if (budget !== undefined) o.budget = parseBudget(budget);

    const threshold = num('breaker-threshold');
    if (flags.has('breaker') || threshold !== undefined) o.breaker = { ...o.breaker, ...(threshold !== undefined ? { threshold } : {}) };

    const dip = values.get('dip');
    if (dip === 'none') delete o.trigger;
    else if (dip !== undefined) o.trigger = parseDip(dip);

    const errors = validateStormOptions(o);
    if (errors.length > 0) return { ok: false, error: errors.join('; ') };
    return { ok: true, command: { kind: 'storm', options: o, compare: flags.has('compare'), json: flags.has('json') } };
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, error: e.message };
    throw e;
  }
}

function tokenize(argv: readonly string[]): { values: Map<string, string>; flags: Set<string> } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new FlagError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if ((BOOLEAN as readonly string[]).includes(name)) {
      if (eq !== -1) throw new FlagError(`--${name} takes no value`);
      flags.add(name);
    } else if ((VALUE as readonly string[]).includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) throw new FlagError(`--${name} needs a value`);
      values.set(name, value);
    } else {
      throw new FlagError(`unknown option --${name} for --model storm`);
    }
  }
  return { values, flags };
}

function parseBudget(raw: string): StormOptions['budget'] {
  const [kind, tokens, ratio, ...rest] = raw.split(':');
  if (!(STORM_BUDGET_KINDS as readonly string[]).includes(kind ?? '') || rest.length > 0 || (tokens !== undefined && ratio === undefined))
    throw new FlagError(`--budget must be none, grpc or brooker, optionally with :TOKENS:RATIO (e.g. grpc:10:0.1), got "${raw}"`);
  const budget: NonNullable<StormOptions['budget']> = { kind: kind as StormBudgetKind };
  if (tokens !== undefined) {
    budget.maxTokens = Number(tokens);
    budget.tokenRatio = Number(ratio);
  }
  return budget;
}

function parseDip(raw: string): NonNullable<StormOptions['trigger']> {
  const parts = raw.split(':').map(Number);
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)))
    throw new FlagError(`--dip must look like AT:FOR:FACTOR in seconds and a fraction (e.g. 60:20:0.2), or none; got "${raw}"`);
  const [atS, durationS, capacityFactor] = parts as [number, number, number];
  return { atS, durationS, capacityFactor };
}
