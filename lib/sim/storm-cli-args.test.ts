import { describe, expect, it } from 'vitest';
import { parseArgs } from './cli-args';
import { parseStormArgs } from './storm-cli-args';
import { STORM_PRESETS } from './storm-presets';

const ok = (argv: string[]) => {
  const r = parseStormArgs(argv);
  if (!r.ok) throw new Error(r.error);
  return r.command;
};
const error = (argv: string[]) => {
  const r = parseStormArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.error;
};

describe('parseStormArgs', () => {
  it('defaults to the model’s defaults, as a table', () => {
    expect(ok(['--model', 'storm'])).toEqual({ kind: 'storm', options: {}, compare: false, json: false });
  });

  it('reads every flag, in both forms', () => {
    const cmd = ok([
      '--model=storm', '--rate', '800', '--capacity=1000', '--fail', '0.1', '--timeout', '2000', '--attempts', '4', '--layers', '2',
      '--backoff', 'full', '--base', '50', '--cap=5000', '--budget', 'brooker:20:0.2', '--breaker-threshold', '0.3',
      '--dip', '30:10:0', '--duration', '120', '--clients', '8', '--queue-limit', '5', '--seed', '7', '--compare', '--json',
    ]);
    expect(cmd).toEqual({
      kind: 'storm',
      compare: true,
      json: true,
      options: {
        rate: 800, capacity: 1000, failureRate: 0.1, timeoutMs: 2000, attempts: 4, layers: 2,
        backoff: { id: 'full', baseMs: 50, capMs: 5000 }, budget: { kind: 'brooker', maxTokens: 20, tokenRatio: 0.2 },
        breaker: { threshold: 0.3 }, trigger: { atS: 30, durationS: 10, capacityFactor: 0 },
        durationS: 120, clients: 8, queueLimitS: 5, seed: 7,
      },
    });
  });

  it('starts from a preset and lets flags override it, without changing the preset', () => {
    const cmd = ok(['--model', 'storm', '--preset', 'metastable', '--budget', 'grpc', '--breaker', '--dip', 'none', '--base', '500']);
    expect(cmd.options).toEqual({
      ...STORM_PRESETS.metastable,
      budget: { kind: 'grpc' },
      breaker: {},
      trigger: undefined,
      backoff: { id: 'exponential', baseMs: 500, capMs: 60_000 },
    } as typeof cmd.options);
    expect(cmd.options).not.toHaveProperty('trigger');
    expect(STORM_PRESETS.metastable.trigger).toBeDefined();
    expect(STORM_PRESETS.metastable.backoff?.baseMs).toBe(1000);
  });

  it('explains bad input clearly', () => {
    expect(error(['--model', 'storm', '--clients-per-sec', '3'])).toBe('unknown option --clients-per-sec for --model storm');
    expect(error(['--model', 'storm', 'x'])).toBe('unexpected argument "x"');
    expect(error(['--model', 'storm', '--rate'])).toBe('--rate needs a value');
    expect(error(['--model', 'storm', '--json=1'])).toBe('--json takes no value');
    expect(error(['--model', 'storm', '--rate', 'fast'])).toBe('--rate must be a number, got "fast"');
    expect(error(['--model', 'storm', '--preset', 'calm'])).toMatch(/^--preset must be one of independent, budget, layers, metastable/);
    expect(error(['--model', 'storm', '--backoff', 'decorrelated'])).toMatch(/^--backoff must be one of none, constant, exponential, full, equal/);
    expect(error(['--model', 'storm', '--budget', 'lots'])).toMatch(/^--budget must be none, grpc or brooker/);
    expect(error(['--model', 'storm', '--budget', 'grpc:10'])).toMatch(/^--budget must be/);
    expect(error(['--model', 'storm', '--budget', 'grpc:x:0.1'])).toBe('budget.maxTokens must be a number from 1 to 1000000, got NaN');
    expect(error(['--model', 'storm', '--dip', '60-20'])).toMatch(/^--dip must look like AT:FOR:FACTOR/);
    expect(error(['--model', 'storm', '--fail', '2', '--attempts', '0'])).toBe(
      'failureRate must be a number from 0 to 1, got 2; attempts must be an integer from 1 to 10, got 0',
    );
  });

  it('is what parseArgs hands --model storm to; --help still prints the usage', () => {
    expect(parseArgs(['--model', 'storm', '--rate', '5'])).toEqual(parseStormArgs(['--model', 'storm', '--rate', '5']));
    expect(parseArgs(['--rate', '5', '--model=storm'])).toMatchObject({ ok: true, command: { kind: 'storm', options: { rate: 5 } } });
    expect(parseArgs(['--model', 'storm', '--help'])).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseArgs(['--rate', '5'])).toEqual({ ok: false, error: 'unknown option --rate' });
  });
});
