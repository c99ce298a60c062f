import type { BankCode } from '@ayokit/core';
import type { BindingCallback } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { driveBindingWebview } from '../drive';
import { BASE_URL, createTestEnv } from '../testing';

describe('binding API', () => {
  it('opens an IN_PROGRESS session with a webview URL and a stable publicUserId', async () => {
    const { client, sandbox } = await createTestEnv();
    const res = await client.startBinding('cust-1');
    expect(res.status).toBe(200);
    expect(res.body.responseCode).toBe('2000700');
    expect(res.body.redirectUrl).toMatch(new RegExp(`^${BASE_URL}/webview/binding/[A-Za-z0-9]{32}$`));
    expect(res.body.additionalInfo).toMatchObject({
      latestBindingStatus: 'IN_PROGRESS',
      sessionExpiresAt: '2026-01-15T10:03:00+07:00',
    });
    const again = await client.startBinding('cust-1');
    expect(again.body.additionalInfo.publicUserId).toBe(res.body.additionalInfo.publicUserId);
    const other = await client.startBinding('cust-2');
    expect(other.body.additionalInfo.publicUserId).not.toBe(res.body.additionalInfo.publicUserId);
    expect(sandbox.clock.now()).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 15, 3));
  });

  it('refuses a reused partnerReferenceNo with 409xx01', async () => {
    const { client } = await createTestEnv();
    await client.startBinding('cust-1', { partnerReferenceNo: 'dup-ref' });
    const dup = await client.startBinding('cust-1', { partnerReferenceNo: 'dup-ref' });
    expect(dup.status).toBe(409);
    expect(dup.body.responseCode).toBe('4090701');
  });

  it('validates its fields, naming them', async () => {
    const { client } = await createTestEnv();
    // phoneNo is optional [ref], but when sent it is 62…
    expect((await client.startBinding('cust-1', { phoneNo: undefined })).body.responseCode).toBe('2000700');
    expect((await client.startBinding('cust-1', { phoneNo: '0812' })).body.responseMessage).toBe(
      'Invalid Field Format {phoneNo}',
    );
    expect((await client.startBinding('cust-1', { lang: undefined })).body.responseMessage).toBe(
      'Invalid Mandatory Field {lang}',
    );
    expect((await client.startBinding('cust-1', { additionalData: undefined })).body.responseMessage).toBe(
      'Invalid Mandatory Field {additionalData}',
    );
    expect((await client.startBinding('cust-1', { bankCode: '999' })).body.responseMessage).toBe(
      'Invalid Field Format {additionalData.bankCode}',
    );
    expect((await client.startBinding('cust-1', { merchantId: 'OTHER1' })).body.responseCode).toBe('4000701');
    expect(
      (await client.startBinding('cust-1', { successRedirectUrl: 'javascript:alert(1)' })).body.responseCode,
    ).toBe('4000701');
  });
});

describe('binding inquiry', () => {
  it('answers 4040811 for an unknown binding', async () => {
    const { client } = await createTestEnv();
    const res = await client.call('bindingInquiry', { partnerReferenceNo: 'nobody', additionalInfo: {} });
    expect(res.status).toBe(404);
    expect(res.body.responseCode).toBe('4040811');
  });

  it('lists the bound accounts and every session with its status and failure reason', async () => {
    const { client } = await createTestEnv();
    const ok = await client.bind({ customerId: 'u', bankCode: '014', accountNumber: '1234567890' });
    const refused = await client.bind({ customerId: 'u', bankCode: '014', accountNumber: '9876543210' });
    expect(refused.result).toMatchObject({ status: 'FAIL', message: 'Account Already Registered' });
    expect(await client.inquiry(ok.partnerReferenceNo)).toEqual({
      publicUserId: ok.publicUserId,
      latestBindingStatus: 'SUCCESS',
      accountToken: ok.account?.accountToken,
      authCode: ok.account?.authCode,
      bankCode: '014',
      maskedAccountNo: '******7890',
      tokenStatus: 'ACTIVE',
      tokenEndDate: null,
      boundAt: expect.any(String),
    });
    // A failed binding says why, and names no account.
    expect(await client.inquiry(refused.partnerReferenceNo)).toEqual({
      publicUserId: ok.publicUserId,
      latestBindingStatus: 'FAIL',
      bankCode: '014',
      failureReason: 'Account Already Registered',
    });
    expect(ok.account?.accountToken.length).toBeGreaterThanOrEqual(32);
    expect(ok.account?.authCode).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});

describe('binding callbacks', () => {
  it('sends a signed SUCCESS callback with the token', async () => {
    const { client, merchant, sandbox } = await createTestEnv();
    const { account, partnerReferenceNo, publicUserId } = await client.bind({
      customerId: 'u',
      bankCode: '002',
      accountNumber: '1234567890',
      cardExpiry: '08/29',
    });
    await sandbox.flush();
    const [cb] = merchant.ofType('binding');
    expect(cb?.signatureValid).toBe(true);
    expect(cb?.body as unknown as BindingCallback).toEqual({
      responseCode: '2000700',
      responseMessage: 'Successful',
      partnerReferenceNo,
      referenceNo: expect.any(String),
      additionalInfo: {
        publicUserId,
        latestBindingStatus: 'SUCCESS',
        bankCode: '002',
        accountToken: account?.accountToken,
        authCode: account?.authCode,
        maskedAccountNo: '******7890',
        tokenEndDate: '2029-08-31T23:59:59+07:00',
      },
    });
  });
});

async function bindResult(
  env: Awaited<ReturnType<typeof createTestEnv>>,
  customerId: string,
  bankCode: BankCode,
  accountNumber: string,
) {
  return (await env.client.bind({ customerId, bankCode, accountNumber })).result;
}

describe('re-binding rules (seed 003)', () => {
  it('BCA: one account per user; the same account by another user is fine', async () => {
    const env = await createTestEnv();
    expect((await bindResult(env, 'A', '014', '1111111111')).status).toBe('SUCCESS');
    expect(await bindResult(env, 'A', '014', '2222222222')).toMatchObject({
      status: 'FAIL',
      message: 'Account Already Registered',
    });
    expect((await bindResult(env, 'A', '014', '1111111111')).status).toBe('FAIL');
    expect((await bindResult(env, 'B', '014', '1111111111')).status).toBe('SUCCESS');
  });

  it('BRI: many to many, even the same account twice by the same user gives a second token', async () => {
    const env = await createTestEnv();
    const first = await env.client.bind({
      customerId: 'A',
      bankCode: '002',
      accountNumber: '1111111111',
    });
    const second = await env.client.bind({
      customerId: 'A',
      bankCode: '002',
      accountNumber: '1111111111',
    });
    expect(second.result.status).toBe('SUCCESS');
    expect(second.account?.accountToken).not.toBe(first.account?.accountToken);
    expect((await bindResult(env, 'B', '002', '1111111111')).status).toBe('SUCCESS');
  });

  it('BNI: an account bound by anyone is refused with "Request Not Allowed"; a user may hold several', async () => {
    const env = await createTestEnv();
    expect((await bindResult(env, 'A', '009', '1111111111')).status).toBe('SUCCESS');
    expect(await bindResult(env, 'B', '009', '1111111111')).toMatchObject({
      status: 'FAIL',
      message: 'Request Not Allowed',
    });
    expect((await bindResult(env, 'A', '009', '2222222222')).status).toBe('SUCCESS');
  });

  it('Mandiri: an account bound by anyone is refused with "Internal Server Error"', async () => {
    const env = await createTestEnv();
    expect((await bindResult(env, 'A', '008', '1111111111')).status).toBe('SUCCESS');
    expect(await bindResult(env, 'B', '008', '1111111111')).toMatchObject({
      status: 'FAIL',
      message: 'Internal Server Error',
    });
    expect((await bindResult(env, 'A', '008', '1111111111')).status).toBe('FAIL');
    expect((await bindResult(env, 'A', '008', '2222222222')).status).toBe('SUCCESS');
  });

  it('Danamon: one binding per account', async () => {
    const env = await createTestEnv();
    expect((await bindResult(env, 'A', '011', '1111111111')).status).toBe('SUCCESS');
    expect((await bindResult(env, 'A', '011', '1111111111')).status).toBe('FAIL');
    expect((await bindResult(env, 'B', '011', '1111111111')).status).toBe('FAIL');
    expect((await bindResult(env, 'A', '011', '2222222222')).status).toBe('SUCCESS');
  });

  it('CIMB: the same user cannot bind the same account twice; other users can', async () => {
    const env = await createTestEnv();
    expect((await bindResult(env, 'A', '022', '1111111111')).status).toBe('SUCCESS');
    expect((await bindResult(env, 'A', '022', '1111111111')).status).toBe('FAIL');
    expect((await bindResult(env, 'B', '022', '1111111111')).status).toBe('SUCCESS');
    expect((await bindResult(env, 'A', '022', '2222222222')).status).toBe('SUCCESS');
  });

  it('unbound accounts do not count: after unbinding, the account can be bound again', async () => {
    const env = await createTestEnv();
    const first = await env.client.bind({
      customerId: 'A',
      bankCode: '008',
      accountNumber: '1111111111',
    });
    expect((await bindResult(env, 'B', '008', '1111111111')).status).toBe('FAIL');
    const unbound = await env.client.unbind(first.account!);
    expect(unbound.body.responseCode).toBe('2000900');
    expect((await bindResult(env, 'B', '008', '1111111111')).status).toBe('SUCCESS');
  });

  it('the rules are per bank: the same number at another bank is another account', async () => {
    const env = await createTestEnv();
    expect((await bindResult(env, 'A', '009', '1111111111')).status).toBe('SUCCESS');
    expect((await bindResult(env, 'B', '008', '1111111111')).status).toBe('SUCCESS');
  });
});

describe('card expiry at binding', () => {
  it('fails a binding whose card expired (virtual clock) with "Card Expired"', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('A', { bankCode: '002' });
    const result = await driveBindingWebview(env.sandbox.fetch, started.body.redirectUrl, {
      accountNumber: '1234567890',
      cardExpiry: '12/25',
      otp: '123456',
    });
    expect(result).toMatchObject({ status: 'FAIL', message: 'Card Expired' });
    await env.sandbox.flush();
    expect(env.merchant.ofType('binding')[0]?.body).toMatchObject({
      additionalInfo: { latestBindingStatus: 'FAIL', failureReason: 'Card Expired' },
    });
  });

  it('accepts a card expiring at the end of the current month', async () => {
    const env = await createTestEnv();
    expect(
      (
        await env.client.bind({
          customerId: 'A',
          bankCode: '002',
          accountNumber: '1234567890',
          cardExpiry: '01/26',
        })
      ).result.status,
    ).toBe('SUCCESS');
  });
});

describe('session expiry', () => {
  it('fails an unvisited session after the default 3 minutes and sends the FAIL callback', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('A', { bankCode: '002' });
    await env.sandbox.clock.advance(179);
    expect(env.merchant.ofType('binding')).toHaveLength(0);
    await env.sandbox.clock.advance(1);
    const [cb] = env.merchant.ofType('binding');
    expect(cb?.body).toMatchObject({
      partnerReferenceNo: started.body.partnerReferenceNo,
      additionalInfo: { latestBindingStatus: 'FAIL', failureReason: 'Session Expired' },
    });
    const page = await env.sandbox.fetch(new Request(started.body.redirectUrl));
    expect(await page.text()).toContain('data-state="expired"');
    const inquiry = await env.client.inquiry(String(started.body.partnerReferenceNo));
    expect(inquiry).toMatchObject({
      latestBindingStatus: 'FAIL',
      failureReason: 'Session Expired',
    });
  });

  it('honours a configured session length', async () => {
    const env = await createTestEnv({ bindingSessionMinutes: 10 });
    const started = await env.client.startBinding('A', { bankCode: '002' });
    expect(started.body.additionalInfo).toMatchObject({ sessionExpiresAt: '2026-01-15T10:10:00+07:00' });
    await env.sandbox.clock.advance(9 * 60);
    const midway = await driveBindingWebview(env.sandbox.fetch, started.body.redirectUrl, {
      accountNumber: '1234567890',
      cardExpiry: '12/30',
      otp: '123456',
    });
    expect(midway.status).toBe('SUCCESS');

    const late = await env.client.startBinding('B', { bankCode: '002' });
    await env.sandbox.clock.advance(10 * 60);
    const result = await driveBindingWebview(env.sandbox.fetch, late.body.redirectUrl, {
      accountNumber: '1234567890',
      cardExpiry: '12/30',
      otp: '123456',
    });
    expect(result).toMatchObject({ status: 'FAIL', message: 'Session Expired' });
    expect(
      env.merchant
        .ofType('binding')
        .map((c) => (c.body.additionalInfo as { latestBindingStatus: string }).latestBindingStatus),
    ).toEqual(['SUCCESS', 'FAIL']);
  });

  it('expires a session half-way through the webview', async () => {
    const env = await createTestEnv();
    const started = await env.client.startBinding('A', { bankCode: '002' });
    const form = new URLSearchParams({ step: 'account', accountNumber: '1234567890', cardExpiry: '12/30' });
    const res = await env.sandbox.fetch(
      new Request(started.body.redirectUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
    );
    expect(res.status).toBe(303);
    await env.sandbox.clock.advance(181);
    const page = await (await env.sandbox.fetch(new Request(started.body.redirectUrl))).text();
    expect(page).toContain('data-state="expired"');
    expect(env.merchant.ofType('binding')).toHaveLength(1);
  });
});
