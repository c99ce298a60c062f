/**
 * Snapshots of one sandbox's state, so that a host can save it and hand it back to
 * `createSandbox({ state })` after a restart. A snapshot is plain JSON data; restoring validates
 * all of it before anything is built, rebuilds the lookup indexes, and re-creates the scheduled
 * work the entities imply (binding session and OTP expiries, settlements, slow refunds, card
 * registration expiries, pending card charges, authorisations' automatic voids).
 * Callback deliveries in flight (retries, delayed or held callbacks) are not part of it.
 */
import { BANK_CODES, type BankCode } from '@ayokit/core';
import {
  CARD_BRANDS,
  CARD_PAYMENT_STATUSES,
  CARD_REGISTRATION_STATUSES,
  OTP_TTL_SECONDS,
  TRANSACTION_STATUS,
  type TransactionStatusCode,
} from '@ayokit/core/snap';
import type { Sim } from './context';
import { isFinal, scheduleSessionExpiry } from './domain/bindings';
import { scheduleAutoVoid, scheduleResolution } from './domain/cardPayments';
import { scheduleRegistrationExpiry } from './domain/cardRegistrations';
import { scheduleOtpExpiry, scheduleRefund, scheduleSettlement } from './domain/payments';
import { type Fault, parseFault } from './faults';
import {
  type Account,
  type BindingSession,
  type CardPayment,
  type CardRegistration,
  createState,
  type ExternalIdFlow,
  type ExternalIdUse,
  type OtpChallenge,
  type Payment,
  type Refund,
  type SessionStatus,
  type State,
  type Unbinding,
  type User,
} from './state';

export const SANDBOX_SNAPSHOT_VERSION = 2;

export interface SnapshotToken {
  token: string;
  clientId: string;
  expiresAt: number;
}

export interface SnapshotCustomerToken extends SnapshotToken {
  accountToken: string;
}

/** Everything a sandbox remembers, as JSON-serialisable data. Times are virtual-clock ms. */
export interface SandboxSnapshot {
  version: typeof SANDBOX_SNAPSHOT_VERSION;
  merchantId: string;
  /** Real time of the export (ms); informational. */
  exportedAt: number;
  /** The virtual time at export, and virtual minus real time then (what the clock had been advanced by). */
  clock: { now: number; offsetMs: number };
  users: User[];
  /** Binding sessions, with their partnerReferenceNo, status, expiry and outcome. */
  sessions: BindingSession[];
  /** Account tokens with their authCode, status and dates. */
  accounts: Account[];
  /** Payments with their status, OTP, settlement time and refunds. */
  payments: Payment[];
  unbindings: Unbinding[];
  /** Unexpired B2B tokens. */
  b2bTokens: SnapshotToken[];
  /** Unexpired customer (B2B2C) tokens. */
  customerTokens: SnapshotCustomerToken[];
  /** X-EXTERNAL-IDs used, per client: the flow each belongs to and the answers kept for replays. */
  externalIds: { clientId: string; ids: ({ externalId: string } & ExternalIdUse)[] }[];
  faults: { nextId: number; active: Fault[] };
  /** Card registrations (masked card, behaviour, token, status); never a full card number. */
  cardRegistrations: CardRegistration[];
  /** Card payments with their capture, void and refund. */
  cardPayments: CardPayment[];
  /** Unexpired card API access tokens. */
  cardAccessTokens: SnapshotToken[];
  /** X-REQUEST-IDs already used, per card client. */
  cardRequestIds: { clientId: string; ids: string[] }[];
}

export function exportSnapshot(sim: Sim): SandboxSnapshot {
  const { state, clock } = sim;
  const now = clock.now();
  const snapshot: SandboxSnapshot = {
    version: SANDBOX_SNAPSHOT_VERSION,
    merchantId: sim.merchantId,
    exportedAt: Date.now(),
    clock: { now, offsetMs: clock.offsetFromReal() },
    users: [...state.users.values()],
    sessions: [...state.sessions.values()],
    accounts: [...state.accounts.values()],
    payments: [...state.payments.values()],
    unbindings: [...state.unbindings.values()],
    b2bTokens: [...state.b2bTokens]
      .filter(([, t]) => t.expiresAt > now)
      .map(([token, t]) => ({ token, clientId: t.clientId, expiresAt: t.expiresAt })),
    customerTokens: [...state.customerTokens]
      .filter(([, t]) => t.expiresAt > now)
      .map(([token, t]) => ({
        token,
        clientId: t.clientId,
        accountToken: t.accountToken,
        expiresAt: t.expiresAt,
      })),
    externalIds: [...state.externalIds].map(([clientId, ids]) => ({
      clientId,
      ids: [...ids].map(([externalId, use]) => ({ externalId, ...use })),
    })),
    faults: sim.faults.exportState(),
    cardRegistrations: [...state.cardRegistrations.values()],
    cardPayments: [...state.cardPayments.values()],
    cardAccessTokens: [...state.cardAccessTokens]
      .filter(([, t]) => t.expiresAt > now)
      .map(([token, t]) => ({ token, clientId: t.clientId, expiresAt: t.expiresAt })),
    cardRequestIds: [...state.cardRequestIds].map(([clientId, ids]) => ({ clientId, ids: [...ids] })),
  };
  // A deep copy that is exactly what JSON gives back: nothing aliases the live state.
  return JSON.parse(JSON.stringify(snapshot)) as SandboxSnapshot;
}

export interface RestoredSnapshot {
  clock: { now: number; offsetMs: number };
  state: State;
  faults: { nextId: number; active: Fault[] };
}

// ---------------------------------------------------------------------------------------------
// Validation: every problem throws an Error naming where it is; nothing is built until all passed.

type Obj = Record<string, unknown>;

function invalid(path: string, message: string): never {
  throw new Error(`Invalid sandbox snapshot: ${path} ${message}`);
}

class Fields {
  private readonly o: Obj;

  constructor(
    value: unknown,
    readonly path: string,
  ) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      invalid(path, 'must be an object');
    }
    this.o = value as Obj;
  }

  at(key: string): string {
    return `${this.path}.${key}`;
  }

  object(): Obj {
    return this.o;
  }

  raw(key: string): unknown {
    return this.o[key];
  }

  has(key: string): boolean {
    return this.o[key] !== undefined;
  }

  string(key: string): string {
    const v = this.o[key];
    if (typeof v !== 'string') invalid(this.at(key), 'must be a string');
    return v;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  number(key: string): number {
    const v = this.o[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) invalid(this.at(key), 'must be a finite number');
    return v;
  }

  optionalNumber(key: string): number | undefined {
    return this.has(key) ? this.number(key) : undefined;
  }

  integer(key: string, min: number): number {
    const v = this.number(key);
    if (!Number.isInteger(v) || v < min) invalid(this.at(key), `must be an integer of at least ${min}`);
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.o[key];
    if (!values.includes(v as T)) invalid(this.at(key), `must be one of ${values.join(', ')}`);
    return v as T;
  }

  bankCodeOrNull(key: string): BankCode | null {
    return this.o[key] === null ? null : this.oneOf(key, BANK_CODES);
  }

  list(key: string): unknown[] {
    const v = this.o[key];
    if (!Array.isArray(v)) invalid(this.at(key), 'must be an array');
    return v;
  }

  otp(key: string): OtpChallenge | undefined {
    if (!this.has(key)) return undefined;
    const f = new Fields(this.o[key], this.at(key));
    const expiresAt = f.number('expiresAt');
    return {
      expiresAt,
      attempts: f.integer('attempts', 0),
      // Snapshots from before OTP resends: the OTP was sent when it started to live.
      sentAt: f.optionalNumber('sentAt') ?? expiresAt - OTP_TTL_SECONDS * 1000,
      resends: f.has('resends') ? f.integer('resends', 0) : 0,
    };
  }
}

/** Drops undefined properties, so that a restored entity looks like a live one. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A map from a list, refusing a key seen twice. */
function keyed<T>(
  items: T[],
  key: (item: T) => string,
  path: string,
  name: string,
  map = new Map<string, T>(),
): Map<string, T> {
  items.forEach((item, i) => {
    const k = key(item);
    if (map.has(k)) invalid(`${path}[${i}].${name}`, `"${k}" appears twice`);
    map.set(k, item);
  });
  return map;
}

function each<T>(f: Fields, key: string, parse: (item: Fields) => T): T[] {
  return f.list(key).map((item, i) => parse(new Fields(item, `${f.at(key)}[${i}]`)));
}

const SESSION_STATUSES: readonly SessionStatus[] = ['IN_PROGRESS', 'VERIFICATION_PENDING', 'SUCCESS', 'FAIL'];
const ACCOUNT_STATUSES: readonly Account['status'][] = ['ACTIVE', 'BLOCKED', 'UNBINDED'];
const REFUND_STATUSES: readonly Refund['status'][] = ['PROCESSING', 'SUCCESS', 'FAILED'];
const UNBINDING_STATUSES: readonly Unbinding['status'][] = ['PENDING_OTP', 'UNBINDED', 'FAILED'];
const TRANSACTION_STATUSES = Object.values(TRANSACTION_STATUS) as TransactionStatusCode[];

function user(f: Fields): User {
  return compact({ publicUserId: f.string('publicUserId'), key: f.optionalString('key') });
}

function session(f: Fields): BindingSession {
  return compact({
    sessionId: f.string('sessionId'),
    referenceNo: f.string('referenceNo'),
    partnerReferenceNo: f.string('partnerReferenceNo'),
    publicUserId: f.string('publicUserId'),
    phoneNo: f.optionalString('phoneNo'),
    bankCode: f.bankCodeOrNull('bankCode'),
    lang: f.oneOf('lang', ['ID', 'EN'] as const),
    successRedirectUrl: f.optionalString('successRedirectUrl'),
    failedRedirectUrl: f.optionalString('failedRedirectUrl'),
    externalId: f.optionalString('externalId'),
    status: f.oneOf('status', SESSION_STATUSES),
    createdAt: f.number('createdAt'),
    expiresAt: f.number('expiresAt'),
    accountNumber: f.optionalString('accountNumber'),
    cardExpiresAt: f.optionalNumber('cardExpiresAt'),
    otpAttempts: f.integer('otpAttempts', 0),
    failureReason: f.optionalString('failureReason'),
    accountToken: f.optionalString('accountToken'),
  });
}

function account(f: Fields): Account {
  return {
    accountToken: f.string('accountToken'),
    authCode: f.string('authCode'),
    publicUserId: f.string('publicUserId'),
    bankCode: f.oneOf('bankCode', BANK_CODES),
    accountNumber: f.string('accountNumber'),
    maskedAccountNo: f.string('maskedAccountNo'),
    cardExpiresAt: f.number('cardExpiresAt'),
    status: f.oneOf('status', ACCOUNT_STATUSES),
    boundAt: f.number('boundAt'),
    lastActivityAt: f.number('lastActivityAt'),
    bindingPartnerReferenceNo: f.string('bindingPartnerReferenceNo'),
    bindingReferenceNo: f.string('bindingReferenceNo'),
  };
}

function refund(f: Fields): Refund {
  return compact({
    refundNo: f.string('refundNo'),
    partnerRefundNo: f.string('partnerRefundNo'),
    paymentReferenceNo: f.string('paymentReferenceNo'),
    amount: f.number('amount'),
    status: f.oneOf('status', REFUND_STATUSES),
    createdAt: f.number('createdAt'),
    dueAt: f.optionalNumber('dueAt'),
    completedAt: f.optionalNumber('completedAt'),
  });
}

function payment(f: Fields): Payment {
  const p: Payment = compact({
    referenceNo: f.string('referenceNo'),
    partnerReferenceNo: f.string('partnerReferenceNo'),
    accountToken: f.string('accountToken'),
    bankCode: f.bankCodeOrNull('bankCode'),
    amount: f.number('amount'),
    status: f.oneOf('status', TRANSACTION_STATUSES),
    createdAt: f.number('createdAt'),
    otp: f.otp('otp'),
    settlesAt: f.optionalNumber('settlesAt'),
    settledAt: f.optionalNumber('settledAt'),
    failureResponseCode: f.optionalString('failureResponseCode'),
    failureReason: f.optionalString('failureReason'),
    refunds: each(f, 'refunds', refund),
  });
  p.refunds.forEach((r, i) => {
    if (r.paymentReferenceNo !== p.referenceNo) {
      invalid(`${f.at('refunds')}[${i}].paymentReferenceNo`, `must be its payment's "${p.referenceNo}"`);
    }
  });
  return p;
}

function unbinding(f: Fields): Unbinding {
  return compact({
    referenceNo: f.string('referenceNo'),
    partnerReferenceNo: f.string('partnerReferenceNo'),
    accountToken: f.string('accountToken'),
    publicUserId: f.string('publicUserId'),
    status: f.oneOf('status', UNBINDING_STATUSES),
    otp: f.otp('otp'),
    failureReason: f.optionalString('failureReason'),
  });
}

const CARD_BEHAVIOURS = ['success', 'declined', 'insufficientFunds', 'expiredCard', 'networkError'] as const;

function cardRegistration(f: Fields): CardRegistration {
  const cardFields = f.has('card') ? new Fields(f.raw('card'), f.at('card')) : null;
  const challenge = f.has('challenge') ? new Fields(f.raw('challenge'), f.at('challenge')) : null;
  return compact({
    referenceNo: f.string('referenceNo'),
    sessionId: f.string('sessionId'),
    customerId: f.string('customerId'),
    lang: f.oneOf('lang', ['ID', 'EN'] as const),
    successRedirectUrl: f.optionalString('successRedirectUrl'),
    failedRedirectUrl: f.optionalString('failedRedirectUrl'),
    status: f.oneOf('status', CARD_REGISTRATION_STATUSES),
    createdAt: f.number('createdAt'),
    expiresAt: f.number('expiresAt'),
    card: cardFields
      ? {
          brand: cardFields.oneOf('brand', CARD_BRANDS),
          maskedCardNumber: cardFields.string('maskedCardNumber'),
          expiryMonth: cardFields.string('expiryMonth'),
          expiryYear: cardFields.string('expiryYear'),
          holderName: cardFields.string('holderName'),
          behaviour: cardFields.oneOf('behaviour', CARD_BEHAVIOURS),
          threeDSecure: cardFields.raw('threeDSecure') === true,
        }
      : undefined,
    challenge: challenge ? { attempts: challenge.integer('attempts', 0) } : undefined,
    cardToken: f.optionalString('cardToken'),
    failureReason: f.optionalString('failureReason'),
    completedAt: f.optionalNumber('completedAt'),
    unbindedAt: f.optionalNumber('unbindedAt'),
  });
}

function cardPayment(f: Fields): CardPayment {
  const part = (key: string) => (f.has(key) ? new Fields(f.raw(key), f.at(key)) : null);
  const capture = part('capture');
  const voided = part('void');
  const refunded = part('refund');
  return compact({
    referenceNo: f.string('referenceNo'),
    partnerReferenceNo: f.string('partnerReferenceNo'),
    customerId: f.string('customerId'),
    cardToken: f.string('cardToken'),
    operation: f.oneOf('operation', ['PAY', 'AUTHORIZE'] as const),
    status: f.oneOf('status', CARD_PAYMENT_STATUSES),
    amount: f.number('amount'),
    createdAt: f.number('createdAt'),
    authorizationExpiresAt: f.optionalNumber('authorizationExpiresAt'),
    resolvesAt: f.optionalNumber('resolvesAt'),
    capture: capture
      ? {
          partnerReferenceNo: capture.string('partnerReferenceNo'),
          amount: capture.number('amount'),
          at: capture.number('at'),
        }
      : undefined,
    void: voided
      ? compact({
          partnerReferenceNo: voided.optionalString('partnerReferenceNo'),
          at: voided.number('at'),
          automatic: voided.raw('automatic') === true,
          reason: voided.optionalString('reason'),
        })
      : undefined,
    refund: refunded
      ? compact({
          refundNo: refunded.string('refundNo'),
          partnerRefundNo: refunded.string('partnerRefundNo'),
          amount: refunded.number('amount'),
          at: refunded.number('at'),
          reason: refunded.optionalString('reason'),
        })
      : undefined,
    failureResponseCode: f.optionalString('failureResponseCode'),
    failureReason: f.optionalString('failureReason'),
  });
}

/** Card sections came later: a snapshot without them has no card data. */
function optionalEach<T>(f: Fields, key: string, parse: (item: Fields) => T): T[] {
  return f.has(key) ? each(f, key, parse) : [];
}

function requestIds(f: Fields): { clientId: string; ids: string[] } {
  return {
    clientId: f.string('clientId'),
    ids: f.list('ids').map((id, i) => {
      if (typeof id !== 'string') invalid(`${f.at('ids')}[${i}]`, 'must be a string');
      return id;
    }),
  };
}

const EXTERNAL_ID_FLOWS: readonly ExternalIdFlow[] = ['binding', 'payment', 'unbinding', 'refund'];

function externalIdUses(f: Fields): { clientId: string; ids: ({ externalId: string } & ExternalIdUse)[] } {
  return {
    clientId: f.string('clientId'),
    ids: each(f, 'ids', (u) =>
      compact({
        externalId: u.string('externalId'),
        flow: u.oneOf('flow', EXTERNAL_ID_FLOWS),
        anchor: u.string('anchor'),
        payment: u.optionalString('payment'),
        replies: each(u, 'replies', (r) => ({
          request: r.string('request'),
          status: r.integer('status', 100),
          body: r.string('body'),
        })),
      }),
    ),
  };
}

function token(f: Fields): SnapshotToken {
  return { token: f.string('token'), clientId: f.string('clientId'), expiresAt: f.number('expiresAt') };
}

function customerToken(f: Fields): SnapshotCustomerToken {
  return { ...token(f), accountToken: f.string('accountToken') };
}

function fault(f: Fields): Fault {
  const parsed = parseFault(f.object());
  if (!parsed.ok) invalid(f.path, parsed.message);
  const id = f.string('id');
  if (!/^fault_\d+$/.test(id)) invalid(f.at('id'), 'must look like fault_<number>');
  return { ...parsed.value, id, count: f.integer('count', 1) } as Fault;
}

function references(
  items: { value: string | undefined; path: string }[],
  known: Map<string, unknown>,
  what: string,
): void {
  for (const { value, path } of items) {
    if (value !== undefined && !known.has(value)) invalid(path, `names an unknown ${what} "${value}"`);
  }
}

/** Validates an untrusted snapshot (e.g. JSON.parse of a file) for this merchant, and builds its state. */
export function parseSnapshot(input: unknown, merchantId: string): RestoredSnapshot {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('Invalid sandbox snapshot: expected an object from sandbox.exportState()');
  }
  const version = (input as Obj).version;
  if (version !== SANDBOX_SNAPSHOT_VERSION) {
    throw new Error(
      `Unsupported sandbox snapshot version ${JSON.stringify(version)}: this sandbox reads version ${SANDBOX_SNAPSHOT_VERSION}`,
    );
  }
  const root = new Fields(input, 'snapshot');
  const snapshotMerchant = root.string('merchantId');
  if (snapshotMerchant !== merchantId) {
    throw new Error(`Sandbox snapshot is of merchant "${snapshotMerchant}", not "${merchantId}"`);
  }
  const clockFields = new Fields(root.raw('clock'), root.at('clock'));
  const clock = { now: clockFields.number('now'), offsetMs: clockFields.number('offsetMs') };

  const users = each(root, 'users', user);
  const sessions = each(root, 'sessions', session);
  const accounts = each(root, 'accounts', account);
  const payments = each(root, 'payments', payment);
  const unbindings = each(root, 'unbindings', unbinding);
  const b2bTokens = each(root, 'b2bTokens', token);
  const customerTokens = each(root, 'customerTokens', customerToken);
  const externalIds = each(root, 'externalIds', externalIdUses);
  const cardRegistrations = optionalEach(root, 'cardRegistrations', cardRegistration);
  const cardPayments = optionalEach(root, 'cardPayments', cardPayment);
  const cardAccessTokens = optionalEach(root, 'cardAccessTokens', token);
  const cardRequestIds = optionalEach(root, 'cardRequestIds', requestIds);
  const faultsFields = new Fields(root.raw('faults'), root.at('faults'));
  const active = each(faultsFields, 'active', fault);
  const faultIds = new Set<string>();
  let lastFaultId = 0;
  active.forEach((f, i) => {
    if (faultIds.has(f.id)) invalid(`snapshot.faults.active[${i}].id`, `"${f.id}" appears twice`);
    faultIds.add(f.id);
    lastFaultId = Math.max(lastFaultId, Number(f.id.slice('fault_'.length)));
  });
  const nextFaultId = Math.max(faultsFields.integer('nextId', 1), lastFaultId + 1);

  const state = createState();
  keyed(users, (u) => u.publicUserId, 'snapshot.users', 'publicUserId', state.users);
  keyed(sessions, (s) => s.sessionId, 'snapshot.sessions', 'sessionId', state.sessions);
  keyed(accounts, (a) => a.accountToken, 'snapshot.accounts', 'accountToken', state.accounts);
  keyed(payments, (p) => p.referenceNo, 'snapshot.payments', 'referenceNo', state.payments);
  keyed(unbindings, (u) => u.referenceNo, 'snapshot.unbindings', 'referenceNo', state.unbindings);

  // The indexes the live code keeps unique, rebuilt (and so checked) from the entities.
  const index = <T>(
    items: T[],
    key: (item: T) => string,
    path: string,
    name: string,
    value: (item: T) => string,
  ) => new Map([...keyed(items, key, path, name)].map(([k, item]) => [k, value(item)]));
  state.userByKey = index(
    users.filter((u) => u.key !== undefined),
    (u) => u.key!,
    'snapshot.users',
    'key',
    (u) => u.publicUserId,
  );
  state.sessionByPartnerRef = index(
    sessions,
    (s) => s.partnerReferenceNo,
    'snapshot.sessions',
    'partnerReferenceNo',
    (s) => s.sessionId,
  );
  state.accountByAuthCode = index(
    accounts,
    (a) => a.authCode,
    'snapshot.accounts',
    'authCode',
    (a) => a.accountToken,
  );
  state.paymentByPartnerRef = index(
    payments,
    (p) => p.partnerReferenceNo,
    'snapshot.payments',
    'partnerReferenceNo',
    (p) => p.referenceNo,
  );
  state.unbindingByPartnerRef = index(
    unbindings,
    (u) => u.partnerReferenceNo,
    'snapshot.unbindings',
    'partnerReferenceNo',
    (u) => u.referenceNo,
  );
  // The same Refund objects as in their payments, as the live code shares them.
  keyed(
    payments.flatMap((p) => p.refunds),
    (r) => r.partnerRefundNo,
    'snapshot.payments[].refunds',
    'partnerRefundNo',
    state.refundByPartnerNo,
  );
  keyed(b2bTokens, (t) => t.token, 'snapshot.b2bTokens', 'token').forEach((t, k) => {
    state.b2bTokens.set(k, { clientId: t.clientId, expiresAt: t.expiresAt });
  });
  keyed(customerTokens, (t) => t.token, 'snapshot.customerTokens', 'token').forEach((t, k) => {
    state.customerTokens.set(k, {
      clientId: t.clientId,
      accountToken: t.accountToken,
      expiresAt: t.expiresAt,
    });
  });
  keyed(externalIds, (e) => e.clientId, 'snapshot.externalIds', 'clientId').forEach((e, k) => {
    const uses = keyed(e.ids, (u) => u.externalId, `snapshot.externalIds[${k}].ids`, 'externalId');
    state.externalIds.set(k, new Map([...uses].map(([id, { externalId: _, ...use }]) => [id, use])));
  });

  keyed(
    cardRegistrations,
    (r) => r.referenceNo,
    'snapshot.cardRegistrations',
    'referenceNo',
    state.cardRegistrations,
  );
  state.cardRegistrationBySession = index(
    cardRegistrations,
    (r) => r.sessionId,
    'snapshot.cardRegistrations',
    'sessionId',
    (r) => r.referenceNo,
  );
  const withToken = cardRegistrations.filter((r) => r.cardToken !== undefined);
  state.cardRegistrationByToken = index(
    withToken,
    (r) => r.cardToken ?? '',
    'snapshot.cardRegistrations',
    'cardToken',
    (r) => r.referenceNo,
  );
  keyed(cardPayments, (p) => p.referenceNo, 'snapshot.cardPayments', 'referenceNo', state.cardPayments);
  // Every partner reference of a card payment (charge, capture, void) names it, once.
  const partnerRefs = cardPayments.flatMap((p) =>
    [p.partnerReferenceNo, p.capture?.partnerReferenceNo, p.void?.partnerReferenceNo]
      .filter((ref): ref is string => ref !== undefined)
      .map((ref) => ({ ref, referenceNo: p.referenceNo })),
  );
  state.cardPaymentByPartnerRef = index(
    partnerRefs,
    (x) => x.ref,
    'snapshot.cardPayments[]',
    'partnerReferenceNo',
    (x) => x.referenceNo,
  );
  const refunds = cardPayments.flatMap((p) =>
    p.refund ? [{ no: p.refund.partnerRefundNo, referenceNo: p.referenceNo }] : [],
  );
  state.cardPaymentByRefundNo = index(
    refunds,
    (x) => x.no,
    'snapshot.cardPayments[].refund',
    'partnerRefundNo',
    (x) => x.referenceNo,
  );
  keyed(cardAccessTokens, (t) => t.token, 'snapshot.cardAccessTokens', 'token').forEach((t, k) => {
    state.cardAccessTokens.set(k, { clientId: t.clientId, expiresAt: t.expiresAt });
  });
  keyed(cardRequestIds, (e) => e.clientId, 'snapshot.cardRequestIds', 'clientId').forEach((e, k) => {
    state.cardRequestIds.set(k, new Set(e.ids));
  });

  references(
    [
      ...sessions.map((s, i) => ({ value: s.publicUserId, path: `snapshot.sessions[${i}].publicUserId` })),
      ...accounts.map((a, i) => ({ value: a.publicUserId, path: `snapshot.accounts[${i}].publicUserId` })),
    ],
    state.users,
    'user',
  );
  references(
    [
      ...sessions.map((s, i) => ({ value: s.accountToken, path: `snapshot.sessions[${i}].accountToken` })),
      ...unbindings.map((u, i) => ({
        value: u.accountToken,
        path: `snapshot.unbindings[${i}].accountToken`,
      })),
      ...customerTokens.map((t, i) => ({
        value: t.accountToken,
        path: `snapshot.customerTokens[${i}].accountToken`,
      })),
    ],
    state.accounts,
    'account',
  );

  return { clock, state, faults: { nextId: nextFaultId, active } };
}

/** The virtual time a restored clock starts at: it kept running while the host was down, never backwards. */
export function restoredNow(clock: RestoredSnapshot['clock'], realNow = Date.now()): number {
  return Math.max(clock.now, realNow + clock.offsetMs);
}

/**
 * Re-creates the work the restored entities imply, at their original virtual times. Nothing runs
 * here: what is already due runs on the next drain (flush, advance, the ticker).
 */
export function scheduleRestoredWork(sim: Sim): void {
  const work: { at: number; schedule: () => void }[] = [];
  const defer = { defer: true };
  for (const s of sim.state.sessions.values()) {
    if (!isFinal(s)) work.push({ at: s.expiresAt, schedule: () => scheduleSessionExpiry(sim, s, defer) });
  }
  for (const p of sim.state.payments.values()) {
    if (p.status === TRANSACTION_STATUS.initiated && p.otp) {
      const at = p.otp.expiresAt;
      work.push({ at, schedule: () => scheduleOtpExpiry(sim, p, defer) });
    }
    if (p.status === TRANSACTION_STATUS.pending) {
      work.push({ at: p.settlesAt ?? sim.clock.now(), schedule: () => scheduleSettlement(sim, p, defer) });
    }
    for (const r of p.refunds) {
      if (r.status === 'PROCESSING') {
        work.push({ at: r.dueAt ?? sim.clock.now(), schedule: () => scheduleRefund(sim, p, r, defer) });
      }
    }
  }
  for (const r of sim.state.cardRegistrations.values()) {
    if (r.status === 'PENDING')
      work.push({ at: r.expiresAt, schedule: () => scheduleRegistrationExpiry(sim, r, defer) });
  }
  for (const p of sim.state.cardPayments.values()) {
    if (p.status === 'PENDING' && p.resolvesAt !== undefined) {
      work.push({ at: p.resolvesAt, schedule: () => scheduleResolution(sim, p, defer) });
    }
    if (p.status === 'AUTHORIZED' && p.authorizationExpiresAt !== undefined) {
      work.push({ at: p.authorizationExpiresAt, schedule: () => scheduleAutoVoid(sim, p, defer) });
    }
  }
  for (const w of work.sort((a, b) => a.at - b.at)) w.schedule();
}
