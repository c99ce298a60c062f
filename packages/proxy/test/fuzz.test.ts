/**
 * Property-based tests of every `/ayokit/v1` and `/ayokit/staff/v1` endpoint and the callback receiver: random and
 * malformed bodies, wrong types, huge and unicode strings, odd amounts, missing and bad headers.
 * Every answer is a correct success or a 4xx with a stable error code; never a 5xx; a rejected
 * request changes nothing (rows, live events, the bank's ledger).
 */
import { ERROR_CODES } from '@ayokit/core';
import {
  CALLBACK_TYPE_HEADER,
  CALLBACK_TYPES,
  HEADERS,
  signCallback,
  snapTimestamp,
} from '@ayokit/core/snap';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { CALLBACK_SECRET, createWorld, SHOP, type World } from './harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Values of every JSON type, with the edge cases a payment API meets. */
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.constantFrom(
    -1,
    0,
    0.5,
    1e21,
    Number.MAX_SAFE_INTEGER,
    -0,
    '150000',
    '1e3',
    'NaN',
    '\u0000',
    '👩‍👩‍👧',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    '123456',
    '',
    true,
    null,
    [],
    {},
  ),
);
const FIELDS = [
  'instrumentId',
  'amount',
  'mode',
  'description',
  'orderId',
  'otp',
  'reason',
  'bankCode',
  'phoneNumber',
  'returnUrl',
  'locale',
  'isDefault',
  '__proto__',
  'constructor',
];
/** Objects with the API's own field names holding wrong values, or anything at all. */
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), nasty, { maxKeys: 5 }),
  fc.jsonValue(),
  nasty,
);
const raw = fc.oneof(
  body.map((b) => JSON.stringify(b) ?? 'null'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"amount":', '[1,2', '\u0000\u0001', '{"a":1}{"b":2}', ''),
);

interface Ids {
  instrument: string;
  checkout: string;
  paidCheckout: string;
  payment: string;
  otpPayment: string;
  unbinding: string;
  binding: string;
}

/** Paths under /ayokit: the shopper's API (/v1) and the back office's (/staff/v1). */
const ROUTES: [string, (ids: Ids, id: string) => string][] = [
  ['POST', () => '/v1/bindings'],
  ['GET', (_i, id) => `/v1/bindings/${id}`],
  ['GET', (i) => `/v1/bindings/${i.binding}`],
  ['POST', () => '/v1/card-registrations'],
  ['GET', (_i, id) => `/v1/card-registrations/${id}`],
  ['GET', () => '/v1/instruments'],
  ['PATCH', (i) => `/v1/instruments/${i.instrument}`],
  ['PATCH', (_i, id) => `/v1/instruments/${id}`],
  ['POST', (_i, id) => `/v1/instruments/${id}/unbind`],
  ['GET', (_i, id) => `/v1/unbindings/${id}`],
  ['POST', (i) => `/v1/unbindings/${i.unbinding}/otp`],
  ['POST', (_i, id) => `/v1/unbindings/${id}/otp`],
  ['GET', (i) => `/v1/checkouts/${i.checkout}`],
  ['GET', (_i, id) => `/v1/checkouts/${id}`],
  ['POST', (i) => `/v1/checkouts/${i.checkout}/pay`],
  ['POST', (i) => `/v1/checkouts/${i.paidCheckout}/pay`],
  ['POST', (_i, id) => `/v1/checkouts/${id}/pay`],
  ['POST', () => '/v1/payments'],
  ['GET', () => '/v1/payments?limit=abc&status=%00'],
  ['GET', (_i, id) => `/v1/payments/${id}`],
  ['POST', (i) => `/v1/payments/${i.otpPayment}/otp`],
  ['POST', (_i, id) => `/v1/payments/${id}/otp`],
  ['POST', (i) => `/v1/payments/${i.payment}/refunds`],
  ['POST', (i) => `/v1/payments/${i.payment}/capture`],
  ['POST', (i) => `/v1/payments/${i.payment}/void`],
  ['GET', (_i, id) => `/v1/payments/${id}/refunds`],
  ['GET', () => '/staff/v1/me'],
  ['GET', () => '/staff/v1/payments?limit=0&status=x&userId='],
  ['GET', (_i, id) => `/staff/v1/payments?orderId=${id}`],
  ['GET', (_i, id) => `/staff/v1/payments/${id}`],
  ['POST', (i) => `/staff/v1/payments/${i.payment}/refunds`],
  ['POST', (_i, id) => `/staff/v1/payments/${id}/refunds`],
  ['POST', (i) => `/staff/v1/payments/${i.payment}/capture`],
  ['POST', (i) => `/staff/v1/payments/${i.payment}/void`],
  ['GET', (_i, id) => `/staff/v1/audit?paymentId=${id}&limit=${id}`],
];

const ids = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'pay_',
    'ins_000000000000000000000000',
    'pay_AAAAAAAAAAAAAAAAAAAAAAAA',
    '%2e%2e',
    '..',
    '%00',
  ),
  fc.stringMatching(/^[a-z]{3}_[A-Za-z0-9]{24}$/),
);

/** Mostly requests that pass the gates (signed in, own origin, JSON, a key), so the bodies are reached. */
const mostly = <T>(usual: T, others: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 4 }, { arbitrary: others, weight: 1 });
const headerSets = fc.record({
  key: mostly<string | null>(
    'fuzz-key-0001',
    fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.string({ maxLength: 80 })), {
      nil: null,
    }),
  ),
  origin: mostly<string | null>(
    SHOP,
    fc.option(fc.constantFrom('https://evil.test', 'null', ''), { nil: null }),
  ),
  contentType: mostly(
    'application/json',
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', ''),
  ),
  user: mostly('fuzz-owner', fc.constantFrom('fuzz-other', '')),
  /** Staff headers: mostly none (a shopper's request), or staff without the roles that move money. */
  staff: fc.constantFrom(null, null, null, 'desk:read,capture,void', 'viewer:read', 'odd:read,admin', ':'),
});

describe('fuzzing /ayokit/v1 and the callback receiver', () => {
  let db: Db;
  let world: World;
  let known: Ids;
  beforeAll(async () => {
    db = await createTestPgliteDb();
    world = await createWorld(db, { proxy: { rateLimits: { otpPerMinute: 1e6, bindingsPerMinute: 1e6 } } });
    const owner = world.as('fuzz-owner');
    const bni = await owner.bind({ bankCode: '009', accountNumber: '9876540001' });
    const bca = await owner.bind({ bankCode: '014', accountNumber: '9876540002' });
    const payment = await owner.pay<{ payment: { id: string } }>({
      instrumentId: bni.binding.instrumentId,
      amount: 10_000,
    });
    const otpPayment = await owner.pay<{ payment: { id: string } }>({
      instrumentId: bca.binding.instrumentId,
      amount: 10_000,
    });
    const checkout = await world.proxy.checkouts.create({
      userId: 'fuzz-owner',
      amount: 5_000,
      orderId: 'fuzz-1',
    });
    const paidCheckout = await world.proxy.checkouts.create({
      userId: 'fuzz-owner',
      amount: 6_000,
      orderId: 'fuzz-2',
    });
    await owner.post(`/checkouts/${paidCheckout.id}/pay`, { instrumentId: bni.binding.instrumentId });
    const other = world.as('fuzz-owner');
    const extra = await other.bind({ bankCode: '009', accountNumber: '9876540003' });
    const unbinding = await owner.post<{ unbinding: { id: string } }>(
      `/instruments/${extra.binding.instrumentId}/unbind`,
      {},
    );
    await world.settle();
    known = {
      instrument: bni.binding.instrumentId as string,
      checkout: checkout.id,
      paidCheckout: paidCheckout.id,
      payment: payment.body.payment.id,
      otpPayment: otpPayment.body.payment.id,
      unbinding: unbinding.body.unbinding.id,
      binding: bni.binding.id,
    };
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  /** Everything a request could change. */
  const snapshot = async () => {
    const counts = await db.query(
      `SELECT (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM refunds) AS refunds,
              (SELECT count(*) FROM bindings) AS bindings, (SELECT count(*) FROM unbindings) AS unbindings,
              (SELECT count(*) FROM instruments) AS instruments, (SELECT count(*) FROM events) AS events,
              (SELECT count(*) FROM checkouts) AS checkouts,
              (SELECT string_agg(id || status || refunded_amount, ',' ORDER BY id) FROM payments) AS p,
              (SELECT string_agg(id || status || is_default::text, ',' ORDER BY id) FROM instruments) AS i`,
    );
    return JSON.stringify({ counts, ledger: world.sandbox.ledger(), cards: world.sandbox.cardLedger() });
  };

  const expectStable = (status: number, text: string) => {
    expect(status, text.slice(0, 300)).toBeLessThan(500);
    if (status >= 400) {
      const parsed = JSON.parse(text) as { code: string; message: string };
      expect(Object.keys(ERROR_CODES)).toContain(parsed.code);
      expect(typeof parsed.message).toBe('string');
      expect(parsed.message.length).toBeGreaterThan(0);
    }
  };

  it('every endpoint answers random requests with a success or a stable 4xx, and a 4xx changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        ids,
        raw,
        headerSets,
        async ([method, path], id, text, h) => {
          const headers: Record<string, string> = {};
          if (h.user) headers['x-test-user'] = h.user;
          if (h.staff) headers['x-test-staff'] = h.staff;
          if (h.key !== null) headers['idempotency-key'] = h.key;
          if (h.origin !== null) headers.origin = h.origin;
          if (h.contentType) headers['content-type'] = h.contentType;
          let url: string;
          try {
            url = new URL(`${SHOP}/ayokit${path(known, encodeURIComponent(id))}`).href;
          } catch {
            return;
          }
          const before = await snapshot();
          const res = await world.proxy.fetch(
            new Request(url, { method, headers, ...(method === 'GET' ? {} : { body: text }) }),
          );
          const out = await res.text();
          if (process.env.FUZZ_DEBUG)
            console.log(method, path(known, id).slice(0, 40), res.status, out.slice(0, 80));
          expectStable(res.status, out);
          if (res.status >= 400) expect(await snapshot()).toBe(before);
        },
      ),
      { numRuns: RUNS, seed: 7 },
    );
  }, 120_000);

  it('well-formed requests with hostile values are refused without a state change', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/v1/checkouts/:c/pay',
          '/v1/payments',
          '/staff/v1/payments/:p/refunds',
          '/v1/bindings',
          '/staff/v1/payments/:p/capture',
        ),
        fc.record({
          instrumentId: fc.oneof(fc.constant(':i'), nasty),
          amount: fc.oneof(
            fc.constantFrom(-1, 0, 0.5, 1.5, 1e13, 1e300, Number.MAX_SAFE_INTEGER + 2, '1000'),
            fc.double(),
            fc.integer({ max: 0 }),
          ),
          description: nasty,
        }),
        async (route, input) => {
          const path = route.replace(':p', known.payment).replace(':c', known.checkout);
          const bodyIn = {
            ...input,
            instrumentId: input.instrumentId === ':i' ? known.instrument : input.instrumentId,
          };
          const before = await snapshot();
          // Staff with every role: the amounts themselves must be refused.
          const client = path.startsWith('/staff/') ? world.staff() : world.as('fuzz-owner');
          const res = await client.post(path.replace(/^\/(staff\/)?v1/, ''), bodyIn);
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(Object.keys(ERROR_CODES)).toContain((res.body as { code: string }).code);
          expect(await snapshot()).toBe(before);
        },
      ),
      { numRuns: RUNS, seed: 11 },
    );
  }, 120_000);

  it('the callback receiver never fails and never moves state on forged, malformed or unknown callbacks', async () => {
    const path = '/ayokit/callbacks/ayoconnect';
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.oneof(fc.constantFrom(...CALLBACK_TYPES), fc.string({ maxLength: 20 })), { nil: null }),
        raw,
        fc.constantFrom('valid', 'wrong-secret', 'none', 'garbage'),
        fc.constantFrom('now', 'expired', 'future', 'garbage', 'none'),
        async (type, text, signature, time) => {
          const t = Date.now();
          const timestamp =
            time === 'now'
              ? snapTimestamp(t)
              : time === 'expired'
                ? snapTimestamp(t - 3_600_000)
                : time === 'future'
                  ? snapTimestamp(t + 3_600_000)
                  : time === 'garbage'
                    ? 'yesterday'
                    : null;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (type !== null) headers[CALLBACK_TYPE_HEADER] = type;
          if (timestamp) headers[HEADERS.timestamp] = timestamp;
          if (signature === 'garbage') headers[HEADERS.signature] = 'ab'.repeat(64);
          if (signature === 'valid' || signature === 'wrong-secret') {
            headers[HEADERS.signature] = await signCallback({
              path,
              body: text,
              timestamp: timestamp ?? snapTimestamp(t),
              secret: signature === 'valid' ? CALLBACK_SECRET : 'not-the-secret',
            });
          }
          const before = await snapshot();
          const res = await world.proxy.fetch(
            new Request(`${SHOP}${path}`, { method: 'POST', headers, body: text }),
          );
          expect(res.status).toBeLessThan(500);
          await res.text();
          // Random bodies name no known reference: nothing may change, whatever the signature.
          expect(await snapshot()).toBe(before);
        },
      ),
      { numRuns: RUNS, seed: 13 },
    );
  }, 120_000);
});
