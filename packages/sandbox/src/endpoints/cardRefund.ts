/**
 * Refund (58) of a paid or captured card payment, in full only: any other amount is 404xx13
 * ("Partial refund not supported"), a second refund 403xx15. Done at once: REFUNDED, callback.
 * The docs say there is no refund API (Ayoconnect refunds internally): served only when
 * `capabilities.cardRefund` is on; path and body (shaped like a charge) are [guess].
 */
import { toSnapAmount } from '@ayokit/core';
import {
  CARD_ADDITIONAL_INFO,
  CARD_LIMITS,
  type CardRefundResponse,
  cardResponseCode,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import {
  cardPaymentView,
  chargedAmount,
  currentCardPayment,
  refundCardPayment,
} from '../domain/cardPayments';
import { FieldReader, PATTERNS, parseAmountValue } from '../fields';
import { CARD_CASE_MESSAGES, cardErrorResponse, fieldError } from '../respond';

export function cardRefundEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const partnerRefundNo = r.string('partnerReferenceNo', PATTERNS.cardReference);
    const customerId = r.string('customerId', PATTERNS.cardCustomerId);
    r.object('order');
    const orderId = r.string('order.id', PATTERNS.cardReference);
    const amountValue = r.string('order.amount');
    r.oneOf('order.currency', ['IDR']);
    const reason = r.optionalPairs('additionalInfo', CARD_LIMITS.additionalInfoPairs)[
      CARD_ADDITIONAL_INFO.reason
    ];
    if (r.issue) return cardErrorResponse('refund', r.issue);
    const amount = parseAmountValue(amountValue);
    if (amount === null) return cardErrorResponse('refund', fieldError('invalidFieldFormat', 'order.amount'));
    if (sim.state.cardPaymentByRefundNo.has(partnerRefundNo)) {
      return cardErrorResponse('refund', {
        kase: 'duplicatePartnerReference',
        message: 'Duplicate partnerReferenceNo',
      });
    }
    const referenceNo = sim.state.cardPaymentByPartnerRef.get(orderId);
    const payment = referenceNo ? currentCardPayment(sim, referenceNo) : undefined;
    if (!payment || payment.partnerReferenceNo !== orderId || payment.customerId !== customerId) {
      return cardErrorResponse('refund', { kase: 'transactionNotFound' });
    }
    if (payment.status === 'REFUNDED') {
      return cardErrorResponse('refund', {
        kase: 'requestNotAllowed',
        message: 'Request Not Allowed. The payment was already refunded',
      });
    }
    if (payment.status !== 'SUCCESS') {
      return cardErrorResponse('refund', {
        kase: 'requestNotAllowed',
        message: `Request Not Allowed. Only a paid or captured payment can be refunded; this one is ${payment.status}`,
      });
    }
    const full = chargedAmount(payment);
    if (amount !== full) {
      return cardErrorResponse('refund', {
        kase: 'invalidAmount',
        message: `Invalid Amount. Partial refund not supported: refund the full ${full}.00`,
      });
    }
    const refund = refundCardPayment(sim, payment, partnerRefundNo, reason);
    const res: CardRefundResponse = {
      responseCode: cardResponseCode('refund', 'success'),
      responseMessage: CARD_CASE_MESSAGES.success,
      ...cardPaymentView(payment),
      refundNo: refund.refundNo,
      refundedAmount: toSnapAmount(refund.amount),
    };
    return c.json(res, 200);
  };
}
