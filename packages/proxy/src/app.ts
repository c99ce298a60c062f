import { AyoError, type StaffIdentity } from '@ayokit/core';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { capabilityRoutes } from './capabilities';
import { type CardAcceptanceConfig, CardClient } from './card/client';
import type { FlowContext, ReconcileTiming } from './context';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { EventHub } from './events';
import type { AyoUser } from './flows/binding';
import { PAYMENT_LEASE_MS } from './flows/shared';
import { errorResponse } from './http/errors';
import { browserOnlyFromShop, requireShopper, requireStaff, shopCors } from './http/guards';
import { RateLimiter } from './http/rateLimit';
import { type ServerApi, serverApi } from './merchant/serverApi';
import { AyoConfigError, checkOptionNames, checkProxyOptions, signingKey } from './options';
import { createOrderEvents, type OrderEventOptions, validateOrderEventOptions } from './orderEvents';
import { reconcileOnce } from './reconciler';
import { callbackRoutes } from './routes/callbacks';
import { returnPageRoutes } from './routes/returnPage';
import { bankRoutes } from './routes/shopper/banks';
import { bindingRoutes } from './routes/shopper/bindings';
import { cardRegistrationRoutes } from './routes/shopper/cardRegistrations';
import { checkoutRoutes } from './routes/shopper/checkouts';
import { eventRoutes } from './routes/shopper/events';
import { instrumentRoutes } from './routes/shopper/instruments';
import { paymentRoutes } from './routes/shopper/payments';
import { unbindingRoutes } from './routes/shopper/unbindings';
import { auditRoutes } from './routes/staff/audit';
import { staffMeRoutes } from './routes/staff/me';
import { staffPaymentRoutes } from './routes/staff/payments';
import type { RouteDeps, ShopperEnv, StaffEnv } from './routes/types';
import { type AyoconnectConfig, SnapClient } from './snap/client';
import { migrations } from './store/migrations';
import { Store } from './store/store';

export type { ServerActionOptions, ServerApi } from './merchant/serverApi';
export type { AyoUser, CardAcceptanceConfig };
export { AyoConfigError };

export interface AyoProxyOptions extends OrderEventOptions {
  /**
   * Direct Debit (SNAP) credentials, and under `card` those of Card Acceptance (a separate API
   * with its own client id and secret). Without `card`, the card API is reached at the same
   * baseUrl with the Direct Debit client id and secret and the merchantId as merchant code.
   */
  ayoconnect: AyoconnectConfig & { card?: CardAcceptanceConfig };
  db: Db;
  /** Which shopper is signed in: the merchant's own session check. null → 401. */
  authenticate: (request: Request) => AyoUser | null | Promise<AyoUser | null>;
  /**
   * Which member of staff is signed in to the back office, with which roles (`read`, `refund`,
   * `capture`, `void`); null → 401. A shopper's session must never pass it. Without it, the staff
   * routes answer 401 and only the server API (`proxy.payments.*`) refunds, captures and voids.
   */
  authorizeStaff?: (request: Request) => StaffIdentity | null | Promise<StaffIdentity | null>;
  /**
   * Origins of the merchant's frontend: CSRF/CORS allow-list and allowed returnUrl origins. Each an
   * http(s) origin such as `https://shop.example` (no path); empty only with `publicUrl`.
   */
  allowedOrigins: string[];
  /**
   * Verifies callbacks (X-SIGNATURE); without it every callback is confirmed through the API. A
   * non-empty string; refused beside the profile's `dd.callbackAuth: 'confirm'` (it would be ignored).
   */
  callbackSecret?: string;
  /** Confirm even verified callbacks through the inquiry/status API (one more upstream call each). */
  confirmCallbacks?: 'always' | 'unverified';
  /**
   * Mount path (default `/ayokit`; `""` for the root); routes are `${basePath}/v1/...`, callbacks
   * `${basePath}/callbacks/ayoconnect`.
   */
  basePath?: string;
  /**
   * Where this proxy is reached (e.g. https://shop.example; a trailing slash forgiven), for the
   * default return page `${publicUrl}${basePath}/return`; without it, the first allowed origin's.
   */
  publicUrl?: string;
  reconcile?: Partial<ReconcileTiming> & {
    /** Run the reconciler every this many ms (0 = never; call `reconcile()` yourself). */
    intervalMs?: number;
  };
  /** Per shopper and minute, across every instance on the database (default 10 each; at least 1). */
  rateLimits?: { otpPerMinute?: number; bindingsPerMinute?: number };
  now?: () => number;
  log?: FlowContext['log'];
}

export interface AyoProxy extends ServerApi {
  /**
   * The fetch handler: mount it in Node, a Next.js route handler, Express or an edge runtime.
   * Shoppers: `${basePath}/v1/*`; staff: `${basePath}/staff/v1/*`; Ayoconnect:
   * `${basePath}/callbacks/ayoconnect`. `checkouts`, `payments` and `audit` are for server code.
   */
  fetch: (request: Request) => Promise<Response>;
  app: Hono;
  client: SnapClient;
  card: CardClient;
  store: Store;
  /**
   * Resolves when the database is migrated and the private key imports and signs; rejects with the
   * error (an AyoConfigError naming `ayoconnect.privateKeyPem` for a bad key). Await it at start-up
   * to fail fast.
   */
  ready: Promise<unknown>;
  /** Runs one reconciliation pass now; resolves with how many pending rows it checked. */
  reconcile: () => Promise<number>;
  /** Delivers the due order events now (`onEvent`, webhooks); resolves with how many arrived. */
  deliverEvents: () => Promise<number>;
  /**
   * Ends every live-event stream (`${basePath}/v1/events`) now, and any opened later: browsers
   * reconnect (behind a load balancer, to another instance) and resume from Last-Event-ID. For a
   * graceful shutdown, call it as the server stops taking connections, let the requests in flight
   * finish, then `close()`.
   */
  endStreams: () => void;
  /**
   * Stops the reconciler and order-event delivery, waiting for a pass under way (the reconciler's
   * ends after the row in hand) and ends the live-event streams. Close the database after it.
   */
  close: () => Promise<void>;
}

// zod/mini ships no messages (that keeps the browser bundle small); the proxy speaks English.
z.config(en());

export function createAyoProxy(options: AyoProxyOptions): AyoProxy {
  checkOptionNames(options);
  validateOrderEventOptions(options);
  checkProxyOptions(options);
  const basePath = (options.basePath ?? '/ayokit').replace(/\/$/, '');
  const now = options.now ?? Date.now;
  // Checked above: each is an origin, spelled as the browser sends it (`Origin`).
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => new URL(o).origin));
  const store = new Store(options.db, now);
  const client = new SnapClient(options.ayoconnect, now);
  const cardConfig = options.ayoconnect.card;
  const card = new CardClient(
    {
      clientId: cardConfig?.clientId ?? options.ayoconnect.clientId,
      clientSecret: cardConfig?.clientSecret ?? options.ayoconnect.clientSecret,
      baseUrl: cardConfig?.baseUrl ?? options.ayoconnect.baseUrl,
      merchantCode: cardConfig?.merchantCode ?? options.ayoconnect.merchantId,
      profile: client.profile,
      timeoutMs: cardConfig?.timeoutMs ?? options.ayoconnect.timeoutMs ?? 15_000,
      ...((cardConfig?.exchangeLog ?? options.ayoconnect.exchangeLog)
        ? { exchangeLog: cardConfig?.exchangeLog ?? options.ayoconnect.exchangeLog }
        : {}),
      ...((cardConfig?.fetch ?? options.ayoconnect.fetch)
        ? { fetch: cardConfig?.fetch ?? options.ayoconnect.fetch }
        : {}),
    },
    now,
  );
  const hub = new EventHub(store);
  const log =
    options.log ??
    ((level, message, fields) => {
      if (level !== 'info') console[level](`[ayokit] ${message}`, fields ?? '');
    });
  const ctx: FlowContext = {
    store,
    client,
    card,
    merchantId: options.ayoconnect.merchantId,
    profile: client.profile,
    now,
    timing: {
      callbackGraceMs: options.reconcile?.callbackGraceMs ?? 30_000,
      retryBaseMs: options.reconcile?.retryBaseMs ?? 30_000,
      retryMaxMs: options.reconcile?.retryMaxMs ?? 10 * 60_000,
    },
    // publicUrl, else the shop's first origin (checkProxyOptions asks for one of them).
    defaultReturnUrl: `${(options.publicUrl ?? [...allowedOrigins][0] ?? '').replace(/\/+$/, '')}${basePath}/return`,
    publish: async (userId, event, q) => {
      await hub.publish(userId, event, q);
    },
    log,
  };
  // Counted in the database: every instance on it limits as one.
  const limit = (name: string, limit: number) =>
    new RateLimiter({ db: options.db, name, limit, windowMs: 60_000, now });
  const deps: RouteDeps = {
    ctx,
    hub,
    allowedOrigins,
    limits: {
      otp: limit('otp', options.rateLimits?.otpPerMinute ?? 10),
      bindings: limit('bindings', options.rateLimits?.bindingsPerMinute ?? 10),
    },
  };

  const ready = migrate(options.db, migrations, now);
  ready.catch((err) => log('error', 'migrations failed', { error: String(err) }));
  // Web Crypto's verdict on the key (async, so not in checkProxyOptions): logged now, naming the
  // option, and part of `proxy.ready`; requests that need no signature still work.
  const keyChecked = signingKey(options.ayoconnect.privateKeyPem);
  keyChecked.catch((err) =>
    log('error', String((err as Error).message), { option: 'ayoconnect.privateKeyPem' }),
  );
  const allReady = Promise.all([ready, keyChecked]);
  allReady.catch(() => {}); // logged above; rejects again for whoever awaits proxy.ready
  const orderEvents = createOrderEvents(store, options, { now, ready, log });

  const app = new Hono().basePath(basePath);
  app.onError((err, c) => {
    if (err instanceof AyoError) return errorResponse(c, err);
    if (err instanceof AyoConfigError) {
      // The merchant's configuration, not the shopper's request: named in the log, and the browser
      // hears that the provider cannot be reached (never the option or the key).
      log('error', err.message, { option: err.option });
      return errorResponse(c, new AyoError('UPSTREAM_UNAVAILABLE'));
    }
    log('error', 'unhandled error', { error: (err as Error).stack ?? String(err) });
    return errorResponse(c, new AyoError('INTERNAL'));
  });
  app.notFound((c) =>
    errorResponse(c, new AyoError('NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`)),
  );

  // Framing: the APIs and callbacks never; the return page by the shop (see returnPage.ts).
  app.use(
    '*',
    secureHeaders({ xFrameOptions: false, referrerPolicy: 'no-referrer', crossOriginResourcePolicy: false }),
  );
  for (const api of ['/v1/*', '/staff/v1/*', '/callbacks/*'])
    app.use(api, secureHeaders({ xFrameOptions: 'DENY' }));
  app.use('*', async (_c, next) => {
    await ready;
    await next();
  });

  // The shopper's browser: only their own business.
  const shopper = new Hono<ShopperEnv>()
    .use(
      '*',
      shopCors(allowedOrigins),
      browserOnlyFromShop(allowedOrigins),
      requireShopper(options.authenticate, log),
    )
    .route('/capabilities', capabilityRoutes(ctx))
    .route('/banks', bankRoutes(deps))
    .route('/bindings', bindingRoutes(deps))
    .route('/card-registrations', cardRegistrationRoutes(deps))
    .route('/instruments', instrumentRoutes(deps))
    .route('/unbindings', unbindingRoutes(deps))
    .route('/checkouts', checkoutRoutes(deps))
    .route('/payments', paymentRoutes(deps))
    .route('/events', eventRoutes(deps));

  // The merchant's staff: refunds, captures, voids, search and the audit trail.
  const staff = new Hono<StaffEnv>()
    .use(
      '*',
      shopCors(allowedOrigins),
      browserOnlyFromShop(allowedOrigins),
      requireStaff(options.authorizeStaff, log),
    )
    .route('/me', staffMeRoutes())
    .route('/capabilities', capabilityRoutes(ctx))
    .route('/payments', staffPaymentRoutes(deps))
    .route('/audit', auditRoutes(deps));

  app.route('/v1', shopper);
  app.route('/staff/v1', staff);
  app.route(
    '/callbacks',
    callbackRoutes(deps, {
      secret: options.callbackSecret,
      confirmAlways: options.confirmCallbacks === 'always',
      // The profile's encoding (the option is its shorthand): callbacks are signed as requests are.
      signatureEncoding: client.profile.signatureEncoding,
    }),
  );
  app.route('/return', returnPageRoutes(deps));

  let timer: ReturnType<typeof setInterval> | null = null;
  let closing = false;
  // Passes running now (the timer's, and any `reconcile()` call): `close()` waits for them.
  const passes = new Set<Promise<number>>();
  // A row's check makes up to three upstream calls (status, a replay, the status again), each
  // bounded by its timeout: claimed for longer than that, and never less than a payment's lease.
  const upstreamTimeoutMs = Math.max(
    options.ayoconnect.timeoutMs ?? 15_000,
    cardConfig?.timeoutMs ?? options.ayoconnect.timeoutMs ?? 15_000,
  );
  const claimMs = Math.max(PAYMENT_LEASE_MS, 4 * upstreamTimeoutMs);
  const reconcile = () => {
    const pass = ready.then(() => reconcileOnce(ctx, claimMs, () => closing));
    passes.add(pass);
    const done = () => passes.delete(pass);
    pass.then(done, done);
    return pass;
  };
  const interval = options.reconcile?.intervalMs ?? 5_000;
  if (interval > 0) {
    timer = setInterval(() => {
      if (passes.size > 0 || closing) return;
      reconcile().catch((err) => log('error', 'reconcile pass failed', { error: String(err) }));
    }, interval);
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    ...serverApi(ctx, ready),
    fetch: (request) => Promise.resolve(app.fetch(request)),
    app: app as unknown as Hono,
    client,
    card,
    store,
    ready: allReady,
    reconcile,
    deliverEvents: orderEvents.deliver,
    endStreams: () => hub.end(),
    close: async () => {
      closing = true;
      if (timer) clearInterval(timer);
      hub.end();
      // A pass under way finishes the row in hand (its answer recorded) before the database closes.
      await Promise.allSettled([...passes]);
      await orderEvents.close();
      await hub.close();
    },
  };
}
