import type {
  BankView,
  Binding,
  CapturePaymentRequest,
  CardRegistration,
  CreateBindingRequest,
  CreateCardRegistrationRequest,
  CreatePaymentRequest,
  CreateRefundRequest,
  Instrument,
  LiveEvent,
  Payment,
  Refund,
  Unbinding,
  VoidPaymentRequest,
} from '@ayokit/core';

/**
 * What the hooks need from a backend: the proxy's `/ayokit/v1` (HttpAyoClient) or a deterministic
 * in-memory double (MemoryAyoClient, for Storybook and tests). Every method rejects with an
 * `AyoError` carrying a stable code.
 */
export interface AyoApi {
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
  createPayment(input: CreatePaymentRequest, idempotencyKey: string): Promise<Payment>;
  getPayment(id: string): Promise<Payment>;
  listPayments(): Promise<Payment[]>;
  submitPaymentOtp(id: string, otp: string): Promise<Payment>;
  resendPaymentOtp(id: string): Promise<Payment>;
  /** Takes the money of an `authorized` card payment: up to 120 % of the hold. */
  capturePayment(id: string, input: CapturePaymentRequest, idempotencyKey: string): Promise<Payment>;
  /** Releases an `authorized` card payment. */
  voidPayment(id: string, input: VoidPaymentRequest, idempotencyKey: string): Promise<Payment>;
  createRefund(paymentId: string, input: CreateRefundRequest, idempotencyKey: string): Promise<Refund>;
  listRefunds(paymentId: string): Promise<Refund[]>;
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
