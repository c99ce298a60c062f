import {
  type AuditAction,
  type AuditEntry,
  AyoError,
  type BankCode,
  type BankView,
  type Binding,
  bankViews,
  type Capabilities,
  type CapturePaymentRequest,
  type CardInstrument,
  type CardRegistration,
  CHECKOUT_DEFAULT_TTL_SECONDS,
  type Checkout,
  type CreateBindingRequest,
  type CreateCardRegistrationRequest,
  type CreateCheckoutRequest,
  type CreateRefundRequest,
  createCheckoutRequest,
  type Failure,
  getBank,
  type Instrument,
  type LiveEvent,
  maxCaptureAmount,
  type OtpChallenge,
  type PayCheckoutRequest,
  type Payment,
  payCheckoutRequest,
  paymentNeedsOtp,
  type Refund,
  rebindingBlockedFor,
  STAFF_ROLES,
  type StaffIdentity,
  type StaffListPaymentsQuery,
  type StaffPayment,
  type Unbinding,
  type VoidPaymentRequest,
} from '@ayokit/core';
import type { Audience, AuditQuery, AyoApi } from '../api';
import {
  behaviourOf,
  brandOf,
  CARD_DECLINES,
  type CardPageEntry,
  luhnValid,
  MEMORY_CARD_PAGE_MESSAGE,
  memoryCardPage,
  TEST_CARDS,
} from './memoryCards';

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
  /** The card `completeCardRegistration()` registers when it is not given one. */
  cardNumber: string;
  /** How long the network-error test card stays `processing` before it succeeds (ms). */
  cardProcessingMs: number;
  /** How long an authorisation holds (ms). */
  authorizationMs: number;
  /** How many new OTPs may be asked for, and how long before each (ms, real time). */
  otpResends: number;
  resendAfterMs: number;
  /** The next call of this method rejects with this error, once. */
  failNext: { method: keyof AyoApi; error: AyoError } | null;
  /** Whether the live stream is up (false: flows poll). */
  live: boolean;
  latencyMs: number;
  otp: string;
}

/** A checkout as the proxy keeps it: whose it is, too (the shopper never sees that). */
export type MemoryCheckout = Checkout & { userId: string };

export interface MemoryClientOptions {
  /** The signed-in shopper (what the merchant's `authenticate` returns); default `shopper-1`. */
  userId?: string;
  instruments?: Instrument[];
  /** The shopper's payments (a `Payment`), or anyone's (a `StaffPayment` with its `userId`). */
  payments?: (Payment | StaffPayment)[];
  refunds?: Refund[];
  /** Checkouts made by the merchant's server; the shopper's unless they carry another `userId`. */
  checkouts?: (Checkout & { userId?: string })[];
  /**
   * Who `authorizeStaff` says is signed in to the back office (default: a member of staff with
   * every role); null: nobody (every staff call is UNAUTHENTICATED).
   */
  staff?: StaffIdentity | null;
  /** The audit trail so far, newest first. */
  audit?: AuditEntry[];
  scenario?: Partial<MemoryScenario>;
  /**
   * What its provider's API offers (default: everything). `{ otpResend: false, cardRefund: false }`
   * is Ayoconnect's reference profile: a resend or a card refund is then refused (NOT_SUPPORTED).
   */
  capabilities?: Partial<Capabilities>;
  /**
   * Its clock: a start time (epoch ms) from which it runs at real speed (fake timers included), or
   * a clock function; default `Date.now`. Give the provider the same clock: `now={client.now}`.
   */
  now?: number | (() => number);
}

/** The member of staff signed in by default: every role. */
export const MEMORY_STAFF: StaffIdentity = {
  id: 'staff-dewi',
  name: 'Dewi Lestari',
  roles: [...STAFF_ROLES],
};

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
  cardNumber: TEST_CARDS.visa,
  cardProcessingMs: 1_500,
  authorizationMs: 7 * 24 * 60 * 60_000,
  otpResends: 3,
  resendAfterMs: 30_000,
  failNext: null,
  live: true,
  latencyMs: 0,
  otp: '123456',
};

/** A tiny, accessible stand-in for the bank's page (stories show it in the iframe dialog). */
const MEMORY_BANK_PAGE = `data:text/html;charset=utf-8,${encodeURIComponent(
  '<!doctype html><html lang="en"><head><title>Bank page (in-memory)</title></head><body><main><h1>Bank page</h1><p>In-memory bank: the story completes the binding.</p></main></body></html>',
)}`;

/** A clock that reads `start` now and then runs at real speed (and with fake timers). */
export function clockFrom(start: number): () => number {
  const offset = start - Date.now();
  return () => Date.now() + offset;
}

let seq = 0;
const id = (prefix: string) => `${prefix}_${String(++seq).padStart(24, '0')}`;

/**
 * A deterministic, in-memory proxy for Storybook and tests: the shopper's `/ayokit/v1` and the
 * back office's `/ayokit/staff/v1` with the contract's shapes, the banks' rules from core, and
 * scripted outcomes. Never a live server. Like the proxy, it pays a checkout (amount, order and
 * mode fixed by the merchant's server) at most once, lets staff refund, capture and void by role,
 * and writes every one of those actions, accepted or refused, to the audit trail.
 */
export class MemoryAyoClient implements AyoApi {
  readonly scenario: MemoryScenario;
  readonly userId: string;
  instruments: Instrument[];
  payments: StaffPayment[];
  refunds: Refund[];
  checkouts: MemoryCheckout[];
  staff: StaffIdentity | null;
  audit: AuditEntry[];
  /** What its provider's API offers; change it between steps. */
  capabilities: Capabilities;
  bindings: Binding[] = [];
  cardRegistrations: CardRegistration[] = [];
  unbindings: Unbinding[] = [];
  calls: { method: keyof AyoApi; args: unknown[] }[] = [];
  private readonly listeners = new Set<{ onEvent: (e: LiveEvent) => void; onState: (c: boolean) => void }>();
  private readonly keys = new Map<string, { id: string; request: string }>();
  /** Its clock (epoch ms): every timestamp it writes and every rule it checks reads this. */
  readonly now: () => number;
  private pageListener: ((e: MessageEvent) => void) | null = null;

  constructor(options: MemoryClientOptions = {}) {
    this.scenario = { ...DEFAULT_SCENARIO, ...options.scenario };
    this.userId = options.userId ?? 'shopper-1';
    this.instruments = options.instruments ?? [];
    this.payments = (options.payments ?? []).map((p) => ({ userId: this.userId, ...p }));
    this.refunds = options.refunds ?? [];
    this.now = typeof options.now === 'number' ? clockFrom(options.now) : (options.now ?? Date.now);
    this.checkouts = (options.checkouts ?? []).map((c) => ({ userId: this.userId, ...c }));
    this.staff = options.staff === undefined ? structuredClone(MEMORY_STAFF) : options.staff;
    this.audit = options.audit ?? [];
    this.capabilities = { otpResend: true, cardRefund: true, cardVoid: true, ...options.capabilities };
  }

  /** Refuses, as the proxy does, what the provider's API lacks. */
  private supports(name: keyof Capabilities) {
    if (!this.capabilities[name]) throw new AyoError('NOT_SUPPORTED');
  }

  getCapabilities(audience: Audience) {
    return this.step('getCapabilities', [audience], () => {
      if (audience === 'staff') this.signedInStaff();
      return this.capabilities;
    });
  }

  private iso(offsetMs = 0) {
    return new Date(this.now() + offsetMs).toISOString();
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

  /**
   * Idempotency: the same key with the same request returns what it made the first time; the
   * same key with another request is IDEMPOTENCY_KEY_REUSED. A refused request stores nothing.
   */
  private once<T extends { id: string }>(key: string, request: unknown[], list: T[], make: () => T): T {
    const fingerprint = JSON.stringify(request);
    const existing = this.keys.get(key);
    if (existing && existing.request !== fingerprint) throw new AyoError('IDEMPOTENCY_KEY_REUSED');
    if (existing) return list.find((x) => x.id === existing.id)!;
    const made = make();
    this.keys.set(key, { id: made.id, request: fingerprint });
    return made;
  }

  listBanks() {
    return this.step('listBanks', [], (): BankView[] => bankViews(this.bankCodesHeld()));
  }

  startBinding(input: CreateBindingRequest, key: string) {
    return this.step('startBinding', [input, key], () =>
      this.once(key, ['binding', input], this.bindings, () => {
        if (
          input.bankCode &&
          rebindingBlockedFor(
            getBank(input.bankCode),
            this.bankCodesHeld().filter((code) => code === input.bankCode).length,
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

  startCardRegistration(input: CreateCardRegistrationRequest, key: string) {
    return this.step('startCardRegistration', [input, key], () =>
      this.once(key, ['cardRegistration', input], this.cardRegistrations, () => {
        const r: CardRegistration = {
          id: id('crg'),
          status: 'in_progress',
          webviewUrl: null,
          expiresAt: this.iso(10 * 60_000),
          instrumentId: null,
          failure: null,
          createdAt: this.iso(),
          updatedAt: this.iso(),
        };
        r.webviewUrl = memoryCardPage(r.id, input.locale ?? 'en');
        this.cardRegistrations.push(r);
        this.listenToCardPage();
        return r;
      }),
    );
  }

  getCardRegistration(registrationId: string) {
    return this.step('getCardRegistration', [registrationId], () =>
      this.find(this.cardRegistrations, registrationId),
    );
  }

  /**
   * The shopper submitted the gateway's page (what the simulated page posts, or a story's
   * shortcut): the test card decides. `'expired'`: the page's session ran out.
   */
  completeCardRegistration(
    registrationId: string,
    entry: CardPageEntry | 'expired' = { number: this.scenario.cardNumber, otp: this.scenario.otp },
  ): CardRegistration {
    const r = this.find(this.cardRegistrations, registrationId);
    if (r.status !== 'in_progress') return structuredClone(r);
    r.updatedAt = this.iso();
    const fail = (failure: Failure) => Object.assign(r, { status: 'failed', failure, webviewUrl: null });
    const number = entry === 'expired' ? '' : entry.number.replace(/\D/g, '');
    const brand = brandOf(number);
    const behaviour = behaviourOf(number.slice(-4));
    const [mm, yy] = (entry === 'expired' ? '' : (entry.expiry ?? '12/30')).split('/').map(Number);
    if (entry === 'expired')
      fail({ code: 'SESSION_EXPIRED', message: 'The registration page expired before the card was added.' });
    else if (!brand || !luhnValid(number))
      fail({ code: 'PAYMENT_DECLINED', message: 'The card number is not valid.', responseCode: '4030101' });
    else if (behaviour === 'declined')
      fail({ code: 'PAYMENT_DECLINED', message: 'The card was declined.', responseCode: '4030105' });
    else if (behaviour === 'threeDSecure' && entry.otp !== this.scenario.otp)
      fail({
        code: 'AUTHENTICATION_FAILED',
        message: '3-D Secure was not completed.',
        responseCode: '4010100',
      });
    else if (!mm || mm > 12 || yy === undefined || Number.isNaN(yy))
      fail({ code: 'INVALID_REQUEST', message: 'The expiry date is not valid.' });
    else {
      const year = 2000 + yy;
      const card: CardInstrument = {
        id: id('ins'),
        type: 'card',
        brand,
        last4: number.slice(-4),
        expiryMonth: mm,
        expiryYear: year,
        maskedNumber: `•••• ${number.slice(-4)}`,
        status: 'active',
        // The card works until the end of its expiry month.
        expiresAt: new Date(Date.UTC(year, mm, 1) - 1).toISOString(),
        isDefault: !this.instruments.some((i) => i.status === 'active'),
        createdAt: this.iso(),
      };
      this.instruments.push(card);
      Object.assign(r, { status: 'succeeded', instrumentId: card.id, webviewUrl: null });
      this.emit({ type: 'instrument', data: card });
    }
    this.emit({ type: 'card_registration', data: r });
    return structuredClone(r);
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
      this.once(key, ['unbinding', instrumentId], this.unbindings, () => {
        const ins = this.find(this.instruments, instrumentId);
        // Cards unbind at once; some banks ask for an OTP.
        const otp = ins.type === 'bank_account' && getBank(ins.bankCode).unbindingOtp;
        const u: Unbinding = {
          id: id('unb'),
          instrumentId,
          status: otp ? 'requires_otp' : 'succeeded',
          otp: otp ? this.challenge() : null,
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

  resendUnbindingOtp(unbindingId: string) {
    return this.step('resendUnbindingOtp', [unbindingId], () => {
      const u = this.find(this.unbindings, unbindingId);
      this.resend(u);
      return u;
    });
  }

  // ---- checkouts: what the merchant's server makes, what the shopper pays -------------------

  /**
   * What the merchant's server does (`proxy.checkouts.create`): a checkout for a shopper (this
   * one unless `userId` says otherwise). INVALID_REQUEST on bad input, as the proxy.
   */
  createCheckout(input: Omit<CreateCheckoutRequest, 'userId'> & { userId?: string }): Checkout {
    const parsed = createCheckoutRequest.safeParse({ userId: this.userId, ...input });
    if (!parsed.success)
      throw new AyoError('INVALID_REQUEST', parsed.error.issues[0]?.message ?? 'Invalid checkout.');
    const c: MemoryCheckout = {
      id: id('chk'),
      userId: parsed.data.userId,
      status: 'open',
      amount: parsed.data.amount,
      currency: 'IDR',
      orderId: parsed.data.orderId,
      description: parsed.data.description ?? null,
      mode: parsed.data.mode ?? 'direct',
      expiresAt: new Date(
        this.now() + (parsed.data.expiresInSeconds ?? CHECKOUT_DEFAULT_TTL_SECONDS) * 1000,
      ).toISOString(),
      paymentId: null,
      createdAt: this.iso(),
      updatedAt: this.iso(),
    };
    this.checkouts.push(c);
    return this.shopperCheckout(c);
  }

  /** `proxy.checkouts.cancel`: only while open (INVALID_STATE otherwise). */
  cancelCheckout(checkoutId: string): Checkout {
    const c = this.find(this.checkouts, checkoutId);
    this.refreshCheckout(c);
    if (c.status !== 'open') throw new AyoError('INVALID_STATE', `The checkout is ${c.status}.`);
    Object.assign(c, { status: 'cancelled', updatedAt: this.iso() });
    return this.shopperCheckout(c);
  }

  /** Time runs out for an open checkout (a story's or a test's shortcut). */
  expireCheckout(checkoutId: string): Checkout {
    const c = this.find(this.checkouts, checkoutId);
    if (c.status === 'open')
      Object.assign(c, {
        status: 'expired',
        expiresAt: new Date(this.now()).toISOString(),
        updatedAt: this.iso(),
      });
    return this.shopperCheckout(c);
  }

  getCheckout(checkoutId: string) {
    return this.step('getCheckout', [checkoutId], () => this.shopperCheckout(this.ownCheckout(checkoutId)));
  }

  payCheckout(checkoutId: string, input: PayCheckoutRequest, key: string) {
    return this.step('payCheckout', [checkoutId, input, key], () =>
      this.shopperPayment(
        this.once(key, ['payCheckout', checkoutId, input], this.payments, () => {
          const body = payCheckoutRequest.safeParse(input);
          if (!body.success) throw new AyoError('INVALID_REQUEST', body.error.issues[0]?.message);
          const c = this.ownCheckout(checkoutId);
          if (c.status === 'paid') throw new AyoError('CHECKOUT_PAID');
          if (c.status === 'processing') throw new AyoError('CHECKOUT_IN_PROGRESS');
          if (c.status === 'expired') throw new AyoError('CHECKOUT_EXPIRED');
          if (c.status === 'cancelled') throw new AyoError('CHECKOUT_CANCELLED');
          const ins = this.instruments.find((i) => i.id === body.data.instrumentId);
          if (!ins) throw new AyoError('NOT_FOUND', 'No such saved account.');
          if (ins.status !== 'active') throw new AyoError('INSTRUMENT_NOT_ACTIVE');
          if (c.mode === 'authorize' && ins.type !== 'card') throw new AyoError('MODE_NOT_SUPPORTED');
          const behaviour = ins.type === 'card' ? behaviourOf(ins.last4) : null;
          const otp =
            this.scenario.forceOtp ??
            (ins.type === 'card'
              ? behaviour === 'threeDSecure'
              : paymentNeedsOtp(getBank(ins.bankCode), c.amount));
          const p: StaffPayment = {
            id: id('pay'),
            userId: this.userId,
            instrumentId: ins.id,
            instrumentType: ins.type,
            mode: c.mode,
            capturedAmount: 0,
            authorizationExpiresAt: null,
            amount: c.amount,
            currency: 'IDR',
            description: c.description,
            orderId: c.orderId,
            checkoutId: c.id,
            status: 'processing',
            otp: null,
            failure: null,
            refundedAmount: 0,
            createdAt: this.iso(),
            updatedAt: this.iso(),
          };
          this.payments.unshift(p);
          if (otp) Object.assign(p, { status: 'requires_otp', otp: this.challenge() });
          else this.settle(p);
          this.syncCheckout(p);
          return p;
        }),
      ),
    );
  }

  // ---- the shopper's payments ---------------------------------------------------------------

  getPayment(paymentId: string) {
    return this.step('getPayment', [paymentId], () => this.shopperPayment(this.ownPayment(paymentId)));
  }

  listPayments() {
    return this.step('listPayments', [], () =>
      this.payments.filter((p) => p.userId === this.userId).map((p) => this.shopperPayment(p)),
    );
  }

  submitPaymentOtp(paymentId: string, otp: string) {
    return this.step('submitPaymentOtp', [paymentId, otp], () => {
      const p = this.ownPayment(paymentId);
      if (p.status !== 'requires_otp') return this.shopperPayment(p);
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
      this.syncCheckout(p);
      return this.shopperPayment(p);
    });
  }

  resendPaymentOtp(paymentId: string) {
    return this.step('resendPaymentOtp', [paymentId], () => {
      const p = this.ownPayment(paymentId);
      this.resend(p);
      return this.shopperPayment(p);
    });
  }

  listRefunds(paymentId: string) {
    return this.step('listRefunds', [paymentId], () => {
      this.ownPayment(paymentId);
      return this.refunds.filter((r) => r.paymentId === paymentId);
    });
  }

  /** The hold ran out before a capture: the gateway voids it. */
  expireAuthorization(paymentId: string): Payment {
    const p = this.find(this.payments, paymentId);
    if (p.status !== 'authorized') return this.shopperPayment(p);
    Object.assign(p, {
      status: 'voided',
      authorizationExpiresAt: null,
      failure: {
        code: 'AUTHORIZATION_EXPIRED',
        message: 'The authorisation expired before it was captured.',
      },
      updatedAt: this.iso(),
    });
    this.emitPayment(p);
    return this.shopperPayment(p);
  }

  /** Finishes a payment left processing (a story's "bank answers now"). */
  settlePayment(paymentId: string, outcome: 'succeeded' | 'failed' = 'succeeded'): Payment {
    const p = this.find(this.payments, paymentId);
    if (p.status !== 'processing') return this.shopperPayment(p);
    if (outcome === 'succeeded') this.succeed(p);
    else Object.assign(p, { status: 'failed', failure: this.scenario.paymentFailure });
    p.updatedAt = this.iso();
    this.syncCheckout(p);
    this.emitPayment(p);
    return this.shopperPayment(p);
  }

  // ---- the back office (`/ayokit/staff/v1`) -------------------------------------------------

  getStaff() {
    return this.step('getStaff', [], () => this.signedInStaff());
  }

  listStaffPayments(query: StaffListPaymentsQuery = {}) {
    return this.step('listStaffPayments', [query], () => {
      this.staffMay('read');
      return this.payments
        .filter(
          (p) =>
            (!query.status || p.status === query.status) &&
            (!query.userId || p.userId === query.userId) &&
            (!query.orderId || p.orderId === query.orderId) &&
            (!query.checkoutId || p.checkoutId === query.checkoutId),
        )
        .slice(0, query.limit ?? 50);
    });
  }

  getStaffPayment(paymentId: string) {
    return this.step('getStaffPayment', [paymentId], () => {
      this.staffMay('read');
      return this.find(this.payments, paymentId);
    });
  }

  listStaffRefunds(paymentId: string) {
    return this.step('listStaffRefunds', [paymentId], () => {
      this.staffMay('read');
      this.find(this.payments, paymentId);
      return this.refunds.filter((r) => r.paymentId === paymentId);
    });
  }

  listAuditEntries(query: AuditQuery = {}) {
    return this.step('listAuditEntries', [query], () => {
      this.staffMay('read');
      return this.audit
        .filter((e) => !query.paymentId || e.paymentId === query.paymentId)
        .slice(0, query.limit ?? 50);
    });
  }

  capturePayment(paymentId: string, input: CapturePaymentRequest, key: string) {
    return this.step('capturePayment', [paymentId, input, key], () =>
      this.once(key, ['capture', paymentId, input], this.payments, () =>
        this.audited('capture', paymentId, input.amount ?? null, null, () => {
          const p = this.find(this.payments, paymentId);
          if (p.status !== 'authorized')
            throw new AyoError('INVALID_STATE', 'Only an authorised payment can be captured.');
          const amount = input.amount ?? p.amount;
          if (amount > maxCaptureAmount(p.amount)) throw new AyoError('CAPTURE_EXCEEDS_AUTHORIZATION');
          Object.assign(p, {
            status: 'succeeded',
            capturedAmount: amount,
            authorizationExpiresAt: null,
            updatedAt: this.iso(),
          });
          this.emitPayment(p);
          return { result: p, refundId: null };
        }),
      ),
    );
  }

  voidPayment(paymentId: string, input: VoidPaymentRequest, key: string) {
    return this.step('voidPayment', [paymentId, input, key], () =>
      this.once(key, ['void', paymentId, input], this.payments, () =>
        this.audited('void', paymentId, null, input.reason ?? null, () => {
          this.supports('cardVoid');
          const p = this.find(this.payments, paymentId);
          if (p.status !== 'authorized')
            throw new AyoError('INVALID_STATE', 'Only an authorised payment can be voided.');
          Object.assign(p, { status: 'voided', authorizationExpiresAt: null, updatedAt: this.iso() });
          this.emitPayment(p);
          return { result: p, refundId: null };
        }),
      ),
    );
  }

  createRefund(paymentId: string, input: CreateRefundRequest, key: string) {
    return this.step('createRefund', [paymentId, input, key], () =>
      this.once(key, ['refund', paymentId, input], this.refunds, () =>
        this.audited('refund', paymentId, input.amount ?? null, input.reason ?? null, () => {
          const p = this.find(this.payments, paymentId);
          if (p.instrumentType === 'card') this.supports('cardRefund');
          if (p.status !== 'succeeded')
            throw new AyoError('INVALID_STATE', 'Only a succeeded payment can be refunded.');
          const left = p.capturedAmount - p.refundedAmount;
          const amount = input.amount ?? left;
          if (p.instrumentType === 'card' && amount !== left)
            throw new AyoError('PARTIAL_REFUND_NOT_ALLOWED');
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
          // The bank refused it at once: nothing moved.
          return { result: r, refundId: r.id, refused: r.failure?.code ?? null };
        }),
      ),
    );
  }

  subscribe(onEvent: (e: LiveEvent) => void, onState: (c: boolean) => void): () => void {
    const l = { onEvent, onState };
    this.listeners.add(l);
    queueMicrotask(() => onState(this.scenario.live));
    return () => this.listeners.delete(l);
  }

  private settle(p: Payment) {
    const ins = this.instruments.find((i) => i.id === p.instrumentId);
    const behaviour = ins?.type === 'card' ? behaviourOf(ins.last4) : null;
    const decline = behaviour ? CARD_DECLINES[behaviour] : undefined;
    if (decline) {
      Object.assign(p, { status: 'failed', failure: decline });
      return;
    }
    if (behaviour === 'networkError') {
      // The gateway's answer is lost at first; it comes a moment later.
      p.status = 'processing';
      setTimeout(() => this.settlePayment(p.id, 'succeeded'), this.scenario.cardProcessingMs);
      return;
    }
    if (this.scenario.paymentOutcome === 'succeeded') this.succeed(p);
    if (this.scenario.paymentOutcome === 'failed')
      Object.assign(p, { status: 'failed', failure: this.scenario.paymentFailure });
  }

  /** Money taken (direct) or held (authorize). */
  private succeed(p: Payment) {
    if (p.mode === 'authorize')
      Object.assign(p, {
        status: 'authorized',
        authorizationExpiresAt: this.iso(this.scenario.authorizationMs),
      });
    else Object.assign(p, { status: 'succeeded', capturedAmount: p.amount });
  }

  private challenge(): OtpChallenge {
    return {
      attemptsLeft: 3,
      expiresAt: this.iso(5 * 60_000),
      lastError: null,
      resendsLeft: this.scenario.otpResends,
      resendAvailableAt: this.iso(this.scenario.resendAfterMs),
    };
  }

  /** A new OTP, refused before its time or when none are left (RATE_LIMITED). */
  private resend(x: Payment | Unbinding) {
    this.supports('otpResend');
    if (x.status !== 'requires_otp' || !x.otp) throw new AyoError('INVALID_STATE', 'No OTP is pending.');
    const at = x.otp.resendAvailableAt ? Date.parse(x.otp.resendAvailableAt) : 0;
    if (x.otp.resendsLeft <= 0 || at > this.now()) throw new AyoError('RATE_LIMITED');
    x.otp = {
      ...x.otp,
      expiresAt: this.iso(5 * 60_000),
      lastError: null,
      resendsLeft: x.otp.resendsLeft - 1,
      resendAvailableAt: this.iso(this.scenario.resendAfterMs),
    };
  }

  /** Who is signed in to the back office; UNAUTHENTICATED when nobody is. */
  private signedInStaff(): StaffIdentity {
    if (!this.staff) throw new AyoError('UNAUTHENTICATED', 'No staff session.');
    return this.staff;
  }

  private staffMay(role: StaffIdentity['roles'][number]): StaffIdentity {
    const staff = this.signedInStaff();
    if (!staff.roles.includes(role))
      throw new AyoError('FORBIDDEN', `Your role does not allow this action (it needs "${role}").`);
    return staff;
  }

  /**
   * A staff action, written to the audit trail whether it is accepted or refused (a missing role
   * too); without a staff session there is nobody to record and nothing is done.
   */
  private audited<T>(
    action: AuditAction,
    paymentId: string,
    amount: number | null,
    reason: string | null,
    run: () => { result: T; refundId: string | null; refused?: string | null },
  ): T {
    const staff = this.signedInStaff();
    const entry = (result: 'accepted' | 'refused', errorCode: string | null, refundId: string | null) =>
      this.audit.unshift({
        id: id('aud'),
        at: new Date(this.now()).toISOString(),
        actor: { type: 'staff', id: staff.id, name: staff.name ?? null },
        action,
        paymentId,
        amount,
        reason,
        result,
        errorCode,
        refundId,
      });
    try {
      this.staffMay(action);
      const done = run();
      entry(done.refused ? 'refused' : 'accepted', done.refused ?? null, done.refundId);
      return done.result;
    } catch (err) {
      entry('refused', err instanceof AyoError ? err.code : 'INTERNAL', null);
      throw err;
    }
  }

  /** The signed-in shopper's own checkout, its expiry applied; NOT_FOUND for anyone else's. */
  private ownCheckout(checkoutId: string): MemoryCheckout {
    const c = this.checkouts.find((x) => x.id === checkoutId && x.userId === this.userId);
    if (!c) throw new AyoError('NOT_FOUND');
    this.refreshCheckout(c);
    return c;
  }

  private refreshCheckout(c: MemoryCheckout) {
    if (c.status === 'open' && Date.parse(c.expiresAt) <= this.now())
      Object.assign(c, { status: 'expired', updatedAt: this.iso() });
  }

  /**
   * A checkout follows its payment: under way (processing), paid (succeeded or held), or open
   * again after a failure, for another try. Never paid twice.
   */
  private syncCheckout(p: StaffPayment) {
    const c = p.checkoutId ? this.checkouts.find((x) => x.id === p.checkoutId) : undefined;
    if (!c || (c.paymentId && c.paymentId !== p.id)) return;
    if (p.status === 'requires_otp' || p.status === 'processing')
      Object.assign(c, { status: 'processing', paymentId: p.id });
    else if (p.status === 'succeeded' || p.status === 'authorized')
      Object.assign(c, { status: 'paid', paymentId: p.id });
    else if (p.status === 'failed') {
      Object.assign(c, { status: 'open', paymentId: null });
      this.refreshCheckout(c);
    }
    c.updatedAt = this.iso();
  }

  private shopperCheckout(c: MemoryCheckout): Checkout {
    const { userId: _, ...checkout } = c;
    return structuredClone(checkout);
  }

  /** The signed-in shopper's own payment; NOT_FOUND for anyone else's. */
  private ownPayment(paymentId: string): StaffPayment {
    const p = this.payments.find((x) => x.id === paymentId && x.userId === this.userId);
    if (!p) throw new AyoError('NOT_FOUND');
    return p;
  }

  private shopperPayment(p: StaffPayment): Payment {
    const { userId: _, ...payment } = p;
    return structuredClone(payment);
  }

  /** The shopper's live stream hears about their own payments only. */
  private emitPayment(p: StaffPayment) {
    if (p.userId === this.userId) this.emit({ type: 'payment', data: this.shopperPayment(p) });
  }

  private bankCodesHeld(): BankCode[] {
    return this.instruments.flatMap((i) =>
      i.type === 'bank_account' && i.status !== 'unbound' ? [i.bankCode] : [],
    );
  }

  /** What the simulated card page posts (see memoryCardPage). */
  private listenToCardPage() {
    if (this.pageListener || typeof window === 'undefined') return;
    this.pageListener = (e: MessageEvent) => {
      const data = e.data as ({ type?: unknown; id?: unknown } & Partial<CardPageEntry>) | null;
      if (data?.type !== MEMORY_CARD_PAGE_MESSAGE || typeof data.id !== 'string') return;
      if (!this.cardRegistrations.some((r) => r.id === data.id)) return;
      this.completeCardRegistration(data.id, {
        number: String(data.number ?? ''),
        ...(data.expiry ? { expiry: String(data.expiry) } : {}),
        ...(data.otp ? { otp: String(data.otp) } : {}),
      });
    };
    window.addEventListener('message', this.pageListener);
  }

  /** Returns true when that was the last attempt. */
  private wrongOtp(x: Payment | Unbinding): boolean {
    const left = (x.otp?.attemptsLeft ?? 1) - 1;
    x.otp = {
      attemptsLeft: left,
      expiresAt: x.otp?.expiresAt ?? null,
      lastError: { code: 'OTP_INVALID', message: 'The OTP is not correct.', responseCode: '4040415' },
      resendsLeft: x.otp?.resendsLeft ?? 0,
      resendAvailableAt: x.otp?.resendAvailableAt ?? null,
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
