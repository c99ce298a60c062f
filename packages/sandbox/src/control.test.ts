import { describe, expect, it } from 'vitest';
import { BASE_URL, createTestEnv } from './testing';

async function control(
  env: Awaited<ReturnType<typeof createTestEnv>>,
  method: string,
  path: string,
  body?: unknown,
  raw?: string,
) {
  const res = await env.sandbox.fetch(
    new Request(`${BASE_URL}/sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined || raw !== undefined ? { body: raw ?? JSON.stringify(body) } : {}),
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & unknown[] };
}

describe('control API', () => {
  it('reads and advances the virtual clock, validating the seconds', async () => {
    const env = await createTestEnv();
    const clock = await control(env, 'GET', '/clock');
    expect(clock.body).toMatchObject({ iso: expect.stringMatching(/^2026-01-15T10:00:0\d\+07:00$/) });
    const advanced = await control(env, 'POST', '/clock/advance', { seconds: 3600 });
    expect(advanced.status).toBe(200);
    expect(advanced.body.iso).toMatch(/^2026-01-15T11:00:0\d\+07:00$/);
    for (const bad of [
      { seconds: 0 },
      { seconds: -5 },
      { seconds: 'ten' },
      { seconds: 11 * 366 * 86_400 },
      {},
    ]) {
      const res = await control(env, 'POST', '/clock/advance', bad);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'invalid_request', message: expect.stringContaining('seconds') });
    }
    const malformed = await control(env, 'POST', '/clock/advance', undefined, '{');
    expect(malformed.status).toBe(400);
  });

  it('advancing runs due work, e.g. expires a binding session', async () => {
    const env = await createTestEnv();
    await env.client.startBinding('u');
    await control(env, 'POST', '/clock/advance', { seconds: 200 });
    expect(env.merchant.ofType('binding')).toHaveLength(1);
  });

  it('serves the ledger, flush and reset', async () => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({
      customerId: 'u',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    await env.client.pay(account!, 10_000, 'ledger-1');
    expect((await control(env, 'POST', '/flush')).body).toEqual({ ok: true });
    const ledger = await control(env, 'GET', '/ledger');
    expect(ledger.body).toEqual([
      expect.objectContaining({ partnerReferenceNo: 'ledger-1', amount: 10_000 }),
    ]);
    expect((await control(env, 'POST', '/reset')).status).toBe(200);
    expect((await control(env, 'GET', '/ledger')).body).toEqual([]);
    // B2B tokens survive a reset; business data does not.
    expect(await env.client.inquiry(account!.publicUserId).catch((e: Error) => e.message)).toMatch(/4040811/);
  });

  it('serves the test data', async () => {
    const env = await createTestEnv();
    const data = await control(env, 'GET', '/test-data');
    expect(data.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ input: 'OTP 123456' }),
        expect.objectContaining({ input: 'Account ending 0051' }),
      ]),
    );
  });

  it('adds, lists and clears faults; refuses bad ones with 400', async () => {
    const env = await createTestEnv();
    const added = await control(env, 'POST', '/faults', {
      target: 'callbacks',
      action: 'delay',
      delaySeconds: 5,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      id: expect.any(String),
      target: 'callbacks',
      action: 'delay',
      count: 1,
    });
    await control(env, 'POST', '/faults', {
      target: 'endpoint',
      endpoint: 'refund',
      action: 'hang',
      delayMs: 10,
      count: 3,
    });
    expect((await control(env, 'GET', '/faults')).body).toHaveLength(2);
    expect((await control(env, 'DELETE', `/faults/${String(added.body.id)}`)).status).toBe(200);
    expect((await control(env, 'GET', '/faults')).body).toHaveLength(1);
    expect((await control(env, 'DELETE', '/faults')).body).toEqual({ ok: true });
    expect((await control(env, 'GET', '/faults')).body).toEqual([]);
    for (const bad of [
      { target: 'moon' },
      { target: 'callbacks', action: 'explode' },
      { target: 'callbacks', action: 'drop', type: 'nope' },
      { target: 'endpoint', endpoint: 'payment', action: 'error', count: 0 },
      { target: 'bank', action: 'slow' },
      [],
    ]) {
      const res = await control(env, 'POST', '/faults', bad);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'invalid_request', message: expect.any(String) });
    }
  });

  it('is off in strict mode (404), while the Direct Debit API still works', async () => {
    const env = await createTestEnv({ mode: 'strict' });
    expect((await control(env, 'GET', '/clock')).status).toBe(404);
    expect(
      (await control(env, 'POST', '/faults', { target: 'bank', action: 'slow', settleSeconds: 1 })).status,
    ).toBe(404);
    expect((await env.client.startBinding('u')).body.responseCode).toBe('2000700');
  });

  it('is on in demo mode', async () => {
    const env = await createTestEnv({ mode: 'demo' });
    expect((await control(env, 'GET', '/clock')).status).toBe(200);
  });
});
