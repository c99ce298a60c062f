import { checkoutIdCheck, otpCheck, type Payment, payCheckoutRequestCheck, validate } from '@ayokit/core';
import { type AyoApi, newIdempotencyKey } from '../api';
import { type LiveHub, watch } from '../live';
import { Observable } from '../observable';
import { type FlowError, isRetryableTransport, resendRefusal, toFlowError } from './errors';

/**
 * What the shopper chooses: which checkout (made by the merchant's server, with its amount, order
 * and mode) and which of their own saved accounts or cards pays it. Nothing else.
 */
export interface PayInput {
  checkoutId: string;
  instrumentId: string;
}

export type PaymentState =
  | { status: 'idle' }
  | { status: 'creating'; input: PayInput }
  | {
      status: 'requiresOtp';
      payment: Payment;
      attemptsLeft: number;
      expiresAt: string | null;
      lastError: FlowError | null;
      /** How many new codes may still be asked for, and not before when (null: now). */
      resendsLeft: number;
      resendAvailableAt: string | null;
      /** A new code is being asked for. */
      resending: boolean;
    }
  | { status: 'submittingOtp'; payment: Payment }
  | { status: 'processing'; payment: Payment }
  | { status: 'succeeded'; payment: Payment }
  /** `authorize` mode: the money is held on the card until the merchant captures or voids it. */
  | { status: 'authorized'; payment: Payment }
  /** The hold was released (by the merchant, or because it expired) before it was captured. */
  | { status: 'voided'; payment: Payment }
  | { status: 'failed'; payment: Payment | null; error: FlowError; retryable: boolean }
  | { status: 'stillProcessing'; payment: Payment };

/** How long the flow waits for the bank's final word before saying "still processing". */
export const PAYMENT_WAIT_MS = 2 * 60_000;

/**
 * Paying one checkout. A retry after a lost answer re-sends the same Idempotency-Key, so the
 * proxy — and the bank — see one payment; a new try after a failure (a decline, another account,
 * another checkout) is a new key. The proxy pays a checkout at most once whatever the browser does.
 */
export class PaymentFlow extends Observable<PaymentState> {
  #pending: { input: PayInput; key: string } | null = null;
  #stopWatch: (() => void) | null = null;
  #attached = false;

  readonly #api: AyoApi;
  readonly #live: LiveHub;
  readonly #onSettled: ((payment: Payment) => void) | undefined;

  constructor(api: AyoApi, live: LiveHub, onSettled?: (payment: Payment) => void) {
    super({ status: 'idle' });
    this.#api = api;
    this.#live = live;
    this.#onSettled = onSettled;
  }

  #busy(): boolean {
    const s = this.getState();
    return (
      s.status === 'creating' ||
      s.status === 'submittingOtp' ||
      s.status === 'processing' ||
      s.status === 'requiresOtp'
    );
  }

  async pay(given: PayInput): Promise<void> {
    const s = this.getState();
    if (this.#busy()) return;
    const checkout = validate(checkoutIdCheck, given.checkoutId);
    const body = validate(payCheckoutRequestCheck, { instrumentId: given.instrumentId });
    if (!checkout.success || !body.success) {
      const problem = checkout.success ? (body.success ? undefined : body.message) : checkout.message;
      this.setState({
        status: 'failed',
        payment: null,
        retryable: false,
        error: {
          code: 'INVALID_REQUEST',
          message: `${checkout.success ? 'instrumentId' : 'checkoutId'}: ${problem ?? 'invalid'}`,
        },
      });
      return;
    }
    const input: PayInput = { checkoutId: checkout.data, instrumentId: body.data.instrumentId };
    // The same key only for a retry of an attempt whose answer was lost; a declined payment
    // tried again is a new payment.
    const same =
      this.#pending?.input.checkoutId === input.checkoutId &&
      this.#pending.input.instrumentId === input.instrumentId;
    const reuse = same && s.status === 'failed' && s.retryable;
    this.#pending = reuse && this.#pending ? this.#pending : { input, key: newIdempotencyKey() };
    await this.#send();
  }

  /**
   * Follows a payment already under way for this checkout (the page was reloaded during the OTP,
   * or another tab paid): its OTP step, its wait, or its result.
   */
  async resume(paymentId: string): Promise<void> {
    if (this.#busy()) return;
    try {
      this.#apply(await this.#api.getPayment(paymentId));
    } catch {
      // the checkout's own state still shows; the shopper can check again
    }
  }

  /** Same request, same Idempotency-Key: safe after a timeout or a 5xx. */
  async retry(): Promise<void> {
    const s = this.getState();
    if (s.status === 'stillProcessing') return this.#check(s.payment);
    if (s.status !== 'failed' || !this.#pending) return;
    if (!s.retryable) this.#pending = { input: this.#pending.input, key: newIdempotencyKey() };
    await this.#send();
  }

  /**
   * Asks the bank for a new OTP. Refused here, without a request, before `resendAvailableAt` or
   * with no resends left (RATE_LIMITED, as the proxy would). Resolves true when a code was sent.
   */
  async resendOtp(): Promise<boolean> {
    const s = this.getState();
    if (s.status !== 'requiresOtp' || s.resending) return false;
    const refusal = resendRefusal(s.payment.otp, this.#live.now());
    if (refusal) {
      this.setState({ ...s, lastError: refusal });
      return false;
    }
    this.setState({ ...s, resending: true });
    try {
      this.#apply(await this.#api.resendPaymentOtp(s.payment.id));
      return true;
    } catch (err) {
      const now = this.getState();
      this.setState({
        ...(now.status === 'requiresOtp' ? now : s),
        resending: false,
        lastError: toFlowError(err),
      });
      return false;
    }
  }

  async submitOtp(otp: string): Promise<void> {
    const s = this.getState();
    if (s.status !== 'requiresOtp') return;
    if (!validate(otpCheck, otp).success) {
      this.setState({ ...s, lastError: { code: 'OTP_INVALID', message: 'Enter the 6-digit code.' } });
      return;
    }
    this.setState({ status: 'submittingOtp', payment: s.payment });
    try {
      this.#apply(await this.#api.submitPaymentOtp(s.payment.id, otp));
    } catch (err) {
      this.setState({ ...s, lastError: toFlowError(err) });
    }
  }

  reset(): void {
    this.#stopWatching();
    this.#pending = null;
    this.setState({ status: 'idle' });
  }

  attach(): () => void {
    this.#attached = true;
    const s = this.getState();
    if ((s.status === 'processing' || s.status === 'requiresOtp') && !this.#stopWatch)
      this.#follow(s.payment);
    return () => {
      this.#attached = false;
      this.#stopWatching();
    };
  }

  async #send() {
    const pending = this.#pending!;
    this.setState({ status: 'creating', input: pending.input });
    try {
      const { checkoutId, instrumentId } = pending.input;
      this.#apply(await this.#api.payCheckout(checkoutId, { instrumentId }, pending.key));
    } catch (err) {
      const error = toFlowError(err);
      this.setState({ status: 'failed', payment: null, error, retryable: isRetryableTransport(error) });
    }
  }

  async #check(payment: Payment) {
    try {
      this.#apply(await this.#api.getPayment(payment.id));
    } catch {
      // still processing
    }
  }

  #apply(payment: Payment) {
    switch (payment.status) {
      case 'requires_otp':
        this.setState({
          status: 'requiresOtp',
          payment,
          attemptsLeft: payment.otp?.attemptsLeft ?? 0,
          expiresAt: payment.otp?.expiresAt ?? null,
          lastError: payment.otp?.lastError ?? null,
          resendsLeft: payment.otp?.resendsLeft ?? 0,
          resendAvailableAt: payment.otp?.resendAvailableAt ?? null,
          resending: false,
        });
        this.#follow(payment);
        return;
      case 'processing':
        this.setState({ status: 'processing', payment });
        this.#follow(payment);
        return;
      case 'succeeded':
      case 'authorized':
      case 'voided':
        this.#stopWatching();
        this.setState({ status: payment.status, payment });
        this.#onSettled?.(payment);
        return;
      case 'failed':
        this.#stopWatching();
        this.setState({
          status: 'failed',
          payment,
          retryable: false,
          error: payment.failure ?? { code: 'PAYMENT_DECLINED', message: 'The bank declined the payment.' },
        });
        this.#onSettled?.(payment);
        return;
      default:
        payment.status satisfies never;
    }
  }

  #follow(payment: Payment) {
    if (!this.#attached || this.#stopWatch) return;
    this.#stopWatch = watch<Payment>({
      live: this.#live,
      type: 'payment',
      id: payment.id,
      read: () => this.#api.getPayment(payment.id),
      fromEvent: (e) => (e.type === 'payment' ? e.data : null),
      settled: (p) => p.status !== 'processing' && p.status !== 'requires_otp',
      onUpdate: (p) => {
        const s = this.getState();
        // An OTP being typed is not interrupted by a poll that says the same thing.
        if (s.status === 'submittingOtp') return;
        if (s.status === 'requiresOtp' && p.status === 'requires_otp') return;
        this.#apply(p);
      },
      onGiveUp: () => {
        this.#stopWatch = null;
        const s = this.getState();
        if (s.status === 'processing') this.setState({ status: 'stillProcessing', payment: s.payment });
      },
      deadline: this.#live.now() + (this.#live.waitLimitMs ?? PAYMENT_WAIT_MS),
    });
  }

  #stopWatching() {
    this.#stopWatch?.();
    this.#stopWatch = null;
  }
}
