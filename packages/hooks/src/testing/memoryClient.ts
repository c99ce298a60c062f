import {
  AyoError,
  type BankCode,
  type BankView,
  type Binding,
  bankViews,
  type CreateBindingRequest,
  type CreatePaymentRequest,
  type CreateRefundRequest,
  type Failure,
  getBank,
  type Instrument,
  type LiveEvent,
  type Payment,
  paymentNeedsOtp,
  type Refund,
  rebindingBlockedFor,
  type Unbinding,
} from '@ayokit/core';
import type { AyoApi } from '../api';

/** What the in-memory backend does next; every field can be changed between steps. */
export interface MemoryScenario {
  /** How a started binding ends when `completeBinding()` is called (or at once with `autoComplete`). */
  bindingOutcome: 'succeeded' | 'failed' | 'expired';
  bindingFailure: Failure;
  /** Complete bindings by themselves after this many ms (null: only by `completeBinding()`). */
  autoCompleteBindingMs: number | null;
  /** How a payment ends after OTP (or at once when no OTP is needed). */
  paymentOutcome: 'succeeded' | 'failed' | 'processing';
  paymentFailure: Failure;
  /** Force the OTP step regardless of the bank's rules. */
  forceOtp: boolean | null;
  refundOutcome: 'succeeded' | 'failed' | 'processing';
  /** The next call of this method rejects with this error, once. */
  failNext: { method: keyof AyoApi; error: AyoError } | null;
  /** Whether the live stream is up (false: flows poll). */
  live: boolean;
  latencyMs: number;
  otp: string;
}

export interface MemoryClientOptions {
  instruments?: Instrument[];
  payments?: Payment[];
  refunds?: Refund[];
  scenario?: Partial<MemoryScenario>;
  /** The clock its timestamps start from (ms); default now. Flows wait relative to real time. */
  now?: number;
}

const DEFAULT_SCENARIO: MemoryScenario = {
  bindingOutcome: 'succeeded',
  bindingFailure: {
    code: 'BINDING_REFUSED',
    message: 'The bank refused to bind this account again ("Request Not Allowed").',
  },
  autoCompleteBindingMs: null,
  paymentOutcome: 'succeeded',
  paymentFailure: {
    code: 'INSUFFICIENT_FUNDS',
    message: 'The account has insufficient funds.',
    responseCode: '4035414',
  },
  forceOtp: null,
  refundOutcome: 'succeeded',
  failNext: null,
  live: true,
  latencyMs: 0,
  otp: '123456',
};

/** A tiny, accessible stand-in for the bank's page (stories show it in the iframe dialog). */
const MEMORY_BANK_PAGE = `data:text/html;charset=utf-8,${encodeURIComponent(
  '<!doctype html><html lang="en"><head><title>Bank page (in-memory)</title></head><body><main><h1>Bank page</h1><p>In-memory bank: the story completes the binding.</p></main></body></html>',
)}`;

let seq = 0;
const id = (prefix: string) => `${prefix}_${String(++seq).padStart(24, '0')}`;

/**
 * A deterministic, in-memory `/ayokit/v1` for Storybook and tests: the contract's shapes, the
 * banks' rules from core, and scripted outcomes. Never a live server.
 */
export class MemoryAyoClient implements AyoApi {
  readonly scenario: MemoryScenario;
  instruments: Instrument[];
  payments: Payment[];
  refunds: Refund[];
  bindings: Binding[] = [];
  unbindings: Unbinding[] = [];
  calls: { method: keyof AyoApi; args: unknown[] }[] = [];
  private readonly listeners = new Set<{ onEvent: (e: LiveEvent) => void; onState: (c: boolean) => void }>();
  private readonly keys = new Map<string, string>();
  private clock: number;

  constructor(options: MemoryClientOptions = {}) {
    this.scenario = { ...DEFAULT_SCENARIO, ...options.scenario };
    this.instruments = options.instruments ?? [];
    this.payments = options.payments ?? [];
    this.refunds = options.refunds ?? [];
    this.clock = options.now ?? Date.now();
  }

  private iso(offsetMs = 0) {
    return new Date(this.clock + offsetMs).toISOString();
  }

  private async step<T>(method: keyof AyoApi, args: unknown[], fn: () => T): Promise<T> {
    this.calls.push({ method, args });
    if (this.scenario.latencyMs) await new Promise((r) => setTimeout(r, this.scenario.latencyMs));
    if (this.scenario.failNext?.method === method) {
      const { error } = this.scenario.failNext;
      this.scenario.failNext = null;
      throw error;
    }
    return structuredClone(fn());
  }

  private emit(event: LiveEvent) {
    if (!this.scenario.live) return;
    for (const l of this.listeners) l.onEvent(structuredClone(event));
  }

  /** Idempotency: the same key returns what it made the first time. */
  private once<T extends { id: string }>(key: string, list: T[], make: () => T): T {
    const existing = this.keys.get(key);
    if (existing) return list.find((x) => x.id === existing)!;
    const made = make();
    this.keys.set(key, made.id);
    return made;
  }

  listBanks() {
    return this.step('listBanks', [], (): BankView[] =>
      bankViews(this.instruments.filter((i) => i.status !== 'unbound').map((i) => i.bankCode)),
    );
  }

  startBinding(input: CreateBindingRequest, key: string) {
    return this.step('startBinding', [input, key], () =>
      this.once(key, this.bindings, () => {
        if (
          input.bankCode &&
          rebindingBlockedFor(
            getBank(input.bankCode),
            this.instruments.filter((i) => i.bankCode === input.bankCode && i.status !== 'unbound').length,
          )
        ) {
          throw new AyoError('REBINDING_NOT_ALLOWED');
        }
        const b: Binding = {
          id: id('bnd'),
          status: 'in_progress',
          bankCode: input.bankCode ?? null,
          webviewUrl: MEMORY_BANK_PAGE,
          expiresAt: this.iso(3 * 60_000),
          instrumentId: null,
          failure: null,
          createdAt: this.iso(),
          updatedAt: this.iso(),
        };
        this.bindings.push(b);
        if (this.scenario.autoCompleteBindingMs !== null) {
          setTimeout(() => this.completeBinding(b.id), this.scenario.autoCompleteBindingMs);
        }
        return b;
      }),
    );
  }

  getBinding(bindingId: string) {
    return this.step('getBinding', [bindingId], () => this.find(this.bindings, bindingId));
  }

  /** The shopper finished (or abandoned) the bank's page: the scenario decides how. */
  completeBinding(bindingId: string, bankCode: BankCode = '002', last4 = '7890'): Binding {
    const b = this.find(this.bindings, bindingId);
    if (b.status !== 'in_progress' && b.status !== 'verification_pending') return b;
    b.updatedAt = this.iso();
    if (this.scenario.bindingOutcome === 'succeeded') {
      const ins: Instrument = {
        id: id('ins'),
        type: 'bank_account',
        bankCode: b.bankCode ?? bankCode,
        bankName: getBank(b.bankCode ?? bankCode).shortName,
        maskedNumber: `******${last4}`,
        status: 'active',
        expiresAt: null,
        isDefault: !this.instruments.some((i) => i.status === 'active'),
        createdAt: this.iso(),
      };
      this.instruments.push(ins);
      Object.assign(b, {
        status: 'succeeded',
        instrumentId: ins.id,
        webviewUrl: null,
        bankCode: ins.bankCode,
      });
      this.emit({ type: 'instrument', data: ins });
    } else {
      const failure =
        this.scenario.bindingOutcome === 'expired'
          ? {
              code: 'SESSION_EXPIRED' as const,
              message: 'The bank page expired before the binding was finished.',
            }
          : this.scenario.bindingFailure;
      Object.assign(b, { status: 'failed', failure, webviewUrl: null });
    }
    this.emit({ type: 'binding', data: b });
    return structuredClone(b);
  }

  listInstruments() {
    return this.step('listInstruments', [], () => this.instruments.filter((i) => i.status !== 'unbound'));
  }

  setDefaultInstrument(instrumentId: string) {
    return this.step('setDefaultInstrument', [instrumentId], () => {
      const target = this.find(this.instruments, instrumentId);
      for (const i of this.instruments) i.isDefault = i.id === target.id;
      return target;
    });
  }

  startUnbinding(instrumentId: string, key: string) {
    return this.step('startUnbinding', [instrumentId, key], () =>
      this.once(key, this.unbindings, () => {
        const ins = this.find(this.instruments, instrumentId);
        const otp = getBank(ins.bankCode).unbindingOtp;
        const u: Unbinding = {
          id: id('unb'),
          instrumentId,
          status: otp ? 'requires_otp' : 'succeeded',
          otp: otp ? { attemptsLeft: 3, expiresAt: this.iso(5 * 60_000), lastError: null } : null,
          failure: null,
          createdAt: this.iso(),
          updatedAt: this.iso(),
        };
        if (!otp) ins.status = 'unbound';
        this.unbindings.push(u);
        return u;
      }),
    );
  }

  getUnbinding(unbindingId: string) {
    return this.step('getUnbinding', [unbindingId], () => this.find(this.unbindings, unbindingId));
  }

  submitUnbindingOtp(unbindingId: string, otp: string) {
    return this.step('submitUnbindingOtp', [unbindingId, otp], () => {
      const u = this.find(this.unbindings, unbindingId);
      if (u.status !== 'requires_otp') return u;
      if (otp === this.scenario.otp) {
        Object.assign(u, { status: 'succeeded', otp: null });
        this.find(this.instruments, u.instrumentId).status = 'unbound';
      } else this.wrongOtp(u);
      return u;
    });
  }

  createPayment(input: CreatePaymentRequest, key: string) {
    return this.step('createPayment', [input, key], () =>
      this.once(key, this.payments, () => {
        const ins = this.instruments.find((i) => i.id === input.instrumentId);
        if (!ins) throw new AyoError('NOT_FOUND', 'No such saved account.');
        if (ins.status !== 'active') throw new AyoError('INSTRUMENT_NOT_ACTIVE');
        const otp = this.scenario.forceOtp ?? paymentNeedsOtp(getBank(ins.bankCode), input.amount);
        const p: Payment = {
          id: id('pay'),
          instrumentId: ins.id,
          amount: input.amount,
          currency: 'IDR',
          description: input.description ?? null,
          orderId: input.orderId ?? null,
          status: 'processing',
          otp: null,
          failure: null,
          refundedAmount: 0,
          createdAt: this.iso(),
          updatedAt: this.iso(),
        };
        this.payments.unshift(p);
        if (otp)
          Object.assign(p, {
            status: 'requires_otp',
            otp: { attemptsLeft: 3, expiresAt: this.iso(5 * 60_000), lastError: null },
          });
        else this.settle(p);
        return p;
      }),
    );
  }

  getPayment(paymentId: string) {
    return this.step('getPayment', [paymentId], () => this.find(this.payments, paymentId));
  }

  listPayments() {
    return this.step('listPayments', [], () => this.payments);
  }

  submitPaymentOtp(paymentId: string, otp: string) {
    return this.step('submitPaymentOtp', [paymentId, otp], () => {
      const p = this.find(this.payments, paymentId);
      if (p.status !== 'requires_otp') return p;
      if (otp === this.scenario.otp) {
        Object.assign(p, { otp: null, status: 'processing' });
        this.settle(p);
      } else if (this.wrongOtp(p)) {
        Object.assign(p, {
          status: 'failed',
          otp: null,
          failure: {
            code: 'OTP_BLOCKED',
            message: 'Too many wrong OTPs: the account is blocked by the bank.',
            responseCode: '4030411',
          },
        });
        this.find(this.instruments, p.instrumentId).status = 'blocked';
      }
      return p;
    });
  }

  /** Finishes a payment left processing (a story's "bank answers now"). */
  settlePayment(paymentId: string, outcome: 'succeeded' | 'failed' = 'succeeded'): Payment {
    const p = this.find(this.payments, paymentId);
    if (p.status !== 'processing') return p;
    Object.assign(
      p,
      outcome === 'succeeded'
        ? { status: 'succeeded' }
        : { status: 'failed', failure: this.scenario.paymentFailure },
    );
    p.updatedAt = this.iso();
    this.emit({ type: 'payment', data: p });
    return structuredClone(p);
  }

  createRefund(paymentId: string, input: CreateRefundRequest, key: string) {
    return this.step('createRefund', [paymentId, input, key], () =>
      this.once(key, this.refunds, () => {
        const p = this.find(this.payments, paymentId);
        if (p.status !== 'succeeded')
          throw new AyoError('INVALID_STATE', 'Only a succeeded payment can be refunded.');
        const left = p.amount - p.refundedAmount;
        const amount = input.amount ?? left;
        if (amount <= 0 || amount > left)
          throw new AyoError('REFUND_EXCEEDS_PAYMENT', `At most ${left} can still be refunded.`);
        const r: Refund = {
          id: id('rfd'),
          paymentId,
          amount,
          status: this.scenario.refundOutcome,
          failure:
            this.scenario.refundOutcome === 'failed'
              ? { code: 'REFUND_NOT_ALLOWED', message: 'The bank does not allow this refund.' }
              : null,
          createdAt: this.iso(),
          updatedAt: this.iso(),
        };
        if (r.status === 'succeeded') p.refundedAmount += amount;
        this.refunds.push(r);
        return r;
      }),
    );
  }

  listRefunds(paymentId: string) {
    return this.step('listRefunds', [paymentId], () => this.refunds.filter((r) => r.paymentId === paymentId));
  }

  subscribe(onEvent: (e: LiveEvent) => void, onState: (c: boolean) => void): () => void {
    const l = { onEvent, onState };
    this.listeners.add(l);
    queueMicrotask(() => onState(this.scenario.live));
    return () => this.listeners.delete(l);
  }

  private settle(p: Payment) {
    if (this.scenario.paymentOutcome === 'succeeded') p.status = 'succeeded';
    if (this.scenario.paymentOutcome === 'failed')
      Object.assign(p, { status: 'failed', failure: this.scenario.paymentFailure });
  }

  /** Returns true when that was the last attempt. */
  private wrongOtp(x: Payment | Unbinding): boolean {
    const left = (x.otp?.attemptsLeft ?? 1) - 1;
    x.otp = {
      attemptsLeft: left,
      expiresAt: x.otp?.expiresAt ?? null,
      lastError: { code: 'OTP_INVALID', message: 'The OTP is not correct.', responseCode: '4040415' },
    };
    return left <= 0;
  }

  private find<T extends { id: string }>(list: T[], itemId: string): T {
    const found = list.find((x) => x.id === itemId);
    if (!found) throw new AyoError('NOT_FOUND');
    return found;
  }
}

export function createMemoryClient(options?: MemoryClientOptions): MemoryAyoClient {
  return new MemoryAyoClient(options);
}
