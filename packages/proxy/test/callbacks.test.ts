import type { BankCode } from '@ayokit/core';
import {
  CALLBACK_TYPE_HEADER,
  HEADERS,
  randomAlphanumeric,
  responseCode,
  signCallback,
  snapTimestamp,
} from '@ayokit/core/snap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AyoProxy } from '../src';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { CALLBACK_SECRET, createWorld, SHOP, type World } from './harness';

const PATH = '/ayokit/callbacks/ayoconnect';

type Payment = { id: string; status: string; refundedAmount: number };

interface CallbackInput {
  type?: string | null;
  body: unknown;
  /** Raw text instead of JSON.stringify(body). */
  raw?: string;
  /** true: valid signature; a string: signed with that secret; false: no X-SIGNATURE. */
  sign?: boolean | string;
  timestamp?: string | null;
}

async function postCallback(proxy: AyoProxy, input: CallbackInput) {
  const text = input.raw ?? JSON.stringify(input.body);
  const timestamp = input.timestamp === undefined ? snapTimestamp(Date.now()) : input.timestamp;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (timestamp !== null) headers[HEADERS.timestamp] = timestamp;
  if (input.type !== null) headers[CALLBACK_TYPE_HEADER] = input.type ?? 'payment';
  const sign = input.sign ?? true;
  if (sign !== false) {
    headers[HEADERS.signature] = await signCallback({
      path: PATH,
      body: text,
      timestamp: timestamp ?? snapTimestamp(Date.now()),
      secret: sign === true ? CALLBACK_SECRET : sign,
    });
  }
  const res = await proxy.fetch(new Request(`${SHOP}${PATH}`, { method: 'POST', headers, body: text }));
  const bodyText = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(bodyText);
  } catch {
    // left empty: the status is what matters
  }
  return { status: res.status, body };
}

const paymentCallback = (
  partnerReferenceNo: string,
  referenceNo: string | null,
  status: '00' | '03' | '06',
  extra: Record<string, string> = {},
) => ({
  responseCode: responseCode('payment', 'success'),
  responseMessage: 'Successful',
  originalPartnerReferenceNo: partnerReferenceNo,
  originalReferenceNo: referenceNo ?? randomAlphanumeric(32),
  latestTransactionStatus: status,
  transactionStatusDesc: status === '00' ? 'Success' : status === '06' ? 'Failed' : 'Pending',
  amount: { value: '1.00', currency: 'IDR' },
  additionalInfo: extra,
});

describe.each(dbEngines)('callbacks on $name', (engine) => {
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  const bound = async (w: World, userId: string, bankCode: BankCode, accountNumber: string) => {
    const shopper = w.as(userId);
    const { binding } = await shopper.bind({ bankCode, accountNumber });
    expect(binding.status).toBe('succeeded');
    return { shopper, instrumentId: binding.instrumentId!, bindingId: binding.id };
  };

  /** A payment the bank holds as pending (not settled yet). */
  const processingPayment = async (w: World, userId: string, accountNumber: string) => {
    const { shopper, instrumentId, bindingId } = await bound(w, userId, '002', accountNumber);
    const res = await shopper.pay<{ payment: Payment }>({ instrumentId, amount: 12_000 });
    expect(res.body.payment.status).toBe('processing');
    const row = (await w.proxy.store.get('payments', res.body.payment.id))!;
    return { shopper, instrumentId, bindingId, payment: row };
  };

  it('refuses a forged signature (401) and changes nothing', async () => {
    const { payment } = await processingPayment(world, 'cb-forged', '4040400001');
    const body = paymentCallback(payment.partnerReferenceNo, payment.referenceNo, '00');
    const forged = await postCallback(world.proxy, { body, sign: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    // A valid signature over another body does not cover this one.
    const text = JSON.stringify(body);
    const timestamp = snapTimestamp(Date.now());
    const otherSig = await signCallback({
      path: PATH,
      body: JSON.stringify(paymentCallback(payment.partnerReferenceNo, payment.referenceNo, '03')),
      timestamp,
      secret: CALLBACK_SECRET,
    });
    const swapped = await world.proxy.fetch(
      new Request(`${SHOP}${PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HEADERS.timestamp]: timestamp,
          [HEADERS.signature]: otherSig,
          [CALLBACK_TYPE_HEADER]: 'payment',
        },
        body: text,
      }),
    );
    expect(swapped.status).toBe(401);
    // Signed for another path.
    const elsewhere = await signCallback({
      path: '/elsewhere',
      body: text,
      timestamp,
      secret: CALLBACK_SECRET,
    });
    const moved = await world.proxy.fetch(
      new Request(`${SHOP}${PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HEADERS.timestamp]: timestamp,
          [HEADERS.signature]: elsewhere,
          [CALLBACK_TYPE_HEADER]: 'payment',
        },
        body: text,
      }),
    );
    expect(moved.status).toBe(401);
    const row = await world.proxy.store.get('payments', payment.id);
    expect(row?.status).toBe('processing');
    expect(row?.updatedAt.getTime()).toBe(payment.updatedAt.getTime());
    // The bank's own callback still gets through afterwards: the forgeries were not recorded as seen.
    await world.settle();
    expect((await world.proxy.store.get('payments', payment.id))?.status).toBe('succeeded');
  });

  it('refuses a callback without X-SIGNATURE or X-TIMESTAMP (401)', async () => {
    const { payment } = await processingPayment(world, 'cb-unsigned', '4040400002');
    const body = paymentCallback(payment.partnerReferenceNo, payment.referenceNo, '00');
    const unsigned = await postCallback(world.proxy, { body, sign: false });
    expect(unsigned.status).toBe(401);
    const noTimestamp = await postCallback(world.proxy, { body, timestamp: null });
    expect(noTimestamp.status).toBe(401);
    expect((await world.proxy.store.get('payments', payment.id))?.status).toBe('processing');
    await world.settle();
  });

  it('answers malformed, non-object, untyped and oversized bodies with a 4xx, never a 5xx', async () => {
    const cases: CallbackInput[] = [
      { body: null, raw: '{"responseCode":' },
      { body: null, raw: '' },
      { body: [] },
      { body: [{ originalPartnerReferenceNo: 'x' }] },
      { body: 'a string' },
      { body: 42 },
      { body: null },
      { body: { responseCode: '2005400' }, type: 'bogus' },
      { body: { hello: 'world' }, type: null },
      { body: null, raw: `{"pad":"${'x'.repeat(70 * 1024)}"}` },
      { body: null, raw: `{"pad":"${'x'.repeat(70 * 1024)}"}`, sign: false },
      { body: { originalPartnerReferenceNo: { $ne: 1 }, latestTransactionStatus: ['00'] } },
    ];
    for (const input of cases) {
      const res = await postCallback(world.proxy, input);
      const label = (input.raw ?? JSON.stringify(input.body)).slice(0, 60);
      expect(res.status, label).toBeGreaterThanOrEqual(200);
      expect(res.status, label).toBeLessThan(500);
      if (input.raw?.startsWith('{"pad"')) expect(res.status).toBe(413);
    }
    const bad = await postCallback(world.proxy, { body: [] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('refuses a callback over 64 kB as it arrives: by its Content-Length, or while it streams in', async () => {
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      world.proxy.fetch(
        new Request(`${SHOP}${PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CALLBACK_TYPE_HEADER]: 'payment', ...headers },
          body,
          duplex: 'half',
        } as RequestInit),
      );
    // 1 MB in 8 kB chunks, counted as the proxy pulls them.
    let pulled = 0;
    const chunk = new TextEncoder().encode(' '.repeat(8 * 1024));
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (++pulled > 128) controller.close();
          else controller.enqueue(chunk);
        },
      });
    const declared = await post(stream(), { 'content-length': String(1024 * 1024) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/65536 bytes/),
    });
    expect(pulled).toBeLessThanOrEqual(1);
    pulled = 0;
    const streamed = await post(stream());
    expect(streamed.status).toBe(413);
    // 64 kB is 8 chunks: refused at the 9th, the rest never pulled.
    expect(pulled).toBeLessThanOrEqual(10);
    // The limit counts bytes, not characters: 30 000 three-byte characters are 90 000 bytes.
    const wide = await post(JSON.stringify({ pad: '€'.repeat(30_000) }));
    expect(wide.status).toBe(413);
  });

  it('acknowledges a callback of no known type (no type header, an unknown service) and applies nothing', async () => {
    const { payment } = await processingPayment(world, 'cb-untyped', '4040400099');
    const settled = paymentCallback(payment.partnerReferenceNo, payment.referenceNo, '00');
    // Service 99 is in neither dd.callbackServices nor card.callbackServices; a type we do not know.
    for (const input of [
      { body: { ...settled, responseCode: '2009900' }, type: null },
      { body: { ...settled, responseCode: '2009900' }, type: 'bogus' },
      { body: { ...settled, responseCode: 'not-a-code' }, type: null },
    ]) {
      const res = await postCallback(world.proxy, input);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: true, ignored: 'unknown type' });
    }
    expect((await world.proxy.store.get('payments', payment.id))?.status).toBe('processing');
    // By its service alone (54, payment), the same callback is applied.
    const typed = await postCallback(world.proxy, { body: settled, type: null });
    expect(typed.body).toEqual({ received: true });
    expect((await world.proxy.store.get('payments', payment.id))?.status).toBe('succeeded');
  });

  it('acknowledges a callback for an unknown reference and ignores it', async () => {
    const res = await postCallback(world.proxy, {
      body: paymentCallback(randomAlphanumeric(32), null, '00'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: true, ignored: 'unknown reference' });
    for (const type of ['binding', 'refund', 'unbinding']) {
      const other = await postCallback(world.proxy, {
        type,
        body: {
          responseCode: '2000700',
          partnerReferenceNo: randomAlphanumeric(32),
          partnerRefundNo: randomAlphanumeric(32),
          additionalInfo: { latestBindingStatus: 'SUCCESS', refundStatus: 'SUCCESS' },
        },
      });
      expect(other.status, type).toBe(200);
      expect(other.body, type).toMatchObject({ received: true, ignored: 'unknown reference' });
    }
  });

  it('a signed but backwards callback changes nothing: a succeeded payment and binding stay so', async () => {
    const { payment, instrumentId, bindingId } = await processingPayment(world, 'cb-backwards', '4040400003');
    await world.settle();
    const before = await world.proxy.store.get('payments', payment.id);
    expect(before?.status).toBe('succeeded');
    const fail = await postCallback(world.proxy, {
      body: paymentCallback(payment.partnerReferenceNo, before!.referenceNo, '06', {
        failureResponseCode: '4035408',
        failureReason: 'Card Expired',
      }),
    });
    expect(fail.status).toBe(200);
    const pending = await postCallback(world.proxy, {
      body: paymentCallback(payment.partnerReferenceNo, before!.referenceNo, '03'),
    });
    expect(pending.status).toBe(200);
    const after = await world.proxy.store.get('payments', payment.id);
    expect(after?.status).toBe('succeeded');
    expect(after?.failure).toBeNull();
    expect((await world.proxy.store.get('instruments', instrumentId))?.status).toBe('active');

    const binding = (await world.proxy.store.get('bindings', bindingId))!;
    const bfail = await postCallback(world.proxy, {
      type: 'binding',
      body: {
        responseCode: '2000700',
        responseMessage: 'Successful',
        partnerReferenceNo: binding.partnerReferenceNo,
        referenceNo: binding.referenceNo,
        additionalInfo: {
          publicUserId: binding.publicUserId,
          latestBindingStatus: 'FAIL',
          bankCode: '002',
          failureReason: 'Session Expired',
        },
      },
    });
    expect(bfail.status).toBe(200);
    const b = await world.proxy.store.get('bindings', bindingId);
    expect(b?.status).toBe('succeeded');
    expect(b?.failure).toBeNull();
    expect(b?.instrumentId).toBe(instrumentId);
    const list = await world
      .as('cb-backwards')
      .get<{ instruments: { id: string; status: string }[] }>('/instruments');
    expect(list.body.instruments).toEqual([expect.objectContaining({ id: instrumentId, status: 'active' })]);
    const events = await world.proxy.store.eventsAfter('cb-backwards', 0);
    expect(
      events.filter(
        (e) => e.event.type === 'payment' && (e.event.data as { status: string }).status === 'failed',
      ),
    ).toEqual([]);
  });

  it("a signed failure naming the account's state fails the payment and marks its account", async () => {
    const { payment, instrumentId } = await processingPayment(world, 'cb-expired', '4040400009');
    const res = await postCallback(world.proxy, {
      body: paymentCallback(payment.partnerReferenceNo, payment.referenceNo, '06', {
        failureResponseCode: '4035408',
        failureReason: 'Card Expired',
      }),
    });
    expect(res.status).toBe(200);
    const after = await world.proxy.store.get('payments', payment.id);
    expect(after?.status).toBe('failed');
    expect(after?.failure?.code).toBe('CARD_EXPIRED');
    // The account is read (lazily) and marked: it cannot pay again.
    expect((await world.proxy.store.get('instruments', instrumentId))?.status).toBe('expired');
  });

  it('a replayed identical callback is acknowledged as a duplicate and applied once', async () => {
    const { payment } = await processingPayment(world, 'cb-replay', '4040400004');
    const body = paymentCallback(payment.partnerReferenceNo, payment.referenceNo, '00');
    const raw = JSON.stringify(body);
    const first = await postCallback(world.proxy, { body, raw });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true });
    expect((await world.proxy.store.get('payments', payment.id))?.status).toBe('succeeded');
    const second = await postCallback(world.proxy, { body, raw });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ received: true, duplicate: true });
    const events = await world.proxy.store.eventsAfter('cb-replay', 0);
    expect(
      events.filter(
        (e) => e.event.type === 'payment' && (e.event.data as { status: string }).status === 'succeeded',
      ),
    ).toHaveLength(1);
    await world.settle();
  });

  it("with confirmCallbacks 'always', a signed SUCCESS the bank does not confirm leaves the payment processing", async () => {
    const confirming = await createWorld(db, { proxy: { confirmCallbacks: 'always' } });
    try {
      confirming.sandbox.faults.add({ target: 'bank', action: 'slow', settleSeconds: 600 });
      const { payment } = await processingPayment(confirming, 'cb-confirm', '4040400005');
      const asked = confirming.proxy.client.stats.byEndpoint.paymentStatus ?? 0;
      const res = await postCallback(confirming.proxy, {
        body: paymentCallback(payment.partnerReferenceNo, payment.referenceNo, '00'),
      });
      expect(res.status).toBe(200);
      expect(confirming.proxy.client.stats.byEndpoint.paymentStatus).toBe(asked + 1);
      expect((await confirming.proxy.store.get('payments', payment.id))?.status).toBe('processing');
      const ledger = confirming.sandbox
        .ledger()
        .find((e) => e.partnerReferenceNo === payment.partnerReferenceNo);
      expect(ledger?.charged).toBe(false);
      // When the bank really settles, its callback is confirmed the same way and taken.
      await confirming.sandbox.clock.advance(601);
      await confirming.sandbox.flush();
      expect((await confirming.proxy.store.get('payments', payment.id))?.status).toBe('succeeded');
    } finally {
      await confirming.close();
    }
  });

  it('answers a malformed id with 400 and an unknown route with a 404 JSON error', async () => {
    const shopper = world.as('cb-routes');
    const bad = await shopper.get<{ code: string; issues: { path: string }[] }>('/payments/xyz');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_REQUEST');
    expect(bad.body.issues.map((i) => i.path)).toContain('id');
    for (const path of [
      '/bindings/bnd_short',
      '/unbindings/pay_AAAAAAAAAAAAAAAAAAAAAAAA',
      "/payments/pay_'--",
    ]) {
      const res = await shopper.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ code: 'INVALID_REQUEST' });
    }
    const missing = await shopper.get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    const notMine = await shopper.get('/payments/pay_AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(notMine.status).toBe(404);
    expect(notMine.body).toMatchObject({ code: 'NOT_FOUND' });
    const outside = await world.proxy.fetch(new Request(`${SHOP}/ayokit/elsewhere`));
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe.each(dbEngines)('callback field names from the profile on $name', (engine) => {
  // Callback bodies are not public: a merchant whose callbacks name things differently moves
  // the names in the profile (dd.callbackFields), not in the code.
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db, {
      profile: {
        dd: {
          callbackFields: {
            paymentReference: ['data.partnerRef'],
            paymentStatus: ['data.state'],
            paymentReferenceNo: ['data.ayoRef'],
          },
        },
      },
    });
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  it('reads a payment callback where the profile says, and no longer where the defaults did', async () => {
    const shopper = world.as('cb-profile');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '4040400099' });
    const res = await shopper.pay<{ payment: Payment }>({
      instrumentId: binding.instrumentId!,
      amount: 12_000,
    });
    expect(res.body.payment.status).toBe('processing');
    const row = (await world.proxy.store.get('payments', res.body.payment.id))!;

    // Under the default names: this proxy does not find the payment in it.
    const defaults = await postCallback(world.proxy, {
      body: paymentCallback(row.partnerReferenceNo, row.referenceNo, '00'),
    });
    expect(defaults.body).toMatchObject({ received: true, ignored: 'unknown reference' });
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('processing');

    // Under the profile's names: found, verified, applied.
    const renamed = await postCallback(world.proxy, {
      body: {
        responseCode: responseCode('payment', 'success'),
        data: { partnerRef: row.partnerReferenceNo, ayoRef: row.referenceNo, state: '00' },
      },
    });
    expect(renamed).toMatchObject({ status: 200, body: { received: true } });
    expect(renamed.body.ignored).toBeUndefined();
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('succeeded');
  });
});
