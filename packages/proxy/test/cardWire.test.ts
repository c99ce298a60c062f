/**
 * What the proxy puts on the card wire, read off a recording fetch between it and the sandbox:
 * the documented bodies of generate-webview and create-charge (AYOCONNECT-API.md §9), the status as
 * a GET with its query, the header names and timestamp of `profile.card` (an override holds on
 * both sides), and no call to an endpoint the profile says does not exist (refund, void).
 */
import { DEFAULT_WIRE_PROFILE, type WireProfileOverrides } from '@ayokit/core/snap';
import { NETWORK_ERROR_RESOLVE_SECONDS, TEST_CARDS } from '@ayokit/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { cardCustomerIdOf } from '../src/flows/cardRegistration';
import { createWorld, type World } from './harness';

const CARD = DEFAULT_WIRE_PROFILE.card;
const person = (id: string) => ({ id, name: 'Ani Lestari', email: `${id}@shop.test` });

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Headers;
  body: string;
}

type Payment = { id: string; status: string; failure: { code: string } | null };
type Answer = (sent: Sent, real: Response) => Response | null | Promise<Response | null>;

/**
 * A world whose card calls are recorded in `sent`; `answer` may replace the sandbox's answer to a
 * call (after the sandbox processed it, as a garbled answer would be).
 */
async function recordedWorld(db: Db, profile?: WireProfileOverrides) {
  const world = await createWorld(db, {
    ...(profile ? { profile } : {}),
    proxy: {
      authenticate: (req) => {
        const id = req.headers.get('x-test-user');
        return id ? person(id) : null;
      },
    },
  });
  const paths = { ...CARD.paths, ...profile?.card?.paths };
  const cardPaths = new Set<string>(Object.values(paths));
  const state: { sent: Sent[]; answer: Answer | null } = { sent: [], answer: null };
  const real = world.sandbox.fetch;
  world.sandbox.fetch = async (req) => {
    const url = new URL(req.url);
    if (!cardPaths.has(url.pathname) || url.pathname === paths.token) return real(req);
    const one: Sent = {
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: await req.clone().text(),
    };
    state.sent.push(one);
    const res = await real(req);
    return (await state.answer?.(one, res)) ?? res;
  };
  return { world, state };
}

/** One shopper's view of a recorded world: its card, and the calls made since it started. */
function journey(recorded: Awaited<ReturnType<typeof recordedWorld>>, userId: string) {
  const { world, state } = recorded;
  state.sent = [];
  state.answer = null;
  world.sandbox.faults.clear();
  const shopper = world.as(userId);
  const card = async (cardNumber: string = TEST_CARDS.visa) => {
    const { cardRegistration } = await shopper.registerCard({ cardNumber });
    expect(cardRegistration.status).toBe('succeeded');
    return cardRegistration.instrumentId!;
  };
  const to = (path: keyof typeof CARD.paths) => state.sent.filter((s) => s.path === CARD.paths[path]);
  return { world, shopper, card, to, sent: state.sent, state };
}

const json = (s: Sent | undefined) => JSON.parse(s?.body ?? 'null') as Record<string, unknown>;
const REF = /^[A-Za-z0-9]{32}$/;

describe.each(dbEngines)('the card wire on $name', (engine) => {
  let shared: Awaited<ReturnType<typeof recordedWorld>> | null = null;
  let sharedDb: Db | null = null;
  beforeAll(async () => {
    sharedDb = await engine.create();
    shared = await recordedWorld(sharedDb);
  });
  afterAll(async () => {
    await shared?.world.close();
    await sharedDb?.close();
  });
  /** The default profile's world, shared by the tests of this block (one user each). */
  const open = (userId: string) => journey(shared!, userId);

  /** A world of its own, for a profile override. */
  let own: { world: World; db: Db } | null = null;
  const openWith = async (profile: WireProfileOverrides, userId: string) => {
    const db = await engine.create();
    const recorded = await recordedWorld(db, profile);
    own = { world: recorded.world, db };
    return journey(recorded, userId);
  };
  afterEach(async () => {
    await own?.world.close();
    await own?.db.close();
    own = null;
  });

  it('sends the documented bodies: generate-webview, PAY, AUTHORIZE → CAPTURE, void; headers from the profile', async () => {
    const { shopper, card, to, sent } = open('wire-bodies');
    const customerId = await cardCustomerIdOf('wire-bodies');
    const instrumentId = await card();

    const [registration] = to('registration');
    expect(registration?.method).toBe('POST');
    expect(json(registration)).toEqual({
      partnerReferenceNo: expect.stringMatching(REF),
      customer: { id: customerId, name: 'Ani Lestari', email: 'wire-bodies@shop.test' },
      successRedirectUrl: expect.stringMatching(/^http:\/\/shop\.test\/.*ayokitCardRegistration=/),
      failedRedirectUrl: expect.stringMatching(/^http:\/\/shop\.test\//),
      additionalInfo: { lang: 'ID' },
    });
    expect(customerId).toMatch(/^[A-Za-z0-9]{6,16}$/);

    const paid = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 150_000,
      orderId: 'order-wire-1',
      description: 'Kopi susu',
    });
    expect(paid.body.payment.status).toBe('succeeded');
    const pay = json(to('charge')[0]);
    expect(pay).toEqual({
      partnerReferenceNo: expect.stringMatching(REF),
      cardToken: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
      operation: 'PAY',
      customerId,
      order: { id: pay.partnerReferenceNo, amount: '150000.00', currency: 'IDR', description: 'Kopi susu' },
      additionalInfo: { merchantOrderId: 'order-wire-1' },
    });

    const held = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 100_000,
      mode: 'authorize',
    });
    const captured = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${held.body.payment.id}/capture`,
      { amount: 110_000 },
    );
    expect(captured.body.payment.status).toBe('succeeded');
    const [, authorize, capture] = to('charge');
    const authorizeBody = json(authorize);
    expect(authorizeBody).toMatchObject({ operation: 'AUTHORIZE', order: { amount: '100000.00' } });
    // The capture: its own reference, the authorisation named by its order id, the card token again.
    expect(json(capture)).toEqual({
      partnerReferenceNo: expect.stringMatching(REF),
      cardToken: authorizeBody.cardToken,
      operation: 'CAPTURE',
      customerId,
      order: { id: authorizeBody.partnerReferenceNo, amount: '110000.00', currency: 'IDR' },
    });
    expect(json(capture).partnerReferenceNo).not.toBe(authorizeBody.partnerReferenceNo);
    // One correlation id per flow: the capture shares its authorisation's.
    expect(capture?.headers.get(CARD.headers.correlationId)).toBe(
      authorize?.headers.get(CARD.headers.correlationId),
    );

    const toVoid = await shopper.pay<{ payment: Payment }>({
      instrumentId,
      amount: 50_000,
      mode: 'authorize',
    });
    const voided = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${toVoid.body.payment.id}/void`,
      {},
    );
    expect(voided.body.payment.status).toBe('voided');
    const authorize2 = to('charge')[3];
    expect(json(to('void')[0])).toEqual({
      partnerReferenceNo: expect.stringMatching(REF),
      customerId,
      order: { id: json(authorize2).partnerReferenceNo },
    });
    expect(to('void')[0]?.headers.get(CARD.headers.correlationId)).toBe(
      authorize2?.headers.get(CARD.headers.correlationId),
    );

    // Every call: bearer token, a 25-character timestamp, a new request id, the merchant code.
    const requestIds = new Set<string>();
    for (const call of sent) {
      expect(call.headers.get('authorization')).toMatch(/^Bearer \S+$/);
      expect(call.headers.get(CARD.headers.timestamp)).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/,
      );
      expect(call.headers.get(CARD.headers.merchantCode)).toBe('AYOKIT');
      expect(call.headers.get(CARD.headers.correlationId)).toMatch(REF);
      requestIds.add(call.headers.get(CARD.headers.requestId) ?? '');
    }
    expect(requestIds.size).toBe(sent.length);
    expect([...requestIds].every((id) => REF.test(id))).toBe(true);
  });

  it('asks the status with a GET: id, customerId and merchant id in the query, no body', async () => {
    const { world, shopper, card, to } = open('wire-status');
    const instrumentId = await card(TEST_CARDS.networkError);
    // No callback: the proxy has only the status API to learn the outcome from.
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment', count: 10 });
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 10_000 });
    expect(paid.body.payment.status).toBe('processing');
    await world.advance(NETWORK_ERROR_RESOLVE_SECONDS + 1);
    await world.advance(60);
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${paid.body.payment.id}`)).body.payment.status,
    ).toBe('succeeded');
    const [status] = to('status');
    expect(status).toMatchObject({ method: 'GET', body: '' });
    // The charge's answer was lost (504): the payment is asked for by our own reference.
    expect(status?.query).toEqual({
      referenceNo: json(to('charge')[0]).partnerReferenceNo,
      customerId: await cardCustomerIdOf('wire-status'),
      merchantId: 'AYOKIT',
    });
    expect(status?.headers.get('content-type')).toBeNull();
    expect(to('charge')).toHaveLength(1);
  });

  it('speaks a profile override of header names and timestamp format, which the sandbox checks too', async () => {
    const headers = {
      timestamp: 'A-Timestamp',
      requestId: 'A-Request-ID',
      merchantCode: 'A-Merchant-Code',
      correlationId: 'A-Correlation-ID',
    };
    const { shopper, card, sent } = await openWith(
      { card: { headers, timestampFormat: 'milliseconds' } },
      'wire-names',
    );
    const instrumentId = await card();
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 20_000 });
    expect(paid.body.payment.status).toBe('succeeded');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const call of sent) {
      expect(call.headers.get('A-Timestamp')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/);
      expect(call.headers.get('A-Request-ID')).toMatch(REF);
      expect(call.headers.get('A-Merchant-Code')).toBe('AYOKIT');
      expect(call.headers.get('A-Correlation-ID')).toMatch(REF);
      expect(call.headers.get(CARD.headers.timestamp)).toBeNull();
    }
  });

  it('has no card refund by default: refused before any row or call; the sandbox has no such endpoint', async () => {
    const { shopper, card, to, world: w } = open('wire-norefund');
    const instrumentId = await card();
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 30_000 });
    const refund = await shopper.backOffice.post(`/payments/${paid.body.payment.id}/refunds`, {});
    expect(refund.status).toBeGreaterThanOrEqual(400);
    expect(refund.status).toBeLessThan(500);
    expect(to('refund')).toEqual([]);
    expect(w.proxy.card.stats.byEndpoint.refund).toBeUndefined();
    expect(await w.proxy.store.list('refunds', { paymentId: paid.body.payment.id })).toEqual([]);
    const direct = await w.sandbox.fetch(
      new Request(`http://sandbox.test${CARD.paths.refund}`, { method: 'POST', body: '{}' }),
    );
    expect(direct.status).toBe(404);
  });

  it('with capabilities.cardRefund on, refunds in full through the refund endpoint', async () => {
    const { shopper, card, to } = await openWith({ capabilities: { cardRefund: true } }, 'wire-refund');
    const customerId = await cardCustomerIdOf('wire-refund');
    const instrumentId = await card();
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 30_000 });
    const refund = await shopper.backOffice.post<{ refund: { status: string } }>(
      `/payments/${paid.body.payment.id}/refunds`,
      { reason: 'out of stock' },
    );
    expect(refund.body.refund.status).toBe('succeeded');
    expect(json(to('refund')[0])).toEqual({
      partnerReferenceNo: expect.stringMatching(REF),
      customerId,
      order: { id: json(to('charge')[0]).partnerReferenceNo, amount: '30000.00', currency: 'IDR' },
      additionalInfo: { reason: 'out of stock' },
    });
  });

  it('with capabilities.cardVoid off, a void is refused without a call and the hold stays', async () => {
    const {
      shopper,
      card,
      to,
      world: w,
    } = await openWith({ capabilities: { cardVoid: false } }, 'wire-novoid');
    const instrumentId = await card();
    const held = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 40_000, mode: 'authorize' });
    const res = await shopper.backOffice.post(`/payments/${held.body.payment.id}/void`, {});
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(to('void')).toEqual([]);
    expect(w.proxy.card.stats.byEndpoint.void).toBeUndefined();
    expect(
      (await shopper.get<{ payment: Payment }>(`/payments/${held.body.payment.id}`)).body.payment.status,
    ).toBe('authorized');
    // A capture still works.
    const captured = await shopper.backOffice.post<{ payment: Payment }>(
      `/payments/${held.body.payment.id}/capture`,
      {},
    );
    expect(captured.body.payment.status).toBe('succeeded');
  });

  it.each([
    [
      'a success without transactionStatus',
      () => Response.json({ responseCode: '2005400', responseMessage: 'OK' }),
    ],
    ['an answer that is not JSON', () => new Response('<html>gateway</html>', { status: 200 })],
    ['JSON without responseCode', () => Response.json({ status: 'weird' }, { status: 200 })],
    [
      'an unknown status word',
      () => Response.json({ responseCode: '2005400', transactionStatus: 'SETTLING' }),
    ],
  ])('%s never fails the payment: the status API settles it, charged once', async (name, garble) => {
    const userId = `wire-garble-${name.length}`;
    const { world, shopper, card, to, state } = open(userId);
    const instrumentId = await card();
    let garbled = false;
    state.answer = (sent) => {
      if (sent.path !== CARD.paths.charge || garbled) return null;
      garbled = true;
      return garble();
    };
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment', count: 10 });
    const paid = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 25_000 });
    expect(paid.status).toBeLessThan(500);
    expect(paid.body.payment.status).toBe('processing');
    expect(paid.body.payment.failure).toBeNull();
    await world.advance(60);
    await world.advance(60);
    const now = await shopper.get<{ payment: Payment }>(`/payments/${paid.body.payment.id}`);
    expect(now.body.payment.status).toBe('succeeded');
    expect(to('status').length).toBeGreaterThanOrEqual(1);
    expect(to('charge')).toHaveLength(1);
    const customerId = await cardCustomerIdOf(userId);
    expect(world.sandbox.cardLedger().filter((e) => e.customerId === customerId && e.charged)).toHaveLength(
      1,
    );
  });
});
