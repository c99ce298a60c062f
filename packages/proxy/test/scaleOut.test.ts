/**
 * Two proxy instances on one PostgreSQL database behave as one: a rate limit counts requests to
 * either, a live event made on one reaches a stream held on the other, an order event is
 * delivered by one instance at a time, in order per user, once, and the bank is asked about a
 * payment whose callback was lost by one instance, however many reconcile at once.
 */
import { API_PREFIX, type OrderEvent } from '@ayokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDb } from '../src/db/postgres';
import { createTestPostgresDb, randomSchemaName, TEST_DATABASE_URL } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { createWorld, SHOP, type World } from './harness';
import { outboxRows, settledPayment } from './orderEvents';

/** Reads a `GET /events` stream of `proxy` until `match` has seen `count` events. */
async function openStream(world: World, userId: string) {
  const controller = new AbortController();
  const res = await world.proxy.fetch(
    new Request(`${SHOP}${API_PREFIX}/events`, {
      headers: { 'x-test-user': userId },
      signal: controller.signal,
    }),
  );
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: string }[] = [];
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: data ?? '' });
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (match: (e: { event: string; data: string }) => boolean, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!events.some(match)) {
      if (Date.now() > end) throw new Error(`timed out; got ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return events.find(match)!;
  };
  const close = async () => {
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await pump;
  };
  return { events, waitFor, close };
}

describe('two proxy instances on one PostgreSQL', () => {
  let db1: Db;
  let db2: Db;
  let one: World;
  let two: World;
  /** Order-event deliveries, by either instance: who, when it started and ended (a shared tick). */
  const deliveries: { instance: 1 | 2; event: OrderEvent; start: number; end: number }[] = [];
  const inFlight = new Set<string>();
  const overlaps: string[] = [];
  let tick = 0;
  /** While set, instance 1 holds on to the event with this id until `release` is called. */
  let gate: { eventId: string; reached: () => void; release: Promise<void> } | null = null;
  const handler = (instance: 1 | 2) => async (event: OrderEvent) => {
    if (inFlight.has(event.id)) overlaps.push(event.id);
    inFlight.add(event.id);
    const start = ++tick;
    if (instance === 1 && gate?.eventId === event.id) {
      gate.reached();
      await gate.release;
    }
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 15));
    inFlight.delete(event.id);
    deliveries.push({ instance, event, start, end: ++tick });
  };

  beforeAll(async () => {
    const schema = randomSchemaName();
    db1 = await createTestPostgresDb(schema);
    // A second pool on the same schema stands for another process.
    db2 = await createPostgresDb({ connectionString: TEST_DATABASE_URL, schema, max: 5 });
    const proxy = {
      rateLimits: { bindingsPerMinute: 4 },
      eventDelivery: { intervalMs: 0 },
    };
    one = await createWorld(db1, { proxy: { ...proxy, onEvent: handler(1) } });
    // One clock for both instances, as real servers share the wall clock.
    two = await createWorld(db2, {
      proxy: { ...proxy, onEvent: handler(2), now: () => one.sandbox.clock.now() },
    });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await db2?.close();
    await db1?.close();
  });

  it('a rate limit counts the requests to both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const world = i % 2 ? two : one;
      statuses.push((await world.as('so-carol').post('/bindings', { bankCode: '002' })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    // Another user is not held back, on either instance.
    expect((await two.as('so-dave').post('/bindings', { bankCode: '002' })).status).toBe(201);
    expect((await one.as('so-dave').post('/bindings', { bankCode: '002' })).status).toBe(201);
  });

  it('a live event made on instance 1 reaches a stream held on instance 2', async () => {
    const stream = await openStream(two, 'so-sse');
    try {
      await stream.waitFor((e) => e.event === 'ready');
      const { binding } = await one.as('so-sse').bind({ bankCode: '002', accountNumber: '6060600001' });
      expect(binding.status).toBe('succeeded');
      const instrument = await stream.waitFor((e) => e.event === 'instrument');
      expect(JSON.parse(instrument.data)).toMatchObject({ id: binding.instrumentId, status: 'active' });
      const bound = await stream.waitFor(
        (e) => e.event === 'binding' && JSON.parse(e.data).status === 'succeeded',
      );
      expect(JSON.parse(bound.data).id).toBe(binding.id);
    } finally {
      await stream.close();
    }
  });

  it('delivers each order event once, by one instance at a time, in order per user', async () => {
    const users = ['so-a', 'so-b', 'so-c', 'so-d'];
    for (const [i, userId] of users.entries()) {
      const shopper = one.as(userId);
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: `606060100${i}` });
      for (const amount of [1_000, 2_000, 3_000]) {
        await settledPayment(one, shopper, { instrumentId: binding.instrumentId!, amount });
      }
    }
    // Instance 1 takes so-a's first event and holds on to it: instance 2 delivers the other
    // users' events meanwhile, but nothing of so-a's (neither that event nor the ones after it).
    const [first] = await outboxRows(one, ['so-a']);
    let release = () => {};
    const reached = new Promise<void>((resolve) => {
      gate = {
        eventId: first!.eventId,
        reached: resolve,
        release: new Promise<void>((r) => {
          release = r;
        }),
      };
    });
    const held = one.proxy.deliverEvents();
    await reached;
    // …once the other users' first events (leased with it) have arrived.
    while ((await outboxRows(one, users)).filter((r) => r.deliveredAt).length < users.length - 1) {
      await new Promise((r) => setTimeout(r, 10));
    }
    for (let i = 0; i < 4; i++) await two.proxy.deliverEvents();
    const byTwo = deliveries.filter((d) => d.instance === 2);
    expect(byTwo.length).toBeGreaterThan(0);
    expect(byTwo.some((d) => d.event.userId === 'so-a')).toBe(false);
    release();
    await held;
    gate = null;

    // Then both instances deliver at once, each several passes in parallel.
    for (let round = 0; round < 10; round++) {
      await Promise.all([
        one.proxy.deliverEvents(),
        two.proxy.deliverEvents(),
        two.proxy.deliverEvents(),
        one.proxy.deliverEvents(),
      ]);
      if ((await outboxRows(one, users)).every((r) => r.deliveredAt)) break;
    }
    const rows = await outboxRows(one, users);
    expect(rows.length).toBe(users.length * 4);
    expect(rows.every((r) => r.deliveredAt && r.attempts === 1)).toBe(true);
    expect(overlaps).toEqual([]);
    const mine = deliveries.filter((d) => users.includes(d.event.userId));
    // Once each.
    expect(mine.map((d) => d.event.id).sort()).toEqual(rows.map((r) => r.eventId).sort());
    expect(new Set(mine.map((d) => d.instance))).toEqual(new Set([1, 2]));
    for (const userId of users) {
      const expected = rows.filter((r) => r.userId === userId).map((r) => r.eventId);
      const theirs = mine.filter((d) => d.event.userId === userId).sort((a, b) => a.start - b.start);
      expect(theirs.map((d) => d.event.id)).toEqual(expected);
      // The next event of a user starts only once the one before it has arrived.
      for (let i = 1; i < theirs.length; i++) expect(theirs[i]!.start).toBeGreaterThan(theirs[i - 1]!.end);
    }
  });

  it('reconciling on both instances at once asks the bank about each due payment once', async () => {
    // A third instance on the same database, paying against instance 1's bank (as two servers of
    // one shop call the same Ayoconnect).
    const three = await createWorld(db2, {
      proxy: { now: () => one.sandbox.clock.now() },
      upstream: (request) => one.sandbox.fetch(request),
    });
    try {
      const shopper = one.as('so-recon');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '6060602001' });
      const count = 12;
      one.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'payment', count });
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const res = await shopper.pay<{ payment: { id: string; status: string } }>({
          instrumentId: binding.instrumentId!,
          amount: 10_000 + i,
        });
        expect(res.status).toBe(201);
        ids.push(res.body.payment.id);
      }
      await one.settle();
      // Settled at the bank, their callbacks lost: each waits for its check.
      const statusOf = async (id: string) =>
        (await shopper.get<{ payment: { status: string } }>(`/payments/${id}`)).body.payment.status;
      expect(new Set(await Promise.all(ids.map(statusOf)))).toEqual(new Set(['processing']));
      await one.sandbox.clock.advance(60);
      const asked = () =>
        (one.proxy.client.stats.byEndpoint.paymentStatus ?? 0) +
        (three.proxy.client.stats.byEndpoint.paymentStatus ?? 0);
      const before = asked();
      await Promise.all([
        one.proxy.reconcile(),
        three.proxy.reconcile(),
        one.proxy.reconcile(),
        three.proxy.reconcile(),
      ]);
      expect(asked() - before).toBe(count);
      expect(three.proxy.client.stats.byEndpoint.paymentStatus ?? 0).toBeGreaterThan(0);
      expect(new Set(await Promise.all(ids.map(statusOf)))).toEqual(new Set(['succeeded']));
    } finally {
      await three.close();
    }
  });
});
