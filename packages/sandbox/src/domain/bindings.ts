/** The binding session's life: created by the API, walked through the webview, ended by success, failure or expiry. */
import { type BankCode, getBank } from '@ayokit/core';
import { type BindingCallback, responseCode, snapTimestamp } from '@ayokit/core/snap';
import type { ScheduleOptions } from '../clock';
import { newId, type Sim } from '../context';
import { CASE_MESSAGES } from '../respond';
import type { Account, BindingSession, User } from '../state';
import { TEST_OTP } from '../testData';
import { maskAccountNo, rebindingRefusal, tokenEndDate } from './accounts';

export const SESSION_EXPIRED = 'Session Expired';
export const CARD_EXPIRED = 'Card Expired';
export const OTP_BLOCKED = 'OTP Blocked';
const OTP_ATTEMPTS = 3;

/** The user a binding is for: the one with this key, or a new one (always new without a key). */
export function userFor(sim: Sim, key: string | undefined): User {
  const known = key ? sim.state.userByKey.get(key) : undefined;
  const existing = known ? sim.state.users.get(known) : undefined;
  if (existing) return existing;
  const user: User = { publicUserId: newId(24), ...(key ? { key } : {}) };
  sim.state.users.set(user.publicUserId, user);
  if (key) sim.state.userByKey.set(key, user.publicUserId);
  return user;
}

export interface NewSession {
  partnerReferenceNo: string;
  publicUserId: string;
  phoneNo?: string;
  bankCode: BankCode | null;
  lang: 'ID' | 'EN';
  successRedirectUrl?: string;
  failedRedirectUrl?: string;
  externalId?: string;
}

export function createSession(sim: Sim, input: NewSession): BindingSession {
  const now = sim.clock.now();
  const session: BindingSession = {
    ...input,
    sessionId: newId(32),
    referenceNo: newId(32),
    status: 'IN_PROGRESS',
    createdAt: now,
    expiresAt: now + sim.bindingSessionMs,
    otpAttempts: 0,
  };
  sim.state.sessions.set(session.sessionId, session);
  sim.state.sessionByPartnerRef.set(session.partnerReferenceNo, session.sessionId);
  scheduleSessionExpiry(sim, session);
  return session;
}

export function scheduleSessionExpiry(sim: Sim, session: BindingSession, options?: ScheduleOptions): void {
  sim.scheduler.schedule(
    session.expiresAt,
    `binding session ${session.sessionId} expiry`,
    () => expireIfDue(sim, session),
    options,
  );
}

export function isFinal(session: BindingSession): boolean {
  return session.status === 'SUCCESS' || session.status === 'FAIL';
}

/** Expires an unfinished session past its time; idempotent, so both the timer and a page visit may call it. */
export function expireIfDue(sim: Sim, session: BindingSession): void {
  if (!isFinal(session) && sim.clock.now() >= session.expiresAt) failSession(sim, session, SESSION_EXPIRED);
}

export function failSession(sim: Sim, session: BindingSession, reason: string): void {
  if (isFinal(session)) return;
  session.status = 'FAIL';
  session.failureReason = reason;
  const body: BindingCallback = {
    responseCode: responseCode('binding', 'success'),
    responseMessage: CASE_MESSAGES.success,
    partnerReferenceNo: session.partnerReferenceNo,
    referenceNo: session.referenceNo,
    additionalInfo: {
      publicUserId: session.publicUserId,
      latestBindingStatus: 'FAIL',
      bankCode: session.bankCode,
      failureReason: reason,
    },
  };
  sim.callbacks.send('binding', body);
}

export function chooseBank(session: BindingSession, bankCode: BankCode): void {
  if (session.status === 'IN_PROGRESS' && session.bankCode === null) session.bankCode = bankCode;
}

/** Account details entered: the bank checks the card and its re-binding rule, then asks for the OTP. */
export function submitAccountDetails(
  sim: Sim,
  session: BindingSession,
  accountNumber: string,
  cardExpiresAt: number,
): void {
  if (session.status !== 'IN_PROGRESS' || session.bankCode === null) return;
  const now = sim.clock.now();
  session.accountNumber = accountNumber;
  session.cardExpiresAt = cardExpiresAt;
  if (now > cardExpiresAt) {
    failSession(sim, session, CARD_EXPIRED);
    return;
  }
  const refusal = rebindingRefusal(
    sim.state,
    getBank(session.bankCode),
    session.publicUserId,
    accountNumber,
    now,
  );
  if (refusal) {
    failSession(sim, session, refusal);
    return;
  }
  session.status = 'VERIFICATION_PENDING';
}

export type OtpOutcome =
  | { outcome: 'success' }
  | { outcome: 'wrong'; remainingAttempts: number }
  | { outcome: 'failed' };

export function submitBindingOtp(sim: Sim, session: BindingSession, otp: string): OtpOutcome {
  if (session.status !== 'VERIFICATION_PENDING') return { outcome: 'failed' };
  if (otp === TEST_OTP) {
    completeSession(sim, session);
    return { outcome: 'success' };
  }
  session.otpAttempts += 1;
  if (session.otpAttempts >= OTP_ATTEMPTS) {
    failSession(sim, session, OTP_BLOCKED);
    return { outcome: 'failed' };
  }
  return { outcome: 'wrong', remainingAttempts: OTP_ATTEMPTS - session.otpAttempts };
}

/**
 * The profile's `dd.authCodeSource`: an account's authCode of its own is named in the binding
 * callback and the inquiry; the binding request's X-EXTERNAL-ID (`bindingExternalId`) is named nowhere.
 */
export function namedAuthCode(sim: Sim, account: Account): { authCode?: string } {
  return sim.profile.dd.authCodeSource === 'bindingExternalId' ? {} : { authCode: account.authCode };
}

function completeSession(sim: Sim, session: BindingSession): void {
  const { bankCode, accountNumber, cardExpiresAt } = session;
  if (bankCode === null || accountNumber === undefined || cardExpiresAt === undefined) return;
  const now = sim.clock.now();
  const account: Account = {
    accountToken: newId(40),
    authCode: (sim.profile.dd.authCodeSource === 'bindingExternalId' && session.externalId) || newId(32),
    publicUserId: session.publicUserId,
    bankCode,
    accountNumber,
    maskedAccountNo: maskAccountNo(accountNumber),
    cardExpiresAt,
    status: 'ACTIVE',
    boundAt: now,
    lastActivityAt: now,
    bindingPartnerReferenceNo: session.partnerReferenceNo,
    bindingReferenceNo: session.referenceNo,
  };
  sim.state.accounts.set(account.accountToken, account);
  sim.state.accountByAuthCode.set(account.authCode, account.accountToken);
  session.status = 'SUCCESS';
  session.accountToken = account.accountToken;
  const end = tokenEndDate(account);
  const body: BindingCallback = {
    responseCode: responseCode('binding', 'success'),
    responseMessage: CASE_MESSAGES.success,
    partnerReferenceNo: session.partnerReferenceNo,
    referenceNo: session.referenceNo,
    additionalInfo: {
      publicUserId: session.publicUserId,
      latestBindingStatus: 'SUCCESS',
      bankCode,
      accountToken: account.accountToken,
      ...namedAuthCode(sim, account),
      maskedAccountNo: account.maskedAccountNo,
      tokenEndDate: end === null ? null : snapTimestamp(end),
    },
  };
  sim.callbacks.send('binding', body);
}
