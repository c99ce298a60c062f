/**
 * Property-based tests of the simulated Ayoconnect API: correctly signed requests with random
 * and malformed bodies, and requests with missing, duplicated or tampered headers. Every answer
 * carries a 7-digit responseCode whose HTTP part is the status and whose service code is the
 * endpoint's; nothing is ever a 5xx (no fault is injected here); a refused request charges nothing.
 */
import {
  CARD_ENDPOINTS as ALL_CARD_ENDPOINTS,
  CARD_AUTHORIZATION_HEADER,
  CARD_SERVICE_CODES,
  cardEndpointServed,
  DD_PATHS,
  type DdEndpoint,
  DEFAULT_WIRE_PROFILE,
  HEADERS,
  SERVICE_CODES,
  snapTimestamp,
} from '@ayokit/core/snap';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, MERCHANT_ID, type TestEnv } from './testing';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ENDPOINTS = (Object.keys(DD_PATHS) as DdEndpoint[]).filter(
  (e) => e !== 'b2bToken' && e !== 'b2b2cToken',
);
const FIELDS = [
  'partnerReferenceNo',
  'originalPartnerReferenceNo',
  'originalReferenceNo',
  'partnerRefundNo',
  'merchantId',
  'phoneNo',
  'customerId',
  'bankCode',
  'bankCardToken',
  'amount',
  'refundAmount',
  'otp',
  'action',
  'publicUserId',
  'serviceCode',
  'additionalInfo',
  'additionalData',
  // the card API's
  'customerId',
  'cardToken',
  'operation',
  'lang',
  'reason',
];
const value = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ minLength: 2_000, maxLength: 10_000 }),
  fc.constantFrom(
    MERCHANT_ID,
    '002',
    '123456',
    { value: '150000.00', currency: 'IDR' },
    { value: '-1.00', currency: 'IDR' },
    { value: '0.50', currency: 'IDR' },
    { value: '99999999999999999.00', currency: 'IDR' },
    { value: 150000, currency: 'USD' },
    'PAYMENT',
    'UNBINDING',
    'PAY',
    'AUTHORIZE',
    'CAPTURE',
    'fuzz-user',
    '54',
    '',
    null,
  ),
);
const bodies = fc.oneof(
  { arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }), weight: 4 },
  { arbitrary: fc.jsonValue(), weight: 1 },
);

function expectWellFormed(serviceCode: string, status: number, body: { responseCode?: unknown }) {
  expect(status).toBeLessThan(500);
  expect(body.responseCode).toMatch(/^\d{7}$/);
  const code = body.responseCode as string;
  expect(Number(code.slice(0, 3))).toBe(status);
  expect(code.slice(3, 5)).toBe(serviceCode);
}
/** The card endpoints the default profile serves (no refund API: 404, not a card answer). */
const CARD_ENDPOINTS = ALL_CARD_ENDPOINTS.filter((e) => cardEndpointServed(DEFAULT_WIRE_PROFILE, e));
const CARD_HEADER_NAMES = [CARD_AUTHORIZATION_HEADER, ...Object.values(DEFAULT_WIRE_PROFILE.card.headers)];

describe('fuzzing the sandbox API', () => {
  let env: TestEnv;
  let customerToken: string;
  beforeAll(async () => {
    // The OTP resend endpoint exists only with the capability on: fuzz it too.
    env = await createTestEnv({ profile: { capabilities: { otpResend: true } } });
    // A bound account and its customer token, so random bodies reach the body checks.
    const { account } = await env.client.bind({
      customerId: 'fuzz-user',
      bankCode: '002',
      accountNumber: '1234567890',
    });
    if (!account) throw new Error('binding failed');
    customerToken = await env.client.customerToken(account.authCode);
    await env.card.cardToken('fuzz-user', '4111111111111111');
  });

  const ledgers = () => JSON.stringify([env.sandbox.ledger(), env.sandbox.cardLedger()]);

  it('card API: authorised requests with random bodies get a well-formed 2xx/4xx, and refusals charge nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CARD_ENDPOINTS), bodies, async (endpoint, body) => {
        const before = ledgers();
        const res = await env.card.call<{ responseCode?: unknown }>(endpoint, body);
        expectWellFormed(CARD_SERVICE_CODES[endpoint], res.status, res.body);
        if (res.status >= 400) expect(ledgers()).toBe(before);
      }),
      { numRuns: RUNS, seed: 9 },
    );
  }, 120_000);

  it('card API: missing or tampered headers and tokens are refused with 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CARD_ENDPOINTS),
        fc.constantFrom(...CARD_HEADER_NAMES),
        fc.constantFrom('drop', 'garbage'),
        fc.string({ maxLength: 50 }),
        async (endpoint, header, tamper, junk) => {
          const before = ledgers();
          const request = await env.card.request(endpoint, { customerId: 'fuzz-user' });
          if (tamper === 'drop') request.headers.delete(header);
          else request.headers.set(header, junk);
          const res = await env.sandbox.fetch(request);
          const parsed = (await res.json()) as { responseCode?: unknown };
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expectWellFormed(CARD_SERVICE_CODES[endpoint], res.status, parsed);
          // Only a junk value that happens to be valid could pass (e.g. another 32-char request id).
          else expect(tamper).toBe('garbage');
          expect(ledgers()).toBe(before);
        },
      ),
      { numRuns: RUNS, seed: 19 },
    );
  }, 120_000);

  it('signed requests with random bodies get a well-formed 2xx/4xx, and refusals charge nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), bodies, async (endpoint, body) => {
        const ledger = JSON.stringify(env.sandbox.ledger());
        const res = await env.client.call<{ responseCode?: unknown }>(endpoint, body, { customerToken });
        expectWellFormed(SERVICE_CODES[endpoint], res.status, res.body);
        if (res.status >= 400) expect(JSON.stringify(env.sandbox.ledger())).toBe(ledger);
      }),
      { numRuns: RUNS, seed: 3 },
    );
  }, 120_000);

  it('missing, duplicated or tampered headers are refused with 4xx', async () => {
    const headerNames = Object.values(HEADERS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.constantFrom(...headerNames),
        fc.constantFrom('drop', 'garbage', 'duplicate', 'expired', 'secret', 'raw'),
        fc.string({ maxLength: 50 }),
        async (endpoint, header, tamper, junk) => {
          const ledger = JSON.stringify(env.sandbox.ledger());
          const body = { partnerReferenceNo: 'x'.repeat(32), merchantId: MERCHANT_ID };
          const request =
            tamper === 'expired'
              ? await env.client.request(endpoint, body, {
                  customerToken,
                  timestamp: snapTimestamp(Date.now() - 3_600_000),
                })
              : tamper === 'secret'
                ? await env.client.request(endpoint, body, { customerToken, secret: 'not-the-secret' })
                : tamper === 'raw'
                  ? await env.client.request(endpoint, body, {
                      customerToken,
                      rawBody: `${JSON.stringify(body)}${junk}x`,
                    })
                  : await env.client.request(endpoint, body, { customerToken });
          if (tamper === 'drop') request.headers.delete(header);
          if (tamper === 'garbage') request.headers.set(header, junk);
          if (tamper === 'duplicate') request.headers.append(header, junk || 'second');
          const res = await env.sandbox.fetch(request);
          const parsed = (await res.json()) as { responseCode?: unknown };
          expect(res.status).toBeLessThan(500);
          // Dropping Authorization-Customer on endpoints that do not need it, or garbage in
          // CHANNEL-ID, may still be accepted; everything else must be refused.
          if (res.status < 400) {
            expect(['drop', 'garbage', 'duplicate']).toContain(tamper);
          } else {
            expectWellFormed(SERVICE_CODES[endpoint], res.status, parsed);
          }
          expect(JSON.stringify(env.sandbox.ledger())).toBe(ledger);
        },
      ),
      { numRuns: RUNS, seed: 5 },
    );
  }, 120_000);
});
