import {
  type AuditEntry,
  AyoError,
  type BankAccountInstrument,
  type BankCode,
  type CardBrandId,
  type CardInstrument,
  type Checkout,
  type ErrorCode,
  type Instrument,
  type Payment,
} from '@ayokit/core';
import { createMemoryClient, type MemoryAyoClient, type MemoryClientOptions } from '@ayokit/hooks/testing';

/**
 * Where every story's and test's clock starts: 20 Nov 2026, 10:00 in Jakarta. The memory client
 * runs from it and the provider shares its clock (`now={client.now}`), so what a story shows never
 * depends on today's date.
 */
export const NOW = Date.parse('2026-11-20T03:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

const pad = (s: string) => s.padStart(24, '0');

export function instrument(
  bankCode: BankCode,
  bankName: string,
  last4: string,
  extra: Partial<BankAccountInstrument> = {},
): BankAccountInstrument {
  return {
    id: `ins_${pad(`${bankName.toLowerCase()}${last4}`)}`,
    type: 'bank_account',
    bankCode,
    bankName,
    maskedNumber: `******${last4}`,
    status: 'active',
    expiresAt: null,
    isDefault: false,
    createdAt: new Date(NOW - 40 * DAY).toISOString(),
    ...extra,
  };
}

export const bca = () => instrument('014', 'BCA', '1234', { isDefault: true });
export const bri = () => instrument('002', 'BRI', '5678');
export const bni = () => instrument('009', 'BNI', '4321');
export const mandiri = () => instrument('008', 'Mandiri', '8765');

/** A saved list with every badge: default, expiring (in 10 days), expired and blocked. */
export function everyBadge(now = NOW): Instrument[] {
  return [
    bca(),
    instrument('002', 'BRI', '5678', { expiresAt: new Date(now + 10 * DAY).toISOString() }),
    instrument('009', 'BNI', '4321', { status: 'expired', expiresAt: new Date(now - 2 * DAY).toISOString() }),
    instrument('008', 'Mandiri', '8765', { status: 'blocked' }),
  ];
}

/** A saved card; its last 4 digits pick the memory gateway's behaviour (see TEST_CARDS). */
export function card(
  brand: CardBrandId,
  last4: string,
  expiry: [month: number, year: number] = [12, 2030],
  extra: Partial<CardInstrument> = {},
): CardInstrument {
  const [m, y] = expiry;
  return {
    id: `ins_${pad(`${brand}${last4}`)}`,
    type: 'card',
    brand,
    last4,
    expiryMonth: m,
    expiryYear: y,
    maskedNumber: `•••• ${last4}`,
    status: 'active',
    expiresAt: new Date(Date.UTC(y, m, 1) - 1).toISOString(),
    isDefault: false,
    createdAt: new Date(NOW - 20 * DAY).toISOString(),
    ...extra,
  };
}

export const visa = () => card('visa', '1111');
export const mastercard = () => card('mastercard', '4444', [3, 2029]);
export const jcb = () => card('jcb', '0000', [8, 2031]);
export const declinedCard = () => card('visa', '0002');
export const insufficientCard = () => card('visa', '9995');
export const expiredCard = () => card('visa', '0069');
export const threeDsCard = () => card('visa', '3220');
export const networkErrorCard = () => card('visa', '0119');

/** Cards and accounts together, with a card expiring this month and one already expired. */
export function mixedWallet(now = NOW): Instrument[] {
  const d = new Date(now);
  const [m, y] = [d.getUTCMonth() + 1, d.getUTCFullYear()];
  return [
    visa(),
    bca(),
    card('mastercard', '4444', [m, y]),
    card('jcb', '0000', [m === 1 ? 12 : m - 1, m === 1 ? y - 1 : y], { status: 'expired' }),
    bri(),
  ];
}

export function payment(id: string, extra: Partial<Payment> = {}): Payment {
  const p: Payment = {
    id: `pay_${pad(id)}`,
    instrumentId: bca().id,
    instrumentType: 'bank_account',
    mode: 'direct',
    capturedAmount: 0,
    authorizationExpiresAt: null,
    amount: 250_000,
    currency: 'IDR',
    description: 'Kopi Nusantara, 2 bags',
    orderId: 'ORDER-1042',
    status: 'succeeded',
    otp: null,
    failure: null,
    refundedAmount: 0,
    checkoutId: null,
    createdAt: new Date(NOW - 2 * 60 * 60 * 1000).toISOString(),
    updatedAt: new Date(NOW - 2 * 60 * 60 * 1000).toISOString(),
    ...extra,
  };
  // Money taken: all of a succeeded direct payment unless said otherwise.
  if (extra.capturedAmount === undefined && p.status === 'succeeded') p.capturedAmount = p.amount;
  return p;
}

const cardPayment = (id: string, extra: Partial<Payment>) =>
  payment(id, { instrumentId: visa().id, instrumentType: 'card', mode: 'authorize', ...extra });

/** Card payments of the authorise → capture | void journey. */
export const CARD_PAYMENTS = {
  authorized: cardPayment('authorized', {
    status: 'authorized',
    authorizationExpiresAt: new Date(NOW + 7 * DAY).toISOString(),
  }),
  captured: cardPayment('captured', { status: 'succeeded', capturedAmount: 275_000 }),
  voided: cardPayment('voided', { status: 'voided' }),
  expiredHold: cardPayment('expiredhold', {
    status: 'voided',
    failure: { code: 'AUTHORIZATION_EXPIRED', message: 'The authorisation expired before it was captured.' },
  }),
  direct: payment('carddirect', { instrumentId: visa().id, instrumentType: 'card' }),
  refunded: cardPayment('cardrefunded', {
    status: 'succeeded',
    capturedAmount: 250_000,
    refundedAmount: 250_000,
  }),
};

export const PAYMENTS = {
  processing: payment('processing', { status: 'processing' }),
  requiresOtp: payment('requiresotp', {
    status: 'requires_otp',
    otp: {
      attemptsLeft: 3,
      expiresAt: new Date(NOW + 5 * 60 * 1000).toISOString(),
      lastError: null,
      resendsLeft: 3,
      resendAvailableAt: null,
    },
  }),
  succeeded: payment('succeeded'),
  failed: payment('failed', {
    status: 'failed',
    failure: {
      code: 'INSUFFICIENT_FUNDS',
      message: 'The account has insufficient funds.',
      responseCode: '4035414',
    },
  }),
  refunded: payment('refunded', { refundedAmount: 250_000 }),
  partiallyRefunded: payment('partial', { refundedAmount: 100_000 }),
};

// ---- checkouts (made by the merchant's server) ----------------------------------------------

/** A checkout as the merchant's server made it: Rp 150.000 for two bags of coffee, open 30 minutes. */
export function checkout(name: string, extra: Partial<Checkout> = {}, now = NOW): Checkout {
  return {
    id: `chk_${pad(name)}`,
    status: 'open',
    amount: 150_000,
    currency: 'IDR',
    orderId: 'ORDER-1042',
    description: 'Kopi Nusantara, 2 bags',
    mode: 'direct',
    expiresAt: new Date(now + 30 * 60 * 1000).toISOString(),
    paymentId: null,
    createdAt: new Date(now - 60 * 1000).toISOString(),
    updatedAt: new Date(now - 60 * 1000).toISOString(),
    ...extra,
  };
}

/** The ids of the shop's checkouts (see `shop()`), for a story's `checkout` arg. */
export const CHECKOUTS = {
  open: `chk_${pad('open')}`,
  /** Rp 1.500.000: above every bank's OTP threshold. */
  large: `chk_${pad('large')}`,
  /** `mode: 'authorize'`: a hold on a card. */
  hold: `chk_${pad('hold')}`,
  /** A payment is under way: its OTP was asked for (BCA), then the page was reloaded. */
  processing: `chk_${pad('processing')}`,
  paid: `chk_${pad('paid')}`,
  expired: `chk_${pad('expired')}`,
  cancelled: `chk_${pad('cancelled')}`,
};

/** The shop's checkouts in every state, and the payments of the paid and the under-way ones. */
export function shop(now = NOW): { checkouts: Checkout[]; payments: Payment[] } {
  const underWay = payment('checkoutotp', {
    status: 'requires_otp',
    amount: 150_000,
    checkoutId: CHECKOUTS.processing,
    otp: {
      attemptsLeft: 3,
      expiresAt: new Date(now + 5 * 60 * 1000).toISOString(),
      lastError: null,
      resendsLeft: 3,
      resendAvailableAt: null,
    },
  });
  const paid = payment('checkoutpaid', { amount: 150_000, checkoutId: CHECKOUTS.paid });
  const past = now - 2 * 60 * 60 * 1000;
  return {
    checkouts: [
      checkout('open', {}, now),
      checkout('large', { amount: 1_500_000, orderId: 'ORDER-1043', description: 'Espresso machine' }, now),
      checkout('hold', { mode: 'authorize', orderId: 'ORDER-1044', description: 'Hotel room, 1 night' }, now),
      checkout('processing', { status: 'processing', paymentId: underWay.id }, now),
      checkout('paid', { status: 'paid', paymentId: paid.id }, now),
      checkout(
        'expired',
        { status: 'expired', expiresAt: new Date(past).toISOString() },
        past - 30 * 60 * 1000,
      ),
      checkout('cancelled', { status: 'cancelled' }, now),
    ],
    payments: [underWay, paid],
  };
}

/** A shopper's memory client with the shop's checkouts (and whatever else `options` gives). */
export function shopClient(options: MemoryClientOptions = {}): MemoryAyoClient {
  const now = typeof options.now === 'function' ? options.now() : (options.now ?? NOW);
  const { checkouts, payments } = shop(now);
  return createMemoryClient({
    now,
    ...options,
    checkouts: [...checkouts, ...(options.checkouts ?? [])],
    payments: [...payments, ...(options.payments ?? [])],
  });
}

// ---- the back office ------------------------------------------------------------------------

/** An audit trail with every kind of entry: accepted and refused, by staff and by the shop's server. */
export function auditTrail(paymentId: string, other: string, now = NOW): AuditEntry[] {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60 * 1000).toISOString();
  const staff = (id: string, name: string | null) => ({ type: 'staff' as const, id, name });
  return [
    {
      id: 'aud_000000000000000000000004',
      at: at(5),
      actor: staff('staff-dewi', 'Dewi Lestari'),
      action: 'refund',
      paymentId,
      amount: 100_000,
      reason: 'One bag arrived damaged',
      result: 'accepted',
      errorCode: null,
      refundId: 'rfd_000000000000000000000001',
    },
    {
      id: 'aud_000000000000000000000003',
      at: at(12),
      actor: staff('desk-1', 'Front desk'),
      action: 'refund',
      paymentId,
      amount: 100_000,
      reason: null,
      result: 'refused',
      errorCode: 'FORBIDDEN',
      refundId: null,
    },
    {
      id: 'aud_000000000000000000000002',
      at: at(40),
      actor: { type: 'server', id: 'server', name: null },
      action: 'capture',
      paymentId: other,
      amount: null,
      reason: null,
      result: 'accepted',
      errorCode: null,
      refundId: null,
    },
    {
      id: 'aud_000000000000000000000001',
      at: at(90),
      actor: staff('staff-budi', null),
      action: 'void',
      paymentId: other,
      amount: null,
      reason: 'Shopper changed the dates',
      result: 'refused',
      errorCode: 'INVALID_STATE',
      refundId: null,
    },
  ];
}

/**
 * A memory client whose clock starts at NOW and runs at real speed (flows wait, countdowns tick);
 * give the provider the same clock (`renderWithAyo` and the Storybook decorator do).
 */
export function memoryClient(options: MemoryClientOptions = {}): MemoryAyoClient {
  return createMemoryClient({ now: NOW, ...options });
}

/** A client whose `method` never answers (the loading state). */
export function pending<M extends keyof MemoryAyoClient>(
  client: MemoryAyoClient,
  method: M,
): MemoryAyoClient {
  Object.assign(client, { [method]: () => new Promise(() => undefined) });
  return client;
}

/** A client whose `method` always fails with `code` (error states that survive a retry). */
export function failing<M extends keyof MemoryAyoClient>(
  client: MemoryAyoClient,
  method: M,
  code: ErrorCode = 'UPSTREAM_UNAVAILABLE',
): MemoryAyoClient {
  Object.assign(client, { [method]: () => Promise.reject(new AyoError(code)) });
  return client;
}
