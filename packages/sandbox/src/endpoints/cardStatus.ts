/**
 * Card payment status (55), by originalReferenceNo or originalPartnerReferenceNo (that of the
 * charge, or of its capture or void); unknown: 404xx01.
 */
import { type CardStatusResponse, cardResponseCode } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { cardPaymentView, currentCardPayment } from '../domain/cardPayments';
import { FieldReader, PATTERNS } from '../fields';
import { CARD_CASE_MESSAGES, cardErrorResponse, fieldError } from '../respond';

export function cardStatusEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const referenceNo = r.optionalString('originalReferenceNo', PATTERNS.reference);
    const partnerReferenceNo = r.optionalString('originalPartnerReferenceNo', PATTERNS.reference);
    if (r.issue) return cardErrorResponse('status', r.issue);
    if (referenceNo === undefined && partnerReferenceNo === undefined) {
      return cardErrorResponse('status', fieldError('missingField', 'originalReferenceNo'));
    }
    const byPartner = partnerReferenceNo
      ? sim.state.cardPaymentByPartnerRef.get(partnerReferenceNo)
      : undefined;
    const ref = referenceNo ?? byPartner;
    const payment = ref ? currentCardPayment(sim, ref) : undefined;
    if (!payment || (partnerReferenceNo !== undefined && byPartner !== payment.referenceNo)) {
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
