import { DD_PATHS } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { createSandbox } from './sandbox';
import { BASE_URL, createTestEnv, testKeyPair } from './testing';

describe('createSandbox', () => {
  it('refuses a binding session length outside 1..60 minutes, and a bad merchantId', async () => {
    const { publicKeyPem } = await testKeyPair();
    const base = {
      merchantId: 'AYOPOP',
      clients: [{ clientId: 'c', clientSecret: 's', publicKeyPem }],
      publicBaseUrl: BASE_URL,
    };
    expect(() => createSandbox({ ...base, bindingSessionMinutes: 0 })).toThrow(
      /bindingSessionMinutes must be from 1 to 60/,
    );
    expect(() => createSandbox({ ...base, bindingSessionMinutes: 61 })).toThrow(/bindingSessionMinutes/);
    expect(() => createSandbox({ ...base, merchantId: 'TOO-LONG' })).toThrow(/merchantId/);
    expect(() => createSandbox({ ...base, publicBaseUrl: 'localhost' })).toThrow(/publicBaseUrl/);
    expect(() => createSandbox({ ...base, bindingSessionMinutes: 60 })).not.toThrow();
  });

  it('start() runs due work in real time; stop() ends it', async () => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({
      customerId: 'u',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    env.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 0.15 });
    env.sandbox.start();
    try {
      await env.client.pay(account!, 10_000);
      expect(env.sandbox.ledger()[0]?.status).toBe('03');
      await new Promise((r) => setTimeout(r, 450));
      expect(env.sandbox.ledger()[0]?.status).toBe('00');
    } finally {
      env.sandbox.stop();
    }
  });

  it('answers unknown routes and wrong methods with JSON, never a crash', async () => {
    const env = await createTestEnv();
    const res = await env.sandbox.fetch(new Request(`${BASE_URL}/nope`));
    expect(res.status).toBe(404);
    const get = await env.sandbox.fetch(new Request(`${BASE_URL}${DD_PATHS.payment}`));
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ responseCode: '4055400', responseMessage: 'Method Not Allowed' });
  });
});
