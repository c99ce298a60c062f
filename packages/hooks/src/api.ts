import type {
  BankView,
  Binding,
  CreateBindingRequest,
  CreatePaymentRequest,
  CreateRefundRequest,
  Instrument,
  LiveEvent,
  Payment,
  Refund,
  Unbinding,
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
  listInstruments(): Promise<Instrument[]>;
  setDefaultInstrument(id: string): Promise<Instrument>;
  startUnbinding(instrumentId: string, idempotencyKey: string): Promise<Unbinding>;
  getUnbinding(id: string): Promise<Unbinding>;
  submitUnbindingOtp(id: string, otp: string): Promise<Unbinding>;
  createPayment(input: CreatePaymentRequest, idempotencyKey: string): Promise<Payment>;
  getPayment(id: string): Promise<Payment>;
  listPayments(): Promise<Payment[]>;
  submitPaymentOtp(id: string, otp: string): Promise<Payment>;
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
