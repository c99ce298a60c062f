import {
  type AuditEntry,
  type Binding,
  type CardRegistration,
  type Checkout,
  type CheckoutStatus,
  getBank,
  type Instrument,
  type OtpChallenge,
  type Payment,
  type Refund,
  type StaffPayment,
  type Unbinding,
} from '@ayokit/core';
import { OTP_MAX_RESENDS } from '@ayokit/core/snap';
import type {
  AuditRow,
  BindingRow,
  CardRegistrationRow,
  CheckoutRow,
  InstrumentRow,
  OtpColumns,
  PaymentRow,
  RefundRow,
  UnbindingRow,
} from './store/rows';

/** Rows → the browser's resources. The only place that decides what leaves the server. */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function otp(row: OtpColumns, status: string): OtpChallenge | null {
  if (status !== 'requires_otp') return null;
  return {
    attemptsLeft: row.otpAttemptsLeft ?? 0,
    expiresAt: iso(row.otpExpiresAt),
    lastError: row.otpLastError,
    resendsLeft: row.otpResendsLeft ?? OTP_MAX_RESENDS,
    resendAvailableAt: iso(row.otpResendAvailableAt),
  };
}

export function bindingView(row: BindingRow): Binding {
  return {
    id: row.id,
    status: row.status,
    bankCode: row.bankCode,
    webviewUrl: row.status === 'in_progress' || row.status === 'verification_pending' ? row.webviewUrl : null,
    expiresAt: iso(row.expiresAt),
    instrumentId: row.instrumentId,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function cardRegistrationView(row: CardRegistrationRow): CardRegistration {
  return {
    id: row.id,
    status: row.status,
    webviewUrl: row.status === 'in_progress' ? row.webviewUrl : null,
    expiresAt: iso(row.expiresAt),
    instrumentId: row.instrumentId,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Never the account token, auth code or card token: only what identifies the instrument to people. */
export function instrumentView(row: InstrumentRow): Instrument {
  const common = {
    id: row.id,
    maskedNumber: row.maskedNumber,
    status: row.status,
    expiresAt: iso(row.tokenExpiresAt),
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
  };
  switch (row.type) {
    case 'card':
      return {
        ...common,
        type: 'card',
        brand: row.cardBrand,
        last4: row.cardLast4,
        expiryMonth: row.cardExpiryMonth,
        expiryYear: row.cardExpiryYear,
      };
    case 'bank_account':
      return {
        ...common,
        type: 'bank_account',
        bankCode: row.bankCode,
        bankName: getBank(row.bankCode).shortName,
      };
    default:
      return row satisfies never;
  }
}

export function paymentView(row: PaymentRow): Payment {
  return {
    id: row.id,
    instrumentId: row.instrumentId,
    instrumentType: row.instrumentType,
    mode: row.mode,
    amount: row.amount,
    currency: 'IDR',
    description: row.description,
    orderId: row.orderId,
    checkoutId: row.checkoutId,
    // `created` is internal: the upstream call is under way or its answer unknown.
    status: row.status === 'created' ? 'processing' : row.status,
    otp: otp(row, row.status),
    failure: row.failure,
    capturedAmount: capturedAmount(row),
    authorizationExpiresAt: row.status === 'authorized' ? iso(row.authorizationExpiresAt) : null,
    refundedAmount: row.refundedAmount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Money taken: a direct payment's amount once it succeeded; an authorisation's capture. */
export function capturedAmount(row: PaymentRow): number {
  if (row.status !== 'succeeded') return 0;
  return row.mode === 'authorize' ? row.capturedAmount : row.capturedAmount || row.amount;
}

export function refundView(row: RefundRow): Refund {
  return {
    id: row.id,
    paymentId: row.paymentId,
    amount: row.amount,
    status: row.status === 'created' ? 'processing' : row.status,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function unbindingView(row: UnbindingRow): Unbinding {
  return {
    id: row.id,
    instrumentId: row.instrumentId,
    status: row.status === 'created' ? 'processing' : row.status,
    otp: otp(row, row.status),
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A payment as staff and the merchant's server see it: whose it is, too. */
export function staffPaymentView(row: PaymentRow): StaffPayment {
  return { ...paymentView(row), userId: row.userId };
}

/**
 * A checkout's status, from its row, its live payment (the one not failed, if any) and the time:
 * expiry only stops new payments, it never ends one under way.
 */
export function checkoutStatus(row: CheckoutRow, live: PaymentRow | null, now: number): CheckoutStatus {
  if (live) {
    switch (live.status) {
      case 'succeeded':
      case 'authorized':
        return 'paid';
      case 'voided':
        return 'cancelled';
      default:
        return 'processing';
    }
  }
  if (row.status === 'cancelled') return 'cancelled';
  return row.expiresAt.getTime() <= now ? 'expired' : 'open';
}

export function checkoutView(row: CheckoutRow, live: PaymentRow | null, now: number): Checkout {
  return {
    id: row.id,
    status: checkoutStatus(row, live, now),
    amount: row.amount,
    currency: 'IDR',
    orderId: row.orderId,
    description: row.description,
    mode: row.mode,
    expiresAt: row.expiresAt.toISOString(),
    paymentId: live?.id ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function auditView(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    action: row.action,
    paymentId: row.paymentId,
    amount: row.amount,
    reason: row.reason,
    result: row.result,
    errorCode: row.errorCode,
    refundId: row.refundId,
  };
}
