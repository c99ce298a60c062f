import { describe, expect, it } from 'vitest';
import { Faults } from './faults';
import { createTestEnv, type TestEnv } from './testing';

async function boundAccount(env: TestEnv) {
  const { account } = await env.client.bind({
    customerId: 'u',
    bankCode: '002',
    accountNumber: '1234567890',
  });
  if (!account) throw new Error('binding failed');
  return account;
}

describe('endpoint faults', () => {
  it('error: answers 500xx00 without processing', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'error' });
    const res = await env.client.pay(account, 10_000, 'faulty-1');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ responseCode: '5005400', responseMessage: 'General Error' });
    expect(env.sandbox.ledger()).toEqual([]);
    // Nothing was processed: the same partnerReferenceNo goes through on retry.
    expect((await env.client.pay(account, 10_000, 'faulty-1')).body.responseCode).toBe('2005400');
  });

  it('gatewayTimeout: processes the request, then answers 504xx00', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'gatewayTimeout' });
    const res = await env.client.pay(account, 10_000, 'timeout-1', 'TimeoutFlow1');
    expect(res.status).toBe(504);
    expect(res.body.responseCode).toBe('5045400');
    // The lost answer: the same request with the same X-EXTERNAL-ID gets the first answer back.
    const replay = await env.client.pay(account, 10_000, 'timeout-1', 'TimeoutFlow1');
    expect(replay.body).toMatchObject({ responseCode: '2005400', partnerReferenceNo: 'timeout-1' });
    await env.sandbox.clock.advance(2);
    const status = await env.client.status({ referenceNo: replay.body.referenceNo });
    expect(status.body).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00' });
    expect(env.sandbox.ledger()).toHaveLength(1);
    expect(env.sandbox.ledger()[0]).toMatchObject({ partnerReferenceNo: 'timeout-1', charged: true });
  });

  it('hang: processes the request and withholds the answer for delayMs', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'hang', delayMs: 80 });
    const started = Date.now();
    const res = await env.client.pay(account, 10_000, 'hang-1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    expect(res.body.responseCode).toBe('2005400');
    expect(env.sandbox.ledger()).toHaveLength(1);
  });

  it('hang: reset releases a withheld answer', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'hang' });
    // Reset once the payment is processed and its answer withheld: a hang reports the change as
    // it starts (a fixed 30 ms wait reset too early on a loaded machine, before the request was
    // even authenticated: then it failed 401).
    const hanging = new Promise<void>((resolve) => {
      const off = env.sandbox.onChange(() => {
        if (env.sandbox.ledger().length === 0) return;
        off();
        resolve();
      });
    });
    const pending = env.client.pay(account, 10_000);
    await hanging;
    env.sandbox.reset();
    expect((await pending).body.responseCode).toBe('2005400');
  });

  it('fires count times, on its endpoint only', async () => {
    const env = await createTestEnv();
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'b2bToken', action: 'error', count: 2 });
    const body = { grantType: 'client_credentials', additionalInfo: {} };
    expect((await env.client.tokenRequest('b2bToken', body)).body.responseCode).toBe('5007300');
    expect((await env.client.tokenRequest('b2bToken', body)).body.responseCode).toBe('5007300');
    expect((await env.client.tokenRequest('b2bToken', body)).body.responseCode).toBe('2007300');
    expect(env.sandbox.faults.list()).toEqual([]);
  });

  it('bank slow: the next payment settles after settleSeconds', async () => {
    const env = await createTestEnv();
    const account = await boundAccount(env);
    env.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 90 });
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(89);
    expect(env.sandbox.ledger()[0]?.status).toBe('03');
    await env.sandbox.clock.advance(1);
    expect(env.sandbox.ledger()[0]?.status).toBe('00');
    await env.client.pay(account, 10_000);
    await env.sandbox.clock.advance(2);
    expect(env.sandbox.ledger()[1]?.status).toBe('00');
  });

  it('refuses invalid faults with a clear error', async () => {
    const env = await createTestEnv();
    expect(() =>
      env.sandbox.faults.add({ target: 'endpoint', endpoint: 'nope' as 'payment', action: 'error' }),
    ).toThrow(/endpoint must be one of/);
    expect(() => env.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: -1 })).toThrow(
      /settleSeconds/,
    );
  });
});

describe('faults on the card API', () => {
  it('error on card.charge: 5005400 without charging; gatewayTimeout on card.token: 5040000', async () => {
    const env = await createTestEnv();
    const cardToken = await env.card.cardToken('ani-0001', '4111111111111111');
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'card.charge', action: 'error' });
    const res = await env.card.charge(
      { customerId: 'ani-0001', operation: 'PAY', amount: 1000, cardToken },
      'f1',
    );
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ responseCode: '5005400', responseMessage: 'General Error' });
    expect(env.sandbox.cardLedger()).toEqual([]);
    expect(
      (await env.card.charge({ customerId: 'ani-0001', operation: 'PAY', amount: 1000, cardToken }, 'f1'))
        .status,
    ).toBe(200);
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'card.token', action: 'gatewayTimeout' });
    const token = await env.card.tokenRequest();
    expect(token.status).toBe(504);
    expect(token.body).toEqual({ responseCode: '5040000', responseMessage: 'Gateway Timeout' });
  });

  it('hang on card.refund (where the profile has one): processed, answer withheld', async () => {
    const env = await createTestEnv({ profile: { capabilities: { cardRefund: true } } });
    const cardToken = await env.card.cardToken('ani-0001', '4111111111111111');
    const pay = await env.card.charge({ customerId: 'ani-0001', operation: 'PAY', amount: 1000, cardToken });
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'card.refund', action: 'hang', delayMs: 50 });
    const started = Date.now();
    const res = await env.card.call('refund', {
      partnerReferenceNo: 'r1',
      customerId: 'ani-0001',
      order: { id: pay.body.partnerReferenceNo, amount: '1000.00', currency: 'IDR' },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(res.body.responseCode).toBe('2005800');
  });

  it('names the card endpoints in its refusal', () => {
    expect(() =>
      new Faults().add({ target: 'endpoint', endpoint: 'card.nope' as 'card.charge', action: 'error' }),
    ).toThrow(
      /card\.token, card\.registration, card\.cards, card\.unbinding, card\.charge, card\.status, card\.void, card\.refund/,
    );
  });
});
