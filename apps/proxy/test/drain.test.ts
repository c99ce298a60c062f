import { rm } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import { driveBindingWebview } from '@ayokit/sandbox';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/config';
import { type Drain, drainable } from '../src/drain';
import { createServer, type Server } from '../src/server';
import { checkoutFor, demoConfig, openTestDb, shopperApi, until } from './helpers';

/**
 * A rolling deploy's SIGTERM (main.ts calls `drainable(...).drain()`): the demo server on a real
 * port, a payment in flight while the drain starts, and a live-event stream open.
 */
describe('draining the server (SIGTERM)', () => {
  let dir: string;
  let config: ServerConfig;
  let origin: string;
  let cookie = '';
  let instrumentId = '';

  const start = async (sandbox?: Server['sandbox'], deadlineMs = 10_000) => {
    const server = await createServer(config, {
      db: await openTestDb(config),
      ...(sandbox ? { sandbox } : {}),
      // The reconciler stays out of the way: what the payment records comes from its own request.
      reconcile: { intervalMs: 0 },
    });
    await server.proxy.ready;
    const http = await new Promise<HttpServer>((resolve) => {
      const s = serve({ fetch: server.fetch, port: config.port, hostname: '127.0.0.1' }, () =>
        resolve(s as HttpServer),
      );
    });
    return { server, http, drain: drainable(http, server, { deadlineMs }) };
  };
  let running: { server: Server; http: HttpServer; drain: Drain } | null = null;

  const api = shopperApi(() => ({ origin, cookie }));

  beforeAll(async () => {
    ({ dir, origin, config } = await demoConfig('ayokit-drain-'));
    // A bound BRI account to pay with.
    running = await start();
    const login = await fetch(`${origin}/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ shopperId: 'shopper-ani' }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const started = await api('POST', '/bindings', { bankCode: '002' }, 'drain-bind-1');
    expect(started.status).toBe(201);
    await driveBindingWebview(fetch, started.body.binding.webviewUrl, {
      accountNumber: '9876543210',
      cardExpiry: '12/35',
      otp: '123456',
    });
    const bound = await until(
      () => api('GET', `/bindings/${started.body.binding.id}`),
      (r) => r.body.binding.status === 'succeeded',
    );
    instrumentId = bound.body.binding.instrumentId;
  }, 60_000);
  afterAll(async () => {
    await running?.drain.drain().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('lets a payment in flight finish and record its answer, ends the live stream, then closes the database', async () => {
    // A new proxy on the same bank (a fresh token cache): the payment's first call, the B2B token,
    // is slow; its customer token and the payment itself are asked for after the drain began.
    const first = running!;
    const sandbox = first.server.sandbox!;
    await first.drain.drain();
    running = await start(sandbox);
    const { server, drain } = running;

    const events = await fetch(`${origin}/ayokit/v1/events`, { headers: { cookie, origin } });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = events.body!.getReader();
    expect(new TextDecoder().decode((await stream.read()).value)).toMatch(/^event: ready/);
    let streamEnded = false;
    const streamDone = (async () => {
      while (!(await stream.read()).done);
      streamEnded = true;
    })();

    sandbox.faults.add({
      target: 'endpoint',
      endpoint: 'b2bToken',
      action: 'hang',
      delayMs: 1_500,
      count: 1,
    });
    const checkoutId = await checkoutFor(server.proxy, 'shopper-ani', { amount: 150_000 });
    let answeredAt = 0;
    const paying = api('POST', `/checkouts/${checkoutId}/pay`, { instrumentId }, 'drain-pay-1').then((r) => {
      answeredAt = Date.now();
      return r;
    });
    // The token request is with the bank (the hang has begun).
    // …and both are in the server's hands: the payment and the bank's token call.
    await until(
      async () => ({ tokens: server.proxy.client.stats.byEndpoint.b2bToken ?? 0, inFlight: drain.inFlight }),
      (n) => n.tokens >= 1 && n.inFlight >= 2,
    );
    expect(drain.inFlight).toBeGreaterThanOrEqual(2);

    let drainedAt = 0;
    const drained = drain.drain().then((result) => {
      drainedAt = Date.now();
      return result;
    });
    // The live stream ends at once (the browser reconnects, to another instance).
    await streamDone;
    expect(streamEnded).toBe(true);
    expect(answeredAt).toBe(0);
    // No new connections: the load balancer sends them elsewhere.
    await expect(fetch(`${origin}/ayokit/v1/banks`, { headers: { cookie, origin } })).rejects.toThrow();

    const paid = await paying;
    expect(paid.status).toBe(201);
    expect(paid.body.payment).toMatchObject({ status: 'processing' });
    expect(await drained).toEqual({ cut: 0 });
    expect(drainedAt).toBeGreaterThanOrEqual(answeredAt);
    await expect(server.db.query('SELECT 1')).rejects.toThrow();

    // Recorded with the bank's answer (its reference, the lease released), not left for the reconciler.
    const db = await openTestDb(config);
    try {
      const [row] = await db.query<{
        status: string;
        reference_no: string | null;
        upstream_lease_until: Date | null;
      }>('SELECT status, reference_no, upstream_lease_until FROM payments WHERE id = $1', [
        paid.body.payment.id,
      ]);
      expect(row).toMatchObject({ status: 'processing', upstream_lease_until: null });
      expect(row!.reference_no).toEqual(expect.any(String));
    } finally {
      await db.close();
    }
    running = null;
  }, 60_000);

  it('does not wait past its deadline for a request that never finishes', async () => {
    running = await start(undefined, 300);
    const { server, drain } = running;
    server.sandbox!.faults.add({
      target: 'endpoint',
      endpoint: 'b2bToken',
      action: 'hang',
      delayMs: 60_000,
      count: 1,
    });
    const binding = api('POST', '/bindings', { bankCode: '008' }, 'drain-bind-hang').then(
      () => 'answered',
      () => 'cut',
    );
    // The request is in the server's hands, and its token call hangs (on a loaded machine the
    // token call can start before the request has reached the server: wait for both).
    await until(
      async () => ({ tokens: server.proxy.client.stats.byEndpoint.b2bToken ?? 0, inFlight: drain.inFlight }),
      (n) => n.tokens >= 1 && n.inFlight >= 1,
    );
    expect(drain.inFlight).toBeGreaterThanOrEqual(1);
    const began = Date.now();
    const result = await drain.drain();
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(result.cut).toBeGreaterThanOrEqual(1);
    expect(await binding).toBe('cut');
    await expect(server.db.query('SELECT 1')).rejects.toThrow();
    running = null;
  }, 30_000);
});
