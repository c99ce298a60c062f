/** B2B and B2B2C access tokens (service codes 73 and 74). */
import {
  B2B_TOKEN_TTL_SECONDS,
  B2B2C_TOKEN_TTL_SECONDS,
  randomAlphanumeric,
  responseCode,
  type TokenResponse,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import { issueB2bToken, type SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError } from '../respond';

export function b2bTokenEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const { clientId, body } = c.get('auth');
    const r = new FieldReader(body);
    r.oneOf('grantType', ['client_credentials']);
    r.object('additionalInfo');
    const merchantId = r.optionalString('additionalInfo.merchantId', PATTERNS.merchantId);
    if (r.issue) return errorResponse('b2bToken', r.issue);
    if (merchantId !== undefined && merchantId !== sim.merchantId) {
      return errorResponse('b2bToken', fieldError('invalidFieldFormat', 'additionalInfo.merchantId'));
    }
    const accessToken = randomAlphanumeric(48);
    issueB2bToken(sim, clientId, accessToken);
    const res: TokenResponse = {
      responseCode: responseCode('b2bToken', 'success'),
      responseMessage: CASE_MESSAGES.success,
      accessToken,
      tokenType: 'BearerToken',
      expiresIn: String(B2B_TOKEN_TTL_SECONDS),
    };
    return c.json(res, 200);
  };
}

export function b2b2cTokenEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const { clientId, body } = c.get('auth');
    const r = new FieldReader(body);
    r.oneOf('grantType', ['authorization_code']);
    const authCode = r.string('authCode', PATTERNS.token);
    r.object('additionalInfo');
    if (r.issue) return errorResponse('b2b2cToken', r.issue);
    const accountToken = sim.state.accountByAuthCode.get(authCode);
    const account = accountToken ? sim.state.accounts.get(accountToken) : undefined;
    if (!account || account.status === 'UNBINDED') {
      return errorResponse('b2b2cToken', {
        kase: 'invalidCustomerToken',
        message: 'Unauthorized. authCode is unknown or its account is unbound',
      });
    }
    const accessToken = randomAlphanumeric(48);
    sim.state.customerTokens.set(accessToken, {
      clientId,
      accountToken: account.accountToken,
      expiresAt: sim.clock.now() + B2B2C_TOKEN_TTL_SECONDS * 1000,
    });
    const res: TokenResponse = {
      responseCode: responseCode('b2b2cToken', 'success'),
      responseMessage: CASE_MESSAGES.success,
      accessToken,
      tokenType: 'BearerToken',
      expiresIn: String(B2B2C_TOKEN_TTL_SECONDS),
    };
    return c.json(res, 200);
  };
}
