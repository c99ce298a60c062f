/**
 * OTP verification (04) for a payment or an unbinding. Wrong OTP: 4040415 with remainingAttempts;
 * the third blocks the account (4030411); past its expiry: 4030412. An unknown transaction answers
 * 4040401; one that is not (or no longer) waiting for an OTP answers 4090401.
 */
import {
  OTP_MAX_ATTEMPTS,
  responseCode,
  type SnapBindingStatus,
  TRANSACTION_STATUS,
  type TransactionStatusCode,
  type VerifyOtpResponse,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { expireOtpIfDue, failPayment, startSettlement } from '../domain/payments';
import { completeUnbinding, failUnbinding } from '../domain/unbinding';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError, type SnapError } from '../respond';
import type { Account } from '../state';
import { TEST_OTP } from '../testData';

const NOT_AWAITING: SnapError = {
  kase: 'duplicatePartnerReference',
  message: 'Transaction Not Awaiting OTP',
};
const BLOCKED_CODE = responseCode('verifyOtp', 'otpBlocked');
const EXPIRED_CODE = responseCode('verifyOtp', 'otpExpired');

function blockAccount(account: Account | undefined): void {
  if (account && account.status === 'ACTIVE') account.status = 'BLOCKED';
}

export function verifyOtpEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const { body, customer } = c.get('auth');
    const r = new FieldReader(body);
    const originalPartnerReferenceNo = r.string('originalPartnerReferenceNo', PATTERNS.reference);
    const originalReferenceNo = r.string('originalReferenceNo', PATTERNS.reference);
    const actions = sim.profile.dd.otpActions;
    const action = r.oneOf('action', [actions.payment, actions.unbinding]);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    const otp = r.string('otp', PATTERNS.otp);
    r.object('additionalInfo');
    if (r.issue) return errorResponse('verifyOtp', r.issue);
    if (merchantId !== sim.merchantId)
      return errorResponse('verifyOtp', fieldError('invalidFieldFormat', 'merchantId'));
    const ok = (info: {
      latestTransactionStatus?: TransactionStatusCode;
      latestBindingStatus?: SnapBindingStatus;
    }) => {
      const res: VerifyOtpResponse = {
        responseCode: responseCode('verifyOtp', 'success'),
        responseMessage: CASE_MESSAGES.success,
        originalReferenceNo,
        originalPartnerReferenceNo,
        additionalInfo: info,
      };
      return c.json(res, 200);
    };
    const fail = (error: SnapError) => errorResponse('verifyOtp', error);
    const wrongCustomer: SnapError = {
      kase: 'invalidCustomerToken',
      message: 'Invalid Customer Token. It was not issued for this transaction',
    };

    if (action === actions.payment) {
      const payment = sim.state.payments.get(originalReferenceNo);
      if (!payment || payment.partnerReferenceNo !== originalPartnerReferenceNo) {
        return fail({ kase: 'transactionNotFound' });
      }
      if (customer?.accountToken !== payment.accountToken) return fail(wrongCustomer);
      expireOtpIfDue(sim, payment);
      if (payment.failureResponseCode === EXPIRED_CODE) return fail({ kase: 'otpExpired' });
      if (payment.failureResponseCode === BLOCKED_CODE) return fail({ kase: 'otpBlocked' });
      if (payment.status !== TRANSACTION_STATUS.initiated || !payment.otp) return fail(NOT_AWAITING);
      if (otp === TEST_OTP) {
        startSettlement(sim, payment);
        return ok({ latestTransactionStatus: payment.status });
      }
      payment.otp.attempts += 1;
      if (payment.otp.attempts >= OTP_MAX_ATTEMPTS) {
        blockAccount(sim.state.accounts.get(payment.accountToken));
        failPayment(sim, payment, BLOCKED_CODE, CASE_MESSAGES.otpBlocked);
        return fail({ kase: 'otpBlocked' });
      }
      return fail({
        kase: 'invalidOtp',
        additionalInfo: { remainingAttempts: OTP_MAX_ATTEMPTS - payment.otp.attempts },
      });
    }

    const unbinding = sim.state.unbindings.get(originalReferenceNo);
    if (!unbinding || unbinding.partnerReferenceNo !== originalPartnerReferenceNo) {
      return fail({ kase: 'transactionNotFound' });
    }
    if (customer?.accountToken !== unbinding.accountToken) return fail(wrongCustomer);
    if (unbinding.status === 'FAILED') {
      return fail({
        kase: unbinding.failureReason === CASE_MESSAGES.otpBlocked ? 'otpBlocked' : 'otpExpired',
      });
    }
    if (unbinding.status !== 'PENDING_OTP' || !unbinding.otp) return fail(NOT_AWAITING);
    if (sim.clock.now() >= unbinding.otp.expiresAt) {
      failUnbinding(unbinding, CASE_MESSAGES.otpExpired);
      return fail({ kase: 'otpExpired' });
    }
    if (otp === TEST_OTP) {
      completeUnbinding(sim, unbinding);
      return ok({ latestBindingStatus: 'UNBINDED' });
    }
    unbinding.otp.attempts += 1;
    if (unbinding.otp.attempts >= OTP_MAX_ATTEMPTS) {
      blockAccount(sim.state.accounts.get(unbinding.accountToken));
      failUnbinding(unbinding, CASE_MESSAGES.otpBlocked);
      return fail({ kase: 'otpBlocked' });
    }
    return fail({
      kase: 'invalidOtp',
      additionalInfo: { remainingAttempts: OTP_MAX_ATTEMPTS - unbinding.otp.attempts },
    });
  };
}
