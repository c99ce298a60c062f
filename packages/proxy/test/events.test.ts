import { API_PREFIX, liveEventSchema, paymentSchema } from '@ayokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { createWorld, SHOP, type World } from './harness';

interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** Well under the stream's 15 s heartbeat: a live event must arrive on its notification. */
const WAIT_MS = 5_000;

/** An open `GET /events` stream, parsed as it arrives. */
async function openEvents(world: World, userId: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = { 'x-test-user': userId };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const res = await world.proxy.fetch(
    new Request(`${SHOP}${API_PREFIX}/events`, { headers, signal: controller.signal }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const waiter: { notify: (() => void) | null } = { notify: null };
  let buffer = '';
  let ended = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { id: undefined, event: 'message', data: '' };
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const i = line.indexOf(':');
            const field = i < 0 ? line : line.slice(0, i);
            const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            if (field === 'id') e.id = value;
            else if (field === 'event') e.event = value;
            else if (field === 'data') e.data = e.data ? `${e.data}\n${value}` : value;
            else continue;
            any = true;
          }
          if (any) events.push(e);
          waiter.notify?.();
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      waiter.notify?.();
    }
  })();

  /** Resolves once `count` events match, or rejects after WAIT_MS. */
  const waitFor = async (match: (e: SseEvent) => boolean, count = 1): Promise<SseEvent[]> => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = events.filter(match);
      if (found.length >= count) return found;
      if (ended) throw new Error(`stream ended with ${JSON.stringify(events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for events; got ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiter.notify = () => {
          clearTimeout(t);
          resolve();
        };
      });
      waiter.notify = null;
    }
  };

  const close = async () => {
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await pump;
  };
  return { events, waitFor, close };
}

const paymentStatus = (status: string) => (e: SseEvent) =>
  e.event === 'payment' && (JSON.parse(e.data) as { status: string }).status === status;

describe.each(dbEngines)('live events on $name', (engine) => {
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

  it('streams this user’s payment events (processing, then succeeded) and nothing to another user; Last-Event-ID resumes', async () => {
    const shopper = world.as('ev-a');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '5050500001' });
    expect(binding.status).toBe('succeeded');
    const history = await world.proxy.store.eventsAfter('ev-a', 0);
    expect(history.length).toBeGreaterThan(0);

    const a = await openEvents(world, 'ev-a');
    const b = await openEvents(world, 'ev-b');
    const streams = [a, b];
    try {
      const [readyA] = await a.waitFor((e) => e.event === 'ready');
      await b.waitFor((e) => e.event === 'ready');
      // A fresh stream starts after what already happened: no replay of the binding.
      expect(JSON.parse(readyA!.data)).toEqual({ lastEventId: history.at(-1)!.id });
      expect(readyA!.id).toBe(String(history.at(-1)!.id));

      const res = await shopper.pay<{ payment: { id: string } }>({
        instrumentId: binding.instrumentId,
        amount: 21_000,
      });
      expect(res.status).toBe(201);
      const [processing] = await a.waitFor(paymentStatus('processing'));
      await world.settle();
      const [succeeded] = await a.waitFor(paymentStatus('succeeded'));

      const live = a.events.filter((e) => e.event !== 'ready');
      expect(live.map((e) => e.event)).toEqual(['payment', 'payment']);
      const ids = live.map((e) => Number(e.id));
      expect(ids[0]).toBeGreaterThan(history.at(-1)!.id);
      expect(ids[1]).toBeGreaterThan(ids[0]!);
      for (const e of live) {
        const data = paymentSchema.parse(JSON.parse(e.data));
        expect(data.id).toBe(res.body.payment.id);
        expect(liveEventSchema.safeParse({ type: e.event, data }).success).toBe(true);
      }
      expect(paymentSchema.parse(JSON.parse(processing!.data)).status).toBe('processing');
      expect(paymentSchema.parse(JSON.parse(succeeded!.data)).status).toBe('succeeded');

      // Another user's stream got nothing but its own ready.
      await new Promise((r) => setTimeout(r, 100));
      expect(b.events.map((e) => e.event)).toEqual(['ready']);

      // Reconnecting from the processing event replays only what came after it.
      const resumed = await openEvents(world, 'ev-a', processing!.id);
      streams.push(resumed);
      const [ready] = await resumed.waitFor((e) => e.event === 'ready');
      expect(JSON.parse(ready!.data)).toEqual({ lastEventId: Number(processing!.id) });
      const [replayed] = await resumed.waitFor((e) => e.event === 'payment');
      expect(replayed!.id).toBe(succeeded!.id);
      expect(paymentSchema.parse(JSON.parse(replayed!.data)).status).toBe('succeeded');
      await new Promise((r) => setTimeout(r, 50));
      expect(resumed.events.filter((e) => e.event === 'payment')).toHaveLength(1);

      // From the very start (Last-Event-ID 0): the whole history, binding first, in order.
      const all = await openEvents(world, 'ev-a', '0');
      streams.push(all);
      const replay = await all.waitFor((e) => e.event !== 'ready', history.length + 2);
      expect(replay.map((e) => Number(e.id))).toEqual([...history.map((h) => h.id), ...ids]);
      expect(replay.every((e) => e.data !== '' && !/accountToken|authCode/.test(e.data))).toBe(true);
    } finally {
      await Promise.all(streams.map((s) => s.close()));
    }
  });

  it('keeps delivering events as they come, each on its own notification', async () => {
    const shopper = world.as('ev-burst');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '5050500002' });
    const stream = await openEvents(world, 'ev-burst');
    try {
      await stream.waitFor((e) => e.event === 'ready');
      for (let i = 1; i <= 5; i++) {
        const res = await shopper.pay<{ payment: { id: string } }>({
          instrumentId: binding.instrumentId,
          amount: 1_000 * i,
        });
        expect(res.status).toBe(201);
        await stream.waitFor(paymentStatus('processing'), i);
      }
      await world.settle();
      await stream.waitFor(paymentStatus('succeeded'), 5);
    } finally {
      await stream.close();
    }
  });

  it('loses no event of a burst published while the stream is reading', async () => {
    const shopper = world.as('ev-race');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '5050500003' });
    const { body } = await shopper.get<{ instruments: unknown[] }>('/instruments');
    const data = body.instruments[0] as never;
    expect(binding.status).toBe('succeeded');
    // A slow database: each read of the events table answers 40 ms after its snapshot.
    const store = world.proxy.store;
    const read = store.eventsAfter;
    let reads = 0;
    store.eventsAfter = async (...args) => {
      const rows = await read.apply(store, args);
      reads++;
      await new Promise((r) => setTimeout(r, 40));
      return rows;
    };
    const stream = await openEvents(world, 'ev-race');
    try {
      await stream.waitFor((e) => e.event === 'ready');
      for (let round = 0; round < 3; round++) {
        const before = reads;
        await store.appendEvent('ev-race', { type: 'instrument', data });
        // The second event lands while the stream is still reading after the first.
        while (reads === before) await new Promise((r) => setTimeout(r, 2));
        await store.appendEvent('ev-race', { type: 'instrument', data });
        await stream.waitFor((e) => e.event === 'instrument', 2 * (round + 1));
      }
    } finally {
      store.eventsAfter = read;
      await stream.close();
    }
  });

  it('an event whose transaction commits after a later one reaches the stream all the same', async () => {
    // One user's two changes on two connections (two proxy instances, or one under load): the
    // first takes its event id, then is slow to commit; the second appends after it and commits
    // first. The stream, which reads by id, had moved past the first for good.
    const shopper = world.as('ev-order');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '5050500007' });
    expect(binding.status).toBe('succeeded');
    const { body } = await shopper.get<{ instruments: unknown[] }>('/instruments');
    const data = body.instruments[0] as never;
    const store = world.proxy.store;
    const stream = await openEvents(world, 'ev-order');
    try {
      await stream.waitFor((e) => e.event === 'ready');
      let commit!: () => void;
      const held = new Promise<void>((resolve) => {
        commit = resolve;
      });
      let first = 0;
      let appended!: () => void;
      const firstAppended = new Promise<void>((resolve) => {
        appended = resolve;
      });
      const slow = db.transaction(async (tx) => {
        first = await store.appendEvent('ev-order', { type: 'instrument', data }, tx);
        appended();
        await held;
      });
      await firstAppended;
      // PGlite runs one transaction at a time, so there the second waits its turn anyway.
      const second = store.appendEvent('ev-order', { type: 'instrument', data });
      await new Promise((r) => setTimeout(r, 150));
      commit();
      await slow;
      const secondId = await second;
      expect(secondId).toBeGreaterThan(first);
      await stream.waitFor((e) => e.event === 'instrument', 2);
      // Each once, whichever committed first (on PostgreSQL the second did).
      const ids = stream.events.filter((e) => e.event === 'instrument').map((e) => Number(e.id));
      expect(ids.sort((a, b) => a - b)).toEqual([first, secondId]);
    } finally {
      await stream.close();
    }
  });

  it('a new status and its event commit together or not at all; a callback that failed is applied on its next try', async () => {
    const shopper = world.as('ev-atomic');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '5050500005' });
    const store = world.proxy.store;
    const db = store.db;
    // The database refuses this user's `succeeded` payment events, as many times as `refuse(n)`
    // says: the status written by the same statement must go with it. (A sequence counts the
    // refusals: a rollback does not undo it.)
    await db.exec(`
      CREATE SEQUENCE test_event_refusals;
      CREATE TABLE test_event_budget (upto bigint NOT NULL);
      INSERT INTO test_event_budget VALUES (0);
      CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.user_id = 'ev-atomic' AND NEW.type = 'payment' AND NEW.data->>'status' = 'succeeded'
           AND nextval('test_event_refusals') <= (SELECT upto FROM test_event_budget) THEN
          RAISE EXCEPTION 'the event could not be written';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_refuse_event();
    `);
    const refusals = async () =>
      (await db.query<{ n: number }>('SELECT nextval($1)::int - 1 AS n', ['test_event_refusals']))[0]!.n;
    const refuse = async (n: number) => {
      const used = await refusals();
      // nextval above took one: the next refusal is used + 2.
      await db.query('UPDATE test_event_budget SET upto = $1', [used + 1 + n]);
      return used + 1;
    };
    const isSucceeded = (paymentId: string) => (e: SseEvent) =>
      paymentStatus('succeeded')(e) && (JSON.parse(e.data) as { id: string }).id === paymentId;
    const stream = await openEvents(world, 'ev-atomic');
    try {
      await stream.waitFor((e) => e.event === 'ready');

      // The settlement callback and its immediate second try are both refused: neither the status
      // nor its event is stored.
      const first = await shopper.pay<{ payment: { id: string } }>({
        instrumentId: binding.instrumentId,
        amount: 31_000,
      });
      await stream.waitFor(paymentStatus('processing'));
      let from = await refuse(2);
      await world.settle();
      expect((await refusals()) - from).toBeGreaterThanOrEqual(2);
      expect((await store.get('payments', first.body.payment.id))?.status).toBe('processing');
      const stored = await store.eventsAfter('ev-atomic', 0);
      expect(stored.filter((e) => e.event.type === 'payment' && e.event.data.status === 'succeeded')).toEqual(
        [],
      );
      // Later (the callback's next try, or the reconciler) both arrive.
      await world.advance(60);
      await stream.waitFor(isSucceeded(first.body.payment.id));
      expect((await store.get('payments', first.body.payment.id))?.status).toBe('succeeded');

      // Only the first try is refused: the second is not taken for a duplicate, and applies both.
      const second = await shopper.pay<{ payment: { id: string } }>({
        instrumentId: binding.instrumentId,
        amount: 32_000,
      });
      await stream.waitFor(paymentStatus('processing'), 2);
      from = await refuse(1);
      await world.settle();
      expect((await refusals()) - from).toBeGreaterThanOrEqual(1);
      await stream.waitFor(isSucceeded(second.body.payment.id));
      expect((await store.get('payments', second.body.payment.id))?.status).toBe('succeeded');
      expect(stream.events.filter(paymentStatus('succeeded'))).toHaveLength(2);
    } finally {
      await db.exec(`
        DROP TRIGGER test_refuse_event ON events;
        DROP FUNCTION test_refuse_event();
        DROP TABLE test_event_budget;
        DROP SEQUENCE test_event_refusals;
      `);
      await stream.close();
    }
  });

  it('a stream resumed from far back gets every event at once, page after page, in order', async () => {
    const shopper = world.as('ev-far');
    const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '5050500006' });
    expect(binding.status).toBe('succeeded');
    const { body } = await shopper.get<{ instruments: unknown[] }>('/instruments');
    const data = body.instruments[0] as never;
    const before = await world.proxy.store.lastEventId('ev-far');
    // More than two pages of the table's reads (200 each).
    const ids: number[] = [];
    for (let i = 0; i < 450; i++)
      ids.push(await world.proxy.store.appendEvent('ev-far', { type: 'instrument', data }));
    const stream = await openEvents(world, 'ev-far', String(before));
    try {
      // Well before the 15 s heartbeat's re-read.
      const got = await stream.waitFor((e) => e.event === 'instrument', ids.length);
      expect(got.map((e) => Number(e.id))).toEqual(ids);
    } finally {
      await stream.close();
    }
  });

  it('a stream opened on a fresh proxy gets an event published right after ready', async () => {
    const fresh = await createWorld(db);
    try {
      const shopper = fresh.as('ev-fresh');
      const { binding } = await shopper.bind({ bankCode: '002', accountNumber: '5050500004' });
      const { body } = await shopper.get<{ instruments: unknown[] }>('/instruments');
      expect(binding.status).toBe('succeeded');
      const stream = await openEvents(fresh, 'ev-fresh');
      try {
        await stream.waitFor((e) => e.event === 'ready');
        await fresh.proxy.store.appendEvent('ev-fresh', {
          type: 'instrument',
          data: body.instruments[0] as never,
        });
        await stream.waitFor((e) => e.event === 'instrument');
      } finally {
        await stream.close();
      }
    } finally {
      await fresh.close();
    }
  });

  it('refuses an anonymous stream', async () => {
    const res = await world.proxy.fetch(new Request(`${SHOP}${API_PREFIX}/events`));
    expect(res.status).toBe(401);
  });
});
