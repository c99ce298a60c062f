import { otpCheck, type Unbinding, validate } from '@ayokit/core';
import { type AyoApi, newIdempotencyKey } from '../api';
import { type LiveHub, watch } from '../live';
import { Observable } from '../observable';
import { type FlowError, resendRefusal, toFlowError } from './errors';

export type UnbindingState =
  | { status: 'idle' }
  | { status: 'confirming'; instrumentId: string }
  | { status: 'unbinding'; instrumentId: string }
  | {
      status: 'requiresOtp';
      unbinding: Unbinding;
      attemptsLeft: number;
      lastError: FlowError | null;
      /** How many new codes may still be asked for, and not before when (null: now). */
      resendsLeft: number;
      resendAvailableAt: string | null;
      resending: boolean;
    }
  | { status: 'submittingOtp'; unbinding: Unbinding }
  | { status: 'processing'; unbinding: Unbinding }
  | { status: 'succeeded'; unbinding: Unbinding }
  | { status: 'failed'; error: FlowError; unbinding: Unbinding | null };

/** Removing a saved account: confirm → unbind → (OTP for BNI, Danamon) → done. */
export class UnbindingFlow extends Observable<UnbindingState> {
  #stopWatch: (() => void) | null = null;
  #key: { instrumentId: string; key: string } | null = null;

  readonly #api: AyoApi;
  readonly #live: LiveHub;
  readonly #onSettled: (() => void) | undefined;

  constructor(api: AyoApi, live: LiveHub, onSettled?: () => void) {
    super({ status: 'idle' });
    this.#api = api;
    this.#live = live;
    this.#onSettled = onSettled;
  }

  /** The confirm step: nothing is sent yet. */
  request(instrumentId: string): void {
    this.setState({ status: 'confirming', instrumentId });
  }

  async confirm(): Promise<void> {
    const s = this.getState();
    const instrumentId =
      s.status === 'confirming'
        ? s.instrumentId
        : s.status === 'failed' && this.#key
          ? this.#key.instrumentId
          : null;
    if (!instrumentId) return;
    if (this.#key?.instrumentId !== instrumentId) this.#key = { instrumentId, key: newIdempotencyKey() };
    this.setState({ status: 'unbinding', instrumentId });
    try {
      this.#apply(await this.#api.startUnbinding(instrumentId, this.#key.key));
    } catch (err) {
      this.setState({ status: 'failed', error: toFlowError(err), unbinding: null });
    }
  }

  /** Asks the bank for a new OTP; refused here (RATE_LIMITED) before it may be. True when sent. */
  async resendOtp(): Promise<boolean> {
    const s = this.getState();
    if (s.status !== 'requiresOtp' || s.resending) return false;
    const refusal = resendRefusal(s.unbinding.otp, this.#live.now());
    if (refusal) {
      this.setState({ ...s, lastError: refusal });
      return false;
    }
    this.setState({ ...s, resending: true });
    try {
      this.#apply(await this.#api.resendUnbindingOtp(s.unbinding.id));
      return true;
    } catch (err) {
      this.setState({ ...s, resending: false, lastError: toFlowError(err) });
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
    this.setState({ status: 'submittingOtp', unbinding: s.unbinding });
    try {
      this.#apply(await this.#api.submitUnbindingOtp(s.unbinding.id, otp));
    } catch (err) {
      this.setState({ ...s, lastError: toFlowError(err) });
    }
  }

  cancel(): void {
    this.#stopWatch?.();
    this.#stopWatch = null;
    this.#key = null;
    this.setState({ status: 'idle' });
  }

  dispose(): void {
    this.#stopWatch?.();
    this.#stopWatch = null;
  }

  #apply(u: Unbinding) {
    switch (u.status) {
      case 'requires_otp':
        this.setState({
          status: 'requiresOtp',
          unbinding: u,
          attemptsLeft: u.otp?.attemptsLeft ?? 0,
          lastError: u.otp?.lastError ?? null,
          resendsLeft: u.otp?.resendsLeft ?? 0,
          resendAvailableAt: u.otp?.resendAvailableAt ?? null,
          resending: false,
        });
        return;
      case 'processing':
        this.setState({ status: 'processing', unbinding: u });
        this.#stopWatch ??= watch<Unbinding>({
          live: this.#live,
          type: 'unbinding',
          id: u.id,
          read: () => this.#api.getUnbinding(u.id),
          fromEvent: (e) => (e.type === 'unbinding' ? e.data : null),
          settled: (x) => x.status === 'succeeded' || x.status === 'failed',
          onUpdate: (x) => {
            if (x.status !== 'processing') this.#apply(x);
          },
          onGiveUp: () => undefined,
          deadline: this.#live.now() + (this.#live.waitLimitMs ?? 2 * 60_000),
        });
        return;
      case 'succeeded':
        this.dispose();
        this.#key = null;
        this.setState({ status: 'succeeded', unbinding: u });
        this.#onSettled?.();
        return;
      case 'failed':
        this.dispose();
        this.setState({
          status: 'failed',
          unbinding: u,
          error: u.failure ?? { code: 'UPSTREAM_REJECTED', message: 'The bank did not unbind the account.' },
        });
        return;
      default:
        u.status satisfies never;
    }
  }
}
