/**
 * Authentication of the Card Acceptance API, its own and not SNAP's: an OAuth-style token from
 * client credentials, then a bearer token and four headers on every call (timestamp with
 * milliseconds, a 32-alphanumeric request id used once, the merchant code, a correlation id).
 * Each refusal is a card answer naming the header.
 */
import {
  CARD_HEADERS,
  CARD_REQUEST_ID_PATTERN,
  CARD_TIMESTAMP_PATTERN,
  CARD_TOKEN_TTL_SECONDS,
  type CardEndpoint,
  TIMESTAMP_TOLERANCE_SECONDS,
} from '@ayokit/core/snap';
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './auth';
import type { Sim } from './context';
import { type CardError, cardErrorResponse, fieldError } from './respond';

const MERCHANT_CODE = /^[A-Za-z0-9]{6}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REQUIRED = [
  CARD_HEADERS.authorization,
  CARD_HEADERS.timestamp,
  CARD_HEADERS.requestId,
  CARD_HEADERS.merchantCode,
  CARD_HEADERS.correlationId,
] as const;

export function issueCardToken(sim: Sim, clientId: string, token: string): number {
  const expiresAt = sim.clock.now() + CARD_TOKEN_TTL_SECONDS * 1000;
  sim.state.cardAccessTokens.set(token, { clientId, expiresAt });
  return expiresAt;
}

/** The card client named by a bearer token that exists and has not expired on the virtual clock. */
function cardClient(sim: Sim, authorization: string | undefined): string | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const issued = token ? sim.state.cardAccessTokens.get(token) : undefined;
  if (!issued || sim.clock.now() >= issued.expiresAt) return null;
  return sim.cardClients.has(issued.clientId) ? issued.clientId : null;
}

export function cardAuth(sim: Sim, endpoint: CardEndpoint): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const fail = (error: CardError) => cardErrorResponse(endpoint, error);
    for (const name of REQUIRED) {
      if (!c.req.header(name)) return fail(fieldError('missingField', name));
    }
    const header = (name: string) => c.req.header(name) ?? '';
    const requestId = header(CARD_HEADERS.requestId);
    if (!CARD_REQUEST_ID_PATTERN.test(requestId)) {
      return fail(fieldError('invalidFieldFormat', CARD_HEADERS.requestId));
    }
    if (!MERCHANT_CODE.test(header(CARD_HEADERS.merchantCode))) {
      return fail(fieldError('invalidFieldFormat', CARD_HEADERS.merchantCode));
    }
    const correlationId = header(CARD_HEADERS.correlationId);
    if (!CORRELATION_ID.test(correlationId)) {
      return fail(fieldError('invalidFieldFormat', CARD_HEADERS.correlationId));
    }
    const timestamp = header(CARD_HEADERS.timestamp);
    if (!CARD_TIMESTAMP_PATTERN.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
      return fail(fieldError('invalidFieldFormat', CARD_HEADERS.timestamp));
    }
    // Real time, like the Direct Debit check: advancing the virtual clock never makes it stale.
    if (Math.abs(Date.now() - Date.parse(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS * 1000) {
      return fail({ kase: 'unauthorizedSignature', message: 'Unauthorized. X-TIMESTAMP is out of range' });
    }
    const clientId = cardClient(sim, c.req.header(CARD_HEADERS.authorization));
    if (!clientId) {
      return fail({ kase: 'invalidToken', message: 'Invalid Token. The access token is unknown or expired' });
    }
    if (header(CARD_HEADERS.merchantCode) !== sim.merchantId) {
      return fail({ kase: 'unauthorizedSignature', message: 'Unauthorized. Unknown X-MERCHANT-CODE' });
    }
    let used = sim.state.cardRequestIds.get(clientId);
    if (!used) {
      used = new Set();
      sim.state.cardRequestIds.set(clientId, used);
    }
    if (used.has(requestId)) {
      return fail({ kase: 'conflictExternalId', message: 'Conflict. X-REQUEST-ID was already used' });
    }
    used.add(requestId);
    const raw = await c.req.text();
    let body: unknown = {};
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        return fail(fieldError('invalidFieldFormat', 'request body'));
      }
    }
    c.set('auth', { clientId, body, correlationId });
    await next();
  };
}
