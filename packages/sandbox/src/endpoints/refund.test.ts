import type { BankCode } from '@ayokit/core';
import { describe, expect, it } from 'vitest';
import { createTestEnv, DAY, type TestEnv } from '../testing';

async function settledPayment(
  env: TestEnv,
  bankCode: BankCode = '002',
  accountNumber = '1234567890',
  amount = 100_000,
) {
  const { account } = await env.client.bind({
    customerId: `u-${accountNumber}`,
    bankCode,
    accountNumber,
  });
  if (!account) throw new Error('binding failed');
  const pay = await env.client.pay(account, amount);
  const payment = { referenceNo: pay.body.referenceNo, partnerReferenceNo: pay.partnerReferenceNo };
  if (pay.body.additionalInfo.otpRequired) await env.client.verifyPaymentOtp(account, payment, '123456');
  await env.sandbox.clock.advance(2);
  return { account, payment };
}

describe('refund', () => {
  it('refunds at once (2005800), updates refundedAmount, and turns 04 when fully refunded', async () => {
    const env = await createTestEnv();
    const { account, payment } = await settledPayment(env);
    const partial = await env.client.refund(account, payment, 40_000, 'refund-1');
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({
      responseCode: '2005800',
      originalReferenceNo: payment.referenceNo,
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      partnerRefundNo: 'refund-1',
      refundAmount: { value: '40000.00', currency: 'IDR' },
    });
    let status = await env.client.status(payment);
    expect(status.body).toMatchObject({
      latestTransactionStatus: '00',
      additionalInfo: {
        refundedAmount: { value: '40000.00', currency: 'IDR' },
        refunds: [
          { partnerRefundNo: 'refund-1', status: 'SUCCESS', amount: { value: '40000.00', currency: 'IDR' } },
        ],
      },
    });
    await env.client.refund(account, payment, 60_000, 'refund-2');
    status = await env.client.status(payment);
    expect(status.body).toMatchObject({ latestTransactionStatus: '04', transactionStatusDesc: 'Refunded' });
    await env.sandbox.flush();
    const callbacks = env.merchant.ofType('refund');
    expect(callbacks.map((c) => c.body.partnerRefundNo)).toEqual(['refund-1', 'refund-2']);
    expect(callbacks[0]?.body).toMatchObject({
      responseCode: '2005800',
      refundAmount: { value: '40000.00', currency: 'IDR' },
      additionalInfo: { refundStatus: 'SUCCESS' },
    });
    expect(env.sandbox.ledger()[0]).toMatchObject({
      status: '04',
      charged: true,
      refundedAmount: 100_000,
      refunds: [
        { partnerRefundNo: 'refund-1', amount: 40_000, status: 'SUCCESS' },
        { partnerRefundNo: 'refund-2', amount: 60_000, status: 'SUCCESS' },
      ],
    });
  });

  it('refuses refunds beyond the payment amount (4045813) and a reused partnerRefundNo (409xx01)', async () => {
    const env = await createTestEnv();
    const { account, payment } = await settledPayment(env);
    const over = await env.client.refund(account, payment, 100_001);
    expect(over.status).toBe(404);
    expect(over.body.responseCode).toBe('4045813');
    await env.client.refund(account, payment, 70_000, 'r1');
    expect((await env.client.refund(account, payment, 40_000)).body.responseCode).toBe('4045813');
    const dup = await env.client.refund(account, payment, 10_000, 'r1');
    expect(dup.body.responseCode).toBe('4095801');
    expect(env.sandbox.ledger()[0]?.refundedAmount).toBe(70_000);
  });

  it('refuses a refund past the bank window (CIMB 7 days) with 4035815', async () => {
    const env = await createTestEnv();
    const { account, payment } = await settledPayment(env, '022');
    await env.sandbox.clock.advance(6 * DAY);
    expect((await env.client.refund(account, payment, 1_000)).body.responseCode).toBe('2005800');
    await env.sandbox.clock.advance(2 * DAY);
    const late = await env.client.refund(account, payment, 1_000);
    expect(late.status).toBe(403);
    expect(late.body.responseCode).toBe('4035815');
  });

  it('BNI has no refund window', async () => {
    const env = await createTestEnv();
    const { account, payment } = await settledPayment(env, '009');
    await env.sandbox.clock.advance(2000 * DAY);
    expect((await env.client.refund(account, payment, 1_000)).body.responseCode).toBe('2005800');
  });

  it('refuses refunding a payment that did not succeed', async () => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({
      customerId: 'u',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    const pay = await env.client.pay(account!, 10_000); // still pending
    const res = await env.client.refund(
      account!,
      { referenceNo: pay.body.referenceNo, partnerReferenceNo: pay.partnerReferenceNo },
      1_000,
    );
    expect(res.body.responseCode).toBe('4035815');
    const unknown = await env.client.refund(account!, { referenceNo: 'x', partnerReferenceNo: 'y' }, 1_000);
    expect(unknown.body.responseCode).toBe('4045801');
  });

  it.each([
    ['0036', 500, '5005800', 'Refund In Process'],
    ['0202', 202, '2025800', 'Request In Progress'],
  ])(
    'account ending %s: HTTP %i, %s %s, completed 120 s later with a callback',
    async (ending, http, code, message) => {
      const env = await createTestEnv();
      const { account, payment } = await settledPayment(env, '002', `123456${ending}`);
      const res = await env.client.refund(account, payment, 100_000, 'slow-1');
      expect(res.status).toBe(http);
      expect(res.body).toMatchObject({
        responseCode: code,
        responseMessage: message,
        partnerRefundNo: 'slow-1',
      });
      let status = await env.client.status(payment);
      expect(status.body).toMatchObject({
        latestTransactionStatus: '00',
        additionalInfo: { refundedAmount: { value: '0.00' }, refunds: [{ status: 'PROCESSING' }] },
      });
      await env.sandbox.flush();
      expect(env.merchant.ofType('refund')).toHaveLength(0);
      // A processing refund still counts against the amount.
      expect((await env.client.refund(account, payment, 1_000)).body.responseCode).toBe('4045813');
      await env.sandbox.clock.advance(119);
      expect(env.merchant.ofType('refund')).toHaveLength(0);
      await env.sandbox.clock.advance(1);
      status = await env.client.status(payment);
      expect(status.body).toMatchObject({
        latestTransactionStatus: '04',
        transactionStatusDesc: 'Refunded',
        additionalInfo: { refundedAmount: { value: '100000.00' }, refunds: [{ status: 'SUCCESS' }] },
      });
      expect(env.merchant.ofType('refund')).toHaveLength(1);
      expect(env.sandbox.ledger()[0]).toMatchObject({ status: '04', charged: true, refundedAmount: 100_000 });
    },
  );
});
