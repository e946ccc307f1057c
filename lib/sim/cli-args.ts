import type { RetryBudgetOptions } from './budget';
import { parseStormArgs, STORM_USAGE, type StormCommand } from './storm-cli-args';
import { SIM_MODELS, validateExperimentOptions, type ExperimentOptions, type SimModel } from './run';
import { BROOKER_STRATEGY_IDS, isSimStrategyId, SIM_STRATEGY_IDS, type SimStrategyId } from './strategies';
import { clientRange, type SweepOptions } from './sweep';

/** What the command line asked for. */
export type SimCommand =
  | { kind: 'help' }
  | { kind: 'experiment'; options: ExperimentOptions; json: boolean }
  | { kind: 'sweep'; options: SweepOptions; json: boolean }
  | StormCommand;

/** `parseArgs` never throws: bad input comes back as a message for the user (the CLI exits with 2). */
export type ParseResult = { ok: true; command: SimCommand } | { ok: false; error: string };

/** Usage text printed by `--help`. */
export const USAGE = `Usage: npm run sim -- [options]

Simulates a thundering herd (Brooker, "Exponential Backoff And Jitter", 2015), or a retry storm.

  --model occ|api|storm  occ: Brooker's optimistic-concurrency row (default); api: a rate-limited LLM API;
                         storm: retries against an overloaded server (its options are listed below)
  --clients N            clients in the herd (default 100)
  --runs N               runs per strategy, averaged (default 100)
  --seed N               base seed; run r uses seed + r (default 1)
  --base MS              backoff base in ms (default 5)
  --cap MS               backoff cap in ms (default 2000)
  --strategies a,b,c     any of ${SIM_STRATEGY_IDS.join(', ')}; or "brooker" (default) or "all"
  --sweep FROM:TO:STEP   repeat for several herd sizes, e.g. 10:200:10
  --capacity C           api: requests accepted per second (default 20)
  --retry-after          api: clients wait the server's Retry-After instead of backing off
  --max-retries N        api: retries per client before giving up (default 50)
  --budget TOKENS:RATIO  api: shared gRPC-style retry budget, e.g. 10:0.1
  --json                 print JSON instead of a table
  -h, --help             show this help

${STORM_USAGE}`;

const VALUE_FLAGS = ['model', 'clients', 'runs', 'seed', 'base', 'cap', 'strategies', 'sweep', 'capacity', 'max-retries', 'budget'] as const;
const BOOLEAN_FLAGS = ['retry-after', 'json', 'help'] as const;
const API_ONLY = ['capacity', 'retry-after', 'max-retries', 'budget'] as const;

/**
 * Parse the simulator's command line (without `node` and the script), e.g.
 * `['--model', 'occ', '--clients', '100', '--json']`. Accepts `--flag value` and
 * `--flag=value`. Pure: no I/O, no process access.
 */
export function parseArgs(argv: readonly string[]): ParseResult {
  // The storm model has flags of its own; hand the whole line to its parser.
  if (argv.some((a, i) => a === '--model=storm' || (a === '--model' && argv[i + 1] === 'storm'))) {
    if (argv.includes('-h') || argv.includes('--help')) return { ok: true, command: { kind: 'help' } };
    return parseStormArgs(argv);
  }
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) return fail(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (eq !== -1) return fail(`--${name} takes no value`);
      flags.add(name);
    } else if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) return fail(`--${name} needs a value`);
      values.set(name, value);
    } else {
      return fail(`unknown option --${name}`);
    }
  }
  if (flags.has('help')) return { ok: true, command: { kind: 'help' } };

  const model = values.get('model') ?? 'occ';
  if (!(SIM_MODELS as readonly string[]).includes(model)) return fail(`--model must be occ, api or storm, got "${model}"`);
  if (model !== 'api') {
    const misplaced = API_ONLY.find((f) => values.has(f) || flags.has(f));
    if (misplaced) return fail(`--${misplaced} only applies to --model api`);
  }

  const num = (name: string, fallback?: number): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new FlagError(`--${name} must be a number, got "${raw}"`);
    return n;
  };

  try {
    const strategies = parseStrategies(values.get('strategies'));
    const budget = parseBudget(values.get('budget'));
    const options: ExperimentOptions = {
      model: model as SimModel,
      clients: num('clients', 100)!,
      runs: num('runs', 100)!,
      seed: num('seed', 1)!,
      strategies,
      ...defined({ baseMs: num('base'), capMs: num('cap'), capacity: num('capacity'), maxRetries: num('max-retries') }),
      ...(flags.has('retry-after') ? { honorRetryAfter: true } : {}),
      ...(budget ? { budget } : {}),
    };
    const json = flags.has('json');
    const sweep = values.get('sweep');
    if (sweep !== undefined) {
      const clientCounts = parseSweep(sweep);
      const { clients: _clients, ...rest } = options;
      const errors = validateExperimentOptions({ ...options, clients: clientCounts[clientCounts.length - 1]! });
      if (errors.length > 0) return fail(errors.join('; '));
      return { ok: true, command: { kind: 'sweep', options: { ...rest, clientCounts }, json } };
    }
    const errors = validateExperimentOptions(options);
    if (errors.length > 0) return fail(errors.join('; '));
    return { ok: true, command: { kind: 'experiment', options, json } };
  } catch (e) {
    if (e instanceof FlagError) return fail(e.message);
    throw e;
  }
}

class FlagError extends Error {}

const fail = (error: string): ParseResult => ({ ok: false, error });

function defined<T extends Record<string, number | undefined>>(o: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
}

function parseStrategies(raw: string | undefined): SimStrategyId[] {
  if (raw === undefined || raw === 'brooker') return [...BROOKER_STRATEGY_IDS];
  if (raw === 'all') return [...SIM_STRATEGY_IDS];
  const ids = raw.split(',').map((s) => s.trim());
  const unknown = ids.filter((s) => !isSimStrategyId(s));
  if (unknown.length > 0) throw new FlagError(`unknown strategy ${unknown.map((s) => `"${s}"`).join(', ')}; choose from ${SIM_STRATEGY_IDS.join(', ')}`);
  return [...new Set(ids as SimStrategyId[])];
}

function parseSweep(raw: string): number[] {
  const m = /^(\d+):(\d+):(\d+)$/.exec(raw);
  if (!m) throw new FlagError(`--sweep must look like FROM:TO:STEP (e.g. 10:200:10), got "${raw}"`);
  const [from, to, step] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (from < 1 || step < 1 || to < from) throw new FlagError(`--sweep needs 1 ≤ FROM ≤ TO and STEP ≥ 1, got "${raw}"`);
  return clientRange(from, to, step);
}

function parseBudget(raw: string | undefined): RetryBudgetOptions | undefined {
  if (raw === undefined) return undefined;
  const m = /^([\d.]+):([\d.]+)$/.exec(raw);
  const maxTokens = Number(m?.[1]);
  const tokenRatio = Number(m?.[2]);
  if (!m || !Number.isFinite(maxTokens) || !Number.isFinite(tokenRatio))
    throw new FlagError(`--budget must look like TOKENS:RATIO (e.g. 10:0.1), got "${raw}"`);
  return { maxTokens, tokenRatio };
}
