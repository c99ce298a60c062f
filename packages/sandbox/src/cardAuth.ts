/**
 * Authentication of the Card Acceptance API, its own and not SNAP's: an OAuth-style token from
 * client credentials, then a bearer token and four headers on every call (a timestamp, a
 * 32-alphanumeric request id used once, the merchant code, a correlation id), named and formatted
 * as `sim.profile.card` says, so a merchant's override holds on both sides. Each refusal is a
 * card answer naming the header.
 */
import {
  CARD_AUTHORIZATION_HEADER,
  CARD_METHODS,
  CARD_REQUEST_ID_PATTERN,
  CARD_TOKEN_TTL_SECONDS,
  type CardEndpoint,
  cardTimestampPattern,
  MERCHANT_ID_PATTERN,
  TIMESTAMP_TOLERANCE_SECONDS,
} from '@ayokit/core/snap';
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './auth';
import type { Sim } from './context';
import { type CardError, cardErrorResponse, fieldError } from './respond';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

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
  const names = sim.profile.card.headers;
  const timestampPattern = cardTimestampPattern(sim.profile.card.timestampFormat);
  const required = [
    CARD_AUTHORIZATION_HEADER,
    names.timestamp,
    names.requestId,
    names.merchantCode,
    names.correlationId,
  ];
  return async (c, next) => {
    const fail = (error: CardError) => cardErrorResponse(endpoint, error);
    for (const name of required) {
      if (!c.req.header(name)) return fail(fieldError('missingField', name));
    }
    const header = (name: string) => c.req.header(name) ?? '';
    const requestId = header(names.requestId);
    if (!CARD_REQUEST_ID_PATTERN.test(requestId)) {
      return fail(fieldError('invalidFieldFormat', names.requestId));
    }
    if (!MERCHANT_ID_PATTERN.test(header(names.merchantCode))) {
      return fail(fieldError('invalidFieldFormat', names.merchantCode));
    }
    const correlationId = header(names.correlationId);
    if (!CORRELATION_ID.test(correlationId)) {
      return fail(fieldError('invalidFieldFormat', names.correlationId));
    }
    const timestamp = header(names.timestamp);
    if (!timestampPattern.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
      return fail(fieldError('invalidFieldFormat', names.timestamp));
    }
    // Real time, like the Direct Debit check: advancing the virtual clock never makes it stale.
    if (Math.abs(Date.now() - Date.parse(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS * 1000) {
      return fail({
        kase: 'unauthorizedSignature',
        message: `Unauthorized. ${names.timestamp} is out of range`,
      });
    }
    const clientId = cardClient(sim, c.req.header(CARD_AUTHORIZATION_HEADER));
    if (!clientId) {
      return fail({ kase: 'invalidToken', message: 'Invalid Token. The access token is unknown or expired' });
    }
    if (header(names.merchantCode) !== sim.cardMerchantCode) {
      return fail({ kase: 'unauthorizedSignature', message: `Unauthorized. Unknown ${names.merchantCode}` });
    }
    let used = sim.state.cardRequestIds.get(clientId);
    if (!used) {
      used = new Set();
      sim.state.cardRequestIds.set(clientId, used);
    }
    if (used.has(requestId)) {
      return fail({ kase: 'conflictExternalId', message: `Conflict. ${names.requestId} was already used` });
    }
    used.add(requestId);
    if (CARD_METHODS[endpoint] === 'GET') {
      // The status takes its fields from the query [ref: /reference/get_api-v1-lab-mpgs-cards-charge].
      c.set('auth', { clientId, body: c.req.query(), correlationId });
      await next();
      return;
    }
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
