// The shop's backend over HTTP, as a browser and the bank see it: `npm test` starts server.mjs on a
// free port (or tests the one at BASE_URL), signs in, makes a checkout, binds a bank account on the
// simulator's bank pages and pays.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { driveBindingWebview } from '@ayokit/sandbox';

let base = process.env.BASE_URL;
let server;
before(async () => {
  if (base) return;
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), PUBLIC_URL: base };
  server = spawn(process.execPath, ['server.mjs'], { cwd: import.meta.dirname, env, stdio: 'pipe' });
  server.stderr.pipe(process.stderr);
  for await (const line of server.stdout) if (String(line).includes('Shop on')) break;
});
after(() => server?.kill('SIGTERM'));

const SHOP = 'http://localhost:5173'; // an allowed origin (Vite's dev server)
const json = { 'content-type': 'application/json' };
let cookie = '';

async function call(method, path, { body, headers = {} } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : json), ...(cookie ? { cookie } : {}), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function until(read, done, what) {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}: ${JSON.stringify((await read()).body)}`);
}

test('CORS: a preflight from the shop is answered for PATCH with credentials; another site gets no grant', async () => {
  const ask = (origin) =>
    call('OPTIONS', '/ayokit/v1/instruments/ins_x', {
      headers: {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'content-type',
      },
    });
  const shop = await ask(SHOP);
  assert.equal(shop.status, 204);
  assert.equal(shop.headers.get('access-control-allow-origin'), SHOP);
  assert.equal(shop.headers.get('access-control-allow-credentials'), 'true');
  assert.match(shop.headers.get('access-control-allow-methods'), /\bPATCH\b/);
  const other = await ask('https://evil.example');
  assert.equal(other.headers.get('access-control-allow-origin'), null);
});

test('without sign-in: 401 JSON with a stable code, from the proxy and from the shop', async () => {
  const proxy = await call('GET', '/ayokit/v1/instruments');
  assert.equal(proxy.status, 401);
  assert.match(proxy.headers.get('content-type'), /^application\/json/);
  assert.equal(proxy.body.code, 'UNAUTHENTICATED');
  const shop = await call('POST', '/checkout', { body: { items: [{ sku: 'kopi', qty: 1 }] } });
  assert.equal(shop.status, 401);
  assert.equal(shop.body.code, 'UNAUTHENTICATED');
  assert.deepEqual((await call('GET', '/session')).body, { shopper: null });
});

test('sign-in sets a cookie the proxy accepts; capabilities answer', async () => {
  const signIn = await call('POST', '/session', { headers: { origin: SHOP } });
  assert.equal(signIn.status, 200);
  cookie = signIn.headers.get('set-cookie').split(';')[0];
  assert.match(cookie, /^shop_session=ani\./);
  assert.deepEqual((await call('GET', '/session')).body, { shopper: { name: 'Ani Wijaya' } });
  const caps = await call('GET', '/ayokit/v1/capabilities');
  assert.equal(caps.status, 200);
  assert.deepEqual(Object.keys(caps.body).sort(), ['cardRefund', 'cardVoid', 'otpResend']);
  // A forged cookie is nobody.
  const forged = await call('GET', '/ayokit/v1/capabilities', { headers: { cookie: `${cookie}x` } });
  assert.equal(forged.status, 401);
});

let checkout;
test('POST /checkout prices the cart on the server; the proxy serves that checkout to its shopper', async () => {
  const made = await call('POST', '/checkout', {
    body: { items: [{ sku: 'kopi', qty: 2 }], amount: 1 }, // an amount from the page is ignored
    headers: { origin: SHOP },
  });
  assert.equal(made.status, 201);
  assert.equal(made.body.amount, 190_000);
  assert.match(made.body.checkoutId, /^chk_/);
  checkout = made.body;
  const read = await call('GET', `/ayokit/v1/checkouts/${checkout.checkoutId}`);
  assert.equal(read.status, 200);
  assert.equal(read.body.checkout.amount, 190_000);
  assert.equal(read.body.checkout.orderId, checkout.orderId);
  assert.equal(read.body.checkout.status, 'open');
  const bad = await call('POST', '/checkout', { body: { items: [{ sku: 'kopi', qty: 0 }] } });
  assert.deepEqual([bad.status, bad.body.code], [400, 'INVALID_CART']);
  const offSite = await call('POST', '/checkout', {
    body: { items: [] },
    headers: { origin: 'https://evil.example' },
  });
  assert.deepEqual([offSite.status, offSite.body.code], [403, 'FORBIDDEN_ORIGIN']);
});

test('bad input to the proxy: 4xx with a stable code and the field named, never a 5xx', async () => {
  const pay = (body, headers = {}) =>
    call('POST', `/ayokit/v1/checkouts/${checkout.checkoutId}/pay`, {
      body,
      headers: { 'idempotency-key': `bad-${Date.now()}`, ...headers },
    });
  const wrongType = await pay({ instrumentId: 42 });
  assert.deepEqual([wrongType.status, wrongType.body.code], [400, 'INVALID_REQUEST']);
  assert.ok(wrongType.body.issues.some((i) => i.path === 'instrumentId'));
  const notJson = await pay('{"instrumentId":');
  assert.ok(notJson.status >= 400 && notJson.status < 500, `status ${notJson.status}`);
  assert.equal(typeof notJson.body.code, 'string');
  const crossSite = await pay({ instrumentId: 'ins_x' }, { origin: 'https://evil.example' });
  assert.deepEqual([crossSite.status, crossSite.body.code], [403, 'FORBIDDEN_ORIGIN']);
});

test("binds BRI on the simulator's bank pages, makes it the default (PATCH), pays the checkout", async () => {
  const started = await call('POST', '/ayokit/v1/bindings', {
    body: { bankCode: '002' },
    headers: { 'idempotency-key': `bind-${Date.now()}` },
  });
  assert.equal(started.status, 201);
  const bank = await driveBindingWebview((r) => fetch(r), started.body.binding.webviewUrl, {
    accountNumber: '1234500002', // the browser test binds …0001
    cardExpiry: '12/35',
    otp: '123456',
  });
  assert.equal(bank.status, 'SUCCESS');
  const bound = await until(
    () => call('GET', `/ayokit/v1/bindings/${started.body.binding.id}`),
    (r) => r.body.binding.status === 'succeeded',
    'the binding',
  );
  const instrumentId = bound.body.binding.instrumentId;

  const patched = await call('PATCH', `/ayokit/v1/instruments/${instrumentId}`, {
    body: { isDefault: true },
    headers: { origin: SHOP },
  });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.instrument.isDefault, true);
  const unknown = await call('PATCH', `/ayokit/v1/instruments/ins_${'0'.repeat(24)}`, {
    body: { isDefault: true },
  });
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'NOT_FOUND']);

  const paid = await call('POST', `/ayokit/v1/checkouts/${checkout.checkoutId}/pay`, {
    body: { instrumentId },
    headers: { 'idempotency-key': `pay-${checkout.orderId}` },
  });
  assert.equal(paid.status, 201);
  const payment = await until(
    () => call('GET', `/ayokit/v1/payments/${paid.body.payment.id}`),
    (r) => r.body.payment.status !== 'processing' && r.body.payment.status !== 'pending',
    'the payment',
  );
  assert.equal(payment.body.payment.status, 'succeeded');
  assert.equal(payment.body.payment.amount, 190_000);
  const closed = await call('GET', `/ayokit/v1/checkouts/${checkout.checkoutId}`);
  assert.equal(closed.body.checkout.status, 'paid');
  // The simulated bank took the money once.
  const ledger = await call('GET', '/sandbox/ledger');
  const charges = ledger.body.filter((e) => e.amount === 190_000);
  assert.deepEqual(
    charges.map((e) => [e.status, e.charged]),
    [['00', true]],
  );
});

/** Starts server.mjs with `variables` (and no AYOCONNECT_* of the shell's); resolves with what it printed to stderr once it has exited, non-zero. */
async function startupError(variables) {
  const own = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AYOCONNECT_')));
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: import.meta.dirname,
    env: { ...own, PORT: '0', ...variables },
    stdio: 'pipe',
    timeout: 30_000, // a server that started anyway is stopped, and fails the test
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  assert.notEqual(code, 0);
  return stderr;
}

test('a half-set AYOCONNECT_* stops the server at startup, naming the variables to set', async () => {
  // No secret, key or merchant id.
  assert.match(
    await startupError({ AYOCONNECT_CLIENT_ID: 'shop-client' }),
    /AyoConfigError: AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY, AYOCONNECT_MERCHANT_ID: AYOCONNECT_CLIENT_ID is set, so the proxy would call Ayoconnect/,
  );
});

test('a PUBLIC_URL with a path, or an origin without its scheme, stops the server at startup, naming the variable', async () => {
  assert.match(
    await startupError({ PUBLIC_URL: 'https://shop.example/store' }),
    /AyoConfigError: PUBLIC_URL: /,
  );
  assert.match(await startupError({ ALLOWED_ORIGINS: 'shop.example' }), /AyoConfigError: ALLOWED_ORIGINS: /);
});
