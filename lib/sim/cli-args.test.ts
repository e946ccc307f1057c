import { describe, expect, it } from 'vitest';
import { parseArgs, type ParseResult } from './cli-args';
import { BROOKER_STRATEGY_IDS, SIM_STRATEGY_IDS } from './strategies';

const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.error);
  return r.command;
};
const error = (argv: string[]) => {
  const r = parseArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.error;
};

describe('parseArgs', () => {
  it('defaults to Brooker’s experiment: occ, 100 clients, 100 runs, seed 1, his five strategies, a table', () => {
    expect(ok(parseArgs([]))).toEqual({
      kind: 'experiment',
      json: false,
      options: { model: 'occ', clients: 100, runs: 100, seed: 1, strategies: [...BROOKER_STRATEGY_IDS] },
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const cmd = ok(
      parseArgs([
        '--model', 'api', '--clients=50', '--runs', '10', '--seed', '-3', '--base', '2.5', '--cap=500',
        '--capacity', '8', '--retry-after', '--max-retries', '5', '--budget', '10:0.1', '--strategies', 'full, none,full', '--json',
      ]),
    );
    expect(cmd).toEqual({
      kind: 'experiment',
      json: true,
      options: {
        model: 'api', clients: 50, runs: 10, seed: -3, baseMs: 2.5, capMs: 500, capacity: 8, maxRetries: 5,
        honorRetryAfter: true, budget: { maxTokens: 10, tokenRatio: 0.1 }, strategies: ['full', 'none'],
      },
    });
  });

  it('expands --strategies all and --sweep FROM:TO:STEP', () => {
    const cmd = ok(parseArgs(['--sweep', '10:200:10', '--strategies', 'all', '--runs', '5']));
    expect(cmd.kind).toBe('sweep');
    if (cmd.kind !== 'sweep') return;
    expect(cmd.options.clientCounts).toHaveLength(20);
    expect(cmd.options.clientCounts.at(-1)).toBe(200);
    expect(cmd.options.strategies).toEqual([...SIM_STRATEGY_IDS]);
    expect(cmd.options).not.toHaveProperty('clients');
  });

  it('asks for help', () => {
    expect(ok(parseArgs(['-h']))).toEqual({ kind: 'help' });
    expect(ok(parseArgs(['--clients', 'oops', '--help']))).toEqual({ kind: 'help' });
  });

  it('explains bad input clearly', () => {
    expect(error(['--colour', 'red'])).toBe('unknown option --colour');
    expect(error(['stray'])).toBe('unexpected argument "stray"');
    expect(error(['--clients'])).toBe('--clients needs a value');
    expect(error(['--clients', '--json'])).toBe('--clients needs a value');
    expect(error(['--json=yes'])).toBe('--json takes no value');
    expect(error(['--clients', 'ten'])).toBe('--clients must be a number, got "ten"');
    expect(error(['--clients', '0'])).toMatch(/clients must be an integer from 1 to 10000, got 0/);
    expect(error(['--runs', '2.5'])).toMatch(/runs must be an integer/);
    expect(error(['--model', 'sql'])).toBe('--model must be occ, api or storm, got "sql"');
    expect(error(['--capacity', '5'])).toBe('--capacity only applies to --model api');
    expect(error(['--retry-after'])).toBe('--retry-after only applies to --model api');
    expect(error(['--strategies', 'full,fancy'])).toMatch(/unknown strategy "fancy"; choose from none, exponential/);
    expect(error(['--sweep', '10-200'])).toMatch(/--sweep must look like FROM:TO:STEP/);
    expect(error(['--sweep', '50:10:10'])).toMatch(/FROM ≤ TO/);
    expect(error(['--sweep', '10:20000:10'])).toMatch(/clients must be an integer from 1 to 10000/);
    expect(error(['--model', 'api', '--budget', 'lots'])).toMatch(/--budget must look like TOKENS:RATIO/);
    expect(error(['--cap', '1'])).toMatch(/capMs \(1\) must be at least baseMs \(5\)/);
  });
});
