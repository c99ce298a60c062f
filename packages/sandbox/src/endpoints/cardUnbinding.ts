/** Card unbinding (04): the token is disabled (UNBINDED) and charges with it are refused. */
import { type CardUnbindingResponse, cardResponseCode } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { registrationByToken, unbindCard } from '../domain/cardRegistrations';
import { FieldReader, PATTERNS } from '../fields';
import { CARD_CASE_MESSAGES, cardErrorResponse } from '../respond';

export function cardUnbindingEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const customerId = r.string('customerId', PATTERNS.cardCustomerId);
    const cardToken = r.string('cardToken', PATTERNS.cardToken);
    if (r.issue) return cardErrorResponse('unbinding', r.issue);
    const registration = registrationByToken(sim, cardToken);
    if (!registration || registration.customerId !== customerId) {
      return cardErrorResponse('unbinding', {
        kase: 'invalidAccount',
        message: 'Invalid Account. Unknown cardToken for this customerId',
      });
    }
    if (registration.status === 'UNBINDED') {
      return cardErrorResponse('unbinding', {
        kase: 'invalidAccount',
        message: 'Invalid Account. The card token is already unbound',
      });
    }
    unbindCard(sim, registration);
    const res: CardUnbindingResponse = {
      responseCode: cardResponseCode('unbinding', 'success'),
      responseMessage: CARD_CASE_MESSAGES.success,
      registrationStatus: 'UNBINDED',
    };
    return c.json(res, 200);
  };
}
