/**
 * `pnpm bench:load`: concurrent shoppers, each looping bind → pay → status until the time is up,
 * through the proxy (embedded PGlite, and PostgreSQL when reachable) and the same journeys
 * straight at the sandbox, in one run. Prints journeys/s, API requests/s, p50/p99 latency of the
 * API calls (the bank's pages excluded: the shopper's own time) and errors, and the proxy's
 * cost as ratios against the direct run.
 *
 *   pnpm bench:load                                  # 20 shoppers × 15 s per target
 *   LOAD_SHOPPERS=50 LOAD_SECONDS=30 pnpm bench:load
 *   DATABASE_URL=postgres://… pnpm bench:load        # PostgreSQL at that URL (default: 127.0.0.1:5432/test)
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { API_PREFIX, toSnapAmount } from '@ayokit/core';
import {
  DD_PATHS,
  type DdEndpoint,
  generateRsaKeyPair,
  HEADERS,
  importPrivateKey,
  signAsymmetric,
  signTransactional,
  snapTimestamp,
} from '@ayokit/core/snap';
import { createAyoProxy, createPgliteDb, type Db } from '@ayokit/proxy';
import { createPostgresDb } from '@ayokit/proxy/node';
import { createSandbox, driveBindingWebview } from '@ayokit/sandbox';
import { serve } from '@hono/node-server';

const CLIENT = { clientId: 'load-client', clientSecret: 'load-secret', merchantId: 'AYOKIT' };
const CALLBACK_SECRET = 'load-callback-secret';

export interface LoadOptions {
  shoppers: number;
  seconds: number;
  /** Base port; four consecutive ports are used. */
  port?: number;
  postgresUrl?: string | null;
  log?: (line: string) => void;
}

export interface LoadResult {
  target: string;
  journeys: number;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  firstError?: string;
}

const id32 = () =>
  randomBytes(24)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .padEnd(32, 'x')
    .slice(0, 32);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Counts every API call's latency; a failed call (or a journey that stalls) is an error. */
class Meter {
  latencies: number[] = [];
  errors = 0;
  journeys = 0;
  firstError: string | undefined;
  async time<T>(call: () => Promise<Response>, parse: (r: Response) => Promise<T>): Promise<T> {
    const t = performance.now();
    const res = await call();
    this.latencies.push(performance.now() - t);
    if (!res.ok) {
      const text = await res.text();
      throw new Error(`${res.status} ${text.slice(0, 200)}`);
    }
    return parse(res);
  }
  fail(err: unknown) {
    this.errors++;
    this.firstError ??= String((err as Error).message ?? err);
  }
  result(target: string, seconds: number): LoadResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      target,
      journeys: this.journeys,
      requests: sorted.length,
      errors: this.errors,
      seconds,
      p50: Math.round(percentile(sorted, 50)),
      p99: Math.round(percentile(sorted, 99)),
      ...(this.firstError ? { firstError: this.firstError } : {}),
    };
  }
}

async function loop(
  shoppers: number,
  seconds: number,
  journey: (shopper: number, n: number) => Promise<void>,
  meter: Meter,
) {
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: shoppers }, async (_, shopper) => {
      for (let n = 0; Date.now() < until; n++) {
        try {
          await journey(shopper, n);
          meter.journeys++;
        } catch (err) {
          meter.fail(err);
        }
      }
    }),
  );
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(100);
  }
  throw new Error(`${what} did not finish in 20 s`);
}

async function startSandbox(port: number, callbackUrl: string, publicKeyPem: string) {
  const base = `http://127.0.0.1:${port}`;
  const sandbox = createSandbox({
    merchantId: CLIENT.merchantId,
    clients: [{ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, publicKeyPem }],
    publicBaseUrl: base,
    callbackUrl,
    callbackSecret: CALLBACK_SECRET,
    mode: 'test',
  });
  sandbox.start();
  const server = serve({ fetch: sandbox.fetch, port, hostname: '127.0.0.1' });
  const close = () => {
    server.close();
    sandbox.stop();
  };
  return { sandbox, base, close };
}

/** bind → pay → status through the proxy's /ayokit/v1, as the hooks would call it. */
async function throughProxy(
  target: string,
  db: Db,
  options: Required<Pick<LoadOptions, 'shoppers' | 'seconds'>> & { port: number },
  keys: { privateKeyPem: string; publicKeyPem: string },
) {
  const shop = `http://127.0.0.1:${options.port + 1}`;
  const bank = await startSandbox(options.port, `${shop}/ayokit/callbacks/ayoconnect`, keys.publicKeyPem);
  const proxy = createAyoProxy({
    ayoconnect: { baseUrl: bank.base, ...CLIENT, privateKeyPem: keys.privateKeyPem },
    db,
    authenticate: (req) => {
      const user = req.headers.get('x-load-user');
      return user ? { id: user, phoneNumber: '081234567890' } : null;
    },
    allowedOrigins: [shop],
    callbackSecret: CALLBACK_SECRET,
    rateLimits: { bindingsPerMinute: 100_000, otpPerMinute: 100_000 },
    reconcile: { intervalMs: 1_000, callbackGraceMs: 5_000 },
    log: () => undefined,
  });
  await proxy.ready;
  const server = serve({ fetch: proxy.fetch, port: options.port + 1, hostname: '127.0.0.1' });
  const meter = new Meter();
  const started = Date.now();
  await loop(
    options.shoppers,
    options.seconds,
    async (shopper, n) => {
      const headers = {
        'x-load-user': `load-${shopper}-${n}`,
        origin: shop,
        'content-type': 'application/json',
      };
      const post = <T>(path: string, body: unknown) =>
        meter.time(
          () =>
            fetch(`${shop}${API_PREFIX}${path}`, {
              method: 'POST',
              headers: { ...headers, 'idempotency-key': `load-${id32()}` },
              body: JSON.stringify(body),
            }),
          (r) => r.json() as Promise<T>,
        );
      const get = <T>(path: string) =>
        meter.time(
          () => fetch(`${shop}${API_PREFIX}${path}`, { headers }),
          (r) => r.json() as Promise<T>,
        );
      const { binding } = await post<{ binding: { id: string; webviewUrl: string } }>('/bindings', {
        bankCode: '002',
      });
      await driveBindingWebview(fetch, binding.webviewUrl, {
        accountNumber: `55${String(shopper).padStart(4, '0')}${String(n % 10000).padStart(4, '0')}`,
        cardExpiry: '12/35',
        otp: '123456',
      });
      const bound = await poll(
        () => get<{ binding: { status: string; instrumentId: string | null } }>(`/bindings/${binding.id}`),
        (b) => b.binding.status === 'succeeded' || b.binding.status === 'failed',
        'binding',
      );
      if (!bound.binding.instrumentId) throw new Error(`binding ${bound.binding.status}`);
      // The shop's server prices the order; the shopper pays it with the account just bound.
      const checkout = await proxy.checkouts.create({
        userId: headers['x-load-user'],
        amount: 25_000,
        orderId: `load-${shopper}-${n}`,
      });
      const { payment } = await post<{ payment: { id: string } }>(`/checkouts/${checkout.id}/pay`, {
        instrumentId: bound.binding.instrumentId,
      });
      const paid = await poll(
        () => get<{ payment: { status: string } }>(`/payments/${payment.id}`),
        (p) => p.payment.status === 'succeeded' || p.payment.status === 'failed',
        'payment',
      );
      if (paid.payment.status !== 'succeeded') throw new Error(`payment ${paid.payment.status}`);
    },
    meter,
  );
  const result = meter.result(target, (Date.now() - started) / 1000);
  server.close();
  bank.close();
  await proxy.close();
  return result;
}

/** The same journeys straight at the sandbox's SNAP API, signed by hand, tokens cached. */
async function direct(
  options: { shoppers: number; seconds: number; port: number },
  keys: { privateKeyPem: string; publicKeyPem: string },
) {
  // Callbacks go to a port nobody listens on: a direct integration polls.
  const bank = await startSandbox(
    options.port,
    `http://127.0.0.1:${options.port + 3}/nowhere`,
    keys.publicKeyPem,
  );
  const privateKey = await importPrivateKey(keys.privateKeyPem);
  const meter = new Meter();
  const tokenHeaders = async () => {
    const timestamp = snapTimestamp(Date.now());
    return {
      'content-type': 'application/json',
      [HEADERS.timestamp]: timestamp,
      [HEADERS.clientKey]: CLIENT.clientId,
      [HEADERS.signature]: await signAsymmetric(privateKey, CLIENT.clientId, timestamp),
    };
  };
  const b2b = await meter.time(
    async () =>
      fetch(`${bank.base}${DD_PATHS.b2bToken}`, {
        method: 'POST',
        headers: await tokenHeaders(),
        body: JSON.stringify({ grantType: 'client_credentials', additionalInfo: {} }),
      }),
    (r) => r.json() as Promise<{ accessToken: string }>,
  );
  // One X-EXTERNAL-ID per flow, on every call of it [AYOCONNECT-API.md §5].
  const call = <T>(endpoint: DdEndpoint, body: unknown, externalId: string, customerToken?: string) =>
    meter.time(
      async () => {
        const raw = JSON.stringify(body);
        const path = DD_PATHS[endpoint];
        const timestamp = snapTimestamp(Date.now());
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          [HEADERS.authorization]: `Bearer ${b2b.accessToken}`,
          [HEADERS.timestamp]: timestamp,
          [HEADERS.signature]: await signTransactional({
            method: 'POST',
            path,
            accessToken: b2b.accessToken,
            body: raw,
            timestamp,
            clientSecret: CLIENT.clientSecret,
          }),
          [HEADERS.partnerId]: CLIENT.merchantId,
          [HEADERS.externalId]: externalId,
          [HEADERS.channelId]: '95221',
        };
        if (customerToken) headers[HEADERS.customerAuthorization] = `Bearer ${customerToken}`;
        return fetch(`${bank.base}${path}`, { method: 'POST', headers, body: raw });
      },
      (r) => r.json() as Promise<T>,
    );
  const started = Date.now();
  await loop(
    options.shoppers,
    options.seconds,
    async (shopper, n) => {
      const bindingRef = id32();
      const bindingFlow = id32();
      const started = await call<{ redirectUrl: string }>(
        'binding',
        {
          partnerReferenceNo: bindingRef,
          lang: 'EN',
          phoneNo: '6281234567890',
          merchantId: CLIENT.merchantId,
          additionalData: { bankCode: '002' },
          additionalInfo: { customerId: `direct-${shopper}-${n}` },
        },
        bindingFlow,
      );
      await driveBindingWebview(fetch, started.redirectUrl, {
        accountNumber: `66${String(shopper).padStart(4, '0')}${String(n % 10000).padStart(4, '0')}`,
        cardExpiry: '12/35',
        otp: '123456',
      });
      const inquiry = await poll(
        () =>
          call<{
            additionalInfo: { accountToken?: string; authCode?: string; tokenStatus?: string };
          }>('bindingInquiry', { partnerReferenceNo: bindingRef, additionalInfo: {} }, bindingFlow),
        (r) => r.additionalInfo.tokenStatus === 'ACTIVE',
        'binding',
      );
      const account = inquiry.additionalInfo as { accountToken: string; authCode: string };
      const customer = await meter.time(
        async () =>
          fetch(`${bank.base}${DD_PATHS.b2b2cToken}`, {
            method: 'POST',
            headers: { ...(await tokenHeaders()), Authorization: `Bearer ${b2b.accessToken}` },
            body: JSON.stringify({
              grantType: 'authorization_code',
              authCode: account.authCode,
              additionalInfo: {},
            }),
          }),
        (r) => r.json() as Promise<{ accessToken: string }>,
      );
      const partnerReferenceNo = id32();
      const paymentFlow = id32();
      const paid = await call<{ referenceNo: string }>(
        'payment',
        {
          partnerReferenceNo,
          bankCardToken: account.accountToken,
          merchantId: CLIENT.merchantId,
          amount: toSnapAmount(25_000),
          additionalInfo: {},
        },
        paymentFlow,
        customer.accessToken,
      );
      const status = await poll(
        () =>
          call<{ latestTransactionStatus: string }>(
            'paymentStatus',
            { merchantId: CLIENT.merchantId, serviceCode: '54', originalReferenceNo: paid.referenceNo },
            paymentFlow,
          ),
        (s) => s.latestTransactionStatus === '00' || s.latestTransactionStatus === '06',
        'payment',
      );
      if (status.latestTransactionStatus !== '00')
        throw new Error(`payment ${status.latestTransactionStatus}`);
    },
    meter,
  );
  const result = meter.result('direct to sandbox', (Date.now() - started) / 1000);
  bank.close();
  return result;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult[]> {
  const log = options.log ?? (() => undefined);
  const port = options.port ?? 18810;
  const keys = await generateRsaKeyPair();
  const results: LoadResult[] = [];
  log('direct to sandbox …');
  results.push(await direct({ ...options, port }, keys));
  log('through the proxy, PGlite …');
  const pglite = await createPgliteDb();
  results.push(await throughProxy('proxy + PGlite', pglite, { ...options, port: port + 4 }, keys));
  await pglite.close();
  if (options.postgresUrl) {
    let pg: Db | null = null;
    try {
      pg = await createPostgresDb({ connectionString: options.postgresUrl, schema: `load_${Date.now()}` });
      await pg.query('SELECT 1');
    } catch (err) {
      log(`PostgreSQL at ${options.postgresUrl} not reachable (${String(err)}); skipped`);
      pg = null;
    }
    if (pg) {
      log('through the proxy, PostgreSQL …');
      results.push(await throughProxy('proxy + PostgreSQL', pg, { ...options, port: port + 8 }, keys));
      await pg.close();
    }
  }
  return results;
}

export function formatLoad(results: LoadResult[], options: LoadOptions): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const direct = results[0] as LoadResult;
  const lines = [
    `ayokit bench:load — ${options.shoppers} concurrent shoppers looping bind → pay → status, ${options.seconds} s per target`,
    `machine: ${cpus().length} × ${cpu}, Node ${process.version} (sandbox, proxy and driver share these cores)`,
    '',
    'target                journeys/s   API req/s   p50 ms   p99 ms   errors',
  ];
  for (const r of results) {
    lines.push(
      `${r.target.padEnd(20)} ${(r.journeys / r.seconds).toFixed(2).padStart(11)} ${(r.requests / r.seconds).toFixed(0).padStart(11)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}${r.firstError ? `  (first: ${r.firstError})` : ''}`,
    );
  }
  lines.push('');
  for (const r of results.slice(1)) {
    lines.push(
      `${r.target} / direct: journeys/s ×${(r.journeys / r.seconds / Math.max(1e-9, direct.journeys / direct.seconds)).toFixed(2)}, p50 ×${(r.p50 / Math.max(1, direct.p50)).toFixed(2)}, p99 ×${(r.p99 / Math.max(1, direct.p99)).toFixed(2)}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options: LoadOptions = {
    shoppers: Number(process.env.LOAD_SHOPPERS ?? 20),
    seconds: Number(process.env.LOAD_SECONDS ?? 15),
    postgresUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    log: (line) => console.log(line),
  };
  const results = await runLoad(options);
  console.log(`\n${formatLoad(results, options)}`);
  process.exit(results.every((r) => r.errors === 0) ? 0 : 1);
}
