import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AyoError } from '@ayokit/core';
import type { WireProfileOverrides } from '@ayokit/core/snap';
import type { AyoProxy, Db } from '@ayokit/proxy';
import { type ServerType, serve } from '@hono/node-server';
// The proxy package's own test database helper (its globalSetup runs for this project too).
import { createTestPgliteDb } from '../../../packages/proxy/src/db/testing';
import { loadConfig, type ServerConfig } from '../src/config';
import { createServer, openDb, type Server } from '../src/server';

/**
 * A real PKCS#8 RSA key as AYOCONNECT_PRIVATE_KEY holds it in an env file (`\n` written out); a
 * small one, as only its shape matters to the configuration.
 */
export const TEST_PRIVATE_KEY_ENV = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString()
  .replaceAll('\n', '\\n');

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The server's database as `openDb` opens it (PGlite in the data folder), but a new folder starts
 * from the run's template (packages/proxy/test/pgliteTemplate.ts, this project's globalSetup)
 * instead of running initdb (about 3 s of CPU each on the 2-core machine). persistence.test.ts
 * keeps the server's own first start.
 */
export async function openTestDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  const dataDir = join(config.dataDir, 'pglite');
  if (config.databaseUrl || existsSync(dataDir)) return openDb(config);
  return createTestPgliteDb(dataDir);
}

/** Reads until `done` (or `ms` pass), for state that settles in real time (callbacks, reconciler). */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The browser API (`/ayokit/v1`) as a signed-in shopper's page calls it: `session()` gives the
 * server's origin and the shopper's cookie as they are when each call is made (set in a
 * `beforeAll`). An empty answer body reads as `{}`; `text` is the body as sent.
 */
export function shopperApi(session: () => { origin: string; cookie: string }) {
  // biome-ignore lint/suspicious/noExplicitAny: the tests read JSON bodies loosely
  return async <T = Record<string, any>>(method: string, path: string, body?: unknown, key?: string) => {
    const { origin, cookie } = session();
    const headers: Record<string, string> = { cookie, origin };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    const res = await fetch(`${origin}/ayokit/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, text };
  };
}

/**
 * What the shop's server does before a shopper pays: a checkout for them, at the shop's price.
 * Then the browser pays it with an instrument (POST /checkouts/:id/pay), nothing else.
 */
export async function checkoutFor(
  proxy: AyoProxy,
  userId: string,
  order: { amount: number; mode?: 'direct' | 'authorize'; orderId?: string },
): Promise<string> {
  const checkout = await proxy.checkouts.create({
    userId,
    amount: order.amount,
    orderId: order.orderId ?? `order-${Math.random().toString(36).slice(2, 12)}`,
    ...(order.mode ? { mode: order.mode } : {}),
  });
  return checkout.id;
}

/** A server-API call as the HTTP answer it stands for: `{ status, body }`, errors as `{ code }`. */
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON bodies loosely
type Loose = Record<string, any>;

export async function asAnswer<T>(call: () => Promise<T>): Promise<{ status: number; body: Loose }> {
  try {
    return { status: 200, body: (await call()) as Loose };
  } catch (error) {
    if (error instanceof AyoError) return { status: error.status, body: error.toJSON() };
    throw error;
  }
}

/** The demo server (proxy + embedded sandbox) listening on a free port, on a new data folder. */
export interface RunningServer {
  dir: string;
  config: ServerConfig;
  server: Server;
  origin: string;
  close: () => Promise<void>;
}

/** apps/proxy's configuration for a server on a free port of 127.0.0.1, on a new data folder. */
export async function demoConfig(dirPrefix: string, env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), dirPrefix));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = await loadConfig({
    PORT: String(port),
    AYOKIT_DATA_DIR: dir,
    PUBLIC_URL: origin,
    ALLOWED_ORIGINS: origin,
    ...env,
  });
  return { dir, port, origin, config };
}

export async function startDemoServer(
  dirPrefix: string,
  /** One wire profile for the embedded sandbox and the proxy (as AYOCONNECT_PROFILE would give). */
  options: { profile?: WireProfileOverrides; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const { dir, port, origin, config: loaded } = await demoConfig(dirPrefix, options.env);
  const config = options.profile ? { ...loaded, profile: options.profile } : loaded;
  const server = await createServer(config, {
    db: await openTestDb(config),
    reconcile: { intervalMs: 200, callbackGraceMs: 1_000, retryBaseMs: 500, retryMaxMs: 2_000 },
  });
  await server.proxy.ready;
  const http = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: server.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    dir,
    config,
    server,
    origin,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
