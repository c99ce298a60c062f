import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../testData';
import { createTestEnv, type TestEnv } from '../testing';

const ANI = 'ani-0001';
const BUDI = 'budi-0002';

async function withCard(
  cardNumber: string = TEST_CARDS.visa,
  overrides: Parameters<typeof createTestEnv>[0] = {},
) {
  const env = await createTestEnv(overrides);
  const cardToken = await env.card.cardToken(ANI, cardNumber);
  await env.sandbox.flush();
  env.merchant.received.length = 0;
  return { env, cardToken };
}

const idr = (value: number) => ({ value: `${value}.00`, currency: 'IDR' });

async function authorize(env: TestEnv, cardToken: string, amount = 100_000, ref = 'auth1') {
  const res = await env.card.charge({ customerId: ANI, operation: 'AUTHORIZE', amount, cardToken }, ref);
  expect(res.body).toMatchObject({ responseCode: '2005400', transactionStatus: 'AUTHORIZED' });
  return String(res.body.referenceNo);
}

function paymentCallbacks(env: TestEnv) {
  return env.merchant.ofType('card_payment').map((c) => [c.body.responseCode, c.body.transactionStatus]);
}

describe('card charge (54): PAY', () => {
  it('succeeds at once, with a callback, the status API and the card ledger agreeing', async () => {
    const { env, cardToken } = await withCard();
    const res = await env.card.charge(
      { customerId: ANI, operation: 'PAY', amount: 150_000, cardToken },
      'pay1',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      responseCode: '2005400',
      responseMessage: 'Successful',
      referenceNo: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      partnerReferenceNo: 'pay1',
      operation: 'PAY',
      transactionStatus: 'SUCCESS',
      amount: idr(150_000),
    });
    await env.sandbox.flush();
    const [callback] = env.merchant.ofType('card_payment');
    expect(callback?.signatureValid).toBe(true);
    expect(callback?.body).toEqual({ ...res.body });
    const byPartner = await env.card.status('pay1', ANI);
    expect(byPartner.body).toEqual({ ...res.body, responseCode: '2005500' });
    // Another customer's payment is not found.
    expect((await env.card.status('pay1', BUDI)).body.responseCode).toBe('4045501');
    const byRef = await env.card.status(String(res.body.referenceNo), ANI);
    expect(byRef.body.transactionStatus).toBe('SUCCESS');
    expect(env.sandbox.cardLedger()).toEqual([
      {
        referenceNo: res.body.referenceNo,
        partnerReferenceNo: 'pay1',
        customerId: ANI,
        cardToken,
        operation: 'PAY',
        status: 'SUCCESS',
        amount: 150_000,
        charged: true,
        chargedAmount: 150_000,
        refundedAmount: 0,
        events: [{ operation: 'PAY', partnerReferenceNo: 'pay1', amount: 150_000, at: expect.any(Number) }],
      },
    ]);
  });

  it('validates the documented body with 400xx01 / 400xx02 naming the field', async () => {
    const { env, cardToken } = await withCard();
    const base = {
      partnerReferenceNo: 'v1',
      cardToken,
      operation: 'PAY',
      customerId: ANI,
      order: { id: 'v1', amount: '1000.00', currency: 'IDR' },
      additionalInfo: { note: 'x' },
    };
    const order = (o: Record<string, unknown>) => ({ ...base, order: { ...base.order, ...o } });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, partnerReferenceNo: undefined }, '4005402', '{partnerReferenceNo}'],
      [{ ...base, partnerReferenceNo: 'x'.repeat(33) }, '4005401', '{partnerReferenceNo}'],
      [{ ...base, cardToken: undefined }, '4005402', '{cardToken}'],
      [{ ...base, cardToken: 'short' }, '4005401', '{cardToken}'],
      [{ ...base, operation: 'REFUND' }, '4005401', '{operation}'],
      [{ ...base, customerId: undefined }, '4005402', '{customerId}'],
      [{ ...base, customerId: 'ani' }, '4005401', '{customerId}'],
      [{ ...base, customerId: 'c'.repeat(17) }, '4005401', '{customerId}'],
      [{ ...base, order: undefined }, '4005402', '{order}'],
      [{ ...base, order: 'v1' }, '4005401', '{order}'],
      [order({ id: undefined }), '4005402', '{order.id}'],
      [order({ amount: undefined }), '4005402', '{order.amount}'],
      [order({ amount: '10.5' }), '4005401', '{order.amount}'],
      [order({ currency: 'USD' }), '4005401', '{order.currency}'],
      [{ ...base, additionalInfo: 'x' }, '4005401', '{additionalInfo}'],
      // PAY and AUTHORIZE open their order: its id is the request's own reference.
      [order({ id: 'other' }), '4005401', '{order.id}'],
    ];
    for (const [body, code, field] of cases) {
      const res = await env.card.call('charge', body);
      expect(res.body.responseCode, field).toBe(code);
      expect(res.body.responseMessage).toContain(field);
    }
    expect(env.sandbox.cardLedger()).toEqual([]);
    const ok = await env.card.call('charge', base);
    expect(ok.body).toMatchObject({ responseCode: '2005400', transactionStatus: 'SUCCESS' });
  });

  it('refuses a reused partnerReferenceNo with 409xx01 and charges nothing more', async () => {
    const { env, cardToken } = await withCard();
    await env.card.charge({ customerId: ANI, operation: 'PAY', amount: 10_000, cardToken }, 'sameref');
    const dup = await env.card.charge(
      { customerId: ANI, operation: 'PAY', amount: 10_000, cardToken },
      'sameref',
    );
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ responseCode: '4095401', responseMessage: 'Duplicate partnerReferenceNo' });
    expect(env.sandbox.cardLedger()).toHaveLength(1);
  });

  it('a retry after a lost answer (504) charges once; the status API tells the outcome', async () => {
    const { env, cardToken } = await withCard();
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'card.charge', action: 'gatewayTimeout' });
    const body = { customerId: ANI, operation: 'PAY' as const, amount: 10_000, cardToken };
    const lost = await env.card.charge(body, 'retry1');
    expect(lost.status).toBe(504);
    expect(lost.body).toEqual({ responseCode: '5045400', responseMessage: 'Gateway Timeout' });
    const retried = await env.card.charge(body, 'retry1');
    expect(retried.body.responseCode).toBe('4095401');
    expect((await env.card.status('retry1', ANI)).body.transactionStatus).toBe('SUCCESS');
    expect(env.sandbox.cardLedger().filter((e) => e.charged)).toHaveLength(1);
  });

  it('refuses an unknown token, another customer’s token and a bad amount, recorded as FAILED', async () => {
    const { env, cardToken } = await withCard();
    const unknown = await env.card.charge({
      customerId: ANI,
      operation: 'PAY',
      amount: 1000,
      cardToken: 'x'.repeat(40),
    });
    expect(unknown.body.responseCode).toBe('4045411');
    const other = await env.card.charge({ customerId: BUDI, operation: 'PAY', amount: 1000, cardToken });
    expect(other.body.responseCode).toBe('4045411');
    const zero = await env.card.charge({ customerId: ANI, operation: 'PAY', amount: 0, cardToken });
    expect(zero.body).toEqual({ responseCode: '4045413', responseMessage: 'Invalid Amount' });
    expect(env.sandbox.cardLedger().map((e) => [e.status, e.failureResponseCode, e.charged])).toEqual([
      ['FAILED', '4045411', false],
      ['FAILED', '4045411', false],
      ['FAILED', '4045413', false],
    ]);
    await env.sandbox.flush();
    expect(paymentCallbacks(env)).toEqual([
      ['2005400', 'FAILED'],
      ['2005400', 'FAILED'],
      ['2005400', 'FAILED'],
    ]);
  });
});

describe('test cards', () => {
  it.each([
    ['declined', TEST_CARDS.declined, 403, '4035405', 'Do Not Honor'],
    ['insufficient funds', TEST_CARDS.insufficientFunds, 403, '4035414', 'Insufficient Funds'],
    ['expired card', TEST_CARDS.expiredCard, 403, '4035408', 'Card Expired'],
  ])(
    '%s: registers, then charges are refused and recorded FAILED',
    async (_name, number, status, code, message) => {
      const { env, cardToken } = await withCard(number);
      const res = await env.card.charge(
        { customerId: ANI, operation: 'PAY', amount: 10_000, cardToken },
        'p1',
      );
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ responseCode: code, responseMessage: message });
      const st = await env.card.status('p1', ANI);
      expect(st.body).toMatchObject({
        transactionStatus: 'FAILED',
        failureResponseCode: code,
        failureReason: message,
      });
      expect(env.sandbox.cardLedger()[0]).toMatchObject({ charged: false, status: 'FAILED' });
    },
  );

  it('network error: 504 and PENDING, then SUCCESS later on the virtual clock with a callback', async () => {
    const { env, cardToken } = await withCard(TEST_CARDS.networkError);
    const res = await env.card.charge(
      { customerId: ANI, operation: 'PAY', amount: 10_000, cardToken },
      'net1',
    );
    expect(res.status).toBe(504);
    expect(res.body.responseCode).toBe('5045400');
    expect((await env.card.status('net1', ANI)).body.transactionStatus).toBe('PENDING');
    expect(env.sandbox.cardLedger()[0]).toMatchObject({ status: 'PENDING', charged: false });
    await env.sandbox.clock.advance(59);
    expect(paymentCallbacks(env)).toEqual([]);
    await env.sandbox.clock.advance(1);
    expect((await env.card.status('net1', ANI)).body.transactionStatus).toBe('SUCCESS');
    expect(paymentCallbacks(env)).toEqual([['2005400', 'SUCCESS']]);
    expect(env.sandbox.cardLedger()[0]).toMatchObject({ status: 'SUCCESS', charged: true });
  });
});

describe('AUTHORIZE → CAPTURE', () => {
  it('holds the amount, then captures up to 120 % once', async () => {
    const { env, cardToken } = await withCard();
    const res = await env.card.charge(
      { customerId: ANI, operation: 'AUTHORIZE', amount: 100_000, cardToken },
      'a1',
    );
    expect(res.body).toMatchObject({
      operation: 'AUTHORIZE',
      transactionStatus: 'AUTHORIZED',
      authorizedAmount: idr(100_000),
      authorizationExpiresAt: '2026-01-22T10:00:00+07:00',
    });
    expect(env.sandbox.cardLedger()[0]).toMatchObject({ charged: false, chargedAmount: 0 });
    const referenceNo = String(res.body.referenceNo);
    const tooMuch = await env.card.charge(
      { customerId: ANI, operation: 'CAPTURE', amount: 120_001, orderId: 'a1', cardToken },
      'c0',
    );
    expect(tooMuch.status).toBe(404);
    expect(tooMuch.body.responseCode).toBe('4045413');
    expect(tooMuch.body.responseMessage).toContain('120%');
    const captured = await env.card.charge(
      { customerId: ANI, operation: 'CAPTURE', amount: 120_000, orderId: 'a1', cardToken },
      'c1',
    );
    expect(captured.body).toMatchObject({
      responseCode: '2005400',
      referenceNo,
      partnerReferenceNo: 'a1',
      transactionStatus: 'SUCCESS',
      capturedAmount: idr(120_000),
    });
    const twice = await env.card.charge(
      { customerId: ANI, operation: 'CAPTURE', amount: 1000, orderId: 'a1', cardToken },
      'c2',
    );
    expect(twice.body).toEqual({
      responseCode: '4035415',
      responseMessage: 'Request Not Allowed. The authorisation was already captured',
    });
    // The capture's own partnerReferenceNo finds the payment too.
    expect((await env.card.status('c1', ANI)).body.referenceNo).toBe(referenceNo);
    expect(env.sandbox.cardLedger()[0]).toMatchObject({
      status: 'SUCCESS',
      charged: true,
      chargedAmount: 120_000,
      events: [
        expect.objectContaining({ operation: 'AUTHORIZE', amount: 100_000 }),
        expect.objectContaining({ operation: 'CAPTURE', partnerReferenceNo: 'c1', amount: 120_000 }),
      ],
    });
    await env.sandbox.flush();
    expect(paymentCallbacks(env)).toEqual([
      ['2005400', 'AUTHORIZED'],
      ['2005400', 'SUCCESS'],
    ]);
  });

  it('refuses to capture a PAY or an unknown reference', async () => {
    const { env, cardToken } = await withCard();
    const pay = await env.card.charge({ customerId: ANI, operation: 'PAY', amount: 1000, cardToken });
    const capturePay = await env.card.charge({
      customerId: ANI,
      operation: 'CAPTURE',
      amount: 1000,
      cardToken,
      orderId: String(pay.body.partnerReferenceNo),
    });
    expect(capturePay.body.responseCode).toBe('4035415');
    const unknown = await env.card.charge({
      customerId: ANI,
      operation: 'CAPTURE',
      amount: 1000,
      cardToken,
      orderId: 'nope',
    });
    expect(unknown.body.responseCode).toBe('4045401');
  });

  it('voids an authorisation not captured within the window, with a callback; no capture after', async () => {
    const { env, cardToken } = await withCard();
    await authorize(env, cardToken);
    await env.sandbox.clock.advance(7 * 86_400 - 1);
    expect(env.sandbox.cardLedger()[0]?.status).toBe('AUTHORIZED');
    await env.sandbox.clock.advance(1);
    expect(env.sandbox.cardLedger()[0]).toMatchObject({
      status: 'VOIDED',
      charged: false,
      events: [
        expect.objectContaining({ operation: 'AUTHORIZE' }),
        expect.objectContaining({ operation: 'VOID', partnerReferenceNo: null }),
      ],
    });
    expect(paymentCallbacks(env)).toEqual([
      ['2005400', 'AUTHORIZED'],
      ['2005700', 'VOIDED'],
    ]);
    const late = await env.card.charge({
      customerId: ANI,
      operation: 'CAPTURE',
      amount: 1000,
      cardToken,
      orderId: 'auth1',
    });
    expect(late.body).toEqual({
      responseCode: '4035415',
      responseMessage: 'Request Not Allowed. The authorisation is VOIDED',
    });
  });
});

const REFUNDS = { profile: { capabilities: { cardRefund: true } } };
const refundBody = (ref: string, orderId: string, amount: number) => ({
  partnerReferenceNo: ref,
  customerId: ANI,
  order: { id: orderId, amount: `${amount}.00`, currency: 'IDR' },
});

describe('void (57) and refund (58)', () => {
  it('voids only from AUTHORIZED, naming the authorisation by its order id', async () => {
    const { env, cardToken } = await withCard();
    const referenceNo = await authorize(env, cardToken);
    const voidOf = (ref: string, orderId: string, customerId = ANI) =>
      env.card.call('void', { partnerReferenceNo: ref, customerId, order: { id: orderId } });
    expect((await voidOf('v0', 'auth1', BUDI)).body.responseCode).toBe('4045701');
    const voided = await env.card.call('void', {
      partnerReferenceNo: 'v1',
      customerId: ANI,
      order: { id: 'auth1' },
      additionalInfo: { reason: 'cancelled' },
    });
    expect(voided.body).toMatchObject({ responseCode: '2005700', transactionStatus: 'VOIDED', referenceNo });
    const again = await voidOf('v2', 'auth1');
    expect(again.status).toBe(403);
    expect(again.body).toEqual({
      responseCode: '4035715',
      responseMessage: 'Request Not Allowed. Only an AUTHORIZED payment can be voided; this one is VOIDED',
    });
    await env.card.charge({ customerId: ANI, operation: 'PAY', amount: 1000, cardToken }, 'pay9');
    expect((await voidOf('v3', 'pay9')).body.responseCode).toBe('4035715');
    expect((await voidOf('v4', 'nope')).body.responseCode).toBe('4045701');
    expect((await voidOf('v1', 'auth1')).body.responseCode).toBe('4095701');
    expect((await env.card.call('void', { partnerReferenceNo: 'v5', customerId: ANI })).body).toEqual({
      responseCode: '4005702',
      responseMessage: 'Invalid Mandatory Field {order}',
    });
  });

  it('serves void only when capabilities.cardVoid is on (404 otherwise)', async () => {
    const { env, cardToken } = await withCard(TEST_CARDS.visa, {
      profile: { capabilities: { cardVoid: false } },
    });
    await authorize(env, cardToken);
    const res = await env.card.call('void', {
      partnerReferenceNo: 'v1',
      customerId: ANI,
      order: { id: 'auth1' },
    });
    expect(res.status).toBe(404);
    expect(env.sandbox.cardLedger()[0]?.status).toBe('AUTHORIZED');
  });

  it('has no refund API by default: 404, nothing refunded', async () => {
    const { env, cardToken } = await withCard();
    await env.card.charge({ customerId: ANI, operation: 'PAY', amount: 150_000, cardToken }, 'p1');
    const res = await env.card.call('refund', refundBody('r1', 'p1', 150_000));
    expect(res.status).toBe(404);
    expect(env.sandbox.cardLedger()[0]).toMatchObject({ status: 'SUCCESS', refundedAmount: 0 });
  });

  it('refunds the full paid amount only; partial and second refunds are refused', async () => {
    const { env, cardToken } = await withCard(TEST_CARDS.visa, REFUNDS);
    await env.card.charge({ customerId: ANI, operation: 'PAY', amount: 150_000, cardToken }, 'p1');
    const partial = await env.card.call('refund', refundBody('r0', 'p1', 50_000));
    expect(partial.status).toBe(404);
    expect(partial.body).toEqual({
      responseCode: '4045813',
      responseMessage: 'Invalid Amount. Partial refund not supported: refund the full 150000.00',
    });
    const full = await env.card.call('refund', refundBody('r1', 'p1', 150_000));
    expect(full.body).toMatchObject({
      responseCode: '2005800',
      refundNo: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      transactionStatus: 'REFUNDED',
      refundedAmount: idr(150_000),
    });
    const second = await env.card.call('refund', refundBody('r2', 'p1', 150_000));
    expect(second.body).toEqual({
      responseCode: '4035815',
      responseMessage: 'Request Not Allowed. The payment was already refunded',
    });
    const reused = await env.card.call('refund', refundBody('r1', 'p1', 150_000));
    expect(reused.body.responseCode).toBe('4095801');
    expect(env.sandbox.cardLedger()[0]).toMatchObject({
      status: 'REFUNDED',
      charged: true,
      refundedAmount: 150_000,
    });
    await env.sandbox.flush();
    expect(paymentCallbacks(env)).toEqual([
      ['2005400', 'SUCCESS'],
      ['2005800', 'REFUNDED'],
    ]);
  });

  it('refunds the captured amount of an authorisation; an uncaptured one is refused', async () => {
    const { env, cardToken } = await withCard(TEST_CARDS.visa, REFUNDS);
    await authorize(env, cardToken, 100_000);
    const early = await env.card.call('refund', refundBody('r0', 'auth1', 100_000));
    expect(early.body.responseCode).toBe('4035815');
    await env.card.charge(
      { customerId: ANI, operation: 'CAPTURE', amount: 90_000, orderId: 'auth1', cardToken },
      'c1',
    );
    expect((await env.card.call('refund', refundBody('r1', 'auth1', 100_000))).body.responseCode).toBe(
      '4045813',
    );
    const full = await env.card.call('refund', refundBody('r2', 'auth1', 90_000));
    expect(full.body).toMatchObject({
      transactionStatus: 'REFUNDED',
      capturedAmount: idr(90_000),
      refundedAmount: idr(90_000),
    });
  });

  it('status: a GET with the id, customerId and merchant id in the query; unknown is 404xx01', async () => {
    const { env, cardToken } = await withCard();
    const pay = await env.card.charge({ customerId: ANI, operation: 'PAY', amount: 1000, cardToken }, 'p1');
    const byRef = await env.card.status(String(pay.body.referenceNo), ANI);
    expect(byRef.body).toMatchObject({ responseCode: '2005500', transactionStatus: 'SUCCESS' });
    expect((await env.card.status('nope', ANI)).body.responseCode).toBe('4045501');
    expect(
      (await env.card.call('status', { referenceNo: 'p1', customerId: ANI, merchantId: 'OTHER1' })).body
        .responseCode,
    ).toBe('4045501');
    const cases: [Record<string, string>, string][] = [
      [{ customerId: ANI, merchantId: 'AYOPOP' }, 'Invalid Mandatory Field {referenceNo}'],
      [{ referenceNo: 'p-1', customerId: ANI, merchantId: 'AYOPOP' }, 'Invalid Field Format {referenceNo}'],
      [
        { referenceNo: 'x'.repeat(41), customerId: ANI, merchantId: 'AYOPOP' },
        'Invalid Field Format {referenceNo}',
      ],
      [{ referenceNo: 'p1', merchantId: 'AYOPOP' }, 'Invalid Mandatory Field {customerId}'],
      [{ referenceNo: 'p1', customerId: 'ani' }, 'Invalid Field Format {customerId}'],
      [{ referenceNo: 'p1', customerId: ANI }, 'Invalid Mandatory Field {merchantId}'],
    ];
    for (const [query, message] of cases) {
      expect((await env.card.call('status', query)).body.responseMessage, message).toBe(message);
    }
    // The status is a GET: a POST to its path is 405; create-charge is no GET.
    const post = await env.sandbox.fetch(
      new Request('http://sandbox.test/api/v1/lab/mpgs/cards/charge', { method: 'POST', body: '{}' }),
    );
    expect(post.status).toBe(405);
  });
});
