/**
 * Void (57) of an AUTHORIZED authorisation, before its capture; from any other status 403xx15.
 * No page documents it: path (`profile.card.paths.void`) and body (shaped like a CAPTURE:
 * partnerReferenceNo, customerId, order.id) are [guess]; served only when `capabilities.cardVoid`.
 */
import {
  CARD_ADDITIONAL_INFO,
  CARD_LIMITS,
  type CardVoidResponse,
  cardResponseCode,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { cardPaymentView, currentCardPayment, voidCardPayment } from '../domain/cardPayments';
import { FieldReader, PATTERNS } from '../fields';
import { CARD_CASE_MESSAGES, cardErrorResponse } from '../respond';

export function cardVoidEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const partnerReferenceNo = r.string('partnerReferenceNo', PATTERNS.cardReference);
    const customerId = r.string('customerId', PATTERNS.cardCustomerId);
    r.object('order');
    const orderId = r.string('order.id', PATTERNS.cardReference);
    const reason = r.optionalPairs('additionalInfo', CARD_LIMITS.additionalInfoPairs)[
      CARD_ADDITIONAL_INFO.reason
    ];
    if (r.issue) return cardErrorResponse('void', r.issue);
    if (sim.state.cardPaymentByPartnerRef.has(partnerReferenceNo)) {
      return cardErrorResponse('void', { kase: 'duplicatePartnerReference' });
    }
    const referenceNo = sim.state.cardPaymentByPartnerRef.get(orderId);
    const payment = referenceNo ? currentCardPayment(sim, referenceNo) : undefined;
    if (!payment || payment.partnerReferenceNo !== orderId || payment.customerId !== customerId) {
      return cardErrorResponse('void', { kase: 'transactionNotFound' });
    }
    if (payment.status !== 'AUTHORIZED') {
      return cardErrorResponse('void', {
        kase: 'requestNotAllowed',
        message: `Request Not Allowed. Only an AUTHORIZED payment can be voided; this one is ${payment.status}`,
      });
    }
    voidCardPayment(sim, payment, {
      partnerReferenceNo,
      at: sim.clock.now(),
      automatic: false,
      ...(reason ? { reason } : {}),
    });
    const res: CardVoidResponse = {
      responseCode: cardResponseCode('void', 'success'),
      responseMessage: CARD_CASE_MESSAGES.success,
      ...cardPaymentView(payment),
    };
    return c.json(res, 200);
  };
}
