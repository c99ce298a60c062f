/** A payment's life at the bank: OTP, settlement, failure, refunds; and the ledger that reconciles them. */
import { toSnapAmount } from '@ayokit/core';
import {
  OTP_TTL_SECONDS,
  type PaymentCallback,
  type RefundCallback,
  responseCode,
  type StatusRefund,
  TRANSACTION_STATUS,
  TRANSACTION_STATUS_DESC,
  type TransactionStatusCode,
} from '@ayokit/core/snap';
import type { ScheduleOptions } from '../clock';
import { newId, type Sim } from '../context';
import { CASE_MESSAGES } from '../respond';
import type { OtpChallenge, Payment, Refund } from '../state';
import { DEFAULT_SETTLE_SECONDS, SLOW_REFUND_SECONDS, TEST_ACCOUNT_ENDINGS } from '../testData';

export interface NewPayment {
  partnerReferenceNo: string;
  accountToken: string;
  bankCode: Payment['bankCode'];
  amount: number;
}

export function recordPayment(sim: Sim, input: NewPayment, status: TransactionStatusCode): Payment {
  const payment: Payment = {
    ...input,
    referenceNo: newId(32),
    status,
    createdAt: sim.clock.now(),
    refunds: [],
  };
  sim.state.payments.set(payment.referenceNo, payment);
  sim.state.paymentByPartnerRef.set(payment.partnerReferenceNo, payment.referenceNo);
  return payment;
}

/** A payment the bank refused: kept with status 06 so the status API confirms it, and reported by callback. */
export function failPayment(sim: Sim, payment: Payment, failureResponseCode: string, reason: string): void {
  if (payment.status === TRANSACTION_STATUS.failed || payment.status === TRANSACTION_STATUS.success) return;
  payment.status = TRANSACTION_STATUS.failed;
  payment.failureResponseCode = failureResponseCode;
  payment.failureReason = reason;
  delete payment.otp;
  sim.callbacks.send('payment', paymentCallback(payment));
}

export function newOtpChallenge(now: number): OtpChallenge {
  return { expiresAt: now + OTP_TTL_SECONDS * 1000, attempts: 0, sentAt: now, resends: 0 };
}

export function awaitOtp(sim: Sim, payment: Payment): void {
  payment.otp = newOtpChallenge(sim.clock.now());
  scheduleOtpExpiry(sim, payment);
}

export function scheduleOtpExpiry(sim: Sim, payment: Payment, options?: ScheduleOptions): void {
  if (!payment.otp) return;
  sim.scheduler.schedule(
    payment.otp.expiresAt,
    `payment ${payment.referenceNo} OTP expiry`,
    () => expireOtpIfDue(sim, payment),
    options,
  );
}

export function expireOtpIfDue(sim: Sim, payment: Payment): void {
  if (
    payment.status === TRANSACTION_STATUS.initiated &&
    payment.otp &&
    sim.clock.now() >= payment.otp.expiresAt
  ) {
    failPayment(sim, payment, responseCode('verifyOtp', 'otpExpired'), CASE_MESSAGES.otpExpired);
  }
}

/** Accepted by the bank: pending until it settles, after the default delay or a `bank slow` fault's. */
export function startSettlement(sim: Sim, payment: Payment): void {
  payment.status = TRANSACTION_STATUS.pending;
  delete payment.otp;
  const slow = sim.faults.takeBank();
  const seconds = slow ? slow.settleSeconds : DEFAULT_SETTLE_SECONDS;
  payment.settlesAt = sim.clock.now() + seconds * 1000;
  scheduleSettlement(sim, payment);
}

export function scheduleSettlement(sim: Sim, payment: Payment, options?: ScheduleOptions): void {
  sim.scheduler.schedule(
    payment.settlesAt ?? sim.clock.now(),
    `payment ${payment.referenceNo} settlement`,
    () => settle(sim, payment),
    options,
  );
}

function settle(sim: Sim, payment: Payment): void {
  if (payment.status !== TRANSACTION_STATUS.pending) return;
  const now = sim.clock.now();
  payment.status = TRANSACTION_STATUS.success;
  delete payment.settlesAt;
  payment.settledAt = now;
  const account = sim.state.accounts.get(payment.accountToken);
  if (account) account.lastActivityAt = now; // Mandiri and Danamon renew the token on each payment
  sim.callbacks.send('payment', paymentCallback(payment));
}

export function paymentCallback(payment: Payment): PaymentCallback {
  return {
    responseCode: responseCode('payment', 'success'),
    responseMessage: CASE_MESSAGES.success,
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    originalReferenceNo: payment.referenceNo,
    latestTransactionStatus: payment.status,
    transactionStatusDesc: TRANSACTION_STATUS_DESC[payment.status],
    amount: toSnapAmount(payment.amount),
    additionalInfo: {
      ...(payment.failureResponseCode ? { failureResponseCode: payment.failureResponseCode } : {}),
      ...(payment.failureReason ? { failureReason: payment.failureReason } : {}),
    },
  };
}

export function wasCharged(payment: Payment): boolean {
  return payment.status === TRANSACTION_STATUS.success || payment.status === TRANSACTION_STATUS.refunded;
}

export function refundedAmount(payment: Payment): number {
  return payment.refunds.filter((r) => r.status === 'SUCCESS').reduce((sum, r) => sum + r.amount, 0);
}

/** Refunds that take money back or will: what a new refund must fit beside. */
export function committedRefunds(payment: Payment): number {
  return payment.refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount, 0);
}

/**
 * How a refund of this payment's account is answered when it does not complete at once: `5005800`
 * (…0036, seed 000's "refund in process") or `2025800` in progress (…0202, the reference's 202);
 * null for every other account, whose refunds complete at once.
 */
export function slowRefundAnswer(sim: Sim, payment: Payment): 'generalError' | 'inProgress' | null {
  const number = sim.state.accounts.get(payment.accountToken)?.accountNumber ?? '';
  if (number.endsWith(TEST_ACCOUNT_ENDINGS.slowRefund)) return 'generalError';
  if (number.endsWith(TEST_ACCOUNT_ENDINGS.refundInProgress)) return 'inProgress';
  return null;
}

export function createRefund(sim: Sim, payment: Payment, partnerRefundNo: string, amount: number): Refund {
  const refund: Refund = {
    refundNo: newId(32),
    partnerRefundNo,
    paymentReferenceNo: payment.referenceNo,
    amount,
    status: 'PROCESSING',
    createdAt: sim.clock.now(),
  };
  payment.refunds.push(refund);
  sim.state.refundByPartnerNo.set(partnerRefundNo, refund);
  if (slowRefundAnswer(sim, payment)) {
    refund.dueAt = refund.createdAt + SLOW_REFUND_SECONDS * 1000;
    scheduleRefund(sim, payment, refund);
  } else {
    completeRefund(sim, payment, refund);
  }
  return refund;
}

export function scheduleRefund(sim: Sim, payment: Payment, refund: Refund, options?: ScheduleOptions): void {
  sim.scheduler.schedule(
    refund.dueAt ?? sim.clock.now(),
    `refund ${refund.refundNo}`,
    () => completeRefund(sim, payment, refund),
    options,
  );
}

function completeRefund(sim: Sim, payment: Payment, refund: Refund): void {
  if (refund.status !== 'PROCESSING') return;
  refund.status = 'SUCCESS';
  delete refund.dueAt;
  refund.completedAt = sim.clock.now();
  if (refundedAmount(payment) >= payment.amount) payment.status = TRANSACTION_STATUS.refunded;
  const body: RefundCallback = {
    responseCode: responseCode('refund', 'success'),
    responseMessage: CASE_MESSAGES.success,
    originalPartnerReferenceNo: payment.partnerReferenceNo,
    originalReferenceNo: payment.referenceNo,
    partnerRefundNo: refund.partnerRefundNo,
    refundNo: refund.refundNo,
    refundAmount: toSnapAmount(refund.amount),
    additionalInfo: { refundStatus: 'SUCCESS' },
  };
  sim.callbacks.send('refund', body);
}

export function statusRefund(refund: Refund): StatusRefund {
  return {
    partnerRefundNo: refund.partnerRefundNo,
    refundNo: refund.refundNo,
    amount: toSnapAmount(refund.amount),
    status: refund.status,
  };
}

export interface LedgerRefund {
  partnerRefundNo: string;
  refundNo: string;
  amount: number;
  status: Refund['status'];
}

export interface LedgerEntry {
  partnerReferenceNo: string;
  referenceNo: string;
  accountToken: string;
  bankCode: Payment['bankCode'];
  amount: number;
  status: TransactionStatusCode;
  /** True once money was taken: settled (00), possibly refunded since (04). */
  charged: boolean;
  refundedAmount: number;
  refunds: LedgerRefund[];
  failureResponseCode?: string;
}

export function ledgerEntry(payment: Payment): LedgerEntry {
  return {
    partnerReferenceNo: payment.partnerReferenceNo,
    referenceNo: payment.referenceNo,
    accountToken: payment.accountToken,
    bankCode: payment.bankCode,
    amount: payment.amount,
    status: payment.status,
    charged: wasCharged(payment),
    refundedAmount: refundedAmount(payment),
    refunds: payment.refunds.map((r) => ({
      partnerRefundNo: r.partnerRefundNo,
      refundNo: r.refundNo,
      amount: r.amount,
      status: r.status,
    })),
    ...(payment.failureResponseCode ? { failureResponseCode: payment.failureResponseCode } : {}),
  };
}
