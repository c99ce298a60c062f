/**
 * Middleware factories for SNAP authentication: the RSA-signed token requests and the
 * HMAC-signed transactional calls (B2B token, fresh X-TIMESTAMP, partner, external id, channel,
 * customer token). Each refusal is a SNAP answer with the endpoint's service code.
 */
import {
  B2B_TOKEN_TTL_SECONDS,
  type DdEndpoint,
  HEADERS,
  parseSnapTimestamp,
  TIMESTAMP_TOLERANCE_SECONDS,
  verifyAsymmetric,
  verifyTransactional,
} from '@ayokit/core/snap';
import type { Context, MiddlewareHandler } from 'hono';
import type { PartnerClient, Sim } from './context';
import { checkExternalId } from './externalIds';
import { errorResponse, fieldError, type SnapError } from './respond';
import type { CustomerToken } from './state';

export interface AuthInfo {
  clientId: string;
  /** The parsed JSON body. */
  body: unknown;
  /** The customer token of Authorization-Customer, on endpoints that need one. */
  customer?: CustomerToken;
  /** Card API: X-CORRELATION-ID. */
  correlationId?: string;
}

export type SandboxEnv = { Variables: { auth: AuthInfo } };

const EXTERNAL_ID = /^[A-Za-z0-9]{1,36}$/;
const CHANNEL_ID = /^\d{5}$/;

function missingHeader(c: Context, names: readonly string[]): SnapError | null {
  for (const name of names) {
    if (!c.req.header(name)) return fieldError('missingField', name);
  }
  return null;
}

function bearer(value: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return m?.[1] ?? null;
}

/** X-TIMESTAMP must parse and be within the tolerance of real time (the virtual clock never makes it stale). */
function checkTimestamp(timestamp: string): SnapError | null {
  const ms = parseSnapTimestamp(timestamp);
  if (ms === null) return fieldError('invalidFieldFormat', HEADERS.timestamp);
  if (Math.abs(Date.now() - ms) > TIMESTAMP_TOLERANCE_SECONDS * 1000) {
    return { kase: 'unauthorizedSignature', message: 'Unauthorized. X-TIMESTAMP is out of range' };
  }
  return null;
}

function parseBody(raw: string): { ok: true; body: unknown } | { ok: false } {
  if (raw.trim() === '') return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

const MALFORMED_BODY: SnapError = fieldError('invalidFieldFormat', 'request body');

/** The B2B token named by `Authorization`, when it exists and has not expired on the virtual clock. */
function b2bClient(sim: Sim, authorization: string | undefined): PartnerClient | null {
  const token = bearer(authorization);
  const issued = token ? sim.state.b2bTokens.get(token) : undefined;
  if (!issued || sim.clock.now() >= issued.expiresAt) return null;
  return sim.clients.get(issued.clientId) ?? null;
}

/** Token requests: X-SIGNATURE = SHA256withRSA(clientId|X-TIMESTAMP); the B2B2C one also needs a B2B token. */
export function asymmetricAuth(sim: Sim, endpoint: 'b2bToken' | 'b2b2cToken'): MiddlewareHandler<SandboxEnv> {
  const required = [
    HEADERS.clientKey,
    HEADERS.timestamp,
    HEADERS.signature,
    ...(endpoint === 'b2b2cToken' ? [HEADERS.authorization] : []),
  ];
  return async (c, next) => {
    const fail = (error: SnapError) => errorResponse(endpoint, error);
    const missing = missingHeader(c, required);
    if (missing) return fail(missing);
    const clientId = c.req.header(HEADERS.clientKey) ?? '';
    const timestamp = c.req.header(HEADERS.timestamp) ?? '';
    const timestampError = checkTimestamp(timestamp);
    if (timestampError) return fail(timestampError);
    const client = sim.clients.get(clientId);
    if (!client)
      return fail({ kase: 'unauthorizedSignature', message: 'Unauthorized. Unknown X-CLIENT-KEY' });
    const signature = c.req.header(HEADERS.signature) ?? '';
    if (!(await verifyAsymmetric(await client.publicKey, clientId, timestamp, signature, sim.encoding))) {
      return fail({ kase: 'unauthorizedSignature' });
    }
    if (
      endpoint === 'b2b2cToken' &&
      b2bClient(sim, c.req.header(HEADERS.authorization))?.clientId !== clientId
    ) {
      return fail({ kase: 'invalidToken' });
    }
    const parsed = parseBody(await c.req.text());
    if (!parsed.ok) return fail(MALFORMED_BODY);
    c.set('auth', { clientId, body: parsed.body });
    await next();
  };
}

export function issueB2bToken(sim: Sim, clientId: string, token: string): void {
  sim.state.b2bTokens.set(token, { clientId, expiresAt: sim.clock.now() + B2B_TOKEN_TTL_SECONDS * 1000 });
}

/** Every Direct Debit call after the token: headers, B2B token, HMAC signature, then X-EXTERNAL-ID per flow (externalIds.ts). */
export function transactionalAuth(
  sim: Sim,
  endpoint: DdEndpoint,
  options: { customer: boolean },
): MiddlewareHandler<SandboxEnv> {
  const required = [
    HEADERS.authorization,
    HEADERS.timestamp,
    HEADERS.signature,
    HEADERS.partnerId,
    HEADERS.externalId,
    HEADERS.channelId,
    ...(options.customer ? [HEADERS.customerAuthorization] : []),
  ];
  return async (c, next) => {
    const fail = (error: SnapError) => errorResponse(endpoint, error);
    const missing = missingHeader(c, required);
    if (missing) return fail(missing);
    const timestamp = c.req.header(HEADERS.timestamp) ?? '';
    const externalId = c.req.header(HEADERS.externalId) ?? '';
    if (!EXTERNAL_ID.test(externalId)) return fail(fieldError('invalidFieldFormat', HEADERS.externalId));
    if (!CHANNEL_ID.test(c.req.header(HEADERS.channelId) ?? '')) {
      return fail(fieldError('invalidFieldFormat', HEADERS.channelId));
    }
    const timestampError = checkTimestamp(timestamp);
    if (timestampError) return fail(timestampError);
    const client = b2bClient(sim, c.req.header(HEADERS.authorization));
    if (!client) return fail({ kase: 'invalidToken' });
    if (c.req.header(HEADERS.partnerId) !== sim.merchantId) {
      return fail({ kase: 'unauthorizedSignature', message: 'Unauthorized. Unknown X-PARTNER-ID' });
    }
    const raw = await c.req.text();
    const signed = await verifyTransactional(
      {
        method: c.req.method,
        path: c.req.path,
        accessToken: bearer(c.req.header(HEADERS.authorization)) ?? '',
        body: raw,
        timestamp,
        clientSecret: client.clientSecret,
      },
      c.req.header(HEADERS.signature) ?? '',
      sim.encoding,
    );
    if (!signed) return fail({ kase: 'unauthorizedSignature' });
    let customer: CustomerToken | undefined;
    if (options.customer) {
      const token = bearer(c.req.header(HEADERS.customerAuthorization));
      customer = token ? sim.state.customerTokens.get(token) : undefined;
      if (!customer || customer.clientId !== client.clientId || sim.clock.now() >= customer.expiresAt) {
        return fail({ kase: 'invalidCustomerToken' });
      }
    }
    const parsed = parseBody(raw);
    if (!parsed.ok) return fail(MALFORMED_BODY);
    const check = await checkExternalId(sim, client.clientId, externalId, endpoint, parsed.body);
    if (check.kind === 'conflict') {
      return fail({ kase: 'conflictExternalId', message: 'Conflict. X-EXTERNAL-ID belongs to another flow' });
    }
    if (check.kind === 'replay') {
      return new Response(check.body, {
        status: check.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    c.set('auth', { clientId: client.clientId, body: parsed.body, ...(customer ? { customer } : {}) });
    await next();
    if (check.store) await check.store(c.res);
  };
}
