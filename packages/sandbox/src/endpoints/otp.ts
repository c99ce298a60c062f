/**
 * OTP resend (81) for a payment or an unbinding waiting for one: a new OTP (the test OTP stays
 * 123456) with a fresh expiry; the wrong-attempt count is kept. Sooner than
 * OTP_RESEND_COOLDOWN_SECONDS after the last one, or after OTP_MAX_RESENDS: 4298100 with
 * `nextResendAt`. Unknown transaction 4048101; one not waiting for an OTP 4038115 (or 4038112 /
 * 4038111 once its OTP expired or was blocked, as verify OTP answers).
 */
import {
  OTP_MAX_RESENDS,
  OTP_RESEND_COOLDOWN_SECONDS,
  OTP_TTL_SECONDS,
  type OtpResendRefusal,
  type OtpResponse,
  responseCode,
  snapTimestamp,
  TRANSACTION_STATUS,
} from '@ayokit/core/snap';
import type { Handler } from 'hono';
import type { SandboxEnv } from '../auth';
import type { Sim } from '../context';
import { expireOtpIfDue, scheduleOtpExpiry } from '../domain/payments';
import { failUnbinding } from '../domain/unbinding';
import { FieldReader, PATTERNS } from '../fields';
import { CASE_MESSAGES, errorResponse, fieldError, type SnapError } from '../respond';
import type { OtpChallenge } from '../state';

const NOT_AWAITING: SnapError = {
  kase: 'requestNotAllowed',
  message: 'Request Not Allowed. Transaction is not awaiting an OTP',
};
const BLOCKED_CODE = responseCode('verifyOtp', 'otpBlocked');
const EXPIRED_CODE = responseCode('verifyOtp', 'otpExpired');

/** Why no new OTP may be sent now; null = it may. */
function resendRefusal(otp: OtpChallenge, now: number): SnapError | null {
  const remainingResends = OTP_MAX_RESENDS - otp.resends;
  if (remainingResends <= 0) {
    const info: OtpResendRefusal = { nextResendAt: null, remainingResends: 0 };
    return {
      kase: 'tooManyRequests',
      message: `Too Many Requests. At most ${OTP_MAX_RESENDS} new OTPs per transaction`,
      additionalInfo: { ...info },
    };
  }
  const next = otp.sentAt + OTP_RESEND_COOLDOWN_SECONDS * 1000;
  if (now < next) {
    const info: OtpResendRefusal = { nextResendAt: snapTimestamp(next), remainingResends };
    return {
      kase: 'tooManyRequests',
      message: `Too Many Requests. Wait ${OTP_RESEND_COOLDOWN_SECONDS} seconds between OTPs`,
      additionalInfo: { ...info },
    };
  }
  return null;
}

function resend(otp: OtpChallenge, now: number): void {
  otp.sentAt = now;
  otp.resends += 1;
  otp.expiresAt = now + OTP_TTL_SECONDS * 1000;
}

export function otpEndpoint(sim: Sim): Handler<SandboxEnv> {
  return (c) => {
    const { body, customer } = c.get('auth');
    const r = new FieldReader(body);
    const originalPartnerReferenceNo = r.string('originalPartnerReferenceNo', PATTERNS.reference);
    const originalReferenceNo = r.string('originalReferenceNo', PATTERNS.reference);
    const actions = sim.profile.dd.otpActions;
    const action = r.oneOf('action', [actions.payment, actions.unbinding]);
    const merchantId = r.string('merchantId', PATTERNS.merchantId);
    r.optionalObject('additionalInfo');
    if (r.issue) return errorResponse('otp', r.issue);
    if (merchantId !== sim.merchantId)
      return errorResponse('otp', fieldError('invalidFieldFormat', 'merchantId'));
    const fail = (error: SnapError) => errorResponse('otp', error);
    const wrongCustomer: SnapError = {
      kase: 'invalidCustomerToken',
      message: 'Invalid Customer Token. It was not issued for this transaction',
    };
    const now = sim.clock.now();
    const ok = (otp: OtpChallenge) => {
      const res: OtpResponse = {
        responseCode: responseCode('otp', 'success'),
        responseMessage: CASE_MESSAGES.success,
        originalReferenceNo,
        originalPartnerReferenceNo,
        additionalInfo: {
          otpExpiresAt: snapTimestamp(otp.expiresAt),
          nextResendAt: snapTimestamp(otp.sentAt + OTP_RESEND_COOLDOWN_SECONDS * 1000),
          remainingResends: OTP_MAX_RESENDS - otp.resends,
        },
      };
      return c.json(res, 200);
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
      const refusal = resendRefusal(payment.otp, now);
      if (refusal) return fail(refusal);
      resend(payment.otp, now);
      scheduleOtpExpiry(sim, payment); // the earlier expiry task finds the OTP renewed and does nothing
      return ok(payment.otp);
    }

    const unbinding = sim.state.unbindings.get(originalReferenceNo);
    if (!unbinding || unbinding.partnerReferenceNo !== originalPartnerReferenceNo) {
      return fail({ kase: 'transactionNotFound' });
    }
    if (customer?.accountToken !== unbinding.accountToken) return fail(wrongCustomer);
    if (unbinding.status === 'PENDING_OTP' && unbinding.otp && now >= unbinding.otp.expiresAt) {
      failUnbinding(unbinding, CASE_MESSAGES.otpExpired);
    }
    if (unbinding.status === 'FAILED') {
      return fail({
        kase: unbinding.failureReason === CASE_MESSAGES.otpBlocked ? 'otpBlocked' : 'otpExpired',
      });
    }
    if (unbinding.status !== 'PENDING_OTP' || !unbinding.otp) return fail(NOT_AWAITING);
    const refusal = resendRefusal(unbinding.otp, now);
    if (refusal) return fail(refusal);
    resend(unbinding.otp, now);
    return ok(unbinding.otp);
  };
}
