import { AUTHORIZATION_WINDOW_SECONDS, DEFAULT_WIRE_PROFILE } from '@ayokit/core/snap';
import { NETWORK_ERROR_RESOLVE_SECONDS, TEST_CARDS } from '@ayokit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import { cardCustomerIdOf } from '../src/flows/cardRegistration';
import { newKey } from './harness';
import { worldOn } from './world';

type Payment = {
  id: string;
  status: string;
  amount: number;
  instrumentId: string;
  instrumentType: string;
  mode: string;
  capturedAmount: number;
  authorizationExpiresAt: string | null;
  refundedAmount: number;
  failure: { code: string; responseCode?: string } | null;
};
type Refund = { id: string; amount: number; status: string };

describe.each(dbEngines)('card payments on $name', (engine) => {
  const world = worldOn(engine, { profile: { capabilities: { cardRefund: true } } });

  /** The gateway's customerId of each user (the sandbox's ledger is by it). */
  const customers = new Map<string, string>();
  const withCard = async (userId: string, cardNumber: string = TEST_CARDS.visa) => {
    customers.set(userId, await cardCustomerIdOf(userId));
    const shopper = world.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber });
    expect(cardRegistration.status).toBe('succeeded');
    return { shopper, instrumentId: cardRegistration.instrumentId! };
  };
  const ledgerOf = (userId: string) =>
    world.sandbox.cardLedger().filter((e) => e.customerId === customers.get(userId));
  const chargeCalls = () => world.proxy.card.stats.byEndpoint.charge ?? 0;

  it('pays directly: succeeded at once, the amount captured, charged once', async () => {
    const { shopper, instrumentId } = await withCard('cp-direct');
    const res = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 150_000 });
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({
      status: 'succeeded',
      instrumentType: 'card',
      mode: 'direct',
      amount: 150_000,
      capturedAmount: 150_000,
      authorizationExpiresAt: null,
      failure: null,
    });
    await world.settle();
    expect(ledgerOf('cp-direct')).toEqual([
      expect.objectContaining({ operation: 'PAY', status: 'SUCCESS', charged: true, chargedAmount: 150_000 }),
    ]);
  });

  it('authorises, then captures the authorised amount; a second capture is refused, a replay is not', async () => {
    const { shopper, instrumentId } = await withCard('cp-auth');
    const res = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 100_000,
      mode: 'authorize',
    });
    expect(res.body.payment).toMatchObject({ status: 'authorized', mode: 'authorize', capturedAmount: 0 });
    const holdEnds = Date.parse(res.body.payment.authorizationExpiresAt!) - world.sandbox.clock.now();
    expect(Math.abs(holdEnds - AUTHORIZATION_WINDOW_SECONDS * 1000)).toBeLessThan(5_000);
    const id = res.body.payment.id;
    const key = newKey();
    const captured = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${id}/capture`,
      {},
      { key },
    );
    expect(captured.status).toBe(200);
    expect(captured.body.payment).toMatchObject({
      status: 'succeeded',
      capturedAmount: 100_000,
      authorizationExpiresAt: null,
    });
    const replay = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${id}/capture`,
      {},
      { key },
    );
    expect(replay.status).toBe(200);
    expect(replay.body.payment).toMatchObject({ id, status: 'succeeded', capturedAmount: 100_000 });
    const twice = await shopper.backOffice.post(`/payments/${id}/capture`, {});
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'INVALID_STATE' });
    const [entry] = ledgerOf('cp-auth');
    expect(entry?.events.map((e) => e.operation)).toEqual(['AUTHORIZE', 'CAPTURE']);
    expect(entry?.chargedAmount).toBe(100_000);
    expect((await shopper.backOffice.post(`/payments/${id}/void`, {})).status).toBe(409);
  });

  it('captures up to 120 %, and refuses more before asking the gateway', async () => {
    const { shopper, instrumentId } = await withCard('cp-120');
    const a = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 50_000,
      mode: 'authorize',
    });
    const before = chargeCalls();
    const over = await shopper.backOffice.post(`/payments/${a.body.payment.id}/capture`, { amount: 60_001 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'CAPTURE_EXCEEDS_AUTHORIZATION' });
    expect(chargeCalls()).toBe(before);
    const max = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${a.body.payment.id}/capture`,
      {
        amount: 60_000,
      },
    );
    expect(max.body.payment).toMatchObject({ status: 'succeeded', amount: 50_000, capturedAmount: 60_000 });
    expect(ledgerOf('cp-120')[0]?.chargedAmount).toBe(60_000);
    // What was taken is what a refund gives back, in full.
    const refund = await shopper.backOffice.post<{ refund: Refund }>(
      `/payments/${a.body.payment.id}/refunds`,
      {},
    );
    expect(refund.body.refund).toMatchObject({ amount: 60_000, status: 'succeeded' });
  });

  it('voids only an authorised payment; voiding again answers the voided payment', async () => {
    const { shopper, instrumentId } = await withCard('cp-void');
    const a = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 70_000,
      mode: 'authorize',
    });
    const voided = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${a.body.payment.id}/void`,
      {
        reason: 'Out of stock',
      },
    );
    expect(voided.status).toBe(200);
    expect(voided.body.payment).toMatchObject({ status: 'voided', capturedAmount: 0, failure: null });
    const again = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${a.body.payment.id}/void`,
      {},
    );
    expect(again.status).toBe(200);
    expect(again.body.payment.status).toBe('voided');
    expect((await shopper.backOffice.post(`/payments/${a.body.payment.id}/capture`, {})).body).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(ledgerOf('cp-void')[0]).toMatchObject({ status: 'VOIDED', charged: false });

    const direct = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 1_000 });
    const refused = await shopper.backOffice.post(`/payments/${direct.body.payment.id}/void`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'INVALID_STATE' });
    expect((await shopper.backOffice.post(`/payments/${direct.body.payment.id}/capture`, {})).status).toBe(
      409,
    );
  });

  it('replays a void by its Idempotency-Key: the same request is the same void, another is refused', async () => {
    const { shopper, instrumentId } = await withCard('cp-void-key');
    const held = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 20_000, mode: 'authorize' });
    const path = `/payments/${held.body.payment.id}/void`;
    const key = newKey();
    const voids = () => world.proxy.card.stats.byEndpoint.void ?? 0;
    const before = voids();
    const first = await shopper.backOffice.post<{ payment: Payment }>(
      path,
      { reason: 'Out of stock' },
      { key },
    );
    expect(first.body.payment.status).toBe('voided');
    const replay = await shopper.backOffice.post<{ payment: Payment }>(
      path,
      { reason: 'Out of stock' },
      { key },
    );
    expect(replay.status).toBe(200);
    expect(replay.body.payment).toEqual(first.body.payment);
    expect(voids()).toBe(before + 1);
    // The same key for another request (another reason, or a capture): refused, nothing sent.
    const other = await shopper.backOffice.post(path, { reason: 'Customer asked' }, { key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const capture = await shopper.backOffice.post(`/payments/${held.body.payment.id}/capture`, {}, { key });
    expect(capture.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(voids()).toBe(before + 1);
  });

  it("the gateway's automatic void of an expired authorisation reaches the proxy as voided / AUTHORIZATION_EXPIRED", async () => {
    const { shopper, instrumentId } = await withCard('cp-autovoid');
    const a = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 80_000,
      mode: 'authorize',
    });
    await world.sandbox.clock.advance(AUTHORIZATION_WINDOW_SECONDS + 1);
    await world.sandbox.flush();
    const read = await shopper.get<{ payment: Payment }>(`/payments/${a.body.payment.id}`);
    expect(read.body.payment).toMatchObject({
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
      capturedAmount: 0,
    });
    const late = await shopper.backOffice.post(`/payments/${a.body.payment.id}/capture`, {});
    expect(late.status).toBe(409);
  });

  it('an automatic void whose callback is lost is found by the reconciler', async () => {
    const { shopper, instrumentId } = await withCard('cp-autovoid-lost');
    const a = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 81_000,
      mode: 'authorize',
    });
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment', count: 1 });
    await world.sandbox.clock.advance(AUTHORIZATION_WINDOW_SECONDS + 1);
    await world.sandbox.flush();
    expect((await world.proxy.store.get('payments', a.body.payment.id))?.status).toBe('authorized');
    await world.advance(60);
    expect(await world.proxy.store.get('payments', a.body.payment.id)).toMatchObject({
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
    });
  });

  it('refunds a card payment in full only; a partial refund is refused before the gateway is asked', async () => {
    const { shopper, instrumentId } = await withCard('cp-refund');
    const p = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 90_000 });
    const before = world.proxy.card.stats.byEndpoint.refund ?? 0;
    const partial = await shopper.backOffice.post(`/payments/${p.body.payment.id}/refunds`, {
      amount: 10_000,
    });
    expect(partial.status).toBe(422);
    expect(partial.body).toMatchObject({ code: 'PARTIAL_REFUND_NOT_ALLOWED' });
    expect(world.proxy.card.stats.byEndpoint.refund ?? 0).toBe(before);
    const full = await shopper.backOffice.post<{ refund: Refund }>(`/payments/${p.body.payment.id}/refunds`, {
      amount: 90_000,
    });
    expect(full.status).toBe(201);
    expect(full.body.refund).toMatchObject({ amount: 90_000, status: 'succeeded' });
    const after = await shopper.get<{ payment: Payment }>(`/payments/${p.body.payment.id}`);
    expect(after.body.payment).toMatchObject({ status: 'succeeded', refundedAmount: 90_000 });
    const again = await shopper.backOffice.post(`/payments/${p.body.payment.id}/refunds`, {});
    expect(again.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT' });
    expect(ledgerOf('cp-refund')[0]).toMatchObject({ status: 'REFUNDED', refundedAmount: 90_000 });
    const authorized = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 5_000,
      mode: 'authorize',
    });
    expect(
      (await shopper.backOffice.post(`/payments/${authorized.body.payment.id}/refunds`, {})).status,
    ).toBe(409);
  });

  it.each([
    ['declined', TEST_CARDS.declined, 'PAYMENT_DECLINED', '4035405', 'active'],
    ['insufficient funds', TEST_CARDS.insufficientFunds, 'INSUFFICIENT_FUNDS', '4035414', 'active'],
    ['expired', TEST_CARDS.expiredCard, 'CARD_EXPIRED', '4035408', 'expired'],
  ])(
    'a %s card fails with the known code and the upstream responseCode',
    async (name, card, code, responseCode, status) => {
      const userId = `cp-${name.replace(/\s/g, '-')}`;
      const { shopper, instrumentId } = await withCard(userId, card);
      const res = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 20_000 });
      expect(res.body.payment).toMatchObject({
        status: 'failed',
        failure: { code, responseCode },
        capturedAmount: 0,
      });
      const list = await shopper.get<{ instruments: { id: string; status: string }[] }>('/instruments');
      expect(list.body.instruments.find((i) => i.id === instrumentId)?.status).toBe(status);
      expect(ledgerOf(userId)).toEqual([expect.objectContaining({ status: 'FAILED', charged: false })]);
    },
  );

  it('a network error leaves the payment processing; it is reconciled to succeeded, charged exactly once', async () => {
    const { shopper, instrumentId } = await withCard('cp-network', TEST_CARDS.networkError);
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment', count: 1 });
    const res = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 45_000 });
    expect(res.status).toBe(201);
    expect(res.body.payment.status).toBe('processing');
    await world.advance(NETWORK_ERROR_RESOLVE_SECONDS + 1);
    await world.advance(60);
    const after = await shopper.get<{ payment: Payment }>(`/payments/${res.body.payment.id}`);
    expect(after.body.payment).toMatchObject({ status: 'succeeded', capturedAmount: 45_000 });
    const ledger = ledgerOf('cp-network');
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ charged: true, chargedAmount: 45_000 });
  });

  it('a charge lost before the gateway is resent with the same partnerReferenceNo; one behind a 504 is not sent twice', async () => {
    const { shopper, instrumentId } = await withCard('cp-lost');
    world.sandbox.faults.add({ target: 'endpoint', endpoint: 'card.charge', action: 'error', count: 1 });
    const a = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 46_000 });
    expect(a.body.payment.status).toBe('processing');
    await world.advance(60);
    await world.advance(60);
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${a.body.payment.id}`)).body.payment.status,
    ).toBe('succeeded');
    world.sandbox.faults.add({
      target: 'endpoint',
      endpoint: 'card.charge',
      action: 'gatewayTimeout',
      count: 1,
    });
    const b = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 47_000 });
    expect(b.body.payment.status).toBe('processing');
    await world.advance(60);
    await world.advance(60);
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${b.body.payment.id}`)).body.payment.status,
    ).toBe('succeeded');
    const ledger = ledgerOf('cp-lost');
    expect(ledger.filter((e) => e.amount === 46_000 && e.charged)).toHaveLength(1);
    expect(ledger.filter((e) => e.amount === 47_000 && e.charged)).toHaveLength(1);
    const row = await world.proxy.store.get('payments', a.body.payment.id);
    expect(ledger.find((e) => e.amount === 46_000)?.partnerReferenceNo).toBe(row?.partnerReferenceNo);
  });

  it('a capture whose answer is lost is sent again unchanged and captured once', async () => {
    const { shopper, instrumentId } = await withCard('cp-capture-lost');
    const a = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 30_000,
      mode: 'authorize',
    });
    world.sandbox.faults.add({
      target: 'endpoint',
      endpoint: 'card.charge',
      action: 'gatewayTimeout',
      count: 1,
    });
    const key = newKey();
    const first = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${a.body.payment.id}/capture`,
      {},
      { key },
    );
    expect(first.status).toBe(200);
    expect(first.body.payment.status).toBe('authorized');
    const replay = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${a.body.payment.id}/capture`,
      {},
      { key },
    );
    expect(replay.body.payment).toMatchObject({ status: 'succeeded', capturedAmount: 30_000 });
    const [entry] = ledgerOf('cp-capture-lost');
    expect(entry?.events.filter((e) => e.operation === 'CAPTURE')).toHaveLength(1);
  });

  it('the same Idempotency-Key returns the same card payment and charges once', async () => {
    const { shopper, instrumentId } = await withCard('cp-retry');
    const key = newKey();
    const results = await Promise.all(
      [1, 2, 3].map(() => shopper.pay<{ payment: Payment }>({ instrumentId, amount: 33_000 }, { key })),
    );
    expect(new Set(results.map((r) => r.body.payment.id)).size).toBe(1);
    await world.settle();
    expect(ledgerOf('cp-retry')).toHaveLength(1);
    const another = await world.proxy.checkouts.create({
      userId: shopper.userId,
      amount: 34_000,
      orderId: 'order-other',
    });
    const other = await shopper.post(`/checkouts/${another.id}/pay`, { instrumentId }, { key });
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses to authorise from a bank account (MODE_NOT_SUPPORTED) and a capture without a key', async () => {
    const shopper = world.as('cp-mode');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '7734560001' });
    const res = await shopper.pay({
      instrumentId: binding.instrumentId,
      amount: 10_000,
      mode: 'authorize',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'MODE_NOT_SUPPORTED' });
    const dd = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId,
      amount: 10_000,
    });
    expect(dd.body.payment).toMatchObject({ instrumentType: 'bank_account', mode: 'direct' });
    expect((await shopper.backOffice.post(`/payments/${dd.body.payment.id}/void`, {})).status).toBe(409);
    expect(
      (await shopper.backOffice.post(`/payments/${dd.body.payment.id}/capture`, {}, { key: null })).body,
    ).toMatchObject({
      code: 'IDEMPOTENCY_KEY_MISSING',
    });
    expect((await shopper.pay({ instrumentId: binding.instrumentId, amount: 1, mode: 'hold' })).status).toBe(
      400,
    );
  });

  it("one user can never see or touch another's card, registration or card payments", async () => {
    const { shopper, instrumentId } = await withCard('cp-victim');
    const auth = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 12_000,
      mode: 'authorize',
    });
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 13_000 });
    const thief = world.as('cp-thief');
    expect((await thief.pay({ instrumentId, amount: 1_000 })).status).toBe(404);
    expect((await thief.get(`/payments/${auth.body.payment.id}`)).status).toBe(404);
    expect((await thief.post(`/payments/${auth.body.payment.id}/capture`, {})).status).toBe(404);
    expect((await thief.post(`/payments/${auth.body.payment.id}/void`, {})).status).toBe(404);
    expect((await thief.post(`/payments/${paid.body.payment.id}/refunds`, {})).status).toBe(404);
    expect((await thief.post(`/instruments/${instrumentId}/unbind`, {})).status).toBe(404);
    expect((await thief.get<{ instruments: unknown[] }>('/instruments')).body.instruments).toEqual([]);
    expect((await thief.get<{ payments: unknown[] }>('/payments')).body.payments).toEqual([]);
    expect((await world.proxy.store.get('payments', auth.body.payment.id))?.status).toBe('authorized');
  });

  it('never shows the card token in any response or event', async () => {
    const { shopper, instrumentId } = await withCard('cp-secret');
    const row = await world.proxy.store.get('instruments', instrumentId);
    const token = row?.type === 'card' ? row.cardToken : '';
    expect(token).toHaveLength(40);
    const texts: string[] = [];
    const a = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 14_000,
      mode: 'authorize',
    });
    texts.push(JSON.stringify(a.body));
    texts.push(
      JSON.stringify((await shopper.backOffice.post(`/payments/${a.body.payment.id}/capture`, {})).body),
    );
    texts.push(
      JSON.stringify((await shopper.backOffice.post(`/payments/${a.body.payment.id}/refunds`, {})).body),
    );
    texts.push(JSON.stringify((await shopper.get('/payments')).body));
    texts.push(JSON.stringify((await shopper.get('/instruments')).body));
    texts.push(JSON.stringify((await shopper.post(`/instruments/${instrumentId}/unbind`, {})).body));
    await world.settle();
    for (const e of await world.proxy.store.eventsAfter('cp-secret', 0)) texts.push(JSON.stringify(e.event));
    for (const text of texts) {
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/cardToken|correlationId|partnerReferenceNo/i);
    }
  });

  it('unbinds a card at once, without an OTP: gone from the list, cannot pay', async () => {
    const { shopper, instrumentId } = await withCard('cp-unbind');
    const res = await shopper.post<{ unbinding: { id: string; status: string; otp: unknown } }>(
      `/instruments/${instrumentId}/unbind`,
      {},
    );
    expect(res.status).toBe(201);
    expect(res.body.unbinding).toMatchObject({ status: 'succeeded', otp: null });
    expect((await world.proxy.store.get('instruments', instrumentId))?.status).toBe('unbound');
    expect((await shopper.get<{ instruments: unknown[] }>('/instruments')).body.instruments).toEqual([]);
    const pay = await shopper.pay({ instrumentId, amount: 10_000 });
    expect(pay.status).toBe(409);
    expect(pay.body).toMatchObject({ code: 'INSTRUMENT_NOT_ACTIVE' });
    const again = await shopper.post(`/instruments/${instrumentId}/unbind`, {});
    expect(again.body).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('a card unbinding whose answer is lost is confirmed from the card list', async () => {
    const { shopper, instrumentId } = await withCard('cp-unbind-lost');
    world.sandbox.faults.add({
      target: 'endpoint',
      endpoint: 'card.unbinding',
      action: 'gatewayTimeout',
      count: 1,
    });
    const res = await shopper.post<{ unbinding: { id: string; status: string } }>(
      `/instruments/${instrumentId}/unbind`,
      {},
    );
    expect(res.body.unbinding.status).toBe('processing');
    await world.advance(60);
    const read = await shopper.get<{ unbinding: { status: string } }>(`/unbindings/${res.body.unbinding.id}`);
    expect(read.body.unbinding.status).toBe('succeeded');
    expect((await world.proxy.store.get('instruments', instrumentId))?.status).toBe('unbound');
  });
});

describe.each(dbEngines)('card answers the proxy cannot take as they come, on $name', (engine) => {
  /** While set, rewrites the JSON body of each card answer (the gateway on an odd day). */
  let rewrite: ((body: Record<string, unknown>) => void) | null = null;
  /** The query of every status GET the proxy sent. */
  const statusQueries: string[] = [];
  const logged: { level: string; message: string }[] = [];
  const world = worldOn(engine, {
    profile: { capabilities: { cardRefund: true } },
    upstream: async (request, next) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'GET' && path === DEFAULT_WIRE_PROFILE.card.paths.status) {
        statusQueries.push(new URL(request.url).search);
      }
      const res = await next(request);
      if (!rewrite || !path.startsWith('/api/v1/lab/mpgs/cards/')) return res;
      const body = (await res.json()) as Record<string, unknown>;
      rewrite(body);
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(body), { status: res.status, headers });
    },
    proxy: { log: (level, message) => logged.push({ level, message }) },
  });
  afterEach(() => {
    rewrite = null;
    world.sandbox.faults.clear();
    logged.length = 0;
  });

  /** A card, and this user's card_payment callbacks lost from now on: only answers and status reads count. */
  const withCardNoCallbacks = async (userId: string) => {
    const shopper = world.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa });
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment', count: 1000 });
    return { shopper, instrumentId: cardRegistration.instrumentId! };
  };

  it('an authorisation expiry that is no date is taken as missing: authorised, no 500, a reconciler that does not throw', async () => {
    const { shopper, instrumentId } = await withCardNoCallbacks('odd-date');
    rewrite = (body) => {
      if ('authorizationExpiresAt' in body) body.authorizationExpiresAt = '1796415973';
    };
    const res = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 100_000, mode: 'authorize' });
    expect(res.status).toBe(201);
    expect(res.body.payment.status).toBe('authorized');
    expect(logged).toContainEqual({
      level: 'warn',
      message: "a date in Ayoconnect's answer could not be read: taken as missing",
    });
    for (let i = 0; i < 4; i++) await world.advance(3_600);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
    expect((await world.proxy.store.get('payments', res.body.payment.id))?.status).toBe('authorized');
  });

  it("refunds a payment whose answers never named the gateway's referenceNo: sent once, by its order id", async () => {
    const { shopper, instrumentId } = await withCardNoCallbacks('odd-no-reference');
    // The gateway's id under another name: the proxy never learns it (the status goes by ours).
    rewrite = (body) => {
      if ('referenceNo' in body) {
        body.invoiceNumber = body.referenceNo;
        delete body.referenceNo;
      }
    };
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 30_000 });
    expect(paid.body.payment.status).toBe('succeeded');
    expect((await world.proxy.store.get('payments', paid.body.payment.id))?.referenceNo).toBeNull();
    const calls = world.proxy.card.stats.byEndpoint.refund ?? 0;
    const res = await shopper.backOffice.post<{ refund: Refund }>(
      `/payments/${paid.body.payment.id}/refunds`,
      {},
    );
    expect(res.body.refund.status).toBe('succeeded');
    expect(world.proxy.card.stats.byEndpoint.refund).toBe(calls + 1);
    expect((await world.proxy.payments.get(paid.body.payment.id))?.refundedAmount).toBe(30_000);
  });

  it('a hold with no expiry named is looked at when its window ends, not every pass; one held past it, less and less often', async () => {
    const { shopper, instrumentId } = await withCardNoCallbacks('odd-no-expiry');
    rewrite = (body) => {
      delete body.authorizationExpiresAt;
    };
    const held = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 10_000, mode: 'authorize' });
    expect(held.body.payment.status).toBe('authorized');
    const row = (await world.proxy.store.get('payments', held.body.payment.id))!;
    // Status calls about this payment (by the gateway's id or ours).
    const statusCalls = () =>
      statusQueries.filter((q) => q.includes(row.referenceNo ?? row.partnerReferenceNo)).length;
    const asked = statusCalls();
    const HOUR = 3_600;
    for (let hour = 1; hour < AUTHORIZATION_WINDOW_SECONDS / HOUR; hour++) await world.advance(HOUR);
    expect(statusCalls() - asked).toBe(0);
    // The gateway still holds it past the window (its clock, not ours): asked again, backing off.
    rewrite = (body) => {
      delete body.authorizationExpiresAt;
      if (body.transactionStatus === 'VOIDED') body.transactionStatus = 'AUTHORIZED';
    };
    await world.advance(HOUR + 60);
    expect(statusCalls() - asked).toBe(1);
    for (let minute = 0; minute < 60; minute++) await world.advance(60);
    expect(statusCalls() - asked).toBeLessThan(12);
    rewrite = null;
    await world.advance(15 * 60);
    expect(await world.proxy.payments.get(held.body.payment.id)).toMatchObject({
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
    });
  });
});
