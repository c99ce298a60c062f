import type {
  AuditEntry,
  BankView,
  Binding,
  Capabilities,
  CapturePaymentRequest,
  CardRegistration,
  Checkout,
  CreateBindingRequest,
  CreateCardRegistrationRequest,
  CreateRefundRequest,
  Instrument,
  LiveEvent,
  PayCheckoutRequest,
  Payment,
  Refund,
  StaffIdentity,
  StaffListPaymentsQuery,
  StaffPayment,
  Unbinding,
  VoidPaymentRequest,
} from '@ayokit/core';

/** Who the hooks act for: a shopper (`/ayokit/v1`) or the merchant's staff (`/ayokit/staff/v1`). */
export type Audience = 'shopper' | 'staff';

/** What the audit trail may be asked for: one payment's entries, or the newest of all. */
export interface AuditQuery {
  paymentId?: string;
  limit?: number;
}

/**
 * What the hooks need from a backend: the proxy's `/ayokit/v1` and `/ayokit/staff/v1`
 * (HttpAyoClient) or a deterministic in-memory double (MemoryAyoClient, for Storybook and tests).
 * Every method rejects with an `AyoError` carrying a stable code.
 *
 * The shopper never names an amount and never moves money back: a shopper pays a checkout that
 * the merchant's server made for them. Refunds, captures and voids are staff calls, authorised
 * by the merchant's `authorizeStaff(request)` and audited.
 */
export interface AyoApi {
  /**
   * What the payment provider's API offers (OTP resend, card refund, card void), from the shopper's
   * or the staff API. A call for one that is off is refused with NOT_SUPPORTED.
   */
  getCapabilities(audience: Audience): Promise<Capabilities>;
  listBanks(): Promise<BankView[]>;
  startBinding(input: CreateBindingRequest, idempotencyKey: string): Promise<Binding>;
  getBinding(id: string): Promise<Binding>;
  startCardRegistration(
    input: CreateCardRegistrationRequest,
    idempotencyKey: string,
  ): Promise<CardRegistration>;
  getCardRegistration(id: string): Promise<CardRegistration>;
  listInstruments(): Promise<Instrument[]>;
  setDefaultInstrument(id: string): Promise<Instrument>;
  startUnbinding(instrumentId: string, idempotencyKey: string): Promise<Unbinding>;
  getUnbinding(id: string): Promise<Unbinding>;
  submitUnbindingOtp(id: string, otp: string): Promise<Unbinding>;
  /** A new OTP; RATE_LIMITED before `otp.resendAvailableAt` or with no resends left. */
  resendUnbindingOtp(id: string): Promise<Unbinding>;
  /** A checkout the merchant's server made for this shopper (NOT_FOUND for anyone else's). */
  getCheckout(id: string): Promise<Checkout>;
  /**
   * Pays a checkout with one of the shopper's instruments, at the checkout's amount and mode.
   * CHECKOUT_PAID, CHECKOUT_IN_PROGRESS, CHECKOUT_EXPIRED or CHECKOUT_CANCELLED when it cannot be.
   */
  payCheckout(checkoutId: string, input: PayCheckoutRequest, idempotencyKey: string): Promise<Payment>;
  getPayment(id: string): Promise<Payment>;
  listPayments(): Promise<Payment[]>;
  submitPaymentOtp(id: string, otp: string): Promise<Payment>;
  resendPaymentOtp(id: string): Promise<Payment>;
  /** The refunds of one of the shopper's payments (read only). */
  listRefunds(paymentId: string): Promise<Refund[]>;

  // ---- staff (`/ayokit/staff/v1`): UNAUTHENTICATED without a staff session, FORBIDDEN without the role

  /** Who is signed in to the back office, with which roles. */
  getStaff(): Promise<StaffIdentity>;
  listStaffPayments(query?: StaffListPaymentsQuery): Promise<StaffPayment[]>;
  getStaffPayment(id: string): Promise<StaffPayment>;
  listStaffRefunds(paymentId: string): Promise<Refund[]>;
  /** Role `refund`. Defaults to everything not yet refunded; cards are refunded in full only. */
  createRefund(paymentId: string, input: CreateRefundRequest, idempotencyKey: string): Promise<Refund>;
  /** Role `capture`: takes the money of an `authorized` card payment, up to 120 % of the hold. */
  capturePayment(id: string, input: CapturePaymentRequest, idempotencyKey: string): Promise<StaffPayment>;
  /** Role `void`: releases an `authorized` card payment. */
  voidPayment(id: string, input: VoidPaymentRequest, idempotencyKey: string): Promise<StaffPayment>;
  /** Every refund, capture and void (accepted or refused), newest first. */
  listAuditEntries(query?: AuditQuery): Promise<AuditEntry[]>;

  /**
   * Live status changes of the signed-in user. `onState` says whether the stream is up; while it
   * is not, flows poll. Returns a function that closes the subscription.
   */
  subscribe(onEvent: (event: LiveEvent) => void, onState: (connected: boolean) => void): () => void;
}

/** A fresh Idempotency-Key (the proxy accepts 8–64 of [A-Za-z0-9_-]). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `ak_${s}`;
}
