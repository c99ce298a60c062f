/**
 * `pnpm bench`: a steady stream of payments through the proxy against the sandbox, and the same
 * stream straight at the sandbox, in one run on one machine. Prints upstream calls per payment
 * and the proxy's added latency (p50/p99) as differences and ratios. Then the live-status part
 * (live.ts): callback sent → status seen by the hooks, over SSE and by polling.
 *
 *   pnpm bench                      # embedded PGlite
 *   DATABASE_URL=postgres://… pnpm bench
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=20 pnpm bench
 *   BENCH_WARMUP_SECONDS=0 pnpm bench   # no warm-up before each stream (default 3 s)
 *   BENCH_PORT=18831 pnpm bench     # ports 18831–18834 (default 18801–18804)
 *   BENCH_STEADY_RATE=50 BENCH_STEADY_SECONDS=20 pnpm bench   # the steady part (default 100/s, 10 s)
 *   BENCH_LIVE_PAYMENTS=400 pnpm bench   # see live.ts for the live part's settings
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { API_PREFIX, toSnapAmount } from '@ayokit/core';
import {
  DD_PATHS,
  generateRsaKeyPair,
  HEADERS,
  nodeHttp,
  nodeSend,
  signTransactional,
  snapTimestamp,
  verifyCallback,
} from '@ayokit/core/snap';
import { DEFAULT_SETTLE_SECONDS, driveBindingWebview } from '@ayokit/sandbox';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { liveBench, liveOptionsFromEnv, printLive } from './live';
import { atRate, percentile } from './pace';
import { openBenchDb, serveBench, startBenchSandbox } from './setup';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * Each stream first runs this long unmeasured: V8 compiles the hot JavaScript and PGlite's
 * WebAssembly with its optimising tier while they run, once per process (measured on the 2-core
 * machine: 10–13 ms of CPU per payment through the proxy in its first seconds, 4.5–5.6 ms after),
 * so a cold stream measures the compiler, not the proxy a server runs for days.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/**
 * Then each stream again at a steady rate, well under what either sustains (open loop: a request
 * leaves every 1/rate s, whether or not the last one has been answered): the latency a payment
 * sees when the proxy is not the queue. The streams above keep 10 requests in flight, so their
 * latency is mostly waiting for the CPU (p50 ≈ connections / throughput).
 */
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 100);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 10);
const DRAIN_LIMIT_MS = 60_000;
/** Four ports from here: the throughput part's sandbox and proxy, then the live part's. */
const PORT = Number(process.env.BENCH_PORT ?? 18801);
const SANDBOX_PORT = PORT;
const PROXY_PORT = PORT + 1;
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const SHOP = `http://127.0.0.1:${PROXY_PORT}`;
const CLIENT = { clientId: 'bench-client', clientSecret: 'bench-secret', merchantId: 'AYOKIT' };
const CALLBACK_SECRET = 'bench-callback-secret';

const id32 = () =>
  randomBytes(24)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .padEnd(32, 'x')
    .slice(0, 32);

async function main() {
  const keys = await generateRsaKeyPair();
  const sandbox = startBenchSandbox({
    client: CLIENT,
    publicKeyPem: keys.publicKeyPem,
    callbackSecret: CALLBACK_SECRET,
    sandboxPort: SANDBOX_PORT,
    proxyPort: PROXY_PORT,
  });
  const db = await openBenchDb(process.env.DATABASE_URL, 'bench');
  const { proxy, servers, route } = await serveBench({
    sandbox,
    db,
    client: CLIENT,
    privateKeyPem: keys.privateKeyPem,
    callbackSecret: CALLBACK_SECRET,
    sandboxPort: SANDBOX_PORT,
    proxyPort: PROXY_PORT,
    bindingsPerMinute: 1000,
  });

  // One bound BRI account (payments under 1,000,000 need no OTP).
  const headers = { 'x-bench-user': 'bench-user', origin: SHOP, 'content-type': 'application/json' };
  const started = (await (
    await fetch(`${SHOP}${API_PREFIX}/bindings`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': 'bench-binding-0001' },
      body: JSON.stringify({ bankCode: '002' }),
    })
  ).json()) as { binding: { id: string; webviewUrl: string } };
  await driveBindingWebview(fetch, started.binding.webviewUrl, {
    accountNumber: '5555000011',
    cardExpiry: '12/35',
    otp: '123456',
  });
  let instrumentId: string | null = null;
  for (let i = 0; i < 50 && !instrumentId; i++) {
    const b = (await (
      await fetch(`${SHOP}${API_PREFIX}/bindings/${started.binding.id}`, { headers })
    ).json()) as {
      binding: { instrumentId: string | null };
    };
    instrumentId = b.binding.instrumentId;
    if (!instrumentId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!instrumentId) throw new Error('bench: binding did not complete');

  // Straight at the sandbox: a signed SNAP payment per request (tokens fetched once, as a cached client would).
  const b2b = (await (
    await fetch(`${SANDBOX}${DD_PATHS.b2bToken}`, {
      method: 'POST',
      headers: await tokenHeaders(keys.privateKeyPem),
      body: JSON.stringify({
        grantType: 'client_credentials',
        additionalInfo: { merchantId: CLIENT.merchantId },
      }),
    })
  ).json()) as { accessToken: string };
  const stored = await proxy.store.get('instruments', instrumentId);
  const instrument = stored?.type === 'bank_account' ? stored : null;
  const b2b2c = (await (
    await fetch(`${SANDBOX}${DD_PATHS.b2b2cToken}`, {
      method: 'POST',
      headers: { ...(await tokenHeaders(keys.privateKeyPem)), Authorization: `Bearer ${b2b.accessToken}` },
      body: JSON.stringify({
        grantType: 'authorization_code',
        authCode: instrument!.authCode,
        additionalInfo: {},
      }),
    })
  ).json()) as { accessToken: string };

  // The shop's server makes a checkout per order before the shopper pays it: made up front here
  // (more than the proxy can pay in the run: a checkout paid twice is a 409), so the stream
  // measures paying, as the browser does. The steady part gets checkouts of its own, made after
  // the saturated stream whatever it took (a faster machine once paid the pool through).
  const pool: string[] = [];
  let nextCheckout = 0;
  let made = 0;
  const makeCheckouts = async (count: number) => {
    pool.length = 0;
    nextCheckout = 0;
    for (let i = 0; i < count; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: 100 }, () =>
          proxy.checkouts.create({ userId: 'bench-user', amount: 10_000, orderId: `bench-${made++}` }),
        ),
      );
      pool.push(...batch.map((c) => c.id));
    }
  };
  await makeCheckouts((SECONDS + WARMUP_SECONDS) * 1200);
  const payRequest = () => ({
    path: `${API_PREFIX}/checkouts/${pool[nextCheckout++ % pool.length]}/pay`,
    body: JSON.stringify({ instrumentId }),
    headers: { ...headers, 'idempotency-key': `bench-${id32()}` },
  });
  // A payment waits on the bank until its callback is handled (the sandbox settles it first).
  const unsettledPayments = async () => {
    const [row] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM payments WHERE status IN ('created', 'processing')",
    );
    return row?.n ?? 0;
  };
  await warmUp(SHOP, `${API_PREFIX}/checkouts/:id/pay`, payRequest, () => unsettledPayments);
  const callsBefore = proxy.client.stats.calls;
  const [{ n: paymentsBefore }] = (await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM payments',
  )) as [{ n: number }];
  // CPU time of this process (sandbox, proxy, PGlite and the load generator share it): less
  // sensitive to other work on the machine than requests per second. Counted until the callbacks
  // of the stream's payments are handled: a stream can outrun them (they wait for the CPU), and
  // their work is part of every payment.
  const cpuProxy = process.cpuUsage();
  const viaProxy = await run('through the proxy', SHOP, `${API_PREFIX}/checkouts/:id/pay`, payRequest);
  const proxyDrain = await drain(unsettledPayments);
  const [{ n: paymentsAfter }] = (await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM payments',
  )) as [{ n: number }];
  const [{ n: succeeded }] = (await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM payments WHERE status = 'succeeded'",
  )) as [{ n: number }];
  const payments = paymentsAfter - paymentsBefore;
  const proxyCpuMs = cpuMs(cpuProxy) / Math.max(1, payments);
  const calls = proxy.client.stats.calls - callsBefore;

  // The ceiling of this bench: a bare forwarder on the proxy's port, doing only what any server
  // between the shop and Ayoconnect must (read the shopper's request, sign and send the SNAP
  // request, answer; take the callback and check its signature), with no database, no checks, no
  // state. Load generator, sandbox and server share one process, so even a proxy of zero cost
  // makes ~4 HTTP exchanges per payment where the direct stream makes one.
  const forwarder = bareForwarder(b2b.accessToken, b2b2c.accessToken, instrument!.accountToken);
  route(forwarder.fetch);
  const bareRequest = () => ({
    body: JSON.stringify({ instrumentId }),
    headers: { ...headers, 'idempotency-key': `bench-${id32()}` },
  });
  await warmUp(SHOP, `${API_PREFIX}/checkouts/:id/pay`, bareRequest, forwarder.awaited(forwarder.verified));
  const cpuBare = process.cpuUsage();
  const bareSince = forwarder.verified;
  const bare = await run('bare forwarder', SHOP, `${API_PREFIX}/checkouts/:id/pay`, bareRequest);
  // Its callbacks are verified before the next stream starts (counted in its CPU, as the proxy's are).
  const bareDrain = await drain(forwarder.awaited(bareSince)(bare));
  const bareCpuMs = cpuMs(cpuBare) / Math.max(1, bare.requests.total);

  // Then the same stream straight at the sandbox. Its callbacks go to the bare forwarder, which
  // checks their signatures as a shop calling the API directly must: not to the proxy, which
  // would look up each unknown payment in its database during the direct stream's measurement.
  const directRequest = () => {
    const body = JSON.stringify({
      partnerReferenceNo: id32(),
      bankCardToken: instrument!.accountToken,
      merchantId: CLIENT.merchantId,
      amount: toSnapAmount(10_000),
      additionalInfo: {},
    });
    const timestamp = snapTimestamp(Date.now());
    const hash = createHash('sha256').update(body).digest('hex');
    const signature = createHmac('sha512', CLIENT.clientSecret)
      .update(`POST:${DD_PATHS.payment}:${b2b.accessToken}:${hash}:${timestamp}`)
      .digest('hex');
    return {
      body,
      headers: {
        'content-type': 'application/json',
        Authorization: `Bearer ${b2b.accessToken}`,
        [HEADERS.customerAuthorization]: `Bearer ${b2b2c.accessToken}`,
        [HEADERS.timestamp]: timestamp,
        [HEADERS.signature]: signature,
        [HEADERS.partnerId]: CLIENT.merchantId,
        [HEADERS.externalId]: id32(),
        [HEADERS.channelId]: '95221',
      },
    };
  };
  // One request first: a stream of refusals would measure nothing.
  const probe = directRequest();
  const first = await fetch(`${SANDBOX}${DD_PATHS.payment}`, { method: 'POST', ...probe });
  if (!first.ok)
    throw new Error(`bench: the direct payment is refused: ${first.status} ${await first.text()}`);
  // The direct payments' callbacks are verified by the forwarder, and counted there.
  await warmUp(SANDBOX, DD_PATHS.payment, directRequest, forwarder.awaited(forwarder.verified));
  const cpuDirect = process.cpuUsage();
  const directSince = forwarder.verified;
  const direct = await run('direct to sandbox', SANDBOX, DD_PATHS.payment, directRequest);
  const directDrain = await drain(forwarder.awaited(directSince)(direct));
  const directCpuMs = cpuMs(cpuDirect) / Math.max(1, direct.requests.total);
  const directSteadySince = forwarder.verified;
  const directSteady = await steady(SANDBOX, DD_PATHS.payment, directRequest);
  await drain(forwarder.pending(directSteadySince, directSteady.sent));
  route(proxy.fetch);
  await makeCheckouts(STEADY_RATE * STEADY_SECONDS + 100);
  const proxySteady = await steady(SHOP, `${API_PREFIX}/checkouts/:id/pay`, payRequest);
  await drain(unsettledPayments);

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    '\nayokit bench — payments (no OTP), %d s × %d connections after %d s of warm-up each, %s store',
    SECONDS,
    CONNECTIONS,
    WARMUP_SECONDS,
    db.kind,
  );
  console.log('machine: %d × %s, Node %s', cpus().length, cpu, process.version);
  console.log('');
  console.log('                      req/s    p50 ms   p99 ms   errors/non-2xx');
  for (const r of [direct, viaProxy, bare]) {
    console.log(
      '%s %s %s %s   %d/%d',
      (r.title ?? '').padEnd(20),
      r.requests.average.toFixed(0).padStart(7),
      String(r.latency.p50).padStart(8),
      String(r.latency.p99).padStart(8),
      r.errors,
      r.non2xx,
    );
  }
  console.log('');
  console.log('payments through the proxy: %d (%d succeeded after callbacks)', payments, succeeded);
  console.log('upstream calls per payment: %s (target ≤ 1.05)', (calls / Math.max(1, payments)).toFixed(3));
  console.log(
    'proxy added latency: p50 +%d ms (×%s), p99 +%d ms (×%s)',
    viaProxy.latency.p50 - direct.latency.p50,
    (viaProxy.latency.p50 / Math.max(1, direct.latency.p50)).toFixed(2),
    viaProxy.latency.p99 - direct.latency.p99,
    (viaProxy.latency.p99 / Math.max(1, direct.latency.p99)).toFixed(2),
  );
  console.log(
    'CPU of this process per payment: direct %s ms, through the proxy %s ms (callbacks included; ratio %s)',
    directCpuMs.toFixed(2),
    proxyCpuMs.toFixed(2),
    (directCpuMs / Math.max(1e-9, proxyCpuMs)).toFixed(2),
  );
  console.log(
    'throughput ratio (proxy / direct): %s',
    (viaProxy.requests.average / Math.max(1, direct.requests.average)).toFixed(2),
  );
  // A stream can outrun its callbacks (they queue for the CPU it takes): the payments it made per
  // second until the last of their callbacks was handled is what the process sustains.
  const sustained = (r: autocannon.Result, d: { ms: number }) => r.requests.total / (SECONDS + d.ms / 1000);
  console.log(
    'callbacks to come when the stream ended (a payment settles %d s after it is made): direct %d (all handled %s s later), proxy %d (%s s), forwarder %d (%s s)',
    DEFAULT_SETTLE_SECONDS,
    directDrain.left,
    (directDrain.ms / 1000).toFixed(1),
    proxyDrain.left,
    (proxyDrain.ms / 1000).toFixed(1),
    bareDrain.left,
    (bareDrain.ms / 1000).toFixed(1),
  );
  console.log(
    'sustained, callbacks handled (payments / s until the last callback): direct %s, proxy %s, forwarder %s; ratio proxy / direct %s',
    sustained(direct, directDrain).toFixed(0),
    sustained(viaProxy, proxyDrain).toFixed(0),
    sustained(bare, bareDrain).toFixed(0),
    (sustained(viaProxy, proxyDrain) / Math.max(1, sustained(direct, directDrain))).toFixed(2),
  );
  console.log(
    'ceiling of this bench (bare forwarder / direct): throughput %s, p50 +%d ms, CPU %s ms per payment; the proxy reaches %s of the forwarder',
    (bare.requests.average / Math.max(1, direct.requests.average)).toFixed(2),
    bare.latency.p50 - direct.latency.p50,
    bareCpuMs.toFixed(2),
    (viaProxy.requests.average / Math.max(1, bare.requests.average)).toFixed(2),
  );
  // What the proxy adds over any server in its place (its database, its checks), apart from the
  // load generator's and the sandbox's share of the process, which the forwarder's stream has too:
  // steadier than the ratios, which follow the direct stream (the simulator's own cost).
  console.log(
    "the proxy's own CPU per payment (through the proxy − bare forwarder): %s ms",
    (proxyCpuMs - bareCpuMs).toFixed(2),
  );
  console.log('');
  console.log(
    'at a steady %d payments/s (open loop, %d s each)   p50 ms   p99 ms   errors/non-2xx',
    STEADY_RATE,
    STEADY_SECONDS,
  );
  for (const [title, r] of [
    ['direct to sandbox', directSteady],
    ['through the proxy', proxySteady],
  ] as const) {
    console.log(
      '%s %s %s   %d/%d',
      title.padEnd(42),
      r.p50.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      r.errors,
      r.non2xx,
    );
  }
  console.log(
    'proxy added latency at %d payments/s: p50 +%s ms, p99 +%s ms',
    STEADY_RATE,
    (proxySteady.p50 - directSteady.p50).toFixed(1),
    (proxySteady.p99 - directSteady.p99).toFixed(1),
  );

  for (const s of servers) s.close();
  sandbox.stop();
  // The settlements and callbacks still queued (thousands, from the direct stream) are dropped:
  // the sandbox would go on working through them in this process, beside the live part below.
  sandbox.reset();
  await proxy.close();
  await db.close();
  const ok =
    direct.non2xx === 0 &&
    bare.non2xx === 0 &&
    viaProxy.errors === 0 &&
    viaProxy.non2xx === 0 &&
    directSteady.errors + directSteady.non2xx + proxySteady.errors + proxySteady.non2xx === 0 &&
    calls / Math.max(1, payments) <= 1.05;

  // Live status, on a fresh sandbox and proxy (the streams above leave callbacks in flight).
  const live = await liveBench(liveOptionsFromEnv(PORT + 2, PORT + 3));
  printLive(live);
  process.exit(ok && live.ok ? 0 : 1);
}

/**
 * The least any server between the shop and Ayoconnect does per payment: parse the shopper's
 * request, sign and send the SNAP payment, answer with its result; verify each callback.
 */
function bareForwarder(accessToken: string, customerToken: string, accountToken: string) {
  const http = nodeHttp('http:');
  if (!http) throw new Error('bench: Node’s HTTP client is not available');
  const app = new Hono();
  app.post(`${API_PREFIX}/checkouts/:id/pay`, async (c) => {
    const input = (await c.req.json()) as { instrumentId?: string };
    if (!input.instrumentId) return c.json({ code: 'INVALID_REQUEST' }, 400);
    const body = JSON.stringify({
      partnerReferenceNo: id32(),
      bankCardToken: accountToken,
      merchantId: CLIENT.merchantId,
      amount: toSnapAmount(10_000),
      additionalInfo: {},
    });
    const timestamp = snapTimestamp(Date.now());
    const signature = await signTransactional({
      method: 'POST',
      path: DD_PATHS.payment,
      accessToken,
      body,
      timestamp,
      clientSecret: CLIENT.clientSecret,
    });
    // Node's own HTTP client, as the proxy's upstream calls (`fetch` costs more per call).
    const res = await nodeSend(
      http,
      new URL(`${SANDBOX}${DD_PATHS.payment}`),
      {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          Authorization: `Bearer ${accessToken}`,
          [HEADERS.customerAuthorization]: `Bearer ${customerToken}`,
          [HEADERS.timestamp]: timestamp,
          [HEADERS.signature]: signature,
          [HEADERS.partnerId]: CLIENT.merchantId,
          [HEADERS.externalId]: id32(),
          [HEADERS.channelId]: '95221',
        },
      },
      30_000,
    );
    const answer = JSON.parse(res.text) as { responseCode?: string; referenceNo?: string };
    return c.json(
      { payment: { referenceNo: answer.referenceNo, code: answer.responseCode } },
      res.status >= 200 && res.status < 300 ? 200 : 502,
    );
  });
  let verified = 0;
  const pending = (since: number, made: number) => async () => Math.max(0, made - (verified - since));
  app.post('/ayokit/callbacks/ayoconnect', async (c) => {
    const body = await c.req.text();
    const ok = await verifyCallback(
      {
        path: '/ayokit/callbacks/ayoconnect',
        body,
        timestamp: c.req.header(HEADERS.timestamp) ?? '',
        secret: CALLBACK_SECRET,
      },
      c.req.header(HEADERS.signature) ?? '',
    );
    if (ok) verified++;
    return c.json({ received: ok }, ok ? 200 : 401);
  });
  return {
    fetch: app.fetch,
    /** Callbacks verified so far (one per payment: each settles). */
    get verified() {
      return verified;
    },
    /** The callbacks of `made` payments not yet verified, counting from `since` verified. */
    pending,
    /** The same for a stream's payments. */
    awaited: (since: number) => (result: autocannon.Result) => pending(since, result.requests.total),
  };
}

/** User + system CPU milliseconds of this process since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function tokenHeaders(privateKeyPem: string) {
  const { importPrivateKey, signAsymmetric } = await import('@ayokit/core/snap');
  const timestamp = snapTimestamp(Date.now());
  return {
    'content-type': 'application/json',
    [HEADERS.timestamp]: timestamp,
    [HEADERS.clientKey]: CLIENT.clientId,
    [HEADERS.signature]: await signAsymmetric(
      await importPrivateKey(privateKeyPem),
      CLIENT.clientId,
      timestamp,
    ),
  };
}

type NextRequest = () => { path?: string; body: string; headers: Record<string, string> };

/** The stream run unmeasured for WARMUP_SECONDS, then until its callbacks are handled. */
async function warmUp(
  base: string,
  path: string,
  next: NextRequest,
  awaited: (result: autocannon.Result) => Pending,
): Promise<void> {
  if (WARMUP_SECONDS <= 0) return;
  const result = await run('warm-up', base, path, next, WARMUP_SECONDS);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(
      `bench: the warm-up of ${base}${path} failed: ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  await drain(awaited(result));
}

/** How many of a stream's callbacks are still to be handled. */
type Pending = () => Promise<number>;

/**
 * Waits until a stream's callbacks are handled (at most DRAIN_LIMIT_MS): how many were left when
 * the stream ended, and how long they took.
 */
async function drain(pending: Pending): Promise<{ left: number; ms: number }> {
  const started = performance.now();
  const left = await pending();
  for (let n = left; n > 0; n = await pending()) {
    if (performance.now() - started > DRAIN_LIMIT_MS)
      throw new Error(`bench: ${n} callbacks still unhandled ${DRAIN_LIMIT_MS / 1000} s after the stream`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { left, ms: performance.now() - started };
}

/**
 * STEADY_SECONDS of requests at STEADY_RATE per second, each sent on schedule (open loop, Node's
 * keep-alive agent), timed from sending to its answer read whole: p50 and p99 in milliseconds.
 */
async function steady(
  base: string,
  path: string,
  next: NextRequest,
): Promise<{ sent: number; p50: number; p99: number; errors: number; non2xx: number }> {
  const http = nodeHttp('http:');
  if (!http) throw new Error('bench: Node’s HTTP client is not available');
  const sent = Math.round(STEADY_RATE * STEADY_SECONDS);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  await atRate(sent, STEADY_RATE, async () => {
    const request = next();
    const at = performance.now();
    try {
      const res = await nodeSend(
        http,
        new URL(`${base}${request.path ?? path}`),
        { method: 'POST', headers: request.headers, body: request.body },
        30_000,
      );
      latencies.push(performance.now() - at);
      if (res.status < 200 || res.status >= 300) non2xx++;
    } catch {
      errors++;
    }
  });
  latencies.sort((a, b) => a - b);
  return { sent, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, non2xx };
}

function run(
  title: string,
  base: string,
  path: string,
  next: NextRequest,
  seconds = SECONDS,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        title,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path,
            setupRequest: (req) => ({ ...req, ...next() }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

await main();
