import { randomBytes } from 'node:crypto';
import { AyoError } from '@ayokit/core';
import { type AyoProxy, verifyWebhook, WebhookVerificationError } from '@ayokit/proxy';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DEPOSIT, PRODUCTS, priceOrder } from './catalog';
import {
  DEMO_SHOPPERS,
  DEMO_STAFF,
  demoAuthenticate,
  demoAuthorizeStaff,
  SESSION_COOKIE,
  STAFF_COOKIE,
  sessionCookieValue,
  staffCookieValue,
} from './session';
import type { WebhookLog } from './webhookLog';

/** The demo shop's own backend, beside the proxy: sign-in, catalog, checkout, staff sign-in, webhooks. */
export interface DemoRoutesOptions {
  sessionSecret: string;
  allowedOrigins: string[];
  proxy: AyoProxy;
  webhookLog: WebhookLog;
  /** The shared secret of the webhooks the proxy sends here; without it, nothing verifies. */
  webhookSecret: string | undefined;
  /** Where the proxy sends its webhooks (shown in the back office), if anywhere. */
  webhookUrl: string | undefined;
}

const MAX_WEBHOOK_BYTES = 256 * 1024;

const error = (c: Context, status: ContentfulStatusCode, code: string, message: string) =>
  c.json({ code, message }, status);

const cookie = (name: string, value: string, maxAge?: number) =>
  `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

export function demoRoutes(options: DemoRoutesOptions): Hono {
  const { sessionSecret, proxy, webhookLog } = options;
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => new URL(o).origin));
  const authenticate = demoAuthenticate(sessionSecret);
  const authorizeStaff = demoAuthorizeStaff(sessionSecret);
  const demo = new Hono().basePath('/demo');

  // The same CSRF rule as the proxy's: a cookie-carrying POST from another site is refused.
  demo.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.path !== '/demo/webhooks') {
      const origin = c.req.header('origin');
      const self = new URL(c.req.url).origin;
      const site = c.req.header('sec-fetch-site');
      if (origin ? origin !== self && !allowedOrigins.has(origin) : site === 'cross-site')
        return error(c, 403, 'FORBIDDEN_ORIGIN', 'This request did not come from an allowed origin.');
    }
    await next();
  });

  // ---- the shopper's sign-in --------------------------------------------------------------
  demo.get('/shoppers', (c) => c.json({ shoppers: DEMO_SHOPPERS.map(({ id, name }) => ({ id, name })) }));
  demo.post('/session', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { shopperId?: unknown } | null;
    const shopper = DEMO_SHOPPERS.find((s) => s.id === body?.shopperId);
    if (!shopper) return error(c, 400, 'INVALID_REQUEST', 'shopperId must name a demo shopper.');
    c.header('Set-Cookie', cookie(SESSION_COOKIE, await sessionCookieValue(sessionSecret, shopper.id)));
    return c.json({ shopper: { id: shopper.id, name: shopper.name } });
  });
  demo.get('/session', async (c) => {
    const user = await authenticate(c.req.raw);
    const shopper = user && DEMO_SHOPPERS.find((s) => s.id === user.id);
    // 200 either way: "nobody is signed in" is an answer, not an error.
    return c.json({ shopper: shopper ? { id: shopper.id, name: shopper.name } : null });
  });
  demo.delete('/session', (c) => {
    c.header('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
    return c.body(null, 204);
  });

  // ---- the shop: catalog and checkout (prices live here only) --------------------------------
  demo.get('/catalog', (c) =>
    c.json({
      products: PRODUCTS.map(({ sku, name, price }) => ({ sku, name, price })),
      deposit: {
        sku: DEPOSIT.sku,
        name: DEPOSIT.name,
        detail: DEPOSIT.detail,
        price: DEPOSIT.price,
        mode: DEPOSIT.mode,
      },
    }),
  );

  /**
   * `{ items: [{ sku, qty }] }` or `{ product: 'hotel-deposit' }` → 201 `{ checkoutId, orderId,
   * amount }`: the server prices the order and creates the checkout for the signed-in shopper,
   * the only one who may pay it.
   */
  demo.post('/checkout', async (c) => {
    const user = await authenticate(c.req.raw);
    if (!user) return error(c, 401, 'UNAUTHENTICATED', 'Sign in as a demo shopper first.');
    const body = await c.req.json().catch(() => undefined);
    if (body === undefined) return error(c, 400, 'INVALID_JSON', 'The request body is not valid JSON.');
    const priced = priceOrder(body);
    if (!priced.ok) return error(c, 400, priced.code, priced.message);
    const { amount, description, mode, orderPrefix } = priced.order;
    const orderId = `${orderPrefix}-${Date.now()}-${randomBytes(2).toString('hex')}`;
    try {
      const checkout = await proxy.checkouts.create({ userId: user.id, amount, orderId, description, mode });
      return c.json({ checkoutId: checkout.id, orderId, amount }, 201);
    } catch (e) {
      if (e instanceof AyoError && e.status < 500)
        return error(c, e.status as ContentfulStatusCode, e.code, e.message);
      throw e;
    }
  });

  // ---- the back office's sign-in: a separate cookie, staff roles -----------------------------
  const staffView = ({ id, name, roles }: (typeof DEMO_STAFF)[number]) => ({ id, name, roles: [...roles] });
  demo.get('/staff', (c) => c.json({ staff: DEMO_STAFF.map(staffView) }));
  demo.post('/staff-session', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { staffId?: unknown } | null;
    const staff = DEMO_STAFF.find((s) => s.id === body?.staffId);
    if (!staff) return error(c, 400, 'INVALID_REQUEST', 'staffId must be "staff-desk" or "staff-finance".');
    c.header('Set-Cookie', cookie(STAFF_COOKIE, await staffCookieValue(sessionSecret, staff.id)));
    return c.json({ staff: staffView(staff) });
  });
  demo.get('/staff-session', async (c) => {
    const staff = await authorizeStaff(c.req.raw);
    return c.json({
      staff: staff ? { id: staff.id, name: staff.name ?? staff.id, roles: staff.roles } : null,
    });
  });
  demo.delete('/staff-session', (c) => {
    c.header('Set-Cookie', cookie(STAFF_COOKIE, '', 0));
    return c.body(null, 204);
  });

  // ---- the shop's backend log: webhooks from the proxy ------------------------------------
  demo.post('/webhooks', async (c) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_WEBHOOK_BYTES) return error(c, 413, 'INVALID_REQUEST', 'Webhook body too large.');
    const raw = await c.req.text();
    if (raw.length > MAX_WEBHOOK_BYTES) return error(c, 413, 'INVALID_REQUEST', 'Webhook body too large.');
    // What a merchant's receiver does: verify the signature over the raw body, then trust it.
    let refusal: { code: string; message: string } | null = null;
    let event: unknown = null;
    if (!options.webhookSecret) {
      refusal = { code: 'WEBHOOKS_NOT_CONFIGURED', message: 'This server has no webhook secret.' };
    } else {
      try {
        event = await verifyWebhook({ body: raw, headers: c.req.raw.headers, secret: options.webhookSecret });
      } catch (e) {
        if (!(e instanceof WebhookVerificationError)) throw e;
        refusal = { code: e.code, message: e.message };
      }
    }
    if (refusal) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(raw);
      } catch {
        // logged as it is: unverified, nothing to show
      }
      webhookLog.add(parsed, false);
      return error(c, 400, refusal.code, refusal.message);
    }
    webhookLog.add(event, true);
    return c.json({ received: true });
  });
  demo.get('/webhook-log', async (c) => {
    // The shop's own log names every shopper's orders: staff only.
    const staff = await authorizeStaff(c.req.raw);
    if (!staff) return error(c, 401, 'UNAUTHENTICATED', 'Sign in to the back office first.');
    return c.json({ endpoint: options.webhookUrl ?? null, entries: webhookLog.list() });
  });

  // Every answer is JSON with a code, a wrong path or method too (Hono's own are plain text).
  demo.notFound((c) => error(c, 404, 'NOT_FOUND', 'No such demo route (or not with this method).'));
  demo.onError((e, c) => {
    console.error('[demo] unexpected error', e);
    return error(c, 500, 'INTERNAL', 'Something went wrong on our side.');
  });
  return demo;
}
