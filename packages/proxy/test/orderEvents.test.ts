import { ORDER_EVENT_TYPES, type OrderEvent, orderEventSchema } from '@ayokit/core';
import { AUTHORIZATION_WINDOW_SECONDS } from '@ayokit/core/snap';
import { TEST_CARDS } from '@ayokit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AyoProxyOptions, createAyoProxy } from '../src';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { createWorld, SHOP, type World } from './harness';
import {
  eventHandler,
  merchantServer,
  outboxRows,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
  settledPayment,
  WEBHOOK_SECRET,
  WEBHOOK_URL,
} from './orderEvents';

const DAY = 86_400;
const ids = (events: OrderEvent[]) => events.map((e) => e.id);
const of = (userId: string) => (e: OrderEvent) => e.userId === userId;

describe.each(dbEngines)('order events on $name', (engine) => {
  let db: Db;
  let world: World;
  let merchant: ReturnType<typeof merchantServer>;
  let handler: ReturnType<typeof eventHandler>;

  beforeAll(async () => {
    db = await engine.create();
    let clock = () => Date.now();
    merchant = merchantServer(() => clock());
    handler = eventHandler();
    world = await createWorld(db, {
      proxy: {
        onEvent: handler.onEvent,
        webhooks: { url: WEBHOOK_URL, secret: WEBHOOK_SECRET, fetch: merchant.fetch },
        eventDelivery: {
          intervalMs: 0,
          retryBaseMs: RETRY_BASE_MS,
          retryMaxMs: RETRY_MAX_MS,
          // Far above a delivery's time even on a loaded machine: there, 200 ms timed out
          // deliveries that arrived, and the "each event once" checks saw redeliveries. The slow
          // receiver answers only after this timeout, however long.
          timeoutMs: 2_000,
        },
      },
    });
    clock = () => world.sandbox.clock.now();
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });
  beforeEach(() => {
    merchant.mode = 'up';
    handler.failing = false;
  });

  /** Delivers until nothing is left for these users (retries come due as the clock moves). */
  const deliverAll = async (userIds: string[]) => {
    for (let i = 0; i < 20; i++) {
      await world.proxy.deliverEvents();
      const left = (await outboxRows(world, userIds)).filter((r) => !r.deliveredAt);
      if (!left.length) return;
      await world.sandbox.clock.advance(RETRY_MAX_MS / 1000);
    }
    throw new Error('events still undelivered');
  };

  it('reports every outcome, to onEvent and to the webhook alike, with ids that do not change', async () => {
    const users = ['oe-bank', 'oe-poor', 'oe-card', 'oe-cimb'];
    // A bank account: bound, paid, refunded, unbound.
    const bank = world.as('oe-bank');
    const { binding } = await bank.bind({ bankCode: '002', accountNumber: '4040400001' });
    const paid = await settledPayment(world, bank, { instrumentId: binding.instrumentId!, amount: 10_000 });
    expect(paid.status).toBe('succeeded');
    const refund = await bank.backOffice.post<{ refund: { status: string } }>(
      `/payments/${paid.id}/refunds`,
      {},
    );
    expect(refund.body.refund.status).toBe('succeeded');
    const unbind = await bank.post<{ unbinding: { status: string } }>(
      `/instruments/${binding.instrumentId}/unbind`,
      {},
    );
    expect(unbind.body.unbinding.status).toBe('succeeded');

    // A declined payment (insufficient funds).
    const poor = world.as('oe-poor');
    const poorBinding = (await poor.bind({ bankCode: '002', accountNumber: '4040400051' })).binding;
    const declined = await settledPayment(world, poor, {
      instrumentId: poorBinding.instrumentId!,
      amount: 5_000,
    });
    expect(declined.status).toBe('failed');

    // A card: authorised then captured; authorised then voided; authorised and left to expire.
    const card = world.as('oe-card');
    const { cardRegistration } = await card.registerCard({ cardNumber: TEST_CARDS.visa });
    const cardId = cardRegistration.instrumentId!;
    const held = await card.pay<{ payment: { id: string; status: string } }>({
      instrumentId: cardId,
      amount: 100_000,
      mode: 'authorize',
    });
    expect(held.body.payment.status).toBe('authorized');
    const captured = await card.backOffice.post<{ payment: { status: string } }>(
      `/payments/${held.body.payment.id}/capture`,
      {},
    );
    expect(captured.body.payment.status).toBe('succeeded');
    const toVoid = await card.pay<{ payment: { id: string; status: string } }>({
      instrumentId: cardId,
      amount: 20_000,
      mode: 'authorize',
    });
    const voided = await card.backOffice.post<{ payment: { status: string } }>(
      `/payments/${toVoid.body.payment.id}/void`,
      {},
    );
    expect(voided.body.payment.status).toBe('voided');
    const toExpire = await card.pay<{ payment: { id: string; status: string } }>({
      instrumentId: cardId,
      amount: 30_000,
      mode: 'authorize',
    });
    await world.sandbox.clock.advance(AUTHORIZATION_WINDOW_SECONDS + 1);
    await world.sandbox.flush();
    expect((await world.proxy.store.get('payments', toExpire.body.payment.id))?.status).toBe('voided');

    // A refund the bank refuses: CIMB refunds within 7 days only.
    const cimb = world.as('oe-cimb');
    const cimbBinding = (await cimb.bind({ bankCode: '022', accountNumber: '4040400022' })).binding;
    const old = await settledPayment(world, cimb, {
      instrumentId: cimbBinding.instrumentId!,
      amount: 26_000,
    });
    await world.advance(8 * DAY);
    const late = await cimb.backOffice.post<{ refund: { status: string } }>(
      `/payments/${old.id}/refunds`,
      {},
    );
    expect(late.body.refund.status).toBe('failed');

    // Nothing goes out until the dispatcher runs.
    expect(handler.received.filter((e) => users.includes(e.userId))).toEqual([]);
    await deliverAll(users);

    const rows = await outboxRows(world, users);
    const stored = rows.filter((r) => r.target === 'webhook').map((r) => r.event);
    const byHandler = handler.received.filter((e) => users.includes(e.userId));
    const byWebhook = merchant.received.filter((e) => users.includes(e.userId));
    expect(merchant.rejected).toEqual([]);
    // Exactly the stored events, each once, to both targets, in order per user.
    expect(byHandler).toHaveLength(stored.length);
    expect(byWebhook).toHaveLength(stored.length);
    for (const userId of users) {
      expect(byHandler.filter(of(userId))).toEqual(stored.filter(of(userId)));
      expect(byWebhook.filter(of(userId))).toEqual(stored.filter(of(userId)));
    }
    expect(rows.filter((r) => r.target === 'handler').map((r) => r.eventId)).toEqual(ids(stored));
    expect(new Set(stored.map((e) => e.type))).toEqual(new Set(ORDER_EVENT_TYPES));
    for (const event of stored) {
      expect(orderEventSchema.safeParse(event).success).toBe(true);
      expect(event.id).toMatch(/^evt_[A-Za-z0-9]{24}$/);
      expect(JSON.stringify(event)).not.toMatch(/accountToken|authCode|cardToken/);
    }

    const sequence = (userId: string) => stored.filter(of(userId)).map((e) => e.type);
    expect(sequence('oe-bank')).toEqual([
      'instrument.bound',
      'payment.succeeded',
      'refund.succeeded',
      'instrument.unbound',
    ]);
    expect(sequence('oe-poor')).toEqual(['instrument.bound', 'payment.failed']);
    expect(sequence('oe-card')).toEqual([
      'instrument.bound',
      'payment.authorized',
      'payment.captured',
      'payment.authorized',
      'payment.voided',
      'payment.authorized',
      'payment.expired',
    ]);
    expect(sequence('oe-cimb')).toEqual(['instrument.bound', 'payment.succeeded', 'refund.failed']);

    const find = (type: string, userId: string) =>
      stored.find((e) => e.type === type && e.userId === userId)!;
    expect(find('payment.succeeded', 'oe-bank').data.payment).toMatchObject({
      id: paid.id,
      userId: 'oe-bank',
      status: 'succeeded',
      amount: 10_000,
    });
    // A payment's event carries its checkout, as it stands after the change.
    expect(find('payment.succeeded', 'oe-bank').data.checkout).toMatchObject({
      status: 'paid',
      amount: 10_000,
      paymentId: paid.id,
    });
    expect(find('payment.failed', 'oe-poor').data.checkout).toMatchObject({
      status: 'open',
      paymentId: null,
    });
    expect(find('payment.authorized', 'oe-card').data.checkout).toMatchObject({
      status: 'paid',
      mode: 'authorize',
    });
    expect(find('payment.voided', 'oe-card').data.checkout).toMatchObject({ status: 'cancelled' });
    expect(find('instrument.bound', 'oe-bank').data.checkout).toBeUndefined();
    // The refund's event carries the payment with the refund already counted.
    expect(find('refund.succeeded', 'oe-bank').data).toMatchObject({
      refund: { paymentId: paid.id, amount: 10_000, status: 'succeeded' },
      payment: { id: paid.id, refundedAmount: 10_000 },
    });
    expect(find('payment.captured', 'oe-card').data.payment).toMatchObject({
      status: 'succeeded',
      mode: 'authorize',
      capturedAmount: 100_000,
    });
    expect(find('payment.expired', 'oe-card').data.payment).toMatchObject({
      id: toExpire.body.payment.id,
      status: 'voided',
      failure: { code: 'AUTHORIZATION_EXPIRED' },
    });
    expect(find('payment.voided', 'oe-card').data.payment?.failure).toBeNull();
    expect(find('instrument.bound', 'oe-card').data.instrument).toMatchObject({ id: cardId, type: 'card' });
    expect(find('instrument.unbound', 'oe-bank').data.instrument).toMatchObject({
      id: binding.instrumentId,
      status: 'unbound',
    });
    expect(find('refund.failed', 'oe-cimb').data.refund?.failure).toMatchObject({
      code: 'REFUND_NOT_ALLOWED',
    });

    // Delivered is delivered: another pass sends nothing again.
    const before = merchant.attempts;
    expect(await world.proxy.deliverEvents()).toBe(0);
    expect(merchant.attempts).toBe(before);
  });

  it('redelivers a failed delivery with exactly the stored id, after the backoff', async () => {
    const shopper = world.as('oe-retry');
    handler.failing = true;
    merchant.mode = 'down';
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '4040400002' });
    const [handlerRow, webhookRow] = await outboxRows(world, ['oe-retry']);
    expect(handlerRow).toMatchObject({ target: 'handler', type: 'instrument.bound', attempts: 0 });
    expect(webhookRow).toMatchObject({ target: 'webhook', eventId: handlerRow!.eventId });

    expect(await world.proxy.deliverEvents()).toBe(0);
    let rows = await outboxRows(world, ['oe-retry']);
    expect(rows.map((r) => r.attempts)).toEqual([1, 1]);
    // Not before the backoff: a pass now tries nothing.
    const calls = handler.calls;
    await world.proxy.deliverEvents();
    expect(handler.calls).toBe(calls);
    expect((await outboxRows(world, ['oe-retry'])).map((r) => r.attempts)).toEqual([1, 1]);

    // Still failing after the first backoff: the next wait doubles.
    await world.sandbox.clock.advance(RETRY_BASE_MS / 1000);
    await world.proxy.deliverEvents();
    rows = await outboxRows(world, ['oe-retry']);
    expect(rows.map((r) => r.attempts)).toEqual([2, 2]);
    const wait = rows[0]!.nextAttemptAt.getTime() - world.sandbox.clock.now();
    expect(wait).toBeGreaterThan(2 * RETRY_BASE_MS - 1_000);
    expect(wait).toBeLessThanOrEqual(2 * RETRY_BASE_MS);

    handler.failing = false;
    merchant.mode = 'up';
    await world.sandbox.clock.advance((2 * RETRY_BASE_MS) / 1000);
    expect(await world.proxy.deliverEvents()).toBe(2);
    const [got] = handler.received.filter(of('oe-retry'));
    const [hooked] = merchant.received.filter(of('oe-retry'));
    expect(got?.id).toBe(handlerRow!.eventId);
    expect(hooked).toEqual(got);
    expect(got).toEqual(handlerRow!.event);
    expect(got?.data.instrument?.id).toBe(binding.instrumentId);
    rows = await outboxRows(world, ['oe-retry']);
    expect(rows.every((r) => r.deliveredAt !== null && r.attempts === 3)).toBe(true);
  });

  it('writes the event in the transaction of the status change: neither commits without the other', async () => {
    const shopper = world.as('oe-atomic');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '4040400003' });
    const started = await shopper.pay<{ payment: { id: string; status: string } }>({
      instrumentId: binding.instrumentId!,
      amount: 12_000,
    });
    const id = started.body.payment.id;
    expect(started.body.payment.status).toBe('processing');
    const eventsOf = async () =>
      (await outboxRows(world, ['oe-atomic'])).filter((r) => r.event.data.payment?.id === id);
    const store = world.proxy.store;

    // A transaction that fails after the change leaves neither the status nor the event.
    await expect(
      store.transaction(async (tx) => {
        const moved = await store.update('payments', id, { nextCheckAt: null }, { to: 'succeeded' }, tx);
        expect(moved?.status).toBe('succeeded');
        throw new Error('crash before COMMIT');
      }),
    ).rejects.toThrow('crash before COMMIT');
    expect((await store.get('payments', id))?.status).toBe('processing');
    expect(await eventsOf()).toEqual([]);

    // An outbox that cannot take the event stops the status change too.
    await db.exec(
      "ALTER TABLE outbox ADD CONSTRAINT oe_no_success CHECK (type <> 'payment.succeeded' OR payload NOT LIKE '%oe-atomic%')",
    );
    try {
      await expect(
        store.update('payments', id, { nextCheckAt: null }, { to: 'succeeded' }),
      ).rejects.toThrow();
      await world.settle(); // the bank's callback arrives and cannot be applied either
      expect((await store.get('payments', id))?.status).toBe('processing');
      expect(await eventsOf()).toEqual([]);
    } finally {
      await db.exec('ALTER TABLE outbox DROP CONSTRAINT oe_no_success');
    }
    // The reconciler gets there, and the event with it: once.
    await world.advance(120);
    expect((await store.get('payments', id))?.status).toBe('succeeded');
    expect((await eventsOf()).map((r) => [r.type, r.target])).toEqual([
      ['payment.succeeded', 'handler'],
      ['payment.succeeded', 'webhook'],
    ]);
  });

  it('webhook receiver down for a while, then back: every event arrives, in order per user, none missing, all signed', async () => {
    const users = ['oe-down-a', 'oe-down-b', 'oe-down-c'];
    merchant.mode = 'down';
    const started = merchant.attempts;
    for (const [i, userId] of users.entries()) {
      const shopper = world.as(userId);
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: `40404010${i}1` });
      const first = await settledPayment(world, shopper, {
        instrumentId: binding.instrumentId!,
        amount: 7_000,
      });
      await shopper.backOffice.post(`/payments/${first.id}/refunds`, { amount: 2_000 });
      await shopper.backOffice.post(`/payments/${first.id}/refunds`, {});
      await settledPayment(world, shopper, { instrumentId: binding.instrumentId!, amount: 8_000 });
      // Deliveries are tried (and fail) while events keep coming.
      await world.proxy.deliverEvents();
      merchant.mode = i % 2 ? 'down' : 'unreachable';
    }
    const card = world.as('oe-down-card');
    users.push('oe-down-card');
    const { cardRegistration } = await card.registerCard({ cardNumber: TEST_CARDS.mastercard });
    const held = await card.pay<{ payment: { id: string; status: string } }>({
      instrumentId: cardRegistration.instrumentId!,
      amount: 40_000,
      mode: 'authorize',
    });
    await card.backOffice.post(`/payments/${held.body.payment.id}/capture`, { amount: 30_000 });
    await world.proxy.deliverEvents();
    await world.sandbox.clock.advance(5);
    await world.proxy.deliverEvents();
    expect(merchant.attempts).toBeGreaterThan(started);
    expect(merchant.received.filter((e) => users.includes(e.userId))).toEqual([]);

    // Only the oldest event of each user was tried: the rest wait their turn.
    const waiting = (await outboxRows(world, users)).filter((r) => r.target === 'webhook');
    for (const userId of users) {
      const mine = waiting.filter((r) => r.userId === userId);
      expect(mine[0]!.attempts).toBeGreaterThan(0);
      expect(mine.slice(1).every((r) => r.attempts === 0)).toBe(true);
    }

    merchant.mode = 'up';
    await deliverAll(users);
    expect(merchant.rejected).toEqual([]);
    const rows = (await outboxRows(world, users)).filter((r) => r.target === 'webhook');
    const arrived = merchant.received.filter((e) => users.includes(e.userId));
    // No gap, no duplicate: exactly the stored events.
    expect(new Set(ids(arrived))).toEqual(new Set(rows.map((r) => r.eventId)));
    expect(arrived).toHaveLength(rows.length);
    for (const userId of users) {
      // In the order they happened.
      expect(ids(arrived.filter(of(userId)))).toEqual(
        rows.filter((r) => r.userId === userId).map((r) => r.eventId),
      );
    }
    expect(arrived.filter(of('oe-down-a')).map((e) => e.type)).toEqual([
      'instrument.bound',
      'payment.succeeded',
      'refund.succeeded',
      'refund.succeeded',
      'payment.succeeded',
    ]);
    expect(arrived.filter(of('oe-down-card')).map((e) => e.type)).toEqual([
      'instrument.bound',
      'payment.authorized',
      'payment.captured',
    ]);
    // The handler was up all along: it was not held back by the webhook.
    expect(handler.received.filter((e) => users.includes(e.userId))).toHaveLength(rows.length);
  });

  it('a new proxy on the same database carries on: pending deliveries and a dead instance’s leases', async () => {
    merchant.mode = 'down';
    handler.failing = true;
    const shopper = world.as('oe-restart');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '4040400004' });
    await settledPayment(world, shopper, { instrumentId: binding.instrumentId!, amount: 9_000 });
    await world.proxy.deliverEvents();
    await world.restart();
    merchant.mode = 'up';
    handler.failing = false;
    // An instance that leased the events and died: nobody else may send them until the lease ends.
    await db.query(
      "UPDATE outbox SET lease_until = $1, lease_token = 'dead' WHERE ordering_key = 'oe-restart'",
      [new Date(world.sandbox.clock.now() + 3_600_000)],
    );
    await world.sandbox.clock.advance(RETRY_MAX_MS / 1000);
    await world.proxy.deliverEvents();
    expect(merchant.received.filter(of('oe-restart'))).toEqual([]);
    await world.sandbox.clock.advance(3_601);
    await world.proxy.deliverEvents();
    const rows = await outboxRows(world, ['oe-restart']);
    expect(rows.every((r) => r.deliveredAt)).toBe(true);
    expect(ids(merchant.received.filter(of('oe-restart')))).toEqual(
      rows.filter((r) => r.target === 'webhook').map((r) => r.eventId),
    );
    expect(merchant.received.filter(of('oe-restart')).map((e) => e.type)).toEqual([
      'instrument.bound',
      'payment.succeeded',
    ]);
  });

  it('a slow receiver times out and is retried; nothing is lost', async () => {
    merchant.mode = 'slow';
    const shopper = world.as('oe-slow');
    await shopper.bind({ bankCode: '002', accountNumber: '4040400005' });
    await world.proxy.deliverEvents();
    const [row] = (await outboxRows(world, ['oe-slow'])).filter((r) => r.target === 'webhook');
    expect(row).toMatchObject({ deliveredAt: null, attempts: 1 });
    merchant.mode = 'up';
    await deliverAll(['oe-slow']);
    // The slow attempt may have arrived too (at least once): a receiver dedupes by id.
    const arrived = merchant.received.filter(of('oe-slow'));
    expect(new Set(ids(arrived))).toEqual(new Set([row!.eventId]));
  });

  it('every payment that ended has its event (nothing lost anywhere in this suite)', async () => {
    const payments = await db.query<{ id: string; status: string; mode: string }>(
      "SELECT id, status, mode FROM payments WHERE status IN ('succeeded', 'failed', 'authorized', 'voided')",
    );
    const rows = (await outboxRows(world)).filter((r) => r.target === 'handler');
    for (const p of payments) {
      const types = rows.filter((r) => r.event.data.payment?.id === p.id && r.type.startsWith('payment.'));
      expect(types.length, `${p.id} (${p.status})`).toBeGreaterThan(0);
    }
  });
});

describe('order event options', () => {
  const base = {
    ayoconnect: {
      baseUrl: 'http://sandbox.test',
      clientId: 'c',
      clientSecret: 's',
      privateKeyPem: 'unused',
      merchantId: 'AYOKIT',
    },
    db: {} as Db,
    authenticate: () => null,
    allowedOrigins: [SHOP],
  };

  it('fails at createAyoProxy, naming the option', () => {
    expect(() =>
      createAyoProxy({ ...base, webhooks: { url: 'ftp://shop.example/hooks', secret: 'x' } }),
    ).toThrow(/webhooks\.url/);
    expect(() => createAyoProxy({ ...base, webhooks: { url: 'not a url', secret: 'x' } })).toThrow(
      /webhooks\.url/,
    );
    expect(() =>
      createAyoProxy({ ...base, webhooks: { url: 'https://shop.example/hooks', secret: '' } }),
    ).toThrow(/webhooks\.secret/);
    expect(() =>
      createAyoProxy({
        ...base,
        webhooks: { url: 'https://shop.example/hooks' } as { url: string; secret: string },
      }),
    ).toThrow(/webhooks\.secret/);
    expect(() => createAyoProxy({ ...base, onEvent: 'https://shop.example' as never })).toThrow(/onEvent/);
    expect(() => createAyoProxy({ ...base, eventDelivery: { retryBaseMs: -1 } })).toThrow(
      /eventDelivery\.retryBaseMs/,
    );
  });
});

describe('rotating the webhook secret', () => {
  it('loses no delivery: the proxy signs with the new and the old secret while the merchant switches, then drops the old', async () => {
    const OLD = WEBHOOK_SECRET;
    const NEW = 'whsec-merchant-after-rotation';
    const ONE = /^[0-9a-f]{64}$/;
    const TWO = /^[0-9a-f]{64},[0-9a-f]{64}$/;
    const db = await dbEngines[0]!.create();
    let clock = () => Date.now();
    const merchant = merchantServer(() => clock());
    // The harness starts every proxy (restart included) from these options: a deploy with new ones.
    const proxy: Partial<AyoProxyOptions> = {
      webhooks: { url: WEBHOOK_URL, secret: OLD, fetch: merchant.fetch },
      eventDelivery: {
        intervalMs: 0,
        retryBaseMs: RETRY_BASE_MS,
        retryMaxMs: RETRY_MAX_MS,
        timeoutMs: 2_000,
      },
    };
    const world = await createWorld(db, { proxy });
    clock = () => world.sandbox.clock.now();
    const arrived = (userId: string) => merchant.received.filter(of(userId)).map((e) => e.type);
    const bound = async (userId: string, accountNumber: string) => {
      await world.as(userId).bind({ bankCode: '002', accountNumber });
      await world.proxy.deliverEvents();
    };
    const deploy = async (webhooks: AyoProxyOptions['webhooks']) => {
      proxy.webhooks = webhooks;
      await world.restart();
    };
    try {
      await bound('rot-before', '4040410001');
      expect(arrived('rot-before')).toEqual(['instrument.bound']);
      expect(merchant.signatures.at(-1)).toMatch(ONE);

      // 1. The proxy takes the new secret and keeps the old one: the merchant, still on the old,
      // verifies every delivery.
      await deploy({ url: WEBHOOK_URL, secret: NEW, previousSecrets: [OLD], fetch: merchant.fetch });
      await bound('rot-window-old', '4040410002');
      expect(arrived('rot-window-old')).toEqual(['instrument.bound']);
      expect(merchant.signatures.at(-1)).toMatch(TWO);

      // 2. The merchant switches whenever it likes (to the new one, or to both for a while).
      merchant.secret = NEW;
      await bound('rot-window-new', '4040410003');
      merchant.secret = [NEW, OLD];
      await bound('rot-window-both', '4040410004');
      expect(arrived('rot-window-new')).toEqual(['instrument.bound']);
      expect(arrived('rot-window-both')).toEqual(['instrument.bound']);

      // 3. The merchant is down when the old secret is dropped: the retry is signed when it is
      // sent, with the new secret only, and arrives.
      merchant.secret = NEW;
      merchant.mode = 'down';
      await bound('rot-after', '4040410005');
      expect(arrived('rot-after')).toEqual([]);
      await deploy({ url: WEBHOOK_URL, secret: NEW, fetch: merchant.fetch });
      merchant.mode = 'up';
      await world.sandbox.clock.advance(RETRY_MAX_MS / 1000);
      await world.proxy.deliverEvents();
      expect(arrived('rot-after')).toEqual(['instrument.bound']);
      expect(merchant.signatures.at(-1)).toMatch(ONE);
      expect(merchant.rejected).toEqual([]);

      // The window is closed: a receiver still on the old secret refuses, and the event waits.
      merchant.secret = OLD;
      await bound('rot-late', '4040410006');
      expect(arrived('rot-late')).toEqual([]);
      expect(merchant.rejected).toEqual([
        expect.stringMatching(/^WebhookVerificationError: The signature does not match/),
      ]);
      merchant.secret = NEW;
      await world.sandbox.clock.advance(RETRY_MAX_MS / 1000);
      await world.proxy.deliverEvents();
      expect(arrived('rot-late')).toEqual(['instrument.bound']);
      expect((await outboxRows(world)).every((r) => r.deliveredAt)).toBe(true);
    } finally {
      await world.close();
      await db.close();
    }
  });
});

describe('no onEvent, no webhooks', () => {
  it('records nothing and delivers nothing', async () => {
    const db = await dbEngines[0]!.create();
    const world = await createWorld(db);
    try {
      await world.as('oe-none').bind({ bankCode: '002', accountNumber: '4040400006' });
      expect(await world.proxy.deliverEvents()).toBe(0);
      expect(await db.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
    } finally {
      await world.close();
      await db.close();
    }
  });
});
