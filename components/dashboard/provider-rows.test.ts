import { describe, expect, it } from 'vitest';
import { ERROR_KINDS } from '@/lib/resilience/classify';
import { EXAMPLE_FAULTS, providerRows, scenarioFaults, VERDICT } from './provider-rows';

describe('provider rows', () => {
  it('agree with the classifier on what to retry', () => {
    for (const [kind, info] of Object.entries(ERROR_KINDS)) expect(VERDICT[kind as keyof typeof VERDICT] !== 'never', kind).toBe(info.retryable);
  });

  it('show where the same scenario differs and where one status hides several meanings', () => {
    const [quota] = providerRows('qwen', ['quota']);
    expect(quota).toMatchObject({ error: { status: 400, code: 'Arrearage' }, verdict: 'never', statuses: { openai: 429, deepseek: 402, qwen: 400, anthropic: 402 } });
    expect(quota!.alsoMeans).toContain('content-filter');
    expect(quota!.alsoMeans).toContain('bad-request');
    const [claude] = providerRows('anthropic', ['unavailable-503']);
    expect(claude!.error.status).toBe(529);
  });

  it('skip faults with no error body and list the scenario\'s faults once, in order', () => {
    expect(providerRows('openai', ['timeout', 'slow', 'server-500']).map((r) => r.fault)).toEqual(['server-500']);
    const scenario = { primary: { rules: [{ fault: 'quota' as const, mode: { kind: 'always' as const } }, { fault: 'quota' as const, mode: { kind: 'always' as const } }] }, local: { rules: [{ fault: 'timeout' as const, mode: { kind: 'always' as const } }] } };
    expect(scenarioFaults(scenario)).toEqual(['quota', 'timeout']);
    expect(scenarioFaults(null)).toEqual([]);
    expect(providerRows('deepseek', EXAMPLE_FAULTS)).toHaveLength(3);
  });

  it('fill the model into messages that name it', () => {
    expect(providerRows('openai', ['model-not-found-404'], 'gpt-9')[0]!.error.message).toContain('`gpt-9`');
  });
});
