import { describe, expect, it } from 'vitest';
import { driveBindingWebview } from './drive';
import { createTestEnv } from './testing';

describe('driveBindingWebview', () => {
  it('chooses the bank, fills the details and the OTP, and ends on the result page', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('u');
    const requests: string[] = [];
    const result = await driveBindingWebview(
      async (req) => {
        requests.push(`${req.method} ${new URL(req.url).pathname}`);
        return env.sandbox.fetch(req);
      },
      started.body.redirectUrl,
      { bankCode: '011', accountNumber: '1234567890', cardExpiry: '08/29', otp: '123456' },
    );
    expect(result).toEqual({ finalUrl: started.body.redirectUrl, status: 'SUCCESS' });
    expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(3);
    const inquiry = await env.client.inquiry(String(started.body.partnerReferenceNo));
    expect(inquiry).toMatchObject({
      latestBindingStatus: 'SUCCESS',
      bankCode: '011',
      maskedAccountNo: '******7890',
    });
  });

  it('stops at the merchant redirect and reads the status from it', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('u', {
      bankCode: '014',
      successRedirectUrl: 'https://merchant.test/ok',
      failedRedirectUrl: 'https://merchant.test/ko',
    });
    const ok = await driveBindingWebview(env.sandbox.fetch, started.body.redirectUrl, {
      accountNumber: '1234567890',
      cardExpiry: '08/29',
      otp: '123456',
    });
    expect(ok.status).toBe('SUCCESS');
    expect(ok.finalUrl).toMatch(/^https:\/\/merchant\.test\/ok\?partnerReferenceNo=.+&status=SUCCESS$/);

    const again = await env.client.startBinding('u', {
      bankCode: '014',
      failedRedirectUrl: 'https://merchant.test/ko',
    });
    const refused = await driveBindingWebview(env.sandbox.fetch, again.body.redirectUrl, {
      accountNumber: '9999999999',
      cardExpiry: '08/29',
      otp: '123456',
    });
    expect(refused).toEqual({ finalUrl: expect.stringMatching(/status=FAIL$/), status: 'FAIL' });
  });

  it('reports a blocked OTP and a bank refusal with their messages', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('u', { bankCode: '002' });
    const blocked = await driveBindingWebview(env.sandbox.fetch, started.body.redirectUrl, {
      accountNumber: '1234567890',
      cardExpiry: '08/29',
      otp: '654321',
    });
    expect(blocked).toMatchObject({ status: 'FAIL', message: 'OTP Blocked' });
  });

  it('works with a fetch that takes (input, init), like globalThis.fetch', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('u', { bankCode: '022' });
    const fetchLike = (input: RequestInfo | URL, init?: RequestInit) =>
      env.sandbox.fetch(new Request(input, init));
    const result = await driveBindingWebview(fetchLike, started.body.redirectUrl, {
      accountNumber: '1234567890',
      cardExpiry: '08/29',
      otp: '123456',
    });
    expect(result.status).toBe('SUCCESS');
  });

  it('explains what is missing instead of looping', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('u');
    await expect(
      driveBindingWebview(env.sandbox.fetch, started.body.redirectUrl, {
        accountNumber: '1234567890',
        cardExpiry: '08/29',
        otp: '123456',
      }),
    ).rejects.toThrow(/pass bankCode/);
    await expect(
      driveBindingWebview(env.sandbox.fetch, started.body.redirectUrl, {
        bankCode: '002',
        accountNumber: '12',
        cardExpiry: '08/29',
        otp: '123456',
      }),
    ).rejects.toThrow(/refused the account details: Enter 10 to 16 digits/);
  });

  it('reports an expired session', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('u', { bankCode: '002' });
    await env.sandbox.clock.advance(181);
    const result = await driveBindingWebview(env.sandbox.fetch, started.body.redirectUrl, {
      accountNumber: '1234567890',
      cardExpiry: '08/29',
      otp: '123456',
    });
    expect(result).toEqual({
      finalUrl: started.body.redirectUrl,
      status: 'FAIL',
      message: 'Session Expired',
    });
  });
});
