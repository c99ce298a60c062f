import type { Payment, Refund } from '@ayokit/core';
import { type AyoApi, newIdempotencyKey } from '../api';
import { type LiveHub, watch } from '../live';
import { Observable } from '../observable';
import { type FlowError, isRetryableTransport, toFlowError } from './errors';

export type RefundState =
  | { status: 'idle' }
  | { status: 'refunding'; amount: number | null }
  | { status: 'processing'; refund: Refund }
  | { status: 'succeeded'; refund: Refund }
  | { status: 'failed'; error: FlowError; refund: Refund | null; retryable: boolean }
  | { status: 'stillProcessing'; refund: Refund };

/** Card payments are refunded in full only (the gateway's rule). */
export function refundsFullOnly(payment: Pick<Payment, 'instrumentType'>): boolean {
  return payment.instrumentType === 'card';
}

/** What is left to refund: the money taken (the capture, for a hold) minus what went back. */
export function refundableAmount(payment: Pick<Payment, 'capturedAmount' | 'refundedAmount'>): number {
  return Math.max(0, payment.capturedAmount - payment.refundedAmount);
}

/** A refund from the back office (staff routes): full by default, partial with an amount (bank accounts only). */
export class RefundFlow extends Observable<RefundState> {
  #pending: { amount: number | null; key: string } | null = null;
  #stopWatch: (() => void) | null = null;

  readonly #api: AyoApi;
  readonly #live: LiveHub;
  readonly #onSettled: (() => void) | undefined;
  readonly #current: () => Payment | undefined;

  constructor(
    api: AyoApi,
    live: LiveHub,
    readonly paymentId: string,
    onSettled?: () => void,
    /** The payment as last seen, for the checks made before sending. */
    current: () => Payment | undefined = () => undefined,
  ) {
    super({ status: 'idle' });
    this.#api = api;
    this.#live = live;
    this.#onSettled = onSettled;
    this.#current = current;
  }

  async refund(amount?: number, reason?: string): Promise<void> {
    const s = this.getState();
    if (s.status === 'refunding' || s.status === 'processing') return;
    if (amount !== undefined && !(Number.isSafeInteger(amount) && amount > 0)) {
      this.setState({
        status: 'failed',
        refund: null,
        retryable: false,
        error: {
          code: 'INVALID_AMOUNT',
          message: 'The refund amount must be a positive whole number of rupiah.',
        },
      });
      return;
    }
    const p = this.#current();
    if (p && amount !== undefined && refundsFullOnly(p) && amount !== refundableAmount(p)) {
      this.setState({
        status: 'failed',
        refund: null,
        retryable: false,
        error: { code: 'PARTIAL_REFUND_NOT_ALLOWED', message: 'Card payments can only be refunded in full.' },
      });
      return;
    }
    const a = amount ?? null;
    const reuse = s.status === 'failed' && s.retryable && this.#pending?.amount === a;
    this.#pending = reuse && this.#pending ? this.#pending : { amount: a, key: newIdempotencyKey() };
    this.setState({ status: 'refunding', amount: a });
    try {
      this.#apply(
        await this.#api.createRefund(
          this.paymentId,
          { ...(a ? { amount: a } : {}), ...(reason ? { reason } : {}) },
          this.#pending.key,
        ),
      );
    } catch (err) {
      const error = toFlowError(err);
      this.setState({ status: 'failed', refund: null, error, retryable: isRetryableTransport(error) });
    }
  }

  reset(): void {
    this.dispose();
    this.#pending = null;
    this.setState({ status: 'idle' });
  }

  dispose(): void {
    this.#stopWatch?.();
    this.#stopWatch = null;
  }

  #apply(r: Refund) {
    switch (r.status) {
      case 'processing':
        this.setState({ status: 'processing', refund: r });
        this.#stopWatch ??= watch<Refund>({
          live: this.#live,
          type: 'refund',
          id: r.id,
          read: async () =>
            (await this.#api.listStaffRefunds(this.paymentId)).find((x) => x.id === r.id) ?? r,
          fromEvent: (e) => (e.type === 'refund' ? e.data : null),
          settled: (x) => x.status !== 'processing',
          onUpdate: (x) => {
            if (x.status !== 'processing') this.#apply(x);
          },
          onGiveUp: () => {
            this.#stopWatch = null;
            const s = this.getState();
            if (s.status === 'processing') this.setState({ status: 'stillProcessing', refund: s.refund });
          },
          deadline: this.#live.now() + (this.#live.waitLimitMs ?? 5 * 60_000),
        });
        return;
      case 'succeeded':
        this.dispose();
        this.setState({ status: 'succeeded', refund: r });
        this.#onSettled?.();
        return;
      case 'failed':
        this.dispose();
        this.setState({
          status: 'failed',
          refund: r,
          retryable: false,
          error: r.failure ?? { code: 'REFUND_NOT_ALLOWED', message: 'The bank refused the refund.' },
        });
        return;
      default:
        r.status satisfies never;
    }
  }
}
