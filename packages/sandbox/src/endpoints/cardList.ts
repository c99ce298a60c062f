/**
 * Card list (03): every registration of a customer (PENDING, SUCCESS, FAILED, UNBINDED), oldest
 * first, masked; `referenceNo` narrows it to one (404xx01 when it is not this customer's).
 */
import { type CardListResponse, cardResponseCode } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { cardRecord, expireRegistrationIfDue } from '../domain/cardRegistrations';
import { FieldReader, PATTERNS } from '../fields';
import { CARD_CASE_MESSAGES, cardErrorResponse } from '../respond';

export function cardListEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const customerId = r.string('customerId', PATTERNS.cardCustomerId);
    const referenceNo = r.optionalString('referenceNo', PATTERNS.reference);
    if (r.issue) return cardErrorResponse('cards', r.issue);
    const registrations = [...sim.state.cardRegistrations.values()]
      .filter(
        (reg) =>
          reg.customerId === customerId && (referenceNo === undefined || reg.referenceNo === referenceNo),
      )
      .sort((a, b) => a.createdAt - b.createdAt);
    if (referenceNo !== undefined && registrations.length === 0) {
      return cardErrorResponse('cards', {
        kase: 'transactionNotFound',
        message: 'Transaction Not Found. No registration with this referenceNo for this customerId',
      });
    }
    for (const reg of registrations) expireRegistrationIfDue(sim, reg);
    const res: CardListResponse = {
      responseCode: cardResponseCode('cards', 'success'),
      responseMessage: CARD_CASE_MESSAGES.success,
      customerId,
      cards: registrations.map(cardRecord),
    };
    return c.json(res, 200);
  };
}
