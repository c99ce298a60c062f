import type { LiveEvent } from '@ayokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { dbEngines } from '../db/testing';
import type { Db } from '../db/types';
import { newId, newReference } from '../ids';
import { migrations } from './migrations';
import type { BindingRow, CardRow, InstrumentRow, PaymentRow } from './rows';
import { Store } from './store';

const T0 = new Date('2026-01-15T03:00:00.000Z');
/** The store's clock, years away from the database server's: every timestamp it writes is its own. */
let clockMs = Date.parse('2031-06-01T00:00:00.000Z');

function bindingRow(userId: string, patch: Partial<BindingRow> = {}): BindingRow {
  return {
    id: newId('binding'),
    userId,
    bankCode: '002',
    status: 'in_progress',
    partnerReferenceNo: newReference(),
    externalId: newReference(),
    referenceNo: null,
    publicUserId: null,
    webviewUrl: null,
    returnUrl: null,
    locale: 'id',
    expiresAt: null,
    instrumentId: null,
    failure: null,
    nextCheckAt: null,
    checkAttempts: 0,
    createdAt: T0,
    updatedAt: T0,
    ...patch,
  };
}

function instrumentRow(userId: string): InstrumentRow {
  return {
    id: newId('instrument'),
    type: 'bank_account',
    userId,
    bindingId: newId('binding'),
    bankCode: '002',
    publicUserId: newReference(),
    accountToken: newReference(),
    authCode: newReference(),
    maskedNumber: '******0001',
    status: 'active',
    tokenExpiresAt: null,
    isDefault: true,
    createdAt: T0,
    updatedAt: T0,
  };
}

function paymentRow(userId: string, instrumentId: string, patch: Partial<PaymentRow> = {}): PaymentRow {
  return {
    id: newId('payment'),
    userId,
    instrumentId,
    amount: 10_000,
    description: null,
    orderId: null,
    checkoutId: null,
    status: 'created',
    partnerReferenceNo: newReference(),
    externalId: newReference(),
    referenceNo: null,
    otpAttemptsLeft: null,
    otpExpiresAt: null,
    otpLastError: null,
    otpResendsLeft: null,
    otpResendAvailableAt: null,
    failure: null,
    refundedAmount: 0,
    upstreamLeaseUntil: null,
    instrumentType: 'bank_account',
    mode: 'direct',
    correlationId: null,
    capturedAmount: 0,
    authorizationExpiresAt: null,
    capturePartnerReferenceNo: null,
    captureAmount: null,
    captureReferenceNo: null,
    voidPartnerReferenceNo: null,
    voidReferenceNo: null,
    nextCheckAt: null,
    checkAttempts: 0,
    createdAt: T0,
    updatedAt: T0,
    ...patch,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(dbEngines)('Store on $name', (engine) => {
  let db: Db;
  let store: Store;
  beforeAll(async () => {
    db = await engine.create();
    await migrate(db, migrations);
    store = new Store(db, () => clockMs);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('inserts and reads rows back with their types; getOwned hides other users’ rows', async () => {
    const row = bindingRow('st-owner', {
      expiresAt: new Date(T0.getTime() + 180_000),
      failure: { code: 'SESSION_EXPIRED', message: 'expired', responseCode: '4030700' },
      status: 'failed',
    });
    const inserted = await store.insert('bindings', row);
    expect(inserted).toEqual(row);
    const got = await store.get('bindings', row.id);
    expect(got).toEqual(row);
    expect(got?.createdAt).toBeInstanceOf(Date);
    expect(got?.failure).toEqual({ code: 'SESSION_EXPIRED', message: 'expired', responseCode: '4030700' });
    expect(await store.getOwned('bindings', row.id, 'st-owner')).toEqual(row);
    expect(await store.getOwned('bindings', row.id, 'st-other')).toBeNull();
    expect(await store.get('bindings', newId('binding'))).toBeNull();
    expect(await store.findBy('bindings', 'partnerReferenceNo', row.partnerReferenceNo)).toEqual(row);
    expect(await store.findBy('bindings', 'partnerReferenceNo', newReference())).toBeNull();
    const ins = await store.insert('instruments', instrumentRow('st-owner'));
    const pay = await store.insert('payments', paymentRow('st-owner', ins.id, { amount: 123_456_789 }));
    expect((await store.get('payments', pay.id))?.amount).toBe(123_456_789);
    expect(typeof (await store.get('payments', pay.id))?.amount).toBe('number');
    expect(await store.getOwned('payments', pay.id, 'st-other')).toBeNull();
    expect(await store.list('payments', { userId: 'st-other' })).toEqual([]);
    expect((await store.list('payments', { userId: 'st-owner' })).map((p) => p.id)).toEqual([pay.id]);
  });

  it('update with `to` only moves a status forward', async () => {
    const ins = await store.insert('instruments', instrumentRow('st-forward'));
    const pay = await store.insert('payments', paymentRow('st-forward', ins.id));
    const otp = await store.update('payments', pay.id, { otpAttemptsLeft: 3 }, { to: 'requires_otp' });
    expect(otp).toMatchObject({ status: 'requires_otp', otpAttemptsLeft: 3 });
    expect(otp!.updatedAt.getTime()).not.toBe(T0.getTime());
    const processing = await store.update('payments', pay.id, { referenceNo: 'R1' }, { to: 'processing' });
    expect(processing).toMatchObject({ status: 'processing', referenceNo: 'R1' });
    const succeeded = await store.update('payments', pay.id, { nextCheckAt: null }, { to: 'succeeded' });
    expect(succeeded?.status).toBe('succeeded');
    // Backwards, sideways out of a final status, or to the same status: refused, nothing written.
    for (const to of ['processing', 'failed', 'requires_otp', 'created', 'succeeded'] as const) {
      expect(await store.update('payments', pay.id, { referenceNo: `X-${to}` }, { to }), to).toBeNull();
    }
    const after = await store.get('payments', pay.id);
    expect(after).toMatchObject({ status: 'succeeded', referenceNo: 'R1' });
    // Instruments: unbound is final.
    expect((await store.update('instruments', ins.id, {}, { to: 'unbound' }))?.status).toBe('unbound');
    expect(await store.update('instruments', ins.id, {}, { to: 'active' })).toBeNull();
    // Without a guard the patch is written whatever the status.
    expect((await store.update('payments', pay.id, { checkAttempts: 7 }))?.checkAttempts).toBe(7);
  });

  it('moveAnnounced: the status and its event in one statement; a column changed since the row was read gets a second event; a refused move writes neither', async () => {
    const ins = await store.insert('instruments', instrumentRow('st-announce'));
    const pay = await store.insert('payments', paymentRow('st-announce', ins.id));
    // What an event shows of a row, as the flows' views do (timestamps as text).
    const eventOf = (row: PaymentRow): LiveEvent =>
      ({
        type: 'payment',
        data: {
          id: row.id,
          status: row.status,
          refundedAmount: row.refundedAmount,
          failure: row.failure,
          updatedAt: row.updatedAt.toISOString(),
        },
      }) as never;
    const statements: string[] = [];
    const query = db.query;
    const transaction = db.transaction;
    db.query = ((sql: string, params?: never) => {
      statements.push(sql);
      return query.call(db, sql, params);
    }) as Db['query'];
    db.transaction = (() => Promise.reject(new Error('no transaction expected'))) as Db['transaction'];
    try {
      // The failure's keys in another order than jsonb keeps them: still the predicted event.
      const failure = { responseCode: '4035401', message: 'declined', code: 'PAYMENT_DECLINED' } as const;
      const processing = await store.moveAnnounced(
        'payments',
        pay,
        { referenceNo: 'R1' },
        'processing',
        eventOf,
      );
      expect(processing).toMatchObject({ status: 'processing', referenceNo: 'R1' });
      expect(statements).toHaveLength(1);
      let events = await store.eventsAfter('st-announce', 0);
      expect(events.map((e) => e.event)).toEqual([eventOf(processing!)]);

      // Someone else changes a column the event shows after the caller read the row: the event
      // predicted from the stale row is followed by the row as it is.
      await query.call(db, 'UPDATE payments SET refunded_amount = 2500 WHERE id = $1', [pay.id]);
      statements.length = 0;
      const failed = await store.moveAnnounced('payments', processing!, { failure }, 'failed', eventOf);
      expect(failed).toMatchObject({ status: 'failed', refundedAmount: 2500, failure });
      expect(statements).toHaveLength(2);
      events = await store.eventsAfter('st-announce', events.at(-1)!.id);
      expect(events.map((e) => e.event)).toEqual([
        eventOf({ ...failed!, refundedAmount: 0 }),
        eventOf(failed!),
      ]);

      // A move the state machine refuses writes no status and no event.
      statements.length = 0;
      expect(await store.moveAnnounced('payments', failed!, {}, 'succeeded', eventOf)).toBeNull();
      expect(statements).toHaveLength(1);
      expect(await store.eventsAfter('st-announce', events.at(-1)!.id)).toEqual([]);
      expect((await store.get('payments', pay.id))?.status).toBe('failed');
    } finally {
      db.query = query;
      db.transaction = transaction;
    }
  });

  it('update with ifStatus writes only while the row is in one of those statuses', async () => {
    const b = await store.insert('bindings', bindingRow('st-guard'));
    const moved = await store.update('bindings', b.id, { checkAttempts: 1 }, { ifStatus: ['in_progress'] });
    expect(moved).toMatchObject({ status: 'in_progress', checkAttempts: 1 });
    expect(
      await store.update('bindings', b.id, { checkAttempts: 2 }, { ifStatus: ['failed', 'succeeded'] }),
    ).toBeNull();
    expect(await store.update('bindings', b.id, { checkAttempts: 2 }, { ifStatus: [] })).toBeNull();
    expect((await store.get('bindings', b.id))?.checkAttempts).toBe(1);
    const failed = await store.update(
      'bindings',
      b.id,
      { failure: { code: 'BINDING_FAILED', message: 'no' } },
      { to: 'failed' },
    );
    expect(failed?.failure).toEqual({ code: 'BINDING_FAILED', message: 'no' });
    expect(
      await store.update('bindings', b.id, { checkAttempts: 3 }, { ifStatus: ['in_progress'] }),
    ).toBeNull();
    expect(await store.update('bindings', newId('binding'), { checkAttempts: 3 })).toBeNull();
  });

  it('writes every timestamp from its own clock, never the database server’s now()', async () => {
    clockMs += 60_000;
    const at = new Date(clockMs);
    const b = await store.insert('bindings', bindingRow('st-clock'));
    expect((await store.update('bindings', b.id, { checkAttempts: 1 }))?.updatedAt).toEqual(at);
    const patched = new Date(T0.getTime() + 1_000);
    expect((await store.update('bindings', b.id, { updatedAt: patched }))?.updatedAt).toEqual(patched);
    const key = newReference();
    await store.claimIdempotencyKey(db, {
      userId: 'st-clock',
      key,
      scope: 'binding',
      requestHash: 'h',
      resourceId: b.id,
    });
    const dedupe = newReference();
    await store.markCallbackSeen(dedupe, 'binding');
    const eventId = await store.appendEvent('st-clock', {
      type: 'binding',
      data: { id: b.id, status: 'in_progress' },
    } as LiveEvent);
    const [stamps] = await db.query<Record<string, Date>>(
      `SELECT (SELECT created_at FROM idempotency_keys WHERE user_id = 'st-clock' AND key = $1) AS key,
              (SELECT received_at FROM callbacks_seen WHERE dedupe_key = $2) AS callback,
              (SELECT created_at FROM events WHERE id = $3) AS event`,
      [key, dedupe, eventId],
    );
    expect(stamps).toEqual({ key: at, callback: at, event: at });
  });

  it('claimIdempotencyKey: null for a new key, then what the key was first used for; per user', async () => {
    const input = {
      userId: 'st-idem',
      key: 'key-0001',
      scope: 'payment',
      requestHash: 'h1',
      resourceId: 'pay_1',
    };
    expect(await store.transaction((tx) => store.claimIdempotencyKey(tx, input))).toBeNull();
    expect(
      await store.transaction((tx) =>
        store.claimIdempotencyKey(tx, { ...input, scope: 'refund', requestHash: 'h2', resourceId: 'pay_2' }),
      ),
    ).toEqual({ scope: 'payment', requestHash: 'h1', resourceId: 'pay_1' });
    // The same key of another user is another key.
    expect(
      await store.transaction((tx) =>
        store.claimIdempotencyKey(tx, { ...input, userId: 'st-idem-2', resourceId: 'pay_3' }),
      ),
    ).toBeNull();
    // A claim rolled back with its transaction is forgotten.
    await expect(
      store.transaction(async (tx) => {
        expect(
          await store.claimIdempotencyKey(tx, { ...input, key: 'key-rolled', resourceId: 'pay_4' }),
        ).toBeNull();
        throw new Error('create failed');
      }),
    ).rejects.toThrow('create failed');
    expect(
      await store.transaction((tx) =>
        store.claimIdempotencyKey(tx, { ...input, key: 'key-rolled', resourceId: 'pay_5' }),
      ),
    ).toBeNull();
  });

  it('claimIdempotencyKey: of concurrent claims of one key exactly one wins, the others see it', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        store.transaction(async (tx) => {
          const claimed = await store.claimIdempotencyKey(tx, {
            userId: 'st-race',
            key: 'key-race-1',
            scope: 'payment',
            requestHash: 'h',
            resourceId: `pay_${n}`,
          });
          await sleep(20); // hold the transaction open while the others try
          return { n, claimed };
        }),
      ),
    );
    const winners = results.filter((r) => r.claimed === null);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.claimed !== null)) {
      expect(r.claimed).toEqual({ scope: 'payment', requestHash: 'h', resourceId: `pay_${winners[0]!.n}` });
    }
  });

  it('markCallbackSeen is true exactly once per key, also under concurrency', async () => {
    expect(await store.markCallbackSeen('dedupe-1', 'payment')).toBe(true);
    expect(await store.markCallbackSeen('dedupe-1', 'payment')).toBe(false);
    expect(await store.markCallbackSeen('dedupe-1', 'refund')).toBe(false);
    expect(await store.markCallbackSeen('dedupe-2', 'payment')).toBe(true);
    const parallel = await Promise.all(
      [1, 2, 3, 4, 5].map(() => store.markCallbackSeen('dedupe-3', 'binding')),
    );
    expect(parallel.filter(Boolean)).toHaveLength(1);
  });

  it('markCallbackSeenAndFind marks the callback and reads its row in one statement: fresh once, the row each time', async () => {
    const instrument = await store.insert('instruments', instrumentRow('cb-user'));
    const payment = await store.insert('payments', paymentRow('cb-user', instrument.id));
    const first = await store.markCallbackSeenAndFind(
      'dedupe-find-1',
      'payment',
      'payments',
      'partnerReferenceNo',
      payment.partnerReferenceNo,
    );
    expect(first).toEqual({ fresh: true, row: payment });
    const again = await store.markCallbackSeenAndFind(
      'dedupe-find-1',
      'payment',
      'payments',
      'partnerReferenceNo',
      payment.partnerReferenceNo,
    );
    expect(again).toEqual({ fresh: false, row: payment });
    // A reference of no row of ours: marked all the same (its repeats are duplicates), no row.
    expect(
      await store.markCallbackSeenAndFind(
        'dedupe-find-2',
        'payment',
        'payments',
        'partnerReferenceNo',
        'nobody',
      ),
    ).toEqual({ fresh: true, row: null });
    expect(await store.markCallbackSeen('dedupe-find-2', 'payment')).toBe(false);
    // A key seen by the other method is no longer fresh here either; under concurrency one wins.
    expect(
      (await store.markCallbackSeenAndFind('dedupe-1', 'payment', 'payments', 'id', payment.id)).fresh,
    ).toBe(false);
    const parallel = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        store.markCallbackSeenAndFind('dedupe-find-3', 'payment', 'payments', 'id', payment.id),
      ),
    );
    expect(parallel.filter((r) => r.fresh)).toHaveLength(1);
    expect(parallel.every((r) => r.row?.id === payment.id)).toBe(true);
  });

  it('a callback that could not be applied is forgotten: its next try is new; every write after a mark waits for the disk again', async () => {
    expect(await store.markCallbackSeen('dedupe-4', 'payment')).toBe(true);
    await store.forgetCallback('dedupe-4');
    expect(await store.markCallbackSeen('dedupe-4', 'payment')).toBe(true);
    expect(await store.markCallbackSeen('dedupe-4', 'payment')).toBe(false);
    // The mark's own commit does not wait for its WAL flush on PostgreSQL; that stays inside its
    // transaction and never reaches the pooled connections' later statements.
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => store.markCallbackSeen(`dedupe-5-${n}`, 'payment')));
    const settings = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() =>
        db.query<{ s: string }>("SELECT current_setting('synchronous_commit') AS s, pg_sleep(0.01)"),
      ),
    );
    expect(settings.map(([row]) => row!.s)).toEqual(Array(6).fill('on'));
  });

  it('appendEvent / eventsAfter: ordered ids per user, resumable after any id', async () => {
    const ins = await store.insert('instruments', instrumentRow('st-ev-a'));
    const event = (n: number): LiveEvent => ({
      type: 'instrument',
      data: {
        id: ins.id,
        type: 'bank_account',
        bankCode: '002',
        bankName: 'BRI',
        maskedNumber: `******000${n}`,
        status: 'active',
        expiresAt: null,
        isDefault: true,
        createdAt: T0.toISOString(),
      },
    });
    expect(await store.lastEventId('st-ev-a')).toBe(0);
    expect(await store.eventsAfter('st-ev-a', 0)).toEqual([]);
    const a1 = await store.appendEvent('st-ev-a', event(1));
    const b1 = await store.appendEvent('st-ev-b', event(2));
    const a2 = await store.appendEvent('st-ev-a', event(3));
    const a3 = await store.appendEvent('st-ev-a', event(4));
    expect(typeof a1).toBe('number');
    expect(a1 < b1 && b1 < a2 && a2 < a3).toBe(true);
    const all = await store.eventsAfter('st-ev-a', 0);
    expect(all.map((e) => e.id)).toEqual([a1, a2, a3]);
    expect(all.every((e) => e.userId === 'st-ev-a')).toBe(true);
    expect(all.map((e) => (e.event.data as { maskedNumber: string }).maskedNumber)).toEqual([
      '******0001',
      '******0003',
      '******0004',
    ]);
    expect(all[0]?.event).toEqual(event(1));
    expect((await store.eventsAfter('st-ev-a', a1)).map((e) => e.id)).toEqual([a2, a3]);
    expect((await store.eventsAfter('st-ev-a', a3)).map((e) => e.id)).toEqual([]);
    expect((await store.eventsAfter('st-ev-a', 0, 2)).map((e) => e.id)).toEqual([a1, a2]);
    expect((await store.eventsAfter('st-ev-b', 0)).map((e) => e.id)).toEqual([b1]);
    expect(await store.lastEventId('st-ev-a')).toBe(a3);
    expect(await store.lastEventId('st-ev-b')).toBe(b1);
  });

  it('due() refuses to claim without the claim’s end (the old two-argument call would claim for ever)', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const row = await store.insert('bindings', bindingRow('st-due-old', { nextCheckAt: now }));
    const call = store.due as (table: string, now: Date, claimUntil?: unknown) => Promise<unknown>;
    await expect(call.call(store, 'bindings', now)).rejects.toThrow(/claimUntil must be the Date/);
    await expect(call.call(store, 'bindings', now, new Date(Number.NaN))).rejects.toThrow(TypeError);
    expect((await store.get('bindings', row.id))?.nextCheckAt).toEqual(now);
  });

  it('due() claims the rows whose check is due, oldest first, until the claim ends', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const late = await store.insert(
      'bindings',
      bindingRow('st-due', { nextCheckAt: new Date(now.getTime() - 1_000) }),
    );
    const later = await store.insert(
      'bindings',
      bindingRow('st-due', { nextCheckAt: new Date(now.getTime() - 5_000) }),
    );
    const future = await store.insert(
      'bindings',
      bindingRow('st-due', { nextCheckAt: new Date(now.getTime() + 1_000) }),
    );
    const claimUntil = new Date(now.getTime() + 60_000);
    const claimed = (await store.due('bindings', now, claimUntil)).filter((r) => r.userId === 'st-due');
    expect(claimed.map((r) => r.id)).toEqual([later.id, late.id]);
    expect(claimed.map((r) => r.id)).not.toContain(future.id);
    // Claimed: their next check is the claim's end, so a second pass (another instance) skips them
    // until then, and takes them again if no check wrote another time (a crash half-way).
    expect(claimed.map((r) => r.nextCheckAt)).toEqual([claimUntil, claimUntil]);
    const mine = (rows: { userId: string; id: string }[]) =>
      rows.filter((r) => r.userId === 'st-due').map((r) => r.id);
    expect(mine(await store.due('bindings', now, claimUntil))).toEqual([]);
    // At the claim's end: the one due since (`future`) first, then the two claimed.
    const again = mine(await store.due('bindings', claimUntil, new Date(claimUntil.getTime() + 60_000)));
    expect(again[0]).toBe(future.id);
    expect(again.slice(1).sort()).toEqual([late.id, later.id].sort());
  });

  it('keeps cards beside bank accounts: typed columns, a unique secret token, no card without one', async () => {
    const reg = await store.insert('card_registrations', {
      id: newId('cardRegistration'),
      userId: 'st-card',
      status: 'in_progress',
      customerId: 'st-card',
      correlationId: newReference(),
      referenceNo: newReference(),
      webviewUrl: 'http://gateway.test/cards/1',
      returnUrl: null,
      locale: 'en',
      expiresAt: new Date(T0.getTime() + 300_000),
      instrumentId: null,
      failure: null,
      nextCheckAt: null,
      checkAttempts: 0,
      createdAt: T0,
      updatedAt: T0,
    });
    const card: CardRow = {
      id: newId('instrument'),
      type: 'card',
      userId: 'st-card',
      cardRegistrationId: reg.id,
      cardCustomerId: 'st-card',
      cardToken: 'T'.repeat(40),
      cardBrand: 'visa',
      cardLast4: '1111',
      cardExpiryMonth: 12,
      cardExpiryYear: 2030,
      maskedNumber: '•••• 1111',
      status: 'active',
      tokenExpiresAt: new Date('2030-12-31T23:59:59.999Z'),
      isDefault: false,
      createdAt: T0,
      updatedAt: T0,
    };
    const inserted = await store.insert('instruments', card);
    expect(inserted).toMatchObject(card);
    expect(inserted).toMatchObject({ bankCode: null, accountToken: null, authCode: null });
    expect(await store.findBy('instruments', 'cardToken', card.cardToken)).toMatchObject({ id: card.id });
    await expect(store.insert('instruments', { ...card, id: newId('instrument') })).rejects.toThrow();
    const { cardToken: _, ...tokenless } = card;
    await expect(
      store.insert('instruments', { ...tokenless, id: newId('instrument') } as unknown as CardRow),
    ).rejects.toThrow();
    // Registrations only move forward.
    const done = await store.update(
      'card_registrations',
      reg.id,
      { instrumentId: card.id },
      { to: 'succeeded' },
    );
    expect(done).toMatchObject({ status: 'succeeded', instrumentId: card.id });
    expect(await store.update('card_registrations', reg.id, {}, { to: 'failed' })).toBeNull();
    // Card payments: an authorisation is captured or voided, never both, never back.
    const pay = await store.insert(
      'payments',
      paymentRow('st-card', card.id, {
        instrumentType: 'card',
        mode: 'authorize',
        correlationId: newReference(),
        status: 'authorized',
        authorizationExpiresAt: new Date(T0.getTime() + 7 * 86_400_000),
      }),
    );
    expect(await store.get('payments', pay.id)).toMatchObject({
      mode: 'authorize',
      instrumentType: 'card',
      capturedAmount: 0,
      authorizationExpiresAt: new Date(T0.getTime() + 7 * 86_400_000),
    });
    const captured = await store.update('payments', pay.id, { capturedAmount: 12_000 }, { to: 'succeeded' });
    expect(captured).toMatchObject({ status: 'succeeded', capturedAmount: 12_000 });
    expect(await store.update('payments', pay.id, {}, { to: 'voided' })).toBeNull();
  });

  it('fills the new payment columns of rows written before cards existed', async () => {
    const ins = await store.insert('instruments', instrumentRow('st-old'));
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO payments (id, user_id, instrument_id, amount, status, partner_reference_no, external_id, created_at, updated_at)
       VALUES ($1, 'st-old', $2, 5000, 'succeeded', $3, $4, $5, $5) RETURNING id`,
      [newId('payment'), ins.id, newReference(), newReference(), T0],
    );
    expect(await store.get('payments', row!.id)).toMatchObject({
      instrumentType: 'bank_account',
      mode: 'direct',
      capturedAmount: 0,
      otpResendsLeft: null,
    });
    expect((await store.get('instruments', ins.id))?.type).toBe('bank_account');
  });
});
