import { describe, expect, it } from 'vitest';
import { cappedFetch, RealModeCapError, realClients, realModeAvailable } from './clients';

describe('real mode', () => {
  it('is only available with a key in the server environment', () => {
    expect(realModeAvailable({})).toBe(false);
    expect(realClients({})).toBeUndefined();
    // A key alone is not enough: only whoever runs the server switches real mode on.
    expect(realModeAvailable({ OPENAI_API_KEY: 'sk-test' })).toBe(false);
    expect(realModeAvailable({ OPENAI_API_KEY: 'sk-test', SANDBOX_REAL_MODE: '1' })).toBe(true);
    const clients = realClients({ OPENAI_API_KEY: 'sk-test', SANDBOX_REAL_MODE: '1', LOCAL_LLM_BASE_URL: 'http://127.0.0.1:1234/v1' });
    expect(clients?.primary.maxRetries).toBe(0);
    expect(clients?.local?.baseURL).toBe('http://127.0.0.1:1234/v1');
  });

  it('stops at the request cap instead of spending more', async () => {
    let calls = 0;
    const fetch = cappedFetch([{ cap: 2, scope: 'server', used: 0 }], async () => {
      calls++;
      return new Response('ok');
    });
    await fetch('http://x/');
    await fetch('http://x/');
    await expect(fetch('http://x/')).rejects.toBeInstanceOf(RealModeCapError);
    expect(calls).toBe(2);
  });

  it('counts each request against the session cap beside the server cap, and names the one spent', async () => {
    const server = { cap: 10, scope: 'server' as const, used: 0 };
    const alice = { cap: 1, scope: 'session' as const, used: 0 };
    const bob = { cap: 1, scope: 'session' as const, used: 0 };
    const ok = async () => new Response('ok');
    await cappedFetch([server, alice], ok)('http://x/');
    const refused = await cappedFetch([server, alice], ok)('http://x/').catch((e: unknown) => e);
    expect(refused).toMatchObject({ scope: 'session', cap: 1 });
    await cappedFetch([server, bob], ok)('http://x/');
    expect(server.used).toBe(2);
  });
});
