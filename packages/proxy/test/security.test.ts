/**
 * Security properties of the proxy as a whole: one shopper can never reach another's money,
 * cross-site requests are refused, responses carry security headers, rate limits hold per user,
 * and no secret (client secret, private key, callback secret, account token, auth code, access
 * token) appears in any response, live event or log line. (Callback forgery, replay, unknown
 * references and backwards moves are in callbacks.test.ts; fuzzing in fuzz.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPgliteDb } from '../src/db/testing';
import type { Db } from '../src/db/types';
import { CALLBACK_SECRET, createWorld, SHOP, type Shopper, type World } from './harness';

describe('security', () => {
  let db: Db;
  let world: World;
  const logs: string[] = [];
  const bodies: string[] = [];
  let alice: Shopper;
  let bob: Shopper;
  const a = {
    instrument: '',
    otpInstrument: '',
    payment: '',
    otpPayment: '',
    binding: '',
    unbinding: '',
    card: '',
    cardRegistration: '',
    hold: '',
  };

  /** Every answer the browser gets is recorded for the secret scan. */
  const record = (shopper: Shopper): Shopper => ({
    ...shopper,
    get: async (path) => {
      const res = await shopper.get(path);
      bodies.push(JSON.stringify(res.body), JSON.stringify([...res.headers]));
      return res as never;
    },
    post: async (path, body, options) => {
      const res = await shopper.post(path, body, options);
      bodies.push(JSON.stringify(res.body), JSON.stringify([...res.headers]));
      return res as never;
    },
  });

  beforeAll(async () => {
    db = await createTestPgliteDb();
    world = await createWorld(db, {
      proxy: {
        log: (level, message, fields) => {
          logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
        },
        rateLimits: { otpPerMinute: 5, bindingsPerMinute: 4 },
      },
    });
    alice = record(world.as('alice'));
    bob = record(world.as('bob'));
    const bri = await alice.bind({ bankCode: '002', accountNumber: '1111110001' });
    const bca = await alice.bind({ bankCode: '014', accountNumber: '1111110002' });
    const bni = await alice.bind({ bankCode: '009', accountNumber: '1111110003' });
    a.instrument = bri.binding.instrumentId as string;
    a.otpInstrument = bca.binding.instrumentId as string;
    a.binding = bri.binding.id;
    const paid = await alice.pay<{ payment: { id: string } }>({
      instrumentId: a.instrument,
      amount: 20_000,
    });
    a.payment = paid.body.payment.id;
    const otp = await alice.pay<{ payment: { id: string } }>({
      instrumentId: a.otpInstrument,
      amount: 20_000,
    });
    a.otpPayment = otp.body.payment.id;
    const unbinding = await alice.post<{ unbinding: { id: string } }>(
      `/instruments/${bni.binding.instrumentId}/unbind`,
      {},
    );
    a.unbinding = unbinding.body.unbinding.id;
    await world.settle();
    await alice.backOffice.post(`/payments/${a.payment}/refunds`, { amount: 5_000 });
    await world.settle();
    const card = await alice.registerCard({ cardNumber: '4111111111111111' });
    a.card = card.cardRegistration.instrumentId as string;
    a.cardRegistration = card.cardRegistration.id;
    const hold = await alice.pay<{ payment: { id: string } }>({
      instrumentId: a.card,
      amount: 30_000,
      mode: 'authorize',
    });
    a.hold = hold.body.payment.id;
    await world.settle();
    await bob.bind({ bankCode: '002', accountNumber: '2222220001' });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await db?.close();
  });

  it("user B cannot read, pay with, unbind, refund or answer OTPs on user A's things: 404 each, nothing changes", async () => {
    const ledger = JSON.stringify(world.sandbox.ledger());
    const attempts: [string, () => Promise<{ status: number; body: unknown }>][] = [
      ['read payment', () => bob.get(`/payments/${a.payment}`)],
      ['read refunds', () => bob.get(`/payments/${a.payment}/refunds`)],
      ['read binding', () => bob.get(`/bindings/${a.binding}`)],
      ['read unbinding', () => bob.get(`/unbindings/${a.unbinding}`)],
      ['pay with instrument', () => bob.pay({ instrumentId: a.instrument, amount: 10_000 })],
      ['refund payment', () => bob.post(`/payments/${a.payment}/refunds`, {})],
      ['submit payment OTP', () => bob.post(`/payments/${a.otpPayment}/otp`, { otp: '123456' })],
      ['unbind instrument', () => bob.post(`/instruments/${a.instrument}/unbind`, {})],
      ['submit unbinding OTP', () => bob.post(`/unbindings/${a.unbinding}/otp`, { otp: '123456' })],
      ['read card registration', () => bob.get(`/card-registrations/${a.cardRegistration}`)],
      ['pay with card', () => bob.pay({ instrumentId: a.card, amount: 10_000 })],
      ['capture hold', () => bob.post(`/payments/${a.hold}/capture`, {})],
      ['void hold', () => bob.post(`/payments/${a.hold}/void`, {})],
      ['unbind card', () => bob.post(`/instruments/${a.card}/unbind`, {})],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect(res.status, what).toBe(404);
      expect((res.body as { code: string }).code, what).toBe('NOT_FOUND');
    }
    const patch = await world.proxy.fetch(
      new Request(`${SHOP}/ayokit/v1/instruments/${a.instrument}`, {
        method: 'PATCH',
        headers: { 'x-test-user': 'bob', origin: SHOP, 'content-type': 'application/json' },
        body: JSON.stringify({ isDefault: true }),
      }),
    );
    expect(patch.status).toBe(404);
    // Lists show only B's own.
    const instruments = await bob.get<{ instruments: { id: string }[] }>('/instruments');
    expect(instruments.body.instruments.map((i) => i.id)).not.toContain(a.instrument);
    const payments = await bob.get<{ payments: unknown[] }>('/payments');
    expect(payments.body.payments).toEqual([]);
    expect(JSON.stringify(world.sandbox.ledger())).toBe(ledger);
    // A's payment still waits for A's OTP with every attempt left.
    const otp = await alice.get<{ payment: { status: string; otp: { attemptsLeft: number } } }>(
      `/payments/${a.otpPayment}`,
    );
    expect(otp.body.payment).toMatchObject({ status: 'requires_otp', otp: { attemptsLeft: 3 } });
    const hold = await alice.get<{ payment: { status: string } }>(`/payments/${a.hold}`);
    expect(hold.body.payment.status).toBe('authorized');
  });

  it('a shopper with only their own cookie cannot choose the price or move money back: 4xx, nothing moves', async () => {
    const ledgers = () => JSON.stringify([world.sandbox.ledger(), world.sandbox.cardLedger()]);
    const order = await world.proxy.checkouts.create({
      userId: 'alice',
      amount: 350_000,
      orderId: 'order-batik-350000',
      description: 'Batik tulis',
    });
    const before = ledgers();
    // Rp 1 for a Rp 350,000 order: the old route is gone, the new one takes no amount.
    const cheap = await alice.post('/payments', {
      instrumentId: a.instrument,
      amount: 1,
      orderId: order.orderId,
    });
    expect(cheap.status).toBe(404);
    for (const tamper of [
      { amount: 1 },
      { currency: 'USD' },
      { mode: 'authorize' },
      { orderId: 'order-x' },
    ]) {
      const res = await alice.post(`/checkouts/${order.id}/pay`, { instrumentId: a.instrument, ...tamper });
      expect(res.status, JSON.stringify(tamper)).toBe(400);
    }
    // Refunding, capturing or voiding their own payments: not the shopper's business.
    for (const path of [
      `/payments/${a.payment}/refunds`,
      `/payments/${a.hold}/capture`,
      `/payments/${a.hold}/void`,
    ]) {
      expect((await alice.post(path, {})).status, path).toBe(404);
    }
    const staffRoute = await world.proxy.fetch(
      new Request(`${SHOP}/ayokit/staff/v1/payments/${a.payment}/refunds`, {
        method: 'POST',
        headers: {
          'x-test-user': 'alice',
          origin: SHOP,
          'content-type': 'application/json',
          'idempotency-key': 'k-12345678',
        },
        body: '{}',
      }),
    );
    expect(staffRoute.status).toBe(401);
    await world.settle();
    expect(ledgers()).toBe(before);
    // Paying the checkout as the merchant's server made it charges exactly its amount.
    const paid = await alice.post<{ payment: { amount: number } }>(`/checkouts/${order.id}/pay`, {
      instrumentId: a.instrument,
    });
    expect(paid.body.payment.amount).toBe(350_000);
  });

  it("replaying A's Idempotency-Key as B never returns A's payment", async () => {
    const key = 'shared-key-0001';
    const first = await alice.pay<{ payment: { id: string } }>(
      { instrumentId: a.instrument, amount: 7_000 },
      { key },
    );
    expect(first.status).toBe(201);
    const replay = await bob.pay({ instrumentId: a.instrument, amount: 7_000 }, { key });
    expect(replay.status).toBe(404);
    expect(JSON.stringify(replay.body)).not.toContain(first.body.payment.id);
  });

  it('refuses cross-site writes; CORS answers only the shop’s origin', async () => {
    const evil = await bob.pay(
      { instrumentId: a.instrument, amount: 1_000 },
      { origin: 'https://evil.test' },
    );
    expect(evil.status).toBe(403);
    expect((evil.body as { code: string }).code).toBe('FORBIDDEN_ORIGIN');
    const noOrigin = await bob.pay(
      { instrumentId: a.instrument, amount: 1_000 },
      { origin: null, headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect(noOrigin.status).toBe(403);
    const preflight = (origin: string) =>
      world.proxy.fetch(
        new Request(`${SHOP}/ayokit/v1/payments`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        }),
      );
    const good = await preflight(SHOP);
    expect(good.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(good.headers.get('access-control-allow-credentials')).toBe('true');
    const bad = await preflight('https://evil.test');
    expect(bad.status).toBe(204);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    expect(good.status).toBe(204);
    expect(good.headers.get('access-control-allow-methods')).toBe('GET,POST,PATCH,OPTIONS');
    expect(good.headers.get('access-control-allow-headers')).toBe(
      'Content-Type,Idempotency-Key,Last-Event-ID',
    );
    expect(good.headers.get('access-control-max-age')).toBe('600');
    expect(good.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers');
  });

  it('puts the CORS headers on every answer to the shop’s origin, errors and streams included', async () => {
    const call = (path: string, origin: string, user = 'bob') =>
      world.proxy.fetch(
        new Request(`${SHOP}/ayokit/v1${path}`, { headers: { origin, 'x-test-user': user } }),
      );
    const cases = [
      ['/instruments', 200],
      ['/payments/pay_000000000000000000000000', 404],
      ['/checkouts/not-an-id', 400],
    ] as const;
    for (const [path, status] of cases) {
      const ok = await call(path, SHOP);
      expect(ok.status).toBe(status);
      expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
      expect(ok.headers.get('vary')).toBe('Origin');
      // The answer's own headers are kept beside them.
      expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
      expect(ok.headers.get('cache-control')).toBe('no-store');
      expect(ok.headers.get('x-frame-options')).toBe('DENY');
      const evil = await call(path, 'https://evil.test');
      expect(evil.status).toBe(status);
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      expect(evil.headers.get('vary')).toBe('Origin');
    }
    const anonymous = await world.proxy.fetch(
      new Request(`${SHOP}/ayokit/v1/instruments`, { headers: { origin: SHOP } }),
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(SHOP);
    const stream = await call('/events', SHOP);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('access-control-allow-origin')).toBe(SHOP);
    await stream.body?.cancel();
  });

  it('refuses a body over 16 kB as it arrives: by its Content-Length, or while it streams in', async () => {
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      world.proxy.fetch(
        new Request(`${SHOP}/ayokit/v1/bindings`, {
          method: 'POST',
          headers: {
            'x-test-user': 'big-body',
            origin: SHOP,
            'content-type': 'application/json',
            'idempotency-key': 'big-body-0001',
            ...headers,
          },
          body,
          duplex: 'half',
        } as RequestInit),
      );
    const declared = await post('{}', { 'content-length': String(12 * 1024 * 1024) });
    expect(declared.status).toBe(400);
    expect(await declared.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/larger/),
    });
    // No Content-Length: a 1 MB stream of 8 kB chunks is left after the third.
    let pulled = 0;
    const chunk = new TextEncoder().encode(' '.repeat(8 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulled > 128) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await post(stream);
    expect(streamed.status).toBe(400);
    expect(await streamed.json()).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(pulled).toBeLessThanOrEqual(4);
    expect(await world.proxy.store.list('bindings', { userId: 'big-body' })).toEqual([]);
  });

  it('answers with security headers and no caching', async () => {
    const res = await bob.get('/instruments');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('limits OTP submissions and binding starts per user, not for everyone', async () => {
    const carol = world.as('carol');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await carol.post('/bindings', { bankCode: '002' })).status);
    expect(statuses.slice(0, 4)).toEqual([201, 201, 201, 201]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    const limited = await carol.post('/bindings', { bankCode: '002' });
    expect((limited.body as { code: string }).code).toBe('RATE_LIMITED');
    expect((await world.as('dave').post('/bindings', { bankCode: '002' })).status).toBe(201);

    const otpStatuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      otpStatuses.push((await alice.post(`/payments/${a.otpPayment}/otp`, { otp: '000001' })).status);
    }
    expect(otpStatuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    await world.advance(61);
    expect((await alice.post(`/payments/${a.otpPayment}/otp`, { otp: '000001' })).status).not.toBe(429);
  });

  it('no secret, token or private key appears in any response, live event or log line', async () => {
    const state = world.sandbox.exportState() as unknown as Record<string, unknown>;
    const stateText = JSON.stringify(state);
    // Every account token and auth code the bank issued, straight from its state.
    const tokens = new Set<string>();
    for (const m of stateText.matchAll(
      /"(?:accountToken|authCode|accessToken|token|cardToken)":"([^"]{12,})"/g,
    )) {
      tokens.add(m[1] as string);
    }
    expect(tokens.size).toBeGreaterThan(3);
    expect(stateText).toMatch(/"cardToken":"[A-Za-z0-9]{40}"/);
    const events = await db.query<{ payload: unknown }>('SELECT * FROM events');
    const haystacks = [...bodies, ...logs, JSON.stringify(events)];
    expect(bodies.length).toBeGreaterThan(20);
    const secrets = ['secret-1', CALLBACK_SECRET, 'PRIVATE KEY', ...tokens];
    for (const secret of secrets) {
      for (const text of haystacks)
        expect(text.includes(secret), `found ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
