import { cardTimestamp } from '@ayokit/core/snap';
import { describe, expect, it } from 'vitest';
import { CardTestClient, createTestEnv } from './testing';

describe('card API token', () => {
  it('issues a 3600 s bearer token for the card client’s form-encoded credentials', async () => {
    const env = await createTestEnv();
    const res = await env.card.tokenRequest();
    expect(res.status).toBe(200);
    // camelCase, expiresIn a string [code: VL vars.go].
    expect(res.body).toEqual({
      accessToken: expect.stringMatching(/^[A-Za-z0-9]{28}$/),
      tokenType: 'BearerToken',
      expiresIn: '3600',
      clientId: 'sandbox-card-client',
      apiProductList: expect.any(Array),
      organizationName: 'AYOPOP',
      developer: { email: expect.stringContaining('@') },
      responseTime: '2026-01-15T10:00:00+07:00',
    });
  });

  it('refuses bad grant types and credentials with the field named', async () => {
    const env = await createTestEnv();
    expect((await env.card.tokenRequest({ query: '' })).body).toEqual({
      responseCode: '4000002',
      responseMessage: 'Invalid Mandatory Field {grant_type}',
    });
    expect((await env.card.tokenRequest({ query: '?grant_type=password' })).body.responseCode).toBe(
      '4000001',
    );
    expect((await env.card.tokenRequest({ form: { client_secret: null } })).body.responseMessage).toBe(
      'Invalid Mandatory Field {client_secret}',
    );
    const wrong = await env.card.tokenRequest({ form: { client_secret: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      responseCode: '4010000',
      responseMessage: 'Unauthorized. Invalid client credentials',
    });
    // The Direct Debit credentials are not card credentials.
    const dd = await new CardTestClient(env.sandbox, 'test-client', 'test-secret-0123456789').tokenRequest();
    expect(dd.status).toBe(401);
  });

  it('takes its credentials from cardClients', async () => {
    const env = await createTestEnv({ cardClients: [{ clientId: 'shop', clientSecret: 's3cret' }] });
    expect((await env.card.tokenRequest()).status).toBe(401);
    expect((await new CardTestClient(env.sandbox, 'shop', 's3cret').tokenRequest()).status).toBe(200);
  });

  it('expires the token after 3600 s on the virtual clock', async () => {
    const env = await createTestEnv();
    const token = await env.card.accessToken();
    await env.sandbox.clock.advance(3599);
    expect((await env.card.call('cards', { customerId: 'cust-000c' }, { token })).status).toBe(200);
    await env.sandbox.clock.advance(1);
    const expired = await env.card.call('cards', { customerId: 'cust-000c' }, { token });
    expect(expired.status).toBe(401);
    expect(expired.body.responseCode).toBe('4010301');
  });
});

describe('card API headers', () => {
  const body = { customerId: 'cust-000c' };

  it.each(['Authorization', 'X-Timestamp', 'X-Request-ID', 'X-Merchant-Code', 'X-Correlation-ID'])(
    'a missing %s is 400xx02 naming it',
    async (name) => {
      const env = await createTestEnv();
      const res = await env.card.call('cards', body, { headers: { [name]: null } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        responseCode: '4000302',
        responseMessage: `Invalid Mandatory Field {${name}}`,
      });
    },
  );

  it('checks formats: 32-alphanumeric request id, 6-char merchant code, a 25-character timestamp', async () => {
    const env = await createTestEnv();
    const cases: [Record<string, string>, string][] = [
      [{ 'X-Request-ID': 'short' }, 'X-Request-ID'],
      [{ 'X-Request-ID': `${'a'.repeat(31)}-` }, 'X-Request-ID'],
      [{ 'X-Merchant-Code': 'AYO' }, 'X-Merchant-Code'],
      [{ 'X-Timestamp': '2026-01-15T10:00:00.123+07:00' }, 'X-Timestamp'],
      [{ 'X-Timestamp': 'yesterday' }, 'X-Timestamp'],
    ];
    for (const [headers, field] of cases) {
      const res = await env.card.call('cards', body, { headers });
      expect(res.body, field).toEqual({
        responseCode: '4000301',
        responseMessage: `Invalid Field Format {${field}}`,
      });
    }
  });

  it('refuses a stale timestamp, an unknown token and another merchant with 401', async () => {
    const env = await createTestEnv();
    const stale = await env.card.call('cards', body, { timestamp: cardTimestamp(Date.now() - 301_000) });
    expect(stale.body).toEqual({
      responseCode: '4010300',
      responseMessage: 'Unauthorized. X-Timestamp is out of range',
    });
    expect((await env.card.call('cards', body, { token: 'nope' })).body.responseCode).toBe('4010301');
    const merchant = await env.card.call('cards', body, { headers: { 'X-Merchant-Code': 'OTHER1' } });
    expect(merchant.body).toEqual({
      responseCode: '4010300',
      responseMessage: 'Unauthorized. Unknown X-Merchant-Code',
    });
  });

  it('takes the cardMerchantCode option as the card merchant code, and then only it', async () => {
    const env = await createTestEnv({ cardMerchantCode: 'CARD01' });
    const own = await env.card.call('cards', body, { headers: { 'X-Merchant-Code': 'CARD01' } });
    expect(own.status).toBe(200);
    const dd = await env.card.call('cards', body); // the Direct Debit merchantId, AYOPOP
    expect(dd.body).toEqual({
      responseCode: '4010300',
      responseMessage: 'Unauthorized. Unknown X-Merchant-Code',
    });
    await expect(createTestEnv({ cardMerchantCode: 'CARD-1' })).rejects.toThrow(
      /cardMerchantCode must be 6 letters or digits/,
    );
  });

  it('refuses a reused X-REQUEST-ID with 409xx00 and does nothing', async () => {
    const env = await createTestEnv();
    const requestId = 'a'.repeat(32);
    expect((await env.card.startRegistration('cust-000c', {}, { externalId: requestId })).status).toBe(200);
    const again = await env.card.startRegistration('cust-000c', {}, { externalId: requestId });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      responseCode: '4090100',
      responseMessage: 'Conflict. X-Request-ID was already used',
    });
    expect((await env.card.call<{ cards: unknown[] }>('cards', body)).body.cards).toHaveLength(1);
  });

  it('malformed JSON is 400xx01 {request body}; a GET is 405', async () => {
    const env = await createTestEnv();
    expect((await env.card.call('charge', null, { rawBody: '{' })).body).toEqual({
      responseCode: '4005401',
      responseMessage: 'Invalid Field Format {request body}',
    });
    const get = await env.sandbox.fetch(
      new Request('http://sandbox.test/api/v1/lab/mpgs/cards/create-charge'),
    );
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ responseCode: '4055400' });
  });

  it('follows a profile override of header names and timestamp format (a merchant’s override holds on both sides)', async () => {
    const profile = {
      card: {
        headers: {
          timestamp: 'A-Timestamp',
          requestId: 'A-Request-ID',
          merchantCode: 'A-Merchant-Code',
          correlationId: 'A-Correlation-ID',
        },
        timestampFormat: 'milliseconds' as const,
      },
    };
    const env = await createTestEnv({ profile });
    // The test client speaks the same profile: accepted.
    expect((await env.card.call('cards', body)).status).toBe(200);
    // The default names are now unknown: the override's name is the one missing.
    const defaults = await new CardTestClient(env.sandbox).call('cards', body);
    expect(defaults.body).toEqual({
      responseCode: '4000302',
      responseMessage: 'Invalid Mandatory Field {A-Timestamp}',
    });
    // A 25-character timestamp is refused where the profile asks for milliseconds.
    const seconds = await env.card.call('cards', body, {
      headers: { 'A-Timestamp': cardTimestamp(Date.now()) },
    });
    expect(seconds.body).toEqual({
      responseCode: '4000301',
      responseMessage: 'Invalid Field Format {A-Timestamp}',
    });
    expect(
      (await env.card.call('cards', body, { timestamp: cardTimestamp(Date.now(), 'milliseconds') })).status,
    ).toBe(200);
  });
});
