import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { WEBHOOK_HEADERS } from '@ayokit/core';
import { signWebhook } from '@ayokit/proxy';
import { driveBindingWebview } from '@ayokit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPOSIT, PRODUCTS } from '../src/catalog';
import { loadConfig, type ServerConfig } from '../src/config';
import { type RunningServer, startDemoServer, TEST_PRIVATE_KEY_ENV, until } from './helpers';

/**
 * The demo shop's own backend over real HTTP: the server prices the cart and makes the checkout,
 * staff sign in on their own cookie with their roles, and the proxy's webhooks land in the shop's
 * backend log — verified.
 */
describe("the demo shop's backend", () => {
  let dir: string;
  let config: ServerConfig;
  let origin: string;
  let shopper = '';
  let desk = '';
  let finance = '';

  // biome-ignore lint/suspicious/noExplicitAny: the test reads JSON bodies loosely
  type Json = Record<string, any>;
  const call = async (
    method: string,
    path: string,
    options: { cookie?: string; body?: unknown; raw?: string; key?: string; origin?: string | null } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.origin !== null) headers.origin = options.origin ?? origin;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    if (options.key) headers['idempotency-key'] = options.key;
    const res = await fetch(`${origin}${path}`, {
      method,
      headers,
      ...(options.raw !== undefined
        ? { body: options.raw }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as Json,
      setCookie: res.headers.get('set-cookie'),
    };
  };
  const signIn = async (path: string, body: unknown) => {
    const res = await call('POST', path, { body });
    expect(res.status).toBe(200);
    return res.setCookie!.split(';')[0]!;
  };

  let running: RunningServer;
  beforeAll(async () => {
    running = await startDemoServer('ayokit-demo-');
    ({ dir, config, origin } = running);
    shopper = await signIn('/demo/session', { shopperId: 'shopper-ani' });
    desk = await signIn('/demo/staff-session', { staffId: 'staff-desk' });
    finance = await signIn('/demo/staff-session', { staffId: 'staff-finance' });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers malformed URLs, odd Hosts and unknown demo routes in JSON with a code, never 5xx', async () => {
    // Raw HTTP: fetch would refuse to send these.
    const raw = (path: string, host?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: config.port, path, ...(host ? { headers: { host } } : {}) },
          (res) => {
            let body = '';
            res.on('data', (d) => {
              body += d;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    for (const [path, host] of [
      ['/%zz'],
      ['/%'],
      ['/assets/%C0'],
      ['/%E0%A4%A'],
      ['/ayokit/v1/instruments', 'xn--'],
      ['/', 'a.xn--'],
      ['/demo/nope'],
    ] as const) {
      const res = await raw(path, host);
      expect(res.status, `${path} ${host ?? ''}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${host ?? ''}: ${res.body}`).toBeLessThan(500);
      expect(JSON.parse(res.body), path).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
    }
    for (const method of ['PUT', 'PATCH']) {
      expect(await call(method, '/demo/session', { body: {} })).toMatchObject({
        status: 404,
        body: { code: 'NOT_FOUND' },
      });
    }
  });

  it('sends its webhooks to its own /demo/webhooks in embedded mode, with a secret kept in the data folder', async () => {
    const saved = JSON.parse(await readFile(join(dir, 'local-secrets.json'), 'utf8'));
    expect(config.webhooks).toEqual({
      url: `http://127.0.0.1:${config.port}/demo/webhooks`,
      secret: saved.webhookSecret,
    });
    expect(saved.webhookSecret).toMatch(/^[\w-]{32}$/);
    const remote = await loadConfig({
      AYOKIT_DATA_DIR: dir,
      AYOCONNECT_CLIENT_ID: 'x',
      AYOCONNECT_CLIENT_SECRET: 'y',
      AYOCONNECT_PRIVATE_KEY: TEST_PRIVATE_KEY_ENV,
      AYOCONNECT_MERCHANT_ID: 'SHOP01',
    });
    expect(remote.webhooks).toBeUndefined();
  });

  it('shows the catalog with the prices the server charges', async () => {
    const res = await call('GET', '/demo/catalog');
    expect(res.status).toBe(200);
    expect(res.body.products).toEqual(PRODUCTS.map(({ sku, name, price }) => ({ sku, name, price })));
    expect(res.body.deposit).toMatchObject({ sku: DEPOSIT.sku, price: DEPOSIT.price, mode: 'authorize' });
  });

  it('prices the cart on the server and makes the checkout for the signed-in shopper only', async () => {
    const made = await call('POST', '/demo/checkout', {
      cookie: shopper,
      body: {
        items: [
          { sku: 'kopi-gayo', qty: 2 },
          { sku: 'batik', qty: 1 },
          { sku: 'kopi-gayo', qty: 1 },
        ],
      },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      checkoutId: expect.stringMatching(/^chk_/),
      amount: 3 * 95_000 + 350_000,
    });
    const seen = await call('GET', `/ayokit/v1/checkouts/${made.body.checkoutId}`, { cookie: shopper });
    expect(seen.status).toBe(200);
    expect(seen.body.checkout).toMatchObject({
      amount: 635_000,
      mode: 'direct',
      status: 'open',
      orderId: made.body.orderId,
      description: '3 × Gayo coffee beans, 250 g, Batik scarf',
    });
    const budi = await signIn('/demo/session', { shopperId: 'shopper-budi' });
    expect((await call('GET', `/ayokit/v1/checkouts/${made.body.checkoutId}`, { cookie: budi })).status).toBe(
      404,
    );

    const stay = await call('POST', '/demo/checkout', {
      cookie: shopper,
      body: { product: 'hotel-deposit' },
    });
    expect(stay.status).toBe(201);
    const hold = await call('GET', `/ayokit/v1/checkouts/${stay.body.checkoutId}`, { cookie: shopper });
    expect(hold.body.checkout).toMatchObject({ amount: 500_000, mode: 'authorize' });
    expect(hold.body.checkout.orderId).toMatch(/^stay-/);

    // The order is described in the shopper's language.
    const inIndonesian = await call('POST', '/demo/checkout', {
      cookie: shopper,
      body: { items: [{ sku: 'kopi-gayo', qty: 2 }], locale: 'id' },
    });
    const described = await call('GET', `/ayokit/v1/checkouts/${inIndonesian.body.checkoutId}`, {
      cookie: shopper,
    });
    expect(described.body.checkout.description).toBe('2 × Biji kopi Gayo, 250 g');
  });

  it('refuses bad checkout input with a 4xx and a stable code, never a 5xx', async () => {
    const cases: [unknown, string][] = [
      [{}, 'INVALID_REQUEST'],
      [[], 'INVALID_REQUEST'],
      [null, 'INVALID_REQUEST'],
      ['kopi', 'INVALID_REQUEST'],
      [{ items: [] }, 'EMPTY_CART'],
      [{ items: 'kopi-gayo' }, 'EMPTY_CART'],
      [{ items: [{ sku: 'nope', qty: 1 }] }, 'UNKNOWN_PRODUCT'],
      [{ items: [{ sku: 'kopi-gayo', qty: 0 }] }, 'INVALID_QUANTITY'],
      [{ items: [{ sku: 'kopi-gayo', qty: 1.5 }] }, 'INVALID_QUANTITY'],
      [{ items: [{ sku: 'kopi-gayo', qty: '1' }] }, 'INVALID_QUANTITY'],
      [{ items: [{ sku: 'kopi-gayo', qty: 100 }] }, 'INVALID_QUANTITY'],
      [
        {
          items: [
            { sku: 'kopi-gayo', qty: 60 },
            { sku: 'kopi-gayo', qty: 60 },
          ],
        },
        'INVALID_QUANTITY',
      ],
      [{ items: [{ sku: 'kopi-gayo', qty: 1, price: 1 }] }, 'INVALID_REQUEST'],
      [{ items: [{ sku: 'kopi-gayo', qty: 1 }], amount: 1 }, 'INVALID_REQUEST'],
      [{ items: [{ sku: 'kopi-gayo', qty: 1 }], product: 'hotel-deposit' }, 'INVALID_REQUEST'],
      [{ product: 'gamelan' }, 'UNKNOWN_PRODUCT'],
      [{ product: 'hotel-deposit', locale: 'fr' }, 'INVALID_REQUEST'],
      [{ items: Array.from({ length: 21 }, () => ({ sku: 'batik', qty: 1 })) }, 'INVALID_REQUEST'],
    ];
    for (const [body, code] of cases) {
      const res = await call('POST', '/demo/checkout', { cookie: shopper, body });
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([400, code]);
    }
    const notJson = await call('POST', '/demo/checkout', { cookie: shopper, raw: '{items' });
    expect([notJson.status, notJson.body.code]).toEqual([400, 'INVALID_JSON']);
    const nobody = await call('POST', '/demo/checkout', { body: { product: 'hotel-deposit' } });
    expect([nobody.status, nobody.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    // Staff are no shoppers.
    const staff = await call('POST', '/demo/checkout', { cookie: desk, body: { product: 'hotel-deposit' } });
    expect(staff.status).toBe(401);
    const crossSite = await call('POST', '/demo/checkout', {
      cookie: shopper,
      origin: 'https://evil.example',
      body: { product: 'hotel-deposit' },
    });
    expect([crossSite.status, crossSite.body.code]).toEqual([403, 'FORBIDDEN_ORIGIN']);
  });

  it("signs staff in on their own cookie with their roles; a shopper's cookie is no staff's", async () => {
    const me = await call('GET', '/ayokit/staff/v1/me', { cookie: desk });
    expect(me.body.staff).toMatchObject({ id: 'staff-desk', roles: ['read', 'capture', 'void'] });
    const fin = await call('GET', '/ayokit/staff/v1/me', { cookie: finance });
    expect(fin.body.staff).toMatchObject({ id: 'staff-finance', roles: ['read', 'refund'] });
    expect((await call('GET', '/demo/staff-session', { cookie: desk })).body.staff.id).toBe('staff-desk');

    expect((await call('GET', '/ayokit/staff/v1/me', { cookie: shopper })).status).toBe(401);
    // The shopper's signed value under the staff cookie's name, and a forged staff cookie: neither passes.
    const [, shopperValue] = shopper.split('=');
    const copied = await call('GET', '/ayokit/staff/v1/me', { cookie: `ayokit_demo_staff=${shopperValue}` });
    expect(copied.status).toBe(401);
    const forged = await call('GET', '/ayokit/staff/v1/me', {
      cookie: desk.replace(/staff-desk/, 'staff-finance'),
    });
    expect(forged.status).toBe(401);
    // Staff cookies do not make a shopper either.
    expect((await call('GET', '/ayokit/v1/payments', { cookie: desk })).status).toBe(401);

    const bad = await call('POST', '/demo/staff-session', { body: { staffId: 'staff-admin' } });
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_REQUEST']);
    const out = await call('DELETE', '/demo/staff-session', { cookie: desk });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/ayokit_demo_staff=;.*Max-Age=0/);
  });

  it('a paid checkout reaches the shop backend log as a verified webhook; finance refunds, the front desk may not (FORBIDDEN)', async () => {
    const started = await call('POST', '/ayokit/v1/bindings', {
      cookie: shopper,
      body: { bankCode: '002' },
      key: 'demo-bind-1',
    });
    expect(started.status).toBe(201);
    await driveBindingWebview(fetch, started.body.binding.webviewUrl, {
      accountNumber: '9876500001',
      cardExpiry: '12/35',
      otp: '123456',
    });
    const bound = await until(
      () => call('GET', `/ayokit/v1/bindings/${started.body.binding.id}`, { cookie: shopper }),
      (r) => r.body.binding.status === 'succeeded',
    );
    const instrumentId = bound.body.binding.instrumentId as string;

    const made = await call('POST', '/demo/checkout', {
      cookie: shopper,
      body: { items: [{ sku: 'teh-tarik', qty: 1 }] },
    });
    const paid = await call('POST', `/ayokit/v1/checkouts/${made.body.checkoutId}/pay`, {
      cookie: shopper,
      body: { instrumentId },
      key: 'demo-pay-1',
    });
    expect(paid.status).toBe(201);
    const paymentId = paid.body.payment.id as string;
    expect(paid.body.payment).toMatchObject({ amount: 45_000, orderId: made.body.orderId });

    expect((await call('GET', '/demo/webhook-log', { cookie: shopper })).status).toBe(401);
    const log = await until(
      () => call('GET', '/demo/webhook-log', { cookie: finance }),
      (r) =>
        r.body.entries.some((e: Json) => e.orderId === made.body.orderId && e.type === 'payment.succeeded'),
    );
    expect(log.body.endpoint).toBe(config.webhooks?.url);
    expect(log.body.entries.find((e: Json) => e.type === 'payment.succeeded')).toMatchObject({
      orderId: made.body.orderId,
      amount: 45_000,
      userId: 'shopper-ani',
      verified: true,
    });

    const refused = await call('POST', `/ayokit/staff/v1/payments/${paymentId}/refunds`, {
      cookie: desk,
      body: {},
      key: 'demo-refund-desk',
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const refund = await call('POST', `/ayokit/staff/v1/payments/${paymentId}/refunds`, {
      cookie: finance,
      body: {},
      key: 'demo-refund-finance',
    });
    expect(refund.status).toBe(201);
    const audit = await call('GET', `/ayokit/staff/v1/audit?paymentId=${paymentId}`, { cookie: desk });
    // Who tried and who refunded, in the audit trail: the front desk's refusal too, newest first.
    expect(audit.body.entries.map((e: Json) => [e.actor.id, e.action, e.result, e.errorCode])).toEqual([
      ['staff-finance', 'refund', 'accepted', null],
      ['staff-desk', 'refund', 'refused', 'FORBIDDEN'],
    ]);
    await until(
      () => call('GET', '/demo/webhook-log', { cookie: finance }),
      (r) =>
        r.body.entries.some((e: Json) => e.type === 'refund.succeeded' && e.orderId === made.body.orderId),
    );
  });

  it('logs a webhook with a wrong signature (or none) as not verified, and refuses it', async () => {
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.succeeded',
      createdAt: new Date().toISOString(),
      userId: 'shopper-ani',
      data: { payment: { orderId: 'order-forged', amount: 1 } },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const forged = await fetch(`${origin}/demo/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_HEADERS.id]: 'evt_forged',
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: await signWebhook('not-the-secret', timestamp, body),
      },
      body,
    });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as Json).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const unsigned = await call('POST', '/demo/webhooks', { raw: body, origin: null });
    expect([unsigned.status, unsigned.body.code]).toEqual([400, 'WEBHOOK_MALFORMED']);
    const log = await call('GET', '/demo/webhook-log', { cookie: finance });
    expect(log.body.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ orderId: 'order-forged', amount: 1, verified: false }),
      expect.objectContaining({ orderId: 'order-forged', verified: false }),
    ]);
  });
});
