/**
 * Card payment status (55): `GET …/cards/charge` with query parameters: the 1–40 alphanumeric id
 * (the gateway's referenceNo, or the partnerReferenceNo of the charge, its capture or void), the
 * customerId (6–16) and the merchant id (1–32) [ref: /reference/get_api-v1-lab-mpgs-cards-charge];
 * names in CARD_STATUS_QUERY [guess]. Unknown, or another customer's or merchant's: 404xx01.
 */
import { CARD_STATUS_QUERY, type CardStatusResponse, cardResponseCode } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { cardPaymentView, currentCardPayment } from '../domain/cardPayments';
import { FieldReader, PATTERNS } from '../fields';
import { CARD_CASE_MESSAGES, cardErrorResponse } from '../respond';

export function cardStatusEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const id = r.string(CARD_STATUS_QUERY.id, PATTERNS.cardStatusId);
    const customerId = r.string(CARD_STATUS_QUERY.customerId, PATTERNS.cardCustomerId);
    const merchantId = r.string(CARD_STATUS_QUERY.merchantId, PATTERNS.cardMerchantId);
    if (r.issue) return cardErrorResponse('status', r.issue);
    const referenceNo = sim.state.cardPayments.has(id) ? id : sim.state.cardPaymentByPartnerRef.get(id);
    const payment = referenceNo ? currentCardPayment(sim, referenceNo) : undefined;
    if (!payment || payment.customerId !== customerId || merchantId !== sim.cardMerchantCode) {
      return cardErrorResponse('status', { kase: 'transactionNotFound' });
    }
    const res: CardStatusResponse = {
      responseCode: cardResponseCode('status', 'success'),
      responseMessage: CARD_CASE_MESSAGES.success,
      ...cardPaymentView(payment),
    };
    return c.json(res, 200);
  };
}
