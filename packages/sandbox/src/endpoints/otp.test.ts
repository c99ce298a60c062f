import { describe, expect, it } from 'vitest';
import { createTestEnv, MERCHANT_ID, type TestEnv } from '../testing';

/** No OTP-resend API is documented: the sandbox serves one only when the profile says so. */
const RESEND = { profile: { capabilities: { otpResend: true } } };

async function otpPayment(env: TestEnv) {
  const { account } = await env.client.bind({
    customerId: 'u',
    bankCode: '014',
    accountNumber: '1234567890',
  });
  if (!account) throw new Error('binding failed');
  const pay = await env.client.pay(account, 10_000);
  expect(pay.body.additionalInfo.otpRequired).toBe(true);
  const ref = { referenceNo: pay.body.referenceNo, partnerReferenceNo: pay.partnerReferenceNo };
  const resend = async (action: 'PAYMENT' | 'UNBINDING' = 'PAYMENT', r = ref) =>
    env.client.call(
      'otp',
      {
        originalPartnerReferenceNo: r.partnerReferenceNo,
        originalReferenceNo: r.referenceNo,
        action,
        merchantId: MERCHANT_ID,
      },
      { customerToken: await env.client.customerToken(account.authCode) },
    );
  return { account, ref, resend };
}

describe('OTP resend (81)', () => {
  it('is not served unless profile.capabilities.otpResend is on (404, nothing else answers)', async () => {
    const env = await createTestEnv();
    const { resend } = await otpPayment(env);
    const res = await resend();
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
  });

  it('sends a new OTP with a fresh expiry after the cooldown, and 123456 still passes', async () => {
    const env = await createTestEnv(RESEND);
    const { account, ref, resend } = await otpPayment(env);
    await env.sandbox.clock.advance(240);
    const res = await resend();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      responseCode: '2008100',
      responseMessage: 'Successful',
      originalReferenceNo: ref.referenceNo,
      originalPartnerReferenceNo: ref.partnerReferenceNo,
      additionalInfo: {
        otpExpiresAt: '2026-01-15T10:09:00+07:00',
        nextResendAt: '2026-01-15T10:04:30+07:00',
        remainingResends: 2,
      },
    });
    // The first OTP's expiry (10:05) passes without failing the payment.
    await env.sandbox.clock.advance(120);
    expect(env.sandbox.ledger()[0]?.status).toBe('01');
    expect((await env.client.verifyPaymentOtp(account, ref, '123456')).body.responseCode).toBe('2000400');
  });

  it('answers 429xx00 with nextResendAt before the cooldown', async () => {
    const env = await createTestEnv(RESEND);
    const { resend } = await otpPayment(env);
    const early = await resend();
    expect(early.status).toBe(429);
    expect(early.body).toMatchObject({
      responseCode: '4298100',
      additionalInfo: { nextResendAt: '2026-01-15T10:00:30+07:00', remainingResends: 3 },
    });
    await env.sandbox.clock.advance(30);
    expect((await resend()).status).toBe(200);
    expect((await resend()).body).toMatchObject({
      responseCode: '4298100',
      additionalInfo: { nextResendAt: '2026-01-15T10:01:00+07:00', remainingResends: 2 },
    });
  });

  it('allows OTP_MAX_RESENDS (3) resends, then 429xx00 with no next resend', async () => {
    const env = await createTestEnv(RESEND);
    const { resend } = await otpPayment(env);
    for (let i = 0; i < 3; i++) {
      await env.sandbox.clock.advance(30);
      expect((await resend()).body.responseCode).toBe('2008100');
    }
    await env.sandbox.clock.advance(30);
    const refused = await resend();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      responseCode: '4298100',
      additionalInfo: { nextResendAt: null, remainingResends: 0 },
    });
  });

  it('does not reset the wrong-attempt count', async () => {
    const env = await createTestEnv(RESEND);
    const { account, ref, resend } = await otpPayment(env);
    await env.client.verifyPaymentOtp(account, ref, '000000');
    await env.client.verifyPaymentOtp(account, ref, '000000');
    await env.sandbox.clock.advance(30);
    expect((await resend()).status).toBe(200);
    const third = await env.client.verifyPaymentOtp(account, ref, '000000');
    expect(third.body.responseCode).toBe('4030411');
  });

  it('unknown reference 404xx01; not waiting for an OTP 403xx15; expired OTP 403xx12', async () => {
    const env = await createTestEnv(RESEND);
    const { account, ref, resend } = await otpPayment(env);
    const unknown = await resend('PAYMENT', { ...ref, referenceNo: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.responseCode).toBe('4048101');
    await env.client.verifyPaymentOtp(account, ref, '123456');
    const done = await resend();
    expect(done.status).toBe(403);
    expect(done.body).toEqual({
      responseCode: '4038115',
      responseMessage: 'Request Not Allowed. Transaction is not awaiting an OTP',
    });

    const env2 = await createTestEnv(RESEND);
    const late = await otpPayment(env2);
    await env2.sandbox.clock.advance(300);
    expect((await late.resend()).body.responseCode).toBe('4038112');
  });

  it('resends the OTP of an unbinding waiting for one (BNI)', async () => {
    const env = await createTestEnv(RESEND);
    const { account } = await env.client.bind({
      customerId: 'u',
      bankCode: '009',
      accountNumber: '1234567890',
    });
    const unbind = await env.client.unbind(account!, 'unbind-otp');
    expect(unbind.body.additionalInfo).toMatchObject({ otpRequired: true });
    const call = async () =>
      env.client.call(
        'otp',
        {
          originalPartnerReferenceNo: 'unbind-otp',
          originalReferenceNo: String(unbind.body.referenceNo),
          action: 'UNBINDING',
          merchantId: MERCHANT_ID,
        },
        { customerToken: await env.client.customerToken(account!.authCode) },
      );
    expect((await call()).status).toBe(429);
    await env.sandbox.clock.advance(299);
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.body.additionalInfo).toMatchObject({ otpExpiresAt: '2026-01-15T10:09:59+07:00' });
    await env.sandbox.clock.advance(10); // past the first OTP's expiry, within the new one's
    const verified = await env.client.call(
      'verifyOtp',
      {
        originalPartnerReferenceNo: 'unbind-otp',
        originalReferenceNo: String(unbind.body.referenceNo),
        action: 'UNBINDING',
        merchantId: MERCHANT_ID,
        otp: '123456',
        additionalInfo: {},
      },
      { customerToken: await env.client.customerToken(account!.authCode) },
    );
    expect(verified.body).toMatchObject({ additionalInfo: { latestBindingStatus: 'UNBINDED' } });
  });

  it('checks auth like the other OTP calls: customer token required and valid, signature checked', async () => {
    const env = await createTestEnv(RESEND);
    const { ref } = await otpPayment(env);
    const body = {
      originalPartnerReferenceNo: ref.partnerReferenceNo,
      originalReferenceNo: ref.referenceNo,
      action: 'PAYMENT',
      merchantId: MERCHANT_ID,
    };
    const noCustomer = await env.client.call('otp', body);
    expect(noCustomer.body).toMatchObject({
      responseCode: '4008102',
      responseMessage: 'Invalid Mandatory Field {Authorization-Customer}',
    });
    const badSignature = await env.client.call('otp', body, { customerToken: 'x', secret: 'wrong' });
    expect(badSignature.body.responseCode).toBe('4018100');
    const unknownCustomer = await env.client.call('otp', body, { customerToken: 'x' });
    expect(unknownCustomer.body.responseCode).toBe('4018102');
  });
});
