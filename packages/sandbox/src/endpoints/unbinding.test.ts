import { describe, expect, it } from 'vitest';
import { createTestEnv, MERCHANT_ID } from '../testing';

describe('unbinding', () => {
  it('unbinds at once for banks without OTP, with a callback; the token can no longer pay', async () => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({
      customerId: 'u',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    const customerToken = await env.client.customerToken(account!.authCode);
    const res = await env.client.unbind(account!, 'unbind-1');
    expect(res.body).toMatchObject({
      responseCode: '2000900',
      partnerReferenceNo: 'unbind-1',
      additionalInfo: { latestBindingStatus: 'UNBINDED', otpRequired: false },
    });
    await env.sandbox.flush();
    expect(env.merchant.ofType('unbinding')[0]?.body).toMatchObject({
      responseCode: '2000900',
      partnerReferenceNo: 'unbind-1',
      additionalInfo: {
        publicUserId: account!.publicUserId,
        accountToken: account!.accountToken,
        latestBindingStatus: 'UNBINDED',
      },
    });
    const inquiry = await env.client.inquiry(account!.bindingPartnerReferenceNo);
    expect(inquiry).toMatchObject({ latestBindingStatus: 'UNBINDED', tokenStatus: 'NOT FOUND' });
    expect(inquiry.authCode).toBeUndefined();
    const pay = await env.client.call(
      'payment',
      {
        partnerReferenceNo: 'after-unbind',
        bankCardToken: account!.accountToken,
        merchantId: MERCHANT_ID,
        amount: { value: '10000.00', currency: 'IDR' },
        additionalInfo: {},
      },
      { customerToken },
    );
    expect(pay.body.responseCode).toBe('4045411');
    expect(env.sandbox.ledger()[0]).toMatchObject({ status: '06', failureResponseCode: '4045411' });
    // No new customer token for an unbound account.
    const token = await env.client.tokenRequest('b2b2cToken', {
      grantType: 'authorization_code',
      authCode: account!.authCode,
      additionalInfo: {},
    });
    expect(token.body.responseCode).toBe('4017402');
    // Unbinding again: the account is gone.
    const again = await env.client.call(
      'unbinding',
      {
        partnerReferenceNo: 'unbind-2',
        merchantId: MERCHANT_ID,
        additionalInfo: {
          publicUserId: account!.publicUserId,
          accountToken: account!.accountToken,
          bankCode: '002',
        },
      },
      { customerToken },
    );
    expect(again.body.responseCode).toBe('4040911');
  });

  it.each(['009', '011'] as const)('bank %s asks for an OTP; 123456 unbinds', async (bankCode) => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({ customerId: 'u', bankCode, accountNumber: '1234567890' });
    const res = await env.client.unbind(account!, 'unbind-otp');
    expect(res.body).toMatchObject({
      responseCode: '2000900',
      additionalInfo: {
        latestBindingStatus: 'SUCCESS',
        otpRequired: true,
        otpExpiresAt: '2026-01-15T10:05:00+07:00',
      },
    });
    expect((await env.client.inquiry(account!.bindingPartnerReferenceNo)).latestBindingStatus).toBe(
      'SUCCESS',
    );
    const verify = (otp: string) =>
      env.client.customerToken(account!.authCode).then((customerToken) =>
        env.client.call(
          'verifyOtp',
          {
            originalPartnerReferenceNo: 'unbind-otp',
            originalReferenceNo: res.body.referenceNo,
            action: 'UNBINDING',
            merchantId: MERCHANT_ID,
            otp,
            additionalInfo: {},
          },
          { customerToken },
        ),
      );
    const wrong = await verify('111111');
    expect(wrong.body).toMatchObject({ responseCode: '4040415', additionalInfo: { remainingAttempts: 2 } });
    const ok = await verify('123456');
    expect(ok.body).toMatchObject({
      responseCode: '2000400',
      additionalInfo: { latestBindingStatus: 'UNBINDED' },
    });
    await env.sandbox.flush();
    expect(env.merchant.ofType('unbinding')).toHaveLength(1);
    expect((await env.client.inquiry(account!.bindingPartnerReferenceNo)).latestBindingStatus).toBe(
      'UNBINDED',
    );
  });

  it('an expired unbinding OTP answers 4030412 and leaves the account bound', async () => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({
      customerId: 'u',
      bankCode: '011',
      accountNumber: '1234567890',
    });
    const res = await env.client.unbind(account!, 'unbind-late');
    await env.sandbox.clock.advance(301);
    const late = await env.client.call(
      'verifyOtp',
      {
        originalPartnerReferenceNo: 'unbind-late',
        originalReferenceNo: res.body.referenceNo,
        action: 'UNBINDING',
        merchantId: MERCHANT_ID,
        otp: '123456',
        additionalInfo: {},
      },
      { customerToken: await env.client.customerToken(account!.authCode) },
    );
    expect(late.body.responseCode).toBe('4030412');
    expect((await env.client.inquiry(account!.bindingPartnerReferenceNo)).tokenStatus).toBe('ACTIVE');
  });

  it('refuses a token of another user or bank (404xx11) and a reused partnerReferenceNo (409xx01)', async () => {
    const env = await createTestEnv();
    const { account } = await env.client.bind({
      customerId: 'u',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    const customerToken = await env.client.customerToken(account!.authCode);
    const wrongBank = await env.client.call(
      'unbinding',
      {
        partnerReferenceNo: 'u-1',
        merchantId: MERCHANT_ID,
        additionalInfo: {
          publicUserId: account!.publicUserId,
          accountToken: account!.accountToken,
          bankCode: '014',
        },
      },
      { customerToken },
    );
    expect(wrongBank.body.responseCode).toBe('4040911');
    const wrongUser = await env.client.call(
      'unbinding',
      {
        partnerReferenceNo: 'u-2',
        merchantId: MERCHANT_ID,
        additionalInfo: { publicUserId: 'someone', accountToken: account!.accountToken, bankCode: '002' },
      },
      { customerToken },
    );
    expect(wrongUser.body.responseCode).toBe('4040911');
    await env.client.unbind(account!, 'u-3');
    const dup = await env.client.call(
      'unbinding',
      {
        partnerReferenceNo: 'u-3',
        merchantId: MERCHANT_ID,
        additionalInfo: {
          publicUserId: account!.publicUserId,
          accountToken: account!.accountToken,
          bankCode: '002',
        },
      },
      { customerToken },
    );
    expect(dup.body.responseCode).toBe('4090901');
  });
});
