import { CARD_REGISTRATION_SESSION_SECONDS, CARD_TOKEN_LENGTH } from '@ayokit/core/snap';
import { driveCardRegistration, TEST_CARDS } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbEngines } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { createWorld, newKey, SHOP, type World } from './harness';

type Registration = {
  id: string;
  status: string;
  webviewUrl: string | null;
  expiresAt: string | null;
  instrumentId: string | null;
  failure: { code: string } | null;
};
type Instrument = {
  id: string;
  type: string;
  status: string;
  brand?: string;
  last4?: string;
  maskedNumber: string;
  expiryMonth?: number;
  expiryYear?: number;
  expiresAt: string | null;
  isDefault: boolean;
};

describe.each(dbEngines)('card registration on $name', (engine) => {
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

  const cardToken = async (instrumentId: string) => {
    const row = await world.proxy.store.get('instruments', instrumentId);
    return row?.type === 'card' ? row.cardToken : null;
  };

  it('registers a Visa card through the gateway page: a card instrument, events, and never the token', async () => {
    const shopper = world.as('crg-visa');
    const started = await shopper.post<{ cardRegistration: Registration }>('/card-registrations', {
      returnUrl: `${SHOP}/checkout`,
      locale: 'en',
    });
    expect(started.status).toBe(201);
    const reg = started.body.cardRegistration;
    expect(reg.id).toMatch(/^crg_[A-Za-z0-9]{24}$/);
    expect(reg).toMatchObject({ status: 'in_progress', instrumentId: null, failure: null });
    expect(reg.webviewUrl).toMatch(/^http:\/\/sandbox\.test\/webview\/card\//);
    const ttl = Date.parse(reg.expiresAt!) - world.sandbox.clock.now();
    expect(ttl).toBeGreaterThan((CARD_REGISTRATION_SESSION_SECONDS - 5) * 1000);
    expect(ttl).toBeLessThanOrEqual(CARD_REGISTRATION_SESSION_SECONDS * 1000);

    const page = await driveCardRegistration((r) => world.sandbox.fetch(r), reg.webviewUrl!, {
      cardNumber: TEST_CARDS.visa,
      expiry: '11/31',
    });
    expect(page.status).toBe('SUCCESS');
    expect(page.finalUrl).toContain(`ayokitCardRegistration=${reg.id}`);
    await world.sandbox.flush();
    const done = await shopper.get<{ cardRegistration: Registration }>(`/card-registrations/${reg.id}`);
    expect(done.body.cardRegistration).toMatchObject({
      status: 'succeeded',
      webviewUrl: null,
      failure: null,
    });
    const instrumentId = done.body.cardRegistration.instrumentId!;

    const list = await shopper.get<{ instruments: Instrument[] }>('/instruments');
    expect(list.body.instruments).toEqual([
      {
        id: instrumentId,
        type: 'card',
        brand: 'visa',
        last4: '1111',
        maskedNumber: '•••• 1111',
        expiryMonth: 11,
        expiryYear: 2031,
        expiresAt: '2031-11-30T23:59:59.999Z',
        status: 'active',
        isDefault: true,
        createdAt: expect.any(String),
      },
    ]);
    const token = await cardToken(instrumentId);
    expect(token).toHaveLength(CARD_TOKEN_LENGTH);
    const events = await world.proxy.store.eventsAfter('crg-visa', 0);
    expect(events.map((e) => e.event.type)).toEqual(
      expect.arrayContaining(['card_registration', 'instrument']),
    );
    expect(
      events.some((e) => e.event.type === 'card_registration' && e.event.data.status === 'succeeded'),
    ).toBe(true);
    for (const text of [
      JSON.stringify(started.body),
      JSON.stringify(done.body),
      JSON.stringify(list.body),
      ...events.map((e) => JSON.stringify(e.event)),
    ]) {
      expect(text).not.toContain(token!);
      expect(text).not.toContain(TEST_CARDS.visa);
      expect(text).not.toMatch(/cardToken|customerId|correlationId/i);
    }
  });

  it('registers a 3-D Secure card when the challenge is passed', async () => {
    const { cardRegistration, page } = await world.as('crg-3ds').registerCard({
      cardNumber: TEST_CARDS.threeDSecure,
    });
    expect(page.challenged).toBe(true);
    expect(cardRegistration.status).toBe('succeeded');
    expect(cardRegistration.instrumentId).toMatch(/^ins_/);
  });

  it('fails with AUTHENTICATION_FAILED when 3-D Secure is not passed, and adds no card', async () => {
    const shopper = world.as('crg-3ds-fail');
    const { cardRegistration, page } = await shopper.registerCard({
      cardNumber: TEST_CARDS.threeDSecure,
      otp: '000000',
    });
    expect(page.status).toBe('FAILED');
    expect(cardRegistration).toMatchObject({
      status: 'failed',
      instrumentId: null,
      failure: { code: 'AUTHENTICATION_FAILED' },
    });
    expect((await shopper.get<{ instruments: unknown[] }>('/instruments')).body.instruments).toEqual([]);
  });

  it('fails with SESSION_EXPIRED when the page is left open past its session', async () => {
    const shopper = world.as('crg-expiry');
    const started = await shopper.post<{ cardRegistration: Registration }>('/card-registrations', {});
    await world.advance(CARD_REGISTRATION_SESSION_SECONDS + 1);
    const read = await shopper.get<{ cardRegistration: Registration }>(
      `/card-registrations/${started.body.cardRegistration.id}`,
    );
    expect(read.body.cardRegistration).toMatchObject({
      status: 'failed',
      failure: { code: 'SESSION_EXPIRED' },
      webviewUrl: null,
    });
  });

  it('a lost registration callback is reconciled from the card list', async () => {
    const shopper = world.as('crg-lost');
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_registration', count: 1 });
    const started = await shopper.post<{ cardRegistration: Registration }>('/card-registrations', {});
    await driveCardRegistration((r) => world.sandbox.fetch(r), started.body.cardRegistration.webviewUrl!, {
      cardNumber: TEST_CARDS.mastercard,
    });
    await world.sandbox.flush();
    const id = started.body.cardRegistration.id;
    expect((await world.proxy.store.get('card_registrations', id))?.status).toBe('in_progress');
    // The reconciler alone (no status read by the browser) brings it in.
    await world.sandbox.clock.advance(CARD_REGISTRATION_SESSION_SECONDS + 31);
    await world.proxy.reconcile();
    const row = await world.proxy.store.get('card_registrations', id);
    expect(row?.status).toBe('succeeded');
    const list = await shopper.get<{ instruments: Instrument[] }>('/instruments');
    expect(list.body.instruments).toEqual([
      expect.objectContaining({ id: row!.instrumentId, brand: 'mastercard', last4: '4444' }),
    ]);
  });

  it('a card unbound at the gateway before the proxy heard of it fails the registration: no card is saved', async () => {
    const shopper = world.as('crg-unbound');
    world.sandbox.faults.add({ target: 'callbacks', action: 'drop', type: 'card_registration', count: 1 });
    const started = await shopper.post<{ cardRegistration: Registration }>('/card-registrations', {});
    await driveCardRegistration((r) => world.sandbox.fetch(r), started.body.cardRegistration.webviewUrl!, {
      cardNumber: TEST_CARDS.visa,
    });
    await world.sandbox.flush();
    const id = started.body.cardRegistration.id;
    const { customerId, correlationId } = (await world.proxy.store.get('card_registrations', id))!;
    // Unbound at the gateway (another channel): the card list now says UNBINDED.
    const list = await world.proxy.card.call<{ cards: { cardToken: string }[] }>(
      'cards',
      { customerId },
      { correlationId },
    );
    const token = list.kind === 'response' ? list.body.cards?.[0]?.cardToken : undefined;
    const unbound = await world.proxy.card.call(
      'unbinding',
      { customerId, cardToken: token },
      { correlationId },
    );
    expect(unbound.kind === 'response' && unbound.httpStatus).toBe(200);
    await world.sandbox.clock.advance(CARD_REGISTRATION_SESSION_SECONDS + 31);
    await world.proxy.reconcile();
    const read = await shopper.get<{ cardRegistration: Registration }>(`/card-registrations/${id}`);
    expect(read.body.cardRegistration).toMatchObject({
      status: 'failed',
      instrumentId: null,
      failure: { code: 'INSTRUMENT_NOT_ACTIVE' },
    });
    expect((await shopper.get<{ instruments: Instrument[] }>('/instruments')).body.instruments).toEqual([]);
  });

  it('replays a registration for the same Idempotency-Key and hides it from other users', async () => {
    const shopper = world.as('crg-owner');
    const key = newKey();
    const a = await shopper.post<{ cardRegistration: Registration }>('/card-registrations', {}, { key });
    const b = await shopper.post<{ cardRegistration: Registration }>('/card-registrations', {}, { key });
    expect(b.body.cardRegistration.id).toBe(a.body.cardRegistration.id);
    expect(b.body.cardRegistration.webviewUrl).toBe(a.body.cardRegistration.webviewUrl);
    const thief = world.as('crg-thief');
    expect((await thief.get(`/card-registrations/${a.body.cardRegistration.id}`)).status).toBe(404);
    const bad = await shopper.post('/card-registrations', { returnUrl: 'http://evil.test/x' });
    expect(bad.status).toBe(400);
    expect((await shopper.post('/card-registrations', { cardNumber: TEST_CARDS.visa })).status).toBe(400);
    expect((await shopper.post('/card-registrations', {}, { key: null })).body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_MISSING',
    });
    expect((await shopper.get('/card-registrations/crg_nope')).status).toBe(400);
  });

  it('shows a card as expired after the end of its expiry month, and refuses to charge it', async () => {
    const shopper = world.as('crg-month');
    const now = new Date(world.sandbox.clock.now());
    const expiry = `${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCFullYear() % 100).padStart(2, '0')}`;
    const { cardRegistration } = await shopper.registerCard({ cardNumber: TEST_CARDS.visa, expiry });
    expect(cardRegistration.status).toBe('succeeded');
    const before = await shopper.get<{ instruments: Instrument[] }>('/instruments');
    expect(before.body.instruments[0]?.status).toBe('active');
    await world.sandbox.clock.advance(32 * 86_400);
    const after = await shopper.get<{ instruments: Instrument[] }>('/instruments');
    expect(after.body.instruments[0]?.status).toBe('expired');
    const pay = await shopper.pay({
      instrumentId: cardRegistration.instrumentId,
      amount: 10_000,
    });
    expect(pay.status).toBe(409);
    expect(pay.body).toMatchObject({ code: 'INSTRUMENT_NOT_ACTIVE' });
  });
});

describe.each(dbEngines)('card registration callbacks without a secret on $name', (engine) => {
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await engine.create();
    world = await createWorld(db, { proxy: { callbackSecret: undefined } });
  });
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  it('confirms an unverifiable callback through the card list: a forged SUCCESS adds no card', async () => {
    const shopper = world.as('crg-forged');
    const started = await shopper.post<{ cardRegistration: Registration }>('/card-registrations', {});
    const row = await world.proxy.store.get('card_registrations', started.body.cardRegistration.id);
    const forged = {
      responseCode: '2000100',
      responseMessage: 'Successful',
      customerId: 'crg-forged',
      card: {
        referenceNo: row!.referenceNo,
        registrationStatus: 'SUCCESS',
        cardToken: 'F'.repeat(40),
        brand: 'VISA',
        maskedCardNumber: '411111******1111',
        expiryMonth: '12',
        expiryYear: '2030',
      },
    };
    const res = await world.proxy.fetch(
      new Request(`${SHOP}/ayokit/callbacks/ayoconnect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-CALLBACK-TYPE': 'card_registration' },
        body: JSON.stringify(forged),
      }),
    );
    expect(res.status).toBe(200);
    expect((await world.proxy.store.get('card_registrations', row!.id))?.status).toBe('in_progress');
    expect(await world.proxy.store.findBy('instruments', 'cardToken', 'F'.repeat(40))).toBeNull();
    // The real page, and its (unsigned) callback, is confirmed and applied.
    await driveCardRegistration((r) => world.sandbox.fetch(r), started.body.cardRegistration.webviewUrl!, {
      cardNumber: TEST_CARDS.jcb,
    });
    await world.sandbox.flush();
    expect((await world.proxy.store.get('card_registrations', row!.id))?.status).toBe('succeeded');
  });
});
