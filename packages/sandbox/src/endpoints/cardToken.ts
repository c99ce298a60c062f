/**
 * The card API's access token: `grant_type=client_credentials` in the query, the card client's
 * `client_id` and `client_secret` form-encoded [code: VL ayoconnect.go]; the answer in camelCase,
 * `expiresIn` a string [code: VL vars.go]; 3600 s on the virtual clock [docs: /docs/get-access-token].
 */
import {
  CARD_TOKEN_FORM,
  CARD_TOKEN_TTL_SECONDS,
  type CardTokenResponse,
  randomAlphanumeric,
  snapTimestamp,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import { issueCardToken } from '../cardAuth';
import type { Sim } from '../context';
import { cardErrorResponse, fieldError } from '../respond';

export function cardTokenEndpoint(sim: Sim): Handler {
  return async (c) => {
    const fail = (error: Parameters<typeof cardErrorResponse>[1]) => cardErrorResponse('token', error);
    let form: Record<string, unknown> = {};
    try {
      form = await c.req.parseBody();
    } catch {
      return fail(fieldError('invalidFieldFormat', 'request body'));
    }
    const value = (name: string) => {
      const v = form[name];
      return typeof v === 'string' ? v : '';
    };
    const grantType = c.req.query(CARD_TOKEN_FORM.grantType) ?? value(CARD_TOKEN_FORM.grantType);
    if (!grantType) return fail(fieldError('missingField', CARD_TOKEN_FORM.grantType));
    if (grantType !== 'client_credentials')
      return fail(fieldError('invalidFieldFormat', CARD_TOKEN_FORM.grantType));
    const clientId = value(CARD_TOKEN_FORM.clientId);
    const clientSecret = value(CARD_TOKEN_FORM.clientSecret);
    if (!clientId) return fail(fieldError('missingField', CARD_TOKEN_FORM.clientId));
    if (!clientSecret) return fail(fieldError('missingField', CARD_TOKEN_FORM.clientSecret));
    if (sim.cardClients.get(clientId) !== clientSecret) {
      return fail({ kase: 'unauthorizedSignature', message: 'Unauthorized. Invalid client credentials' });
    }
    const accessToken = randomAlphanumeric(28);
    issueCardToken(sim, clientId, accessToken);
    const res: CardTokenResponse = {
      accessToken,
      tokenType: 'BearerToken',
      expiresIn: String(CARD_TOKEN_TTL_SECONDS),
      clientId,
      apiProductList: ['card-acceptance'],
      organizationName: sim.merchantId,
      developer: { email: `${clientId}@sandbox.ayokit.test` },
      responseTime: snapTimestamp(sim.clock.now()),
    };
    return c.json(res, 200);
  };
}
