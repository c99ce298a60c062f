/**
 * Whatever the proxy (or something pretending to be it) answers, the client either returns data
 * that matches the contract or throws an AyoError with a stable code: never malformed data to a
 * component, never a TypeError.
 */
import {
  AyoError,
  auditResponse,
  checkoutResponse,
  ERROR_CODES,
  instrumentsResponse,
  paymentResponse,
  paymentsResponse,
  staffPaymentsResponse,
} from '@ayokit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpAyoClient } from './http';

const PAY = 'pay_AAAAAAAAAAAAAAAAAAAAAAAA';
const INS = 'ins_AAAAAAAAAAAAAAAAAAAAAAAA';
const CHK = 'chk_AAAAAAAAAAAAAAAAAAAAAAAA';

/** Plausible-looking and hostile bodies: almost-valid payments, wrong types, junk, HTML. */
const almostPayment = fc.record(
  {
    id: fc.oneof(fc.constant(PAY), fc.string()),
    instrumentId: fc.oneof(fc.constant(INS), fc.integer()),
    amount: fc.oneof(fc.integer(), fc.string(), fc.double()),
    currency: fc.constantFrom('IDR', 'USD', null),
    status: fc.constantFrom('succeeded', 'processing', 'exploded', 42),
    otp: fc.constantFrom(null, {}, { attemptsLeft: -1 }),
    failure: fc.constantFrom(null, { code: 'NOPE' }, { code: 'PAYMENT_DECLINED', message: 'x' }),
    refundedAmount: fc.oneof(fc.integer(), fc.constant('0')),
    createdAt: fc.constantFrom('2026-11-23T10:00:00.000Z', 'yesterday', 0),
    updatedAt: fc.constantFrom('2026-11-23T10:00:00.000Z', null),
  },
  { requiredKeys: [] },
);
const bodies = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  almostPayment.map((p) => JSON.stringify({ payment: p })),
  fc.array(almostPayment, { maxLength: 3 }).map((p) => JSON.stringify({ payments: p, instruments: p })),
  fc
    .record({ code: fc.string(), message: fc.oneof(fc.string(), fc.integer()) })
    .map((e) => JSON.stringify(e)),
  fc.constantFrom('', '<html>502 Bad Gateway</html>', '{"payment":', 'null', '[]', '{"code":"NOT_FOUND"}'),
);
const statuses = fc.constantFrom(200, 201, 204, 301, 400, 401, 404, 409, 422, 429, 500, 502, 503);

describe('malformed proxy responses', () => {
  it('become contract-valid data or an AyoError with a stable code', async () => {
    await fc.assert(
      fc.asyncProperty(statuses, bodies, fc.integer({ min: 0, max: 7 }), async (status, text, which) => {
        const client = new HttpAyoClient({
          baseUrl: '/ayokit',
          fetch: async () =>
            new Response(status === 204 ? null : text, {
              status,
              headers: { 'content-type': 'application/json' },
            }),
        });
        const calls = [
          () => client.getPayment(PAY).then((p) => paymentResponse.parse({ payment: p })),
          () => client.listPayments().then((p) => paymentsResponse.parse({ payments: p })),
          () => client.listInstruments().then((i) => instrumentsResponse.parse({ instruments: i })),
          () => client.payCheckout(CHK, { instrumentId: INS }, 'key-00000001'),
          () => client.submitPaymentOtp(PAY, '123456'),
          () => client.getCheckout(CHK).then((c) => checkoutResponse.parse({ checkout: c })),
          () => client.listStaffPayments().then((p) => staffPaymentsResponse.parse({ payments: p })),
          () => client.listAuditEntries().then((e) => auditResponse.parse({ entries: e })),
        ];
        try {
          await (calls[which] as () => Promise<unknown>)();
        } catch (err) {
          expect(err).toBeInstanceOf(AyoError);
          expect(Object.keys(ERROR_CODES)).toContain((err as AyoError).code);
          expect((err as AyoError).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 600, seed: 17 },
    );
  });
});
