import { HEADERS, snapTimestamp } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { createTestEnv, MERCHANT_ID } from './testing';

const inquiryBody = (partnerReferenceNo = 'nobody') => ({ partnerReferenceNo, additionalInfo: {} });

describe('B2B token (RSA)', () => {
  it('issues a token for a correctly signed request', async () => {
    const { client } = await createTestEnv();
    const res = await client.tokenRequest('b2bToken', {
      grantType: 'client_credentials',
      additionalInfo: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ responseCode: '2007300', tokenType: 'BearerToken', expiresIn: '3600' });
    expect(String(res.body.accessToken).length).toBeGreaterThan(30);
  });

  it('accepts base64 signatures when configured', async () => {
    const { client } = await createTestEnv({ signatureEncoding: 'base64' });
    const res = await client.tokenRequest('b2bToken', {
      grantType: 'client_credentials',
      additionalInfo: {},
    });
    expect(res.body.responseCode).toBe('2007300');
  });

  it('refuses a bad signature with 4017300', async () => {
    const { client } = await createTestEnv();
    const res = await client.tokenRequest(
      'b2bToken',
      { grantType: 'client_credentials', additionalInfo: {} },
      { headers: { [HEADERS.signature]: 'ab'.repeat(256) } },
    );
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ responseCode: '4017300', responseMessage: 'Unauthorized. Signature' });
  });

  it('refuses an unknown client with 4017300', async () => {
    const { client } = await createTestEnv();
    const res = await client.tokenRequest(
      'b2bToken',
      { grantType: 'client_credentials', additionalInfo: {} },
      { clientId: 'stranger' },
    );
    expect(res.body.responseCode).toBe('4017300');
  });

  it('names a missing header (4007302) and a malformed timestamp (4007301)', async () => {
    const { client } = await createTestEnv();
    const missing = await client.tokenRequest(
      'b2bToken',
      { grantType: 'client_credentials', additionalInfo: {} },
      { headers: { [HEADERS.clientKey]: null } },
    );
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      responseCode: '4007302',
      responseMessage: 'Invalid Mandatory Field {X-CLIENT-KEY}',
    });
    const bad = await client.tokenRequest(
      'b2bToken',
      { grantType: 'client_credentials', additionalInfo: {} },
      { timestamp: 'yesterday' },
    );
    expect(bad.body).toEqual({
      responseCode: '4007301',
      responseMessage: 'Invalid Field Format {X-TIMESTAMP}',
    });
  });

  it('requires grantType client_credentials', async () => {
    const { client } = await createTestEnv();
    expect((await client.tokenRequest('b2bToken', {})).body.responseMessage).toBe(
      'Invalid Mandatory Field {grantType}',
    );
    expect((await client.tokenRequest('b2bToken', { grantType: 'password' })).body.responseCode).toBe(
      '4007301',
    );
  });
});

describe('B2B2C token', () => {
  it('refuses an unknown authCode with 4017402', async () => {
    const { client } = await createTestEnv();
    const res = await client.tokenRequest('b2b2cToken', {
      grantType: 'authorization_code',
      authCode: 'x'.repeat(32),
      additionalInfo: {},
    });
    expect(res.status).toBe(401);
    expect(res.body.responseCode).toBe('4017402');
  });

  it('needs a valid B2B token', async () => {
    const { client } = await createTestEnv();
    const res = await client.tokenRequest(
      'b2b2cToken',
      { grantType: 'authorization_code', authCode: 'x'.repeat(32), additionalInfo: {} },
      { headers: { Authorization: 'Bearer nope' } },
    );
    expect(res.body.responseCode).toBe('4017401');
  });

  it('issues a 900 s token for the authCode of a successful binding', async () => {
    const { client } = await createTestEnv();
    const { account } = await client.bind({
      customerId: 'u1',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    const res = await client.tokenRequest('b2b2cToken', {
      grantType: 'authorization_code',
      authCode: account?.authCode,
      additionalInfo: {},
    });
    expect(res.body).toMatchObject({ responseCode: '2007400', expiresIn: '900' });
  });
});

describe('transactional calls', () => {
  it('accepts a correctly signed call', async () => {
    const { client } = await createTestEnv();
    const res = await client.call('bindingInquiry', inquiryBody());
    expect(res.body.responseCode).toBe('4040811'); // authenticated; the user is unknown
  });

  it('refuses a bad HMAC signature with 401xx00', async () => {
    const { client } = await createTestEnv();
    const res = await client.call('bindingInquiry', inquiryBody(), { secret: 'wrong-secret' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ responseCode: '4010800', responseMessage: 'Unauthorized. Signature' });
  });

  it('refuses a body changed after signing', async () => {
    const { client, sandbox } = await createTestEnv();
    const req = await client.request('bindingInquiry', inquiryBody());
    const tampered = new Request(req, { body: JSON.stringify(inquiryBody('someone-else')) });
    const res = await sandbox.fetch(tampered);
    expect(((await res.json()) as { responseCode: string }).responseCode).toBe('4010800');
  });

  it('expires the B2B token after 3600 virtual seconds (401xx01)', async () => {
    const { client, sandbox } = await createTestEnv();
    const token = await client.b2bToken();
    expect((await client.call('bindingInquiry', inquiryBody(), { token })).body.responseCode).toBe('4040811');
    await sandbox.clock.advance(3601);
    const res = await client.call('bindingInquiry', inquiryBody(), { token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ responseCode: '4010801', responseMessage: 'Invalid Token (B2B)' });
  });

  it('refuses an unknown B2B token with 401xx01', async () => {
    const { client } = await createTestEnv();
    expect((await client.call('bindingInquiry', inquiryBody(), { token: 'forged' })).body.responseCode).toBe(
      '4010801',
    );
  });

  it('refuses a stale X-TIMESTAMP against real time, whatever the virtual clock says', async () => {
    const { client, sandbox } = await createTestEnv();
    const stale = snapTimestamp(Date.now() - 10 * 60_000);
    expect((await client.call('bindingInquiry', inquiryBody(), { timestamp: stale })).body.responseCode).toBe(
      '4010800',
    );
    await sandbox.clock.advance(86_400);
    const fresh = await client.call('bindingInquiry', inquiryBody());
    expect(fresh.body.responseCode).toBe('4040811');
  });

  it.each([
    HEADERS.authorization,
    HEADERS.timestamp,
    HEADERS.signature,
    HEADERS.partnerId,
    HEADERS.externalId,
    HEADERS.channelId,
  ])('names the missing header %s with 400xx02', async (header) => {
    const { client } = await createTestEnv();
    const res = await client.call('bindingInquiry', inquiryBody(), { headers: { [header]: null } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      responseCode: '4000802',
      responseMessage: `Invalid Mandatory Field {${header}}`,
    });
  });

  it('checks the format of X-EXTERNAL-ID and CHANNEL-ID, and the partner id', async () => {
    const { client } = await createTestEnv();
    const ext = await client.call('bindingInquiry', inquiryBody(), { externalId: 'not valid!' });
    expect(ext.body.responseMessage).toBe('Invalid Field Format {X-EXTERNAL-ID}');
    const channel = await client.call('bindingInquiry', inquiryBody(), {
      headers: { [HEADERS.channelId]: '12' },
    });
    expect(channel.body.responseMessage).toBe('Invalid Field Format {CHANNEL-ID}');
    const partner = await client.call('bindingInquiry', inquiryBody(), {
      headers: { [HEADERS.partnerId]: 'OTHERS' },
    });
    expect(partner.body.responseCode).toBe('4010800');
  });

  it('answers an X-EXTERNAL-ID reused by another flow with 409xx00 and does nothing', async () => {
    const { client, sandbox } = await createTestEnv();
    const externalId = 'SameExternalId123';
    const first = await client.call('bindingInquiry', inquiryBody(), { externalId });
    expect(first.body.responseCode).toBe('4040811');
    const binding = {
      partnerReferenceNo: 'ref-never-created',
      lang: 'ID',
      phoneNo: '6281234567890',
      merchantId: MERCHANT_ID,
      additionalData: {},
      additionalInfo: { customerId: 'user-5' },
    };
    const conflict = await client.call('binding', binding, { externalId }); // another binding, same id
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({
      responseCode: '4090700',
      responseMessage: 'Conflict. X-EXTERNAL-ID belongs to another flow',
    });
    // Nothing happened: the partnerReferenceNo is still free and no session exists.
    const retry = await client.call('binding', binding);
    expect(retry.body.responseCode).toBe('2000700');
    expect(sandbox.ledger()).toEqual([]);
  });

  it('does not spend an X-EXTERNAL-ID on a request that failed authentication', async () => {
    const { client } = await createTestEnv();
    const externalId = 'NotYetUsed42';
    const bad = await client.call('bindingInquiry', inquiryBody(), { externalId, secret: 'wrong' });
    expect(bad.body.responseCode).toBe('4010800');
    const good = await client.call('bindingInquiry', inquiryBody(), { externalId });
    expect(good.body.responseCode).toBe('4040811');
  });

  it('answers malformed JSON with 400xx01, never 500', async () => {
    const { client } = await createTestEnv();
    const res = await client.call('bindingInquiry', null, { rawBody: '{"merchantId":' });
    expect(res.status).toBe(400);
    expect(res.body.responseCode).toBe('4000801');
  });

  it('names missing and malformed body fields', async () => {
    const { client } = await createTestEnv();
    const missing = await client.call('bindingInquiry', { additionalInfo: {} });
    expect(missing.body).toEqual({
      responseCode: '4000802',
      responseMessage: 'Invalid Mandatory Field {partnerReferenceNo}',
    });
    const wrongType = await client.call('bindingInquiry', { partnerReferenceNo: 42, additionalInfo: {} });
    expect(wrongType.body).toEqual({
      responseCode: '4000801',
      responseMessage: 'Invalid Field Format {partnerReferenceNo}',
    });
    const array = await client.call('bindingInquiry', [1, 2]);
    expect(array.body.responseCode).toBe('4000802');
  });

  it('requires Authorization-Customer on payment (400xx02) and refuses an invalid one (401xx02)', async () => {
    const { client } = await createTestEnv();
    const body = {
      partnerReferenceNo: 'p1',
      bankCardToken: 'tok',
      merchantId: MERCHANT_ID,
      amount: { value: '10000.00', currency: 'IDR' },
      additionalInfo: {},
    };
    const missing = await client.call('payment', body);
    expect(missing.body).toEqual({
      responseCode: '4005402',
      responseMessage: 'Invalid Mandatory Field {Authorization-Customer}',
    });
    const invalid = await client.call('payment', body, { customerToken: 'forged' });
    expect(invalid.status).toBe(401);
    expect(invalid.body.responseCode).toBe('4015402');
  });

  it('expires the customer token after 900 virtual seconds', async () => {
    const { client, sandbox } = await createTestEnv();
    const { account } = await client.bind({
      customerId: 'u1',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    const customerToken = await client.customerToken(account!.authCode);
    await sandbox.clock.advance(901);
    const res = await client.call(
      'payment',
      {
        partnerReferenceNo: 'late',
        bankCardToken: account!.accountToken,
        merchantId: MERCHANT_ID,
        amount: { value: '10000.00', currency: 'IDR' },
        additionalInfo: {},
      },
      { customerToken },
    );
    expect(res.body.responseCode).toBe('4015402');
  });
});
