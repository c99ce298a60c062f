import {
  AyoError,
  IDEMPOTENCY_HEADER,
  idempotencyKeySchema,
  type StaffIdentity,
  type StaffRole,
  staffIdentitySchema,
  userIdSchema,
} from '@ayokit/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { AyoUser } from '../flows/binding';
import type { ShopperEnv, StaffEnv } from '../routes/types';
import { parseParam } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const CORS_ALLOW_HEADERS = ['Content-Type', IDEMPOTENCY_HEADER, 'Last-Event-ID'].join(',');
const CORS_ALLOW_METHODS = 'GET,POST,PATCH,OPTIONS';

/**
 * CORS for the shop's own origins only, with credentials (the session cookie): the headers of
 * hono/cors, written on the answer once it is made. (hono/cors writes them on a response of its own
 * before the handler runs, and Hono then rebuilds the handler's answer around them: a full Web
 * Response whose body is a stream, per request.)
 */
export function shopCors(allowedOrigins: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin') ?? '';
    const allowed = allowedOrigins.has(origin);
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers();
      if (allowed) headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Allow-Credentials', 'true');
      headers.set('Vary', 'Origin, Access-Control-Request-Headers');
      headers.set('Access-Control-Max-Age', '600');
      headers.set('Access-Control-Allow-Methods', CORS_ALLOW_METHODS);
      headers.set('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
      return new Response(null, { status: 204, headers });
    }
    await next();
    let headers: Headers;
    try {
      headers = c.res.headers;
      headers.append('Vary', 'Origin');
    } catch {
      // An answer with immutable headers (a fetched Response passed through): a copy.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
      headers.append('Vary', 'Origin');
    }
    if (allowed) headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Allow-Credentials', 'true');
  };
}

/** No caching of answers; a state-changing request only from the shop's own pages (CSRF). */
export function browserOnlyFromShop(allowedOrigins: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!SAFE_METHODS.has(c.req.method)) {
      // A browser always sends Origin on a cross-site POST; only the merchant's own pass.
      const origin = c.req.header('origin');
      const self = new URL(c.req.url).origin;
      const site = c.req.header('sec-fetch-site');
      if (origin ? origin !== self && !allowedOrigins.has(origin) : site === 'cross-site') {
        throw new AyoError('FORBIDDEN_ORIGIN');
      }
    }
    await next();
  };
}

/** The shopper, as the merchant's own session check names them; nobody → 401. */
export function requireShopper(
  authenticate: (request: Request) => AyoUser | null | Promise<AyoUser | null>,
  log: (level: 'warn', message: string, fields?: Record<string, unknown>) => void,
): MiddlewareHandler<ShopperEnv> {
  return async (c, next) => {
    const user = await authenticate(c.req.raw);
    if (!user || typeof user.id !== 'string' || user.id === '') throw new AyoError('UNAUTHENTICATED');
    const id = userIdSchema.safeParse(user.id);
    if (!id.success) {
      log('warn', 'authenticate returned an invalid user id; treated as not signed in', {
        issue: id.error.issues[0]?.message,
      });
      throw new AyoError('UNAUTHENTICATED');
    }
    c.set('user', user);
    await next();
  };
}

/**
 * A member of staff, as the merchant's `authorizeStaff` names them; a shopper's session is not
 * enough. Without the option, nobody is staff.
 */
export function requireStaff(
  authorizeStaff: ((request: Request) => StaffIdentity | null | Promise<StaffIdentity | null>) | undefined,
  log: (level: 'warn', message: string, fields?: Record<string, unknown>) => void,
): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const found = authorizeStaff ? await authorizeStaff(c.req.raw) : null;
    if (!found) throw new AyoError('UNAUTHENTICATED', 'Staff sign-in required.');
    const parsed = staffIdentitySchema.safeParse(found);
    // The audit trail stores the id and name: text the database can hold (no NUL character).
    const problem = !parsed.success
      ? parsed.error.issues[0]?.message
      : `${parsed.data.id}${parsed.data.name ?? ''}`.includes('\0')
        ? 'the id or name holds the NUL character'
        : undefined;
    if (!parsed.success || problem) {
      log('warn', 'authorizeStaff returned an invalid identity; treated as not signed in', {
        issue: problem,
      });
      throw new AyoError('UNAUTHENTICATED', 'Staff sign-in required.');
    }
    c.set('staff', parsed.data);
    await next();
  };
}

/**
 * Refuses (403 FORBIDDEN) staff whose roles lack `role`, before anything is read or moved;
 * `onRefused` records the attempt (the audit trail keeps refusals too).
 */
export function requireRole(
  role: StaffRole,
  onRefused?: (c: Context<StaffEnv>) => Promise<void>,
): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    if (!c.get('staff').roles.includes(role)) {
      await onRefused?.(c);
      throw new AyoError('FORBIDDEN', `Your role does not allow this action (it needs "${role}").`);
    }
    await next();
  };
}

export function idempotencyKey(c: Context): string {
  const header = c.req.header(IDEMPOTENCY_HEADER);
  if (!header) throw new AyoError('IDEMPOTENCY_KEY_MISSING');
  return parseParam(idempotencyKeySchema, header, IDEMPOTENCY_HEADER);
}

/** A returnUrl must lead back to one of the shop's origins. */
export function assertReturnUrl(allowedOrigins: Set<string>, returnUrl: string | undefined): void {
  if (returnUrl && !allowedOrigins.has(new URL(returnUrl).origin)) {
    throw new AyoError('INVALID_REQUEST', 'returnUrl must be on one of the allowed origins.', {
      issues: [{ path: 'returnUrl', message: 'origin not allowed' }],
    });
  }
}
