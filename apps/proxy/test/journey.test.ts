import { rm } from 'node:fs/promises';
import { driveBindingWebview } from '@ayokit/sandbox';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/config';
import { createServer, type Server } from '../src/server';
import { asAnswer, checkoutFor, demoConfig, openTestDb, shopperApi, until } from './helpers';

/**
 * The README's first command, as a user would try it: a real Node server on a real port, the
 * bank's pages walked over HTTP, callbacks over HTTP, and a restart in the middle.
 */

describe('the demo server over real HTTP', () => {
  let dir: string;
  let config: ServerConfig;
  let server: Server;
  let http: ServerType;
  let origin: string;
  let cookie = '';

  const start = async (sandbox?: Server['sandbox']) => {
    server = await createServer(config, {
      db: await openTestDb(config),
      ...(sandbox ? { sandbox } : {}),
      reconcile: { intervalMs: 200, callbackGraceMs: 1_000, retryBaseMs: 500, retryMaxMs: 2_000 },
    });
    await server.proxy.ready;
    await new Promise<void>((resolve) => {
      http = serve({ fetch: server.fetch, port: config.port, hostname: '127.0.0.1' }, () => resolve());
    });
  };
  const stop = async () => {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    const sandbox = server.sandbox;
    await server.close();
    return sandbox;
  };

  const api = shopperApi(() => ({ origin, cookie }));

  beforeAll(async () => {
    ({ dir, origin, config } = await demoConfig('ayokit-journey-'));
    await start();
  });
  afterAll(async () => {
    await stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  let instrumentId = '';
  let paymentId = '';

  it('signs in, binds a BRI account through the bank pages, and gets the callback', async () => {
    const login = await fetch(`${origin}/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ shopperId: 'shopper-ani' }),
    });
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const started = await api('POST', '/bindings', { bankCode: '002' }, 'journey-bind-1');
    expect(started.status).toBe(201);
    const webview = await driveBindingWebview(fetch, started.body.binding.webviewUrl, {
      accountNumber: '9876543210',
      cardExpiry: '12/35',
      otp: '123456',
    });
    expect(webview.status).toBe('SUCCESS');
    const bound = await until(
      () => api('GET', `/bindings/${started.body.binding.id}`),
      (r) => r.body.binding.status === 'succeeded',
    );
    expect(bound.body.binding.status).toBe('succeeded');
    instrumentId = bound.body.binding.instrumentId;
    const list = await api('GET', '/instruments');
    expect(list.body.instruments).toEqual([
      expect.objectContaining({
        id: instrumentId,
        bankCode: '002',
        maskedNumber: expect.stringMatching(/3210$/),
        status: 'active',
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/accountToken|authCode/);
  });

  it('pays without OTP and with OTP, and refunds', async () => {
    const small = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 150_000 })}/pay`,
      { instrumentId },
      'journey-pay-1',
    );
    expect(small.body.payment.status).toBe('processing');
    paymentId = small.body.payment.id;
    const settled = await until(
      () => api('GET', `/payments/${paymentId}`),
      (r) => r.body.payment.status === 'succeeded',
    );
    expect(settled.body.payment.status).toBe('succeeded');

    const big = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 1_500_000 })}/pay`,
      { instrumentId },
      'journey-pay-2',
    );
    expect(big.body.payment.status).toBe('requires_otp');
    const otp = await api('POST', `/payments/${big.body.payment.id}/otp`, { otp: '123456' });
    expect(['processing', 'succeeded']).toContain(otp.body.payment.status);
    await until(
      () => api('GET', `/payments/${big.body.payment.id}`),
      (r) => r.body.payment.status === 'succeeded',
    );

    const refund = await asAnswer(async () => ({
      refund: await server.proxy.payments.refund(paymentId, { idempotencyKey: 'journey-refund-1' }),
    }));
    expect(refund.status).toBe(200);
    expect(refund.body.refund).toMatchObject({ amount: 150_000, status: 'succeeded' });
  });

  it('loses nothing across a restart, and a callback lost during the restart is reconciled', async () => {
    server.sandbox!.faults.add({ target: 'callbacks', action: 'drop', type: 'payment', count: 1 });
    const pending = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 25_000 })}/pay`,
      { instrumentId },
      'journey-pay-3',
    );
    expect(pending.body.payment.status).toBe('processing');
    const sandbox = await stop();
    await start(sandbox ?? undefined);
    const list = await api('GET', '/instruments');
    expect(list.body.instruments.map((i: { id: string }) => i.id)).toEqual([instrumentId]);
    const payments = await api('GET', '/payments');
    expect(payments.body.payments).toHaveLength(3);
    expect(payments.body.payments.find((p: { id: string }) => p.id === paymentId)).toMatchObject({
      refundedAmount: 150_000,
    });
    const reconciled = await until(
      () => api('GET', `/payments/${pending.body.payment.id}`),
      (r) => r.body.payment.status === 'succeeded',
    );
    expect(reconciled.body.payment.status).toBe('succeeded');
  });

  it('unbinds, after which the account cannot pay', async () => {
    const unbind = await api('POST', `/instruments/${instrumentId}/unbind`, {}, 'journey-unbind-1');
    expect(unbind.body.unbinding.status).toBe('succeeded');
    expect((await api('GET', '/instruments')).body.instruments).toEqual([]);
    const pay = await api(
      'POST',
      `/checkouts/${await checkoutFor(server.proxy, 'shopper-ani', { amount: 10_000 })}/pay`,
      { instrumentId },
      'journey-pay-4',
    );
    expect(pay.status).toBe(409);
    expect(pay.body.code).toBe('INSTRUMENT_NOT_ACTIVE');
  });
});
