import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../testData';
import { createTestEnv, type TestEnv } from '../testing';

async function withCard(cardNumber: string = TEST_CARDS.visa) {
  const env = await createTestEnv();
  const cardToken = await env.card.cardToken('ani', cardNumber);
  await env.sandbox.flush();
  env.merchant.received.length = 0;
  return { env, cardToken };
}

const idr = (value: number) => ({ value: `${value}.00`, currency: 'IDR' });

async function authorize(env: TestEnv, cardToken: string, amount = 100_000, ref = 'auth-1') {
  const res = await env.card.charge({ customerId: 'ani', operation: 'AUTHORIZE', amount, cardToken }, ref);
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
      { customerId: 'ani', operation: 'PAY', amount: 150_000, cardToken },
      'pay-1',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      responseCode: '2005400',
      responseMessage: 'Successful',
      referenceNo: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      partnerReferenceNo: 'pay-1',
      operation: 'PAY',
      transactionStatus: 'SUCCESS',
      amount: idr(150_000),
    });
    await env.sandbox.flush();
    const [callback] = env.merchant.ofType('card_payment');
    expect(callback?.signatureValid).toBe(true);
    expect(callback?.body).toEqual({ ...res.body });
    const byPartner = await env.card.call('status', { originalPartnerReferenceNo: 'pay-1' });
    expect(byPartner.body).toEqual({ ...res.body, responseCode: '2005500' });
    const byRef = await env.card.call('status', { originalReferenceNo: res.body.referenceNo });
    expect(byRef.body.transactionStatus).toBe('SUCCESS');
    expect(env.sandbox.cardLedger()).toEqual([
      {
        referenceNo: res.body.referenceNo,
        partnerReferenceNo: 'pay-1',
        customerId: 'ani',
        cardToken,
        operation: 'PAY',
        status: 'SUCCESS',
        amount: 150_000,
        charged: true,
        chargedAmount: 150_000,
        refundedAmount: 0,
        events: [{ operation: 'PAY', partnerReferenceNo: 'pay-1', amount: 150_000, at: expect.any(Number) }],
      },
    ]);
  });

  it('validates the body with 400xx01 / 400xx02 naming the field', async () => {
    const { env, cardToken } = await withCard();
    const base = {
      partnerReferenceNo: 'v1',
      customerId: 'ani',
      operation: 'PAY',
      amount: idr(1000),
      cardToken,
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, partnerReferenceNo: undefined }, '4005402', '{partnerReferenceNo}'],
      [{ ...base, customerId: undefined }, '4005402', '{customerId}'],
      [{ ...base, operation: 'REFUND' }, '4005401', '{operation}'],
      [{ ...base, amount: { value: '10.5', currency: 'IDR' } }, '4005401', '{amount.value}'],
      [{ ...base, amount: { value: '1000.00', currency: 'USD' } }, '4005401', '{amount.currency}'],
      [{ ...base, cardToken: undefined }, '4005402', '{cardToken}'],
      [{ ...base, operation: 'CAPTURE', cardToken: undefined }, '4005402', '{originalReferenceNo}'],
    ];
    for (const [body, code, field] of cases) {
      const res = await env.card.call('charge', body);
      expect(res.body.responseCode, field).toBe(code);
      expect(res.body.responseMessage).toContain(field);
    }
    expect(env.sandbox.cardLedger()).toEqual([]);
  });

  it('refuses a reused partnerReferenceNo with 409xx01 and charges nothing more', async () => {
    const { env, cardToken } = await withCard();
    await env.card.charge({ customerId: 'ani', operation: 'PAY', amount: 10_000, cardToken }, 'same-ref');
    const dup = await env.card.charge(
      { customerId: 'ani', operation: 'PAY', amount: 10_000, cardToken },
      'same-ref',
    );
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ responseCode: '4095401', responseMessage: 'Duplicate partnerReferenceNo' });
    expect(env.sandbox.cardLedger()).toHaveLength(1);
  });

  it('a retry after a lost answer (504) charges once; the status API tells the outcome', async () => {
    const { env, cardToken } = await withCard();
    env.sandbox.faults.add({ target: 'endpoint', endpoint: 'card.charge', action: 'gatewayTimeout' });
    const body = { customerId: 'ani', operation: 'PAY' as const, amount: 10_000, cardToken };
    const lost = await env.card.charge(body, 'retry-1');
    expect(lost.status).toBe(504);
    expect(lost.body).toEqual({ responseCode: '5045400', responseMessage: 'Gateway Timeout' });
    const retried = await env.card.charge(body, 'retry-1');
    expect(retried.body.responseCode).toBe('4095401');
    expect(
      (await env.card.call('status', { originalPartnerReferenceNo: 'retry-1' })).body.transactionStatus,
    ).toBe('SUCCESS');
    expect(env.sandbox.cardLedger().filter((e) => e.charged)).toHaveLength(1);
  });

  it('refuses an unknown token, another customer’s token and a bad amount, recorded as FAILED', async () => {
    const { env, cardToken } = await withCard();
    const unknown = await env.card.charge({
      customerId: 'ani',
      operation: 'PAY',
      amount: 1000,
      cardToken: 'x'.repeat(40),
    });
    expect(unknown.body.responseCode).toBe('4045411');
    const other = await env.card.charge({ customerId: 'budi', operation: 'PAY', amount: 1000, cardToken });
    expect(other.body.responseCode).toBe('4045411');
    const zero = await env.card.charge({ customerId: 'ani', operation: 'PAY', amount: 0, cardToken });
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
        { customerId: 'ani', operation: 'PAY', amount: 10_000, cardToken },
        'p1',
      );
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ responseCode: code, responseMessage: message });
      const st = await env.card.call('status', { originalPartnerReferenceNo: 'p1' });
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
      { customerId: 'ani', operation: 'PAY', amount: 10_000, cardToken },
      'net-1',
    );
    expect(res.status).toBe(504);
    expect(res.body.responseCode).toBe('5045400');
    expect(
      (await env.card.call('status', { originalPartnerReferenceNo: 'net-1' })).body.transactionStatus,
    ).toBe('PENDING');
    expect(env.sandbox.cardLedger()[0]).toMatchObject({ status: 'PENDING', charged: false });
    await env.sandbox.clock.advance(59);
    expect(paymentCallbacks(env)).toEqual([]);
    await env.sandbox.clock.advance(1);
    expect(
      (await env.card.call('status', { originalPartnerReferenceNo: 'net-1' })).body.transactionStatus,
    ).toBe('SUCCESS');
    expect(paymentCallbacks(env)).toEqual([['2005400', 'SUCCESS']]);
    expect(env.sandbox.cardLedger()[0]).toMatchObject({ status: 'SUCCESS', charged: true });
  });
});

describe('AUTHORIZE → CAPTURE', () => {
  it('holds the amount, then captures up to 120 % once', async () => {
    const { env, cardToken } = await withCard();
    const res = await env.card.charge(
      { customerId: 'ani', operation: 'AUTHORIZE', amount: 100_000, cardToken },
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
      { customerId: 'ani', operation: 'CAPTURE', amount: 120_001, originalReferenceNo: referenceNo },
      'c0',
    );
    expect(tooMuch.status).toBe(404);
    expect(tooMuch.body.responseCode).toBe('4045413');
    expect(tooMuch.body.responseMessage).toContain('120%');
    const captured = await env.card.charge(
      { customerId: 'ani', operation: 'CAPTURE', amount: 120_000, originalReferenceNo: referenceNo },
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
      { customerId: 'ani', operation: 'CAPTURE', amount: 1000, originalReferenceNo: referenceNo },
      'c2',
    );
    expect(twice.body).toEqual({
      responseCode: '4035415',
      responseMessage: 'Request Not Allowed. The authorisation was already captured',
    });
    // The capture's own partnerReferenceNo finds the payment too.
    expect((await env.card.call('status', { originalPartnerReferenceNo: 'c1' })).body.referenceNo).toBe(
      referenceNo,
    );
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
    const pay = await env.card.charge({ customerId: 'ani', operation: 'PAY', amount: 1000, cardToken });
    const capturePay = await env.card.charge({
      customerId: 'ani',
      operation: 'CAPTURE',
      amount: 1000,
      originalReferenceNo: String(pay.body.referenceNo),
    });
    expect(capturePay.body.responseCode).toBe('4035415');
    const unknown = await env.card.charge({
      customerId: 'ani',
      operation: 'CAPTURE',
      amount: 1000,
      originalReferenceNo: 'nope',
    });
    expect(unknown.body.responseCode).toBe('4045401');
  });

  it('voids an authorisation not captured within the window, with a callback; no capture after', async () => {
    const { env, cardToken } = await withCard();
    const referenceNo = await authorize(env, cardToken);
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
      customerId: 'ani',
      operation: 'CAPTURE',
      amount: 1000,
      originalReferenceNo: referenceNo,
    });
    expect(late.body).toEqual({
      responseCode: '4035415',
      responseMessage: 'Request Not Allowed. The authorisation is VOIDED',
    });
  });
});

describe('void (57) and refund (58)', () => {
  it('voids only from AUTHORIZED', async () => {
    const { env, cardToken } = await withCard();
    const referenceNo = await authorize(env, cardToken);
    const voided = await env.card.call('void', {
      partnerReferenceNo: 'v1',
      originalReferenceNo: referenceNo,
      reason: 'cancelled',
    });
    expect(voided.body).toMatchObject({ responseCode: '2005700', transactionStatus: 'VOIDED', referenceNo });
    const again = await env.card.call('void', { partnerReferenceNo: 'v2', originalReferenceNo: referenceNo });
    expect(again.status).toBe(403);
    expect(again.body).toEqual({
      responseCode: '4035715',
      responseMessage: 'Request Not Allowed. Only an AUTHORIZED payment can be voided; this one is VOIDED',
    });
    const pay = await env.card.charge({ customerId: 'ani', operation: 'PAY', amount: 1000, cardToken });
    const voidPay = await env.card.call('void', {
      partnerReferenceNo: 'v3',
      originalReferenceNo: String(pay.body.referenceNo),
    });
    expect(voidPay.body.responseCode).toBe('4035715');
    expect(
      (await env.card.call('void', { partnerReferenceNo: 'v4', originalReferenceNo: 'nope' })).body
        .responseCode,
    ).toBe('4045701');
    expect(
      (await env.card.call('void', { partnerReferenceNo: 'v1', originalReferenceNo: referenceNo })).body
        .responseCode,
    ).toBe('4095701');
  });

  it('refunds the full paid amount only; partial and second refunds are refused', async () => {
    const { env, cardToken } = await withCard();
    const pay = await env.card.charge(
      { customerId: 'ani', operation: 'PAY', amount: 150_000, cardToken },
      'p1',
    );
    const referenceNo = String(pay.body.referenceNo);
    const partial = await env.card.call('refund', {
      partnerRefundNo: 'r0',
      originalReferenceNo: referenceNo,
      refundAmount: idr(50_000),
    });
    expect(partial.status).toBe(404);
    expect(partial.body).toEqual({
      responseCode: '4045813',
      responseMessage: 'Invalid Amount. Partial refund not supported: refund the full 150000.00',
    });
    const full = await env.card.call('refund', {
      partnerRefundNo: 'r1',
      originalReferenceNo: referenceNo,
      refundAmount: idr(150_000),
    });
    expect(full.body).toMatchObject({
      responseCode: '2005800',
      refundNo: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      transactionStatus: 'REFUNDED',
      refundedAmount: idr(150_000),
    });
    const second = await env.card.call('refund', {
      partnerRefundNo: 'r2',
      originalReferenceNo: referenceNo,
      refundAmount: idr(150_000),
    });
    expect(second.body).toEqual({
      responseCode: '4035815',
      responseMessage: 'Request Not Allowed. The payment was already refunded',
    });
    const reused = await env.card.call('refund', {
      partnerRefundNo: 'r1',
      originalReferenceNo: referenceNo,
      refundAmount: idr(150_000),
    });
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
    const { env, cardToken } = await withCard();
    const referenceNo = await authorize(env, cardToken, 100_000);
    const early = await env.card.call('refund', {
      partnerRefundNo: 'r0',
      originalReferenceNo: referenceNo,
      refundAmount: idr(100_000),
    });
    expect(early.body.responseCode).toBe('4035815');
    await env.card.charge(
      { customerId: 'ani', operation: 'CAPTURE', amount: 90_000, originalReferenceNo: referenceNo },
      'c1',
    );
    expect(
      (
        await env.card.call('refund', {
          partnerRefundNo: 'r1',
          originalReferenceNo: referenceNo,
          refundAmount: idr(100_000),
        })
      ).body.responseCode,
    ).toBe('4045813');
    const full = await env.card.call('refund', {
      partnerRefundNo: 'r2',
      originalReferenceNo: referenceNo,
      refundAmount: idr(90_000),
    });
    expect(full.body).toMatchObject({
      transactionStatus: 'REFUNDED',
      capturedAmount: idr(90_000),
      refundedAmount: idr(90_000),
    });
  });

  it('status: unknown 404xx01; either reference required', async () => {
    const { env } = await withCard();
    expect((await env.card.call('status', { originalReferenceNo: 'nope' })).body.responseCode).toBe(
      '4045501',
    );
    expect((await env.card.call('status', {})).body).toEqual({
      responseCode: '4005502',
      responseMessage: 'Invalid Mandatory Field {originalReferenceNo}',
    });
  });
});
