import {
  CALLBACK_TYPE_HEADER,
  cardResponseCode,
  HEADERS,
  signCallback,
  snapTimestamp,
} from '@ayokit/core/snap';
import { driveCardRegistration, TEST_CARDS } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AyoProxy } from '../src';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { CALLBACK_SECRET, createWorld, SHOP, type World } from './harness';
import { outboxRows } from './orderEvents';

const PATH = '/ayokit/callbacks/ayoconnect';

async function post(
  proxy: AyoProxy,
  body: unknown,
  sign: boolean | string = true,
  type: string | null = 'card_payment',
) {
  const text = JSON.stringify(body);
  const timestamp = snapTimestamp(Date.now());
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [HEADERS.timestamp]: timestamp,
  };
  if (type) headers[CALLBACK_TYPE_HEADER] = type;
  if (sign !== false) {
    headers[HEADERS.signature] = await signCallback({
      path: PATH,
      body: text,
      timestamp,
      secret: sign === true ? CALLBACK_SECRET : sign,
    });
  }
  const res = await proxy.fetch(new Request(`${SHOP}${PATH}`, { method: 'POST', headers, body: text }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const view = (
  row: { partnerReferenceNo: string; referenceNo: string | null; amount: number },
  status: string,
  extra: Record<string, unknown> = {},
) => ({
  responseCode: cardResponseCode('charge', 'success'),
  responseMessage: 'Successful',
  referenceNo: row.referenceNo,
  partnerReferenceNo: row.partnerReferenceNo,
  operation: 'AUTHORIZE',
  transactionStatus: status,
  amount: { value: `${row.amount}.00`, currency: 'IDR' },
  ...extra,
});

describe.each(dbEngines)('card_payment callbacks on $name', (engine) => {
  let db: Db;
  let world: World;
  let plain: World;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await plain?.close();
    await db?.close();
  });

  const authorized = async (w: World, userId: string) => {
    const shopper = w.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa });
    const res = await shopper.pay<{ payment: { id: string; status: string } }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 25_000,
      mode: 'authorize',
    });
    expect(res.body.payment.status).toBe('authorized');
    await w.sandbox.flush();
    return (await w.proxy.store.get('payments', res.body.payment.id))!;
  };

  it('applies a verified callback once, forward only: a late AUTHORIZED after VOIDED changes nothing', async () => {
    const row = await authorized(world, 'cb-card-fwd');
    const voided = view(row, 'VOIDED', { failureReason: 'Authorization expired without a capture' });
    expect((await post(world.proxy, voided)).body).toEqual({ received: true });
    expect(await world.proxy.store.get('payments', row.id)).toMatchObject({
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
    });
    expect((await post(world.proxy, voided)).body).toMatchObject({ duplicate: true });
    await post(world.proxy, view(row, 'AUTHORIZED'));
    await post(world.proxy, view(row, 'SUCCESS', { capturedAmount: { value: '25000.00', currency: 'IDR' } }));
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('voided');
  });

  it('refuses a callback with a bad signature and ignores one for an unknown payment', async () => {
    const row = await authorized(world, 'cb-card-sig');
    const forged = await post(world.proxy, view(row, 'SUCCESS'), 'not-the-secret');
    expect(forged.status).toBe(401);
    expect((await world.proxy.store.get('payments', row.id))?.status).toBe('authorized');
    const unknown = await post(
      world.proxy,
      view({ ...row, partnerReferenceNo: 'X'.repeat(32), referenceNo: null }, 'SUCCESS'),
    );
    expect(unknown.body).toMatchObject({ ignored: 'unknown reference' });
  });

  it('without a secret, confirms a callback through the status API: a forged capture changes nothing', async () => {
    plain = await createWorld(db, { proxy: { callbackSecret: undefined } });
    const row = await authorized(plain, 'cb-card-plain');
    const res = await post(
      plain.proxy,
      view(row, 'SUCCESS', { capturedAmount: { value: '25000.00', currency: 'IDR' } }),
      false,
    );
    expect(res.status).toBe(200);
    expect((await plain.proxy.store.get('payments', row.id))?.status).toBe('authorized');
  });
});

describe.each(dbEngines)('card refunds Ayoconnect made itself on $name', (engine) => {
  // The gateway refunds cards by its operations' hand [docs: /docs/important-terminologies]: the
  // sandbox serves a refund (as Ayoconnect's back office would), the proxy has no refund API.
  let db: Db;
  let world: World;
  let confirming: World;
  beforeAll(async () => {
    db = await engine.create();
    const options = {
      sandbox: { profile: { capabilities: { cardRefund: true } } },
      proxy: { onEvent: () => undefined, eventDelivery: { intervalMs: 0 } },
    };
    world = await createWorld(db, options);
    // Unsigned callbacks, each confirmed through the status API: the gateway's word as a status read.
    confirming = await createWorld(db, {
      ...options,
      proxy: { ...options.proxy, callbackSecret: undefined },
    });
  });
  afterAll(async () => {
    await world?.close();
    await confirming?.close();
    await db?.close();
  });

  /** A direct card payment of 70 000, succeeded, which Ayoconnect's operations then refund in full. */
  const refundedByOps = async (w: World, userId: string, beforeRefund = () => {}) => {
    const shopper = w.as(userId);
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa });
    const paid = await shopper.pay<{ payment: { id: string; status: string } }>({
      instrumentId: cardRegistration.instrumentId,
      amount: 70_000,
    });
    expect(paid.body.payment.status).toBe('succeeded');
    await w.settle();
    const row = (await w.proxy.store.get('payments', paid.body.payment.id))!;
    const card = (await w.proxy.store.get('instruments', row.instrumentId))!;
    beforeRefund();
    // Not through the proxy's flows: nothing of ours knows of this refund.
    const ops = await w.proxy.card.call<{ refundNo: string }>(
      'refund',
      {
        partnerReferenceNo: `OPS${row.partnerReferenceNo.slice(3)}`,
        customerId: card.type === 'card' ? card.cardCustomerId : '',
        order: { id: row.partnerReferenceNo, amount: '70000.00', currency: 'IDR' },
      },
      { correlationId: row.correlationId! },
    );
    expect(ops.kind === 'response' && ops.httpStatus).toBe(200);
    return { shopper, row, refundNo: ops.kind === 'response' ? ops.body.refundNo : '' };
  };

  const recorded = async (w: World, paymentId: string) => {
    await w.proxy.deliverEvents();
    const refunds = await w.proxy.store.list('refunds', { paymentId });
    const events = (await outboxRows(w))
      .filter((e) => JSON.stringify(e.event.data).includes(paymentId))
      .map((e) => e.type);
    return {
      payment: (await w.proxy.store.get('payments', paymentId))!,
      refunds,
      events,
      audit: await w.proxy.audit.list({ paymentId }),
    };
  };

  it('a signed REFUNDED callback records one succeeded refund made by the gateway, once', async () => {
    const { shopper, row, refundNo } = await refundedByOps(world, 'cb-ops-signed', () =>
      world.sandbox.faults.add({ target: 'callbacks', action: 'duplicate', type: 'card_payment' }),
    );
    await world.sandbox.flush();
    const after = await recorded(world, row.id);
    expect(after.payment).toMatchObject({ status: 'succeeded', refundedAmount: 70_000 });
    expect(after.refunds).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: 70_000, origin: 'gateway', refundNo }),
    ]);
    expect(after.events).toContain('refund.succeeded');
    expect(after.audit).toEqual([
      expect.objectContaining({
        actor: { type: 'gateway', id: 'ayoconnect', name: null },
        action: 'refund',
        amount: 70_000,
        result: 'accepted',
        refundId: after.refunds[0]!.id,
      }),
    ]);
    // What the shopper and staff see of it.
    const read = await shopper.get<{ payment: { refundedAmount: number } }>(`/payments/${row.id}`);
    expect(read.body.payment.refundedAmount).toBe(70_000);
    const listed = await shopper.get<{ refunds: { status: string; amount: number }[] }>(
      `/payments/${row.id}/refunds`,
    );
    expect(listed.body.refunds).toEqual([expect.objectContaining({ status: 'succeeded', amount: 70_000 })]);

    // The same news again, as another callback (not a duplicate of the first) and as a status read.
    const again = await post(world.proxy, {
      responseCode: cardResponseCode('refund', 'success'),
      responseMessage: 'Successful, resent',
      referenceNo: row.referenceNo,
      partnerReferenceNo: row.partnerReferenceNo,
      transactionStatus: 'REFUNDED',
      refundedAmount: { value: '70000.00', currency: 'IDR' },
    });
    expect(again.body).toEqual({ received: true });
    await post(confirming.proxy, { partnerReferenceNo: row.partnerReferenceNo }, false);
    const twice = await recorded(world, row.id);
    expect(twice.payment.refundedAmount).toBe(70_000);
    expect(twice.refunds).toHaveLength(1);
    expect(twice.audit).toHaveLength(1);
    expect(twice.events.filter((t) => t === 'refund.succeeded')).toHaveLength(1);
  });

  it('a refund the status API shows (its callback lost) is recorded the same way', async () => {
    const { row } = await refundedByOps(confirming, 'cb-ops-status', () =>
      confirming.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_payment' }),
    );
    await confirming.sandbox.flush();
    expect((await confirming.proxy.store.get('payments', row.id))?.refundedAmount).toBe(0);
    // Any later word of the payment (here an unverifiable callback) reads the status API.
    await post(confirming.proxy, { partnerReferenceNo: row.partnerReferenceNo }, false);
    const after = await recorded(confirming, row.id);
    expect(after.payment).toMatchObject({ status: 'succeeded', refundedAmount: 70_000 });
    expect(after.refunds).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: 70_000, origin: 'gateway' }),
    ]);
    await post(confirming.proxy, { partnerReferenceNo: row.partnerReferenceNo, n: 2 }, false);
    expect(await confirming.proxy.store.list('refunds', { paymentId: row.id })).toHaveLength(1);
  });
});

describe.each(dbEngines)('card callbacks without a type header on $name', (engine) => {
  // The gateway's callbacks carry no header of ours: what each reports on is read from its
  // responseCode's service (card.callbackServices), and, where Direct Debit uses the same service
  // (54, 58), from which payment its references find.
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db, {
      profile: { dd: { callbackTypeHeader: null } },
      sandbox: { profile: { dd: { callbackTypeHeader: null }, capabilities: { cardRefund: true } } },
    });
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  const held = async (shopper: ReturnType<World['as']>, instrumentId: string | null) => {
    const res = await shopper.pay<{ payment: { id: string; status: string } }>({
      instrumentId,
      amount: 40_000,
      mode: 'authorize',
    });
    expect(res.body.payment.status).toBe('authorized');
    return (await world.proxy.store.get('payments', res.body.payment.id))!;
  };

  it('applies a registration (01), a capture (54), a void (57) and a refund (58) callback by its service', async () => {
    const shopper = world.as('cb-headerless');
    // Registration: the sandbox's own callback (service 01), read before any status read.
    const started = await shopper.post<{ cardRegistration: { id: string; webviewUrl: string } }>(
      '/card-registrations',
      {},
    );
    await driveCardRegistration((r) => world.sandbox.fetch(r), started.body.cardRegistration.webviewUrl, {
      cardNumber: TEST_CARDS.visa,
    });
    await world.sandbox.flush();
    const registration = await world.proxy.store.get('card_registrations', started.body.cardRegistration.id);
    expect(registration).toMatchObject({ status: 'succeeded' });
    const instrumentId = registration!.instrumentId;

    // A capture the gateway reports (54, as a bank payment's is numbered): the card payment's.
    const captured = await held(shopper, instrumentId);
    const capture = await post(
      world.proxy,
      view(captured, 'SUCCESS', { capturedAmount: { value: '40000.00', currency: 'IDR' } }),
      true,
      null,
    );
    expect(capture.body).toEqual({ received: true });
    expect(await world.proxy.store.get('payments', captured.id)).toMatchObject({
      status: 'succeeded',
      capturedAmount: 40_000,
    });

    // A void (57).
    const voided = await held(shopper, instrumentId);
    const voidCallback = {
      ...view(voided, 'VOIDED', { failureReason: 'Authorization expired without a capture' }),
      responseCode: cardResponseCode('void', 'success'),
    };
    expect((await post(world.proxy, voidCallback, true, null)).body).toEqual({ received: true });
    expect(await world.proxy.store.get('payments', voided.id)).toMatchObject({
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
    });

    // A refund Ayoconnect made (58, as a bank refund's is numbered): the sandbox's own callback.
    const paid = await shopper.pay<{ payment: { id: string; status: string } }>({
      instrumentId,
      amount: 15_000,
    });
    expect(paid.body.payment.status).toBe('succeeded');
    await world.sandbox.flush();
    const row = (await world.proxy.store.get('payments', paid.body.payment.id))!;
    const card = (await world.proxy.store.get('instruments', instrumentId!))!;
    const ops = await world.proxy.card.call(
      'refund',
      {
        partnerReferenceNo: `OPS${row.partnerReferenceNo.slice(3)}`,
        customerId: card.type === 'card' ? card.cardCustomerId : '',
        order: { id: row.partnerReferenceNo, amount: '15000.00', currency: 'IDR' },
      },
      { correlationId: row.correlationId! },
    );
    expect(ops.kind === 'response' && ops.httpStatus).toBe(200);
    await world.sandbox.flush();
    expect(await world.proxy.store.get('payments', row.id)).toMatchObject({ refundedAmount: 15_000 });
  });
});
