import {
  type Binding,
  getBank,
  type Instrument,
  type OtpChallenge,
  type Payment,
  type Refund,
  type Unbinding,
} from '@ayokit/core';
import type {
  BindingRow,
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

export function instrumentView(row: InstrumentRow): Instrument {
  return {
    id: row.id,
    type: 'bank_account',
    bankCode: row.bankCode,
    bankName: getBank(row.bankCode).shortName,
    maskedNumber: row.maskedNumber,
    status: row.status,
    expiresAt: iso(row.tokenExpiresAt),
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
  };
}

export function paymentView(row: PaymentRow): Payment {
  return {
    id: row.id,
    instrumentId: row.instrumentId,
    amount: row.amount,
    currency: 'IDR',
    description: row.description,
    orderId: row.orderId,
    // `created` is internal: the upstream call is under way or its answer unknown.
    status: row.status === 'created' ? 'processing' : row.status,
    otp: otp(row, row.status),
    failure: row.failure,
    refundedAmount: row.refundedAmount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
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
