import type {
  BankCode,
  BindingStatus,
  Failure,
  InstrumentStatus,
  Locale,
  PaymentStatus,
  RefundStatus,
  UnbindingStatus,
} from '@ayokit/core';

/** Rows as the store returns them (camelCase of the tables in migrations.ts). */
interface Tracked {
  nextCheckAt: Date | null;
  checkAttempts: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface BindingRow extends Tracked {
  id: string;
  userId: string;
  bankCode: BankCode | null;
  status: BindingStatus;
  partnerReferenceNo: string;
  externalId: string;
  referenceNo: string | null;
  publicUserId: string | null;
  webviewUrl: string | null;
  returnUrl: string | null;
  locale: Locale;
  expiresAt: Date | null;
  instrumentId: string | null;
  failure: Failure | null;
}

export interface InstrumentRow {
  id: string;
  userId: string;
  bindingId: string;
  bankCode: BankCode;
  publicUserId: string;
  accountToken: string;
  authCode: string;
  maskedNumber: string;
  status: InstrumentStatus;
  tokenExpiresAt: Date | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface OtpColumns {
  otpAttemptsLeft: number | null;
  otpExpiresAt: Date | null;
  otpLastError: Failure | null;
}

export interface PaymentRow extends Tracked, OtpColumns {
  id: string;
  userId: string;
  instrumentId: string;
  amount: number;
  description: string | null;
  orderId: string | null;
  status: PaymentStatus;
  partnerReferenceNo: string;
  externalId: string;
  referenceNo: string | null;
  failure: Failure | null;
  refundedAmount: number;
  upstreamLeaseUntil: Date | null;
}

export interface RefundRow extends Tracked {
  id: string;
  userId: string;
  paymentId: string;
  amount: number;
  reason: string | null;
  status: RefundStatus;
  partnerRefundNo: string;
  externalId: string;
  refundNo: string | null;
  failure: Failure | null;
  upstreamLeaseUntil: Date | null;
}

export interface UnbindingRow extends Tracked, OtpColumns {
  id: string;
  userId: string;
  instrumentId: string;
  status: UnbindingStatus;
  partnerReferenceNo: string;
  externalId: string;
  referenceNo: string | null;
  failure: Failure | null;
}

export interface Tables {
  bindings: BindingRow;
  instruments: InstrumentRow;
  payments: PaymentRow;
  refunds: RefundRow;
  unbindings: UnbindingRow;
}
export type TableName = keyof Tables;
