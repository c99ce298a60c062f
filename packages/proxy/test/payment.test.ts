import { describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { newKey } from './harness';
import { worldOn } from './world';

type Payment = {
  id: string;
  status: string;
  amount: number;
  otp: { attemptsLeft: number; lastError: { code: string } | null } | null;
  failure: { code: string; responseCode?: string } | null;
  refundedAmount: number;
};

describe.each(dbEngines)('payments on $name', (engine) => {
  const world = worldOn(engine);

  const bound = async (userId: string, bankCode: string, accountNumber: string, cardExpiry?: string) => {
    const shopper = world.as(userId);
    const { binding } = await shopper.bind({
      bankCode,
      accountNumber,
      ...(cardExpiry ? { cardExpiry } : {}),
    });
    expect(binding.status).toBe('succeeded');
    return { shopper, instrumentId: binding.instrumentId! };
  };

  it('lists the newest payments in a status, filtered before the limit', async () => {
    const { shopper, instrumentId } = await bound('pay-list', '002', '1234560099');
    const ids: string[] = [];
    for (const amount of [11_000, 12_000]) {
      ids.push((await shopper.pay<{ payment: Payment }>({ instrumentId, amount })).body.payment.id);
    }
    await world.settle();
    // The newest one asks for an OTP (1,000,000 and above at BRI).
    const waiting = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 1_500_000 });
    expect(waiting.body.payment.status).toBe('requires_otp');
    const list = async (query: string) =>
      (await shopper.get<{ payments: Payment[] }>(`/payments?${query}`)).body.payments.map((p) => p.id);
    expect(await list('status=succeeded&limit=1')).toEqual([ids[1]]);
    expect(await list('status=succeeded')).toEqual([ids[1], ids[0]]);
    expect(await list('status=requires_otp&limit=1')).toEqual([waiting.body.payment.id]);
    expect(await list('limit=2')).toEqual([waiting.body.payment.id, ids[1]]);
    expect(await list('status=failed')).toEqual([]);
  });

  it('pays without OTP: processing, then the callback makes it succeeded, charged once', async () => {
    const { shopper, instrumentId } = await bound('pay-no-otp', '002', '1234560001');
    const res = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 150_000,
      description: 'Kopi',
    });
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({ status: 'processing', amount: 150_000, otp: null });
    await world.settle();
    const after = await shopper.get<{ payment: Payment }>(`/payments/${res.body.payment.id}`);
    expect(after.body.payment.status).toBe('succeeded');
    const charged = world.sandbox.ledger().filter((e) => e.charged && e.amount === 150_000);
    expect(charged.length).toBeGreaterThanOrEqual(1);
  });

  it('pays with OTP (BCA always asks), accepting the right code', async () => {
    const { shopper, instrumentId } = await bound('pay-otp', '014', '2234560002');
    const res = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 50_000 });
    expect(res.body.payment.status).toBe('requires_otp');
    expect(res.body.payment.otp?.attemptsLeft).toBe(3);
    const wrong = await shopper.post<{ payment: Payment }>(
      `/payments/${res.body.payment.id}/otp`,
      { otp: '000000' },
      { key: null },
    );
    expect(wrong.body.payment.status).toBe('requires_otp');
    expect(wrong.body.payment.otp).toMatchObject({ attemptsLeft: 2, lastError: { code: 'OTP_INVALID' } });
    const ok = await shopper.post<{ payment: Payment }>(
      `/payments/${res.body.payment.id}/otp`,
      { otp: '123456' },
      { key: null },
    );
    expect(['processing', 'succeeded']).toContain(ok.body.payment.status);
    await world.settle();
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${res.body.payment.id}`)).body.payment.status,
    ).toBe('succeeded');
  });

  it('fails after the third wrong OTP and marks the account blocked', async () => {
    const { shopper, instrumentId } = await bound('pay-otp-blocked', '014', '3234560003');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 75_000 });
    let last: Payment = body.payment;
    for (let i = 0; i < 3; i++) {
      last = (
        await shopper.post<{ payment: Payment }>(
          `/payments/${body.payment.id}/otp`,
          { otp: '111111' },
          { key: null },
        )
      ).body.payment;
    }
    expect(last.status).toBe('failed');
    expect(last.failure?.code).toBe('OTP_BLOCKED');
    const list = await shopper.get<{ instruments: { id: string; status: string }[] }>('/instruments');
    expect(list.body.instruments.find((i) => i.id === instrumentId)?.status).toBe('blocked');
    const again = await shopper.pay({ instrumentId, amount: 1_000 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INSTRUMENT_NOT_ACTIVE' });
  });

  it('reports insufficient funds with the upstream responseCode, confirmed by the status API', async () => {
    const { shopper, instrumentId } = await bound('pay-nsf', '002', '4234560051');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 20_000 });
    expect(body.payment.status).toBe('failed');
    expect(body.payment.failure).toMatchObject({ code: 'INSUFFICIENT_FUNDS', responseCode: '4035414' });
  });

  it('charges once when the browser retries with the same Idempotency-Key', async () => {
    const { shopper, instrumentId } = await bound('pay-retry', '002', '5234560005');
    const key = newKey();
    const first = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 33_000 }, { key });
    const second = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 33_000 }, { key });
    expect(second.body.payment.id).toBe(first.body.payment.id);
    const parallel = await Promise.all(
      [1, 2, 3].map(() => shopper.pay<{ payment: Payment }>({ instrumentId, amount: 33_000 }, { key })),
    );
    expect(new Set(parallel.map((r) => r.body.payment.id))).toEqual(new Set([first.body.payment.id]));
    await world.settle();
    const charged = world.sandbox.ledger().filter((e) => e.amount === 33_000 && e.charged);
    expect(charged).toHaveLength(1);
    // The same key for another checkout is another request: refused, nothing created.
    const another = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 34_000,
      orderId: 'order-other',
    });
    const other = await shopper.post(`/checkouts/${another.id}/pay`, { instrumentId }, { key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('never fails a payment on a 5xx: an unprocessed request is resent with the same X-EXTERNAL-ID and charged once', async () => {
    const { shopper, instrumentId } = await bound('pay-5xx', '002', '6234560006');
    world.sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'error', count: 1 });
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 41_000 });
    expect(body.payment.status).toBe('processing');
    await world.advance(60);
    await world.advance(60);
    const after = await shopper.get<{ payment: Payment }>(`/payments/${body.payment.id}`);
    expect(after.body.payment.status).toBe('succeeded');
    expect(world.sandbox.ledger().filter((e) => e.amount === 41_000 && e.charged)).toHaveLength(1);
  });

  it('a request processed behind a 504 is found by the status API, not sent twice', async () => {
    const { shopper, instrumentId } = await bound('pay-504', '002', '7234560007');
    world.sandbox.faults.add({ target: 'endpoint', endpoint: 'payment', action: 'gatewayTimeout', count: 1 });
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 42_000 });
    expect(body.payment.status).toBe('processing');
    await world.advance(60);
    await world.advance(60);
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${body.payment.id}`)).body.payment.status,
    ).toBe('succeeded');
    expect(world.sandbox.ledger().filter((e) => e.amount === 42_000)).toHaveLength(1);
  });

  it('a lost payment callback is reconciled through the status API', async () => {
    const { shopper, instrumentId } = await bound('pay-lost-cb', '002', '8234560008');
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'payment', count: 1 });
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 43_000 });
    await world.settle();
    expect((await world.proxy.store.get('payments', body.payment.id))?.status).toBe('processing');
    await world.advance(31);
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${body.payment.id}`)).body.payment.status,
    ).toBe('succeeded');
  });

  it('refuses another user: their instrument cannot pay, their payment cannot be read or refunded', async () => {
    const { shopper, instrumentId } = await bound('victim', '002', '9234560009');
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 44_000 });
    await world.settle();
    const thief = world.as('thief');
    expect((await thief.pay({ instrumentId, amount: 1_000 })).status).toBe(404);
    expect((await thief.get(`/payments/${body.payment.id}`)).status).toBe(404);
    expect((await thief.post(`/payments/${body.payment.id}/refunds`, {})).status).toBe(404);
    expect((await thief.post(`/instruments/${instrumentId}/unbind`, {})).status).toBe(404);
    const list = await thief.get<{ instruments: unknown[] }>('/instruments');
    expect(list.body.instruments).toEqual([]);
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const { shopper, instrumentId } = await bound('bad-input', '002', '1034560010');
    // The merchant's server's own mistakes: refused with INVALID_REQUEST, naming the field.
    const base = { userId: shopper.userId, amount: 100, orderId: 'order-bad' };
    for (const input of [
      { ...base, amount: -5 },
      { ...base, amount: 10.5 },
      { ...base, amount: 1e15 },
      { ...base, amount: '100' },
      { ...base, orderId: 'not ok' },
      { ...base, mode: 'later' },
      { ...base, extra: true },
    ]) {
      await expect(world.proxy.checkouts.create(input as never), JSON.stringify(input)).rejects.toMatchObject(
        {
          code: 'INVALID_REQUEST',
          status: 400,
        },
      );
    }
    // The browser's: only an instrument of its own may be named.
    const checkout = await world.proxy.checkouts.create(base);
    const pay = (body: unknown, options?: Parameters<typeof shopper.post>[2]) =>
      shopper.post(`/checkouts/${checkout.id}/pay`, body, options);
    for (const body of [
      { instrumentId, amount: 1 },
      { instrumentId, currency: 'USD' },
      { instrumentId, mode: 'authorize' },
      { instrumentId, orderId: 'order-cheap' },
      { instrumentId: 'ins_x' },
      [],
      {},
    ]) {
      const res = await pay(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_REQUEST' });
    }
    expect((await pay(undefined, { raw: '{"instrumentId":' })).body).toMatchObject({ code: 'INVALID_JSON' });
    expect((await pay({ instrumentId }, { key: null })).body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_MISSING',
    });
    expect((await pay({ instrumentId }, { key: 'short' })).status).toBe(400);
    expect((await shopper.post(`/checkouts/chk_x/pay`, { instrumentId })).status).toBe(400);
    const list = await shopper.get<{ payments: unknown[] }>('/payments');
    expect(list.body.payments).toEqual([]);
  });

  it('refuses a cross-site POST and an anonymous caller', async () => {
    const shopper = world.as('csrf');
    const res = await shopper.post('/bindings', { bankCode: '002' }, { origin: 'http://evil.test' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN_ORIGIN' });
    const anon = await world.proxy.fetch(new Request('http://shop.test/ayokit/v1/instruments'));
    expect(anon.status).toBe(401);
  });

  it('refetches an expired B2B token transparently', async () => {
    const { shopper, instrumentId } = await bound('token-expiry', '002', '1134560011');
    const before = world.proxy.client.stats.byEndpoint.b2bToken ?? 0;
    await world.sandbox.clock.advance(3_601);
    const res = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 45_000 });
    expect(res.body.payment.status).toBe('processing');
    expect(world.proxy.client.stats.byEndpoint.b2bToken).toBe(before + 1);
  });

  it('card expiry on the virtual clock gives Card Expired and an expired instrument', async () => {
    const now = new Date(world.sandbox.clock.now());
    const soon = `${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCFullYear() % 100).padStart(2, '0')}`;
    const { shopper, instrumentId } = await bound('card-expiry', '009', '1234560012', soon);
    await world.sandbox.clock.advance(40 * 86_400);
    const { body } = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 46_000 });
    expect(body.payment.status).toBe('failed');
    expect(body.payment.failure?.code).toBe('CARD_EXPIRED');
    const list = await shopper.get<{ instruments: { id: string; status: string }[] }>('/instruments');
    expect(list.body.instruments.find((i) => i.id === instrumentId)?.status).toBe('expired');
  });
});
