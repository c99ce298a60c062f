/** Everything one simulated Ayoconnect environment remembers, for one merchant. */
import type { BankCode } from '@ayokit/core';
import type { TransactionStatusCode } from '@ayokit/core/snap';

export interface User {
  publicUserId: string;
  custIdMerchant: string;
}

export type SessionStatus = 'IN_PROGRESS' | 'VERIFICATION_PENDING' | 'SUCCESS' | 'FAIL';

export interface BindingSession {
  sessionId: string;
  referenceNo: string;
  partnerReferenceNo: string;
  publicUserId: string;
  phoneNo: string;
  bankCode: BankCode | null;
  lang: 'ID' | 'EN';
  successRedirectUrl?: string;
  failedRedirectUrl?: string;
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

export interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export interface CustomerToken extends IssuedToken {
  accountToken: string;
}

export interface State {
  users: Map<string, User>;
  userByCustId: Map<string, string>;
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
  /** X-EXTERNAL-IDs already used, per client. */
  externalIds: Map<string, Set<string>>;
}

export function createState(): State {
  return {
    users: new Map(),
    userByCustId: new Map(),
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
  };
}

/** Clears the business data; issued B2B tokens survive, as API keys survive a test-data reset. */
export function resetState(state: State): void {
  const fresh = createState();
  const b2bTokens = state.b2bTokens;
  Object.assign(state, fresh, { b2bTokens });
}
