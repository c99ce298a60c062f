import {
  AyoError,
  bankViews,
  bindingIdSchema,
  capturePaymentRequest,
  cardRegistrationIdSchema,
  createBindingRequest,
  createCardRegistrationRequest,
  createPaymentRequest,
  createRefundRequest,
  IDEMPOTENCY_HEADER,
  idempotencyKeySchema,
  instrumentIdSchema,
  listPaymentsQuery,
  paymentIdSchema,
  submitOtpRequest,
  unbindingIdSchema,
  updateInstrumentRequest,
  voidPaymentRequest,
} from '@ayokit/core';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { receiveCallback } from './callbacks';
import { type CardAcceptanceConfig, CardClient } from './card/client';
import type { FlowContext, ReconcileTiming } from './context';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { EventHub } from './events';
import { type AyoUser, refreshBinding, startBinding } from './flows/binding';
import { capturePayment, voidPayment } from './flows/cardPayment';
import { expireCardIfPast, refreshCardRegistration, startCardRegistration } from './flows/cardRegistration';
import { checkPayment, createPayment, submitPaymentOtp } from './flows/payment';
import { createRefund } from './flows/refund';
import { resendOtp } from './flows/shared';
import { startUnbinding, submitUnbindingOtp } from './flows/unbinding';
import { errorResponse, parseParam, readJson } from './http/errors';
import { RateLimiter } from './http/rateLimit';
import { returnPage } from './http/returnPage';
import { reconcileOnce } from './reconciler';
import { type AyoconnectConfig, SnapClient } from './snap/client';
import { migrations } from './store/migrations';
import { Store } from './store/store';
import {
  bindingView,
  cardRegistrationView,
  instrumentView,
  paymentView,
  refundView,
  unbindingView,
} from './views';

export type { AyoUser, CardAcceptanceConfig };

export interface AyoProxyOptions {
  /**
   * Direct Debit (SNAP) credentials, and under `card` those of Card Acceptance (a separate API
   * with its own client id and secret). Without `card`, the card API is reached at the same
   * baseUrl with the Direct Debit client id and secret and the merchantId as merchant code.
   */
  ayoconnect: AyoconnectConfig & { card?: CardAcceptanceConfig };
  db: Db;
  /** Who is signed in: the merchant's own session check. null → 401. */
  authenticate: (request: Request) => AyoUser | null | Promise<AyoUser | null>;
  /** Origins of the merchant's frontend: CSRF/CORS allow-list and allowed returnUrl origins. */
  allowedOrigins: string[];
  /** Verifies callbacks (X-SIGNATURE); without it every callback is confirmed through the API. */
  callbackSecret?: string;
  /** Confirm even verified callbacks through the inquiry/status API (one more upstream call each). */
  confirmCallbacks?: 'always' | 'unverified';
  /** Mount path; routes are `${basePath}/v1/...`, callbacks `${basePath}/callbacks/ayoconnect`. */
  basePath?: string;
  /** Public origin of this proxy, for the default return page (e.g. https://shop.example). */
  publicUrl?: string;
  reconcile?: Partial<ReconcileTiming> & {
    /** Run the reconciler every this many ms (0 = never; call `reconcile()` yourself). */
    intervalMs?: number;
  };
  rateLimits?: { otpPerMinute?: number; bindingsPerMinute?: number };
  now?: () => number;
  log?: FlowContext['log'];
}

export interface AyoProxy {
  /** The fetch handler: mount it in Node, a Next.js route handler, Express or an edge runtime. */
  fetch: (request: Request) => Promise<Response>;
  app: Hono;
  client: SnapClient;
  card: CardClient;
  store: Store;
  ready: Promise<unknown>;
  /** Runs one reconciliation pass now; resolves with how many pending rows it checked. */
  reconcile: () => Promise<number>;
  close: () => Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// zod/mini ships no messages (that keeps the browser bundle small); the proxy speaks English.
z.config(en());

export function createAyoProxy(options: AyoProxyOptions): AyoProxy {
  const basePath = (options.basePath ?? '/ayokit').replace(/\/$/, '');
  const now = options.now ?? Date.now;
  const store = new Store(options.db, now);
  const client = new SnapClient(options.ayoconnect, now);
  const cardConfig = options.ayoconnect.card;
  const card = new CardClient(
    {
      clientId: cardConfig?.clientId ?? options.ayoconnect.clientId,
      clientSecret: cardConfig?.clientSecret ?? options.ayoconnect.clientSecret,
      baseUrl: cardConfig?.baseUrl ?? options.ayoconnect.baseUrl,
      merchantCode: cardConfig?.merchantCode ?? options.ayoconnect.merchantId,
      timeoutMs: cardConfig?.timeoutMs ?? options.ayoconnect.timeoutMs ?? 15_000,
      ...((cardConfig?.fetch ?? options.ayoconnect.fetch)
        ? { fetch: cardConfig?.fetch ?? options.ayoconnect.fetch }
        : {}),
    },
    now,
  );
  const hub = new EventHub(store);
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => new URL(o).origin));
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
    now,
    timing: {
      callbackGraceMs: options.reconcile?.callbackGraceMs ?? 30_000,
      retryBaseMs: options.reconcile?.retryBaseMs ?? 30_000,
      retryMaxMs: options.reconcile?.retryMaxMs ?? 10 * 60_000,
    },
    defaultReturnUrl: `${options.publicUrl ?? options.allowedOrigins[0] ?? 'http://localhost'}${basePath}/return`,
    publish: async (userId, event) => {
      await hub.publish(userId, event);
    },
    log,
  };
  const otpLimiter = new RateLimiter(options.rateLimits?.otpPerMinute ?? 10, 60_000, now);
  const bindingLimiter = new RateLimiter(options.rateLimits?.bindingsPerMinute ?? 10, 60_000, now);

  const ready = migrate(options.db, migrations, now);
  ready.catch((err) => log('error', 'migrations failed', { error: String(err) }));

  const app = new Hono<{ Variables: { user: AyoUser } }>().basePath(basePath);

  app.onError((err, c) => {
    if (err instanceof AyoError) return errorResponse(c, err);
    log('error', 'unhandled error', { error: (err as Error).stack ?? String(err) });
    return errorResponse(c, new AyoError('INTERNAL'));
  });
  app.notFound((c) =>
    errorResponse(c, new AyoError('NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`)),
  );

  // Framing: the API and callbacks never; the return page by the shop (see /return).
  app.use(
    '*',
    secureHeaders({ xFrameOptions: false, referrerPolicy: 'no-referrer', crossOriginResourcePolicy: false }),
  );
  app.use('/v1/*', secureHeaders({ xFrameOptions: 'DENY' }));
  app.use('/callbacks/*', secureHeaders({ xFrameOptions: 'DENY' }));
  app.use('*', async (_c, next) => {
    await ready;
    await next();
  });

  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      credentials: true,
      allowHeaders: ['Content-Type', IDEMPOTENCY_HEADER, 'Last-Event-ID'],
      allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'],
      maxAge: 600,
    }),
  );

  app.use('/v1/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!SAFE_METHODS.has(c.req.method)) {
      // CSRF: a browser always sends Origin on a cross-site POST; only the merchant's own pass.
      const origin = c.req.header('origin');
      const self = new URL(c.req.url).origin;
      const site = c.req.header('sec-fetch-site');
      if (origin ? origin !== self && !allowedOrigins.has(origin) : site === 'cross-site') {
        throw new AyoError('FORBIDDEN_ORIGIN');
      }
    }
    const user = await options.authenticate(c.req.raw);
    if (!user || typeof user.id !== 'string' || user.id === '') throw new AyoError('UNAUTHENTICATED');
    c.set('user', user);
    await next();
  });

  const idempotencyKey = (header: string | undefined) => {
    if (!header) throw new AyoError('IDEMPOTENCY_KEY_MISSING');
    return parseParam(idempotencyKeySchema, header, IDEMPOTENCY_HEADER);
  };

  // ---- banks --------------------------------------------------------------------------------
  app.get('/v1/banks', async (c) => {
    const user = c.get('user');
    const mine = (await store.list('instruments', { userId: user.id })).filter((i) => i.status !== 'unbound');
    const banks = bankViews(mine.flatMap((i) => (i.type === 'bank_account' ? [i.bankCode] : [])));
    return c.json({ banks });
  });

  // ---- bindings -----------------------------------------------------------------------------
  app.post('/v1/bindings', async (c) => {
    const user = c.get('user');
    const key = idempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
    const input = await readJson(c, createBindingRequest);
    if (input.returnUrl && !allowedOrigins.has(new URL(input.returnUrl).origin)) {
      throw new AyoError('INVALID_REQUEST', 'returnUrl must be on one of the allowed origins.', {
        issues: [{ path: 'returnUrl', message: 'origin not allowed' }],
      });
    }
    bindingLimiter.hit(user.id);
    const row = await startBinding(ctx, user, input, key);
    return c.json({ binding: bindingView(row) }, 201);
  });

  app.get('/v1/bindings/:id', async (c) => {
    const id = parseParam(bindingIdSchema, c.req.param('id'), 'id');
    let row = await store.getOwned('bindings', id, c.get('user').id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such binding.');
    // A status read is a good moment to ask the bank, if the last look is not fresh.
    if (
      (row.status === 'in_progress' || row.status === 'verification_pending') &&
      now() - row.updatedAt.getTime() > 2_000
    ) {
      row = await refreshBinding(ctx, row);
    }
    return c.json({ binding: bindingView(row) });
  });

  // ---- card registrations -------------------------------------------------------------------
  app.post('/v1/card-registrations', async (c) => {
    const user = c.get('user');
    const key = idempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
    const input = await readJson(c, createCardRegistrationRequest);
    if (input.returnUrl && !allowedOrigins.has(new URL(input.returnUrl).origin)) {
      throw new AyoError('INVALID_REQUEST', 'returnUrl must be on one of the allowed origins.', {
        issues: [{ path: 'returnUrl', message: 'origin not allowed' }],
      });
    }
    bindingLimiter.hit(user.id);
    const row = await startCardRegistration(ctx, user, input, key);
    return c.json({ cardRegistration: cardRegistrationView(row) }, 201);
  });

  app.get('/v1/card-registrations/:id', async (c) => {
    const id = parseParam(cardRegistrationIdSchema, c.req.param('id'), 'id');
    let row = await store.getOwned('card_registrations', id, c.get('user').id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such card registration.');
    if (row.status === 'in_progress' && now() - row.updatedAt.getTime() > 2_000) {
      row = await refreshCardRegistration(ctx, row);
    }
    return c.json({ cardRegistration: cardRegistrationView(row) });
  });

  // ---- instruments --------------------------------------------------------------------------
  app.get('/v1/instruments', async (c) => {
    const rows = await store.list('instruments', { userId: c.get('user').id }, 'created_at ASC');
    const instruments = [];
    for (const row of rows) {
      if (row.status === 'unbound') continue;
      // A card is expired after the end of its expiry month, whether or not anyone told us.
      const status = row.type === 'card' ? await expireCardIfPast(ctx, row) : row.status;
      instruments.push(instrumentView({ ...row, status }));
    }
    return c.json({ instruments });
  });

  app.patch('/v1/instruments/:id', async (c) => {
    const user = c.get('user');
    const id = parseParam(instrumentIdSchema, c.req.param('id'), 'id');
    await readJson(c, updateInstrumentRequest);
    const row = await store.getOwned('instruments', id, user.id);
    if (!row || row.status === 'unbound') throw new AyoError('NOT_FOUND', 'No such saved account.');
    const updated = await store.transaction(async (tx) => {
      await tx.query(
        'UPDATE instruments SET is_default = false, updated_at = $3 WHERE user_id = $1 AND id <> $2 AND is_default',
        [user.id, id, new Date(now())],
      );
      return store.update('instruments', id, { isDefault: true }, {}, tx);
    });
    return c.json({ instrument: instrumentView(updated!) });
  });

  app.post('/v1/instruments/:id/unbind', async (c) => {
    const user = c.get('user');
    const id = parseParam(instrumentIdSchema, c.req.param('id'), 'id');
    const key = idempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
    await readJson(c, z.strictObject({}));
    const row = await store.getOwned('instruments', id, user.id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such saved account.');
    const unbinding = await startUnbinding(ctx, row, key);
    return c.json({ unbinding: unbindingView(unbinding) }, 201);
  });

  app.get('/v1/unbindings/:id', async (c) => {
    const id = parseParam(unbindingIdSchema, c.req.param('id'), 'id');
    const row = await store.getOwned('unbindings', id, c.get('user').id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such unbinding.');
    return c.json({ unbinding: unbindingView(row) });
  });

  app.post('/v1/unbindings/:id/otp', async (c) => {
    const user = c.get('user');
    const id = parseParam(unbindingIdSchema, c.req.param('id'), 'id');
    const { otp } = await readJson(c, submitOtpRequest);
    const row = await store.getOwned('unbindings', id, user.id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such unbinding.');
    otpLimiter.hit(user.id);
    return c.json({ unbinding: unbindingView(await submitUnbindingOtp(ctx, row, otp)) });
  });

  app.post('/v1/unbindings/:id/otp/resend', async (c) => {
    const user = c.get('user');
    const id = parseParam(unbindingIdSchema, c.req.param('id'), 'id');
    await readJson(c, z.strictObject({}));
    const row = await store.getOwned('unbindings', id, user.id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such unbinding.');
    otpLimiter.hit(user.id);
    return c.json({ unbinding: unbindingView(await resendOtp(ctx, 'unbindings', row)) });
  });

  // ---- payments -----------------------------------------------------------------------------
  app.post('/v1/payments', async (c) => {
    const user = c.get('user');
    const key = idempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
    const input = await readJson(c, createPaymentRequest);
    const row = await createPayment(ctx, user.id, input, key);
    return c.json({ payment: paymentView(row) }, 201);
  });

  app.get('/v1/payments', async (c) => {
    const parsed = listPaymentsQuery.safeParse(c.req.query());
    if (!parsed.success) throw new AyoError('INVALID_REQUEST', parsed.error.issues[0]?.message);
    const rows = await store.list(
      'payments',
      { userId: c.get('user').id },
      'created_at DESC',
      parsed.data.limit ?? 50,
    );
    const payments = rows
      .map(paymentView)
      .filter((p) => !parsed.data.status || p.status === parsed.data.status);
    return c.json({ payments });
  });

  app.get('/v1/payments/:id', async (c) => {
    const id = parseParam(paymentIdSchema, c.req.param('id'), 'id');
    let row = await store.getOwned('payments', id, c.get('user').id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such payment.');
    if (
      (row.status === 'processing' || row.status === 'created' || row.status === 'authorized') &&
      row.nextCheckAt &&
      row.nextCheckAt.getTime() <= now()
    ) {
      row = await checkPayment(ctx, row);
    }
    return c.json({ payment: paymentView(row) });
  });

  app.post('/v1/payments/:id/otp', async (c) => {
    const user = c.get('user');
    const id = parseParam(paymentIdSchema, c.req.param('id'), 'id');
    const { otp } = await readJson(c, submitOtpRequest);
    const row = await store.getOwned('payments', id, user.id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such payment.');
    otpLimiter.hit(user.id);
    return c.json({ payment: paymentView(await submitPaymentOtp(ctx, row, otp)) });
  });

  app.post('/v1/payments/:id/otp/resend', async (c) => {
    const user = c.get('user');
    const id = parseParam(paymentIdSchema, c.req.param('id'), 'id');
    await readJson(c, z.strictObject({}));
    const row = await store.getOwned('payments', id, user.id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such payment.');
    otpLimiter.hit(user.id);
    return c.json({ payment: paymentView(await resendOtp(ctx, 'payments', row)) });
  });

  app.post('/v1/payments/:id/capture', async (c) => {
    const user = c.get('user');
    const id = parseParam(paymentIdSchema, c.req.param('id'), 'id');
    const key = idempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
    const input = await readJson(c, capturePaymentRequest);
    const row = await store.getOwned('payments', id, user.id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such payment.');
    return c.json({ payment: paymentView(await capturePayment(ctx, row, input, key)) });
  });

  app.post('/v1/payments/:id/void', async (c) => {
    const user = c.get('user');
    const id = parseParam(paymentIdSchema, c.req.param('id'), 'id');
    // Voiding twice is harmless (the second returns the voided payment): a key is welcome, not needed.
    const header = c.req.header(IDEMPOTENCY_HEADER);
    if (header) idempotencyKey(header);
    const input = await readJson(c, voidPaymentRequest);
    const row = await store.getOwned('payments', id, user.id);
    if (!row) throw new AyoError('NOT_FOUND', 'No such payment.');
    return c.json({ payment: paymentView(await voidPayment(ctx, row, input)) });
  });

  app.post('/v1/payments/:id/refunds', async (c) => {
    const user = c.get('user');
    const id = parseParam(paymentIdSchema, c.req.param('id'), 'id');
    const key = idempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
    const input = await readJson(c, createRefundRequest);
    const payment = await store.getOwned('payments', id, user.id);
    if (!payment) throw new AyoError('NOT_FOUND', 'No such payment.');
    const refund = await createRefund(ctx, payment, input, key);
    return c.json({ refund: refundView(refund) }, 201);
  });

  app.get('/v1/payments/:id/refunds', async (c) => {
    const user = c.get('user');
    const id = parseParam(paymentIdSchema, c.req.param('id'), 'id');
    const payment = await store.getOwned('payments', id, user.id);
    if (!payment) throw new AyoError('NOT_FOUND', 'No such payment.');
    const rows = await store.list('refunds', { paymentId: id, userId: user.id }, 'created_at ASC');
    return c.json({ refunds: rows.map(refundView) });
  });

  // ---- live events (SSE) --------------------------------------------------------------------
  app.get('/v1/events', async (c) => {
    const user = c.get('user');
    const lastHeader = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    const last =
      lastHeader && /^\d{1,15}$/.test(lastHeader) ? Number(lastHeader) : await store.lastEventId(user.id);
    return streamSSE(c, async (stream) => {
      let cursor = last;
      let wake: (() => void) | null = null;
      // Set by a notification (or the abort) that arrives while the loop reads or writes, so
      // that it is not lost: the loop then reads again instead of sleeping.
      let poked = false;
      const poke = () => {
        poked = true;
        wake?.();
      };
      const unsubscribe = hub.subscribe(user.id, poke);
      stream.onAbort(() => {
        unsubscribe();
        poke();
      });
      // Once `ready` is out, every later event is pushed: nothing falls between read and LISTEN.
      await hub.listening();
      await stream.writeSSE({
        event: 'ready',
        data: JSON.stringify({ lastEventId: cursor }),
        id: String(cursor),
      });
      while (!stream.aborted && !stream.closed) {
        poked = false;
        for (const e of await hub.read(user.id, cursor)) {
          cursor = e.id;
          await stream.writeSSE({
            id: String(e.id),
            event: e.event.type,
            data: JSON.stringify(e.event.data),
          });
        }
        // Sleep until woken by a notification, or 15 s for a heartbeat (and a safety re-read).
        await new Promise<void>((resolve) => {
          if (poked) return resolve();
          const timer = setTimeout(resolve, 15_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        if (!stream.aborted) await stream.write(': ping\n\n');
      }
      unsubscribe();
    });
  });

  // ---- Ayoconnect → proxy ---------------------------------------------------------------------
  app.post('/callbacks/ayoconnect', async (c) => {
    const outcome = await receiveCallback(
      ctx,
      { path: new URL(c.req.url).pathname, headers: c.req.raw.headers, body: await c.req.text() },
      {
        secret: options.callbackSecret,
        confirmAlways: options.confirmCallbacks === 'always',
        signatureEncoding: options.ayoconnect.signatureEncoding,
      },
    );
    return c.json(outcome.body, outcome.status);
  });

  app.get('/return', (c) => {
    // The bank's page may run in the shop's iframe dialog; so may this page that ends it.
    c.header('Content-Security-Policy', `frame-ancestors 'self' ${[...allowedOrigins].join(' ')}`);
    return c.html(
      returnPage([...allowedOrigins], {
        bindingId: c.req.query('ayokitBinding') ?? null,
        cardRegistrationId: c.req.query('ayokitCardRegistration') ?? null,
        status: c.req.query('status') ?? null,
      }),
    );
  });

  let timer: ReturnType<typeof setInterval> | null = null;
  let running = false;
  const reconcile = async () => {
    await ready;
    return reconcileOnce(ctx);
  };
  const interval = options.reconcile?.intervalMs ?? 5_000;
  if (interval > 0) {
    timer = setInterval(() => {
      if (running) return;
      running = true;
      reconcile()
        .catch((err) => log('error', 'reconcile pass failed', { error: String(err) }))
        .finally(() => {
          running = false;
        });
    }, interval);
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    fetch: (request) => Promise.resolve(app.fetch(request)),
    app: app as unknown as Hono,
    client,
    card,
    store,
    ready,
    reconcile,
    close: async () => {
      if (timer) clearInterval(timer);
      await hub.close();
    },
  };
}
