/**
 * Refund (58) of a settled payment. Accepted refunds succeed at once (2005800), except on the slow
 * test accounts, done SLOW_REFUND_SECONDS later: …0036 answers 5005800 "Refund In Process", …0202
 * 2025800 "Request In Progress".
 */
import { getBank, toSnapAmount } from '@ayokit/core';
import { type RefundResponse, responseCode, snapTimestamp, TRANSACTION_STATUS } from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { committedRefunds, createRefund, slowRefundAnswer } from '../domain/payments';
import { FieldReader, PATTERNS, parseAmountValue } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError, snapJson } from '../respond';

const DAY_MS = 86_400_000;

export function refundEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const { body, customer } = c.get('auth');
    const r = new FieldReader(body);
    const originalPartnerReferenceNo = r.string('originalPartnerReferenceNo', PATTERNS.reference);
    const originalReferenceNo = r.string('originalReferenceNo', PATTERNS.reference);
    const partnerRefundNo = r.string('partnerRefundNo', PATTERNS.reference);
    const amountValue = r.string('refundAmount.value');
    r.oneOf('refundAmount.currency', ['IDR']);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    r.optionalObject('additionalInfo');
    if (r.issue) return errorResponse('refund', r.issue);
    if (merchantId !== sim.merchantId)
      return errorResponse('refund', fieldError('invalidFieldFormat', 'merchantId'));
    if (sim.state.refundByPartnerNo.has(partnerRefundNo)) {
      return errorResponse('refund', {
        kase: 'duplicatePartnerReference',
        message: 'Duplicate partnerRefundNo',
      });
    }
    const payment = sim.state.payments.get(originalReferenceNo);
    if (!payment || payment.partnerReferenceNo !== originalPartnerReferenceNo) {
      return errorResponse('refund', { kase: 'transactionNotFound' });
    }
    if (customer?.accountToken !== payment.accountToken) {
      return errorResponse('refund', {
        kase: 'invalidCustomerToken',
        message: 'Invalid Customer Token. It was not issued for this payment',
      });
    }
    if (
      (payment.status !== TRANSACTION_STATUS.success && payment.status !== TRANSACTION_STATUS.refunded) ||
      payment.bankCode === null
    ) {
      return errorResponse('refund', {
        kase: 'requestNotAllowed',
        message: 'Request Not Allowed. Payment is not successful',
      });
    }
    const windowDays = getBank(payment.bankCode).refundWindowDays;
    const now = sim.clock.now();
    if (windowDays !== null && now > (payment.settledAt ?? payment.createdAt) + windowDays * DAY_MS) {
      return errorResponse('refund', {
        kase: 'requestNotAllowed',
        message: `Request Not Allowed. The refund window of ${windowDays} days has passed`,
      });
    }
    const amount = parseAmountValue(amountValue);
    if (amount === null)
      return errorResponse('refund', fieldError('invalidFieldFormat', 'refundAmount.value'));
    if (amount <= 0) return errorResponse('refund', { kase: 'invalidAmount' });
    if (committedRefunds(payment) + amount > payment.amount) {
      return errorResponse('refund', {
        kase: 'invalidAmount',
        message: 'Invalid Amount. Refunds exceed the payment amount',
      });
    }
    const refund = createRefund(sim, payment, partnerRefundNo, amount);
    const slow = refund.status === 'PROCESSING' ? slowRefundAnswer(sim, payment) : null;
    const res: RefundResponse = {
      responseCode: responseCode('refund', slow ?? 'success'),
      responseMessage: slow === 'generalError' ? 'Refund In Process' : CASE_MESSAGES[slow ?? 'success'],
      originalReferenceNo: payment.referenceNo,
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      partnerRefundNo,
      refundNo: refund.refundNo,
      refundAmount: toSnapAmount(amount),
      refundTime: snapTimestamp(refund.createdAt),
    };
    return snapJson(res);
  };
}
