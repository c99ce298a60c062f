/** What both benches start: the database, and the proxy served beside the sandbox on two ports. */
import { type AyoProxy, createAyoProxy, createPgliteDb, type Db } from '@ayokit/proxy';
import { createPostgresDb } from '@ayokit/proxy/node';
import { createSandbox, type Sandbox } from '@ayokit/sandbox';
import { serve } from '@hono/node-server';

/** PostgreSQL in a schema of its own when `databaseUrl` is set, else PGlite in memory. */
export function openBenchDb(databaseUrl: string | undefined, schemaPrefix: string): Promise<Db> {
  return databaseUrl
    ? createPostgresDb({ connectionString: databaseUrl, schema: `${schemaPrefix}_${Date.now()}` })
    : createPgliteDb();
}

/**
 * The sandbox both benches pay against, on `sandboxPort`, sending its callbacks to the proxy on
 * `proxyPort` (through `fetch` when given: the live part times them). Started.
 */
export function startBenchSandbox(input: {
  client: { clientId: string; clientSecret: string; merchantId: string };
  publicKeyPem: string;
  callbackSecret: string;
  sandboxPort: number;
  proxyPort: number;
  fetch?: typeof fetch;
}): Sandbox {
  const { client } = input;
  const sandbox = createSandbox({
    merchantId: client.merchantId,
    clients: [
      { clientId: client.clientId, clientSecret: client.clientSecret, publicKeyPem: input.publicKeyPem },
    ],
    publicBaseUrl: `http://127.0.0.1:${input.sandboxPort}`,
    callbackUrl: `http://127.0.0.1:${input.proxyPort}/ayokit/callbacks/ayoconnect`,
    callbackSecret: input.callbackSecret,
    mode: 'test',
    ...(input.fetch ? { fetch: input.fetch } : {}),
  });
  sandbox.start();
  return sandbox;
}

export interface BenchServers {
  proxy: AyoProxy;
  servers: ReturnType<typeof serve>[];
  /** Serves `handler` on the proxy's port from now on (the proxy's own until then). */
  route(handler: (request: Request) => Response | Promise<Response>): void;
}

/**
 * The proxy on `proxyPort`, talking to the sandbox on `sandboxPort` over HTTP; the shopper is
 * whoever the `x-bench-user` header names.
 */
export async function serveBench(input: {
  sandbox: Sandbox;
  db: Db;
  client: { clientId: string; clientSecret: string; merchantId: string };
  privateKeyPem: string;
  callbackSecret: string;
  sandboxPort: number;
  proxyPort: number;
  bindingsPerMinute: number;
}): Promise<BenchServers> {
  const shop = `http://127.0.0.1:${input.proxyPort}`;
  const proxy = createAyoProxy({
    ayoconnect: {
      baseUrl: `http://127.0.0.1:${input.sandboxPort}`,
      ...input.client,
      privateKeyPem: input.privateKeyPem,
    },
    db: input.db,
    authenticate: (req) => {
      const user = req.headers.get('x-bench-user');
      return user ? { id: user, phoneNumber: '081234567890' } : null;
    },
    allowedOrigins: [shop],
    callbackSecret: input.callbackSecret,
    rateLimits: { bindingsPerMinute: input.bindingsPerMinute },
    log: () => undefined,
  });
  await proxy.ready;
  let handler: (request: Request) => Response | Promise<Response> = proxy.fetch;
  const servers = [
    serve({ fetch: input.sandbox.fetch, port: input.sandboxPort, hostname: '127.0.0.1' }),
    serve({ fetch: (request: Request) => handler(request), port: input.proxyPort, hostname: '127.0.0.1' }),
  ];
  return {
    proxy,
    servers,
    route: (next) => {
      handler = next;
    },
  };
}
