/**
 * Payment status (55) by originalReferenceNo, the payment's referenceNo [ref: /reference/dd-v3-debit-status];
 * by originalPartnerReferenceNo alone only when `profile.dd.lostPaymentAnswer` is
 * `statusByPartnerReference`. Unknown: 4045501.
 */
import { toSnapAmount } from '@ayokit/core';
import { type PaymentStatusResponse, responseCode, TRANSACTION_STATUS_DESC } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { expireOtpIfDue, refundedAmount, statusRefund } from '../domain/payments';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError } from '../respond';

export function paymentStatusEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const r = new FieldReader(c.get('auth').body);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    r.oneOf('serviceCode', ['54']);
    const referenceNo = r.optionalString('originalReferenceNo', PATTERNS.reference);
    const partnerReferenceNo = r.optionalString('originalPartnerReferenceNo', PATTERNS.reference);
    if (r.issue) return errorResponse('paymentStatus', r.issue);
    if (merchantId !== sim.merchantId) {
      return errorResponse('paymentStatus', fieldError('invalidFieldFormat', 'merchantId'));
    }
    const byPartnerAllowed = sim.profile.dd.lostPaymentAnswer === 'statusByPartnerReference';
    if (referenceNo === undefined && (partnerReferenceNo === undefined || !byPartnerAllowed)) {
      return errorResponse('paymentStatus', fieldError('missingField', 'originalReferenceNo'));
    }
    const byPartner = partnerReferenceNo ? sim.state.paymentByPartnerRef.get(partnerReferenceNo) : undefined;
    const ref = referenceNo ?? byPartner;
    const payment = ref ? sim.state.payments.get(ref) : undefined;
    if (!payment || (partnerReferenceNo !== undefined && payment.partnerReferenceNo !== partnerReferenceNo)) {
      return errorResponse('paymentStatus', { kase: 'transactionNotFound' });
    }
    expireOtpIfDue(sim, payment);
    const res: PaymentStatusResponse = {
      responseCode: responseCode('paymentStatus', 'success'),
      responseMessage: CASE_MESSAGES.success,
      originalReferenceNo: payment.referenceNo,
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      serviceCode: '54',
      latestTransactionStatus: payment.status,
      transactionStatusDesc: TRANSACTION_STATUS_DESC[payment.status],
      amount: toSnapAmount(payment.amount),
      additionalInfo: {
        ...(payment.failureResponseCode ? { failureResponseCode: payment.failureResponseCode } : {}),
        ...(payment.failureReason ? { failureReason: payment.failureReason } : {}),
        refundedAmount: toSnapAmount(refundedAmount(payment)),
        refunds: payment.refunds.map(statusRefund),
      },
    };
    return c.json(res, 200);
  };
}
