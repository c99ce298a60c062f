import type {
  BankCode,
  BindingStatus,
  CardBrandId,
  CardRegistrationStatus,
  Failure,
  InstrumentStatus,
  InstrumentType,
  Locale,
  PaymentMode,
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

export interface CardRegistrationRow extends Tracked {
  id: string;
  userId: string;
  status: CardRegistrationStatus;
  /** The gateway's customer: cards are listed per customer (the merchant's user id). */
  customerId: string;
  /** X-CORRELATION-ID of every call of this registration. */
  correlationId: string;
  referenceNo: string | null;
  webviewUrl: string | null;
  returnUrl: string | null;
  locale: Locale;
  expiresAt: Date | null;
  instrumentId: string | null;
  failure: Failure | null;
}

interface InstrumentCommon {
  id: string;
  userId: string;
  maskedNumber: string;
  status: InstrumentStatus;
  /** The bank token's end date, or a card's last moment (end of its expiry month). */
  tokenExpiresAt: Date | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A bank account bound through Direct Debit. */
export interface BankAccountRow extends InstrumentCommon {
  type: 'bank_account';
  bindingId: string;
  bankCode: BankCode;
  publicUserId: string;
  accountToken: string;
  authCode: string;
}

/** A card tokenised through Card Acceptance. `cardToken` is a secret: never in a view or log. */
export interface CardRow extends InstrumentCommon {
  type: 'card';
  cardRegistrationId: string;
  cardCustomerId: string;
  cardToken: string;
  cardBrand: CardBrandId;
  cardLast4: string;
  cardExpiryMonth: number;
  cardExpiryYear: number;
}

export type InstrumentRow = BankAccountRow | CardRow;

export interface OtpColumns {
  otpAttemptsLeft: number | null;
  otpExpiresAt: Date | null;
  otpLastError: Failure | null;
  /** null: never asked, the defaults apply (OTP_MAX_RESENDS, no cooldown). */
  otpResendsLeft: number | null;
  otpResendAvailableAt: Date | null;
}

export interface PaymentRow extends Tracked, OtpColumns {
  id: string;
  userId: string;
  instrumentId: string;
  amount: number;
  description: string | null;
  orderId: string | null;
  /** The checkout (made by the merchant's server) this payment pays. */
  checkoutId: string | null;
  status: PaymentStatus;
  partnerReferenceNo: string;
  externalId: string;
  referenceNo: string | null;
  failure: Failure | null;
  refundedAmount: number;
  upstreamLeaseUntil: Date | null;
  instrumentType: InstrumentType;
  mode: PaymentMode;
  /** Card payments: X-CORRELATION-ID of the charge and its capture, void and refunds. */
  correlationId: string | null;
  /** `authorize`: what the capture took; `direct`: see paymentView. */
  capturedAmount: number;
  authorizationExpiresAt: Date | null;
  /** The capture (or void) asked for: persisted before the call, re-sent unchanged on retry. */
  capturePartnerReferenceNo: string | null;
  captureAmount: number | null;
  captureReferenceNo: string | null;
  voidPartnerReferenceNo: string | null;
  voidReferenceNo: string | null;
}

/** A checkout: what the merchant's server asked the shopper to pay. `paid` is derived from payments. */
export interface CheckoutRow {
  id: string;
  userId: string;
  amount: number;
  orderId: string;
  description: string | null;
  mode: PaymentMode;
  status: 'open' | 'cancelled';
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorType: 'staff' | 'server' | 'gateway';
  actorId: string;
  actorName: string | null;
  action: 'refund' | 'capture' | 'void';
  paymentId: string;
  amount: number | null;
  reason: string | null;
  result: 'accepted' | 'refused';
  errorCode: string | null;
  refundId: string | null;
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
  /**
   * `merchant`: asked for through the proxy (staff or the merchant's server); `gateway`: made by
   * Ayoconnect itself (its operations refund cards) and learnt from the payment's refunded amount.
   */
  origin: 'merchant' | 'gateway';
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
  card_registrations: CardRegistrationRow;
  instruments: InstrumentRow;
  payments: PaymentRow;
  refunds: RefundRow;
  unbindings: UnbindingRow;
  checkouts: CheckoutRow;
  audit_log: AuditRow;
}
export type TableName = keyof Tables;
