import { describe, expect, it } from 'vitest';
import { cappedFetch, RealModeCapError, realClients, realModeAvailable } from './clients';

describe('real mode', () => {
  it('is only available with a key in the server environment', () => {
    expect(realModeAvailable({})).toBe(false);
    expect(realClients({})).toBeUndefined();
    expect(realModeAvailable({ OPENAI_API_KEY: 'sk-test' })).toBe(true);
    const clients = realClients({ OPENAI_API_KEY: 'sk-test', LOCAL_LLM_BASE_URL: 'http://127.0.0.1:1234/v1' });
    expect(clients?.primary.maxRetries).toBe(0);
    expect(clients?.local?.baseURL).toBe('http://127.0.0.1:1234/v1');
  });

  it('stops at the request cap instead of spending more', async () => {
    let calls = 0;
    const fetch = cappedFetch(2, async () => {
      calls++;
      return new Response('ok');
    });
    await fetch('http://x/');
    await fetch('http://x/');
    await expect(fetch('http://x/')).rejects.toBeInstanceOf(RealModeCapError);
    expect(calls).toBe(2);
  });
});
