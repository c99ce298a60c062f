import type { BankCode } from '@ayokit/core';
import { describe, expect, it } from 'vitest';
import { createTestEnv, DAY, MERCHANT_ID, type TestEnv } from '../testing';

/** A refused payment's answer: the case, and the transaction it recorded (for the status API). */
const refused = (responseCode: string, responseMessage: string) => ({
  responseCode,
  responseMessage,
  referenceNo: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
  partnerReferenceNo: expect.any(String),
});

async function bound(env: TestEnv, bankCode: BankCode, accountNumber = '1234567890', cardExpiry = '12/35') {
  const { account } = await env.client.bind({
    customerId: `user-${accountNumber}`,
    bankCode,
    accountNumber,
    cardExpiry,
  });
  if (!account) throw new Error('binding failed');
  return account;
}

describe('payment without OTP', () => {
  it('answers pending (03), settles 2 s later with money charged and a callback', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '002');
    const pay = await env.client.pay(account, 150_000);
    expect(pay.status).toBe(200);
    expect(pay.body).toMatchObject({
      responseCode: '2005400',
      partnerReferenceNo: pay.partnerReferenceNo,
      additionalInfo: { otpRequired: false, latestTransactionStatus: '03' },
    });
    expect(
      (await env.client.status({ referenceNo: pay.body.referenceNo })).body.latestTransactionStatus,
    ).toBe('03');
    expect(env.sandbox.ledger()[0]).toMatchObject({ status: '03', charged: false });
    await env.sandbox.clock.advance(2);
    const status = await env.client.status({ referenceNo: pay.body.referenceNo });
    expect(status.body).toMatchObject({
      responseCode: '2005500',
      originalReferenceNo: pay.body.referenceNo,
      originalPartnerReferenceNo: pay.partnerReferenceNo,
      serviceCode: '54',
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
      amount: { value: '150000.00', currency: 'IDR' },
      additionalInfo: { refundedAmount: { value: '0.00', currency: 'IDR' }, refunds: [] },
    });
    const callbacks = env.merchant.ofType('payment');
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]?.signatureValid).toBe(true);
    expect(callbacks[0]?.body).toMatchObject({
      responseCode: '2005400',
      originalPartnerReferenceNo: pay.partnerReferenceNo,
      originalReferenceNo: pay.body.referenceNo,
      latestTransactionStatus: '00',
      amount: { value: '150000.00', currency: 'IDR' },
    });
    expect(env.sandbox.ledger()).toEqual([
      {
        partnerReferenceNo: pay.partnerReferenceNo,
        referenceNo: pay.body.referenceNo,
        accountToken: account.accountToken,
        bankCode: '002',
        amount: 150_000,
        status: '00',
        charged: true,
        refundedAmount: 0,
        refunds: [],
      },
    ]);
  });

  it('refuses a reused partnerReferenceNo with 409xx01 and records nothing more', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '002');
    await env.client.pay(account, 10_000, 'same-ref');
    const dup = await env.client.pay(account, 20_000, 'same-ref');
    expect(dup.status).toBe(409);
    expect(dup.body.responseCode).toBe('4095401');
    expect(env.sandbox.ledger()).toHaveLength(1);
  });

  it('refuses a customer token issued for another account (401xx02)', async () => {
    const env = await createTestEnv();
    const a = await bound(env, '002', '1111111111');
    const b = await bound(env, '002', '2222222222');
    const res = await env.client.call(
      'payment',
      {
        partnerReferenceNo: 'x1',
        bankCardToken: b.accountToken,
        merchantId: MERCHANT_ID,
        amount: { value: '10000.00', currency: 'IDR' },
        additionalInfo: {},
      },
      { customerToken: await env.client.customerToken(a.authCode) },
    );
    expect(res.body.responseCode).toBe('4015402');
    expect(env.sandbox.ledger()).toHaveLength(0);
  });
});

describe('payment with OTP', () => {
  it('BCA always asks; 123456 passes, then it settles', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '014');
    const pay = await env.client.pay(account, 10_000);
    expect(pay.body.additionalInfo).toEqual({
      otpRequired: true,
      otpExpiresAt: '2026-01-15T10:05:00+07:00',
      latestTransactionStatus: '01',
    });
    const verified = await env.client.verifyPaymentOtp(
      account,
      { ...pay.body, partnerReferenceNo: pay.partnerReferenceNo },
      '123456',
    );
    expect(verified.body).toMatchObject({
      responseCode: '2000400',
      originalReferenceNo: pay.body.referenceNo,
      additionalInfo: { latestTransactionStatus: '03' },
    });
    await env.sandbox.clock.advance(2);
    expect(env.sandbox.ledger()[0]).toMatchObject({ status: '00', charged: true });
    expect(env.merchant.ofType('payment')[0]?.body).toMatchObject({ latestTransactionStatus: '00' });
  });

  it('BRI asks from 1,000,000 IDR', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '002');
    expect((await env.client.pay(account, 999_999)).body.additionalInfo).toMatchObject({
      otpRequired: false,
    });
    expect((await env.client.pay(account, 1_000_000)).body.additionalInfo).toMatchObject({
      otpRequired: true,
    });
  });

  it('the third wrong OTP blocks the account and fails the payment', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '014');
    const pay = await env.client.pay(account, 10_000);
    const ref = { referenceNo: pay.body.referenceNo, partnerReferenceNo: pay.partnerReferenceNo };
    const first = await env.client.verifyPaymentOtp(account, ref, '000000');
    expect(first.status).toBe(404);
    expect(first.body).toMatchObject({ responseCode: '4040415', additionalInfo: { remainingAttempts: 2 } });
    expect((await env.client.verifyPaymentOtp(account, ref, '000000')).body.additionalInfo).toEqual({
      remainingAttempts: 1,
    });
    const third = await env.client.verifyPaymentOtp(account, ref, '000000');
    expect(third.body).toEqual({ responseCode: '4030411', responseMessage: 'OTP Blocked' });
    await env.sandbox.flush();
    expect(env.merchant.ofType('payment')[0]?.body).toMatchObject({
      latestTransactionStatus: '06',
      additionalInfo: { failureResponseCode: '4030411' },
    });
    expect((await env.client.status(ref)).body).toMatchObject({
      latestTransactionStatus: '06',
      additionalInfo: { failureResponseCode: '4030411' },
    });
    const inquiry = await env.client.inquiry(account.bindingPartnerReferenceNo);
    expect(inquiry.tokenStatus).toBe('BLOCKED');
    const next = await env.client.pay(account, 10_000);
    expect(next.body).toEqual(refused('4035418', 'Account Blocked'));
    // Even the right OTP is too late now.
    expect((await env.client.verifyPaymentOtp(account, ref, '123456')).body.responseCode).toBe('4030411');
  });

  it('fails the payment when the OTP expires, with a callback, and verify answers 4030412', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '014');
    const pay = await env.client.pay(account, 10_000);
    const ref = { referenceNo: pay.body.referenceNo, partnerReferenceNo: pay.partnerReferenceNo };
    await env.sandbox.clock.advance(301);
    expect(env.merchant.ofType('payment')[0]?.body).toMatchObject({
      latestTransactionStatus: '06',
      additionalInfo: { failureResponseCode: '4030412' },
    });
    const late = await env.client.verifyPaymentOtp(account, ref, '123456');
    expect(late.status).toBe(403);
    expect(late.body.responseCode).toBe('4030412');
    expect(env.sandbox.ledger()[0]).toMatchObject({ status: '06', charged: false });
  });

  it('answers 4040401 for an unknown transaction and 4090401 when it is not waiting for an OTP', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '002');
    const unknown = await env.client.verifyPaymentOtp(
      account,
      { referenceNo: 'nope', partnerReferenceNo: 'nope' },
      '123456',
    );
    expect(unknown.body.responseCode).toBe('4040401');
    const pay = await env.client.pay(account, 10_000); // no OTP needed
    const res = await env.client.verifyPaymentOtp(
      account,
      { referenceNo: pay.body.referenceNo, partnerReferenceNo: pay.partnerReferenceNo },
      '123456',
    );
    expect(res.body).toEqual({ responseCode: '4090401', responseMessage: 'Transaction Not Awaiting OTP' });
  });
});

describe('refused payments are recorded as failed (06)', () => {
  it.each([
    ['0051', '4035414', 'Insufficient Funds'],
    ['0119', '4035418', 'Inactive Account'],
  ])('account ending %s answers %s', async (ending, code, message) => {
    const env = await createTestEnv();
    const account = await bound(env, '002', `123456${ending}`);
    const pay = await env.client.pay(account, 50_000);
    expect(pay.status).toBe(403);
    // The refusal names the transaction it recorded, for the status API.
    expect(pay.body).toEqual({
      responseCode: code,
      responseMessage: message,
      referenceNo: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      partnerReferenceNo: pay.partnerReferenceNo,
    });
    const status = await env.client.status({ referenceNo: pay.body.referenceNo });
    expect(status.body).toMatchObject({
      responseCode: '2005500',
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Failed',
      additionalInfo: { failureResponseCode: code, failureReason: message },
    });
    expect(env.sandbox.ledger()[0]).toMatchObject({
      status: '06',
      charged: false,
      failureResponseCode: code,
    });
  });

  it('zero and over-limit amounts answer 404xx13 and are recorded; a malformed amount is 400xx01', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '002');
    expect((await env.client.pay(account, 0)).body.responseCode).toBe('4045413');
    expect((await env.client.pay(account, 100_000_001)).body.responseCode).toBe('4045413');
    const customerToken = await env.client.customerToken(account.authCode);
    const malformed = await env.client.call(
      'payment',
      {
        partnerReferenceNo: 'bad-amount',
        bankCardToken: account.accountToken,
        merchantId: MERCHANT_ID,
        amount: { value: '10.5', currency: 'IDR' },
        additionalInfo: {},
      },
      { customerToken },
    );
    expect(malformed.body).toEqual({
      responseCode: '4005401',
      responseMessage: 'Invalid Field Format {amount.value}',
    });
    const missing = await env.client.call(
      'payment',
      { partnerReferenceNo: 'no-amount', bankCardToken: account.accountToken, merchantId: MERCHANT_ID },
      { customerToken },
    );
    expect(missing.body).toEqual({
      responseCode: '4005402',
      responseMessage: 'Invalid Mandatory Field {amount.value}',
    });
    expect(env.sandbox.ledger().map((e) => e.status)).toEqual(['06', '06']);
  });
});

describe('payment status', () => {
  it('finds a payment by originalReferenceNo and answers 4045501 otherwise', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '002');
    const pay = await env.client.pay(account, 10_000);
    expect((await env.client.status({ referenceNo: pay.body.referenceNo })).body.responseCode).toBe(
      '2005500',
    );
    // The reference asks by originalReferenceNo: the partner's reference alone is not enough…
    const byPartner = await env.client.status({ partnerReferenceNo: pay.partnerReferenceNo });
    expect(byPartner.body).toEqual({
      responseCode: '4005502',
      responseMessage: 'Invalid Mandatory Field {originalReferenceNo}',
    });
    const unknown = await env.client.status({ referenceNo: 'unknown' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.responseCode).toBe('4045501');
    expect(
      (await env.client.status({ referenceNo: pay.body.referenceNo, partnerReferenceNo: 'other' })).body
        .responseCode,
    ).toBe('4045501');
    const neither = await env.client.call('paymentStatus', { merchantId: MERCHANT_ID, serviceCode: '54' });
    expect(neither.body.responseCode).toBe('4005502');
  });

  it("finds it by originalPartnerReferenceNo alone when the profile's lostPaymentAnswer says so", async () => {
    const env = await createTestEnv({ profile: { dd: { lostPaymentAnswer: 'statusByPartnerReference' } } });
    const account = await bound(env, '002');
    const pay = await env.client.pay(account, 10_000);
    const byPartner = await env.client.status({ partnerReferenceNo: pay.partnerReferenceNo });
    expect(byPartner.body).toMatchObject({
      responseCode: '2005500',
      originalReferenceNo: pay.body.referenceNo,
    });
    const unknown = await env.client.status({ partnerReferenceNo: 'never-sent' });
    expect(unknown.body.responseCode).toBe('4045501');
  });
});

describe('token expiry (seed 003)', () => {
  it('Mandiri: 90 days without payment disables the token; each payment renews it', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '008');
    await env.sandbox.clock.advance(80 * DAY);
    expect((await env.client.pay(account, 10_000)).body.responseCode).toBe('2005400');
    await env.sandbox.clock.advance(80 * DAY); // 160 days after binding, 80 after the payment
    expect((await env.client.pay(account, 10_000)).body.responseCode).toBe('2005400');
    await env.sandbox.clock.advance(91 * DAY);
    const inquiry = await env.client.inquiry(account.bindingPartnerReferenceNo);
    expect(inquiry.tokenStatus).toBe('DISABLED');
    const refused = await env.client.pay(account, 10_000);
    expect(refused.status).toBe(403);
    expect(refused.body.responseCode).toBe('4035418');
  });

  it('Mandiri: an expired card fails payment with Card Expired before the 90 days', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '008', '1234567890', '02/26');
    expect(account.tokenEndDate).toBe('2026-02-28T23:59:59+07:00');
    await env.sandbox.clock.advance(45 * DAY);
    const res = await env.client.pay(account, 10_000);
    expect(res.body).toEqual(refused('4035408', 'Card Expired'));
  });

  it('Danamon: one year without payment; the card does not matter', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '011', '1234567890', '02/26');
    expect(account.tokenEndDate).toBe('2027-01-15T10:00:00+07:00');
    await env.sandbox.clock.advance(364 * DAY);
    expect((await env.client.pay(account, 10_000)).body.responseCode).toBe('2005400');
    await env.sandbox.clock.advance(366 * DAY);
    expect((await env.client.pay(account, 10_000)).body.responseCode).toBe('4035418');
  });

  it.each(['002', '009'] as const)(
    'bank %s: the token follows the card; past it, Card Expired',
    async (bankCode) => {
      const env = await createTestEnv();
      const account = await bound(env, bankCode, '1234567890', '03/26');
      expect(account.tokenEndDate).toBe('2026-03-31T23:59:59+07:00');
      await env.sandbox.clock.advance(70 * DAY); // 26 March
      expect((await env.client.pay(account, 10_000)).body.responseCode).toBe('2005400');
      await env.sandbox.clock.advance(10 * DAY); // 5 April
      const res = await env.client.pay(account, 10_000);
      expect(res.status).toBe(403);
      expect(res.body).toEqual(refused('4035408', 'Card Expired'));
      expect((await env.client.inquiry(account.bindingPartnerReferenceNo)).tokenStatus).toBe('DISABLED');
      expect(env.sandbox.ledger().map((e) => e.status)).toEqual(['00', '06']);
    },
  );

  it('BCA and CIMB tokens do not expire', async () => {
    const env = await createTestEnv();
    const account = await bound(env, '022', '1234567890', '02/26');
    expect(account.tokenEndDate).toBeNull();
    await env.sandbox.clock.advance(800 * DAY);
    expect((await env.client.pay(account, 10_000)).body.responseCode).toBe('2005400');
  });
});
