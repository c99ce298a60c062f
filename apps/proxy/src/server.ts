import { join } from 'node:path';
import { type AyoProxy, type AyoProxyOptions, createAyoProxy, createPgliteDb, type Db } from '@ayokit/proxy';
import { createPostgresDb } from '@ayokit/proxy/node';
import { createSandbox, type Sandbox } from '@ayokit/sandbox';
import { Hono } from 'hono';
import type { ServerConfig } from './config';
import { DEMO_SHOPPERS, demoAuthenticate, SESSION_COOKIE, sessionCookieValue } from './session';

export interface Server {
  fetch: (request: Request) => Promise<Response>;
  proxy: AyoProxy;
  sandbox: Sandbox | null;
  db: Db;
  close: () => Promise<void>;
}

export async function openDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  return config.databaseUrl
    ? createPostgresDb({ connectionString: config.databaseUrl })
    : createPgliteDb({ dataDir: join(config.dataDir, 'pglite') });
}

/**
 * One origin serves everything the demo needs: `/ayokit/*` the proxy, `/demo/*` the demo's
 * sign-in, and (embedded mode) the sandbox's API, bank pages and control API at the root — the
 * proxy reaches the sandbox over real HTTP like it would reach Ayoconnect.
 */
export async function createServer(
  config: ServerConfig,
  overrides: {
    db?: Db;
    /** Reuse a running sandbox (tests restart the proxy while the "bank" keeps its state). */
    sandbox?: Sandbox;
    reconcile?: AyoProxyOptions['reconcile'];
  } = {},
): Promise<Server> {
  const db = overrides.db ?? (await openDb(config));
  const ayo = config.ayoconnect;
  const baseUrl = ayo.mode === 'remote' ? ayo.baseUrl : `http://127.0.0.1:${config.port}`;
  let sandbox: Sandbox | null = overrides.sandbox ?? null;
  if (ayo.mode === 'embedded' && !sandbox) {
    sandbox = createSandbox({
      merchantId: ayo.merchantId,
      clients: [{ clientId: ayo.clientId, clientSecret: ayo.clientSecret, publicKeyPem: ayo.publicKeyPem }],
      publicBaseUrl: config.publicUrl,
      callbackUrl: `${baseUrl}/ayokit/callbacks/ayoconnect`,
      callbackSecret: ayo.callbackSecret,
      mode: 'demo',
    });
  }
  const proxy = createAyoProxy({
    ayoconnect: {
      baseUrl,
      clientId: ayo.clientId,
      clientSecret: ayo.clientSecret,
      privateKeyPem: ayo.privateKeyPem,
      merchantId: ayo.merchantId,
    },
    db,
    authenticate: demoAuthenticate(config.sessionSecret),
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    ...(ayo.callbackSecret ? { callbackSecret: ayo.callbackSecret } : {}),
    ...(overrides.reconcile ? { reconcile: overrides.reconcile } : {}),
  });

  const demo = new Hono().basePath('/demo');
  demo.get('/shoppers', (c) => c.json({ shoppers: DEMO_SHOPPERS.map(({ id, name }) => ({ id, name })) }));
  demo.post('/session', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { shopperId?: unknown } | null;
    const shopper = DEMO_SHOPPERS.find((s) => s.id === body?.shopperId);
    if (!shopper)
      return c.json({ code: 'INVALID_REQUEST', message: 'shopperId must name a demo shopper.' }, 400);
    const value = await sessionCookieValue(config.sessionSecret, shopper.id);
    c.header('Set-Cookie', `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax`);
    return c.json({ shopper: { id: shopper.id, name: shopper.name } });
  });
  demo.delete('/session', (c) => {
    c.header('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return c.body(null, 204);
  });

  sandbox?.start();
  return {
    db,
    proxy,
    sandbox,
    fetch: async (request) => {
      const path = new URL(request.url).pathname;
      if (path.startsWith('/ayokit/')) return proxy.fetch(request);
      if (path.startsWith('/demo/')) return demo.fetch(request);
      if (sandbox) return sandbox.fetch(request);
      return new Response(JSON.stringify({ code: 'NOT_FOUND', message: 'Not found.' }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    },
    close: async () => {
      sandbox?.stop();
      await proxy.close();
      await db.close();
    },
  };
}
