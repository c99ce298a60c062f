// A shop's backend on plain `node:http`, with ayokit's proxy mounted at /ayokit/*.
//   node server.mjs   → http://localhost:3000 (the built ../vite-app, the proxy, the shop's routes)
// No AYOCONNECT_* variables: @ayokit/sandbox, a simulator of Ayoconnect, answers instead.
// AYOCONNECT_CLIENT_ID, AYOCONNECT_CLIENT_SECRET, AYOCONNECT_PRIVATE_KEY (a PEM, or a file's path)
// and AYOCONNECT_MERCHANT_ID: Ayoconnect itself (AYOCONNECT_BASE_URL, by default its sandbox).
import { createHmac, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAyoProxy, createPgliteDb } from '@ayokit/proxy';
import { createPostgresDb, readAyoconnectEnv, readShopEnv } from '@ayokit/proxy/node';
import { createSandbox } from '@ayokit/sandbox';
import { getRequestListener } from '@hono/node-server';

const env = process.env;
const port = Number(env.PORT ?? 3000);
// PUBLIC_URL, ALLOWED_ORIGINS and SESSION_SECRET as apps/proxy reads them: a mistake (a URL with a
// path, an origin without its scheme, a short secret) throws an AyoConfigError naming the variable.
const shop = readShopEnv(env, {
  defaultPublicUrl: `http://localhost:${port}`,
  // The shop's own pages: this server, and Vite's dev server (`npm run dev` in ../vite-app).
  defaultAllowedOrigins: (publicUrl) => [publicUrl, 'http://localhost:5173'],
});
const { publicUrl, allowedOrigins } = shop;
const sessionSecret = shop.sessionSecret ?? randomBytes(32).toString('hex');
const staticDir = resolve(env.STATIC_DIR ?? fileURLToPath(new URL('../vite-app/dist', import.meta.url)));

// ---- Ayoconnect, or its simulator -----------------------------------------------------------
// The AYOCONNECT_* variables as apps/proxy reads them: all four credentials or none of the
// gateway's, each value checked. A mistake (a client id without its key…) throws an AyoConfigError
// naming the variable, here at startup, rather than quietly running the simulator.
const read = readAyoconnectEnv(env);
let ayoconnect;
let callbackSecret; // a top-level option of createAyoProxy, beside ayoconnect
let sandbox = null;
if (read.mode === 'remote') {
  // callbackSecret is undefined without AYOCONNECT_CALLBACK_SECRET: callbacks confirmed by the API.
  ({ ayoconnect, callbackSecret } = read);
} else {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const client = { clientId: 'example-shop', clientSecret: randomBytes(24).toString('hex') };
  ayoconnect = {
    ...client,
    baseUrl: `http://127.0.0.1:${port}`, // the proxy calls it over HTTP, as it would call Ayoconnect
    privateKeyPem: keys.privateKey,
    merchantId: read.merchantId ?? 'EXSHOP', // AYOCONNECT_MERCHANT_ID alone names the simulator's
  };
  callbackSecret = randomBytes(24).toString('hex');
  sandbox = createSandbox({
    merchantId: ayoconnect.merchantId,
    clients: [{ ...client, publicKeyPem: keys.publicKey }],
    cardClients: [client],
    publicBaseUrl: publicUrl, // where browsers open its bank pages
    webviewFrameAncestors: ["'self'", ...allowedOrigins],
    callbackUrl: `${ayoconnect.baseUrl}/ayokit/callbacks/ayoconnect`,
    callbackSecret,
  });
  sandbox.start();
}

// ---- the database: PostgreSQL with DATABASE_URL, else embedded PGlite ------------------------
// The simulator keeps its bank in memory, so with it the embedded database is in memory too.
const db = env.DATABASE_URL
  ? await createPostgresDb({ connectionString: env.DATABASE_URL })
  : await createPgliteDb(sandbox ? {} : { dataDir: env.AYOKIT_DATA_DIR ?? '.data/pglite' });

// ---- the shop's sign-in: a signed cookie naming a shopper -------------------------------------
const SHOPPERS = new Map([['ani', { id: 'ani', name: 'Ani Wijaya', phoneNumber: '081234567801' }]]);
const sign = (id) => `${id}.${createHmac('sha256', sessionSecret).update(id).digest('base64url')}`;
function shopperOf(cookieHeader) {
  const value = /(?:^|;\s*)shop_session=([^;]+)/.exec(cookieHeader ?? '')?.[1] ?? '';
  const id = value.slice(0, value.lastIndexOf('.'));
  const [given, expected] = [Buffer.from(value), Buffer.from(sign(id))];
  const valid = given.length === expected.length && timingSafeEqual(given, expected);
  return valid ? (SHOPPERS.get(id) ?? null) : null;
}

const proxy = createAyoProxy({
  ayoconnect,
  db,
  authenticate: async (request) => {
    const shopper = shopperOf(request.headers.get('cookie'));
    return shopper && { id: shopper.id, phoneNumber: shopper.phoneNumber };
  },
  allowedOrigins,
  publicUrl,
  callbackSecret,
});
await proxy.ready; // migrated, and the private key signs: fail now rather than at the first payment
// The proxy is a fetch handler (Request → Response). Hono's own Node adapter turns it into a
// node:http listener: it streams both ways (the live events are Server-Sent Events) and aborts
// the Request when the browser goes away, which a hand-written conversion would have to redo.
const ayokit = getRequestListener(proxy.fetch);
const simulator = sandbox && getRequestListener(sandbox.fetch);

// ---- the shop's prices live here: the browser sends SKUs and quantities, never an amount -------
const PRODUCTS = new Map([
  ['kopi', { name: { en: 'Gayo coffee, 250 g', id: 'Kopi Gayo, 250 g' }, price: 95_000 }],
  ['batik', { name: { en: 'Batik scarf', id: 'Selendang batik' }, price: 350_000 }],
  ['gamelan', { name: { en: 'Mini gamelan', id: 'Gamelan mini' }, price: 1_250_000 }],
]);

async function checkout(shopper, body) {
  const items = Array.isArray(body?.items) ? body.items : [];
  const valid = (i) => PRODUCTS.has(i?.sku) && Number.isInteger(i.qty) && i.qty >= 1 && i.qty <= 9;
  if (items.length === 0 || items.length > 10 || !items.every(valid))
    return [400, { code: 'INVALID_CART', message: 'items: 1–10 of { sku, qty } with qty 1–9.' }];
  const amount = items.reduce((sum, i) => sum + PRODUCTS.get(i.sku).price * i.qty, 0);
  const orderId = `order-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const made = await proxy.checkouts.create({
    userId: shopper.id, // only this shopper can pay it
    amount,
    orderId,
    description: items.map((i) => `${i.qty} × ${PRODUCTS.get(i.sku).name.en}`).join(', '),
    mode: 'direct',
    expiresInSeconds: 30 * 60,
  });
  return [201, { checkoutId: made.id, orderId, amount }];
}

const SHOP_ROUTES = new Set(['/products', '/session', '/checkout']);
async function shopRoutes(req, res, path) {
  // A state change only from the shop's own pages (the proxy applies the same rule to /ayokit).
  const origin = req.headers.origin;
  const self = `http://${req.headers.host}`;
  if (req.method !== 'GET' && origin && origin !== self && !allowedOrigins.includes(origin))
    return send(res, 403, { code: 'FORBIDDEN_ORIGIN', message: 'Not from an allowed origin.' });
  const shopper = shopperOf(req.headers.cookie);
  const route = `${req.method} ${path}`;
  if (route === 'GET /products')
    return send(res, 200, { products: [...PRODUCTS].map(([sku, product]) => ({ sku, ...product })) });
  if (route === 'GET /session') return send(res, 200, { shopper: shopper && { name: shopper.name } });
  if (route === 'POST /session') {
    const cookie = `shop_session=${sign('ani')}; Path=/; HttpOnly; SameSite=Lax`; // the demo shopper
    return send(res, 200, { shopper: { name: SHOPPERS.get('ani').name } }, { 'set-cookie': cookie });
  }
  if (route === 'DELETE /session')
    return send(res, 204, null, { 'set-cookie': 'shop_session=; Path=/; Max-Age=0' });
  if (route === 'POST /checkout') {
    if (!shopper) return send(res, 401, { code: 'UNAUTHENTICATED', message: 'Sign in first.' });
    const body = await readJson(req);
    if (body === undefined) return send(res, 400, { code: 'INVALID_JSON', message: 'Send JSON.' });
    return send(res, ...(await checkout(shopper, body)));
  }
  return send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: `${route} is not a route.` });
}

// ---- one server: the proxy, the shop's routes, the built app, then (no credentials) the simulator
const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', publicUrl).pathname;
  try {
    if (path.startsWith('/ayokit/')) return await ayokit(req, res);
    if (SHOP_ROUTES.has(path)) return await shopRoutes(req, res, path);
    if (req.method === 'GET' && serveFile(res, path)) return;
    if (simulator) return await simulator(req, res);
    send(res, 404, { code: 'NOT_FOUND', message: 'Not found.' });
  } catch (error) {
    console.error(error);
    if (!res.headersSent) send(res, 500, { code: 'INTERNAL', message: 'Something went wrong.' });
  }
});
server.listen(port, env.HOST ?? '127.0.0.1', () => console.log(`Shop on ${publicUrl}`));

async function shutdown() {
  server.close();
  server.closeAllConnections(); // live event streams stay open otherwise
  sandbox?.stop();
  await proxy.close();
  await db.close();
}
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);

// ---- small helpers ------------------------------------------------------------------------------
function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(body === null ? undefined : JSON.stringify(body));
}

async function readJson(req, limit = 16_384) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > limit) return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
function serveFile(res, path) {
  const file = resolve(join(staticDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(staticDir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return false;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
  createReadStream(file).pipe(res);
  return true;
}
