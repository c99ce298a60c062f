import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { driveBindingWebview, SANDBOX_SNAPSHOT_VERSION } from '@ayokit/sandbox';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServerConfig } from '../src/config';
import { createServer, SANDBOX_STATE_FILE, type Server } from '../src/server';
import { checkoutFor, demoConfig, shopperApi, until } from './helpers';

/**
 * `npm start` twice on the same data folder: the proxy's database and the embedded sandbox's
 * state file both survive a full stop, so a saved account keeps paying.
 */

describe('the demo server across a full restart', () => {
  let dir: string;
  let config: ServerConfig;
  let server: Server | null = null;
  let http: ServerType;
  let origin: string;
  let cookie = '';
  const statePath = () => join(dir, SANDBOX_STATE_FILE);

  /** A new server of its own: nothing is carried over in memory. */
  const start = async () => {
    server = await createServer(config, {
      reconcile: { intervalMs: 200, callbackGraceMs: 1_000, retryBaseMs: 500, retryMaxMs: 2_000 },
    });
    await server.proxy.ready;
    await new Promise<void>((resolve) => {
      http = serve({ fetch: server!.fetch, port: config.port, hostname: '127.0.0.1' }, () => resolve());
    });
  };
  const stop = async () => {
    if (!server) return;
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await server.close();
    server = null;
  };

  const api = shopperApi(() => ({ origin, cookie }));

  const payAndSettle = async (instrumentId: string, amount: number, key: string) => {
    const created = await api(
      'POST',
      `/checkouts/${await checkoutFor(server!.proxy, 'shopper-ani', { amount })}/pay`,
      { instrumentId },
      key,
    );
    expect(created.status).toBe(201);
    return until(
      () => api('GET', `/payments/${created.body.payment.id}`),
      (r) => r.body.payment.status === 'succeeded',
    );
  };

  beforeAll(async () => {
    ({ dir, origin, config } = await demoConfig('ayokit-persist-'));
  });
  afterAll(async () => {
    await stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  let instrumentId = '';

  it('a bound BRI account still pays after the server is stopped and started again', async () => {
    await start();
    const login = await fetch(`${origin}/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ shopperId: 'shopper-ani' }),
    });
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const started = await api('POST', '/bindings', { bankCode: '002' }, 'persist-bind-1');
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
    instrumentId = bound.body.binding.instrumentId;
    expect((await payAndSettle(instrumentId, 150_000, 'persist-pay-1')).body.payment.status).toBe(
      'succeeded',
    );

    await stop();
    const saved = JSON.parse(await readFile(statePath(), 'utf8'));
    expect(saved).toMatchObject({
      version: SANDBOX_SNAPSHOT_VERSION,
      accounts: [expect.objectContaining({ bankCode: '002' })],
    });
    await start();

    const list = await api('GET', '/instruments');
    expect(list.body.instruments).toEqual([
      expect.objectContaining({ id: instrumentId, bankCode: '002', status: 'active' }),
    ]);
    expect((await payAndSettle(instrumentId, 25_000, 'persist-pay-2')).body.payment.status).toBe('succeeded');
    expect(server!.sandbox!.ledger().map((p) => [p.amount, p.status])).toEqual([
      [150_000, '00'],
      [25_000, '00'],
    ]);
    // Two full server starts on a data folder (PGlite's boot each time): ~12 s alone, over 60 s on
    // a 2-core machine running the browser lane and another suite beside it.
  }, 180_000);

  it('starts empty, never crashes, when sandbox-state.json is corrupt or of another version', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      for (const [i, content] of ['{"version":1,"merchantId":', '{"version":99}'].entries()) {
        await stop();
        await writeFile(statePath(), content);
        await start();
        const aside = (await readdir(dir)).filter((f) => f.startsWith(`${SANDBOX_STATE_FILE}.bad-`));
        expect(aside).toHaveLength(i + 1);
        expect(server!.sandbox!.ledger()).toEqual([]);
        const res = await fetch(`${origin}/sandbox/ledger`);
        expect(await res.json()).toEqual([]);
      }
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/sandbox state not restored .*version 99/));
      // The next stop saves the (empty) state again, valid this time.
      await stop();
      expect(JSON.parse(await readFile(statePath(), 'utf8'))).toMatchObject({
        version: SANDBOX_SNAPSHOT_VERSION,
        accounts: [],
      });
    } finally {
      warn.mockRestore();
    }
  });
});
