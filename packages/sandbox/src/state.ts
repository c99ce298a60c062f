/** Everything one simulated Ayoconnect environment remembers, for one merchant. */
import type { BankCode } from '@ayokit/core';
import type {
  CardBrand,
  CardPaymentStatus,
  CardRegistrationStatus,
  TransactionStatusCode,
} from '@ayokit/core/snap';
import type { CardBehaviour } from './testData';

/**
 * A customer of the merchant at Ayoconnect. `key` tells users apart for the banks' re-binding
 * rules: `customer:<the merchant's id>` (profile.dd.bindingCustomerIdField), else `phone:<62…>`;
 * a binding with neither makes a new user.
 */
export interface User {
  publicUserId: string;
  key?: string;
}

export type SessionStatus = 'IN_PROGRESS' | 'VERIFICATION_PENDING' | 'SUCCESS' | 'FAIL';

export interface BindingSession {
  sessionId: string;
  referenceNo: string;
  partnerReferenceNo: string;
  publicUserId: string;
  phoneNo?: string;
  bankCode: BankCode | null;
  lang: 'ID' | 'EN';
  successRedirectUrl?: string;
  failedRedirectUrl?: string;
  /** The binding request's X-EXTERNAL-ID: the account's authCode under `dd.authCodeSource: 'bindingExternalId'`. */
  externalId?: string;
  status: SessionStatus;
  createdAt: number;
  expiresAt: number;
  accountNumber?: string;
  /** Last millisecond of the card's expiry month. */
  cardExpiresAt?: number;
  otpAttempts: number;
  failureReason?: string;
  accountToken?: string;
}

export interface Account {
  accountToken: string;
  authCode: string;
  publicUserId: string;
  bankCode: BankCode;
  accountNumber: string;
  maskedAccountNo: string;
  cardExpiresAt: number;
  status: 'ACTIVE' | 'BLOCKED' | 'UNBINDED';
  boundAt: number;
  lastActivityAt: number;
  bindingPartnerReferenceNo: string;
  bindingReferenceNo: string;
}

/** A pending OTP challenge: wrong tries, and the resends asked for (the last one sent at `sentAt`). */
export interface OtpChallenge {
  expiresAt: number;
  attempts: number;
  sentAt: number;
  resends: number;
}

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'FAILED';

export interface Refund {
  refundNo: string;
  partnerRefundNo: string;
  paymentReferenceNo: string;
  amount: number;
  status: RefundStatus;
  createdAt: number;
  /** When a PROCESSING refund completes (virtual ms). */
  dueAt?: number;
  completedAt?: number;
}

export interface Payment {
  referenceNo: string;
  partnerReferenceNo: string;
  accountToken: string;
  bankCode: BankCode | null;
  amount: number;
  status: TransactionStatusCode;
  createdAt: number;
  otp?: OtpChallenge;
  /** When a pending (03) payment settles (virtual ms). */
  settlesAt?: number;
  settledAt?: number;
  failureResponseCode?: string;
  failureReason?: string;
  refunds: Refund[];
}

export interface Unbinding {
  referenceNo: string;
  partnerReferenceNo: string;
  accountToken: string;
  publicUserId: string;
  status: 'PENDING_OTP' | 'UNBINDED' | 'FAILED';
  otp?: OtpChallenge;
  failureReason?: string;
}

/** The flows an X-EXTERNAL-ID can belong to [ref §5]. */
export type ExternalIdFlow = 'binding' | 'payment' | 'unbinding' | 'refund';

/** An answer kept for an identical replay: the request's endpoint and body hash, and what was said. */
export interface StoredReply {
  request: string;
  status: number;
  body: string;
}

/**
 * One X-EXTERNAL-ID: the flow that first used it (its kind and the partnerReferenceNo, or for a
 * refund flow the partnerRefundNo and its payment's partnerReferenceNo), and the answers given.
 */
export interface ExternalIdUse {
  flow: ExternalIdFlow;
  anchor: string;
  payment?: string;
  replies: StoredReply[];
}

export interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export interface CustomerToken extends IssuedToken {
  accountToken: string;
}

/** A card as the issuer knows it: never the full number, only what the list shows and how it behaves. */
export interface RegisteredCard {
  brand: CardBrand;
  maskedCardNumber: string;
  expiryMonth: string;
  expiryYear: string;
  holderName: string;
  behaviour: CardBehaviour;
  threeDSecure: boolean;
}

/** A card registration: the hosted page's session, then the card token it issued. */
export interface CardRegistration {
  referenceNo: string;
  /** The secret part of the page URL. */
  sessionId: string;
  customerId: string;
  lang: 'ID' | 'EN';
  successRedirectUrl?: string;
  failedRedirectUrl?: string;
  status: CardRegistrationStatus;
  createdAt: number;
  expiresAt: number;
  card?: RegisteredCard;
  /** Present while the 3-D Secure challenge waits for its OTP. */
  challenge?: { attempts: number };
  cardToken?: string;
  failureReason?: string;
  completedAt?: number;
  unbindedAt?: number;
}

/** One charge: PAY, or AUTHORIZE with its later capture, void and refund. Amounts in whole rupiah. */
export interface CardPayment {
  referenceNo: string;
  partnerReferenceNo: string;
  customerId: string;
  cardToken: string;
  operation: 'PAY' | 'AUTHORIZE';
  status: CardPaymentStatus;
  amount: number;
  createdAt: number;
  /** AUTHORIZE: when an uncaptured authorisation is voided. */
  authorizationExpiresAt?: number;
  /** PENDING (network error card): when it resolves. */
  resolvesAt?: number;
  capture?: { partnerReferenceNo: string; amount: number; at: number };
  void?: { partnerReferenceNo?: string; at: number; automatic: boolean; reason?: string };
  refund?: { refundNo: string; partnerRefundNo: string; amount: number; at: number; reason?: string };
  failureResponseCode?: string;
  failureReason?: string;
}

export interface State {
  users: Map<string, User>;
  /** User key → publicUserId. */
  userByKey: Map<string, string>;
  sessions: Map<string, BindingSession>;
  sessionByPartnerRef: Map<string, string>;
  accounts: Map<string, Account>;
  accountByAuthCode: Map<string, string>;
  payments: Map<string, Payment>;
  paymentByPartnerRef: Map<string, string>;
  refundByPartnerNo: Map<string, Refund>;
  unbindings: Map<string, Unbinding>;
  unbindingByPartnerRef: Map<string, string>;
  b2bTokens: Map<string, IssuedToken>;
  customerTokens: Map<string, CustomerToken>;
  /** X-EXTERNAL-IDs used, per client: their flow and stored answers. */
  externalIds: Map<string, Map<string, ExternalIdUse>>;
  cardRegistrations: Map<string, CardRegistration>;
  cardRegistrationBySession: Map<string, string>;
  cardRegistrationByToken: Map<string, string>;
  cardPayments: Map<string, CardPayment>;
  /** partnerReferenceNo of a PAY, AUTHORIZE, CAPTURE or void → the card payment's referenceNo. */
  cardPaymentByPartnerRef: Map<string, string>;
  cardPaymentByRefundNo: Map<string, string>;
  /** Card API access tokens (their own, not B2B). */
  cardAccessTokens: Map<string, IssuedToken>;
  /** X-REQUEST-IDs already used, per card client. */
  cardRequestIds: Map<string, Set<string>>;
}

export function createState(): State {
  return {
    users: new Map(),
    userByKey: new Map(),
    sessions: new Map(),
    sessionByPartnerRef: new Map(),
    accounts: new Map(),
    accountByAuthCode: new Map(),
    payments: new Map(),
    paymentByPartnerRef: new Map(),
    refundByPartnerNo: new Map(),
    unbindings: new Map(),
    unbindingByPartnerRef: new Map(),
    b2bTokens: new Map(),
    customerTokens: new Map(),
    externalIds: new Map(),
    cardRegistrations: new Map(),
    cardRegistrationBySession: new Map(),
    cardRegistrationByToken: new Map(),
    cardPayments: new Map(),
    cardPaymentByPartnerRef: new Map(),
    cardPaymentByRefundNo: new Map(),
    cardAccessTokens: new Map(),
    cardRequestIds: new Map(),
  };
}

/** Clears the business data; issued B2B and card tokens survive, as API keys survive a test-data reset. */
export function resetState(state: State): void {
  const fresh = createState();
  const { b2bTokens, cardAccessTokens } = state;
  Object.assign(state, fresh, { b2bTokens, cardAccessTokens });
}
