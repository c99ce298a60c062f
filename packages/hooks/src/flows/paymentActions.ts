import { maxCaptureAmount, type Payment } from '@ayokit/core';
import { type AyoApi, newIdempotencyKey } from '../api';
import { Observable } from '../observable';
import { type FlowError, isRetryableTransport, toFlowError } from './errors';

export type PaymentAction = 'capture' | 'void';

export type PaymentActionsState =
  | { status: 'idle' }
  | { status: 'capturing'; amount: number | null }
  | { status: 'voiding' }
  | { status: 'captured'; payment: Payment }
  | { status: 'voided'; payment: Payment }
  | { status: 'failed'; action: PaymentAction; error: FlowError; retryable: boolean };

/**
 * Capturing or voiding an authorised card payment from the back office (staff routes). What the proxy
 * would refuse (not authorised, more than 120 %) is refused here first, without a request. A
 * retry re-sends the same Idempotency-Key only after a lost answer.
 */
export class PaymentActionsFlow extends Observable<PaymentActionsState> {
  #pending: { action: PaymentAction; amount: number | null; key: string } | null = null;

  readonly #api: AyoApi;
  readonly #current: () => Payment | undefined;
  readonly #onSettled: ((payment: Payment) => void) | undefined;

  constructor(
    api: AyoApi,
    readonly paymentId: string,
    /** The payment as last seen (the order page's query), for the checks made before sending. */
    current: () => Payment | undefined,
    onSettled?: (payment: Payment) => void,
  ) {
    super({ status: 'idle' });
    this.#api = api;
    this.#current = current;
    this.#onSettled = onSettled;
  }

  /** Captures the authorised amount, or `amount` (whole rupiah, at most 120 % of the hold). */
  capture(amount?: number): Promise<void> {
    const p = this.#current();
    if (amount !== undefined && !(Number.isSafeInteger(amount) && amount > 0))
      return this.#refuse('capture', {
        code: 'INVALID_AMOUNT',
        message: 'The capture amount must be a positive whole number of rupiah.',
      });
    if (p && amount !== undefined && amount > maxCaptureAmount(p.amount))
      return this.#refuse('capture', {
        code: 'CAPTURE_EXCEEDS_AUTHORIZATION',
        message: `A capture can be at most ${maxCaptureAmount(p.amount)} (120% of the authorised amount).`,
      });
    return this.#send('capture', amount ?? null, (key) =>
      this.#api.capturePayment(this.paymentId, amount !== undefined ? { amount } : {}, key),
    );
  }

  /** Releases the hold: the shopper's money is no longer reserved. */
  void(reason?: string): Promise<void> {
    return this.#send('void', null, (key) =>
      this.#api.voidPayment(this.paymentId, reason ? { reason } : {}, key),
    );
  }

  reset(): void {
    this.#pending = null;
    this.setState({ status: 'idle' });
  }

  async #refuse(action: PaymentAction, error: FlowError) {
    this.setState({ status: 'failed', action, error, retryable: false });
  }

  async #send(
    action: PaymentAction,
    amount: number | null,
    call: (key: string) => Promise<Payment>,
  ): Promise<void> {
    const s = this.getState();
    if (s.status === 'capturing' || s.status === 'voiding') return;
    const p = this.#current();
    if (p && p.status !== 'authorized')
      return this.#refuse(action, {
        code: 'INVALID_STATE',
        message: `Only an authorised payment can be ${action === 'capture' ? 'captured' : 'voided'}.`,
      });
    const reuse =
      s.status === 'failed' &&
      s.retryable &&
      this.#pending?.action === action &&
      this.#pending.amount === amount;
    this.#pending = reuse && this.#pending ? this.#pending : { action, amount, key: newIdempotencyKey() };
    this.setState(action === 'capture' ? { status: 'capturing', amount } : { status: 'voiding' });
    try {
      const payment = await call(this.#pending.key);
      this.#onSettled?.(payment);
      if (action === 'capture' && payment.status === 'succeeded')
        this.setState({ status: 'captured', payment });
      else if (action === 'void' && payment.status === 'voided') this.setState({ status: 'voided', payment });
      else
        this.setState({
          status: 'failed',
          action,
          retryable: false,
          error: payment.failure ?? { code: 'INVALID_STATE', message: `The payment is ${payment.status}.` },
        });
    } catch (err) {
      const error = toFlowError(err);
      this.setState({ status: 'failed', action, error, retryable: isRetryableTransport(error) });
    }
  }
}
