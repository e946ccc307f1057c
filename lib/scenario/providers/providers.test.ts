import { describe, expect, it } from 'vitest';
import { ERROR_KINDS } from '@/lib/resilience/classify';
import { FAULT_IDS } from '../fault-ids';
import { basePathFor, ERROR_FAULTS, isErrorFault, isProviderId, PROVIDER_ERRORS, PROVIDER_IDS, PROVIDER_LIST, PROVIDERS, renderProviderError } from '.';

describe('provider profiles', () => {
  it('lists four providers with their base paths, docs and bilingual notes', () => {
    expect(PROVIDER_LIST.map((p) => p.id)).toEqual(['openai', 'deepseek', 'qwen', 'anthropic']);
    expect(PROVIDER_LIST.map((p) => basePathFor(p.id, 'healthy'))).toEqual([
      '/api/sandbox/healthy/v1',
      '/api/sandbox/healthy/deepseek/v1',
      '/api/sandbox/healthy/qwen/v1',
      '/api/sandbox/healthy/anthropic',
    ]);
    for (const p of PROVIDER_LIST) {
      expect(p.note.zh).toMatch(/\p{Script=Han}/u);
      expect(p.docs.errors).toMatch(/^https:\/\//);
    }
    expect(isProviderId('qwen')).toBe(true);
    expect(isProviderId('gemini')).toBe(false);
  });

  it('renders every error fault for every provider, with sane statuses and bilingual notes', () => {
    for (const id of PROVIDER_IDS) {
      expect(Object.keys(PROVIDER_ERRORS[id]).sort()).toEqual([...ERROR_FAULTS].sort());
      for (const [fault, row] of Object.entries(PROVIDER_ERRORS[id])) {
        expect(row.status, `${id} ${fault}`).toBeGreaterThanOrEqual(400);
        expect(row.message.length).toBeGreaterThan(3);
        expect(ERROR_KINDS[row.kind]).toBeDefined();
        if (row.note) expect(row.note.zh).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(FAULT_IDS.filter(isErrorFault).sort()).toEqual([...ERROR_FAULTS].sort());
  });

  it('fills every placeholder, with defaults when no value is given', () => {
    for (const id of PROVIDER_IDS) for (const fault of ERROR_FAULTS) expect(renderProviderError(id, fault).message).not.toMatch(/\{\w+\}/);
    expect(renderProviderError('openai', 'model-not-found-404', { model: 'gpt-9' }).message).toBe('The model `gpt-9` does not exist or you do not have access to it.');
    expect(renderProviderError('openai', 'rate-limit-window', { limit: 10, wait: '6s' }).message).toContain('Limit 10, Used 10, Requested 1. Please try again in 6s.');
    expect(renderProviderError('anthropic', 'model-not-found-404').message).toBe(`model: ${PROVIDERS.anthropic.model}`);
  });

  it('draws out the lesson: quota is four different statuses, and Qwen\'s TPM 429 borrows OpenAI\'s quota code', () => {
    expect(PROVIDER_IDS.map((p) => PROVIDER_ERRORS[p].quota.status)).toEqual([429, 402, 400, 402]);
    expect(PROVIDER_ERRORS.qwen['token-rate-limit']).toMatchObject({ code: 'insufficient_quota', kind: 'rate-limit' });
    expect(PROVIDER_ERRORS.openai.quota).toMatchObject({ code: 'insufficient_quota', kind: 'quota' });
  });
});
